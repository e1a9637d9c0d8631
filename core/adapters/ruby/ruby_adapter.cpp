// Ruby adapter: tree-sitter-ruby tree -> Customer.io model.
//
// Recognition starts from the gem's constructors (`Customerio::Client.new`,
// `Customerio::APIClient.new`); a call enters the model only through a name bound to
// such a client in this file, or, for globals and constants defined elsewhere (Rails
// autoloads them, no import names them), as a pending call the project linker resolves
// against other files' exports.

#include "adapters/ruby.h"

#include "adapters/ruby/ruby_expr.h"
#include "adapters/webhook_signature.h"
#include "syntax/node.h"

#include <QHash>
#include <QRegularExpression>

#include <iterator>

namespace cio {

using namespace cio::ts;
using ruby::namedKids;
using ruby::compactText;
using ruby::literalString;
using ruby::pairKey;
using ruby::unwrapParens;

namespace {

// What a class's objects are: decides request handlers, background tasks and how long
// an object (and so an `@client ||=` memo) lives.
enum class ClassKind { Plain, Module, Controller, Job };

struct ClassContext {
  TSNode node{};          // innermost class/module, null at top level
  ClassKind kind = ClassKind::Plain;
  QString path;           // "Api::UsersController"
  bool classLevel = false;  // inside `class << self`
};

// Per-function facts the adapter needs beyond FunctionScope.
struct FunctionInfo {
  TSNode node{};
  QString label;  // class path, method or route: searched for "webhook"
  bool rakeTask = false;
};

bool startsRooted(const QString &name) {
  return !name.isEmpty() && (name.front() == QLatin1Char('$') || name.front().isUpper());
}

Operation operationFor(const QString &m) {
  static const QHash<QString, Operation> ops = {
      {QStringLiteral("identify"), Operation::Identify},
      {QStringLiteral("track"), Operation::Track},
      {QStringLiteral("track_anonymous"), Operation::TrackAnonymous},
      {QStringLiteral("anonymous_track"), Operation::TrackAnonymous},
      {QStringLiteral("pageview"), Operation::Page},
      {QStringLiteral("suppress"), Operation::Suppress},
      {QStringLiteral("unsuppress"), Operation::Unsuppress},
      {QStringLiteral("delete"), Operation::Delete},
      {QStringLiteral("add_device"), Operation::AddDevice},
      {QStringLiteral("delete_device"), Operation::DeleteDevice},
      {QStringLiteral("merge_customers"), Operation::Merge},
      {QStringLiteral("batch"), Operation::Batch},
      {QStringLiteral("send_email"), Operation::SendEmail},
      {QStringLiteral("send_push"), Operation::SendPush},
      {QStringLiteral("send_sms"), Operation::SendSms},
      {QStringLiteral("send_inbox_message"), Operation::SendOther},
      {QStringLiteral("send_in_app"), Operation::SendOther},
      {QStringLiteral("send_whatsapp"), Operation::SendOther},
      {QStringLiteral("trigger_broadcast"), Operation::TriggerBroadcast},
      {QStringLiteral("track_delivery_metric"), Operation::Other},
      {QStringLiteral("track_push_notification_event"), Operation::Other},
  };
  return ops.value(m, Operation::Other);
}

bool isSdkMethod(const QString &m) {
  return operationFor(m) != Operation::Other || m == QLatin1String("track_delivery_metric") ||
         m == QLatin1String("track_push_notification_event");
}

bool isAppOperation(Operation op) {
  return op == Operation::SendEmail || op == Operation::SendPush || op == Operation::SendSms ||
         op == Operation::SendOther || op == Operation::TriggerBroadcast;
}

bool isPositional(TSNode n) {
  return !is(n, "pair") && !is(n, "hash_splat_argument") && !is(n, "block_argument") && !is(n, "comment");
}

class Extractor {
 public:
  Extractor(const Document &doc, const QString &path)
      : Extractor(doc, path, ts::TreeIndex(ts_tree_root_node(doc.tree()))) {}
  // With the tree's index built already (complete: not tooDeep()).
  Extractor(const Document &doc, const QString &path, ts::TreeIndex &&index)
      : m_src(doc.source()),
        m_root(ts_tree_root_node(doc.tree())),
        m_index(std::move(index)),
        m_exprs(m_src, [this](TSNode id) { return resolveLocal(id); }) {
    m_model.path = path;
    m_model.language = doc.language().id;
    m_model.hasSyntaxErrors = doc.hasSyntaxErrors();
  }

  FileModel run() {
    collectFunctionsAndComments();
    collectClients();
    collectAliases();
    collectLoops();
    collectCalls();
    collectHttpRequests();
    detectBounceHandling();
    collectExportsAndImports();
    collectWebhookSignature(m_index, m_root, m_src, LanguageId::Ruby, m_model);
    return std::move(m_model);
  }

 private:
  // --- small helpers -------------------------------------------------------------

  QString txt(TSNode n) const { return text(n, m_src); }
  // The walks and parent lookups go through one pre-order index of the tree (one cursor
  // walk instead of one per walk; a parent in O(log n) instead of a search from the root).
  TSNode parentOf(TSNode n) const { return m_index.parent(n); }
  template <typename Visit>
  void walk(TSNode from, Visit &&visit) const {
    m_index.walk(from, visit);
  }
  QString methodOf(TSNode call) const { return txt(field(call, "method")); }

  // The innermost function containing `n` (not `n` itself). By byte ranges: tree-sitter's
  // ts_node_parent costs O(depth), so walking ancestors is quadratic on deep nesting.
  // Functions are registered in pre-order, so the last one that contains `n` is innermost.
  int functionIdOf(TSNode n) const {
    const quint32 start = ts_node_start_byte(n), end = ts_node_end_byte(n);
    int found = -1;
    for (size_t i = 0; i < m_functionInfo.size(); ++i) {
      const TSNode f = m_functionInfo[i].node;
      if (ts_node_eq(f, n)) continue;
      if (ts_node_start_byte(f) <= start && end <= ts_node_end_byte(f)) found = static_cast<int>(i);
    }
    return found;
  }
  TSNode functionNode(int id) const { return id >= 0 ? m_functionInfo[id].node : m_root; }

  ClassKind classKind(TSNode cls) const {
    if (is(cls, "module")) return ClassKind::Module;
    const auto cached = m_classKinds.constFind(cls.id);
    if (cached != m_classKinds.constEnd()) return cached.value();
    ClassKind kind = ClassKind::Plain;
    const TSNode super = field(cls, "superclass");
    const QString s = ts_node_is_null(super) ? QString() : compactText(ts_node_named_child(super, 0), m_src);
    if (s.endsWith(QLatin1String("Controller")) || s == QLatin1String("ActionController::Base") ||
        s == QLatin1String("ActionController::API") || s == QLatin1String("ActionController::Metal"))
      kind = ClassKind::Controller;
    else if (s.endsWith(QLatin1String("Job")) || s == QLatin1String("ActiveJob::Base"))
      kind = ClassKind::Job;
    if (kind == ClassKind::Plain) {
      // include Sidekiq::Worker / Sidekiq::Job (and the other job libraries' mixins)
      for (TSNode st : namedKids(field(cls, "body"))) {
        if (!is(st, "call") || methodOf(st) != QLatin1String("include")) continue;
        const QString mixin = compactText(field(st, "arguments"), m_src);
        if (mixin.contains(QLatin1String("Sidekiq::Worker")) || mixin.contains(QLatin1String("Sidekiq::Job")) ||
            mixin.contains(QLatin1String("Sneakers::Worker")) || mixin.contains(QLatin1String("Shoryuken::Worker")))
          kind = ClassKind::Job;
      }
    }
    m_classKinds.insert(cls.id, kind);
    return kind;
  }

  ClassContext classOf(TSNode n) const {
    ClassContext c;
    QStringList path;
    bool sawClass = false;
    for (TSNode p = parentOf(n); !ts_node_is_null(p); p = parentOf(p)) {
      if (is(p, "singleton_class") && !sawClass) c.classLevel = true;
      if (is(p, "class") || is(p, "module")) {
        if (!sawClass) {
          c.node = p;
          c.kind = classKind(p);
          sawClass = true;
        }
        path.prepend(compactText(field(p, "name"), m_src));
      }
    }
    c.path = path.join(QStringLiteral("::"));
    return c;
  }

  // `private` / `protected` before the method in its class body, `private def x`, or
  // `private :x` anywhere in the body.
  bool isPrivate(TSNode method) const {
    const TSNode parent = parentOf(method);
    if (is(parent, "argument_list")) {
      const QString m = methodOf(parentOf(parent));
      return m == QLatin1String("private") || m == QLatin1String("protected");
    }
    if (!is(parent, "body_statement")) return false;
    const QString name = txt(field(method, "name"));
    bool hidden = false, passed = false;
    for (TSNode st : namedKids(parent)) {
      if (ts_node_eq(st, method)) {
        passed = true;
        continue;
      }
      const bool bareKeyword = is(st, "identifier") || (is(st, "call") && ts_node_is_null(field(st, "arguments")) &&
                                                         ts_node_is_null(field(st, "receiver")));
      const QString word = is(st, "identifier") ? txt(st) : (is(st, "call") ? methodOf(st) : QString());
      const bool hiding = word == QLatin1String("private") || word == QLatin1String("protected");
      if (!passed && bareKeyword) {
        if (hiding) hidden = true;
        if (word == QLatin1String("public")) hidden = false;
      }
      if (hiding && is(st, "call") && !bareKeyword)
        for (TSNode a : namedKids(field(st, "arguments")))
          if (literalString(a, m_src) == name) return true;
    }
    return hidden;
  }

  // The right-hand side of the last `name = ...` before `id` in its function. The
  // assignments of a scope are indexed once: lookups stay cheap in huge files.
  TSNode resolveLocal(TSNode id) const {
    if (!is(id, "identifier")) return TSNode{};
    const TSNode scope = functionNode(functionIdOf(id));
    auto it = m_assignments.find(scope.id);
    if (it == m_assignments.end()) it = m_assignments.insert(scope.id, indexAssignments(scope));
    const auto found = it->constFind(txt(id));
    if (found == it->constEnd()) return TSNode{};
    const quint32 before = ts_node_start_byte(id);
    TSNode best{};
    for (const auto &[end, rhs] : found.value()) {  // in source order
      if (end > before) break;
      best = rhs;
    }
    return best;
  }

  using AssignmentIndex = QHash<QString, std::vector<std::pair<quint32, TSNode>>>;
  AssignmentIndex indexAssignments(TSNode scope) const {
    AssignmentIndex index;
    walk(scope, [&](TSNode n) {
      if (!ts_node_eq(n, scope) && (is(n, "method") || is(n, "singleton_method") || is(n, "class") || is(n, "module")))
        return false;  // a new local scope
      if (is(n, "assignment")) {
        const TSNode left = field(n, "left");
        if (is(left, "identifier")) index[txt(left)].emplace_back(ts_node_end_byte(n), field(n, "right"));
      }
      return true;
    });
    return index;
  }

  // A hash literal, or a local variable holding one.
  TSNode hashOf(TSNode n, bool *viaVariable) const {
    n = unwrapParens(n);
    if (is(n, "hash")) return n;
    if (is(n, "identifier")) {
      const TSNode rhs = unwrapParens(resolveLocal(n));
      if (is(rhs, "hash")) {
        *viaVariable = true;
        return rhs;
      }
    }
    return TSNode{};
  }

  // --- functions, comments, requires ---------------------------------------------

  void addFunction(TSNode node, const QString &name, const QString &label, bool handler, bool background) {
    FunctionScope f;
    f.id = static_cast<int>(m_model.functions.size());
    f.parentId = functionIdOf(node);
    f.name = name;
    f.range = range(node);
    f.requestHandler = handler;
    f.backgroundTask = background;
    m_model.functions.push_back(f);
    m_functionInfo.push_back({node, label});
  }

  void collectFunctionsAndComments() {
    static const QStringList verbs = {QStringLiteral("get"),   QStringLiteral("post"),   QStringLiteral("put"),
                                      QStringLiteral("patch"), QStringLiteral("delete"), QStringLiteral("head"),
                                      QStringLiteral("options")};
    static const QStringList rodaMatchers = {QStringLiteral("is"), QStringLiteral("root"), QStringLiteral("on")};
    walk(m_root, [&](TSNode n) {
      const std::string_view t = type(n);
      if (t == "comment") {
        m_model.comments.push_back({range(n), txt(n)});
        return false;
      }
      if (t == "method" || t == "singleton_method") {
        const ClassContext cls = classOf(n);
        const QString name = txt(field(n, "name"));
        const bool classLevel = t == "singleton_method" || cls.classLevel;
        const bool instance = !classLevel;
        const bool handler = instance && cls.kind == ClassKind::Controller && name != QLatin1String("initialize") &&
                             !isPrivate(n);
        // Instance methods of a job run in the worker; `def self.perform` is Resque's job.
        const bool background = (instance && cls.kind == ClassKind::Job) ||
                                (classLevel && name == QLatin1String("perform"));
        addFunction(n, classLevel ? QStringLiteral("self.") + name : name, cls.path + QLatin1Char('#') + name,
                    handler, background);
      } else if (t == "lambda") {
        addFunction(n, QStringLiteral("lambda"), QString(), false, false);
      } else if (t == "call") {
        const TSNode block = field(n, "block");
        if (!ts_node_is_null(block)) classifyBlock(n, block, verbs, rodaMatchers);
      }
      if (t == "call" && ts_node_is_null(field(n, "receiver"))) {
        const QString m = methodOf(n);
        if (m == QLatin1String("require_relative") || m == QLatin1String("require") || m == QLatin1String("load")) {
          const std::vector<TSNode> args = namedKids(field(n, "arguments"));
          if (!args.empty())
            if (auto spec = literalString(args[0], m_src)) {
              if (m == QLatin1String("require_relative"))
                m_requires << (spec->startsWith(QLatin1Char('.')) ? *spec : QStringLiteral("./") + *spec);
              else if (spec->startsWith(QLatin1Char('.')))
                m_requires << *spec;
            }
        }
      }
      return true;
    });
  }

  void classifyBlock(TSNode call, TSNode block, const QStringList &verbs, const QStringList &rodaMatchers) {
    const TSNode receiver = field(call, "receiver");
    const QString m = methodOf(call);
    const QString recv = ts_node_is_null(receiver) ? QString() : compactText(receiver, m_src);
    const std::vector<TSNode> args = namedKids(field(call, "arguments"));
    const QString firstArg = args.empty() ? QString() : txt(args[0]);
    // Ancestor walks cost O(depth) per step in tree-sitter: only for blocks that matter.
    auto classPath = [&] { return classOf(call).path; };
    if (recv.isEmpty() && verbs.contains(m)) {
      // Sinatra `post '/signup' do`, Grape `post do` / `post ':id' do`
      const QString label = m.toUpper() + QLatin1Char(' ') + firstArg;
      addFunction(block, label, classPath() + QLatin1Char(' ') + label, true, false);
      // `get '/deliveries' do`: nothing posts a webhook to a GET route
      m_model.functions.back().safeMethodsOnly = m == QLatin1String("get") || m == QLatin1String("head");
    } else if (recv == QLatin1String("r") && (verbs.contains(m) || rodaMatchers.contains(m))) {
      const QString label = QStringLiteral("r.") + m + QLatin1Char(' ') + firstArg;
      addFunction(block, label, classPath() + QLatin1Char(' ') + label, true, false);
      m_model.functions.back().safeMethodsOnly = m == QLatin1String("get") || m == QLatin1String("head");
    } else if (recv.isEmpty() && m == QLatin1String("route")) {
      addFunction(block, QStringLiteral("route"), classPath() + QStringLiteral(" route"), true, false);
    } else if (recv.isEmpty() && m == QLatin1String("task")) {
      addFunction(block, QStringLiteral("task ") + firstArg, QStringLiteral("task ") + firstArg, false, true);
      m_functionInfo.back().rakeTask = true;
    } else if ((recv == QLatin1String("Thread") &&
                (m == QLatin1String("new") || m == QLatin1String("start") || m == QLatin1String("fork"))) ||
               (recv.startsWith(QLatin1String("Concurrent::")) &&
                (m == QLatin1String("execute") || m == QLatin1String("future") || m == QLatin1String("new")))) {
      addFunction(block, recv + QLatin1Char('.') + m, QString(), false, true);
    } else if ((recv.isEmpty() && (m == QLatin1String("lambda") || m == QLatin1String("proc") ||
                                   m == QLatin1String("define_method"))) ||
               (recv == QLatin1String("Proc") && m == QLatin1String("new"))) {
      addFunction(block, m == QLatin1String("define_method") ? firstArg : m, QString(), false, false);
    }
  }

  // --- clients -------------------------------------------------------------------

  std::optional<Sdk> constructorSdk(TSNode call) const {
    if (!is(call, "call") || methodOf(call) != QLatin1String("new")) return std::nullopt;
    QString recv = compactText(field(call, "receiver"), m_src);
    if (recv.startsWith(QLatin1String("::"))) recv.remove(0, 2);
    if (recv == QLatin1String("Customerio::Client")) return Sdk::Track;
    if (recv == QLatin1String("Customerio::APIClient")) return Sdk::App;
    return std::nullopt;
  }

  // Names by which a value assigned to `left` is reachable in this file.
  QStringList namesForTarget(TSNode left, const ClassContext &cls) const {
    const QString l = compactText(left, m_src);
    QStringList names{l};
    if (is(left, "instance_variable")) names << l.mid(1) << QStringLiteral("self.") + l.mid(1);
    if (l.startsWith(QLatin1String("self.")) && !l.mid(5).contains(QLatin1Char('.')))
      names << l.mid(5) << QLatin1Char('@') + l.mid(5);
    if (is(left, "constant") && !cls.path.isEmpty()) names << cls.path + QStringLiteral("::") + l;
    // `config.x.cio = ...` inside Rails.application.configure / an environment file
    QString configTail;
    if (l.startsWith(QLatin1String("config."))) configTail = l.mid(7);
    if (l.startsWith(QLatin1String("Rails.application.config."))) configTail = l.mid(25);
    if (l.startsWith(QLatin1String("Rails.configuration."))) configTail = l.mid(20);
    if (!configTail.isEmpty())
      names << QStringLiteral("Rails.application.config.") + configTail
            << QStringLiteral("Rails.configuration.") + configTail;
    return names;
  }

  // Names of a method whose result is the value: `def self.client` -> client,
  // self.client, Cio.client, self.class.client.
  QStringList namesForMethod(TSNode method) const {
    const ClassContext cls = classOf(method);
    const QString m = txt(field(method, "name"));
    QStringList names{m, QStringLiteral("self.") + m};
    const bool classLevel = is(method, "singleton_method") || cls.classLevel || cls.kind == ClassKind::Module;
    if (classLevel && !cls.path.isEmpty()) names << cls.path + QLatin1Char('.') + m;
    if (classLevel) names << QStringLiteral("self.class.") + m;
    return names;
  }

  // The method whose returned value is `n` (n is its last statement), or null.
  TSNode returningMethod(TSNode n) const {
    TSNode parent = parentOf(n);
    if (is(parent, "method") || is(parent, "singleton_method")) return parent;  // endless def
    if (!is(parent, "body_statement")) return TSNode{};
    const uint32_t count = ts_node_named_child_count(parent);
    if (count == 0 || !ts_node_eq(ts_node_named_child(parent, count - 1), n)) return TSNode{};
    const TSNode owner = parentOf(parent);
    return is(owner, "method") || is(owner, "singleton_method") ? owner : TSNode{};
  }

  void collectClients() {
    walk(m_root, [&](TSNode n) {
      if (!is(n, "call")) return true;
      const auto sdk = constructorSdk(n);
      if (!sdk) return true;
      Client c;
      c.id = static_cast<int>(m_model.clients.size());
      c.sdk = *sdk;
      c.range = range(n);
      c.constructor = compactText(field(n, "receiver"), m_src) + QStringLiteral(".new");
      auto option = [&](TSNode pair) {
        const QString key = pairKey(field(pair, "key"), m_src);
        const QString value = txt(field(pair, "value"));
        if (key == QLatin1String("region") || key == QLatin1String("url") || key == QLatin1String("base_uri"))
          c.regionGiven = true;
        if (key == QLatin1String("region")) {
          if (value.endsWith(QLatin1String("EU"))) c.region = QStringLiteral("eu");
          else if (value.endsWith(QLatin1String("US"))) c.region = QStringLiteral("us");
        } else if (key == QLatin1String("json") || key == QLatin1String("base_uri")) {
          c.legacyConstructor = true;  // the 1.x gem's options
        }
      };
      for (TSNode a : namedKids(field(n, "arguments"))) {
        if (is(a, "pair")) option(a);
        else if (is(a, "hash"))
          for (TSNode p : namedKids(a)) option(p);
        else if (isPositional(a)) c.credentialArgs.push_back(m_exprs.build(a));
      }
      c.functionId = functionIdOf(n);
      c.insideFunction = c.functionId >= 0;
      bindClient(n, c);
      m_model.clients.push_back(c);
      return true;
    });
  }

  void bindClient(TSNode ctor, Client &c) {
    TSNode cur = ctor;
    for (TSNode p = parentOf(cur); !ts_node_is_null(p); p = parentOf(cur)) {
      const bool last = ts_node_named_child_count(p) > 0 &&
                        ts_node_eq(ts_node_named_child(p, ts_node_named_child_count(p) - 1), cur);
      if (is(p, "parenthesized_statements") || is(p, "rescue_modifier") || (is(p, "begin") && last)) {
        cur = p;
        continue;
      }
      break;
    }
    const TSNode parent = parentOf(cur);
    const ClassContext cls = classOf(ctor);
    const TSNode fn = c.functionId >= 0 ? m_functionInfo[c.functionId].node : TSNode{};
    const bool fnIsMethod = is(fn, "method") || is(fn, "singleton_method");
    const bool classLevelFn = is(fn, "singleton_method") || (is(fn, "method") && cls.classLevel);
    // An object that lives for one request or one job: memoising on it does not help.
    const bool shortLivedObject = cls.kind == ClassKind::Controller || cls.kind == ClassKind::Job;
    TSNode bound = cur;
    if ((is(parent, "assignment") || is(parent, "operator_assignment")) && ts_node_eq(field(parent, "right"), cur)) {
      const TSNode left = field(parent, "left");
      c.names << namesForTarget(left, cls);
      const bool memo = is(parent, "operator_assignment") && txt(field(parent, "operator")) == QLatin1String("||=");
      if (memo && c.insideFunction) {
        if (is(left, "global_variable") || is(left, "constant") || is(left, "class_variable") ||
            is(left, "scope_resolution") || is(left, "element_reference"))
          c.cached = true;
        else if (is(left, "instance_variable") || is(left, "call"))
          c.cached = classLevelFn || !fnIsMethod || !shortLivedObject;
      }
      bound = parent;
    }
    if (const TSNode m = returningMethod(bound); !ts_node_is_null(m)) c.names << namesForMethod(m);
    // A rake task's body runs once per `rake` process: a client built there is built once.
    if (c.insideFunction && m_functionInfo[c.functionId].rakeTask) c.cached = true;
    if (fnIsMethod && txt(field(fn, "name")) == QLatin1String("initialize") && !classLevelFn && !shortLivedObject)
      c.inConstructor = true;
    c.names.removeDuplicates();
  }

  // `cio = $customerio`, `def cio = Cio.client`, `@cio ||= CIO`: more names for a known
  // client, or a local name for a project-level client defined elsewhere.
  void collectAliases() {
    walk(m_root, [&](TSNode n) {
      TSNode left{}, right{};
      QStringList names;
      // classOf() climbs with ts_node_parent (linear in the siblings on the way): only for
      // the nodes that need it, or a wide tree costs n * width.
      const bool assignment =
          is(n, "assignment") || (is(n, "operator_assignment") && txt(field(n, "operator")) == QLatin1String("||="));
      if (!assignment && !is(n, "method") && !is(n, "singleton_method")) return true;
      const ClassContext cls = classOf(n);
      if (assignment) {
        left = field(n, "left");
        right = unwrapParens(field(n, "right"));
        names = namesForTarget(left, cls);
      } else if (is(n, "method") || is(n, "singleton_method")) {
        const TSNode body = field(n, "body");
        if (is(body, "body_statement") && ts_node_named_child_count(body) == 1) right = ts_node_named_child(body, 0);
        else if (!is(body, "body_statement")) right = body;
        right = unwrapParens(right);
        if (is(right, "assignment") || is(right, "operator_assignment")) right = TSNode{};
        if (!ts_node_is_null(right)) names = namesForMethod(n);
      }
      if (ts_node_is_null(right) || constructorSdk(right)) return true;
      const QString target = compactText(right, m_src);
      if (Client *c = clientNamed(target)) {
        c->names << names;
        c->names.removeDuplicates();
      } else if (startsRooted(target) && !target.contains(QLatin1Char('('))) {
        for (const QString &name : names)
          if (name != target) m_pendingAliases.insert(name, m_pendingAliases.value(target, target));
      }
      return true;
    });
  }

  Client *clientNamed(const QString &name) {
    for (Client &c : m_model.clients)
      if (c.names.contains(name)) return &c;
    return nullptr;
  }

  // --- calls ---------------------------------------------------------------------

  void collectCalls() {
    walk(m_root, [&](TSNode n) {
      if (is(n, "call")) handleCall(n);
      return true;
    });
    for (Call &c : m_model.calls) c.waitsForResult = !m_model.inBackgroundTask(c.functionId);
    for (auto &[name, c] : m_model.pendingCalls) c.waitsForResult = !m_model.inBackgroundTask(c.functionId);
  }

  void handleCall(TSNode n) {
    const QString method = methodOf(n);
    if (!isSdkMethod(method)) return;
    const TSNode receiver = unwrapParens(field(n, "receiver"));
    if (ts_node_is_null(receiver)) return;
    int clientId = -1;
    QString pending;
    if (constructorSdk(receiver)) {
      for (const Client &c : m_model.clients)
        if (c.range == range(receiver)) clientId = c.id;
    } else {
      const QString r = compactText(receiver, m_src);
      if (const Client *c = clientNamed(r)) clientId = c->id;
      else if (m_pendingAliases.contains(r)) pending = m_pendingAliases.value(r);
      else if (startsRooted(r) && !r.contains(QLatin1Char('('))) pending = r;
    }
    if (clientId < 0 && pending.isEmpty()) return;

    Call call;
    call.method = method;
    call.op = operationFor(method);
    call.clientId = clientId;
    call.sdk = clientId >= 0 ? m_model.clients[clientId].sdk : (isAppOperation(call.op) ? Sdk::App : Sdk::Track);
    call.range = range(n);
    call.calleeRange = range(field(n, "method"));
    call.functionId = functionIdOf(n);
    fillArguments(n, call);
    loopContext(n, call);
    if (clientId >= 0) m_model.calls.push_back(call);
    else m_model.pendingCalls.emplace_back(pending, call);
  }

  // Adds a hash's pairs as attributes; a `**splat` or a non-literal hides some.
  void addPairs(TSNode container, Call &call, bool &visible) const {
    for (TSNode a : namedKids(container)) {
      if (is(a, "pair")) {
        const TSNode key = field(a, "key");
        const QString k = pairKey(key, m_src);
        if (k.isEmpty()) {
          visible = false;
          continue;
        }
        TSNode value = field(a, "value");
        // `email:` shorthand (Ruby 3.1) reads the local of the same name
        call.attributes.push_back({k, range(key), m_exprs.build(ts_node_is_null(value) ? key : value), false});
      } else if (is(a, "hash_splat_argument")) {
        visible = false;
        if (ts_node_named_child_count(a) > 0) call.spreadAttributes.push_back(m_exprs.build(ts_node_named_child(a, 0)));
      }
    }
  }

  // A data argument: a hash literal (visible), a local holding one (keys known, not
  // fully visible: it may be changed before the call) or anything else (hidden).
  void addData(TSNode arg, Call &call, bool &visible) const {
    if (ts_node_is_null(arg)) return;
    bool viaVariable = false;
    const TSNode hash = hashOf(arg, &viaVariable);
    if (ts_node_is_null(hash)) {
      visible = false;
      call.spreadAttributes.push_back(m_exprs.build(arg));  // identify(params.to_unsafe_h)
      return;
    }
    addPairs(hash, call, visible);
    if (viaVariable) visible = false;
  }

  std::optional<Expr> attributeValue(const Call &call, std::initializer_list<const char *> keys) const {
    for (const char *k : keys)
      for (const Attribute &a : call.attributes)
        if (a.key == QLatin1String(k)) return a.value;
    return std::nullopt;
  }

  void fillArguments(TSNode n, Call &call) const {
    std::vector<TSNode> positional;
    const TSNode args = field(n, "arguments");
    for (TSNode a : namedKids(args))
      if (isPositional(a)) positional.push_back(a);
    auto arg = [&](size_t i) { return i < positional.size() ? positional[i] : TSNode{}; };
    bool visible = true;
    switch (call.op) {
      case Operation::Identify:
        addPairs(args, call, visible);
        for (TSNode p : positional) addData(p, call, visible);
        call.personId = attributeValue(call, {"customer_id", "cio_id", "id"});
        break;
      case Operation::Track:
        if (positional.size() == 1 || (positional.size() == 2 && is(unwrapParens(arg(1)), "hash"))) {
          // the 1.x gem: track(event_name, attrs) is an anonymous event
          call.op = Operation::TrackAnonymous;
          call.eventName = m_exprs.build(arg(0));
          addData(arg(1), call, visible);
        } else {
          if (!ts_node_is_null(arg(0))) call.personId = m_exprs.build(arg(0));
          if (!ts_node_is_null(arg(1))) call.eventName = m_exprs.build(arg(1));
          addData(arg(2), call, visible);
        }
        addPairs(args, call, visible);
        break;
      case Operation::TrackAnonymous:
        if (call.method == QLatin1String("anonymous_track")) {
          if (!ts_node_is_null(arg(0))) call.eventName = m_exprs.build(arg(0));
          addData(arg(1), call, visible);
        } else {
          if (!ts_node_is_null(arg(0))) call.anonymousId = m_exprs.build(arg(0));
          if (!ts_node_is_null(arg(1))) call.eventName = m_exprs.build(arg(1));
          addData(arg(2), call, visible);
        }
        addPairs(args, call, visible);
        break;
      case Operation::Page:
        if (!ts_node_is_null(arg(0))) call.personId = m_exprs.build(arg(0));
        if (!ts_node_is_null(arg(1))) call.eventName = m_exprs.build(arg(1));
        addData(arg(2), call, visible);
        addPairs(args, call, visible);
        break;
      case Operation::Suppress:
      case Operation::Unsuppress:
      case Operation::Delete:
      case Operation::DeleteDevice:
        if (!ts_node_is_null(arg(0))) call.personId = m_exprs.build(arg(0));
        break;
      case Operation::AddDevice:
        if (!ts_node_is_null(arg(0))) call.personId = m_exprs.build(arg(0));
        addData(arg(3), call, visible);
        addPairs(args, call, visible);
        break;
      case Operation::Merge:
        break;
      case Operation::Batch:
        visible = false;
        break;
      case Operation::SendEmail:
      case Operation::SendPush:
      case Operation::SendSms:
      case Operation::SendOther:
      case Operation::TriggerBroadcast:
        fillRequest(arg(0), call, visible);
        addPairs(args, call, visible);
        break;
      case Operation::Other:
        addPairs(args, call, visible);
        break;
    }
    call.attributesFullyVisible = visible;
  }

  // send_email(Customerio::SendEmailRequest.new(to: ..., identifiers: {id: ...})), or a
  // request built earlier in the same method.
  void fillRequest(TSNode arg, Call &call, bool &visible) const {
    TSNode req = unwrapParens(arg);
    if (is(req, "identifier")) req = unwrapParens(resolveLocal(req));
    if (!is(req, "call") || methodOf(req) != QLatin1String("new") ||
        !compactText(field(req, "receiver"), m_src).endsWith(QLatin1String("Request"))) {
      if (!ts_node_is_null(arg)) visible = false;
      return;
    }
    const TSNode args = field(req, "arguments");
    addPairs(args, call, visible);
    for (TSNode a : namedKids(args))
      if (isPositional(a)) addData(a, call, visible);
    for (TSNode a : namedKids(args)) {
      if (!is(a, "pair") || pairKey(field(a, "key"), m_src) != QLatin1String("identifiers")) continue;
      const TSNode ids = unwrapParens(field(a, "value"));
      if (!is(ids, "hash")) continue;
      for (TSNode p : namedKids(ids)) {
        const QString k = pairKey(field(p, "key"), m_src);
        if (k == QLatin1String("id") || k == QLatin1String("cio_id") || k == QLatin1String("customer_id"))
          call.personId = m_exprs.build(field(p, "value"));
      }
    }
  }

  bool throttles(TSNode body) const {
    const auto cached = m_throttled.constFind(body.id);
    if (cached != m_throttled.constEnd()) return cached.value();
    bool found = false;
    walk(body, [&](TSNode n) {
      if (found) return false;
      if (is(n, "identifier") || is(n, "constant")) {
        const QString t = txt(n).toLower();
        // sleep, a limiter object (ratelimit, Limiter::RateQueue, throttle) or the batch API
        if (t == QLatin1String("sleep") || t.contains(QLatin1String("ratelimit")) ||
            t.contains(QLatin1String("rate_limit")) || t.contains(QLatin1String("limiter")) ||
            t.contains(QLatin1String("throttl")))
          found = true;
        if (t == QLatin1String("batch") && is(parentOf(n), "call") && ts_node_eq(field(parentOf(n), "method"), n) &&
            isSdkBatch(parentOf(n)))
          found = true;
      }
      return !found;
    });
    m_throttled.insert(body.id, found);
    return found;
  }

  bool isSdkBatch(TSNode call) const {
    const QString r = compactText(field(call, "receiver"), m_src);
    return !r.isEmpty() && (clientNamedConst(r) || m_pendingAliases.contains(r) || startsRooted(r));
  }
  bool clientNamedConst(const QString &name) const {
    for (const Client &c : m_model.clients)
      if (c.names.contains(name)) return true;
    return false;
  }

  static bool isIterator(const QString &method) {
    static const QStringList iterators = {
        QStringLiteral("each"),           QStringLiteral("each_with_index"), QStringLiteral("each_with_object"),
        QStringLiteral("each_slice"),     QStringLiteral("each_pair"),       QStringLiteral("each_key"),
        QStringLiteral("each_value"),     QStringLiteral("find_each"),       QStringLiteral("find_in_batches"),
        QStringLiteral("in_batches"),     QStringLiteral("map"),             QStringLiteral("flat_map"),
        QStringLiteral("collect"),        QStringLiteral("filter_map"),      QStringLiteral("select"),
        QStringLiteral("reject"),         QStringLiteral("times"),           QStringLiteral("upto"),
        QStringLiteral("downto"),         QStringLiteral("step"),            QStringLiteral("loop"),
        QStringLiteral("each_cons"),      QStringLiteral("each_entry")};
    return iterators.contains(method);
  }

  // Loop bodies in pre-order: `for`/`while`/`until` bodies and iterator blocks.
  void collectLoops() {
    walk(m_root, [&](TSNode n) {
      if (is(n, "for") || is(n, "while") || is(n, "until")) {
        const TSNode body = field(n, "body");
        if (!ts_node_is_null(body)) m_loopBodies.push_back(body);
      } else if (is(n, "call") && isIterator(methodOf(n))) {
        const TSNode block = field(n, "block");
        if (!ts_node_is_null(block)) m_loopBodies.push_back(block);
      }
      return true;
    });
  }

  static bool contains(TSNode outer, TSNode inner) {
    return ts_node_start_byte(outer) <= ts_node_start_byte(inner) && ts_node_end_byte(inner) <= ts_node_end_byte(outer);
  }

  // Loops around the call inside its own function (a loop outside a thread block or a
  // method does not repeat the call's function). By ranges: see functionIdOf.
  void loopContext(TSNode n, Call &call) const {
    const TSNode fn = call.functionId >= 0 ? m_functionInfo[call.functionId].node : m_root;
    int loops = 0;
    for (auto it = m_loopBodies.rbegin(); it != m_loopBodies.rend(); ++it) {  // innermost first
      if (!contains(*it, n) || !contains(fn, *it) || ts_node_eq(*it, fn)) continue;
      call.inLoop = true;
      // Real code nests a few loops; hostile input nests thousands: look at the nearest.
      if (++loops <= 8 && !call.loopThrottled && throttles(*it)) call.loopThrottled = true;
    }
    if (call.op == Operation::Batch && call.inLoop) call.loopThrottled = true;
  }

  // --- raw HTTP --------------------------------------------------------------------

  HttpAuth authIn(TSNode scope) const {
    HttpAuth auth = HttpAuth::Unknown;
    walk(scope, [&](TSNode n) {
      if (auth != HttpAuth::Unknown) return false;
      const std::string_view t = type(n);
      if ((t == "identifier" || t == "hash_key_symbol") && txt(n) == QLatin1String("basic_auth")) {
        auth = HttpAuth::Basic;
      } else if (t == "simple_symbol") {
        const QString s = txt(n);
        if (s == QLatin1String(":basic_auth") || s == QLatin1String(":basic")) auth = HttpAuth::Basic;
        if (s == QLatin1String(":bearer")) auth = HttpAuth::Bearer;
      } else if (t == "string") {
        QString s = txt(n);
        if (s.contains(QLatin1String("Bearer"))) auth = HttpAuth::Bearer;
        else if (s.mid(1).startsWith(QLatin1String("Basic"))) auth = HttpAuth::Basic;
      } else if (t == "hash_key_symbol" && txt(n) == QLatin1String("password")) {
        // RestClient::Request.execute(user: site_id, password: api_key)
        for (TSNode sib : namedKids(parentOf(parentOf(n))))
          if (is(sib, "pair") && pairKey(field(sib, "key"), m_src) == QLatin1String("user")) auth = HttpAuth::Basic;
      }
      return auth == HttpAuth::Unknown;
    });
    return auth;
  }

  void collectHttpRequests() {
    static const QRegularExpression host(
        QStringLiteral(R"(\b((?:track|api|cdp|beta-api)(?:-eu)?\.customer\.io)\b)"));
    walk(m_root, [&](TSNode n) {
      if (!is(n, "string")) return true;
      const auto m = host.match(txt(n));
      if (!m.hasMatch()) return false;
      // `url:` given to the SDK constructor is not a hand-written request
      if (!ts_node_is_null(ancestor(n, [&](TSNode p) { return constructorSdk(p).has_value(); }))) return false;
      HttpRequest r;
      r.range = range(n);
      r.host = m.captured(1);
      r.functionId = functionIdOf(n);
      TSNode scope = r.functionId >= 0 ? m_functionInfo[r.functionId].node : TSNode{};
      if (!ts_node_is_null(scope)) r.auth = authIn(scope);
      if (r.auth == HttpAuth::Unknown) {
        const ClassContext cls = classOf(n);
        if (!ts_node_is_null(cls.node)) r.auth = authIn(cls.node);
      }
      if (r.auth == HttpAuth::Unknown) r.auth = authIn(m_root);
      m_model.httpRequests.push_back(r);
      return false;
    });
  }

  // --- project facts -------------------------------------------------------------

  void detectBounceHandling() {
    static const QStringList comparisons = {QStringLiteral("include?"), QStringLiteral("in?"),
                                            QStringLiteral("eql?"), QStringLiteral("=="),
                                            QStringLiteral("any?")};
    static const QRegularExpression subject(QStringLiteral("metric|event_type"));
    walk(m_root, [&](TSNode n) {
      if (!is(n, "string") && !is(n, "simple_symbol") && !is(n, "bare_string") && !is(n, "bare_symbol"))
        return true;
      QString value = literalString(n, m_src).value_or(txt(n));
      if (is(n, "bare_symbol")) value = txt(n);
      if (!isDeliveryMetric(value)) return false;
      const bool bounce = value == QLatin1String("bounced") || value == QLatin1String("email_bounced");
      TSNode p = parentOf(n);
      if (is(p, "array") || is(p, "string_array") || is(p, "symbol_array")) p = parentOf(p);
      bool compared = is(p, "pattern") || is(p, "when");
      if (is(p, "binary")) {
        const QString op = txt(field(p, "operator"));
        compared = op == QLatin1String("==") || op == QLatin1String("!=") || op == QLatin1String("===");
      }
      if (is(p, "argument_list") && comparisons.contains(methodOf(parentOf(p)))) compared = true;
      if (is(p, "call") && comparisons.contains(methodOf(p))) compared = true;  // %w[...].include?(x)
      // Other metrics are common words (status == "failed"): only next to a `metric` / `event_type`.
      if (compared && !bounce) {
        TSNode around = p;
        if (is(p, "pattern") || is(p, "when"))
          around = ts::ancestor(p, [](TSNode a) { return is(a, "case"); });
        else if (is(p, "argument_list"))
          around = parentOf(p);
        compared = subject.match(txt(is(around, "case") ? field(around, "value") : around)).hasMatch();
      }
      if (compared) {
        m_model.webhookReads.push_back({ts::range(n), functionIdOf(n), bounce});
        if (bounce) m_model.handlesBounceWebhook = true;
      }
      return false;
    });
    if (m_model.handlesBounceWebhook) return;
    // A webhook route that suppresses people.
    auto webhookSuppress = [&](const Call &c) {
      if (c.op != Operation::Suppress || !m_model.inRequestPath(c.functionId)) return false;
      if (m_model.path.contains(QLatin1String("webhook"), Qt::CaseInsensitive)) return true;
      for (const FunctionScope *f = m_model.function(c.functionId); f; f = m_model.function(f->parentId))
        if (m_functionInfo[f->id].label.contains(QLatin1String("webhook"), Qt::CaseInsensitive)) return true;
      return false;
    };
    for (const Call &c : m_model.calls) m_model.handlesBounceWebhook |= webhookSuppress(c);
    for (const auto &[name, c] : m_model.pendingCalls) m_model.handlesBounceWebhook |= webhookSuppress(c);
  }

  void collectExportsAndImports() {
    // Globals and constants are visible project-wide (Rails autoloads the constants).
    for (const Client &c : m_model.clients)
      for (const QString &name : c.names)
        if (startsRooted(name)) m_model.exports.push_back({name, c.id});
    QStringList receivers;
    for (const auto &[name, c] : m_model.pendingCalls)
      if (!receivers.contains(name)) receivers << name;
    m_requires.removeDuplicates();
    for (const QString &spec : m_requires)
      for (const QString &r : receivers) m_model.imports.push_back({r, r, spec});
  }

  const QByteArray &m_src;
  TSNode m_root;
  ts::TreeIndex m_index;
  FileModel m_model;
  ruby::ExprBuilder m_exprs;
  std::vector<FunctionInfo> m_functionInfo;
  mutable QHash<const void *, ClassKind> m_classKinds;
  mutable QHash<const void *, AssignmentIndex> m_assignments;  // scope -> local assignments
  mutable QHash<const void *, bool> m_throttled;               // loop body -> throttled
  std::vector<TSNode> m_loopBodies;                            // pre-order
  QHash<QString, QString> m_pendingAliases;  // local name -> project-level receiver
  QStringList m_requires;                    // local files required, as specifiers
};

}  // namespace

FileModel RubyAdapter::extract(const Document &doc, const QString &path) const {
  if (!doc.tree()) {
    FileModel model;
    model.path = path;
    model.language = doc.language().id;
    model.hasSyntaxErrors = doc.hasSyntaxErrors();
    return model;
  }
  return Extractor(doc, path).run();
}

std::optional<FileModel> RubyAdapter::extractWithin(const Document &doc, const QString &path, int maxDepth) const {
  if (!doc.tree()) return extract(doc, path);
  ts::TreeIndex index(ts_tree_root_node(doc.tree()), maxDepth);
  if (index.tooDeep()) return std::nullopt;
  return Extractor(doc, path, std::move(index)).run();
}

bool RubyAdapter::mayMentionCustomerIo(const QByteArray &source) const {
  if (LanguageAdapter::mayMentionCustomerIo(source)) return true;
  // Rails autoloads the client's constant: a controller may call `CIO.track` and name
  // neither the gem nor a file. The SDK's method names (and webhook metrics) decide.
  static const char *const hints[] = {".identify",     ".track",   ".send_email",    ".send_push",
                                      ".send_sms",     ".pageview", ".suppress",     ".add_device",
                                      ".merge_customers", ".trigger_broadcast", ".batch", "bounced"};
  return containsAny(source, hints, std::size(hints));
}

}  // namespace cio
