// The Go adapter: tree-sitter-go tree -> Customer.io model.
//
// Recognition starts from imports: `github.com/customerio/go-customerio` (any /vN,
// any alias) and `github.com/customerio/cdp-analytics-go`. Segment's analytics-go has the
// same call shapes as the Pipelines client but a different import path, so it never
// enters the model. Clients are found by their constructors, and also by declared types
// (`*customerio.CustomerIO` fields and parameters), because Go code usually builds the
// client in one place and hands it around typed.
#include "adapters/go.h"

#include "adapters/go/go_facts.h"
#include "adapters/webhook_signature.h"
#include "syntax/node.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <tree_sitter/api.h>

namespace cio {

namespace {

using ts::field;
using ts::is;
using ts::namedChildren;
using ts::range;
using ts::type;

bool isFunctionNode(TSNode n) {
  return is(n, "function_declaration") || is(n, "method_declaration") || is(n, "func_literal");
}

quint64 nodeKey(TSNode n) { return (quint64(ts_node_start_byte(n)) << 32) | ts_node_end_byte(n); }

// What a receiver name stands for.
struct Binding {
  QString name;
  int functionId = -1;  // scope of the variable, -1 at package level
  int clientId = -1;    // -1 when only the type is known (a typed parameter or field)
  Sdk sdk = Sdk::Track;
};

struct MethodShape {
  Operation op = Operation::Other;
  bool valid = false;
};

class GoExtractor {
 public:
  // `index`: the tree's index (complete: not tooDeep()).
  GoExtractor(const Document &doc, FileModel &model, const ts::TreeIndex &index)
      : m_src(doc.source()),
        m_model(model),
        m_root(ts_tree_root_node(doc.tree())),
        m_index(&index),
        m_facts(m_src, m_root, index) {}

  void run() {
    collectImports();
    collectScopes();
    if (m_cioPkg.isEmpty() && m_cdpPkg.isEmpty() && !m_cioDot) {
      // No SDK import: the file may still use a client of its own package or of another
      // package of the project, write raw HTTP to Customer.io, or handle webhooks.
      collectDeclaredNames();
      collectCalls();
      collectHttpRequests();
      return;
    }
    collectDeclaredNames();
    collectTypedBindings();
    collectClients();
    collectCalls();
    collectHttpRequests();
    collectExports();
  }

 private:
  const QByteArray &m_src;
  FileModel &m_model;
  QSet<int> m_routeRegistered;  // functions registered as a route with a method already
  TSNode m_root;
  const ts::TreeIndex *m_index;
  GoFacts m_facts;

  // The walks and parent lookups go through one pre-order index of the tree (one cursor
  // walk instead of one per walk; a parent in O(log n) instead of a search from the root).
  TSNode parentOf(TSNode n) const { return m_index->parent(n); }
  template <typename Pred>
  TSNode ancestor(TSNode n, Pred &&pred) const {
    return m_index->ancestor(n, std::forward<Pred>(pred));
  }
  template <typename Visit>
  void walk(TSNode from, Visit &&visit) const {
    m_index->walk(from, visit);
  }

  QString m_cioPkg;  // local name of go-customerio ("customerio", or its alias)
  bool m_cioDot = false;
  QString m_cdpPkg;  // local name of cdp-analytics-go ("analytics", or its alias)
  QHash<QString, QString> m_otherImports;  // local package name -> import path

  QHash<quint64, int> m_functionByNode;
  std::vector<TSNode> m_functionNodes;
  std::vector<Binding> m_vars;            // variables bound to clients
  QHash<QString, Binding> m_fields;       // struct field name -> client
  QHash<QString, Binding> m_factories;    // func name returning a client -> client
  QSet<QString> m_declared;               // every name declared anywhere in the file
  QSet<QString> m_packageVars;            // package-level var names
  QSet<QString> m_pendingNames;

  QString text(TSNode n) const { return ts::text(n, m_src); }

  // --- imports ----------------------------------------------------------------------

  static QString defaultPackageName(const QString &path) {
    QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    static const QRegularExpression version(QStringLiteral("^v\\d+$"));
    while (parts.size() > 1 && version.match(parts.last()).hasMatch()) parts.removeLast();
    QString last = parts.isEmpty() ? path : parts.last();
    static const QRegularExpression dotVersion(QStringLiteral("\\.v\\d+$"));
    last.remove(dotVersion);
    if (last.startsWith(QLatin1String("go-"))) last = last.mid(3);
    if (last.endsWith(QLatin1String("-go"))) last.chop(3);
    last.replace(QLatin1Char('-'), QLatin1Char('_'));
    return last;
  }

  void collectImports() {
    static const QRegularExpression cioPath(QStringLiteral("^github\\.com/customerio/go-customerio(/v\\d+)?$"));
    static const QRegularExpression cdpPath(QStringLiteral("^github\\.com/customerio/cdp-analytics-go(/v\\d+)?$"));
    walk(m_root, [&](TSNode n) {
      if (is(n, "import_spec")) {
        const TSNode pathNode = field(n, "path");
        const QString path = GoFacts::stringContent(pathNode, m_src);
        const TSNode nameNode = field(n, "name");
        const QString alias = ts_node_is_null(nameNode) ? QString() : text(nameNode);
        if (alias == QLatin1String("_")) return false;
        if (cioPath.match(path).hasMatch()) {
          if (alias == QLatin1String("."))
            m_cioDot = true;
          else
            m_cioPkg = alias.isEmpty() ? QStringLiteral("customerio") : alias;
        } else if (cdpPath.match(path).hasMatch()) {
          m_cdpPkg = alias.isEmpty() ? QStringLiteral("analytics") : alias;
        } else if (alias != QLatin1String(".")) {
          m_otherImports.insert(alias.isEmpty() ? defaultPackageName(path) : alias, path);
        }
        return false;
      }
      return is(n, "source_file") || is(n, "import_declaration") || is(n, "import_spec_list");
    });
  }

  // --- functions, comments, handlers, goroutines --------------------------------------

  int functionOf(TSNode n) const {
    const TSNode f = ancestor(n, isFunctionNode);
    return ts_node_is_null(f) ? -1 : m_functionByNode.value(nodeKey(f), -1);
  }
  // The top-level declaration (function or method) around n, or null.
  TSNode declarationOf(TSNode n) const {
    return ancestor(n, [](TSNode p) { return is(p, "function_declaration") || is(p, "method_declaration"); });
  }

  static bool isHandlerSignature(const QString &params) {
    QString p = params;
    p.remove(QLatin1Char(' '));
    if (p.contains(QLatin1String("http.ResponseWriter")) && p.contains(QLatin1String("*http.Request"))) return true;
    return p.contains(QLatin1String("*gin.Context")) || p.contains(QLatin1String("echo.Context")) ||
           p.contains(QLatin1String("*fiber.Ctx"));
  }

  void collectScopes() {
    walk(m_root, [&](TSNode n) {
      if (is(n, "comment")) {
        m_model.comments.push_back({range(n), text(n)});
        return false;
      }
      if (isFunctionNode(n)) {
        FunctionScope f;
        f.id = static_cast<int>(m_model.functions.size());
        f.parentId = functionOf(n);
        f.range = range(n);
        const TSNode name = field(n, "name");
        f.name = ts_node_is_null(name) ? literalName(n) : text(name);
        f.requestHandler = isHandlerSignature(text(field(n, "parameters")));
        m_functionByNode.insert(nodeKey(n), f.id);
        m_functionNodes.push_back(n);
        m_model.functions.push_back(f);
      }
      return true;
    });
    // Handlers registered by name, goroutine entry points, bounce webhooks.
    walk(m_root, [&](TSNode n) {
      if (is(n, "go_statement")) {
        const auto kids = namedChildren(n);
        if (!kids.empty() && is(kids[0], "call_expression")) markFunctionValue(field(kids[0], "function"), false);
      } else if (is(n, "call_expression")) {
        markRegisteredHandler(n);
      } else if (is(n, "binary_expression") || is(n, "expression_switch_statement")) {
        for (TSNode literal : m_facts.comparedMetrics(n)) {
          const QString v = GoFacts::stringContent(literal, m_src);
          const bool bounce = v == QLatin1String("bounced") || v == QLatin1String("email_bounced");
          m_model.webhookReads.push_back({ts::range(literal), functionOf(literal), bounce});
          if (bounce) m_model.handlesBounceWebhook = true;
        }
      }
      return true;
    });
  }

  QString literalName(TSNode lit) const {
    // `handler := func(...)`, `var h = func(...)`: the variable names the literal.
    TSNode p = parentOf(lit);
    if (is(p, "expression_list")) {
      const TSNode holder = parentOf(p);
      if (is(holder, "short_var_declaration") || is(holder, "assignment_statement")) {
        const auto left = namedChildren(field(holder, "left"));
        if (!left.empty()) return text(left[0]);
      }
      if (is(holder, "var_spec")) return text(field(holder, "name"));
    }
    return QStringLiteral("func literal");
  }

  // How a route registration names its HTTP method: not a registration, GET/HEAD only,
  // or anything else (a POST route, or a pattern that takes every method).
  enum class Route { None, Safe, Other };

  void mark(int id, bool handler, Route route) {
    FunctionScope &f = m_model.functions[id];
    (handler ? f.requestHandler : f.backgroundTask) = true;
    if (route == Route::Safe) f.safeMethodsOnly = !m_routeRegistered.contains(id) || f.safeMethodsOnly;
    if (route == Route::Other) f.safeMethodsOnly = false;
    if (route != Route::None) m_routeRegistered.insert(id);
  }

  // Marks the function that `fn` denotes (a literal, a function name, a method value) as
  // a request handler or a background task.
  void markFunctionValue(TSNode fn, bool handler, int depth = 0, Route route = Route::None) {
    if (ts_node_is_null(fn) || depth > GoFacts::kMaxDepth) return;
    if (is(fn, "parenthesized_expression")) {
      const auto kids = namedChildren(fn);
      if (!kids.empty()) markFunctionValue(kids[0], handler, depth + 1, route);
      return;
    }
    if (is(fn, "func_literal")) {
      const int id = m_functionByNode.value(nodeKey(fn), -1);
      if (id >= 0) mark(id, handler, route);
      return;
    }
    if (is(fn, "call_expression")) {
      // http.HandlerFunc(h), http.TimeoutHandler(h, ...), middleware(h)
      const auto args = namedChildren(field(fn, "arguments"));
      if (handler && !args.empty()) markFunctionValue(args[0], handler, depth + 1, route);
      return;
    }
    QString name;
    if (is(fn, "identifier")) name = text(fn);
    else if (is(fn, "selector_expression")) name = text(field(fn, "field"));
    if (name.isEmpty()) return;
    for (size_t i = 0; i < m_functionNodes.size(); ++i) {
      const TSNode f = m_functionNodes[i];
      if (is(f, "func_literal")) continue;
      if (text(field(f, "name")) != name) continue;
      mark(static_cast<int>(i), handler, route);
    }
  }

  void markRegisteredHandler(TSNode call) {
    const TSNode fn = field(call, "function");
    const auto args = namedChildren(field(call, "arguments"));
    if (is(fn, "selector_expression") && text(fn).endsWith(QLatin1String("http.HandlerFunc"))) return;
    if (text(fn) == QLatin1String("http.HandlerFunc")) {
      if (!args.empty()) markFunctionValue(args[0], true);
      return;
    }
    if (!is(fn, "selector_expression") || args.size() < 2) return;
    const QString method = text(field(fn, "field"));
    static const QSet<QString> routeMethods{
        QStringLiteral("HandleFunc"), QStringLiteral("Handle"), QStringLiteral("Get"), QStringLiteral("Post"),
        QStringLiteral("Put"), QStringLiteral("Patch"), QStringLiteral("Delete"), QStringLiteral("Head"),
        QStringLiteral("Options"), QStringLiteral("Any"), QStringLiteral("Method"), QStringLiteral("MethodFunc"),
        QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"), QStringLiteral("PATCH"),
        QStringLiteral("DELETE"), QStringLiteral("HEAD"), QStringLiteral("OPTIONS"), QStringLiteral("All")};
    if (!routeMethods.contains(method)) return;
    // A route registration starts with a path (or a method then a path).
    bool hasPath = false;
    for (size_t i = 0; i + 1 < args.size() && i < 2; ++i) {
      const QString v = GoFacts::stringContent(args[i], m_src);
      if (GoFacts::isStringLiteral(args[i]) && (v.startsWith(QLatin1Char('/')) || v.contains(QLatin1String(" /"))))
        hasPath = true;
    }
    if (!hasPath) return;
    // gin r.GET, chi r.Get, echo e.GET, chi r.Method("GET", ...), Go 1.22 "GET /x"
    // patterns: nothing posts a webhook to a GET route.
    const auto safe = [](const QString &verb) { return verb == QLatin1String("GET") || verb == QLatin1String("HEAD"); };
    Route route = safe(method.toUpper()) ? Route::Safe : Route::Other;
    if (method == QLatin1String("Method") || method == QLatin1String("MethodFunc"))
      route = safe(GoFacts::stringContent(args[0], m_src).toUpper()) ? Route::Safe : Route::Other;
    if (method == QLatin1String("HandleFunc") || method == QLatin1String("Handle")) {
      const QString pattern = GoFacts::stringContent(args[0], m_src).trimmed();
      route = safe(pattern.section(QLatin1Char(' '), 0, 0)) && pattern.contains(QLatin1Char(' ')) ? Route::Safe
                                                                                                  : Route::Other;
    }
    for (size_t i = 1; i < args.size(); ++i) markFunctionValue(args[i], true, 0, route);
  }

  // --- declared names -------------------------------------------------------------------

  void collectDeclaredNames() {
    walk(m_root, [&](TSNode n) {
      auto addList = [&](TSNode list) {
        if (ts_node_is_null(list)) return;
        if (is(list, "identifier")) {
          m_declared.insert(text(list));
          return;
        }
        for (TSNode c : namedChildren(list))
          if (is(c, "identifier")) m_declared.insert(text(c));
      };
      if (is(n, "short_var_declaration"))
        addList(field(n, "left"));
      else if (is(n, "range_clause"))
        addList(field(n, "left"));
      else if (is(n, "receive_statement"))
        addList(field(n, "left"));
      else if (is(n, "var_spec") || is(n, "const_spec") || is(n, "parameter_declaration") ||
               is(n, "variadic_parameter_declaration")) {
        const bool topLevel = ts_node_is_null(ancestor(n, isFunctionNode));
        for (uint32_t i = 0; i < ts_node_child_count(n); ++i) {
          const char *fname = ts_node_field_name_for_child(n, i);
          if (fname && std::strcmp(fname, "name") == 0) {
            const QString name = text(ts_node_child(n, i));
            m_declared.insert(name);
            if (topLevel && is(n, "var_spec")) m_packageVars.insert(name);
          }
        }
      } else if (is(n, "function_declaration")) {
        m_declared.insert(text(field(n, "name")));
      }
      return true;
    });
  }

  // --- clients ----------------------------------------------------------------------------

  // The SDK a declared type denotes: *customerio.CustomerIO, *customerio.APIClient,
  // analytics.Client (cdp-analytics-go).
  std::optional<Sdk> sdkOfType(TSNode t) const {
    if (ts_node_is_null(t)) return std::nullopt;
    QString s = text(t);
    s.remove(QLatin1Char('*'));
    s = s.trimmed();
    if (!m_cioPkg.isEmpty()) {
      if (s == m_cioPkg + QLatin1String(".CustomerIO")) return Sdk::Track;
      if (s == m_cioPkg + QLatin1String(".APIClient")) return Sdk::App;
    }
    if (m_cioDot && (s == QLatin1String("CustomerIO"))) return Sdk::Track;
    if (m_cioDot && (s == QLatin1String("APIClient"))) return Sdk::App;
    if (!m_cdpPkg.isEmpty() && s == m_cdpPkg + QLatin1String(".Client")) return Sdk::Pipelines;
    return std::nullopt;
  }

  void collectTypedBindings() {
    walk(m_root, [&](TSNode n) {
      const bool decl = is(n, "field_declaration") || is(n, "parameter_declaration") || is(n, "var_spec");
      if (!decl) return true;
      const auto sdk = sdkOfType(field(n, "type"));
      if (!sdk) return true;
      for (uint32_t i = 0; i < ts_node_child_count(n); ++i) {
        const char *fname = ts_node_field_name_for_child(n, i);
        if (!fname || std::strcmp(fname, "name") != 0) continue;
        Binding b{text(ts_node_child(n, i)), -1, -1, *sdk};
        if (is(n, "field_declaration")) {
          if (!m_fields.contains(b.name)) m_fields.insert(b.name, b);
        } else {
          // a parameter belongs to its function; a var to its enclosing function
          b.functionId = is(n, "parameter_declaration") ? m_functionByNode.value(nodeKey(parentOf(parentOf(n))), -1)
                                                        : functionOf(n);
          m_vars.push_back(b);
        }
      }
      return true;
    });
    // Functions returning a client: `func client() *customerio.CustomerIO`.
    for (TSNode f : m_functionNodes) {
      if (is(f, "func_literal")) continue;
      if (const auto sdk = sdkOfType(field(f, "result")))
        m_factories.insert(text(field(f, "name")), Binding{text(field(f, "name")), -1, -1, *sdk});
    }
  }

  std::optional<Sdk> constructorSdk(TSNode call, bool *legacy) const {
    const TSNode fn = field(call, "function");
    QString pkg, name;
    if (is(fn, "selector_expression")) {
      pkg = text(field(fn, "operand"));
      name = text(field(fn, "field"));
    } else if (is(fn, "identifier") && m_cioDot) {
      name = text(fn);
      pkg = m_cioPkg;
    } else {
      return std::nullopt;
    }
    *legacy = false;
    if ((!m_cioPkg.isEmpty() && pkg == m_cioPkg) || (m_cioDot && is(fn, "identifier"))) {
      if (name == QLatin1String("NewTrackClient")) return Sdk::Track;
      if (name == QLatin1String("NewCustomerIO")) {
        *legacy = true;
        return Sdk::Track;
      }
      if (name == QLatin1String("NewAPIClient")) return Sdk::App;
    }
    if (!m_cdpPkg.isEmpty() && pkg == m_cdpPkg &&
        (name == QLatin1String("New") || name == QLatin1String("NewWithConfig")))
      return Sdk::Pipelines;
    return std::nullopt;
  }

  void collectClients() {
    walk(m_root, [&](TSNode n) {
      if (!is(n, "call_expression")) return true;
      bool legacy = false;
      const auto sdk = constructorSdk(n, &legacy);
      if (!sdk) return true;
      addClient(n, *sdk, legacy);
      return true;
    });
  }

  QString regionOf(const std::vector<TSNode> &args, size_t from) const {
    for (size_t i = from; i < args.size(); ++i) {
      const QString t = text(args[i]);
      if (t.contains(QLatin1String("RegionEU")) || t.contains(QLatin1String("cdp-eu.customer.io")) ||
          t.contains(QLatin1String("track-eu.customer.io")) || t.contains(QLatin1String("api-eu.customer.io")))
        return QStringLiteral("eu");
      if (t.contains(QLatin1String("RegionUS")) || t.contains(QLatin1String("cdp.customer.io")))
        return QStringLiteral("us");
    }
    return QString();
  }

  // Inside the function literal given to `once.Do(...)`, `sync.OnceValue(...)`,
  // `sync.OnceFunc(...)`: built once per process.
  bool inOnce(TSNode n) const {
    for (TSNode lit = ancestor(n, isFunctionNode); !ts_node_is_null(lit) && is(lit, "func_literal");
         lit = ancestor(lit, isFunctionNode)) {
      const TSNode args = parentOf(lit);
      if (!is(args, "argument_list")) continue;
      const TSNode call = parentOf(args);
      const TSNode fn = field(call, "function");
      if (!is(fn, "selector_expression")) continue;
      const QString method = text(field(fn, "field"));
      const QString recv = text(field(fn, "operand"));
      if (method == QLatin1String("Do") && recv.contains(QLatin1String("once"), Qt::CaseInsensitive)) return true;
      if (recv == QLatin1String("sync") && method.startsWith(QLatin1String("Once"))) return true;
    }
    return false;
  }

  // `if client == nil { client = customerio.NewTrackClient(...) }` on a package-level var.
  bool lazyPackageVar(TSNode n, const QString &target) const {
    if (!m_packageVars.contains(target)) return false;
    for (TSNode p = parentOf(n); !ts_node_is_null(p) && !isFunctionNode(p); p = parentOf(p)) {
      if (!is(p, "if_statement")) continue;
      QString cond = text(field(p, "condition"));
      cond.remove(QLatin1Char(' '));
      if (cond.contains(target + QLatin1String("==nil"))) return true;
    }
    return false;
  }

  void addClient(TSNode call, Sdk sdk, bool legacy) {
    Client c;
    c.id = static_cast<int>(m_model.clients.size());
    c.sdk = sdk;
    c.range = range(call);
    c.constructor = text(field(call, "function"));
    c.legacyConstructor = legacy;
    std::vector<TSNode> args;  // comments between the arguments are not arguments
    for (TSNode a : namedChildren(field(call, "arguments")))
      if (!is(a, "comment")) args.push_back(a);
    const size_t credentials = sdk == Sdk::Track ? 2 : 1;
    for (size_t i = 0; i < args.size() && i < credentials; ++i) c.credentialArgs.push_back(exprOf(args[i]));
    c.region = regionOf(args, credentials);
    for (size_t i = credentials; i < args.size(); ++i) {
      const QString t = text(args[i]);
      c.regionGiven = c.regionGiven || t.contains(QLatin1String("Region")) || t.contains(QLatin1String("URL")) ||
                      t.contains(QLatin1String("Endpoint"));
    }

    c.functionId = functionOf(call);
    const TSNode decl = declarationOf(call);
    const TSNode inner = ancestor(call, isFunctionNode);
    if (!ts_node_is_null(inner)) {
      const QString declName = text(field(decl, "name"));
      const bool mainOrInit = ts_node_eq(inner, decl) && is(decl, "function_declaration") &&
                              (declName == QLatin1String("main") || declName == QLatin1String("init"));
      // main() and init() run once per process: the Go spelling of module scope.
      c.insideFunction = !mainOrInit;
      // A `New…` function that returns a struct is Go's constructor: once per object.
      // One that returns the client itself is a factory and may run per request.
      if (ts_node_eq(inner, decl) && is(decl, "function_declaration") &&
          (declName.startsWith(QLatin1String("New")) || declName.startsWith(QLatin1String("new"))) &&
          !sdkOfType(field(decl, "result")))
        c.inConstructor = true;
      c.cached = inOnce(call);
    }

    // Where the client goes: a variable, a struct field, a return value.
    TSNode p = parentOf(call);
    if (is(p, "expression_list")) {
      const TSNode holder = parentOf(p);
      const auto values = namedChildren(p);
      size_t index = 0;
      for (size_t i = 0; i < values.size(); ++i)
        if (ts_node_eq(values[i], call)) index = i;
      if (is(holder, "short_var_declaration") || is(holder, "assignment_statement")) {
        const auto left = namedChildren(field(holder, "left"));
        if (values.size() == 1) index = 0;
        if (index < left.size()) bindTarget(left[index], c, holder);
      } else if (is(holder, "var_spec")) {
        std::vector<TSNode> names;
        for (uint32_t i = 0; i < ts_node_child_count(holder); ++i) {
          const char *fname = ts_node_field_name_for_child(holder, i);
          if (fname && std::strcmp(fname, "name") == 0) names.push_back(ts_node_child(holder, i));
        }
        if (values.size() == 1) index = 0;
        if (index < names.size()) bindTarget(names[index], c, holder);
      } else if (is(holder, "return_statement") && !ts_node_is_null(decl)) {
        const QString fname = text(field(decl, "name"));
        m_factories.insert(fname, Binding{fname, -1, c.id, sdk});
      }
    } else if (is(p, "literal_element")) {
      const TSNode keyed = parentOf(p);
      if (is(keyed, "keyed_element")) {
        const TSNode key = field(keyed, "key");
        const QString name = text(key).trimmed();
        c.names << name;
        m_fields.insert(name, Binding{name, -1, c.id, sdk});
      }
    }
    m_model.clients.push_back(c);
  }

  void bindTarget(TSNode target, Client &c, TSNode holder) {
    if (is(target, "identifier")) {
      const QString name = text(target);
      if (name == QLatin1String("_")) return;
      c.names << name;
      const bool assignment = is(holder, "assignment_statement");
      // Assigning a package-level var from a function keeps the package-level binding.
      const int scope = assignment && m_packageVars.contains(name) ? -1 : functionOf(holder);
      if (assignment && lazyPackageVar(holder, name)) c.cached = true;
      m_vars.push_back(Binding{name, scope, c.id, c.sdk});
    } else if (is(target, "selector_expression")) {
      const QString name = text(field(target, "field"));
      c.names << text(target);
      m_fields.insert(name, Binding{name, -1, c.id, c.sdk});
    }
  }

  // --- calls --------------------------------------------------------------------------------

  const Binding *lookupVar(const QString &name, int functionId) const {
    // innermost scope first, then package level
    for (int f = functionId;; f = m_model.functions[f].parentId) {
      const Binding *found = nullptr;
      for (const Binding &b : m_vars)
        if (b.name == name && b.functionId == f) found = &b;
      if (found) return found;
      if (f < 0) break;
    }
    return nullptr;
  }

  static MethodShape shapeOf(const QString &method, Sdk sdk) {
    QString m = method;
    if (m.endsWith(QLatin1String("Ctx"))) m.chop(3);
    MethodShape s{Operation::Other, true};
    if (sdk == Sdk::Track) {
      if (m == QLatin1String("Identify")) s.op = Operation::Identify;
      else if (m == QLatin1String("Track")) s.op = Operation::Track;
      else if (m == QLatin1String("TrackAnonymous")) s.op = Operation::TrackAnonymous;
      else if (m == QLatin1String("Delete")) s.op = Operation::Delete;
      else if (m == QLatin1String("AddDevice")) s.op = Operation::AddDevice;
      else if (m == QLatin1String("DeleteDevice")) s.op = Operation::DeleteDevice;
      else if (m == QLatin1String("MergeCustomers")) s.op = Operation::Merge;
      else if (m == QLatin1String("AddPeopleToSegment") || m == QLatin1String("RemovePeopleFromSegment"))
        s.op = Operation::Other;
      else s.valid = false;
    } else if (sdk == Sdk::App) {
      if (m == QLatin1String("SendEmail")) s.op = Operation::SendEmail;
      else if (m == QLatin1String("SendPush")) s.op = Operation::SendPush;
      else if (m == QLatin1String("SendSMS")) s.op = Operation::SendSms;
      else if (m == QLatin1String("SendInboxMessage") || m == QLatin1String("SendInApp")) s.op = Operation::SendOther;
      else if (m == QLatin1String("TriggerBroadcast")) s.op = Operation::TriggerBroadcast;
      else s.valid = false;
    } else if (sdk == Sdk::Pipelines) {
      s.valid = m == QLatin1String("Enqueue");
    } else {
      s.valid = false;
    }
    return s;
  }

  // For a call through a name whose client lives in another file: the SDK its method
  // belongs to (the linker overwrites it with the client's).
  static std::optional<Sdk> sdkOfMethod(const QString &method) {
    for (Sdk sdk : {Sdk::Track, Sdk::App, Sdk::Pipelines})
      if (shapeOf(method, sdk).valid) return sdk;
    return std::nullopt;
  }

  void collectCalls() {
    walk(m_root, [&](TSNode n) {
      if (!is(n, "call_expression")) return true;
      const TSNode fn = field(n, "function");
      if (!is(fn, "selector_expression")) return true;
      const TSNode recv = field(fn, "operand");
      const QString method = text(field(fn, "field"));
      const int functionId = functionOf(n);

      const Binding *binding = nullptr;
      QString pendingName, pendingImported, pendingSpecifier;
      if (is(recv, "identifier")) {
        const QString name = text(recv);
        binding = lookupVar(name, functionId);
        if (!binding && !m_declared.contains(name) && !m_otherImports.contains(name) && name != m_cioPkg &&
            name != m_cdpPkg) {
          pendingName = pendingImported = name;
          pendingSpecifier = QStringLiteral(".");
        }
      } else if (is(recv, "selector_expression")) {
        const TSNode base = field(recv, "operand");
        const QString fieldName = text(field(recv, "field"));
        if (is(base, "identifier") && m_otherImports.contains(text(base)) && !m_declared.contains(text(base))) {
          pendingName = text(recv);
          pendingImported = fieldName;
          pendingSpecifier = m_otherImports.value(text(base));
        } else if (m_fields.contains(fieldName)) {
          binding = &m_fields[fieldName];
        }
      } else if (is(recv, "call_expression")) {
        const TSNode inner = field(recv, "function");
        if (is(inner, "identifier") && m_factories.contains(text(inner))) binding = &m_factories[text(inner)];
      }

      if (binding) {
        const MethodShape shape = shapeOf(method, binding->sdk);
        if (!shape.valid) return true;
        Call call = buildCall(n, method, binding->sdk, shape.op);
        call.clientId = binding->clientId;
        m_model.calls.push_back(std::move(call));
      } else if (!pendingName.isEmpty()) {
        const auto sdk = sdkOfMethod(method);
        if (!sdk) return true;
        Call call = buildCall(n, method, *sdk, shapeOf(method, *sdk).op);
        m_model.pendingCalls.emplace_back(pendingName, std::move(call));
        if (!m_pendingNames.contains(pendingName)) {
          m_pendingNames.insert(pendingName);
          m_model.imports.push_back({pendingName, pendingImported, pendingSpecifier});
        }
      }
      return true;
    });
  }

  Expr exprOf(TSNode n) const { return m_facts.expr(n); }

  Call buildCall(TSNode n, const QString &method, Sdk sdk, Operation op) {
    Call call;
    call.op = op;
    call.method = method;
    call.sdk = sdk;
    call.range = range(n);
    call.calleeRange = range(field(field(n, "function"), "field"));
    call.functionId = functionOf(n);
    std::vector<TSNode> args = namedChildren(field(n, "arguments"));
    const bool ctx = method.endsWith(QLatin1String("Ctx")) || sdk == Sdk::App ||
                     method == QLatin1String("AddPeopleToSegment") || method == QLatin1String("RemovePeopleFromSegment");
    if (ctx && !args.empty()) args.erase(args.begin());
    auto arg = [&](size_t i) { return i < args.size() ? args[i] : TSNode{}; };

    if (sdk == Sdk::Track) {
      switch (op) {
        case Operation::Identify:
          if (!ts_node_is_null(arg(0))) call.personId = exprOf(arg(0));
          fillAttributes(call, arg(1), n);
          break;
        case Operation::Track:
        case Operation::TrackAnonymous:
          if (!ts_node_is_null(arg(0))) call.personId = exprOf(arg(0));
          if (op == Operation::TrackAnonymous) call.anonymousId = call.personId;
          if (!ts_node_is_null(arg(1))) call.eventName = exprOf(arg(1));
          fillAttributes(call, arg(2), n);
          for (size_t i = 3; i < args.size(); ++i) trackOption(call, args[i]);
          break;
        case Operation::AddDevice:
          if (!ts_node_is_null(arg(0))) call.personId = exprOf(arg(0));
          fillAttributes(call, arg(3), n);
          break;
        case Operation::Delete:
        case Operation::DeleteDevice:
          if (!ts_node_is_null(arg(0))) call.personId = exprOf(arg(0));
          break;
        default: break;
      }
    } else if (sdk == Sdk::App) {
      if (op == Operation::TriggerBroadcast) fillAttributes(call, arg(1), n);
      else fillRequest(call, arg(0), n);
    } else if (sdk == Sdk::Pipelines) {
      fillPipelinesMessage(call, arg(0), n);
    }

    call.inLoop = m_facts.inCollectionLoop(n, &call.loopThrottled);
    // The Pipelines client queues and sends batches from its own goroutine.
    if (sdk == Sdk::Pipelines && call.inLoop) call.loopThrottled = true;
    // Every go-customerio call is a synchronous HTTP round trip, unless it runs in a
    // goroutine. The Pipelines client's Enqueue only queues: its own goroutine sends.
    const bool spawned = is(parentOf(n), "go_statement");
    call.waitsForResult = sdk != Sdk::Pipelines && !spawned && !m_model.inBackgroundTask(call.functionId);
    return call;
  }

  // `customerio.WithEventTimestamp(t)` -> attribute "timestamp";
  // `customerio.WithEventType(customerio.TrackTypePage)` -> a page view.
  void trackOption(Call &call, TSNode opt) {
    if (!is(opt, "call_expression")) return;
    const TSNode fn = field(opt, "function");
    const QString name = is(fn, "selector_expression") ? text(field(fn, "field")) : text(fn);
    const auto args = namedChildren(field(opt, "arguments"));
    if (name == QLatin1String("WithEventTimestamp") && !args.empty()) {
      // The option takes a time.Time and sends its Unix() seconds.
      call.attributes.push_back({QStringLiteral("timestamp"), range(fn), exprOf(args[0]), true});
    } else if (name == QLatin1String("WithEventType") && !args.empty() &&
               text(args[0]).endsWith(QLatin1String("TrackTypePage"))) {
      call.op = Operation::Page;
    }
  }

  // Attributes from a map literal, or from a local variable holding one.
  void fillAttributes(Call &call, TSNode value, TSNode callNode) {
    if (ts_node_is_null(value) || is(value, "nil")) {
      call.attributesFullyVisible = true;
      return;
    }
    bool visible = true;
    std::vector<GoKeyedValue> assigned;
    const TSNode written = value;
    if (is(value, "identifier")) value = m_facts.localValue(value, callNode, &visible, &assigned);
    std::vector<GoKeyedValue> kvs;
    const bool literal = !ts_node_is_null(value) && m_facts.keyedElements(value, &kvs);
    if (!literal) call.spreadAttributes.push_back(m_facts.expr(written));  // Identify(id, req.Traits)
    for (const GoKeyedValue &kv : kvs) call.attributes.push_back(m_facts.attribute(kv));
    for (const GoKeyedValue &kv : assigned) call.attributes.push_back(m_facts.attribute(kv));
    call.attributesFullyVisible = literal && visible;
  }

  // The fields of a request struct literal, or of a local variable holding one.
  std::vector<GoKeyedValue> requestFields(TSNode value, TSNode callNode, bool *visible) const {
    std::vector<GoKeyedValue> fields;
    if (ts_node_is_null(value)) return fields;
    if (is(value, "unary_expression")) value = field(value, "operand");
    std::vector<GoKeyedValue> assigned;
    if (is(value, "identifier")) value = m_facts.localValue(value, callNode, visible, &assigned);
    if (ts_node_is_null(value) || !is(value, "composite_literal")) {
      *visible = false;
      return fields;
    }
    if (!m_facts.keyedElements(value, &fields)) *visible = false;
    for (GoKeyedValue &kv : assigned) fields.push_back(kv);
    return fields;
  }

  // SendEmail(ctx, &customerio.SendEmailRequest{To: ..., Identifiers: map[string]string{"id": ...}})
  void fillRequest(Call &call, TSNode value, TSNode callNode) {
    bool visible = true;
    const std::vector<GoKeyedValue> fields = requestFields(value, callNode, &visible);
    call.attributesFullyVisible = visible;
    for (const GoKeyedValue &kv : fields) {
      call.attributes.push_back(m_facts.attribute(kv));
      if (kv.key != QLatin1String("Identifiers")) continue;
      std::vector<GoKeyedValue> identifiers;
      if (!m_facts.keyedElements(kv.value, &identifiers)) call.attributesFullyVisible = false;
      for (const GoKeyedValue &id : identifiers) {
        call.attributes.push_back(m_facts.attribute(id));
        if (id.key == QLatin1String("id")) call.personId = m_facts.expr(id.value);
      }
    }
  }

  // client.Enqueue(analytics.Track{UserId: ..., Event: ..., Properties: analytics.NewProperties()...})
  void fillPipelinesMessage(Call &call, TSNode value, TSNode callNode) {
    TSNode literal = is(value, "unary_expression") ? field(value, "operand") : value;
    bool visible = true;
    std::vector<GoKeyedValue> assigned;
    if (is(literal, "identifier")) literal = m_facts.localValue(literal, callNode, &visible, &assigned);
    if (ts_node_is_null(literal) || !is(literal, "composite_literal")) return;
    const QString kind = text(field(literal, "type")).section(QLatin1Char('.'), -1);
    if (kind == QLatin1String("Identify")) call.op = Operation::Identify;
    else if (kind == QLatin1String("Track")) call.op = Operation::Track;
    else if (kind == QLatin1String("Page") || kind == QLatin1String("Screen")) call.op = Operation::Page;
    else call.op = Operation::Other;
    std::vector<GoKeyedValue> fields = requestFields(value, callNode, &visible);
    call.attributesFullyVisible = visible;
    for (const GoKeyedValue &kv : fields) {
      if (kv.key == QLatin1String("UserId")) {
        call.personId = m_facts.expr(kv.value);
      } else if (kv.key == QLatin1String("AnonymousId")) {
        if (!call.personId) call.personId = m_facts.expr(kv.value);
      } else if (kv.key == QLatin1String("Event") || (kv.key == QLatin1String("Name") && call.op == Operation::Page)) {
        call.eventName = m_facts.expr(kv.value);
      } else if (kv.key == QLatin1String("Timestamp")) {
        call.attributes.push_back({QStringLiteral("timestamp"), range(kv.keyNode), m_facts.expr(kv.value), false});
      } else if (kv.key == QLatin1String("Traits") || kv.key == QLatin1String("Properties")) {
        if (!m_facts.pipelinesData(kv.value, callNode, &call.attributes)) call.attributesFullyVisible = false;
      }
    }
  }

  // --- raw HTTP -------------------------------------------------------------------------------

  void collectHttpRequests() {
    static const QRegularExpression host(QStringLiteral("\\b((?:track|api|cdp)(?:-eu)?\\.customer\\.io)\\b"));
    walk(m_root, [&](TSNode n) {
      if (!GoFacts::isStringLiteral(n)) return true;
      const auto m = host.match(GoFacts::stringContent(n, m_src));
      if (!m.hasMatch()) return false;
      HttpRequest req;
      req.range = range(n);
      req.host = m.captured(1);
      TSNode scope = ancestor(n, isFunctionNode);
      if (ts_node_is_null(scope)) {
        // `const trackURL = "https://track.customer.io/..."`: the functions using the
        // constant make the request.
        const TSNode spec = ancestor(n, [](TSNode p) { return is(p, "const_spec") || is(p, "var_spec"); });
        const QString name = ts_node_is_null(spec) ? QString() : text(field(spec, "name"));
        for (TSNode f : m_functionNodes) {
          if (name.isEmpty() || !m_facts.references(f, name)) continue;
          scope = f;
          if (m_facts.authOf(f) != HttpAuth::Unknown) break;
        }
      }
      if (!ts_node_is_null(scope)) {
        req.functionId = m_functionByNode.value(nodeKey(scope), -1);
        // auth is set in the same function, which may be the enclosing declaration
        const TSNode decl = declarationOf(scope);
        req.auth = m_facts.authOf(scope);
        if (req.auth == HttpAuth::Unknown && !ts_node_is_null(decl)) req.auth = m_facts.authOf(decl);
      }
      m_model.httpRequests.push_back(req);
      return false;
    });
  }

  // --- exports ----------------------------------------------------------------------------------

  void collectExports() {
    for (const Binding &b : m_vars)
      if (b.functionId < 0 && b.clientId >= 0 && m_packageVars.contains(b.name))
        m_model.exports.push_back({b.name, b.clientId});
  }

};

}  // namespace

FileModel GoAdapter::extract(const Document &doc, const QString &path) const {
  FileModel model;
  model.path = path;
  model.language = doc.language().id;
  model.hasSyntaxErrors = doc.hasSyntaxErrors();
  if (!doc.tree()) return model;
  const ts::TreeIndex index(ts_tree_root_node(doc.tree()));
  GoExtractor(doc, model, index).run();
  collectWebhookSignature(index, ts_tree_root_node(doc.tree()), doc.source(), LanguageId::Go, model);
  return model;
}

std::optional<FileModel> GoAdapter::extractWithin(const Document &doc, const QString &path, int maxDepth) const {
  if (!doc.tree()) return extract(doc, path);
  const ts::TreeIndex index(ts_tree_root_node(doc.tree()), maxDepth);
  if (index.tooDeep()) return std::nullopt;
  FileModel model;
  model.path = path;
  model.language = doc.language().id;
  model.hasSyntaxErrors = doc.hasSyntaxErrors();
  GoExtractor(doc, model, index).run();
  collectWebhookSignature(index, ts_tree_root_node(doc.tree()), doc.source(), LanguageId::Go, model);
  return model;
}

}  // namespace cio
