#pragma once

// The JavaScript / TypeScript / TSX extractor: one instance per file, run once. The
// work is split by concern over several .cpp files:
//   extractor.cpp   scopes, declarations, functions, request handlers, background tasks
//   expressions.cpp expression facts (kind, string value, clocks, request input, names)
//   clients.cpp     imports, SDK symbols, clients, the names they are reachable by, exports
//   calls.cpp       calls into Customer.io, promise handling, loops, raw HTTP, webhooks

#include "model/model.h"
#include "syntax/document.h"
#include "syntax/node.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <vector>

namespace cio::js {

// A name declared in a scope: variable, destructured variable, parameter, function, class.
struct Decl {
  QString name;
  TSNode scope{};     // the function-like node (or the program) the name lives in
  TSNode site{};      // the declarator / function / class / parameter node
  TSNode value{};     // initializer (the function or class node itself for declarations)
  QStringList path;   // destructuring keys from `value` to the name: const { a: { b } } = v -> [a, b]
  bool parameter = false;
  // The scope's byte range, read once: lookups compare these instead of reading the
  // scope node's end from the tree (a cache miss per comparison on a large file).
  quint32 scopeStart = 0, scopeEnd = 0;
  bool declarator = false;  // declared by a variable_declarator (`site`)
  // The value, unwrapped, may be a name, member, call or new expression: the only values
  // an import, an SDK symbol or a limiter can come from (not a function, object, literal).
  bool referenceValue = false;
  bool scopeHolds(quint32 start, quint32 end) const { return scopeStart <= start && end <= scopeEnd; }
  bool sameScope(const Decl &o) const { return scopeStart == o.scopeStart && scopeEnd == o.scopeEnd; }
};

// A name a client is reachable by within a scope: "cio", "this.cio", "services.cio",
// "getClient()" (a factory function returning the client).
struct Binding {
  QString text;
  TSNode scope{};
  int clientId = -1;
};

// A name whose TypeScript type is a Customer.io client class (dependency injection:
// `constructor(private readonly cio: TrackClient)`, `function f(api: APIClient)`).
struct TypedReceiver {
  QString text;
  TSNode scope{};
  Sdk sdk = Sdk::Track;
  bool returnsPromises = true;  // a customerio-node client, not cdp-analytics-node's queue
};

class Extractor {
 public:
  Extractor(const Document &doc, const QString &path);
  // With the tree's index built already (it must be complete: not tooDeep()).
  Extractor(const Document &doc, const QString &path, ts::TreeIndex &&index);
  FileModel run();

 private:
  // --- syntax helpers (extractor.cpp) ---
  QString text(TSNode n) const { return ts::text(n, m_src); }
  static TSNode unwrap(TSNode n);       // parentheses, TS casts, non-null assertions
  static TSNode unwrapAwait(TSNode n);  // the same, and `await`
  static bool isFunction(TSNode n);
  static bool isLoop(TSNode n);
  static std::vector<TSNode> args(TSNode call);  // named arguments, comments left out
  static QString propertyName(TSNode key, const QByteArray &src);  // pair/field key without quotes
  QString stringContent(TSNode n) const;  // a string literal's value as written, no quotes
  bool isStringLiteral(TSNode n) const;   // '…', "…", `…` without substitutions
  bool hasDirective(TSNode body, const QString &directive) const;  // 'use client' in the prologue
  bool serverOnlyFile() const;   // pages/api/, a route handler file, a 'use server' module
  QString norm(TSNode n) const;  // reference text: "this.cio", "window._cio", "getClient()"
  // The name norm(n) starts with ("this" for "this.cio", "getClient" for "getClient()"),
  // found without building norm(n). Wherever norm(n) is not empty, it is this name
  // followed by nothing, '.' or '('; empty where n is no reference at all.
  QString normRoot(TSNode n) const;
  TSNode enclosingFunction(TSNode n) const;  // null node at module scope
  TSNode scopeOf(TSNode n) const;            // enclosing function or the program
  int functionIdOf(TSNode n) const;          // innermost FunctionScope id, -1 at module scope
  TSNode enclosingClass(TSNode n) const;
  const Decl *lookup(const QString &name, TSNode at) const;
  TSNode functionValue(TSNode n) const;  // n or the function a name refers to; null otherwise
  QStringList paramNames(TSNode fn) const;
  TSNode objectPair(TSNode object, const QString &key) const;  // the value of key in {…}
  TSNode followObject(TSNode n, int depth = 0) const;  // an object literal n is, or names

  void collectComments();
  void collectFunctions();
  void collectDecls();
  void markHandlers();
  void markHandlerArg(TSNode arg, bool background, int depth = 0);
  void markFunction(TSNode fn, bool background);
  // The route method markFunction is marking handlers for: GET/HEAD, another, or none
  // (a handler recognised by its shape).
  enum class RouteMethod { Unknown, Safe, Other };
  RouteMethod m_routeMethod = RouteMethod::Unknown;
  QSet<int> m_routeRegistered;  // functions registered as a route with a method already
  QStringList m_pendingGuards;  // middleware markFunction records on the handlers it marks
  QStringList m_useGuards;      // middleware applied by `router.use(...)` so far
  void guardNames(TSNode arg, QStringList &out, int depth = 0) const;
  QStringList nestGuards(TSNode method) const;

  // --- expression facts (expressions.cpp) ---
  Expr expr(TSNode n) const;
  bool isStringy(TSNode n) const;
  void flattenConcat(TSNode n, QString &out) const;
  void dynamicVariables(TSNode n, std::vector<TSNode> &out, int depth = 0) const;
  QString templateValue(TSNode n) const;
  bool isFormatCall(TSNode n) const;
  bool msClock(TSNode n, int depth = 0) const;
  QString secondsRewrite(TSNode n) const;
  TimeForm timeForm(TSNode n, QString *rewrite, int depth = 0) const;
  bool requestInput(TSNode n, int depth = 0) const;
  bool requestParameter(const Decl &d) const;
  bool requestInputPath(TSNode root, const QStringList &path, int depth) const;
  bool validatedInput(TSNode n) const;
  bool routeSchemaRestricts(TSNode n, const QStringList &values) const;
  bool dtoRestricts(TSNode n, const QStringList &values) const;
  QStringList names(TSNode n) const;
  bool dateLike(TSNode n) const;

  // --- clients (clients.cpp) ---
  void collectImports();
  QString sdkSymbolOf(TSNode n, int depth = 0) const;
  static QString moduleSymbol(const QString &specifier);
  static QString memberSymbol(const QString &base, const QString &prop);
  void collectClients();
  void buildClient(TSNode ctorNode, const QString &symbol, TSNode ctorCallee);
  void resolveBindings();
  void collectTypedReceivers();
  const TypedReceiver *findTyped(const QString &text, TSNode at) const;
  int resolveClient(TSNode n, int depth = 0) const;
  mutable bool m_askedBindings = false;  // set by resolveClient when its answer depends on m_bindings
  const Binding *findBinding(const QString &text, TSNode at) const;
  void addBinding(const QString &text, TSNode scope, int clientId);
  void addExport(const QString &name, int clientId);
  void bindTarget(TSNode site, TSNode value, int clientId);
  void bindObjectMember(TSNode object, const QString &key, int clientId);
  void bindFactoryExport(TSNode site, TSNode value);
  QString regionOf(TSNode options, int depth = 0) const;
  TSNode bindingScopeFor(TSNode target) const;
  bool calledOnceFromModuleScope(const QString &name);
  bool isServerOnlyFunction(TSNode fn) const;
  bool isServerAction(TSNode fn) const;
  void markServerOnlyClients();

  // --- calls (calls.cpp) ---
  void collectCalls();
  struct CallSites {  // calls of plain names (helper(...)), by name, built on first use
    bool built = false;
    QHash<QString, std::vector<TSNode>> byName;
  };
  void helperArguments(Call &call, CallSites &sites) const;
  QHash<QString, std::vector<int>> boundMethodDecls() const;
  std::vector<BranchArm> branchArms(TSNode call) const;
  void eventDataRewrite(Call &call, TSNode callNode, bool pipelinesShape) const;
  void parseArguments(Call &call, TSNode callNode, bool pipelinesShape);
  void attributesFrom(Call &call, TSNode object, const QSet<QString> &skip, bool followed);
  TSNode requestObject(TSNode arg) const;
  void promiseFacts(Call &call, TSNode callNode) const;
  bool awaitedLater(TSNode declarator) const;
  void loopFacts(Call &call, TSNode callNode) const;
  bool hasAwaitedSleep(TSNode body) const;
  bool usesLimiter(TSNode body) const;
  bool isLimiterWrapper(TSNode call) const;
  static Operation operationFor(const QString &method, Sdk sdk);
  void collectHttpRequests();
  HttpAuth authOfCall(TSNode call, int depth = 0) const;
  HttpAuth authOfUses(const QString &name, TSNode at, int depth) const;
  void detectBounceWebhook();
  void detectBrowserCode();

  // One pre-order index of the tree for the many walks and parent lookups below.
  template <typename Visit>
  void walk(TSNode from, Visit &&visit) const { m_index.walk(from, visit); }
  // walk(m_root, visit) for a `visit` that does nothing and returns true on nodes not of
  // `types`: only the nodes of those types are visited.
  template <typename Visit>
  void walkTypes(const ts::NodeTypes &types, Visit &&visit) const {
    m_index.walkTypes(types.in(m_language), visit);
  }
  // `export default …` (`withSpace`: followed by whitespace, else by a word boundary).
  bool isExportDefault(TSNode exportStatement, bool withSpace) const;
  TSNode parentOf(TSNode n) const { return m_index.parent(n); }
  template <typename Pred>
  TSNode ancestor(TSNode n, Pred &&pred) const {
    return m_index.ancestor(n, std::forward<Pred>(pred));
  }

  const Document &m_doc;
  const QByteArray &m_src;
  TSNode m_root;
  const TSLanguage *m_language;
  ts::TreeIndex m_index;
  QString m_path;
  FileModel m_model;

  std::vector<TSNode> m_functionNodes;         // by FunctionScope id
  QHash<quint64, int> m_functionIds;           // node key -> id
  std::vector<Decl> m_decls;
  QHash<QString, std::vector<int>> m_declsByName;
  // Per name, for lookup() in O(nesting depth) instead of O(declarations of the name):
  // minified code declares `e`, `t`, `n` in every one of thousands of functions.
  struct DeclIndex {
    std::vector<int> order;      // decl indices by scope start asc, scope end desc, then index
    std::vector<int> enclosing;  // per position: nearest earlier position whose scope strictly encloses
  };
  QHash<QString, DeclIndex> m_declIndex;
  void indexDecls();
  QHash<QString, QString> m_sdkSymbols;        // local name -> SDK symbol
  QSet<QString> m_limiterNames;                // imported limiter factories and the limiters built
  bool m_importsLimiter = false;
  QHash<QString, LocalImport> m_localImports;  // local name -> import from a project module
  std::vector<Binding> m_bindings;
  std::vector<TypedReceiver> m_typed;
  QHash<quint64, int> m_clientByNode;          // constructor node key -> client id
  QSet<int> m_queuedClients;  // clients whose calls return nothing (cdp-analytics-node)
  bool m_useServer = false;
  QHash<QString, std::pair<int, int>> m_nameUses;  // name -> (calls at module scope, other uses)
  bool m_nameUsesCounted = false;    // a Next.js 'use server' module: exported functions are actions
};

// Null-safe variants of the tree-sitter accessors (the C API crashes on null nodes).
inline TSNode field(TSNode n, const char *name) { return ts_node_is_null(n) ? n : ts::field(n, name); }
inline TSNode parentOf(TSNode n) { return ts_node_is_null(n) ? n : ts_node_parent(n); }
inline std::vector<TSNode> namedChildren(TSNode n) {
  return ts_node_is_null(n) ? std::vector<TSNode>{} : ts::namedChildren(n);
}
inline TSNode firstNamedChild(TSNode n) {
  return ts_node_is_null(n) || ts_node_named_child_count(n) == 0 ? TSNode{} : ts_node_named_child(n, 0);
}

inline bool rangeContainsNode(TSNode outer, TSNode inner) {
  return ts_node_start_byte(outer) <= ts_node_start_byte(inner) && ts_node_end_byte(inner) <= ts_node_end_byte(outer);
}

inline quint64 nodeKey(TSNode n) {
  return (static_cast<quint64>(ts_node_start_byte(n)) << 32) | ts_node_end_byte(n);
}

}  // namespace cio::js
