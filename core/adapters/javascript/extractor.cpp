#include "adapters/javascript/extractor.h"
#include "adapters/webhook_signature.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cstring>
#include <functional>
#include <thread>

namespace cio::js {

using ts::is;
using ts::type;

Extractor::Extractor(const Document &doc, const QString &path)
    : Extractor(doc, path, ts::TreeIndex(ts_tree_root_node(doc.tree()))) {}

Extractor::Extractor(const Document &doc, const QString &path, ts::TreeIndex &&index)
    : m_doc(doc),
      m_src(doc.source()),
      m_root(ts_tree_root_node(doc.tree())),
      m_language(ts_tree_language(doc.tree())),
      m_index(std::move(index)),
      m_path(path) {
  m_model.path = path;
  m_model.language = doc.language().id;
  m_model.hasSyntaxErrors = doc.hasSyntaxErrors();
}

bool Extractor::isExportDefault(TSNode n, bool withSpace) const {
  // The regular expressions ^export\s+default\b and ^export\s+default\s+ on the
  // statement's text, without copying the text (an exported class can be the whole file).
  const char *s = m_src.constData() + ts_node_start_byte(n);
  const char *end = m_src.constData() + ts_node_end_byte(n);
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  auto word = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  if (end - s < 6 || std::memcmp(s, "export", 6) != 0) return false;
  s += 6;
  if (s == end || !space(*s)) return false;
  while (s != end && space(*s)) ++s;
  if (end - s < 7 || std::memcmp(s, "default", 7) != 0) return false;
  s += 7;
  if (withSpace) return s != end && space(*s);
  return s == end || !word(*s);
}

FileModel Extractor::run() {
  // The webhook-signature facts read only the tree, its index and the text, and nothing
  // else here reads them: in a large file (a minified bundle, where they take a tenth of
  // the extraction) they are collected on a thread of their own meanwhile. Both threads
  // only read the tree (no cursor, no edit) and the index (whose walk hint is per thread).
  constexpr qsizetype kLargeFile = 1024 * 1024;
  FileModel signature;
  struct Joiner {
    std::thread thread;
    ~Joiner() {
      if (thread.joinable()) thread.join();
    }
  } parallel;
  if (m_src.size() >= kLargeFile)
    parallel.thread = std::thread(
        [this, &signature] { collectWebhookSignature(m_index, m_root, m_src, m_doc.language().id, signature); });
  collectComments();
  collectFunctions();
  collectDecls();
  indexDecls();
  collectImports();
  markHandlers();
  collectClients();
  resolveBindings();
  markServerOnlyClients();
  collectTypedReceivers();
  collectCalls();
  collectHttpRequests();
  detectBounceWebhook();
  detectBrowserCode();
  if (parallel.thread.joinable()) {
    parallel.thread.join();
    m_model.webhookSignature = std::move(signature.webhookSignature);
  } else {
    collectWebhookSignature(m_index, m_root, m_src, m_doc.language().id, m_model);
  }
  return std::move(m_model);
}

// --- syntax helpers ------------------------------------------------------------------

TSNode Extractor::unwrap(TSNode n) {
  for (;;) {
    const auto t = type(n);
    if (t == "parenthesized_expression" || t == "as_expression" || t == "non_null_expression" ||
        t == "satisfies_expression") {
      if (ts_node_named_child_count(n) == 0) return n;
      n = firstNamedChild(n);
    } else if (t == "type_assertion") {
      const uint32_t c = ts_node_named_child_count(n);
      if (c == 0) return n;
      n = ts_node_named_child(n, c - 1);
    } else {
      return n;
    }
  }
}

TSNode Extractor::unwrapAwait(TSNode n) {
  n = unwrap(n);
  while (is(n, "await_expression") && ts_node_named_child_count(n) > 0) n = unwrap(firstNamedChild(n));
  return n;
}

// The node types isFunction() accepts, and enclosingFunction() climbs to.
static constexpr std::string_view kFunctionTypes[] = {"function_declaration", "function_expression",
                                                      "function",             "arrow_function",
                                                      "method_definition",    "generator_function_declaration",
                                                      "generator_function"};

bool Extractor::isFunction(TSNode n) {
  if (ts_node_is_null(n) || !ts_node_is_named(n)) return false;  // the `function` keyword token shares the name
  const auto t = type(n);
  return std::find(std::begin(kFunctionTypes), std::end(kFunctionTypes), t) != std::end(kFunctionTypes);
}

bool Extractor::isLoop(TSNode n) {
  const auto t = type(n);
  return t == "for_statement" || t == "for_in_statement" || t == "while_statement" || t == "do_statement";
}

std::vector<TSNode> Extractor::args(TSNode call) {
  std::vector<TSNode> out;
  const TSNode a = field(call, "arguments");
  if (ts_node_is_null(a) || !is(a, "arguments")) return out;
  for (TSNode c : namedChildren(a))
    if (!is(c, "comment")) out.push_back(c);
  return out;
}

QString Extractor::propertyName(TSNode key, const QByteArray &src) {
  QString k = ts::text(key, src);
  if (is(key, "string") && k.size() >= 2) k = k.mid(1, k.size() - 2);
  return k;
}

QString Extractor::stringContent(TSNode n) const {
  const QString t = text(n);
  return t.size() >= 2 ? t.mid(1, t.size() - 2) : QString();
}

bool Extractor::isStringLiteral(TSNode n) const {
  if (is(n, "string")) return true;
  if (!is(n, "template_string")) return false;
  for (TSNode c : namedChildren(n))
    if (is(c, "template_substitution")) return false;
  return true;
}

// The directive prologue of a program or a function body: the string statements it
// starts with ('use strict', 'use client', 'use server'), after any comments and a
// hashbang line. A string anywhere else is no directive.
bool Extractor::hasDirective(TSNode body, const QString &directive) const {
  if (ts_node_is_null(body)) return false;
  // A cursor, not indexed children: a file can start with 65536 comment lines.
  TSTreeCursor cursor = ts_tree_cursor_new(body);
  bool found = false;
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more; more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    const TSNode c = ts_tree_cursor_current_node(&cursor);
    if (!ts_node_is_named(c) || is(c, "comment") || is(c, "hash_bang_line")) continue;
    if (!is(c, "expression_statement") || ts_node_named_child_count(c) != 1) break;
    const TSNode s = firstNamedChild(c);
    if (!is(s, "string")) break;
    if (stringContent(s) == directive) {
      found = true;
      break;
    }
  }
  ts_tree_cursor_delete(&cursor);
  return found;
}

bool Extractor::serverOnlyFile() const {
  const QString p = QDir::fromNativeSeparators(m_path);
  return m_useServer || p.contains(QLatin1String("pages/api/")) || p.startsWith(QLatin1String("api/")) ||
         QFileInfo(p).completeBaseName() == QLatin1String("route");
}

QString Extractor::norm(TSNode n) const {
  n = unwrap(n);
  const auto t = type(n);
  if (t == "identifier" || t == "this" || t == "property_identifier" || t == "private_property_identifier" ||
      t == "shorthand_property_identifier")
    return text(n);
  if (t == "member_expression") {
    const QString o = norm(field(n, "object"));
    return o.isEmpty() ? QString() : o + QLatin1Char('.') + text(field(n, "property"));
  }
  if (t == "subscript_expression") {
    const TSNode idx = unwrap(field(n, "index"));
    const QString o = norm(field(n, "object"));
    if (o.isEmpty() || !isStringLiteral(idx)) return QString();
    return o + QLatin1Char('.') + stringContent(idx);
  }
  if (t == "call_expression") {  // a factory call, whatever its arguments
    const QString f = norm(field(n, "function"));
    return f.isEmpty() ? QString() : f + QStringLiteral("()");
  }
  return QString();
}

QString Extractor::normRoot(TSNode n) const {
  for (;;) {
    n = unwrap(n);
    const auto t = type(n);
    if (t == "identifier" || t == "this" || t == "property_identifier" || t == "private_property_identifier" ||
        t == "shorthand_property_identifier")
      return text(n);
    if (t == "member_expression" || t == "subscript_expression")
      n = field(n, "object");
    else if (t == "call_expression")
      n = field(n, "function");
    else
      return QString();
  }
}

TSNode Extractor::enclosingFunction(TSNode n) const {
  if (ts_node_is_null(n)) return n;
  static const ts::NodeTypes functions(kFunctionTypes);
  return m_index.ancestorOfType(n, functions.in(m_language));
}

TSNode Extractor::scopeOf(TSNode n) const {
  const TSNode f = enclosingFunction(n);
  return ts_node_is_null(f) ? m_root : f;
}

int Extractor::functionIdOf(TSNode n) const {
  const TSNode f = enclosingFunction(n);
  if (ts_node_is_null(f)) return -1;
  return m_functionIds.value(nodeKey(f), -1);
}

TSNode Extractor::enclosingClass(TSNode n) const {
  if (ts_node_is_null(n)) return n;
  return ancestor(n, [](TSNode p) { return is(p, "class_declaration") || is(p, "class") || is(p, "abstract_class_declaration"); });
}

void Extractor::indexDecls() {
  for (auto it = m_declsByName.cbegin(); it != m_declsByName.cend(); ++it) {
    DeclIndex ix;
    ix.order = it.value();
    std::stable_sort(ix.order.begin(), ix.order.end(), [&](int a, int b) {
      const Decl &da = m_decls[a], &db = m_decls[b];
      if (da.scopeStart != db.scopeStart) return da.scopeStart < db.scopeStart;
      return da.scopeEnd > db.scopeEnd;
    });
    // Scopes are syntax nodes: two of them nest or are disjoint, so a stack finds each
    // one's nearest encloser. Identical ranges share the encloser of their first.
    ix.enclosing.resize(ix.order.size(), -1);
    std::vector<int> open;
    for (int p = 0; p < static_cast<int>(ix.order.size()); ++p) {
      const Decl &d = m_decls[ix.order[p]];
      while (!open.empty() && !m_decls[ix.order[open.back()]].scopeHolds(d.scopeStart, d.scopeEnd)) open.pop_back();
      if (!open.empty())
        ix.enclosing[p] = m_decls[ix.order[open.back()]].sameScope(d) ? ix.enclosing[open.back()] : open.back();
      open.push_back(p);
    }
    m_declIndex.insert(it.key(), std::move(ix));
  }
}

const Decl *Extractor::lookup(const QString &name, TSNode at) const {
  const auto it = m_declIndex.constFind(name);
  if (it == m_declIndex.cend()) return nullptr;
  const DeclIndex &ix = *it;
  // The innermost scope holding `at`: start from the last scope starting at or before it
  // and climb the enclosers (at most the nesting depth).
  const quint32 at0 = ts_node_start_byte(at), at1 = ts_node_end_byte(at);
  const auto after = std::partition_point(ix.order.begin(), ix.order.end(),
                                          [&](int d) { return m_decls[d].scopeStart <= at0; });
  int p = static_cast<int>(after - ix.order.begin()) - 1;
  while (p >= 0 && !m_decls[ix.order[p]].scopeHolds(at0, at1)) p = ix.enclosing[p];
  if (p < 0) return nullptr;
  // Declarations of that same scope range, in declaration order: the first one, unless a
  // later one is declared before the use (the latest such wins).
  const Decl &scope = m_decls[ix.order[p]];
  int first = p, last = p;
  while (first > 0 && m_decls[ix.order[first - 1]].sameScope(scope)) --first;
  while (last + 1 < static_cast<int>(ix.order.size()) && m_decls[ix.order[last + 1]].sameScope(scope)) ++last;
  std::vector<int> group(ix.order.begin() + first, ix.order.begin() + last + 1);
  std::sort(group.begin(), group.end());
  const Decl *best = &m_decls[group.front()];
  for (std::size_t i = 1; i < group.size(); ++i) {
    const Decl &d = m_decls[group[i]];
    if (ts_node_start_byte(d.site) < at0 && ts_node_start_byte(d.site) > ts_node_start_byte(best->site)) best = &d;
  }
  return best;
}

TSNode Extractor::functionValue(TSNode n) const {
  n = unwrap(n);
  if (isFunction(n)) return n;
  if (is(n, "identifier")) {
    const Decl *d = lookup(text(n), n);
    if (d && d->path.isEmpty() && !ts_node_is_null(d->value)) {
      const TSNode v = unwrap(d->value);
      if (isFunction(v)) return v;
    }
  }
  return TSNode{};
}

QStringList Extractor::paramNames(TSNode fn) const {
  QStringList out;
  const TSNode single = field(fn, "parameter");
  if (!ts_node_is_null(single)) return {text(single)};
  const TSNode params = field(fn, "parameters");
  if (ts_node_is_null(params)) return out;
  for (TSNode p : namedChildren(params)) {
    if (is(p, "comment")) continue;
    TSNode pat = p;
    if (is(p, "required_parameter") || is(p, "optional_parameter")) pat = field(p, "pattern");
    if (is(pat, "assignment_pattern")) pat = field(pat, "left");
    out << (is(pat, "identifier") ? text(pat) : QStringLiteral("{}"));
  }
  return out;
}

TSNode Extractor::objectPair(TSNode object, const QString &key) const {
  for (TSNode c : namedChildren(object)) {
    if (is(c, "pair") && propertyName(field(c, "key"), m_src) == key) return field(c, "value");
    if (is(c, "shorthand_property_identifier") && text(c) == key) return c;
  }
  return TSNode{};
}

TSNode Extractor::followObject(TSNode n, int depth) const {
  n = unwrapAwait(n);
  if (is(n, "object")) return n;
  if (depth > 3) return TSNode{};
  if (is(n, "identifier") || is(n, "shorthand_property_identifier")) {
    const Decl *d = lookup(text(n), n);
    if (d && d->path.isEmpty() && !ts_node_is_null(d->value) && !ts_node_eq(d->value, n))
      return followObject(d->value, depth + 1);
  }
  return TSNode{};
}

// --- comments, functions, declarations -------------------------------------------------

void Extractor::collectComments() {
  static const ts::NodeTypes types{"comment", "html_comment"};
  walkTypes(types, [&](TSNode n) {
    if (is(n, "comment") || is(n, "html_comment")) m_model.comments.push_back(Comment{ts::range(n), text(n)});
    return true;
  });
}

// The node types isFunction() accepts (it also asks for a named node).
static const ts::NodeTypes &functionTypes() {
  static const ts::NodeTypes types{"function_declaration", "function_expression", "function",
                                   "arrow_function",       "method_definition",   "generator_function_declaration",
                                   "generator_function"};
  return types;
}

void Extractor::collectFunctions() {
  walkTypes(functionTypes(), [&](TSNode n) {
    if (!isFunction(n)) return true;
    FunctionScope f;
    f.id = static_cast<int>(m_model.functions.size());
    f.parentId = functionIdOf(n);
    f.range = ts::range(n);
    TSNode name = field(n, "name");
    if (!ts_node_is_null(name)) {
      f.name = text(name);
    } else {
      const TSNode p = parentOf(n);
      if (is(p, "variable_declarator"))
        f.name = text(field(p, "name"));
      else if (is(p, "pair"))
        f.name = propertyName(field(p, "key"), m_src);
      else if (is(p, "assignment_expression"))
        f.name = text(field(p, "left"));
      else if (is(p, "field_definition"))
        f.name = text(field(p, "property"));
      else if (is(p, "public_field_definition"))
        f.name = text(field(p, "name"));
    }
    m_functionIds.insert(nodeKey(n), f.id);
    m_functionNodes.push_back(n);
    m_model.functions.push_back(f);
    return true;
  });
}

void Extractor::collectDecls() {
  // Set while a variable_declarator's names are added (read from the tree here, where
  // the declarator and its value were just read: later passes over the declarations
  // test these flags instead of reading the nodes again).
  bool declarator = false, referenceValue = false;
  static const ts::NodeTypes references{"identifier",          "member_expression",    "call_expression",
                                        "new_expression",      "await_expression",     "parenthesized_expression",
                                        "as_expression",       "non_null_expression",  "satisfies_expression",
                                        "type_assertion"};
  std::function<void(TSNode, TSNode, TSNode, TSNode, QStringList, bool)> pattern =
      [&](TSNode pat, TSNode scope, TSNode site, TSNode value, QStringList path, bool param) {
        const auto t = type(pat);
        auto add = [&](TSNode id, const QStringList &p) {
          Decl d{text(id), scope,          site,        value, p, param, ts_node_start_byte(scope), ts_node_end_byte(scope),
                 declarator, referenceValue};
          m_declsByName[d.name].push_back(static_cast<int>(m_decls.size()));
          m_decls.push_back(std::move(d));
        };
        if (t == "identifier") {
          add(pat, path);
        } else if (t == "shorthand_property_identifier_pattern") {
          add(pat, path + QStringList{text(pat)});
        } else if (t == "object_assignment_pattern") {
          const TSNode left = field(pat, "left");
          if (is(left, "shorthand_property_identifier_pattern")) add(left, path + QStringList{text(left)});
          else pattern(left, scope, site, value, path, param);
        } else if (t == "assignment_pattern") {
          pattern(field(pat, "left"), scope, site, value, path, param);
        } else if (t == "pair_pattern") {
          pattern(field(pat, "value"), scope, site, value, path + QStringList{propertyName(field(pat, "key"), m_src)},
                  param);
        } else if (t == "object_pattern") {
          for (TSNode c : namedChildren(pat)) pattern(c, scope, site, value, path, param);
        } else if (t == "array_pattern") {
          int i = 0;
          for (TSNode c : namedChildren(pat))
            pattern(c, scope, site, value, path + QStringList{QStringLiteral("[%1]").arg(i++)}, param);
        } else if (t == "rest_pattern") {
          for (TSNode c : namedChildren(pat)) pattern(c, scope, site, value, path + QStringList{QStringLiteral("...")}, param);
        } else if (t == "required_parameter" || t == "optional_parameter") {
          pattern(field(pat, "pattern"), scope, site, value, path, param);
        }
      };
  static const ts::NodeTypes types{"variable_declarator",
                                   "function_declaration",
                                   "generator_function_declaration",
                                   "class_declaration",
                                   "abstract_class_declaration",
                                   "function_expression",
                                   "function",
                                   "arrow_function",
                                   "method_definition",
                                   "generator_function"};
  walkTypes(types, [&](TSNode n) {
    const auto t = type(n);
    if (t == "variable_declarator") {
      const TSNode value = field(n, "value");
      declarator = true;
      referenceValue = !ts_node_is_null(value) && references.in(m_language).has(ts_node_symbol(value));
      pattern(field(n, "name"), scopeOf(n), n, value, {}, false);
      declarator = referenceValue = false;
    } else if (t == "function_declaration" || t == "generator_function_declaration" || t == "class_declaration" ||
               t == "abstract_class_declaration") {
      const TSNode name = field(n, "name");
      if (!ts_node_is_null(name)) pattern(name, scopeOf(n), n, n, {}, false);
    }
    if (isFunction(n)) {
      const TSNode single = field(n, "parameter");
      if (!ts_node_is_null(single)) pattern(single, n, single, TSNode{}, {}, true);
      const TSNode params = field(n, "parameters");
      if (!ts_node_is_null(params))
        for (TSNode p : namedChildren(params)) pattern(p, n, p, TSNode{}, {}, true);
    }
    return true;
  });
}

// --- request handlers and background tasks ----------------------------------------------

void Extractor::markFunction(TSNode fn, bool background) {
  const int id = m_functionIds.value(nodeKey(fn), -1);
  if (id < 0) return;
  FunctionScope &f = m_model.functions[id];
  if (background) {
    f.backgroundTask = true;
    return;
  }
  // GET-only while every route registration of it is a GET route (the other ways of
  // recognising a handler, e.g. its (req, res) parameters, say nothing of the method).
  const bool registered = m_routeRegistered.contains(id);
  if (m_routeMethod == RouteMethod::Safe) f.safeMethodsOnly = !registered || f.safeMethodsOnly;
  if (m_routeMethod == RouteMethod::Other) f.safeMethodsOnly = false;
  if (m_routeMethod != RouteMethod::Unknown) m_routeRegistered.insert(id);
  f.requestHandler = true;
  for (const QString &g : m_pendingGuards)
    if (!f.guards.contains(g)) f.guards << g;
}

// The names a route argument gives the middleware it stands for: `verifyCioSignature`,
// `auth.verify`, `verifyCio(key)` (the factory's name), each of an array.
void Extractor::guardNames(TSNode arg, QStringList &out, int depth) const {
  arg = unwrap(arg);
  if (depth > 3 || isFunction(arg)) return;
  if (is(arg, "array")) {
    for (TSNode a : namedChildren(arg)) guardNames(a, out, depth + 1);
    return;
  }
  if (is(arg, "call_expression")) arg = unwrap(field(arg, "function"));
  const QString name = norm(arg);
  if (!name.isEmpty() && !out.contains(name)) out << name;
}

// NestJS guards of a handler method: @UseGuards(...) on it and on its controller class.
QStringList Extractor::nestGuards(TSNode method) const {
  QStringList out;
  auto read = [&](TSNode decorator) {
    if (!is(decorator, "decorator")) return;
    const TSNode call = firstNamedChild(decorator);
    if (!is(call, "call_expression") || text(field(call, "function")) != QLatin1String("UseGuards")) return;
    for (TSNode a : args(call)) guardNames(a, out);
  };
  for (TSNode s = ts_node_prev_named_sibling(method); is(s, "decorator"); s = ts_node_prev_named_sibling(s)) read(s);
  for (TSNode c : namedChildren(method)) read(c);
  const TSNode cls = enclosingClass(method);
  if (!ts_node_is_null(cls)) {
    for (TSNode c : namedChildren(cls)) read(c);
    if (is(parentOf(cls), "export_statement"))
      for (TSNode c : namedChildren(parentOf(cls))) read(c);
  }
  return out;
}

// An argument given to a route or a job queue: a function, a name for one, a wrapper
// call around one (asyncHandler(fn)), or an array of them.
void Extractor::markHandlerArg(TSNode arg, bool background, int depth) {
  arg = unwrap(arg);
  if (depth > 3) return;
  const TSNode fn = functionValue(arg);
  if (!ts_node_is_null(fn)) {
    markFunction(fn, background);
    return;
  }
  if (is(arg, "call_expression")) {
    for (TSNode a : args(arg)) markHandlerArg(a, background, depth + 1);
  } else if (is(arg, "array")) {
    for (TSNode a : namedChildren(arg)) markHandlerArg(a, background, depth + 1);
  }
}

// Code that ends up in a browser or app bundle (CIO016). JSX alone is no evidence:
// Next.js server components and getServerSideProps render it on the server.
void Extractor::detectBrowserCode() {
  if (hasDirective(m_root, QStringLiteral("use client"))) {
    m_model.browserCode = QStringLiteral("starts with \"use client\"");
    return;
  }
  // Next.js code that only runs on the server even where it imports React: API routes,
  // app router route handlers, 'use server' modules.
  if (serverOnlyFile()) return;
  static const QRegularExpression clientModule(
      QStringLiteral("^(react-native|expo|expo-.*|react-dom|react-dom/client)$"));
  static const QRegularExpression hook(QStringLiteral(
      "^use(State|Effect|LayoutEffect|InsertionEffect|Reducer|Ref|Callback|Memo|Context|Transition|DeferredValue|"
      "SyncExternalStore|ImperativeHandle|Optimistic|ActionState)$"));
  static const QSet<QString> browserGlobals{"window", "document", "localStorage", "sessionStorage", "navigator"};
  static const ts::NodeTypes types{"import_statement", "member_expression"};
  walkTypes(types, [&](TSNode n) {
    if (!m_model.browserCode.isEmpty()) return false;
    if (is(n, "import_statement")) {
      const QString spec = stringContent(field(n, "source"));
      if (clientModule.match(spec).hasMatch()) {
        m_model.browserCode = QStringLiteral("imports %1").arg(spec);
      } else if (spec == QLatin1String("react") || spec == QLatin1String("preact/hooks")) {
        walk(n, [&](TSNode c) {
          if (is(c, "import_specifier") && hook.match(text(field(c, "name"))).hasMatch() &&
              m_model.browserCode.isEmpty())
            m_model.browserCode = QStringLiteral("uses %1").arg(text(field(c, "name")));
          return true;
        });
      }
      return false;
    }
    if (is(n, "member_expression")) {
      const TSNode object = field(n, "object");
      if (!is(object, "identifier")) return true;
      const QString name = text(object);
      if (browserGlobals.contains(name) && !lookup(name, n) && !is(parentOf(n), "unary_expression"))
        m_model.browserCode = QStringLiteral("uses %1").arg(name);
    }
    return true;
  });
}

static const QSet<QString> &routeVerbs() {
  static const QSet<QString> s{"get", "post", "put", "patch", "delete", "del", "all", "use", "options", "head", "any"};
  return s;
}

void Extractor::markHandlers() {
  // A Next.js 'use server' module: every exported function is a server action, called
  // by the browser like an endpoint.
  m_useServer = hasDirective(m_root, QStringLiteral("use server"));
  static const QRegularExpression routerName(
      QStringLiteral("(^|\\.)(app|router|routes?|server|api|fastify|instance|koa|hono|express|web|r|v\\d)$"),
      QRegularExpression::CaseInsensitiveOption);
  static const QSet<QString> backgroundCallees{"setImmediate", "setTimeout", "setInterval", "queueMicrotask",
                                               "after", "waitUntil", "process.nextTick"};
  static const QSet<QString> backgroundMethods{"process", "define", "schedule", "scheduleJob", "waitUntil",
                                               "consume", "createFunction", "nextTick"};
  static const ts::NodeTypes types{
      "call_expression", "new_expression", "export_statement",  "function_declaration",           "function_expression",
      "function",        "arrow_function", "method_definition", "generator_function_declaration", "generator_function"};
  walkTypes(types, [&](TSNode n) {
    const auto t = type(n);
    if (t == "call_expression") {
      const TSNode fn = unwrap(field(n, "function"));
      if (is(fn, "member_expression")) {
        const std::vector<TSNode> a = args(n);
        const QString prop = text(field(fn, "property"));
        const TSNode recv = unwrap(field(fn, "object"));
        const QString recvText = norm(recv);
        if (routeVerbs().contains(prop) && !a.empty()) {
          const TSNode first = unwrap(a.front());
          const bool pathArg = (isStringLiteral(first) && (stringContent(first).startsWith(QLatin1Char('/')) ||
                                                           stringContent(first).startsWith(QLatin1Char('*')))) ||
                               is(first, "regex") || is(first, "array") ||
                               (is(first, "template_string") && text(first).startsWith(QStringLiteral("`/")));
          const bool chained = is(recv, "call_expression");  // router.route('/x').post(fn)
          const bool routerLike = routerName.match(recvText).hasMatch();
          // HTTP clients and stores take (path, callback) too: their callbacks are not routes.
          static const QRegularExpression clientName(
              QStringLiteral("(axios|got|superagent|request|needle|https?|ky|fetch|redis|cache|client|store|db|"
                             "storage|session|map)$"),
              QRegularExpression::CaseInsensitiveOption);
          const bool httpClient = clientName.match(recvText).hasMatch();
          if (!httpClient && (pathArg || chained || (routerLike && prop == QLatin1String("use")))) {
            m_routeMethod =
                prop == QLatin1String("get") || prop == QLatin1String("head") ? RouteMethod::Safe : RouteMethod::Other;
            // Each handler runs after the middleware before it, and after the router's
            // earlier `use` middleware.
            m_pendingGuards = m_useGuards;
            for (size_t i = pathArg ? 1 : 0; i < a.size(); ++i) {
              markHandlerArg(a[i], false);
              guardNames(a[i], m_pendingGuards);
            }
            if (prop == QLatin1String("use") && !pathArg)  // router.use('/api', api) mounts, guards nothing here
              for (TSNode x : a) guardNames(x, m_useGuards);
            m_pendingGuards.clear();
            m_routeMethod = RouteMethod::Unknown;
          }
        }
        if (prop == QLatin1String("route") && a.size() == 1) {
          // fastify.route({ handler }) / hapi server.route({ handler }) or an array of them
          std::vector<TSNode> routes{unwrap(a[0])};
          if (is(routes[0], "array")) routes = namedChildren(routes[0]);
          for (TSNode r : routes) {
            const TSNode h = is(unwrap(r), "object") ? objectPair(unwrap(r), QStringLiteral("handler")) : TSNode{};
            if (!ts_node_is_null(h)) markHandlerArg(h, false);
          }
        }
        if (backgroundMethods.contains(prop) || backgroundCallees.contains(recvText + QLatin1Char('.') + prop))
          for (TSNode x : a) markHandlerArg(x, true, 2);
        // res.on('finish' | 'close', fn): runs once the response has gone out.
        if ((prop == QLatin1String("on") || prop == QLatin1String("once")) && a.size() >= 2 &&
            isStringLiteral(unwrap(a[0])) &&
            (stringContent(unwrap(a[0])) == QLatin1String("finish") ||
             stringContent(unwrap(a[0])) == QLatin1String("close")))
          markHandlerArg(a[1], true, 2);
        // queue.add(fn) / jobs.push(fn) not waited for: the job runs off the request path.
        static const QRegularExpression queueName(QStringLiteral("(queue|jobs)$"),
                                                  QRegularExpression::CaseInsensitiveOption);
        static const QSet<QString> enqueue{"add", "push", "enqueue", "addAll"};
        if (enqueue.contains(prop) && queueName.match(recvText).hasMatch()) {
          TSNode up = parentOf(n);
          while (is(up, "parenthesized_expression")) up = parentOf(up);
          if (!is(up, "await_expression") && !is(up, "return_statement"))
            for (TSNode x : a) markHandlerArg(x, true, 2);
        }
      } else if (is(fn, "identifier") && backgroundCallees.contains(text(fn))) {
        for (TSNode x : args(n)) markHandlerArg(x, true, 2);
      }
    } else if (t == "new_expression") {
      const QString ctor = text(field(n, "constructor"));
      if (ctor == QLatin1String("Worker") || ctor.endsWith(QLatin1String(".Worker")))  // BullMQ
        for (TSNode x : args(n)) markHandlerArg(x, true, 2);
    } else if (isFunction(n)) {
      // Conventional signatures: (req, res), (request, reply), (ctx, next).
      const QStringList p = paramNames(n);
      if (p.size() >= 2) {
        const QString a = p[0], b = p[1];
        const bool http = ((a == QLatin1String("req") || a == QLatin1String("request")) &&
                           (b == QLatin1String("res") || b == QLatin1String("response") || b == QLatin1String("reply"))) ||
                          (a == QLatin1String("ctx") && b == QLatin1String("next"));
        if (http) markFunction(n, false);
      }
      // NestJS: @Post() / @Get() methods.
      if (is(n, "method_definition")) {
        m_pendingGuards = nestGuards(n);
        for (TSNode s = ts_node_prev_named_sibling(n); is(s, "decorator"); s = ts_node_prev_named_sibling(s)) {
          static const QRegularExpression verb(QStringLiteral("^@(Get|Post|Put|Patch|Delete|All)\\b"));
          if (verb.match(text(s)).hasMatch()) markFunction(n, false);
        }
        for (TSNode c : namedChildren(n)) {
          static const QRegularExpression verb(QStringLiteral("^@(Get|Post|Put|Patch|Delete|All)\\b"));
          if (is(c, "decorator") && verb.match(text(c)).hasMatch()) markFunction(n, false);
        }
        m_pendingGuards.clear();
      }
    } else if (t == "export_statement") {
      // Next.js: pages/api default exports, app router route files' verb exports.
      const QString p = QDir::fromNativeSeparators(m_path);
      const bool pagesApi = p.contains(QLatin1String("pages/api/")) || p.startsWith(QLatin1String("api/"));
      const bool routeFile = QFileInfo(p).completeBaseName() == QLatin1String("route");
      const bool isDefault = isExportDefault(n, false);
      const TSNode decl = field(n, "declaration");
      const TSNode value = field(n, "value");
      if (m_useServer) {
        if (!ts_node_is_null(decl) && isFunction(decl)) markFunction(decl, false);
        if (is(decl, "lexical_declaration"))
          for (TSNode d : namedChildren(decl))
            if (is(d, "variable_declarator")) markHandlerArg(field(d, "value"), false);
      }
      if (pagesApi && isDefault) {
        markHandlerArg(ts_node_is_null(decl) ? value : decl, false);
      }
      if (routeFile && !ts_node_is_null(decl)) {
        static const QSet<QString> verbs{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
        if (is(decl, "function_declaration") && verbs.contains(text(field(decl, "name")))) markFunction(decl, false);
        if (is(decl, "lexical_declaration"))
          for (TSNode d : namedChildren(decl))
            if (is(d, "variable_declarator") && verbs.contains(text(field(d, "name"))))
              markHandlerArg(field(d, "value"), false);
      }
    }
    return true;
  });
}

}  // namespace cio::js
