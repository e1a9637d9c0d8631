// Python: tree-sitter-python tree -> Customer.io model.
//
// Recognition starts from imports: `customerio` (CustomerIO, APIClient, SendEmailRequest,
// Regions; `analytics` and `customerio.analytics.Client` are Data Pipelines) and
// `async_customerio`. A name that was never imported from there is never a client, so
// Segment's `analytics.track`, Mixpanel and PostHog never enter the model.
//
// Passes: imports -> function scopes (handlers, tasks) -> simple assignments (dataflow)
// -> clients and the names they are bound to (to a fixpoint: aliases, factories, lazy
// singletons) -> calls, raw HTTP requests, bounce webhooks, comments.

#include "adapters/python.h"

#include "adapters/python/python_expr.h"
#include "adapters/webhook_signature.h"
#include "syntax/node.h"

#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <optional>

namespace cio {

namespace {

using namespace cio::python;
using ts::field;
using ts::is;
using ts::namedChildren;

// What a name is bound to: a client of this file (clientId >= 0) or a client of a known
// SDK whose construction is not visible (a parameter annotated `cio: CustomerIO`).
struct Binding {
  int clientId = -1;
  Sdk sdk = Sdk::Track;
  bool async = false;
};

struct CtorInfo {
  Sdk sdk = Sdk::Track;
  bool async = false;
};

struct Args {
  std::vector<TSNode> positional;
  std::vector<std::pair<QString, TSNode>> keywords;  // name -> value
  std::vector<TSNode> keywordNames;
  std::vector<TSNode> dictSplats;  // the expression after `**`
  bool listSplat = false;

  TSNode keyword(const QString &name) const {
    for (const auto &[k, v] : keywords)
      if (k == name) return v;
    return TSNode{};
  }
  TSNode keywordName(const QString &name) const {
    for (size_t i = 0; i < keywords.size(); ++i)
      if (keywords[i].first == name) return keywordNames[i];
    return TSNode{};
  }
  // Positional argument `index`, else keyword `name`.
  TSNode get(size_t index, const QString &name) const {
    if (index < positional.size()) return positional[index];
    return keyword(name);
  }
};

class Extractor {
 public:
  Extractor(const Document &doc, const QString &path)
      : Extractor(doc, path, ts::TreeIndex(ts_tree_root_node(doc.tree()))) {}
  // With the tree's index built already (complete: not tooDeep()).
  Extractor(const Document &doc, const QString &path, ts::TreeIndex &&index)
      : m_src(doc.source()),
        m_path(path),
        m_root(ts_tree_root_node(doc.tree())),
        m_index(std::move(index)),
        m_reader(m_src, m_assignments) {
    m_model.path = path;
    m_model.language = doc.language().id;
    m_model.hasSyntaxErrors = doc.hasSyntaxErrors();
    m_reader.setBodyParamTest([this](int scope, const QString &name) { return isBodyParam(scope, name); });
    m_reader.setValidationTest([this](int scope, TSNode node) { return isValidated(scope, node); });
  }

  FileModel run() {
    collectImports();
    collectFunctions();
    collectAssignments();
    collectClients();
    resolveBindings();
    markModuleLevelFactories();
    collectCalls();
    collectExports();
    collectWebhookSignature(m_index, m_root, m_src, LanguageId::Python, m_model);
    return std::move(m_model);
  }

 private:
  QString text(TSNode n) const { return ts::text(n, m_src); }
  // The walks and parent lookups go through one pre-order index of the tree (one cursor
  // walk instead of one per walk; a parent in O(log n) instead of a search from the root).
  TSNode parentOf(TSNode n) const { return m_index.parent(n); }
  template <typename Pred>
  TSNode ancestor(TSNode n, Pred &&pred) const {
    return m_index.ancestor(n, std::forward<Pred>(pred));
  }

  // --- imports ----------------------------------------------------------------------

  static QString modulePath(const QString &dotted) {
    // ".cio" -> "./cio", "..cio" -> "../cio", "." -> ".", "app.clients" -> "app/clients"
    int dots = 0;
    while (dots < dotted.size() && dotted[dots] == QLatin1Char('.')) ++dots;
    QString rest = dotted.mid(dots);
    rest.replace(QLatin1Char('.'), QLatin1Char('/'));
    if (dots == 0) return rest;
    QString prefix = dots == 1 ? QStringLiteral(".") : QString();
    for (int i = 1; i < dots; ++i) prefix += i == 1 ? QStringLiteral("..") : QStringLiteral("/..");
    return rest.isEmpty() ? prefix : prefix + QLatin1Char('/') + rest;
  }

  static bool isSdkModule(const QString &m) {
    return m == QLatin1String("customerio") || m.startsWith(QLatin1String("customerio.")) ||
           m == QLatin1String("async_customerio") || m.startsWith(QLatin1String("async_customerio."));
  }

  void importName(const QString &module, const QString &name, const QString &local) {
    const bool async = module.startsWith(QLatin1String("async_customerio"));
    if (module == QLatin1String("customerio.analytics")) {
      if (name == QLatin1String("Client")) m_ctors.insert(local, {Sdk::Pipelines, false});
      else m_pipelinesFunctions.insert(local, name);
      return;
    }
    if (name == QLatin1String("analytics") && module == QLatin1String("customerio")) {
      m_pipelinesModules.insert(local);
      return;
    }
    if (name == QLatin1String("CustomerIO") || name == QLatin1String("AsyncCustomerIO"))
      m_ctors.insert(local, {Sdk::Track, async || name.startsWith(QLatin1String("Async"))});
    else if (name == QLatin1String("APIClient") || name == QLatin1String("AsyncAPIClient"))
      m_ctors.insert(local, {Sdk::App, async || name.startsWith(QLatin1String("Async"))});
    else if (name.startsWith(QLatin1String("Send")) && name.endsWith(QLatin1String("Request")))
      m_requestCtors.insert(local);
  }

  void collectImports() {
    m_index.walk(m_root, [&](TSNode n) {
      if (is(n, "import_statement")) {
        for (TSNode c : namedChildren(n)) {
          QString module, local;
          if (is(c, "aliased_import")) {
            module = text(field(c, "name"));
            local = text(field(c, "alias"));
          } else if (is(c, "dotted_name")) {
            module = text(c);
            local = module;
          } else {
            continue;
          }
          if (module == QLatin1String("customerio.analytics"))
            m_pipelinesModules.insert(local);
          else if (isSdkModule(module))
            m_sdkModules.insert(local, module.startsWith(QLatin1String("async")));
          else
            m_localModules.insert(local, modulePath(module));
        }
        return false;
      }
      if (is(n, "import_from_statement")) {
        const QString module = compact(text(field(n, "module_name")));
        const bool sdk = isSdkModule(module);
        // Every named child but the module is an imported name (the runtime's
        // ts_node_field_name_for_child is unreliable here).
        const TSNode moduleNode = field(n, "module_name");
        for (TSNode c : namedChildren(n)) {
          if (ts_node_eq(c, moduleNode) || (!is(c, "aliased_import") && !is(c, "dotted_name"))) continue;
          QString name, local;
          if (is(c, "aliased_import")) {
            name = text(field(c, "name"));
            local = text(field(c, "alias"));
          } else {
            name = text(c);
            local = name;
          }
          if (sdk) {
            importName(module, name, local);
          } else {
            LocalImport imp{local, name, modulePath(module)};
            m_localNames.insert(local, imp);
            m_model.imports.push_back(imp);
          }
        }
        return false;
      }
      return true;
    });
  }

  // --- functions --------------------------------------------------------------------

  static bool isFunctionNode(TSNode n) { return is(n, "function_definition") || is(n, "lambda"); }

  int functionOf(TSNode n) const {
    const TSNode f = ancestor(n, [](TSNode p) { return isFunctionNode(p); });
    if (ts_node_is_null(f)) return -1;
    return m_functionIds.value(f.id, -1);
  }

  std::vector<TSNode> decoratorsOf(TSNode fn) const {
    std::vector<TSNode> out;
    const TSNode parent = parentOf(fn);
    if (is(parent, "decorated_definition"))
      for (TSNode c : namedChildren(parent))
        if (is(c, "decorator")) out.push_back(c);
    return out;
  }

  // The decorator's callee without arguments: `app.route`, `shared_task`, `functools.lru_cache`.
  QString decoratorName(TSNode decorator) const {
    TSNode e{};
    for (TSNode c : namedChildren(decorator))
      if (!is(c, "comment")) e = c;
    if (is(e, "call")) e = field(e, "function");
    return compact(text(e));
  }

  static QString lastPart(const QString &dotted) { return dotted.section(QLatin1Char('.'), -1); }

  TSNode enclosingClass(TSNode fn) const {
    TSNode p = parentOf(fn);
    if (is(p, "decorated_definition")) p = parentOf(p);
    if (!is(p, "block")) return TSNode{};
    p = parentOf(p);
    return is(p, "class_definition") ? p : TSNode{};
  }

  QString firstParameter(TSNode fn) const {
    for (TSNode p : namedChildren(field(fn, "parameters"))) {
      if (is(p, "identifier")) return text(p);
      if (is(p, "typed_parameter") || is(p, "default_parameter") || is(p, "typed_default_parameter")) {
        const TSNode name = is(p, "typed_parameter") ? ts_node_named_child(p, 0) : field(p, "name");
        return text(name);
      }
      return QString();
    }
    return QString();
  }

  // Names of callables handed to something that runs them elsewhere: a thread, an
  // executor, FastAPI's BackgroundTasks, RQ; and of functions registered as routes.
  void collectRegisteredCallables() {
    auto addTarget = [&](TSNode arg, QSet<QString> &names, QSet<const void *> &lambdas) {
      arg = unwrap(arg);
      if (is(arg, "identifier")) names.insert(text(arg));
      else if (is(arg, "attribute")) names.insert(text(field(arg, "attribute")));
      else if (is(arg, "lambda")) lambdas.insert(arg.id);
      else if (is(arg, "call")) {  // asyncio.create_task(sync_user(u)): the coroutine's function
        const TSNode f = field(arg, "function");
        names.insert(is(f, "attribute") ? text(field(f, "attribute")) : text(f));
      }
    };
    m_index.walk(m_root, [&](TSNode n) {
      if (!is(n, "call")) return true;
      const QString callee = compact(text(field(n, "function")));
      const QString last = lastPart(callee);
      const Args a = args(n);
      if (last == QLatin1String("Thread") || last == QLatin1String("Process") || last == QLatin1String("Timer")) {
        TSNode t = a.keyword(QStringLiteral("target"));
        if (ts_node_is_null(t) && last == QLatin1String("Timer") && a.positional.size() > 1) t = a.positional[1];
        if (!ts_node_is_null(t)) addTarget(t, m_backgroundNames, m_backgroundLambdas);
      } else if (last == QLatin1String("add_task") || last == QLatin1String("submit") ||
                 last == QLatin1String("to_thread") || last == QLatin1String("spawn") ||
                 last == QLatin1String("enqueue") || last == QLatin1String("async_task") ||
                 last == QLatin1String("start_new_thread") || last == QLatin1String("apply_async") ||
                 last == QLatin1String("create_task") || last == QLatin1String("ensure_future") ||
                 last == QLatin1String("call_soon") || last == QLatin1String("defer") ||
                 (last == QLatin1String("map") && callee.contains(QRegularExpression(
                                                     QStringLiteral("(?i)(executor|pool)"))))) {
        if (!a.positional.empty()) addTarget(a.positional[0], m_backgroundNames, m_backgroundLambdas);
        const TSNode f = a.keyword(QStringLiteral("func"));
        if (!ts_node_is_null(f)) addTarget(f, m_backgroundNames, m_backgroundLambdas);
      } else if (last == QLatin1String("run_in_executor") && a.positional.size() > 1) {
        addTarget(a.positional[1], m_backgroundNames, m_backgroundLambdas);
      } else if (last == QLatin1String("add_url_rule") || last == QLatin1String("add_api_route") ||
                 last == QLatin1String("Route") || last == QLatin1String("path") || last == QLatin1String("re_path") ||
                 last == QLatin1String("url") || last == QLatin1String("add_route")) {
        TSNode v = a.keyword(QStringLiteral("view_func"));
        if (ts_node_is_null(v)) v = a.keyword(QStringLiteral("endpoint"));
        if (ts_node_is_null(v) && a.positional.size() > 1) v = a.positional[1];
        if (!ts_node_is_null(v)) {
          QSet<const void *> ignored;
          const TSNode inner = unwrap(v);
          // views.signup -> signup; SignupView.as_view() is handled by the class rule
          if (is(inner, "identifier") || is(inner, "attribute")) addTarget(inner, m_routeNames, ignored);
        }
      }
      return true;
    });
  }

  static bool isRouteDecorator(const QString &name) {
    static const QSet<QString> verbs = {QStringLiteral("route"),  QStringLiteral("get"),
                                        QStringLiteral("post"),   QStringLiteral("put"),
                                        QStringLiteral("patch"),  QStringLiteral("delete"),
                                        QStringLiteral("api_route"), QStringLiteral("head"),
                                        QStringLiteral("options"), QStringLiteral("websocket")};
    static const QSet<QString> djangoish = {
        QStringLiteral("api_view"),         QStringLiteral("require_POST"),  QStringLiteral("require_GET"),
        QStringLiteral("require_http_methods"), QStringLiteral("require_safe"), QStringLiteral("login_required"),
        QStringLiteral("csrf_exempt"),      QStringLiteral("permission_required"), QStringLiteral("action"),
        QStringLiteral("view_config"),      QStringLiteral("staff_member_required")};
    if (name.contains(QLatin1Char('.'))) {
      const QString last = lastPart(name);
      if (verbs.contains(last)) return true;
      return djangoish.contains(last);
    }
    return djangoish.contains(name);
  }

  static bool isTaskDecorator(const QString &name) {
    const QString last = lastPart(name);
    static const QSet<QString> tasks = {QStringLiteral("shared_task"), QStringLiteral("task"),
                                        QStringLiteral("job"),         QStringLiteral("actor"),
                                        QStringLiteral("db_task"),     QStringLiteral("periodic_task"),
                                        QStringLiteral("db_periodic_task"), QStringLiteral("background")};
    return tasks.contains(last);
  }

  static bool isCacheDecorator(const QString &name) {
    const QString last = lastPart(name);
    static const QSet<QString> caches = {QStringLiteral("lru_cache"),      QStringLiteral("cache"),
                                         QStringLiteral("cached_property"), QStringLiteral("cached"),
                                         QStringLiteral("memoize"),        QStringLiteral("cache_resource"),
                                         QStringLiteral("singleton")};
    return caches.contains(last);
  }

  static bool isRateLimitDecorator(const QString &name) {
    const QString last = lastPart(name);
    return last == QLatin1String("limits") || last == QLatin1String("sleep_and_retry") ||
           last.contains(QLatin1String("rate_limit")) || last.contains(QLatin1String("ratelimit")) ||
           last.contains(QLatin1String("throttle"));
  }

  bool isDjangoViewFile() const {
    const QString p = m_path.toLower();
    return QFileInfo(p).fileName().startsWith(QLatin1String("views")) || p.contains(QLatin1String("/views/"));
  }

  bool fileImportsDjango() const {
    for (const LocalImport &i : m_model.imports)
      if (i.specifier.startsWith(QLatin1String("django")) || i.specifier.startsWith(QLatin1String("rest_framework")))
        return true;
    return false;
  }

  void collectFunctions() {
    collectRegisteredCallables();
    const bool djangoViews = isDjangoViewFile() || fileImportsDjango();
    static const QRegularExpression viewBase(
        QStringLiteral(R"((View|ViewSet|APIView|Resource|RequestHandler|HTTPEndpoint|Endpoint)\b)"));
    static const QSet<QString> viewMethods = {
        QStringLiteral("get"),    QStringLiteral("post"),    QStringLiteral("put"),     QStringLiteral("patch"),
        QStringLiteral("delete"), QStringLiteral("head"),    QStringLiteral("options"), QStringLiteral("list"),
        QStringLiteral("create"), QStringLiteral("retrieve"), QStringLiteral("update"),
        QStringLiteral("partial_update"), QStringLiteral("destroy"), QStringLiteral("perform_create"),
        QStringLiteral("perform_update"), QStringLiteral("perform_destroy"), QStringLiteral("form_valid"),
        QStringLiteral("dispatch")};
    m_index.walk(m_root, [&](TSNode n) {
      if (!isFunctionNode(n)) return true;
      FunctionScope f;
      f.id = static_cast<int>(m_model.functions.size());
      f.parentId = functionOf(n);
      f.range = ts::range(n);
      f.name = is(n, "lambda") ? QStringLiteral("<lambda>") : text(field(n, "name"));
      m_functionIds.insert(n.id, f.id);
      m_functionsByName.insert(f.name, f.id);
      if (f.name == QLatin1String("__init__")) {
        const TSNode cls = enclosingClass(n);
        if (!ts_node_is_null(cls)) m_initByClass.insert(text(field(cls, "name")), f.id);
      }
      m_functionNodes.push_back(n);
      if (is(n, "lambda")) {
        f.backgroundTask = m_backgroundLambdas.contains(n.id);
      } else {
        // `@app.get`, `@router.get` (FastAPI, Flask 2, Starlette), Django's `@require_GET`:
        // a GET-only view, where no webhook posts. Any other method decorator opens it.
        static const QSet<QString> safe = {QStringLiteral("get"), QStringLiteral("head"), QStringLiteral("require_GET"),
                                           QStringLiteral("require_safe")};
        static const QSet<QString> unsafe = {
            QStringLiteral("route"),   QStringLiteral("post"),         QStringLiteral("put"),
            QStringLiteral("patch"),   QStringLiteral("delete"),       QStringLiteral("api_route"),
            QStringLiteral("options"), QStringLiteral("require_POST"), QStringLiteral("require_http_methods")};
        bool anySafe = false, anyUnsafe = false;
        for (TSNode d : decoratorsOf(n)) {
          const QString name = decoratorName(d);
          if (isTaskDecorator(name)) {
            f.backgroundTask = true;
          } else if (isRouteDecorator(name)) {
            f.requestHandler = true;
            const QString last = name.section(QLatin1Char('.'), -1);
            anySafe = anySafe || safe.contains(last);
            anyUnsafe = anyUnsafe || unsafe.contains(last);
          }
        }
        f.safeMethodsOnly = anySafe && !anyUnsafe;
        const TSNode cls = enclosingClass(n);
        if (!ts_node_is_null(cls)) {
          const QString bases = text(field(cls, "superclasses"));
          if (viewBase.match(bases).hasMatch() && viewMethods.contains(f.name)) f.requestHandler = true;
        } else if (f.parentId < 0 && djangoViews && firstParameter(n) == QLatin1String("request")) {
          f.requestHandler = true;
        }
        if (m_routeNames.contains(f.name)) f.requestHandler = true;
        if (m_backgroundNames.contains(f.name)) f.backgroundTask = true;
        if (f.backgroundTask) f.requestHandler = false;
      }
      m_model.functions.push_back(f);
      return true;
    });
  }

  bool hasDecorator(int fnId, bool (*pred)(const QString &)) const {
    if (fnId < 0) return false;
    for (TSNode d : decoratorsOf(m_functionNodes[fnId]))
      if (pred(decoratorName(d))) return true;
    return false;
  }

  // FastAPI: a request handler's parameter annotated with a model class is the parsed body.
  // Request input that the function checks before `node` reads it: `event in ALLOWED`,
  // a validator or schema call that takes it (`validate(data)`, `Schema().load(...)`,
  // `re.fullmatch(...)`), or a FastAPI body parameter (a pydantic model validates it).
  bool isValidated(int scope, TSNode node) const {
    node = unwrap(node, true);
    QStringList values{compact(text(node))};
    TSNode root = node;
    while (is(root, "attribute") || is(root, "subscript") || is(root, "call"))
      root = unwrap(field(root, is(root, "attribute") ? "object" : is(root, "subscript") ? "value" : "function"), true);
    if (is(root, "identifier") && paramInput(scope, text(root)) == ParamInput::Validated) return true;
    if (is(node, "identifier")) {
      const TSNode v = m_assignments.valueBefore(scope, text(node), ts_node_start_byte(node));
      if (!ts_node_is_null(v)) values << compact(text(unwrap(v, true)));
    }
    const auto covered = [&](TSNode arg) {
      TSNode checked = unwrap(arg, true);
      if (is(checked, "named_expression")) checked = field(checked, "name");  // (name := ...) in ALLOWED
      const QString a = compact(text(checked));
      if (a.isEmpty()) return false;
      for (const QString &v : values)
        if (v == a || v.startsWith(a + QLatin1Char('.')) || v.startsWith(a + QLatin1Char('['))) return true;
      return false;
    };
    static const QRegularExpression validator(
        QStringLiteral("^(is_|validate|check|ensure|verify|assert|parse_obj$|model_validate|load$|fullmatch$|match$)"));
    const TSNode body =
        scope >= 0 && scope < static_cast<int>(m_functionNodes.size()) ? m_functionNodes[scope] : m_root;
    const quint32 before = ts_node_start_byte(node);
    bool found = false;
    ts::walk(body, [&](TSNode c) {
      if (found || ts_node_start_byte(c) >= before) return false;
      if (is(c, "comparison_operator")) {
        bool membership = false;
        for (TSNode k : ts::children(c))
          if (ts::type(k) == "in" || ts::type(k) == "not in") membership = true;
        if (membership && ts_node_named_child_count(c) > 0 && covered(ts_node_named_child(c, 0))) found = true;
      } else if (is(c, "call")) {
        const QString callee = compact(text(field(c, "function")));
        const QString name = callee.mid(callee.lastIndexOf(QLatin1Char('.')) + 1);
        if (validator.match(name).hasMatch() && callee != QLatin1String("json.loads"))
          for (TSNode a : namedChildren(field(c, "arguments")))
            if (covered(is(a, "keyword_argument") ? field(a, "value") : a)) found = true;
      }
      return !found;
    });
    return found;
  }

  bool isBodyParam(int scope, const QString &name) const { return paramInput(scope, name) != ParamInput::None; }

  enum class ParamInput { None, Unchecked, Validated };
  // A request handler's parameter that FastAPI fills from the request. Annotated with a
  // model class (pydantic) or an Enum it is the parsed, validated body or value; with
  // `Literal["a", "b"]` it is one of those values. A plain `event: str` is a query
  // parameter and `body: dict = Body(...)` the raw body: whatever the caller sent.
  ParamInput paramInput(int scope, const QString &name) const {
    if (!m_fastapi) {
      static const QRegularExpression fastapiImport(QStringLiteral("(^|\\n)[ \\t]*(from|import)[ \\t]+fastapi\\b"));
      m_fastapi = fastapiImport.match(QString::fromUtf8(m_src)).hasMatch();
    }
    const bool fastapi = *m_fastapi;
    for (int s = scope; s >= 0; s = m_model.functions[s].parentId) {
      if (!m_model.functions[s].requestHandler) continue;
      const TSNode fn = m_functionNodes[s];
      if (is(fn, "lambda")) continue;
      for (TSNode p : namedChildren(field(fn, "parameters"))) {
        TSNode pn{};
        if (is(p, "typed_parameter"))
          pn = ts_node_named_child(p, 0);
        else if (is(p, "typed_default_parameter") || is(p, "default_parameter"))
          pn = field(p, "name");
        else if (is(p, "identifier"))
          pn = p;
        if (ts_node_is_null(pn) || text(pn) != name) continue;
        const QString type = is(p, "identifier") ? QString() : compact(text(field(p, "type")));
        const QString dflt = compact(text(field(p, "value")));
        static const QSet<QString> notBodies = {QStringLiteral("Request"),  QStringLiteral("BackgroundTasks"),
                                                QStringLiteral("Response"), QStringLiteral("Session"),
                                                QStringLiteral("AsyncSession"), QStringLiteral("WebSocket"),
                                                QStringLiteral("HttpRequest"), QStringLiteral("User")};
        if (notBodies.contains(type) || dflt.startsWith(QLatin1String("Depends(")) ||
            type.contains(QLatin1String("Depends(")))
          return ParamInput::None;
        if (type.contains(QLatin1String("Literal["))) return fastapi ? ParamInput::Validated : ParamInput::None;
        // Optional[EventBody], Annotated[EventBody, Body()], EventBody | None: the class inside
        QString inner = type;
        for (const QLatin1String wrapper : {QLatin1String("Optional["), QLatin1String("Annotated[")})
          if (inner.startsWith(wrapper)) inner = inner.mid(wrapper.size()).section(QLatin1Char(','), 0, 0);
        inner = inner.section(QLatin1Char('|'), 0, 0);
        if (inner.endsWith(QLatin1Char(']')) && !inner.contains(QLatin1Char('['))) inner.chop(1);
        static const QSet<QString> containers = {
            QStringLiteral("Any"),   QStringLiteral("Dict"),    QStringLiteral("List"), QStringLiteral("Set"),
            QStringLiteral("Tuple"), QStringLiteral("Mapping"), QStringLiteral("Json")};
        const bool modelClass = !inner.isEmpty() && inner[0].isUpper() && !inner.contains(QLatin1Char('[')) &&
                                !containers.contains(inner) && !m_ctors.contains(inner) && !notBodies.contains(inner);
        if (modelClass) return ParamInput::Validated;
        if (!fastapi) {
          // Flask: @app.route("/track/<event>") or "<string:event>" fills `event` from the URL
          for (TSNode d : decoratorsOf(fn)) {
            const QString route = text(d);
            if (route.contains(QLatin1Char('<') + name + QLatin1Char('>')) ||
                route.contains(QLatin1Char(':') + name + QLatin1Char('>')))
              return ParamInput::Unchecked;
          }
          return ParamInput::None;
        }
        if (name == QLatin1String("self") || name == QLatin1String("cls")) return ParamInput::None;
        // str, int, dict, Dict[str, Any], Optional[str], Annotated[str, Query()], or no
        // annotation at all (`event="signup"` is a query parameter too): taken as sent
        return ParamInput::Unchecked;
      }
    }
    return ParamInput::None;
  }

  // --- assignments (dataflow) ----------------------------------------------------------

  void collectAssignments() {
    m_index.walk(m_root, [&](TSNode n) {
      if (is(n, "assignment")) {
        const TSNode left = field(n, "left"), right = field(n, "right");
        if (is(left, "identifier") && !ts_node_is_null(right)) m_assignments.add(functionOf(n), text(left), right);
      } else if (is(n, "named_expression")) {  // if (name := request.json.get("event")):
        const TSNode left = field(n, "name"), right = field(n, "value");
        if (is(left, "identifier") && !ts_node_is_null(right)) m_assignments.add(functionOf(n), text(left), right);
      } else if (is(n, "global_statement")) {
        const int fn = functionOf(n);
        for (TSNode c : namedChildren(n))
          if (is(c, "identifier")) m_globals[fn].insert(text(c));
      }
      return true;
    });
  }

  // --- clients and bindings ------------------------------------------------------------

  std::optional<CtorInfo> ctorOf(TSNode call) const {
    if (!is(call, "call")) return std::nullopt;
    const TSNode fn = field(call, "function");
    const QString callee = compact(text(fn));
    if (m_ctors.contains(callee)) return m_ctors.value(callee);
    if (is(fn, "attribute")) {
      const QString object = compact(text(field(fn, "object")));
      const QString name = text(field(fn, "attribute"));
      if (m_sdkModules.contains(object)) {
        const bool async = m_sdkModules.value(object);
        if (name == QLatin1String("CustomerIO") || name == QLatin1String("AsyncCustomerIO"))
          return CtorInfo{Sdk::Track, async || name.startsWith(QLatin1String("Async"))};
        if (name == QLatin1String("APIClient") || name == QLatin1String("AsyncAPIClient"))
          return CtorInfo{Sdk::App, async || name.startsWith(QLatin1String("Async"))};
      }
      if (m_pipelinesModules.contains(object) && name == QLatin1String("Client")) return CtorInfo{Sdk::Pipelines, false};
    }
    return std::nullopt;
  }

  bool isRequestCtor(TSNode call) const {
    if (!is(call, "call")) return false;
    const TSNode fn = field(call, "function");
    if (m_requestCtors.contains(compact(text(fn)))) return true;
    if (is(fn, "attribute") && m_sdkModules.contains(compact(text(field(fn, "object"))))) {
      const QString name = text(field(fn, "attribute"));
      return name.startsWith(QLatin1String("Send")) && name.endsWith(QLatin1String("Request"));
    }
    return false;
  }

  Args args(TSNode call) const {
    Args a;
    const TSNode list = field(call, "arguments");
    if (is(list, "generator_expression")) {
      a.positional.push_back(list);
      return a;
    }
    for (TSNode c : namedChildren(list)) {
      if (is(c, "comment")) continue;
      if (is(c, "keyword_argument")) {
        a.keywords.emplace_back(text(field(c, "name")), field(c, "value"));
        a.keywordNames.push_back(field(c, "name"));
      } else if (is(c, "dictionary_splat")) {
        a.dictSplats.push_back(ts_node_named_child(c, 0));
      } else if (is(c, "list_splat")) {
        a.listSplat = true;
      } else {
        a.positional.push_back(c);
      }
    }
    return a;
  }

  // Names a target of an assignment binds, with the scope they live in.
  struct Target {
    int scope = -1;
    QString name;
    bool moduleLevel = false;  // a module global (exported)
  };

  std::vector<Target> targetsOf(TSNode assignment, int fn) const {
    std::vector<Target> out;
    const TSNode left = field(assignment, "left");
    if (is(left, "identifier")) {
      const QString name = text(left);
      const TSNode cls = classBodyOf(assignment);
      if (!ts_node_is_null(cls)) {
        const QString c = text(field(cls, "name"));
        out.push_back({-1, c + QLatin1Char('.') + name, false});
        out.push_back({-1, QStringLiteral("self.") + name, false});
        out.push_back({-1, QStringLiteral("cls.") + name, false});
      } else if (fn < 0 || m_globals.value(fn).contains(name)) {
        out.push_back({-1, name, true});
      } else {
        out.push_back({fn, name, false});
      }
    } else if (is(left, "attribute") || is(left, "subscript")) {
      // self.cio, cls.cio, app.cio, app.extensions["cio"]: reachable wherever the object is
      out.push_back({-1, compact(text(left)), false});
    }
    return out;
  }

  // The class whose body (not a method) holds `n`, if any.
  TSNode classBodyOf(TSNode n) const {
    for (TSNode p = parentOf(n); !ts_node_is_null(p); p = parentOf(p)) {
      if (isFunctionNode(p)) return TSNode{};
      if (is(p, "class_definition")) return p;
    }
    return TSNode{};
  }

  bool bind(const Target &t, const Binding &b) {
    auto &scope = m_bindings[t.scope];
    const auto it = scope.constFind(t.name);
    if (it != scope.cend() && it->clientId == b.clientId && it->sdk == b.sdk) return false;
    scope.insert(t.name, b);
    if (b.clientId >= 0) {
      QStringList &names = m_model.clients[b.clientId].names;
      if (!names.contains(t.name)) names << t.name;
      if (t.moduleLevel && !m_moduleClientNames.contains(t.name)) m_moduleClientNames.insert(t.name, b.clientId);
    }
    return true;
  }

  std::optional<Binding> lookup(int scope, const QString &name) const {
    for (int s = scope; s >= 0; s = m_model.functions[s].parentId) {
      const auto it = m_bindings.constFind(s);
      if (it != m_bindings.cend() && it->contains(name)) return it->value(name);
    }
    const auto it = m_bindings.constFind(-1);
    if (it != m_bindings.cend() && it->contains(name)) return it->value(name);
    return std::nullopt;
  }

  // What client an expression evaluates to, if any.
  std::optional<Binding> resolve(TSNode n, int scope, int depth = 0) const {
    n = unwrap(n, true);
    if (depth > 16) return std::nullopt;
    if (is(n, "identifier") || is(n, "attribute")) {
      if (auto b = lookup(scope, compact(text(n)))) return b;
      return std::nullopt;
    }
    if (is(n, "call")) {
      if (auto ctor = ctorOf(n)) {
        const int id = m_clientByStart.value(ts_node_start_byte(n), -1);
        return Binding{id, ctor->sdk, ctor->async};
      }
      const QString callee = compact(text(field(n, "function")));
      if (m_factories.contains(callee)) return m_factories.value(callee);
      return std::nullopt;
    }
    if (is(n, "boolean_operator")) {  // self._cio or CustomerIO(...)
      if (auto b = resolve(field(n, "right"), scope, depth + 1)) return b;
      return resolve(field(n, "left"), scope, depth + 1);
    }
    if (is(n, "conditional_expression")) {
      for (TSNode c : namedChildren(n))
        if (auto b = resolve(c, scope, depth + 1)) return b;
    }
    return std::nullopt;
  }

  // Regions.EU, customerio.Regions.US; anything else (a variable) is unknown.
  static QString regionOf(const QString &text) {
    static const QRegularExpression re(QStringLiteral(R"(Regions\.(EU|US)\b)"));
    const auto m = re.match(text);
    return m.hasMatch() ? m.captured(1).toLower() : QString();
  }

  // Built once although inside a function: a cached factory, a lazy singleton guarded by
  // `if x is None`, an app factory or startup hook, or a global assigned in a function.
  bool isCachedConstruction(TSNode call, int fn) const {
    for (int s = fn; s >= 0; s = m_model.functions[s].parentId) {
      if (hasDecorator(s, &isCacheDecorator)) return true;
      for (TSNode d : decoratorsOf(m_functionNodes[s])) {
        const QString full = text(d);
        if (full.contains(QLatin1String("startup")) || full.contains(QLatin1String("on_event"))) return true;
      }
      static const QSet<QString> onceFunctions = {QStringLiteral("create_app"), QStringLiteral("init_app"),
                                                  QStringLiteral("make_app"),   QStringLiteral("ready"),
                                                  QStringLiteral("lifespan"),   QStringLiteral("startup"),
                                                  QStringLiteral("on_startup"), QStringLiteral("main")};
      if (onceFunctions.contains(m_model.functions[s].name)) return true;
    }
    // Assignment target: a global, or guarded by `if target is None` / `if not target`.
    TSNode p = parentOf(call);
    while (is(p, "boolean_operator") || is(p, "conditional_expression") || is(p, "parenthesized_expression"))
      p = parentOf(p);
    if (!is(p, "assignment")) return false;
    const TSNode left = field(p, "left");
    const QString target = compact(text(left));
    if (is(left, "identifier") && m_globals.value(fn).contains(target)) return true;
    const TSNode right = unwrap(field(p, "right"));
    if (is(right, "boolean_operator") && text(field(right, "operator")) == QLatin1String("or") &&
        compact(text(field(right, "left"))) == target && !is(left, "identifier"))
      return true;
    if (is(left, "identifier")) return false;  // a local guarded by None is still per call
    for (TSNode a = parentOf(p); !ts_node_is_null(a) && !isFunctionNode(a); a = parentOf(a)) {
      if (!is(a, "if_statement")) continue;
      const QString cond = compact(text(field(a, "condition")));
      if (cond.contains(target) &&
          (cond.contains(QLatin1String("isNone")) || cond.startsWith(QLatin1String("not")) ||
           cond.contains(QLatin1String("notin")) || cond.contains(QLatin1String("nothasattr"))))
        return true;
    }
    return false;
  }

  void collectClients() {
    m_index.walk(m_root, [&](TSNode n) {
      if (!is(n, "call")) return true;
      const auto ctor = ctorOf(n);
      if (!ctor) return true;
      Client c;
      c.id = static_cast<int>(m_model.clients.size());
      c.sdk = ctor->sdk;
      c.range = ts::range(n);
      c.constructor = compact(text(field(n, "function")));
      const int fn = functionOf(n);
      c.functionId = fn;
      c.insideFunction = fn >= 0;
      const Args a = args(n);
      auto credential = [&](size_t index, const QString &kw) {
        const TSNode v = a.get(index, kw);
        c.credentialArgs.push_back(ts_node_is_null(v) ? Expr{} : m_reader.read(v, fn));
      };
      if (ctor->sdk == Sdk::Track) {
        credential(0, QStringLiteral("site_id"));
        credential(1, QStringLiteral("api_key"));
      } else if (ctor->sdk == Sdk::App) {
        credential(0, QStringLiteral("key"));
      } else {
        credential(0, QStringLiteral("write_key"));
      }
      const TSNode region = a.keyword(QStringLiteral("region"));
      const size_t regionAt = ctor->sdk == Sdk::App ? 2 : 3;
      if (!ts_node_is_null(region))
        c.region = regionOf(text(region));
      else if (a.positional.size() > regionAt)
        c.region = regionOf(text(a.positional[regionAt]));
      c.regionGiven = !ts_node_is_null(region) || a.positional.size() > regionAt ||
                      !ts_node_is_null(a.keyword(QStringLiteral("url"))) ||
                      !ts_node_is_null(a.keyword(QStringLiteral("host"))) || !a.dictSplats.empty();
      if (c.insideFunction) {
        const QString name = m_model.functions[fn].name;
        c.inConstructor = name == QLatin1String("__init__") || name == QLatin1String("__post_init__") ||
                          name == QLatin1String("__new__");
        c.cached = isCachedConstruction(n, fn);
      }
      m_clientByStart.insert(ts_node_start_byte(n), c.id);
      m_model.clients.push_back(c);
      return true;
    });
  }


  void addFactory(int fn, const Binding &b, bool &changed) {
    if (fn < 0) return;
    const TSNode node = m_functionNodes[fn];
    if (is(node, "lambda")) return;
    const QString name = m_model.functions[fn].name;
    QStringList keys;
    const TSNode cls = enclosingClass(node);
    bool property = false;
    for (TSNode d : decoratorsOf(node)) {
      const QString dn = lastPart(decoratorName(d));
      property = property || dn == QLatin1String("property") || dn == QLatin1String("cached_property");
    }
    if (!ts_node_is_null(cls)) {
      if (property) {
        bool bound = bind({-1, QStringLiteral("self.") + name, false}, b);
        changed = bound || changed;
        return;
      }
      keys << QStringLiteral("self.") + name << QStringLiteral("cls.") + name
           << text(field(cls, "name")) + QLatin1Char('.') + name;
    } else {
      keys << name;
    }
    for (const QString &k : keys) {
      const auto it = m_factories.constFind(k);
      if (it != m_factories.cend() && it->clientId == b.clientId) continue;
      m_factories.insert(k, b);
      changed = true;
    }
    // Exported as "get_client()" (model.h: factories carry "()" in every language).
    if (ts_node_is_null(cls) && m_model.functions[fn].parentId < 0 && b.clientId >= 0 &&
        !m_moduleClientNames.contains(name + QStringLiteral("()")))
      m_moduleClientNames.insert(name + QStringLiteral("()"), b.clientId);
  }

  void resolveBindings() {
    // Parameters annotated with an SDK class: `def sync(cio: CustomerIO, ...)`.
    for (size_t i = 0; i < m_functionNodes.size(); ++i) {
      const TSNode fn = m_functionNodes[i];
      if (is(fn, "lambda")) continue;
      for (TSNode p : namedChildren(field(fn, "parameters"))) {
        if (!is(p, "typed_parameter") && !is(p, "typed_default_parameter")) continue;
        QString type = compact(text(field(p, "type")));
        type.remove(QRegularExpression(QStringLiteral(R"(^Optional\[|\]$|\|None$)")));
        const auto ctor = m_ctors.constFind(type);
        if (ctor == m_ctors.cend()) continue;
        const TSNode pn = is(p, "typed_parameter") ? ts_node_named_child(p, 0) : field(p, "name");
        bind({static_cast<int>(i), text(pn), false}, Binding{-1, ctor->sdk, ctor->async});
      }
    }
    // Aliases, attributes, `with ... as`, factories and properties, until nothing changes.
    for (int round = 0; round < 4; ++round) {
      bool changed = false;
      m_index.walk(m_root, [&](TSNode n) {
        if (is(n, "assignment")) {
          const TSNode right = field(n, "right");
          if (ts_node_is_null(right)) return true;
          const int fn = functionOf(n);
          if (auto b = resolve(right, fn))
            for (const Target &t : targetsOf(n, fn)) changed = bind(t, *b) || changed;
        } else if (is(n, "as_pattern") && is(parentOf(n), "with_item")) {
          const int fn = functionOf(n);
          const TSNode value = ts_node_named_child(n, 0);
          const TSNode alias = field(n, "alias");
          if (auto b = resolve(value, fn)) {
            const QString name = compact(text(alias));
            changed = bind({fn, name, fn < 0}, *b) || changed;
          }
        } else if (is(n, "return_statement")) {
          const TSNode value = ts_node_named_child(n, 0);
          const int fn = functionOf(n);
          if (!ts_node_is_null(value) && fn >= 0)
            if (auto b = resolve(value, fn)) addFactory(fn, *b, changed);
        } else if (is(n, "call")) {
          changed = bindParameters(n) || changed;
        } else if (is(n, "lambda")) {
          const int fn = m_functionIds.value(n.id, -1);
          if (auto b = resolve(field(n, "body"), fn)) {
            // get_cio = lambda: CustomerIO(...)
            const TSNode parent = parentOf(n);
            if (is(parent, "assignment") && is(field(parent, "left"), "identifier")) {
              const QString name = text(field(parent, "left"));
              const auto it = m_factories.constFind(name);
              if (it == m_factories.cend()) {
                m_factories.insert(name, *b);
                changed = true;
              }
            }
          }
        }
        return true;
      });
      if (!changed) break;
    }
  }

  // Parameter names of a function, in order (`self`/`cls` included), with `*`/`**` left out.
  std::vector<QString> parameterNames(TSNode fn) const {
    std::vector<QString> out;
    for (TSNode p : namedChildren(field(fn, "parameters"))) {
      if (is(p, "identifier")) out.push_back(text(p));
      else if (is(p, "typed_parameter")) out.push_back(text(ts_node_named_child(p, 0)));
      else if (is(p, "default_parameter") || is(p, "typed_default_parameter")) out.push_back(text(field(p, "name")));
      else out.push_back(QString());
    }
    return out;
  }

  // `import_people(cio, path)` with `cio` a client: inside import_people the parameter is
  // that client. Only for plain functions of this file called by their name.
  bool bindParameters(TSNode call) {
    const TSNode callee = field(call, "function");
    if (!is(callee, "identifier")) return false;
    const QString name = text(callee);
    const Args a = args(call);
    const int caller = functionOf(call);
    bool changed = false;
    // (function, leading parameters the call does not pass): plain functions, and the
    // __init__ of a class of this file (`Tracker(cio)`), which skips `self`.
    std::vector<std::pair<int, size_t>> targets;
    for (const int i : m_functionsByName.values(name))
      if (!is(m_functionNodes[i], "lambda") && ts_node_is_null(enclosingClass(m_functionNodes[i])))
        targets.emplace_back(i, 0);
    if (m_initByClass.contains(name)) targets.emplace_back(m_initByClass.value(name), 1);
    for (const auto &[i, skipped] : targets) {
      std::vector<QString> params = parameterNames(m_functionNodes[i]);
      params.erase(params.begin(), params.begin() + static_cast<std::ptrdiff_t>(std::min(skipped, params.size())));
      // The first call site that passes a client decides (no flip-flopping between two).
      // Captured by copy: clang before 16 cannot capture a structured binding.
      const auto bound = [this, fn = i](const QString &p) { return m_bindings.value(fn).contains(p); };
      for (size_t k = 0; k < a.positional.size() && k < params.size(); ++k)
        if (!params[k].isEmpty() && !bound(params[k]))
          if (auto b = resolve(a.positional[k], caller)) changed = bind({i, params[k], false}, *b) || changed;
      for (const auto &[kw, value] : a.keywords)
        if (std::find(params.begin(), params.end(), kw) != params.end() && !bound(kw))
          if (auto b = resolve(value, caller)) changed = bind({i, kw, false}, *b) || changed;
    }
    return changed;
  }

  // `cio = build_client()` at module scope: a factory whose every call in this file runs
  // at import time builds its client once per process.
  void markModuleLevelFactories() {
    QHash<QString, std::pair<int, int>> sites;  // callee -> (calls, calls at module scope)
    m_index.walk(m_root, [&](TSNode n) {
      if (is(n, "call") && is(field(n, "function"), "identifier")) {
        auto &s = sites[text(field(n, "function"))];
        ++s.first;
        if (functionOf(n) < 0) ++s.second;
      }
      return true;
    });
    for (Client &c : m_model.clients) {
      if (!c.insideFunction || c.cached || c.inConstructor || c.functionId < 0) continue;
      const QString name = m_model.functions[c.functionId].name;
      const auto factory = m_factories.constFind(name);
      if (factory == m_factories.cend() || factory->clientId != c.id) continue;
      const auto s = sites.value(name);
      if (s.first > 0 && s.first == s.second) c.cached = true;
    }
  }

  void collectExports() {
    for (auto it = m_moduleClientNames.cbegin(); it != m_moduleClientNames.cend(); ++it)
      m_model.exports.push_back({it.key(), it.value()});
    std::sort(m_model.exports.begin(), m_model.exports.end(),
              [](const ClientExport &a, const ClientExport &b) { return a.exportedName < b.exportedName; });
  }

  // --- calls ------------------------------------------------------------------------

  static std::optional<Operation> trackOperation(const QString &m) {
    static const QHash<QString, Operation> ops = {
        {QStringLiteral("identify"), Operation::Identify},
        {QStringLiteral("track"), Operation::Track},
        {QStringLiteral("backfill"), Operation::Track},
        {QStringLiteral("track_anonymous"), Operation::TrackAnonymous},
        {QStringLiteral("pageview"), Operation::Page},
        {QStringLiteral("delete"), Operation::Delete},
        {QStringLiteral("suppress"), Operation::Suppress},
        {QStringLiteral("unsuppress"), Operation::Unsuppress},
        {QStringLiteral("add_device"), Operation::AddDevice},
        {QStringLiteral("delete_device"), Operation::DeleteDevice},
        {QStringLiteral("merge_customers"), Operation::Merge},
        {QStringLiteral("batch"), Operation::Batch}};
    const auto it = ops.constFind(m);
    if (it == ops.cend()) return std::nullopt;
    return *it;
  }
  static std::optional<Operation> appOperation(const QString &m) {
    static const QHash<QString, Operation> ops = {
        {QStringLiteral("send_email"), Operation::SendEmail},
        {QStringLiteral("send_push"), Operation::SendPush},
        {QStringLiteral("send_sms"), Operation::SendSms},
        {QStringLiteral("send_inbox_message"), Operation::SendOther},
        {QStringLiteral("send_in_app"), Operation::SendOther},
        {QStringLiteral("send_whatsapp"), Operation::SendOther},
        {QStringLiteral("trigger_broadcast"), Operation::TriggerBroadcast}};
    const auto it = ops.constFind(m);
    if (it == ops.cend()) return std::nullopt;
    return *it;
  }
  static std::optional<Operation> pipelinesOperation(const QString &m) {
    static const QHash<QString, Operation> ops = {{QStringLiteral("identify"), Operation::Identify},
                                                  {QStringLiteral("track"), Operation::Track},
                                                  {QStringLiteral("page"), Operation::Page},
                                                  {QStringLiteral("screen"), Operation::Page},
                                                  {QStringLiteral("group"), Operation::Other},
                                                  {QStringLiteral("alias"), Operation::Other}};
    const auto it = ops.constFind(m);
    if (it == ops.cend()) return std::nullopt;
    return *it;
  }
  static std::optional<Operation> operationFor(Sdk sdk, const QString &m) {
    switch (sdk) {
      case Sdk::Track: return trackOperation(m);
      case Sdk::App: return appOperation(m);
      case Sdk::Pipelines: return pipelinesOperation(m);
      default: return std::nullopt;
    }
  }

  void addDictAttributes(TSNode dict, int fn, Call &call, bool &visible) const {
    dict = unwrap(dict);
    if (is(dict, "dictionary")) {
      for (TSNode c : namedChildren(dict)) {
        if (is(c, "comment")) continue;
        if (!is(c, "pair")) {
          visible = false;  // **spread
          if (is(c, "dictionary_splat") && ts_node_named_child_count(c) > 0)
            call.spreadAttributes.push_back(m_reader.read(ts_node_named_child(c, 0), fn));
          continue;
        }
        const TSNode key = field(c, "key");
        const QString k = m_reader.plainString(key);
        if (k.isNull()) {
          visible = false;
          continue;
        }
        call.attributes.push_back({k, ts::range(key), m_reader.read(field(c, "value"), fn), false});
      }
      return;
    }
    if (is(dict, "call") && text(field(dict, "function")) == QLatin1String("dict")) {
      const Args a = args(dict);
      if (!a.positional.empty() || !a.dictSplats.empty() || a.listSplat) visible = false;
      for (size_t i = 0; i < a.keywords.size(); ++i)
        call.attributes.push_back(
            {a.keywords[i].first, ts::range(a.keywordNames[i]), m_reader.read(a.keywords[i].second, fn)});
      return;
    }
    if (is(dict, "none")) return;
    visible = false;
    if (!ts_node_is_null(dict)) call.spreadAttributes.push_back(m_reader.read(dict, fn));  // data=request.json
  }

  void addKeywordAttributes(const Args &a, const QSet<QString> &skip, int fn, Call &call, bool &visible) const {
    for (size_t i = 0; i < a.keywords.size(); ++i) {
      if (skip.contains(a.keywords[i].first)) continue;
      call.attributes.push_back(
          {a.keywords[i].first, ts::range(a.keywordNames[i]), m_reader.read(a.keywords[i].second, fn)});
    }
    for (TSNode s : a.dictSplats) addDictAttributes(s, fn, call, visible);
    if (a.listSplat) visible = false;
  }

  void addSingle(const Args &a, size_t index, const QString &kw, const QString &key, int fn, Call &call) const {
    const TSNode v = a.get(index, kw);
    if (ts_node_is_null(v)) return;
    const TSNode kn = a.keywordName(kw);
    call.attributes.push_back(
        {key, ts::range(ts_node_is_null(kn) || index < a.positional.size() ? v : kn), m_reader.read(v, fn), false});
  }

  // The request object given to send_email & co: inline, a variable built earlier in the
  // same function, or a dict.
  void fillSendRequest(TSNode arg, int fn, Call &call) const {
    bool visible = true;
    TSNode req = unwrap(arg);
    if (is(req, "identifier")) {
      const TSNode v = m_assignments.valueBefore(fn, text(req), ts_node_start_byte(req));
      if (!ts_node_is_null(v)) req = unwrap(v);
    }
    if (isRequestCtor(req)) {
      const Args a = args(req);
      addKeywordAttributes(a, {}, fn, call, visible);
      if (!a.positional.empty()) visible = false;
    } else {
      addDictAttributes(req, fn, call, visible);
    }
    call.attributesFullyVisible = visible;
    // identifiers={"id": ...}: the person the message is for
    TSNode identifiers{};
    if (isRequestCtor(req)) {
      identifiers = args(req).keyword(QStringLiteral("identifiers"));
    } else if (is(req, "dictionary")) {
      for (TSNode pair : namedChildren(req))
        if (is(pair, "pair") && m_reader.plainString(field(pair, "key")) == QLatin1String("identifiers"))
          identifiers = field(pair, "value");
    }
    identifiers = unwrap(identifiers);
    if (is(identifiers, "dictionary"))
      for (TSNode pair : namedChildren(identifiers))
        if (is(pair, "pair") && m_reader.plainString(field(pair, "key")) == QLatin1String("id"))
          call.personId = m_reader.read(field(pair, "value"), fn);
  }

  void fillArguments(TSNode callNode, Sdk sdk, int fn, Call &call) const {
    const Args a = args(callNode);
    bool visible = true;
    const QString m = call.method;
    auto person = [&](size_t index, const QString &kw) {
      const TSNode v = a.get(index, kw);
      if (!ts_node_is_null(v)) call.personId = m_reader.read(v, fn);
    };
    auto event = [&](size_t index, const QString &kw) {
      const TSNode v = a.get(index, kw);
      if (!ts_node_is_null(v)) call.eventName = m_reader.read(v, fn);
    };
    if (sdk == Sdk::Pipelines) {
      TSNode uid = a.get(0, QStringLiteral("user_id"));
      if (ts_node_is_null(uid)) uid = a.keyword(QStringLiteral("anonymous_id"));
      if (!ts_node_is_null(uid)) call.personId = m_reader.read(uid, fn);
      QString bag;
      size_t bagIndex = 99;
      if (call.op == Operation::Identify) {
        bag = QStringLiteral("traits");
        bagIndex = 1;
      } else if (m == QLatin1String("track")) {
        event(1, QStringLiteral("event"));
        bag = QStringLiteral("properties");
        bagIndex = 2;
      } else if (m == QLatin1String("page") || m == QLatin1String("screen")) {
        event(2, QStringLiteral("name"));
        bag = QStringLiteral("properties");
        bagIndex = 3;
      }
      if (!bag.isEmpty()) {
        const TSNode b = a.get(bagIndex, bag);
        if (!ts_node_is_null(b)) addDictAttributes(b, fn, call, visible);
      }
      addSingle(a, 99, QStringLiteral("timestamp"), QStringLiteral("timestamp"), fn, call);
      call.attributesFullyVisible = visible && a.dictSplats.empty() && !a.listSplat;
      return;
    }
    switch (call.op) {
      case Operation::Identify: {
        TSNode id = a.get(0, QStringLiteral("id"));
        if (ts_node_is_null(id)) id = a.keyword(QStringLiteral("identifier"));
        if (ts_node_is_null(id)) id = a.keyword(QStringLiteral("customer_id"));
        if (!ts_node_is_null(id)) call.personId = m_reader.read(id, fn);
        addKeywordAttributes(a, {QStringLiteral("id"), QStringLiteral("identifier"), QStringLiteral("customer_id")},
                             fn, call, visible);
        if (a.positional.size() > 1) visible = false;
        break;
      }
      case Operation::Track:
      case Operation::TrackAnonymous:
      case Operation::Page: {
        const bool anonymous = call.op == Operation::TrackAnonymous;
        person(0, anonymous ? QStringLiteral("anonymous_id") : QStringLiteral("customer_id"));
        if (anonymous) call.anonymousId = call.personId;
        event(1, call.op == Operation::Page ? QStringLiteral("page") : QStringLiteral("name"));
        QSet<QString> skip = {QStringLiteral("customer_id"), QStringLiteral("anonymous_id"), QStringLiteral("name"),
                              QStringLiteral("page"), QStringLiteral("data"), QStringLiteral("id")};
        if (m == QLatin1String("backfill")) {
          addSingle(a, 2, QStringLiteral("timestamp"), QStringLiteral("timestamp"), fn, call);
          skip.insert(QStringLiteral("timestamp"));
        }
        const TSNode data = a.get(2, QStringLiteral("data"));
        if (m != QLatin1String("backfill") && !ts_node_is_null(data)) addDictAttributes(data, fn, call, visible);
        if (call.op != Operation::Page && m != QLatin1String("backfill")) {
          // Event data as keyword arguments: customerio < 3.0's `track(id, name, **data)`.
          static const QSet<QString> signature = {QStringLiteral("customer_id"), QStringLiteral("anonymous_id"),
                                                  QStringLiteral("name"),        QStringLiteral("data"),
                                                  QStringLiteral("id"),          QStringLiteral("timestamp")};
          for (size_t i = 0; i < a.keywords.size() && !call.keywordEventData; ++i)
            if (!signature.contains(a.keywords[i].first)) {
              call.keywordEventData = true;
              call.keywordEventDataRange = ts::range(ts_node_parent(a.keywordNames[i]));  // the whole `key=value`
            }
          if (!call.keywordEventData && !a.dictSplats.empty()) {
            call.keywordEventData = true;
            call.keywordEventDataRange = ts::range(ts_node_parent(a.dictSplats.front()));
          }
        }
        addKeywordAttributes(a, skip, fn, call, visible);
        if (a.positional.size() > 3) visible = false;
        break;
      }
      case Operation::Delete:
      case Operation::Suppress:
      case Operation::Unsuppress:
      case Operation::DeleteDevice: person(0, QStringLiteral("customer_id")); break;
      case Operation::AddDevice:
        person(0, QStringLiteral("customer_id"));
        addKeywordAttributes(a, {QStringLiteral("customer_id"), QStringLiteral("device_id"), QStringLiteral("platform")},
                             fn, call, visible);
        break;
      case Operation::SendEmail:
      case Operation::SendPush:
      case Operation::SendSms:
      case Operation::SendOther:
        if (!a.positional.empty()) fillSendRequest(a.positional[0], fn, call);
        return;
      default: break;
    }
    call.attributesFullyVisible = visible;
  }

  // Loops that are not over a collection of people: retries (`for attempt in range(3)`,
  // `while retries < 5`) and a handful of literal values (`for name in ("a", "b")`).
  bool isRetryLoop(TSNode loop) const {
    if (is(loop, "for_statement")) {
      const TSNode right = unwrap(field(loop, "right"));
      if (is(right, "tuple") || is(right, "list") || is(right, "set")) {
        int literals = 0, others = 0;
        for (TSNode c : namedChildren(right)) {
          if (is(c, "comment")) continue;
          const TSNode v = unwrap(c);
          (is(v, "string") || is(v, "integer") || is(v, "float") ? literals : others)++;
        }
        if (others == 0 && literals <= 10) return true;
      }
      if (is(right, "call") && text(field(right, "function")) == QLatin1String("range")) {
        const Args a = args(right);
        if (a.positional.size() == 1 && is(a.positional[0], "integer") && text(a.positional[0]).toInt() <= 10)
          return true;
      }
      return text(right).contains(QRegularExpression(QStringLiteral("(?i)(retr|attempt|tries)")));
    }
    if (is(loop, "while_statement"))
      return text(field(loop, "condition")).contains(QRegularExpression(QStringLiteral("(?i)(retr|attempt|tries)")));
    return false;
  }

  bool bodyThrottles(TSNode body) const {
    bool found = false;
    static const QRegularExpression limiter(QStringLiteral("(?i)(limit|throttl|bucket)"));
    m_index.walk(body, [&](TSNode n) {
      if (found) return false;
      if (is(n, "call")) {
        const QString callee = compact(text(field(n, "function")));
        if (lastPart(callee) == QLatin1String("sleep") || limiter.match(callee).hasMatch()) found = true;
        // a local helper decorated with a rate limiter
        for (const int i : m_functionsByName.values(callee))
          if (hasDecorator(i, &isRateLimitDecorator)) found = true;
      } else if (is(n, "with_item")) {
        if (limiter.match(text(n)).hasMatch()) found = true;
      }
      return !found;
    });
    return found;
  }

  void loopContext(TSNode callNode, int fn, Call &call) const {
    TSNode child = callNode;
    for (TSNode p = parentOf(callNode); !ts_node_is_null(p); child = p, p = parentOf(p)) {
      if (is(p, "lambda")) {
        // map(lambda u: cio.identify(...), users)
        const TSNode list = parentOf(p);
        const TSNode outer = parentOf(list);
        if (is(list, "argument_list") && is(outer, "call") &&
            lastPart(compact(text(field(outer, "function")))) == QLatin1String("map")) {
          call.inLoop = true;
          call.loopThrottled = call.loopThrottled || bodyThrottles(outer);
        }
        break;
      }
      if (is(p, "function_definition")) break;
      bool loop = false;
      TSNode body{};
      if (is(p, "for_statement") || is(p, "while_statement")) {
        body = field(p, "body");
        loop = ts_node_eq(child, body) && !isRetryLoop(p);
      } else if (is(p, "list_comprehension") || is(p, "set_comprehension") || is(p, "dictionary_comprehension") ||
                 is(p, "generator_expression")) {
        body = p;
        loop = ts_node_eq(child, field(p, "body"));
      }
      if (!loop) continue;
      call.inLoop = true;
      if (bodyThrottles(body)) call.loopThrottled = true;
    }
    if (call.inLoop) {
      for (int s = fn; s >= 0; s = m_model.functions[s].parentId)
        if (hasDecorator(s, &isRateLimitDecorator)) call.loopThrottled = true;
      // `with limiter:` around the call itself
      for (TSNode p = parentOf(callNode); !ts_node_is_null(p) && !isFunctionNode(p); p = parentOf(p))
        if (is(p, "with_statement") &&
            text(p).left(200).contains(QRegularExpression(QStringLiteral("(?i)^with[^:]*(limit|throttl)"))))
          call.loopThrottled = true;
    }
    if (call.op == Operation::Batch) call.loopThrottled = true;
  }

  Call makeCall(TSNode callNode, const QString &method, Operation op, Sdk sdk, int clientId, bool async) const {
    Call call;
    call.op = op;
    call.method = method;
    call.sdk = sdk;
    call.clientId = clientId;
    call.range = ts::range(callNode);
    const TSNode name = field(field(callNode, "function"), "attribute");
    call.calleeRange = ts::range(ts_node_is_null(name) ? field(callNode, "function") : name);
    const int fn = functionOf(callNode);
    call.functionId = fn;
    fillArguments(callNode, sdk, fn, call);
    // async_customerio's coroutines take event data as keyword arguments by design.
    if (async || sdk != Sdk::Track) call.keywordEventData = false;
    const bool background = m_model.inBackgroundTask(fn);
    if (sdk == Sdk::Pipelines) call.waitsForResult = false;  // queued to the SDK's own thread
    else if (async)
      call.waitsForResult = is(parentOf(callNode), "await") && !background;
    else call.waitsForResult = !background;
    // A coroutine is handled when awaited, returned, stored or handed on (create_task,
    // gather); a bare `cio.track(...)` statement on an async client never runs.
    call.promiseHandled = async && !is(parentOf(callNode), "expression_statement");
    // An async client's coroutine is not a promise that rejects: an un-awaited one never
    // runs at all, so returnsPromise stays false. customerio-python converts datetime
    // values in a payload to integer seconds.
    if (sdk == Sdk::Track || sdk == Sdk::App)
      for (Attribute &a : call.attributes) a.sdkConvertsDates = true;
    loopContext(callNode, fn, call);
    return call;
  }

  // Union of method names any Customer.io client may have, for calls through imported
  // names whose client is only known after linking.
  static std::optional<std::pair<Operation, Sdk>> guessOperation(const QString &m, const Args &a) {
    const bool pipelinesShape = !ts_node_is_null(a.keyword(QStringLiteral("user_id"))) ||
                                !ts_node_is_null(a.keyword(QStringLiteral("event"))) ||
                                !ts_node_is_null(a.keyword(QStringLiteral("properties"))) ||
                                !ts_node_is_null(a.keyword(QStringLiteral("traits")));
    if (pipelinesShape)
      if (auto op = pipelinesOperation(m)) return std::make_pair(*op, Sdk::Pipelines);
    if (auto op = trackOperation(m)) return std::make_pair(*op, Sdk::Track);
    if (auto op = appOperation(m)) return std::make_pair(*op, Sdk::App);
    if (auto op = pipelinesOperation(m)) return std::make_pair(*op, Sdk::Pipelines);
    return std::nullopt;
  }

  // `cio.track(...)` where `cio` (or `clients.cio`, or `get_cio()`) comes from a local
  // module: the receiver name the linker resolves through the file's imports.
  QString pendingReceiver(TSNode object, int fn) {
    object = unwrap(object, true);
    // `get_client().track(...)`: the receiver is the factory, "get_client()" (model.h).
    const bool called = is(object, "call");
    const QString suffix = called ? QStringLiteral("()") : QString();
    if (called) object = field(object, "function");
    auto addImport = [&](const LocalImport &imp) {
      for (const LocalImport &i : m_model.imports)
        if (i.localName == imp.localName) return;
      m_model.imports.push_back(imp);
    };
    if (is(object, "identifier")) {
      const QString name = text(object);
      if (!m_localNames.contains(name) || lookup(fn, name)) return QString();
      if (!called) return name;
      const LocalImport imp = m_localNames.value(name);
      addImport({name + suffix, imp.importedName + suffix, imp.specifier});
      return name + suffix;
    }
    if (is(object, "attribute")) {
      const TSNode base = unwrap(field(object, "object"));
      if (!is(base, "identifier")) return QString();
      const QString module = text(base);
      QString path;
      if (m_localModules.contains(module)) {
        path = m_localModules.value(module);
      } else if (m_localNames.contains(module)) {  // from app import clients
        const LocalImport imp = m_localNames.value(module);
        // django.conf.settings proxies the project's settings module: `settings.CIO`
        // is the client built in settings.py.
        const bool djangoSettings = imp.specifier == QLatin1String("django/conf") &&
                                    imp.importedName == QLatin1String("settings");
        path = djangoSettings ? QStringLiteral("settings") : imp.specifier + QLatin1Char('/') + imp.importedName;
      } else {
        return QString();
      }
      const QString local = compact(text(object)) + suffix;
      addImport({local, text(field(object, "attribute")) + suffix, path});
      return local;
    }
    return QString();
  }

  void collectCalls() {
    static const QSet<QString> bounceMetrics = {QStringLiteral("bounced"), QStringLiteral("email_bounced"),
                                                QStringLiteral("spammed"), QStringLiteral("email_spammed")};
    m_index.walk(m_root, [&](TSNode n) {
      if (is(n, "comment")) {
        m_model.comments.push_back({ts::range(n), text(n)});
        return false;
      }
      if (is(n, "string")) {
        const QString v = m_reader.plainString(n);
        const bool bounce = bounceMetrics.contains(v);
        if (!v.isNull() && isDeliveryMetric(v) && (bounce ? comparesOrDispatches(n) : comparedWithMetric(n))) {
          m_model.webhookReads.push_back({ts::range(n), functionOf(n), bounce});
          if (bounce) m_model.handlesBounceWebhook = true;
        }
        return true;
      }
      if (!is(n, "call")) return true;
      const int fn = functionOf(n);
      httpRequest(n, fn);
      const TSNode callee = field(n, "function");
      if (is(callee, "identifier")) {
        // from customerio.analytics import track
        const QString name = text(callee);
        if (m_pipelinesFunctions.contains(name))
          if (auto op = pipelinesOperation(m_pipelinesFunctions.value(name))) {
            Call c = makeCall(n, m_pipelinesFunctions.value(name), *op, Sdk::Pipelines, -1, false);
            c.calleeRange = ts::range(callee);
            m_model.calls.push_back(c);
          }
        return true;
      }
      if (!is(callee, "attribute")) return true;
      const QString method = text(field(callee, "attribute"));
      const TSNode object = field(callee, "object");
      const QString objectText = compact(text(object));
      if (m_pipelinesModules.contains(objectText)) {
        if (auto op = pipelinesOperation(method))
          m_model.calls.push_back(makeCall(n, method, *op, Sdk::Pipelines, -1, false));
        return true;
      }
      if (auto b = resolve(object, fn)) {
        if (auto op = operationFor(b->sdk, method)) {
          Call c = makeCall(n, method, *op, b->sdk, b->clientId, b->async);
          m_model.calls.push_back(c);
          if (c.op == Operation::Suppress && m_model.inRequestPath(fn)) m_model.handlesBounceWebhook = true;
        }
        return true;
      }
      if (auto guess = guessOperation(method, args(n))) {
        const QString receiver = pendingReceiver(object, fn);
        if (!receiver.isEmpty()) {
          Call c = makeCall(n, method, guess->first, guess->second, -1, false);
          m_model.pendingCalls.emplace_back(receiver, c);
          if (c.op == Operation::Suppress && m_model.inRequestPath(fn)) m_model.handlesBounceWebhook = true;
        }
      }
      return true;
    });
  }

  // "bounced" compared with a metric, listed in a membership test, a dict key or a case.
  bool comparesOrDispatches(TSNode s) const {
    TSNode p = parentOf(s);
    for (int i = 0; i < 3 && !ts_node_is_null(p); ++i, p = parentOf(p)) {
      if (is(p, "comparison_operator") || is(p, "case_pattern") || is(p, "case_clause")) return true;
      if (is(p, "pair")) return ts_node_eq(field(p, "key"), s);
      if (!is(p, "tuple") && !is(p, "list") && !is(p, "set") && !is(p, "parenthesized_expression")) return false;
    }
    return false;
  }

  // "delivered" compared with something named metric / event_type (other metrics are
  // common words: status == "failed" is no webhook).
  bool comparedWithMetric(TSNode s) const {
    static const QRegularExpression subject(QStringLiteral("metric|event_type"));
    // A query parameter (a stats page's ?metric=clicked) is no webhook payload.
    static const QRegularExpression query(QStringLiteral("\\b(args|query_params|GET)\\b"));
    auto webhookField = [&](TSNode n) {
      const QString t = text(n);
      return subject.match(t).hasMatch() && !query.match(t).hasMatch();
    };
    TSNode p = ts_node_parent(s);
    for (int i = 0; i < 3 && !ts_node_is_null(p); ++i, p = ts_node_parent(p)) {
      if (is(p, "comparison_operator")) return webhookField(p);
      if (is(p, "case_clause"))
        return webhookField(field(ts::ancestor(p, [](TSNode a) { return is(a, "match_statement"); }), "subject"));
      if (!is(p, "tuple") && !is(p, "list") && !is(p, "set") && !is(p, "parenthesized_expression") &&
          !is(p, "case_pattern"))
        return false;
    }
    return false;
  }

  // --- raw HTTP ---------------------------------------------------------------------

  QString resolvedText(TSNode n, int fn, int depth = 0) const {
    QString out = text(n);
    if (depth > 2) return out;
    QStringList names;
    m_reader.collectNames(n, names);
    for (const QString &name : names) {
      const TSNode v = m_assignments.valueBefore(fn, name, ts_node_start_byte(n));
      if (!ts_node_is_null(v)) out += QLatin1Char(' ') + resolvedText(v, fn, depth + 1);
    }
    return out;
  }

  void httpRequest(TSNode call, int fn) {
    const TSNode callee = field(call, "function");
    const QString name = compact(text(callee));
    const QString last = lastPart(name);
    static const QSet<QString> verbs = {QStringLiteral("get"),    QStringLiteral("post"),  QStringLiteral("put"),
                                        QStringLiteral("patch"),  QStringLiteral("delete"), QStringLiteral("head"),
                                        QStringLiteral("request"), QStringLiteral("urlopen"), QStringLiteral("Request")};
    if (!verbs.contains(last)) return;
    const Args a = args(call);
    TSNode url = a.keyword(QStringLiteral("url"));
    if (ts_node_is_null(url)) {
      const size_t index = last == QLatin1String("request") ? 1 : 0;
      if (index < a.positional.size()) url = a.positional[index];
    }
    if (ts_node_is_null(url)) return;
    static const QRegularExpression hostRe(QStringLiteral(R"(((?:[a-z0-9-]+\.)?customer\.io))"));
    const auto m = hostRe.match(resolvedText(url, fn));
    if (!m.hasMatch()) return;
    HttpRequest r;
    r.range = ts::range(url);
    r.host = m.captured(1);
    r.functionId = fn;
    const TSNode auth = unwrap(a.keyword(QStringLiteral("auth")));
    if (!ts_node_is_null(auth)) {
      if (is(auth, "tuple") || text(auth).contains(QLatin1String("Basic"))) r.auth = HttpAuth::Basic;
      else if (text(auth).contains(QLatin1String("Bearer"))) r.auth = HttpAuth::Bearer;
    }
    const TSNode headers = a.keyword(QStringLiteral("headers"));
    if (r.auth == HttpAuth::Unknown && !ts_node_is_null(headers)) {
      const QString h = resolvedText(headers, fn);
      static const QRegularExpression bearer(QStringLiteral(R"((?i)authorization["']?\s*:\s*[^,}]*bearer)"));
      static const QRegularExpression basic(QStringLiteral(R"((?i)authorization["']?\s*:\s*[^,}]*basic)"));
      if (bearer.match(h).hasMatch()) r.auth = HttpAuth::Bearer;
      else if (basic.match(h).hasMatch()) r.auth = HttpAuth::Basic;
    }
    m_model.httpRequests.push_back(r);
  }

  const QByteArray &m_src;
  QString m_path;
  TSNode m_root;
  ts::TreeIndex m_index;
  FileModel m_model;
  Assignments m_assignments;
  ExprReader m_reader;

  QHash<QString, CtorInfo> m_ctors;               // local name -> SDK class
  mutable std::optional<bool> m_fastapi;          // the file imports fastapi (paramInput)
  QSet<QString> m_requestCtors;                   // SendEmailRequest & co
  QHash<QString, bool> m_sdkModules;              // `import customerio [as x]` -> async?
  QSet<QString> m_pipelinesModules;               // `from customerio import analytics`
  QHash<QString, QString> m_pipelinesFunctions;   // `from customerio.analytics import track`
  QHash<QString, QString> m_localModules;         // `import app.clients as clients` -> "app/clients"
  QHash<QString, LocalImport> m_localNames;       // `from .cio import client`

  QHash<const void *, int> m_functionIds;
  std::vector<TSNode> m_functionNodes;
  QMultiHash<QString, int> m_functionsByName;
  QHash<QString, int> m_initByClass;
  QSet<QString> m_backgroundNames, m_routeNames;
  QSet<const void *> m_backgroundLambdas;
  QHash<int, QSet<QString>> m_globals;            // function -> names declared `global`

  QHash<int, QHash<QString, Binding>> m_bindings;  // scope -> name -> client
  QHash<QString, Binding> m_factories;             // `get_client` / `self._client` -> client
  QHash<quint32, int> m_clientByStart;             // constructor call start byte -> client
  QMap<QString, int> m_moduleClientNames;          // exported names
};

}  // namespace

FileModel PythonAdapter::extract(const Document &doc, const QString &path) const {
  if (!doc.tree()) {
    FileModel model;
    model.path = path;
    model.language = doc.language().id;
    return model;
  }
  return Extractor(doc, path).run();
}

std::optional<FileModel> PythonAdapter::extractWithin(const Document &doc, const QString &path, int maxDepth) const {
  if (!doc.tree()) return extract(doc, path);
  ts::TreeIndex index(ts_tree_root_node(doc.tree()), maxDepth);
  if (index.tooDeep()) return std::nullopt;
  return Extractor(doc, path, std::move(index)).run();
}

}  // namespace cio
