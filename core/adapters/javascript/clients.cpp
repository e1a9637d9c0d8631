// Imports, SDK symbols, clients and the names they are reachable by, exports.
//
// SDK symbols are strings: "TrackClient", "APIClient", "PipelinesClient", "RegionUS",
// "SendEmailRequest", ... for the classes; "legacy" for customerio-node's default export
// (a namespace and, before v3, the Track constructor); "ns" for a namespace of it;
// "cdpns" / "browserns" for the Data Pipelines packages' namespaces; "Analytics" and
// "AnalyticsBrowser" for their entry points.
#include "adapters/javascript/extractor.h"

#include <QRegularExpression>

#include <functional>

namespace cio::js {

using ts::is;
using ts::type;

static bool isLocalSpecifier(const QString &s) {
  return s.startsWith(QLatin1Char('.')) || s.startsWith(QLatin1String("@/")) || s.startsWith(QLatin1String("~/"));
}

static bool isLimiterModule(const QString &s) {
  return s == QLatin1String("bottleneck") || s == QLatin1String("p-limit") || s == QLatin1String("p-queue") ||
         s == QLatin1String("p-throttle") || s == QLatin1String("limiter") || s == QLatin1String("p-map") ||
         s == QLatin1String("@supercharge/promise-pool") || s == QLatin1String("async-sema");
}

QString Extractor::moduleSymbol(const QString &s) {
  if (s == QLatin1String("customerio-node")) return QStringLiteral("legacy");
  if (s == QLatin1String("customerio-node/track") || s == QLatin1String("customerio-node/lib/track"))
    return QStringLiteral("TrackClient");
  if (s.startsWith(QLatin1String("customerio-node/"))) return QStringLiteral("ns");
  if (s == QLatin1String("@customerio/cdp-analytics-node")) return QStringLiteral("cdpns");
  if (s == QLatin1String("@customerio/cdp-analytics-browser")) return QStringLiteral("browserns");
  return QString();
}

QString Extractor::memberSymbol(const QString &base, const QString &prop) {
  if (base.isEmpty()) return QString();
  if (prop == QLatin1String("default")) return base;
  if (base == QLatin1String("legacy") || base == QLatin1String("ns")) return prop;
  if (base == QLatin1String("cdpns") && prop == QLatin1String("Analytics")) return prop;
  if (base == QLatin1String("browserns") && prop == QLatin1String("AnalyticsBrowser")) return prop;
  return QString();
}

static QString requireSpecifier(TSNode call, const QByteArray &src) {
  if (!is(call, "call_expression")) return QString();
  const TSNode fn = field(call, "function");
  if (!(is(fn, "import") || (is(fn, "identifier") && ts::text(fn, src) == QLatin1String("require")))) return QString();
  const TSNode a = field(call, "arguments");
  if (ts_node_is_null(a) || ts_node_named_child_count(a) == 0) return QString();
  const TSNode s = ts_node_named_child(a, 0);
  if (!is(s, "string")) return QString();
  const QString t = ts::text(s, src);
  return t.mid(1, t.size() - 2);
}

QString Extractor::sdkSymbolOf(TSNode n, int depth) const {
  if (depth > 6) return QString();
  n = unwrapAwait(n);
  if (is(n, "identifier")) return m_sdkSymbols.value(text(n));
  if (is(n, "member_expression")) {
    const QString base = sdkSymbolOf(field(n, "object"), depth + 1);
    return base.isEmpty() ? QString() : memberSymbol(base, text(field(n, "property")));  // "" without a base
  }
  const QString spec = requireSpecifier(n, m_src);
  return spec.isEmpty() ? QString() : moduleSymbol(spec);
}

void Extractor::collectImports() {
  auto addLocal = [&](const QString &local, const QString &imported, const QString &spec) {
    LocalImport li{local, imported, spec};
    m_localImports.insert(local, li);
    m_model.imports.push_back(li);
  };
  static const ts::NodeTypes importTypes{"import_statement"};
  walkTypes(importTypes, [&](TSNode n) {
    if (is(n, "import_statement")) {
      const TSNode src = field(n, "source");
      const QString spec = stringContent(src);
      const QString whole = moduleSymbol(spec);
      const bool local = isLocalSpecifier(spec);
      const bool limiter = isLimiterModule(spec);
      if (limiter && spec != QLatin1String("p-map")) m_importsLimiter = true;
      for (TSNode clause : namedChildren(n)) {
        if (is(clause, "import_require_clause")) {  // TS: import x = require('m')
          const TSNode id = ts_node_named_child(clause, 0);
          const QString s = stringContent(field(clause, "source"));
          if (!moduleSymbol(s).isEmpty()) m_sdkSymbols.insert(text(id), moduleSymbol(s));
          if (isLocalSpecifier(s)) addLocal(text(id), QStringLiteral("default"), s);
          if (isLimiterModule(s)) m_limiterNames.insert(text(id));
          continue;
        }
        if (!is(clause, "import_clause")) continue;
        for (TSNode c : namedChildren(clause)) {
          if (is(c, "identifier")) {  // default import
            const QString name = text(c);
            if (!whole.isEmpty()) m_sdkSymbols.insert(name, whole);
            if (local) addLocal(name, QStringLiteral("default"), spec);
            if (limiter) m_limiterNames.insert(name);
          } else if (is(c, "namespace_import")) {
            const QString name = text(firstNamedChild(c));
            if (!whole.isEmpty())
              m_sdkSymbols.insert(name, whole == QLatin1String("legacy") ? QStringLiteral("ns") : whole);
            if (local) addLocal(name, QStringLiteral("*"), spec);
            if (limiter) m_limiterNames.insert(name);
          } else if (is(c, "named_imports")) {
            for (TSNode s : namedChildren(c)) {
              if (!is(s, "import_specifier")) continue;
              const QString imported = propertyName(field(s, "name"), m_src);
              const TSNode alias = field(s, "alias");
              const QString name = ts_node_is_null(alias) ? imported : text(alias);
              const QString sym = memberSymbol(whole, imported);
              if (!sym.isEmpty()) m_sdkSymbols.insert(name, sym);
              if (local) addLocal(name, imported, spec);
              if (limiter) m_limiterNames.insert(name);
            }
          }
        }
      }
    }
    return true;
  });

  // require() and dynamic import() bound to names, destructured or not, in source order
  // (twice, so aliases of aliases resolve).
  for (int round = 0; round < 2; ++round) {
    for (const Decl &d : m_decls) {
      if (d.parameter || ts_node_is_null(d.value) || !d.declarator || !d.referenceValue) continue;
      QString sym = sdkSymbolOf(d.value);
      for (const QString &k : d.path) sym = memberSymbol(sym, k);
      if (!sym.isEmpty()) m_sdkSymbols.insert(d.name, sym);
      if (round > 0) continue;
      // require('./cio'), require('./cio').cio, const { cio } = require('./cio')
      TSNode v = unwrapAwait(d.value);
      QStringList path = d.path;
      while (is(v, "member_expression")) {
        path.prepend(text(field(v, "property")));
        v = unwrapAwait(field(v, "object"));
      }
      const QString spec = requireSpecifier(v, m_src);
      if (spec.isEmpty()) continue;
      if (isLocalSpecifier(spec) && path.size() <= 1)
        addLocal(d.name, path.isEmpty() ? QStringLiteral("default") : path[0], spec);
      if (isLimiterModule(spec)) {
        m_limiterNames.insert(d.name);
        if (spec != QLatin1String("p-map")) m_importsLimiter = true;
      }
    }
  }
  // Limiters built from the imported factories: new Bottleneck(...), pLimit(5), new PQueue().
  if (!m_limiterNames.isEmpty()) {
    for (int round = 0; round < 2; ++round)
      for (const Decl &d : m_decls) {
        if (d.parameter || ts_node_is_null(d.value) || !d.declarator || !d.referenceValue) continue;
        const TSNode v = unwrapAwait(d.value);
        if (!(is(v, "new_expression") || is(v, "call_expression"))) continue;
        const TSNode callee = unwrap(field(v, is(v, "new_expression") ? "constructor" : "function"));
        TSNode root = callee;
        while (is(root, "member_expression") || is(root, "call_expression"))
          root = unwrap(field(root, is(root, "member_expression") ? "object" : "function"));
        if (is(root, "identifier") && m_limiterNames.contains(text(root))) m_limiterNames.insert(d.name);
      }
  }
}

// --- clients -------------------------------------------------------------------------

void Extractor::collectClients() {
  static const ts::NodeTypes types{"new_expression", "call_expression"};
  walkTypes(types, [&](TSNode n) {
    if (is(n, "new_expression")) {
      const TSNode ctor = field(n, "constructor");
      const QString sym = sdkSymbolOf(ctor);
      if (sym == QLatin1String("TrackClient") || sym == QLatin1String("APIClient") ||
          sym == QLatin1String("PipelinesClient") || sym == QLatin1String("legacy") ||
          sym == QLatin1String("Analytics"))
        buildClient(n, sym, ctor);
    } else if (is(n, "call_expression")) {
      const TSNode fn = unwrap(field(n, "function"));
      if (is(fn, "member_expression") && sdkSymbolOf(field(fn, "object")) == QLatin1String("AnalyticsBrowser")) {
        const QString m = text(field(fn, "property"));
        if (m == QLatin1String("load") || m == QLatin1String("standalone"))
          buildClient(n, QStringLiteral("AnalyticsBrowser"), fn);
      }
    }
    return true;
  });
}

QString Extractor::regionOf(TSNode options, int depth) const {
  if (depth > 4 || ts_node_is_null(options)) return QString();
  const TSNode obj = followObject(options);
  if (ts_node_is_null(obj)) return QString();
  TSNode region = objectPair(obj, QStringLiteral("region"));
  if (!ts_node_is_null(region)) {
    std::function<QString(TSNode, int)> value = [&](TSNode v, int d) -> QString {
      v = unwrap(v);
      const QString sym = sdkSymbolOf(v);
      if (sym == QLatin1String("RegionEU")) return QStringLiteral("eu");
      if (sym == QLatin1String("RegionUS")) return QStringLiteral("us");
      if (isStringLiteral(v)) {
        const QString s = stringContent(v).toLower();
        if (s == QLatin1String("eu") || s == QLatin1String("us")) return s;
      }
      if ((is(v, "identifier") || is(v, "shorthand_property_identifier")) && d < 4) {
        const Decl *decl = lookup(text(v), v);
        if (decl && decl->path.isEmpty() && !ts_node_is_null(decl->value) && !ts_node_eq(decl->value, v))
          return value(decl->value, d + 1);
      }
      return QString();
    };
    return value(region, 0);
  }
  for (const char *key : {"host", "cdnURL", "url", "apiHost"}) {
    const TSNode h = unwrap(objectPair(obj, QString::fromLatin1(key)));
    if (ts_node_is_null(h)) continue;
    const QString t = text(h);
    if (t.contains(QLatin1String("-eu.customer.io"))) return QStringLiteral("eu");
    if (t.contains(QLatin1String(".customer.io"))) return QStringLiteral("us");
  }
  return QString();
}

void Extractor::buildClient(TSNode node, const QString &symbol, TSNode callee) {
  Client c;
  c.id = static_cast<int>(m_model.clients.size());
  c.range = ts::range(node);
  c.constructor = is(node, "new_expression") ? QStringLiteral("new ") + text(callee) : text(callee);
  const std::vector<TSNode> a = args(node);
  auto arg = [&](size_t i) { return i < a.size() ? a[i] : TSNode{}; };
  TSNode options{};
  if (symbol == QLatin1String("TrackClient") || symbol == QLatin1String("legacy")) {
    c.sdk = Sdk::Track;
    c.legacyConstructor = symbol == QLatin1String("legacy");
    for (size_t i = 0; i < 2 && i < a.size(); ++i) c.credentialArgs.push_back(expr(a[i]));
    options = arg(2);
  } else if (symbol == QLatin1String("APIClient")) {
    c.sdk = Sdk::App;
    if (!a.empty()) c.credentialArgs.push_back(expr(a[0]));
    options = arg(1);
  } else if (symbol == QLatin1String("PipelinesClient")) {
    c.sdk = Sdk::Pipelines;
    if (!a.empty()) c.credentialArgs.push_back(expr(a[0]));
    options = arg(1);
  } else {  // Analytics({ writeKey }) / AnalyticsBrowser.load({ writeKey })
    c.sdk = symbol == QLatin1String("Analytics") ? Sdk::Pipelines : Sdk::PipelinesBrowser;
    if (symbol == QLatin1String("Analytics")) m_queuedClients.insert(c.id);
    const TSNode obj = followObject(arg(0));
    if (!ts_node_is_null(obj)) {
      const TSNode key = objectPair(obj, QStringLiteral("writeKey"));
      if (!ts_node_is_null(key)) c.credentialArgs.push_back(expr(key));
    } else if (!a.empty()) {
      c.credentialArgs.push_back(expr(a[0]));
    }
    options = arg(0);
  }
  c.region = regionOf(options);
  if (!ts_node_is_null(options)) {
    const TSNode obj = followObject(options);
    c.regionGiven = ts_node_is_null(obj);  // options the file does not show: may hold a region
    for (const char *key : {"region", "url", "host", "cdnURL", "apiHost"})
      c.regionGiven = c.regionGiven || !ts_node_is_null(objectPair(obj, QString::fromLatin1(key)));
  }
  // customerio-node's clients (and its pre-v3 default export) return promises; the Data
  // Pipelines SDKs queue the call.
  c.returnsPromises = c.sdk != Sdk::PipelinesBrowser && !m_queuedClients.contains(c.id);

  c.functionId = functionIdOf(node);
  c.insideFunction = c.functionId >= 0;
  const TSNode fn = enclosingFunction(node);
  if (is(fn, "method_definition") && text(field(fn, "name")) == QLatin1String("constructor")) c.inConstructor = true;

  // Where the value goes decides whether it is built once: climb through wrappers.
  TSNode cur = node;
  bool guarded = false;
  QString guardLeft;
  for (TSNode p = parentOf(cur); !ts_node_is_null(p); cur = p, p = parentOf(p)) {
    const auto t = type(p);
    if (t == "parenthesized_expression" || t == "as_expression" || t == "non_null_expression" ||
        t == "satisfies_expression" || t == "await_expression" || t == "ternary_expression")
      continue;
    if (t == "binary_expression") {
      const QString op = text(field(p, "operator"));
      if (op == QLatin1String("||") || op == QLatin1String("??")) {
        guardLeft = norm(field(p, "left"));
        continue;
      }
      break;
    }
    if (t == "field_definition" || t == "public_field_definition") {
      const bool isStatic = text(p).startsWith(QLatin1String("static")) ||
                            text(p).contains(QRegularExpression(QStringLiteral("^(\\w+\\s+)*static\\s")));
      if (!isStatic) {
        c.insideFunction = true;
        c.inConstructor = true;
      }
      break;
    }
    if (t == "assignment_expression" || t == "augmented_assignment_expression") {
      const TSNode left = field(p, "left");
      const QString target = norm(left);
      const bool lazyOp = t == "augmented_assignment_expression" &&
                          (text(field(p, "operator")) == QLatin1String("?\?=") ||
                           text(field(p, "operator")) == QLatin1String("||="));
      // The target outlives the call when it is not a local of the enclosing function.
      bool outlives = false;
      if (is(unwrap(left), "identifier")) {
        const Decl *d = lookup(target, left);
        outlives = !d || !ts_node_eq(d->scope, scopeOf(p));
      } else {
        outlives = !target.isEmpty();
      }
      if (lazyOp || (!guardLeft.isEmpty() && guardLeft == target)) guarded = true;
      if (!guarded && !target.isEmpty()) {
        // if (!client) client = new ...; if (client == null) { ... }
        for (TSNode a = parentOf(p); !ts_node_is_null(a) && !isFunction(a); a = parentOf(a)) {
          if (is(a, "if_statement") && text(field(a, "condition")).contains(target)) {
            guarded = true;
            break;
          }
        }
      }
      if (outlives && !c.inConstructor && (guarded || !m_model.inRequestPath(c.functionId))) c.cached = true;
      break;
    }
    if (t == "arguments") {
      // memoize(() => new X()), clients.set(key, new X()) on a long-lived map
      const TSNode call = parentOf(p);
      const TSNode f = unwrap(field(call, "function"));
      if (is(f, "member_expression") && text(field(f, "property")) == QLatin1String("set")) {
        const TSNode obj = unwrap(field(f, "object"));
        const Decl *d = is(obj, "identifier") ? lookup(text(obj), obj) : nullptr;
        if (d && !ts_node_eq(d->scope, scopeOf(call))) c.cached = true;
      }
      break;
    }
    break;
  }
  // new X() inside a function handed to memoize/once/lazy
  if (!c.cached && c.insideFunction) {
    const TSNode f = enclosingFunction(node);
    const TSNode p = parentOf(f);
    if (is(p, "arguments")) {
      const QString callee = text(field(parentOf(p), "function"));
      static const QRegularExpression memo(QStringLiteral("(memoize|once|lazy|cache|singleton)$"),
                                           QRegularExpression::CaseInsensitiveOption);
      if (memo.match(callee).hasMatch()) c.cached = true;
    }
    // A dependency-injection provider factory ({ provide, useFactory: () => new X() }):
    // the container calls it once.
    if (is(p, "pair") && propertyName(field(p, "key"), m_src) == QLatin1String("useFactory")) c.cached = true;
  }
  // A startup function (main, bootstrap) declared at module scope and only ever called
  // from module scope runs once per process.
  if (!c.cached && c.insideFunction && !c.inConstructor && !m_model.inRequestPath(c.functionId)) {
    const TSNode f = enclosingFunction(node);
    TSNode nameNode{};
    if (is(f, "function_declaration") && ts_node_is_null(enclosingFunction(f))) {
      nameNode = field(f, "name");
    } else if ((is(f, "arrow_function") || is(f, "function_expression") || is(f, "function")) &&
               is(parentOf(f), "variable_declarator") && ts_node_is_null(enclosingFunction(parentOf(f)))) {
      nameNode = field(parentOf(f), "name");
    }
    if (is(nameNode, "identifier") && calledOnceFromModuleScope(text(nameNode))) c.cached = true;
  }
  // A function invoked where it is written, at module scope, runs once: a bundle's
  // wrapper `(() => { ... })()`, `!function () { ... }()`, `(function () {}).call(this)`,
  // and such functions directly inside one.
  if (!c.cached && c.insideFunction && !c.inConstructor && !m_model.inRequestPath(c.functionId)) {
    auto invokingCall = [&](TSNode f) {
      TSNode up = f;
      TSNode p = parentOf(up);
      while (is(p, "parenthesized_expression")) up = p, p = parentOf(p);
      if (is(p, "call_expression") && ts_node_eq(field(p, "function"), up)) return p;
      if (is(p, "member_expression") && ts_node_eq(field(p, "object"), up)) {
        const QString method = text(field(p, "property"));
        const TSNode call = parentOf(p);
        if ((method == QLatin1String("call") || method == QLatin1String("apply")) && is(call, "call_expression") &&
            ts_node_eq(field(call, "function"), p))
          return call;
      }
      return TSNode{};
    };
    TSNode f = enclosingFunction(node);
    for (int depth = 0; depth < 16 && !ts_node_is_null(f) && !is(f, "method_definition"); ++depth) {
      const TSNode call = invokingCall(f);
      if (ts_node_is_null(call)) break;
      f = enclosingFunction(call);
      if (ts_node_is_null(f)) c.cached = true;
    }
  }
  m_clientByNode.insert(nodeKey(node), c.id);
  m_model.clients.push_back(c);
}

// True when `name` is used exactly once in the file, as a call at module scope
// (`main();`, `bootstrap().catch(...)`), besides its declaration. One walk per file,
// on first need: minified code must not pay a walk per client.
bool Extractor::calledOnceFromModuleScope(const QString &name) {
  if (!m_nameUsesCounted) {
    m_nameUsesCounted = true;
    static const ts::NodeTypes types{"identifier"};
    walkTypes(types, [&](TSNode r) {
      if (!is(r, "identifier")) return true;
      const TSNode p = parentOf(r);
      if ((is(p, "function_declaration") || is(p, "variable_declarator")) && ts_node_eq(field(p, "name"), r))
        return true;  // the declaration itself
      auto &uses = m_nameUses[text(r)];
      if (is(p, "call_expression") && ts_node_eq(field(p, "function"), r) && ts_node_is_null(enclosingFunction(p)))
        ++uses.first;
      else
        ++uses.second;
      return true;
    });
  }
  const auto it = m_nameUses.constFind(name);
  return it != m_nameUses.cend() && it->first == 1 && it->second == 0;
}

// --- server-only code in UI files (CIO016) ----------------------------------------------

// A server action: a function whose body starts with 'use server', or any function of a
// 'use server' module.
bool Extractor::isServerAction(TSNode fn) const {
  if (!isFunction(fn)) return false;
  return m_useServer || hasDirective(field(fn, "body"), QStringLiteral("use server"));
}

// Code Next.js runs on the server only, even in a pages/ file that renders UI: the data
// functions it calls before rendering (module-level getServerSideProps, getStaticProps,
// getStaticPaths), and server actions.
bool Extractor::isServerOnlyFunction(TSNode fn) const {
  if (isServerAction(fn)) return true;
  const int id = m_functionIds.value(nodeKey(fn), -1);
  if (id < 0) return false;
  const FunctionScope &f = m_model.functions[id];
  static const QSet<QString> dataFunctions{"getServerSideProps", "getStaticProps", "getStaticPaths"};
  return f.parentId < 0 && dataFunctions.contains(f.name);
}

void Extractor::markServerOnlyClients() {
  for (Client &c : m_model.clients) {
    if (c.functionId < 0) continue;
    TSNode serverFn{};
    std::size_t steps = 0;
    for (const FunctionScope *f = m_model.function(c.functionId); f && steps++ < m_model.functions.size();
         f = m_model.function(f->parentId)) {
      if (isServerOnlyFunction(m_functionNodes[f->id])) {
        serverFn = m_functionNodes[f->id];
        break;
      }
    }
    if (ts_node_is_null(serverFn)) continue;
    // What the function returns goes to the page (props are serialised into the HTML):
    // a client returned, or an object holding it, leaves the server.
    const quint32 ctorStart = c.range.startByte, ctorEnd = c.range.endByte;
    bool handedBack = false;
    auto holds = [&](TSNode value) {
      if (ts_node_start_byte(value) <= ctorStart && ctorEnd <= ts_node_end_byte(value)) return true;
      for (const QString &n : names(value))
        if (c.names.contains(n)) return true;
      return false;
    };
    auto returned = [&](TSNode value) {
      if (ts_node_is_null(value)) return;
      if (holds(value)) handedBack = true;
      // One step back: `const holder = { client: cio }; return { props: { holder } }`.
      walk(value, [&](TSNode x) {
        if (handedBack) return false;
        if (is(x, "identifier") || is(x, "shorthand_property_identifier")) {
          const Decl *d = lookup(text(x), x);
          if (d && !d->parameter && !ts_node_is_null(d->value) && ts_node_eq(d->scope, serverFn) &&
              !ts_node_eq(d->value, x) && holds(d->value))
            handedBack = true;
        }
        return true;
      });
    };
    walk(serverFn, [&](TSNode n) {
      if (handedBack) return false;
      if (!ts_node_eq(n, serverFn) && isFunction(n)) {
        // A concise arrow body returns to its caller, not to the page.
        return true;
      }
      if (is(n, "return_statement") && ts_node_eq(enclosingFunction(n), serverFn)) returned(firstNamedChild(n));
      return true;
    });
    if (is(serverFn, "arrow_function") && !is(field(serverFn, "body"), "statement_block"))
      returned(field(serverFn, "body"));
    c.serverOnly = !handedBack;
  }
}

// --- names a client is reachable by ----------------------------------------------------

const Binding *Extractor::findBinding(const QString &t, TSNode at) const {
  const Binding *best = nullptr;
  for (const Binding &b : m_bindings) {
    if (b.text != t || !rangeContainsNode(b.scope, at)) continue;
    if (!best || ts_node_end_byte(b.scope) - ts_node_start_byte(b.scope) <
                     ts_node_end_byte(best->scope) - ts_node_start_byte(best->scope))
      best = &b;
  }
  return best;
}

void Extractor::addBinding(const QString &t, TSNode scope, int clientId) {
  if (t.isEmpty() || clientId < 0) return;
  for (const Binding &b : m_bindings)
    if (b.text == t && ts_node_eq(b.scope, scope) && b.clientId == clientId) return;
  m_bindings.push_back(Binding{t, scope, clientId});
  Client &c = m_model.clients[clientId];
  if (!t.endsWith(QLatin1String("()")) && !c.names.contains(t)) c.names << t;
}

void Extractor::addExport(const QString &name, int clientId) {
  for (const ClientExport &e : m_model.exports)
    if (e.exportedName == name) return;
  m_model.exports.push_back(ClientExport{name, clientId});
}

int Extractor::resolveClient(TSNode n, int depth) const {
  if (depth > 6 || ts_node_is_null(n)) return -1;
  n = unwrapAwait(n);
  if (is(n, "new_expression") || is(n, "call_expression")) {
    const int id = m_clientByNode.value(nodeKey(n), -1);
    if (id >= 0) return id;
  }
  if (is(n, "assignment_expression") || is(n, "augmented_assignment_expression"))
    return resolveClient(field(n, "right"), depth + 1);
  if (is(n, "binary_expression")) {
    const QString op = text(field(n, "operator"));
    if (op == QLatin1String("||") || op == QLatin1String("??")) {
      const int l = resolveClient(field(n, "left"), depth + 1);
      return l >= 0 ? l : resolveClient(field(n, "right"), depth + 1);
    }
    return -1;
  }
  // Only a name some binding starts with can resolve: most names in a file are not one,
  // and are turned away before their reference text is built.
  if (m_bindings.empty()) {
    m_askedBindings = true;
    return -1;
  }
  const QString root = normRoot(n);
  if (root.isEmpty()) return -1;
  m_askedBindings = true;
  bool possible = false;
  for (const Binding &b : m_bindings)
    if (b.text.startsWith(root) && (b.text.size() == root.size() || b.text[root.size()] == QLatin1Char('.') ||
                                    b.text[root.size()] == QLatin1Char('(')))
      possible = true;
  if (!possible) return -1;
  const QString t = norm(n);
  if (t.isEmpty()) return -1;
  const Binding *b = findBinding(t, n);
  if (!b) return -1;
  // A local variable of the same name declared nearer than the client shadows it
  // (`const cio = mixpanel` inside a function). Parameters do not: a client handed in
  // under the same name is the common case.
  if (is(n, "identifier")) {
    const Decl *d = lookup(t, n);
    if (d && !d->parameter && rangeContainsNode(b->scope, d->scope) && !ts_node_eq(b->scope, d->scope) &&
        !(d->path.isEmpty() && !ts_node_is_null(d->value) && resolveClient(d->value, depth + 1) == b->clientId))
      return -1;
  }
  return b->clientId;
}

// The scope a name assigned to `target` lives in.
TSNode Extractor::bindingScopeFor(TSNode target) const {
  target = unwrap(target);
  TSNode root = target;
  while (is(root, "member_expression") || is(root, "subscript_expression")) root = unwrap(field(root, "object"));
  if (is(root, "this")) {
    const TSNode cls = enclosingClass(target);
    return ts_node_is_null(cls) ? scopeOf(target) : cls;
  }
  if (is(root, "identifier")) {
    const Decl *d = lookup(text(root), root);
    return d ? d->scope : m_root;
  }
  return m_root;
}

void Extractor::bindObjectMember(TSNode object, const QString &key, int clientId) {
  // Where does the object literal go? A variable (services.cio) or an export.
  TSNode cur = object;
  TSNode p = parentOf(cur);
  while (is(p, "parenthesized_expression") || is(p, "as_expression") || is(p, "satisfies_expression")) {
    cur = p;
    p = parentOf(p);
  }
  if (is(p, "variable_declarator")) {
    const TSNode name = field(p, "name");
    if (is(name, "identifier")) addBinding(text(name) + QLatin1Char('.') + key, scopeOf(p), clientId);
  } else if (is(p, "assignment_expression")) {
    const QString left = norm(field(p, "left"));
    if (left == QLatin1String("module.exports")) addExport(key, clientId);
    else if (!left.isEmpty()) addBinding(left + QLatin1Char('.') + key, bindingScopeFor(field(p, "left")), clientId);
  } else if (is(p, "export_statement")) {
    addExport(key, clientId);  // export default { cio }
  }
}

void Extractor::bindTarget(TSNode site, TSNode value, int clientId) {
  const auto t = type(site);
  if (t == "variable_declarator") {
    const TSNode name = field(site, "name");
    if (!is(name, "identifier")) return;
    addBinding(text(name), scopeOf(site), clientId);
    const TSNode decl = parentOf(site);
    if (is(parentOf(decl), "export_statement")) addExport(text(name), clientId);
  } else if (t == "assignment_expression" || t == "augmented_assignment_expression") {
    const TSNode left = field(site, "left");
    const QString target = norm(left);
    if (target.isEmpty()) return;
    if (target == QLatin1String("module.exports")) {
      addExport(QStringLiteral("default"), clientId);
      return;
    }
    if (target.startsWith(QLatin1String("module.exports.")))
      addExport(target.mid(15).section(QLatin1Char('.'), 0, 0), clientId);
    else if (target.startsWith(QLatin1String("exports.")))
      addExport(target.mid(8).section(QLatin1Char('.'), 0, 0), clientId);
    addBinding(target, bindingScopeFor(left), clientId);
  } else if (t == "field_definition" || t == "public_field_definition") {
    const TSNode key = field(site, t == "field_definition" ? "property" : "name");
    const TSNode cls = enclosingClass(site);
    addBinding(QStringLiteral("this.") + text(key), ts_node_is_null(cls) ? m_root : cls, clientId);
    if (!ts_node_is_null(cls) && !ts_node_is_null(field(cls, "name")) &&
        text(site).contains(QRegularExpression(QStringLiteral("^(\\w+\\s+)*static\\s"))))
      addBinding(text(field(cls, "name")) + QLatin1Char('.') + text(key), m_root, clientId);
  } else if (t == "return_statement" || t == "arrow_function") {
    // A factory: the enclosing function returns the client.
    const TSNode fn = t == "arrow_function" ? site : enclosingFunction(site);
    if (ts_node_is_null(fn)) return;
    QString name;
    TSNode scope = scopeOf(fn);
    if (is(fn, "function_declaration")) {
      name = text(field(fn, "name"));
    } else if (is(fn, "method_definition")) {
      name = QStringLiteral("this.") + text(field(fn, "name"));
      const TSNode cls = enclosingClass(fn);
      if (!ts_node_is_null(cls)) scope = cls;
    } else if (is(parentOf(fn), "variable_declarator")) {
      name = text(field(parentOf(fn), "name"));
    }
    if (name.isEmpty()) return;
    addBinding(name + QStringLiteral("()"), scope, clientId);
    // export function getCio() / export const getCio = () => ...: a factory other modules import
    const TSNode holder = is(fn, "function_declaration") ? parentOf(fn) : parentOf(parentOf(parentOf(fn)));
    if (is(holder, "export_statement")) {
      addExport(name + QStringLiteral("()"), clientId);
      if (text(holder).contains(QRegularExpression(QStringLiteral("^export\\s+default\\b"))))
        addExport(QStringLiteral("default()"), clientId);
    }
  } else if (t == "export_statement") {
    addExport(QStringLiteral("default"), clientId);
  } else if (t == "pair") {
    bindObjectMember(parentOf(site), propertyName(field(site, "key"), m_src), clientId);
  } else if (t == "shorthand_property_identifier") {
    bindObjectMember(parentOf(site), text(site), clientId);
  }
  (void)value;
}

// module.exports = { getCio }, exports.getCio = getCio, export { getCio }: a factory
// function exported by name is linked as "getCio()".
void Extractor::bindFactoryExport(TSNode site, TSNode value) {
  value = unwrap(value);
  if (!is(value, "identifier") && !is(value, "shorthand_property_identifier")) return;
  const Binding *b = findBinding(text(value) + QStringLiteral("()"), value);
  if (!b) return;
  const auto t = type(site);
  if (t == "pair" || t == "shorthand_property_identifier") {
    const TSNode object = parentOf(site);
    const TSNode p = parentOf(object);
    const QString key = t == "pair" ? propertyName(field(site, "key"), m_src) : text(site);
    if ((is(p, "assignment_expression") && norm(field(p, "left")) == QLatin1String("module.exports")) ||
        is(p, "export_statement"))
      addExport(key + QStringLiteral("()"), b->clientId);
  } else if (t == "assignment_expression") {
    const QString target = norm(field(site, "left"));
    if (target.startsWith(QLatin1String("module.exports.")))
      addExport(target.mid(15) + QStringLiteral("()"), b->clientId);
    else if (target.startsWith(QLatin1String("exports.")))
      addExport(target.mid(8) + QStringLiteral("()"), b->clientId);
    else if (target == QLatin1String("module.exports"))
      addExport(QStringLiteral("default()"), b->clientId);
  } else if (t == "export_specifier") {
    const TSNode alias = field(site, "alias");
    addExport((ts_node_is_null(alias) ? text(value) : propertyName(alias, m_src)) + QStringLiteral("()"), b->clientId);
  } else if (t == "export_statement") {
    addExport(QStringLiteral("default()"), b->clientId);
  }
}

void Extractor::resolveBindings() {
  if (m_model.clients.empty()) return;
  // Candidate sites, in source order: every place a value can be stored or returned.
  std::vector<std::pair<TSNode, TSNode>> sites;  // (site, value)
  std::vector<TSNode> exportSpecifiers;
  static const ts::NodeTypes types{"variable_declarator",
                                   "field_definition",
                                   "public_field_definition",
                                   "assignment_expression",
                                   "augmented_assignment_expression",
                                   "return_statement",
                                   "arrow_function",
                                   "export_statement",
                                   "pair",
                                   "shorthand_property_identifier",
                                   "export_specifier"};
  walkTypes(types, [&](TSNode n) {
    const auto t = type(n);
    if (t == "variable_declarator" || t == "field_definition" || t == "public_field_definition") {
      const TSNode v = field(n, "value");
      if (!ts_node_is_null(v)) sites.emplace_back(n, v);
    } else if (t == "assignment_expression" || t == "augmented_assignment_expression") {
      sites.emplace_back(n, field(n, "right"));
    } else if (t == "return_statement" && ts_node_named_child_count(n) > 0) {
      sites.emplace_back(n, firstNamedChild(n));
    } else if (t == "arrow_function") {
      const TSNode body = field(n, "body");
      if (!is(body, "statement_block")) sites.emplace_back(n, body);
    } else if (t == "export_statement") {
      const TSNode v = field(n, "value");
      if (!ts_node_is_null(v)) sites.emplace_back(n, v);
      const TSNode decl = field(n, "declaration");
      if (isExportDefault(n, true) && is(decl, "identifier")) sites.emplace_back(n, decl);
    } else if (t == "pair") {
      if (is(parentOf(n), "object")) sites.emplace_back(n, field(n, "value"));
    } else if (t == "shorthand_property_identifier") {
      if (is(parentOf(n), "object")) sites.emplace_back(n, n);
    } else if (t == "export_specifier") {
      exportSpecifiers.push_back(n);
    }
    return true;
  });
  // Only what the bindings say can change between rounds: a site whose resolution did
  // not ask them in the first round (a function, a literal, a constructor that is no
  // client) resolves the same way in every round, and is not asked again.
  std::vector<size_t> dependsOnBindings;
  for (int round = 0; round < 3; ++round) {
    // A round that added no binding and no export leaves the state the next round
    // starts from unchanged: the next one would repeat it exactly.
    const size_t bindings = m_bindings.size(), exports = m_model.exports.size();
    if (round == 0) {
      for (size_t i = 0; i < sites.size(); ++i) {
        m_askedBindings = false;
        const int id = resolveClient(sites[i].second);
        if (m_askedBindings) dependsOnBindings.push_back(i);
        if (id >= 0) bindTarget(sites[i].first, sites[i].second, id);
      }
    } else {
      for (const size_t i : dependsOnBindings) {
        const int id = resolveClient(sites[i].second);
        if (id >= 0) bindTarget(sites[i].first, sites[i].second, id);
      }
    }
    if (m_bindings.size() == bindings && m_model.exports.size() == exports) break;
  }
  // A factory export names a function that returns a client (a binding "getClient()"):
  // without one, no site can be one.
  const bool factories = std::any_of(m_bindings.begin(), m_bindings.end(),
                                     [](const Binding &b) { return b.text.endsWith(QLatin1String("()")); });
  if (factories) {
    for (const auto &[site, value] : sites) bindFactoryExport(site, value);
    for (TSNode s : exportSpecifiers) bindFactoryExport(s, field(s, "name"));
  }
  for (TSNode s : exportSpecifiers) {
    if (!ts_node_is_null(field(parentOf(parentOf(s)), "source"))) continue;  // re-export
    const TSNode name = field(s, "name");
    const TSNode alias = field(s, "alias");
    const int id = resolveClient(name);
    if (id >= 0) addExport(ts_node_is_null(alias) ? text(name) : propertyName(alias, m_src), id);
  }
}

}  // namespace cio::js

namespace cio::js {

// --- typed receivers (TypeScript dependency injection) --------------------------------

const TypedReceiver *Extractor::findTyped(const QString &t, TSNode at) const {
  const TypedReceiver *best = nullptr;
  for (const TypedReceiver &r : m_typed) {
    if (r.text != t || !rangeContainsNode(r.scope, at)) continue;
    if (!best || ts_node_end_byte(r.scope) - ts_node_start_byte(r.scope) <
                     ts_node_end_byte(best->scope) - ts_node_start_byte(best->scope))
      best = &r;
  }
  return best;
}

void Extractor::collectTypedReceivers() {
  if (m_sdkSymbols.isEmpty()) return;
  // The client class a type annotation names, if any: TrackClient, cio.APIClient,
  // TrackClient | undefined.
  bool promises = true;
  auto sdkOfType = [&](TSNode annotation, Sdk *out) {
    const TSNode typeNode = firstNamedChild(annotation);
    if (ts_node_is_null(typeNode)) return false;
    static const QRegularExpression parts(QStringLiteral("[\\w.$]+"));
    for (auto it = parts.globalMatch(text(typeNode)); it.hasNext();) {
      const QStringList path = it.next().captured().split(QLatin1Char('.'));
      QString sym = m_sdkSymbols.value(path[0]);
      for (int i = 1; i < path.size(); ++i) sym = memberSymbol(sym, path[i]);
      if (sym == QLatin1String("TrackClient") || sym == QLatin1String("legacy")) *out = Sdk::Track;
      else if (sym == QLatin1String("APIClient")) *out = Sdk::App;
      else if (sym == QLatin1String("PipelinesClient") || sym == QLatin1String("Analytics")) *out = Sdk::Pipelines;
      else continue;
      promises = sym != QLatin1String("Analytics");
      return true;
    }
    return false;
  };
  static const ts::NodeTypes types{"required_parameter", "optional_parameter", "public_field_definition",
                                   "variable_declarator"};
  walkTypes(types, [&](TSNode n) {
    const auto t = type(n);
    Sdk sdk = Sdk::Track;
    if (t == "required_parameter" || t == "optional_parameter") {
      const TSNode pat = field(n, "pattern");
      if (!is(pat, "identifier") || !sdkOfType(field(n, "type"), &sdk)) return true;
      const TSNode fn = parentOf(parentOf(n));
      if (!isFunction(fn)) return true;
      m_typed.push_back({text(pat), fn, sdk, promises});
      // constructor(private readonly cio: TrackClient): also a field
      bool property = false;
      for (TSNode c : ts::children(n))
        property = property || is(c, "accessibility_modifier") || text(c) == QLatin1String("readonly");
      const TSNode cls = enclosingClass(fn);
      if (property && !ts_node_is_null(cls))
        m_typed.push_back({QStringLiteral("this.") + text(pat), cls, sdk, promises});
    } else if (t == "public_field_definition") {
      if (!ts_node_is_null(field(n, "value")) || !sdkOfType(field(n, "type"), &sdk)) return true;
      const TSNode cls = enclosingClass(n);
      if (!ts_node_is_null(cls))
        m_typed.push_back({QStringLiteral("this.") + text(field(n, "name")), cls, sdk, promises});
    } else if (t == "variable_declarator") {
      const TSNode name = field(n, "name");
      if (is(name, "identifier") && sdkOfType(field(n, "type"), &sdk))
        m_typed.push_back({text(name), scopeOf(n), sdk, promises});
    }
    return true;
  });
}

}  // namespace cio::js
