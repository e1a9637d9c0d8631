// Calls into Customer.io (through clients, the browser globals and imported project
// modules), their promise handling and loop context, raw HTTP requests, bounce webhooks.
#include "adapters/javascript/extractor.h"
#include "adapters/webhook_signature.h"

#include <QRegularExpression>

#include <string.h>  // memmem
#include <algorithm>
#include <functional>

namespace cio::js {

using ts::is;
using ts::type;

Operation Extractor::operationFor(const QString &m, Sdk sdk) {
  if (m == QLatin1String("identify")) return Operation::Identify;
  if (m == QLatin1String("track")) return Operation::Track;
  if (m == QLatin1String("trackAnonymous")) return Operation::TrackAnonymous;
  if (m == QLatin1String("trackPageView") || m == QLatin1String("page")) return Operation::Page;
  if (m == QLatin1String("screen") && (sdk == Sdk::Pipelines || sdk == Sdk::PipelinesBrowser)) return Operation::Page;
  if (m == QLatin1String("suppress")) return Operation::Suppress;
  if (m == QLatin1String("unsuppress")) return Operation::Unsuppress;
  if (m == QLatin1String("destroy")) return Operation::Delete;
  if (m == QLatin1String("addDevice")) return Operation::AddDevice;
  if (m == QLatin1String("deleteDevice")) return Operation::DeleteDevice;
  if (m == QLatin1String("mergeCustomers")) return Operation::Merge;
  if (m == QLatin1String("batch")) return Operation::Batch;
  if (m == QLatin1String("sendEmail")) return Operation::SendEmail;
  if (m == QLatin1String("sendPush")) return Operation::SendPush;
  if (m == QLatin1String("sendSMS") || m == QLatin1String("sendSms")) return Operation::SendSms;
  if (m == QLatin1String("sendInboxMessage") || m == QLatin1String("sendInApp") || m == QLatin1String("sendWhatsApp"))
    return Operation::SendOther;
  if (m == QLatin1String("triggerBroadcast")) return Operation::TriggerBroadcast;
  return Operation::Other;
}

void Extractor::attributesFrom(Call &call, TSNode object, const QSet<QString> &skip, bool followed) {
  if (ts_node_is_null(object)) return;
  if (followed) call.attributesFullyVisible = false;
  for (TSNode c : namedChildren(object)) {
    const auto t = type(c);
    if (t == "pair") {
      const TSNode key = field(c, "key");
      if (is(key, "computed_property_name")) call.attributesFullyVisible = false;
      const QString k = propertyName(key, m_src);
      if (skip.contains(k)) continue;
      call.attributes.push_back(Attribute{k, ts::range(key), expr(field(c, "value")), false});
    } else if (t == "shorthand_property_identifier") {
      if (skip.contains(text(c))) continue;
      call.attributes.push_back(Attribute{text(c), ts::range(c), expr(c), false});
    } else if (t == "method_definition") {
      call.attributes.push_back(Attribute{text(field(c, "name")), ts::range(field(c, "name")), expr(c), false});
    } else if (t == "spread_element") {
      call.attributesFullyVisible = false;
      const TSNode spread = firstNamedChild(c);
      if (!ts_node_is_null(spread)) call.spreadAttributes.push_back(expr(spread));
    }
  }
}

// The object literal of a transactional request: new SendEmailRequest({...}), a
// variable holding one, or a plain object.
TSNode Extractor::requestObject(TSNode arg) const {
  TSNode v = unwrapAwait(arg);
  for (int depth = 0; depth < 4 && !ts_node_is_null(v); ++depth) {
    if (is(v, "object")) return v;
    if (is(v, "new_expression")) {
      const std::vector<TSNode> a = args(v);
      return a.empty() ? TSNode{} : followObject(a[0]);
    }
    if (!is(v, "identifier")) return TSNode{};
    const Decl *d = lookup(text(v), v);
    if (!d || !d->path.isEmpty() || ts_node_is_null(d->value) || ts_node_eq(d->value, v)) return TSNode{};
    v = unwrapAwait(d->value);
  }
  return TSNode{};
}

void Extractor::parseArguments(Call &call, TSNode node, bool pipelinesShape) {
  const std::vector<TSNode> a = args(node);
  auto arg = [&](size_t i) { return i < a.size() ? a[i] : TSNode{}; };
  auto setPerson = [&](TSNode n) {
    if (!ts_node_is_null(n)) call.personId = expr(n);
  };
  auto setEvent = [&](TSNode n) {
    if (!ts_node_is_null(n)) call.eventName = expr(n);
  };
  // An attributes object given as an argument: literal, or followed through a variable.
  auto attrsArg = [&](TSNode n, const QSet<QString> &skip) {
    if (ts_node_is_null(n)) return;
    const TSNode u = unwrap(n);
    if (is(u, "object")) {
      attributesFrom(call, u, skip, false);
      return;
    }
    call.attributesFullyVisible = false;
    call.spreadAttributes.push_back(expr(n));
    attributesFrom(call, followObject(u), skip, true);
  };
  call.attributesFullyVisible = true;

  if (call.sdk == Sdk::Pipelines || pipelinesShape) {
    // Object argument, Segment spec: { userId, event, properties, traits, timestamp }.
    const TSNode obj = followObject(arg(0));
    if (ts_node_is_null(obj)) {
      call.attributesFullyVisible = false;
      return;
    }
    if (!is(unwrap(arg(0)), "object")) call.attributesFullyVisible = false;
    setPerson(objectPair(obj, QStringLiteral("userId")));
    static const QSet<QString> skip{"userId", "anonymousId", "event", "properties", "traits", "context",
                                    "integrations", "messageId", "name", "category", "groupId", "previousId"};
    if (call.op == Operation::Track) setEvent(objectPair(obj, QStringLiteral("event")));
    if (call.op == Operation::Page) setEvent(objectPair(obj, QStringLiteral("name")));
    attributesFrom(call, obj, skip, false);
    const TSNode nested = objectPair(obj, call.op == Operation::Identify ? QStringLiteral("traits")
                                                                          : QStringLiteral("properties"));
    if (!ts_node_is_null(nested)) attrsArg(nested, {});
    return;
  }
  switch (call.sdk) {
    case Sdk::PipelinesBrowser: {
      // Positional: identify([userId], [traits]), track(event, [properties]), page([category], [name], [properties]).
      if (call.op == Operation::Identify) {
        if (is(unwrap(arg(0)), "object")) {
          attrsArg(arg(0), {});
        } else {
          setPerson(arg(0));
          attrsArg(arg(1), {});
        }
      } else if (call.op == Operation::Track) {
        setEvent(arg(0));
        attrsArg(arg(1), {});
      } else if (call.op == Operation::Page) {
        std::vector<TSNode> names;
        for (TSNode x : a) {
          if (is(unwrap(x), "object")) {
            attrsArg(x, {});
            break;
          }
          names.push_back(x);
        }
        if (!names.empty()) setEvent(names.size() >= 2 ? names[1] : names[0]);
      } else {
        call.attributesFullyVisible = false;
      }
      return;
    }
    case Sdk::BrowserSnippet: {
      if (call.op == Operation::Identify) {
        const TSNode obj = followObject(arg(0));
        if (!ts_node_is_null(obj)) setPerson(objectPair(obj, QStringLiteral("id")));
        attrsArg(arg(0), {});
      } else if (call.op == Operation::Track || call.op == Operation::Page) {
        setEvent(arg(0));
        attrsArg(arg(1), {});
      } else {
        call.attributesFullyVisible = false;
      }
      return;
    }
    default: break;
  }
  // customerio-node TrackClient / APIClient (and calls through imported clients).
  static const QSet<QString> eventKeys{"name", "data"};
  switch (call.op) {
    case Operation::Identify:
      setPerson(arg(0));
      attrsArg(arg(1), {});
      break;
    case Operation::Track:
    case Operation::TrackAnonymous: {
      const bool v2Anonymous = call.op == Operation::TrackAnonymous && is(unwrap(arg(0)), "object");
      if (call.op == Operation::Track) setPerson(arg(0));
      const TSNode eventArg = v2Anonymous ? arg(0) : arg(1);
      const TSNode obj = followObject(eventArg);
      if (call.op == Operation::TrackAnonymous) {
        const TSNode anon = v2Anonymous ? objectPair(obj, QStringLiteral("anonymous_id")) : arg(0);
        if (!ts_node_is_null(anon)) call.anonymousId = expr(anon);
      }
      if (ts_node_is_null(obj)) {
        call.attributesFullyVisible = false;
        if (!ts_node_is_null(eventArg)) call.spreadAttributes.push_back(expr(eventArg));  // track(id, req.body)
        break;
      }
      if (!is(unwrap(eventArg), "object")) call.attributesFullyVisible = false;
      setEvent(objectPair(obj, QStringLiteral("name")));
      QSet<QString> skip = eventKeys;
      if (v2Anonymous) skip.insert(QStringLiteral("anonymous_id"));
      attributesFrom(call, obj, skip, false);
      const TSNode data = objectPair(obj, QStringLiteral("data"));
      if (!ts_node_is_null(data)) attrsArg(data, {});
      break;
    }
    case Operation::Page:
      setPerson(arg(0));
      setEvent(arg(1));
      attrsArg(arg(2), {});
      break;
    case Operation::Suppress:
    case Operation::Unsuppress:
    case Operation::Delete:
    case Operation::DeleteDevice:
      setPerson(arg(0));
      break;
    case Operation::AddDevice:
      setPerson(arg(0));
      attrsArg(arg(3), {});
      break;
    case Operation::Merge:
      setPerson(arg(1));
      break;
    case Operation::SendEmail:
    case Operation::SendPush:
    case Operation::SendSms:
    case Operation::SendOther: {
      const TSNode obj = requestObject(arg(0));
      if (ts_node_is_null(obj)) {
        call.attributesFullyVisible = false;
        // new SendEmailRequest(req.body): the whole request comes from somewhere else.
        const TSNode whole = unwrapAwait(arg(0));
        const std::vector<TSNode> ctorArgs = is(whole, "new_expression") ? args(whole) : std::vector<TSNode>{};
        if (!ctorArgs.empty())
          call.spreadAttributes.push_back(expr(ctorArgs[0]));
        else if (!ts_node_is_null(whole))
          call.spreadAttributes.push_back(expr(whole));
        break;
      }
      attributesFrom(call, obj, {}, false);
      const TSNode ids = followObject(objectPair(obj, QStringLiteral("identifiers")));
      if (!ts_node_is_null(ids)) {
        for (const char *k : {"id", "email", "cio_id"}) {
          const TSNode v = objectPair(ids, QString::fromLatin1(k));
          if (!ts_node_is_null(v)) {
            setPerson(v);
            break;
          }
        }
      }
      break;
    }
    case Operation::TriggerBroadcast:
      attrsArg(arg(1), {});
      break;
    default:
      call.attributesFullyVisible = false;
      break;
  }
}

// --- promise handling -------------------------------------------------------------------

bool Extractor::awaitedLater(TSNode declarator) const {
  const TSNode name = field(declarator, "name");
  if (!is(name, "identifier")) return false;
  const QString n = text(name);
  const TSNode scope = scopeOf(declarator);
  bool found = false;
  walk(scope, [&](TSNode c) {
    if (found) return false;
    if (is(c, "await_expression") && ts_node_start_byte(c) > ts_node_end_byte(declarator)) {
      walk(c, [&](TSNode x) {
        if (is(x, "identifier") && text(x) == n) found = true;
        return !found;
      });
    }
    return true;
  });
  return found;
}

static bool isPromiseCombinator(const QString &callee) {
  return callee == QLatin1String("Promise.all") || callee == QLatin1String("Promise.allSettled") ||
         callee == QLatin1String("Promise.race") || callee == QLatin1String("Promise.any");
}

void Extractor::promiseFacts(Call &call, TSNode node) const {
  TSNode n = node;
  for (int guard = 0; guard < 40; ++guard) {
    const TSNode p = parentOf(n);
    if (ts_node_is_null(p)) break;
    const auto t = type(p);
    if (t == "parenthesized_expression" || t == "as_expression" || t == "non_null_expression" ||
        t == "satisfies_expression" || t == "array" || t == "spread_element" || t == "ternary_expression") {
      n = p;
      continue;
    }
    if (t == "binary_expression") {
      const QString op = text(field(p, "operator"));
      if (op == QLatin1String("&&") || op == QLatin1String("||") || op == QLatin1String("??")) {
        n = p;
        continue;
      }
      break;
    }
    if (t == "member_expression" && ts_node_eq(field(p, "object"), n) && is(parentOf(p), "call_expression")) {
      const QString prop = text(field(p, "property"));
      const TSNode chain = parentOf(p);
      if (prop == QLatin1String("catch")) call.promiseHandled = true;
      else if (prop == QLatin1String("then") && args(chain).size() >= 2) call.promiseHandled = true;
      else if (prop != QLatin1String("then") && prop != QLatin1String("finally")) break;
      n = chain;
      continue;
    }
    if (t == "await_expression") {
      call.waitsForResult = true;
      call.promiseHandled = true;
      break;
    }
    if (t == "return_statement" || t == "yield_expression") {
      call.promiseHandled = true;
      if (t == "yield_expression") call.waitsForResult = true;  // co / redux-saga style generators
      break;
    }
    if (t == "arrow_function") {  // concise body: the arrow returns the promise
      call.promiseHandled = true;
      const TSNode argsNode = parentOf(p);
      if (!is(argsNode, "arguments")) break;
      const TSNode outer = parentOf(argsNode);
      const TSNode f = unwrap(field(outer, "function"));
      const QString prop = is(f, "member_expression") ? text(field(f, "property")) : QString();
      if (prop == QLatin1String("map") || prop == QLatin1String("flatMap") || isLimiterWrapper(outer)) {
        n = outer;
        continue;
      }
      if (prop == QLatin1String("forEach")) call.promiseHandled = false;  // forEach drops the promise
      break;
    }
    if (t == "arguments") {
      const TSNode outer = parentOf(p);
      const QString callee = norm(field(outer, "function"));
      call.promiseHandled = true;  // handed to someone: Promise.all, promises.push, waitUntil
      if (isPromiseCombinator(callee)) {
        n = outer;
        continue;
      }
      break;
    }
    if (t == "variable_declarator") {
      call.promiseHandled = true;
      if (awaitedLater(p)) call.waitsForResult = true;
      break;
    }
    if (t == "assignment_expression" || t == "pair" || t == "field_definition" || t == "public_field_definition") {
      call.promiseHandled = true;
      break;
    }
    break;
  }
}

// --- loops and throttling -----------------------------------------------------------------

bool Extractor::hasAwaitedSleep(TSNode body) const {
  static const QRegularExpression sleepy(
      QStringLiteral("^(sleep|delay|wait|pause|snooze|timeout|setTimeout|setTimeoutPromise|setTimeoutAsync|"
                     "waitFor|backoff|throttle|rateLimit|promisifiedSetTimeout)$"),
      QRegularExpression::CaseInsensitiveOption);
  bool found = false;
  walk(body, [&](TSNode c) {
    if (found) return false;
    if (!ts_node_eq(c, body) && isFunction(c)) return false;
    if (!is(c, "await_expression")) return true;
    const TSNode v = unwrap(firstNamedChild(c));
    if (is(v, "call_expression")) {
      const TSNode f = unwrap(field(v, "function"));
      const QString name = is(f, "member_expression") ? text(field(f, "property")) : text(f);
      if (sleepy.match(name).hasMatch()) found = true;
      TSNode root = f;
      while (is(root, "member_expression")) root = unwrap(field(root, "object"));
      if (is(root, "identifier") && m_limiterNames.contains(text(root))) found = true;  // limiter.removeTokens(1)
    } else if (is(v, "new_expression") && text(field(v, "constructor")) == QLatin1String("Promise") &&
               text(v).contains(QLatin1String("setTimeout"))) {
      found = true;
    }
    return !found;
  });
  return found;
}

bool Extractor::usesLimiter(TSNode body) const {
  if (m_limiterNames.isEmpty()) return false;
  bool found = false;
  walk(body, [&](TSNode c) {
    if (found) return false;
    if (is(c, "identifier") && m_limiterNames.contains(text(c))) found = true;
    return !found;
  });
  return found;
}

bool Extractor::isLimiterWrapper(TSNode call) const {
  if (!is(call, "call_expression")) return false;
  const TSNode f = unwrap(field(call, "function"));
  if (is(f, "identifier")) return m_limiterNames.contains(text(f));
  if (!is(f, "member_expression")) return false;
  static const QSet<QString> methods{"schedule", "add", "wrap", "submit", "run", "addAll", "process"};
  const QString prop = text(field(f, "property"));
  TSNode root = f;
  while (is(root, "member_expression") || is(root, "call_expression"))
    root = unwrap(field(root, is(root, "member_expression") ? "object" : "function"));
  if (is(root, "identifier") && m_limiterNames.contains(text(root)) && methods.contains(prop)) return true;
  return m_importsLimiter && (prop == QLatin1String("schedule") || prop == QLatin1String("wrap"));
}

void Extractor::loopFacts(Call &call, TSNode node) const {
  static const QSet<QString> loopMethods{"forEach", "map", "flatMap", "reduce", "reduceRight", "filter",
                                         "some", "every", "each", "eachSeries", "mapSeries", "forEachSeries"};
  TSNode n = node;
  for (TSNode p = parentOf(n); !ts_node_is_null(p); n = p, p = parentOf(p)) {
    if (isLoop(p)) {
      const TSNode body = field(p, "body");
      if (!ts_node_is_null(body) && rangeContainsNode(body, node)) {
        call.inLoop = true;
        if (hasAwaitedSleep(body) || (m_importsLimiter && usesLimiter(body))) call.loopThrottled = true;
      }
      continue;
    }
    if (!isFunction(p)) continue;
    const TSNode argsNode = parentOf(p);
    if (!is(argsNode, "arguments")) break;  // a named function: its callers are elsewhere
    const TSNode outer = parentOf(argsNode);
    const TSNode f = unwrap(field(outer, "function"));
    const QString prop = is(f, "member_expression") ? text(field(f, "property")) : QString();
    const QString callee = text(f);
    if (loopMethods.contains(prop) || prop.endsWith(QLatin1String("Limit")) ||
        callee == QLatin1String("Promise.map")) {
      call.inLoop = true;
      if (prop.endsWith(QLatin1String("Limit")) || text(outer).contains(QLatin1String("concurrency")))
        call.loopThrottled = true;
    } else if (isLimiterWrapper(outer)) {
      call.loopThrottled = true;
      const std::vector<TSNode> a = args(outer);
      if (a.size() >= 2 && !isFunction(unwrap(a[0]))) call.inLoop = true;  // pMap(items, fn, { concurrency })
    }
  }
}

// --- calls ----------------------------------------------------------------------------------

// A method taken off its object with `.bind`: `const trackAnon = cio.trackAnonymous.bind(cio)`
// gives trackAnon -> the member expression `cio.trackAnonymous`.
QHash<QString, std::vector<int>> Extractor::boundMethodDecls() const {
  QHash<QString, std::vector<int>> out;
  for (std::size_t i = 0; i < m_decls.size(); ++i) {
    const Decl &d = m_decls[i];
    if (d.parameter || !d.path.isEmpty() || ts_node_is_null(d.value) || !d.declarator) continue;
    const TSNode v = unwrap(d.value);
    if (!is(v, "call_expression")) continue;
    const TSNode f = unwrap(field(v, "function"));
    if (!is(f, "member_expression") || text(field(f, "property")) != QLatin1String("bind") || args(v).empty()) continue;
    if (is(unwrap(field(f, "object")), "member_expression")) out[d.name].push_back(static_cast<int>(i));
  }
  return out;
}

// The event name is a parameter of a helper function: the arguments for it at the
// helper's call sites in this file.
void Extractor::helperArguments(Call &call, CallSites &sites) const {
  if (!call.eventName) return;
  const Range &r = call.eventName->range;
  const TSNode name = ts_node_descendant_for_byte_range(m_root, r.startByte, r.endByte);
  if (!(is(name, "identifier") || is(name, "shorthand_property_identifier")) ||
      ts_node_start_byte(name) != r.startByte || ts_node_end_byte(name) != r.endByte)
    return;
  const Decl *param = lookup(text(name), name);
  if (!param || !param->parameter || !param->path.isEmpty()) return;
  const TSNode fn = param->scope;
  // Its position among the parameters (a plain name, a default or a typed one).
  int index = -1, i = 0;
  for (TSNode p : namedChildren(field(fn, "parameters"))) {
    if (is(p, "comment")) continue;
    if (ts_node_eq(p, param->site)) index = i;
    ++i;
  }
  if (!ts_node_is_null(field(fn, "parameter")) && ts_node_eq(field(fn, "parameter"), param->site)) index = 0;
  if (index < 0) return;
  // The helper's name, as its callers write it.
  TSNode nameNode = field(fn, "name");
  if (ts_node_is_null(nameNode) && is(parentOf(fn), "variable_declarator")) nameNode = field(parentOf(fn), "name");
  if (!is(nameNode, "identifier")) return;
  const QString helper = text(nameNode);
  const Decl *helperDecl = lookup(helper, nameNode);
  if (!sites.built) {
    static const ts::NodeTypes types{"call_expression"};
    walkTypes(types, [&](TSNode c) {
      const TSNode f = unwrap(field(c, "function"));
      if (is(c, "call_expression") && is(f, "identifier")) sites.byName[text(f)].push_back(c);
      return true;
    });
    sites.built = true;
  }
  for (TSNode site : sites.byName.value(helper)) {
    const TSNode f = unwrap(field(site, "function"));
    if (helperDecl && lookup(helper, f) != helperDecl) continue;  // another function of that name
    const std::vector<TSNode> a = args(site);
    if (index >= static_cast<int>(a.size()) || is(a[static_cast<std::size_t>(index)], "spread_element")) continue;
    call.eventNameArguments.push_back(expr(a[static_cast<std::size_t>(index)]));
  }
  if (!call.eventNameArguments.empty()) call.eventNameHelper = helper;
}

void Extractor::collectCalls() {
  CallSites callSites;
  const QHash<QString, std::vector<int>> bound = boundMethodDecls();
  static const ts::NodeTypes types{"call_expression"};
  walkTypes(types, [&](TSNode n) {
    if (!is(n, "call_expression")) return true;
    TSNode fn = unwrap(field(n, "function"));
    TSNode callee = fn;  // what the call names: the method, or the bound function's name
    if (is(fn, "identifier") && bound.contains(text(fn))) {
      // trackAnon(id, {...}) with trackAnon = cio.trackAnonymous.bind(cio): a call of that method.
      const Decl *d = lookup(text(fn), fn);
      if (!d || d->parameter || ts_node_is_null(d->value)) return true;
      const TSNode bindCall = unwrap(d->value);
      const TSNode bindee = unwrap(field(unwrap(field(bindCall, "function")), "object"));
      if (!is(bindee, "member_expression")) return true;
      bool same = false;
      for (int i : bound.value(text(fn))) same = same || &m_decls[static_cast<std::size_t>(i)] == d;
      if (!same) return true;
      callee = fn;
      fn = bindee;
    }
    if (!is(fn, "member_expression")) return true;
    const TSNode recv = field(fn, "object");
    const TSNode prop = field(fn, "property");
    Call call;
    call.method = text(prop);
    call.range = ts::range(n);
    call.calleeRange = ts::range(ts_node_eq(callee, fn) ? prop : callee);
    QString pending;
    const int cid = resolveClient(recv);
    if (cid >= 0) {
      call.clientId = cid;
      call.sdk = m_model.clients[cid].sdk;
      call.returnsPromise = m_model.clients[cid].returnsPromises;
    } else {
      // Without typed receivers, only a receiver rooted at the snippet's globals or at
      // an import from a project module can be a Customer.io call: the others are turned
      // away before their reference text is built.
      if (m_typed.empty()) {
        const QString root = normRoot(recv);
        if (root != QLatin1String("_cio") && root != QLatin1String("window") && root != QLatin1String("cioanalytics") &&
            !m_localImports.contains(root) && !m_localImports.contains(root + QStringLiteral("()")))
          return true;
      }
      const QString t = norm(recv);
      if (const TypedReceiver *typed = findTyped(t, recv)) {
        call.sdk = typed->sdk;  // an injected client: its class is known, its construction is not
        call.returnsPromise = typed->returnsPromises;
      } else if (t == QLatin1String("_cio") || t == QLatin1String("window._cio")) {
        call.sdk = Sdk::BrowserSnippet;
      } else if (t == QLatin1String("cioanalytics") || t == QLatin1String("window.cioanalytics")) {
        call.sdk = Sdk::PipelinesBrowser;
      } else {
        const QString root = t.section(QLatin1Char('.'), 0, 0);
        const bool factory = root.endsWith(QLatin1String("()")) && t == root;  // getCio().track()
        const auto imp = m_localImports.constFind(factory ? root.chopped(2) : root);
        if (imp == m_localImports.cend() || (!factory && t.contains(QLatin1String("()"))) ||
            t.count(QLatin1Char('.')) > 1)
          return true;
        if (factory) {
          // An imported factory: linked to the module's exported factory "getCio()".
          if (!m_localImports.contains(t)) {
            LocalImport li{t, imp->importedName + QStringLiteral("()"), imp->specifier};
            m_localImports.insert(t, li);
            m_model.imports.push_back(li);
          }
        } else if (t != root) {
          // lib.cio.track() with lib a namespace / default import of a project module
          if (imp->importedName != QLatin1String("default") && imp->importedName != QLatin1String("*")) return true;
          if (!m_localImports.contains(t)) {
            LocalImport li{t, t.section(QLatin1Char('.'), 1, 1), imp->specifier};
            m_localImports.insert(t, li);
            m_model.imports.push_back(li);
          }
        }
        pending = t;
      }
    }
    call.op = operationFor(call.method, call.sdk);
    bool pipelinesShape = false;
    if (!pending.isEmpty()) {
      // The client's SDK is unknown here: read the call's shape.
      const std::vector<TSNode> a = args(n);
      const TSNode obj = a.empty() ? TSNode{} : unwrap(a[0]);
      if (is(obj, "object"))
        for (const char *k : {"userId", "anonymousId", "event", "traits", "properties"})
          if (!ts_node_is_null(objectPair(obj, QString::fromLatin1(k)))) pipelinesShape = true;
      if (pipelinesShape && call.op == Operation::Track) call.sdk = Sdk::Pipelines;
    }
    parseArguments(call, n, pipelinesShape);
    helperArguments(call, callSites);
    eventDataRewrite(call, n, pipelinesShape);
    call.functionId = functionIdOf(n);
    call.arms = branchArms(n);
    promiseFacts(call, n);
    if (call.returnsPromise || !pending.isEmpty())
      call.rejectionHandler = QStringLiteral(".catch((err) => console.error('Customer.io request failed', err))");
    // @customerio/cdp-analytics-node and the classic snippet queue the call and return
    // nothing: awaiting them waits for no network round trip.
    if (call.sdk == Sdk::BrowserSnippet || (cid >= 0 && m_queuedClients.contains(cid))) call.waitsForResult = false;
    loopFacts(call, n);
    if (pending.isEmpty())
      m_model.calls.push_back(std::move(call));
    else
      m_model.pendingCalls.emplace_back(pending, std::move(call));
    return true;
  });
}

// --- raw HTTP ----------------------------------------------------------------------------------

static HttpAuth authFromText(const QString &t) {
  if (t.contains(QLatin1String("Bearer"), Qt::CaseInsensitive)) return HttpAuth::Bearer;
  if (t.contains(QLatin1String("Basic"), Qt::CaseInsensitive)) return HttpAuth::Basic;
  return HttpAuth::Unknown;
}

HttpAuth Extractor::authOfCall(TSNode call, int depth) const {
  HttpAuth found = HttpAuth::Unknown;
  std::function<void(TSNode, int)> scan = [&](TSNode n, int d) {
    walk(n, [&](TSNode c) {
      if (found != HttpAuth::Unknown) return false;
      if (isFunction(c)) return false;
      if (is(c, "pair")) {
        const QString key = propertyName(field(c, "key"), m_src);
        const TSNode v = unwrap(field(c, "value"));
        if (key.compare(QLatin1String("authorization"), Qt::CaseInsensitive) == 0) {
          found = authFromText(text(v));
          if (found == HttpAuth::Unknown && is(v, "identifier") && d < 3) {
            const Decl *decl = lookup(text(v), v);
            if (decl && !ts_node_is_null(decl->value)) found = authFromText(text(decl->value));
          }
        } else if (key == QLatin1String("auth") && is(v, "object") &&
                   !ts_node_is_null(objectPair(v, QStringLiteral("username")))) {
          found = HttpAuth::Basic;  // axios { auth: { username, password } }
        } else if ((key == QLatin1String("username") || key == QLatin1String("user")) && is(parentOf(c), "object") &&
                   !ts_node_is_null(objectPair(parentOf(c), QStringLiteral("password")))) {
          found = HttpAuth::Basic;  // got { username, password }
        }
      } else if ((is(c, "identifier") || is(c, "shorthand_property_identifier")) && d < 3) {
        // { headers } or fetch(url, options): follow to the object literal
        const TSNode obj = followObject(c);
        if (!ts_node_is_null(obj)) scan(obj, d + 1);
      }
      return found == HttpAuth::Unknown;
    });
  };
  for (TSNode a : args(call)) scan(a, depth);
  return found;
}

// Auth of the calls that use the variable `name` (directly or through another variable).
HttpAuth Extractor::authOfUses(const QString &name, TSNode at, int depth) const {
  if (depth > 3) return HttpAuth::Unknown;
  HttpAuth found = HttpAuth::Unknown;
  static const ts::NodeTypes types{"identifier"};
  walkTypes(types, [&](TSNode c) {
    if (found != HttpAuth::Unknown) return false;
    if (!is(c, "identifier") || text(c) != name || ts_node_eq(c, at)) return true;
    // climb to the call (or the declaration) that uses it
    for (TSNode p = parentOf(c); !ts_node_is_null(p) && !isFunction(p); p = parentOf(p)) {
      if (is(p, "call_expression") || is(p, "new_expression")) {
        const HttpAuth a = authOfCall(p);
        if (a != HttpAuth::Unknown) {
          found = a;
          break;
        }
        continue;
      }
      if (is(p, "variable_declarator")) {
        const TSNode n = field(p, "name");
        if (is(n, "identifier") && text(n) != name) found = authOfUses(text(n), n, depth + 1);
        break;
      }
      if (is(p, "expression_statement") || is(p, "statement_block")) break;
    }
    return true;
  });
  return found;
}

void Extractor::collectHttpRequests() {
  static const QRegularExpression host(QStringLiteral("(?<![\\w.-])((?:track|api)(?:-eu)?\\.customer\\.io)"));
  static const ts::NodeTypes types{"string", "template_string"};
  walkTypes(types, [&](TSNode n) {
    if (!is(n, "string") && !is(n, "template_string")) return true;
    // The host names "customer.io" literally: strings without it are not matched.
    if (!::memmem(m_src.constData() + ts_node_start_byte(n), ts_node_end_byte(n) - ts_node_start_byte(n), "customer.io",
                  11))
      return is(n, "template_string");
    const auto m = host.match(text(n));
    if (!m.hasMatch()) return is(n, "template_string");
    HttpRequest r;
    r.range = ts::range(n);
    r.host = m.captured(1);
    r.functionId = functionIdOf(n);
    for (TSNode p = parentOf(n); !ts_node_is_null(p) && !isFunction(p); p = parentOf(p)) {
      if (is(p, "call_expression") || is(p, "new_expression")) {
        r.auth = authOfCall(p);
        if (r.auth != HttpAuth::Unknown) break;
        continue;
      }
      if (is(p, "variable_declarator") || is(p, "assignment_expression")) {
        const TSNode target = field(p, is(p, "variable_declarator") ? "name" : "left");
        const QString name = norm(target);
        if (!name.isEmpty() && !name.contains(QLatin1Char('.'))) r.auth = authOfUses(name, target, 0);
        break;
      }
      if (is(p, "expression_statement") || is(p, "statement_block")) break;
    }
    m_model.httpRequests.push_back(r);
    return false;
  });
}

// --- reporting webhooks ---------------------------------------------------------------------

// A literal as long as a bounce metric between one-byte quotes ('bounced' … 'email_dropped'):
// the only strings worth comparing with them.
static bool maybeBounce(TSNode n) {
  const quint32 size = ts_node_end_byte(n) - ts_node_start_byte(n);
  return size == 2 + 7 || size == 2 + 13;
}

// The same for any delivery metric: 'sent' (4) to 'customer_unsubscribed' (21).
static bool maybeDeliveryMetric(TSNode n) {
  const quint32 size = ts_node_end_byte(n) - ts_node_start_byte(n);
  return size >= 2 + 4 && size <= 2 + 21;
}

void Extractor::detectBounceWebhook() {
  static const QSet<QString> bounces{"bounced", "email_bounced", "spammed", "email_spammed", "dropped",
                                     "email_dropped"};
  static const QRegularExpression subject(QStringLiteral("metric|event_type|eventType"));
  static const ts::NodeTypes strings{"string", "template_string"};
  walkTypes(strings, [&](TSNode n) {
    if (!maybeDeliveryMetric(n) || !isStringLiteral(n) || !isDeliveryMetric(stringContent(n))) return true;
    const TSNode p = parentOf(n);
    QString subjectText;  // what the metric is compared with
    if (is(p, "binary_expression")) {
      subjectText = text(ts_node_eq(field(p, "left"), n) ? field(p, "right") : field(p, "left"));
    } else if (is(p, "switch_case")) {
      subjectText = text(field(ancestor(p, [](TSNode a) { return is(a, "switch_statement"); }), "value"));
    } else if (is(p, "array")) {
      // ['bounced', 'spammed'].includes(payload.metric)
      const TSNode member = parentOf(p);
      if (is(member, "member_expression") && is(parentOf(member), "call_expression"))
        subjectText = text(field(parentOf(member), "arguments"));
    }
    // A query parameter (a stats page's ?metric=clicked) is no webhook payload.
    static const QRegularExpression query(QStringLiteral("\\b(query|searchParams)\\b"));
    if (!subject.match(subjectText).hasMatch() || query.match(subjectText).hasMatch()) return true;
    const bool bounce = bounces.contains(stringContent(n));
    m_model.webhookReads.push_back({ts::range(n), functionIdOf(n), bounce});
    if (bounce) m_model.handlesBounceWebhook = true;
    return true;
  });
  // A set or list of bounce metrics checked elsewhere: new Set(['bounced', 'spammed'])
  // in a file that reads a `metric` / `event_type` field.
  if (!m_model.handlesBounceWebhook) {
    bool listed = false, readsMetric = false;
    static const ts::NodeTypes types{"string", "template_string", "property_identifier",
                                     "shorthand_property_identifier_pattern", "shorthand_property_identifier"};
    walkTypes(types, [&](TSNode n) {
      if (maybeBounce(n) && isStringLiteral(n) && bounces.contains(stringContent(n)) && is(parentOf(n), "array"))
        listed = true;
      if ((is(n, "property_identifier") || is(n, "shorthand_property_identifier_pattern") ||
           is(n, "shorthand_property_identifier")) &&
          subject.match(text(n)).hasMatch())
        readsMetric = true;
      return !(listed && readsMetric);
    });
    m_model.handlesBounceWebhook = listed && readsMetric;
  }
  // A webhook route that suppresses people.
  for (const Call &c : m_model.calls)
    if (c.op == Operation::Suppress && m_model.inRequestPath(c.functionId)) m_model.handlesBounceWebhook = true;
}

}  // namespace cio::js

namespace cio::js {

// A statement that always leaves the function: return / throw, or a block ending in one.
static bool alwaysExits(TSNode s) {
  if (ts_node_is_null(s)) return false;
  if (ts::is(s, "return_statement") || ts::is(s, "throw_statement")) return true;
  if (ts::is(s, "statement_block") || ts::is(s, "else_clause") || ts::is(s, "switch_case") ||
      ts::is(s, "switch_default")) {
    const uint32_t c = ts_node_named_child_count(s);
    for (uint32_t i = c; i > 0; --i) {
      const TSNode last = ts_node_named_child(s, i - 1);
      if (ts::is(last, "comment")) continue;
      return alwaysExits(last);
    }
    return false;
  }
  if (ts::is(s, "if_statement")) {
    const TSNode alt = field(s, "alternative");
    return !ts_node_is_null(alt) && alwaysExits(field(s, "consequence")) && alwaysExits(alt);
  }
  return false;
}

// A switch case whose body ends in break / return / throw: control never falls into the next case.
static bool endsCase(TSNode c) {
  const uint32_t n = ts_node_named_child_count(c);
  for (uint32_t i = n; i > 0; --i) {
    TSNode last = ts_node_named_child(c, i - 1);
    if (ts::is(last, "comment")) continue;
    if (ts::is(last, "statement_block") && ts_node_named_child_count(last) > 0)
      last = ts_node_named_child(last, ts_node_named_child_count(last) - 1);
    return ts::is(last, "break_statement") || alwaysExits(last);
  }
  return false;
}

std::vector<BranchArm> Extractor::branchArms(TSNode n) const {
  std::vector<BranchArm> out;
  TSNode child = n;
  for (TSNode p = parentOf(n); !ts_node_is_null(p) && !isFunction(p); child = p, p = parentOf(p)) {
    const int id = static_cast<int>(ts_node_start_byte(p));
    if (is(p, "if_statement")) {
      if (ts_node_eq(child, field(p, "consequence")))
        out.push_back({id, 0, alwaysExits(child)});
      else if (ts_node_eq(child, field(p, "alternative")))
        out.push_back({id, 1, alwaysExits(child)});
    } else if (is(p, "ternary_expression")) {
      if (ts_node_eq(child, field(p, "consequence"))) out.push_back({id, 0, false});
      else if (ts_node_eq(child, field(p, "alternative"))) out.push_back({id, 1, false});
    } else if ((is(p, "switch_case") || is(p, "switch_default")) &&
               (endsCase(p) || ts_node_is_null(ts_node_next_named_sibling(p)))) {
      // A case that falls through shares its path with the next one; the last case has no next.
      out.push_back({static_cast<int>(ts_node_start_byte(parentOf(p))), static_cast<int>(ts_node_start_byte(p)),
                     alwaysExits(p)});
    }
  }
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace cio::js

namespace cio::js {

// `cio.track(id, { name: `viewed_${page}` })` -> `cio.track(id, { name: 'viewed', data: { page } })`:
// the constant part stays the name, each dynamic part becomes a data field keyed by its
// own name. Only where everything is written in the call (a literal options object).
void Extractor::eventDataRewrite(Call &call, TSNode callNode, bool pipelinesShape) const {
  if (!call.eventName || !call.eventName->isDynamicString() || call.eventName->kind == ValueKind::FormatCall) return;
  if (call.op != Operation::Track && call.op != Operation::TrackAnonymous) return;
  const std::vector<TSNode> a = args(callNode);
  auto arg = [&](size_t i) { return i < a.size() ? unwrap(a[i]) : TSNode{}; };

  TSNode nameNode{}, host{}, dataValue{};  // host: the object the data key lives in (null: positional)
  QString dataKey;
  bool positional = false;
  if (call.sdk == Sdk::Pipelines || pipelinesShape) {
    host = arg(0);
    if (!is(host, "object")) return;
    nameNode = objectPair(host, QStringLiteral("event"));
    dataKey = QStringLiteral("properties");
  } else if (call.sdk == Sdk::BrowserSnippet || call.sdk == Sdk::PipelinesBrowser) {
    positional = true;
    nameNode = arg(0);
    dataValue = arg(1);
  } else {
    const bool v2Anonymous = call.op == Operation::TrackAnonymous && is(arg(0), "object");
    host = v2Anonymous ? arg(0) : arg(1);
    if (!is(host, "object")) return;
    nameNode = objectPair(host, QStringLiteral("name"));
    dataKey = QStringLiteral("data");
  }
  if (ts_node_is_null(nameNode)) return;
  if (!positional) dataValue = unwrap(objectPair(host, dataKey));
  if (positional && a.size() > 2) return;

  // The name's pieces: literal text and dynamic expressions, in order.
  QString constant;
  QChar quote = QLatin1Char('\'');
  bool quoteSeen = false;
  std::vector<TSNode> dynamic;
  bool ok = true;
  std::function<void(TSNode)> pieces = [&](TSNode x) {
    x = unwrap(x);
    if (is(x, "string")) {
      if (!quoteSeen) {
        quote = QLatin1Char(m_src.at(ts_node_start_byte(x)));
        quoteSeen = true;
      }
      constant += stringContent(x);
    } else if (is(x, "template_string")) {
      quint32 pos = ts_node_start_byte(x) + 1;
      for (TSNode c : namedChildren(x)) {
        if (!is(c, "template_substitution")) continue;
        constant += QString::fromUtf8(m_src.mid(pos, ts_node_start_byte(c) - pos));
        constant += QLatin1Char('\x01');  // where a dynamic part stood
        if (ts_node_named_child_count(c) != 1) ok = false;
        else dynamic.push_back(firstNamedChild(c));
        pos = ts_node_end_byte(c);
      }
      const quint32 end = ts_node_end_byte(x) - 1;
      if (end > pos) constant += QString::fromUtf8(m_src.mid(pos, end - pos));
    } else if (is(x, "binary_expression") && text(field(x, "operator")) == QLatin1String("+")) {
      pieces(field(x, "left"));
      pieces(field(x, "right"));
    } else {
      constant += QLatin1Char('\x01');
      dynamic.push_back(x);
    }
  };
  pieces(nameNode);
  if (!ok || dynamic.empty()) return;
  // Drop the separators the dynamic parts leave behind: "plan_\x01_selected" -> "plan_selected".
  static const QRegularExpression around(QStringLiteral("[ _.:/-]*\\x01[ _.:/-]*"));
  QString cleaned;
  {
    QStringList kept;
    for (const QString &piece : constant.split(around)) {
      if (!piece.isEmpty()) kept << piece;
    }
    if (kept.isEmpty()) return;
    // Join with the separator the name already uses.
    const QString sep = constant.contains(QLatin1Char('_'))   ? QStringLiteral("_")
                        : constant.contains(QLatin1Char('-')) ? QStringLiteral("-")
                        : constant.contains(QLatin1Char(' ')) ? QStringLiteral(" ")
                                                              : QString();
    cleaned = kept.join(sep);
  }
  if (cleaned.contains(quote) || cleaned.contains(QLatin1Char('\\')) || cleaned.contains(QLatin1Char('\n'))) return;

  // One data field per dynamic part, keyed by its own name.
  QStringList fields, keys;
  for (TSNode d : dynamic) {
    QString key;
    if (is(d, "identifier")) key = text(d);
    else if (is(d, "member_expression") && is(field(d, "property"), "property_identifier")) {
      key = text(field(d, "property"));
      // plan.name -> plan_name: a bare `name` / `id` field says nothing in event data.
      const TSNode obj = unwrap(field(d, "object"));
      const TSNode owner = is(obj, "member_expression") ? field(obj, "property") : obj;
      if ((key == QLatin1String("name") || key == QLatin1String("id")) &&
          (is(owner, "identifier") || is(owner, "property_identifier")))
        key = text(owner) + QLatin1Char('_') + key;
    }
    else if (is(d, "subscript_expression") && isStringLiteral(unwrap(field(d, "index")))) key = stringContent(unwrap(field(d, "index")));
    static const QRegularExpression ident(QStringLiteral("^[A-Za-z_$][A-Za-z0-9_$]*$"));
    if (key.isEmpty() || !ident.match(key).hasMatch() || keys.contains(key)) return;
    keys << key;
    fields << (text(d) == key ? key : key + QStringLiteral(": ") + text(d));
  }
  const QString newName = quote + cleaned + quote;
  const QString list = fields.join(QStringLiteral(", "));
  auto at = [](TSNode n, bool end) {
    Range r = ts::range(n);
    if (end) {
      r.startByte = r.endByte;
      r.startRow = r.endRow;
      r.startColumn = r.endColumn;
    } else {
      r.endByte = r.startByte;
      r.endRow = r.startRow;
      r.endColumn = r.startColumn;
    }
    return r;
  };
  std::vector<SourceEdit> edits;
  if (ts_node_is_null(dataValue)) {
    edits.push_back({ts::range(nameNode), positional ? newName + QStringLiteral(", { ") + list + QStringLiteral(" }")
                                                     : newName + QStringLiteral(", ") + dataKey +
                                                           QStringLiteral(": { ") + list + QStringLiteral(" }")});
  } else if (is(dataValue, "object")) {
    for (TSNode c : namedChildren(dataValue)) {
      if (is(c, "comment")) continue;
      const QString k = is(c, "shorthand_property_identifier") ? text(c)
                        : is(c, "pair")                          ? propertyName(field(c, "key"), m_src)
                                                                 : QString();
      if (!k.isEmpty() && keys.contains(k)) return;  // the data has a field of that name already
    }
    edits.push_back({ts::range(nameNode), newName});
    TSNode first{};
    for (TSNode c : namedChildren(dataValue))
      if (!is(c, "comment")) {
        first = c;
        break;
      }
    if (ts_node_is_null(first)) edits.push_back({ts::range(dataValue), QStringLiteral("{ ") + list + QStringLiteral(" }")});
    else edits.push_back({at(first, false), list + QStringLiteral(", ")});
  } else {
    edits.push_back({ts::range(nameNode), newName});
    edits.push_back({ts::range(dataValue), QStringLiteral("{ ...") + text(dataValue) + QStringLiteral(", ") + list +
                                               QStringLiteral(" }")});
  }
  call.eventDataRewrite = std::move(edits);
  call.constantEventName = cleaned;
  call.dynamicFields = keys;
}

}  // namespace cio::js
