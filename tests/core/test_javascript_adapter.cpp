// The JavaScript / TypeScript adapter, asserted on the model it builds (no rules):
// import forms, aliases, Pipelines vs Track, clocks, request handlers, cross-file links.
#include "adapters/adapter.h"
#include "language/language.h"
#include "project/analyzer.h"

#include <QtTest>

using namespace cio;

namespace {

FileModel extract(const QByteArray &source, const QString &path = QStringLiteral("src/app.js")) {
  const Language &lang = LanguageRegistry::forPath(path);
  Document doc(lang, source);
  if (!doc.parse()) return FileModel{};
  FileModel m = adapterFor(lang.id)->extract(doc, path);
  if (qEnvironmentVariableIsSet("CIO_DUMP")) {
    for (const Client &c : m.clients)
      qInfo() << "client" << c.id << int(c.sdk) << c.constructor << c.names << c.region << "inside" << c.insideFunction
              << "cached" << c.cached << "ctor" << c.inConstructor;
    for (const Call &c : m.calls)
      qInfo() << "call" << c.method << int(c.op) << int(c.sdk) << "client" << c.clientId << "person"
              << (c.personId ? c.personId->text : QString()) << "event" << (c.eventName ? c.eventName->text : QString())
              << "wait" << c.waitsForResult << "handled" << c.promiseHandled << "loop" << c.inLoop << c.loopThrottled
              << "fn" << c.functionId;
    for (const auto &[r, c] : m.pendingCalls) qInfo() << "pending" << r << c.method;
    for (const FunctionScope &f : m.functions)
      qInfo() << "function" << f.id << f.name << "parent" << f.parentId << "handler" << f.requestHandler << "bg"
              << f.backgroundTask << f.range.startByte << f.range.endByte;
  }
  return m;
}

const Call *findCall(const FileModel &m, const QString &method, int nth = 0) {
  for (const Call &c : m.calls)
    if (c.method == method && nth-- == 0) return &c;
  return nullptr;
}

const Attribute *attr(const Call &c, const QString &key) {
  for (const Attribute &a : c.attributes)
    if (a.key == key) return &a;
  return nullptr;
}

}  // namespace

class TestJavaScriptAdapter : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void importForms_data() {
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<int>("sdk");
    QTest::addColumn<bool>("legacy");
    QTest::newRow("require destructured") << QByteArray(
        "const { TrackClient, RegionUS } = require('customerio-node');\n"
        "const cio = new TrackClient(process.env.CIO_SITE_ID, process.env.CIO_API_KEY, { region: RegionUS });\n"
        "cio.identify('1', { email: 'a@b.c' });\n") << int(Sdk::Track) << false;
    QTest::newRow("import named") << QByteArray(
        "import { APIClient } from 'customerio-node';\nconst api = new APIClient(key);\napi.sendEmail(req);\n")
                                  << int(Sdk::App) << false;
    QTest::newRow("import renamed") << QByteArray(
        "import { TrackClient as Cio } from 'customerio-node';\nconst c = new Cio(a, b);\nc.track('1', { name: 'x' });\n")
                                    << int(Sdk::Track) << false;
    QTest::newRow("namespace") << QByteArray(
        "import * as customerio from 'customerio-node';\nconst c = new customerio.TrackClient(a, b);\nc.track('1', { name: 'x' });\n")
                               << int(Sdk::Track) << false;
    QTest::newRow("legacy default") << QByteArray(
        "const CIO = require('customerio-node');\nconst cio = new CIO(siteId, apiKey);\ncio.identify('1', {});\n")
                                    << int(Sdk::Track) << true;
    QTest::newRow("member of require") << QByteArray(
        "const TrackClient = require('customerio-node').TrackClient;\nconst c = new TrackClient(a, b);\nc.identify(1);\n")
                                       << int(Sdk::Track) << false;
    QTest::newRow("v2 subpath") << QByteArray(
        "const TrackClient = require('customerio-node/track');\nconst c = new TrackClient(a, b);\nc.identify(1);\n")
                                << int(Sdk::Track) << false;
    QTest::newRow("v2 api subpath") << QByteArray(
        "const { APIClient } = require('customerio-node/api');\nconst c = new APIClient(k);\nc.sendEmail(r);\n")
                                    << int(Sdk::App) << false;
    QTest::newRow("pipelines client") << QByteArray(
        "import { PipelinesClient } from 'customerio-node';\nconst p = new PipelinesClient(k);\np.track({ userId: '1', event: 'x' });\n")
                                      << int(Sdk::Pipelines) << false;
    QTest::newRow("cdp analytics node") << QByteArray(
        "const { Analytics } = require('@customerio/cdp-analytics-node');\nconst analytics = new Analytics({ writeKey: k });\n"
        "analytics.track({ userId: '1', event: 'x' });\n")
                                        << int(Sdk::Pipelines) << false;
    QTest::newRow("browser") << QByteArray(
        "import { AnalyticsBrowser } from '@customerio/cdp-analytics-browser';\n"
        "export const analytics = AnalyticsBrowser.load({ writeKey: 'k' });\nanalytics.track('x', {});\n")
                             << int(Sdk::PipelinesBrowser) << false;
  }
  void importForms() {
    QFETCH(QByteArray, source);
    QFETCH(int, sdk);
    QFETCH(bool, legacy);
    const FileModel m = extract(source);
    QCOMPARE(m.clients.size(), size_t(1));
    QCOMPARE(int(m.clients[0].sdk), sdk);
    QCOMPARE(m.clients[0].legacyConstructor, legacy);
    QCOMPARE(m.calls.size(), size_t(1));
    QCOMPARE(m.calls[0].clientId, 0);
    QCOMPARE(int(m.calls[0].sdk), sdk);
  }

  void otherAnalyticsLibrariesAreIgnored() {
    const FileModel m = extract(
        "const { Analytics } = require('@segment/analytics-node');\n"
        "const analytics = new Analytics({ writeKey: 'k' });\n"
        "const Mixpanel = require('mixpanel');\nconst mixpanel = Mixpanel.init('t');\n"
        "analytics.track({ userId: '1', event: 'Signed Up', timestamp: Date.now() });\n"
        "mixpanel.track('Signed Up', { distinct_id: 1 });\nposthog.capture({ distinctId: 1, event: 'x' });\n");
    QVERIFY(m.clients.empty());
    QVERIFY(m.calls.empty());
    QVERIFY(m.pendingCalls.empty());
  }

  void credentialsAndRegion() {
    const FileModel m = extract(
        "const { APIClient, TrackClient, RegionEU } = require('customerio-node');\n"
        "const api = new APIClient(process.env.CUSTOMERIO_APP_API_KEY, { region: RegionEU });\n"
        "const region = RegionEU;\nconst t = new TrackClient(config.siteId, config.apiKey, { region });\n");
    QCOMPARE(m.clients.size(), size_t(2));
    QCOMPARE(m.clients[0].region, QStringLiteral("eu"));
    QCOMPARE(m.clients[0].credentialArgs.size(), size_t(1));
    QCOMPARE(m.clients[0].credentialArgs[0].names,
             QStringList({"process", "env", "CUSTOMERIO_APP_API_KEY"}));
    QCOMPARE(m.clients[1].region, QStringLiteral("eu"));
    QCOMPARE(m.clients[1].credentialArgs.size(), size_t(2));
    QCOMPARE(m.clients[1].credentialArgs[1].names, QStringList({"config", "apiKey"}));
    QCOMPARE(m.clients[0].constructor, QStringLiteral("new APIClient"));
  }

  void trackAndIdentifyShapes() {
    const FileModel m = extract(
        "const { TrackClient } = require('customerio-node');\nconst cio = new TrackClient(a, b);\n"
        "async function signup(user) {\n"
        "  await cio.identify(user.id, { email: user.email, created_at: Date.now(), plan });\n"
        "  cio.track(user.id, { name: `signup_${user.plan}`, data: { price: 3 }, timestamp: Math.floor(Date.now() / 1000) });\n"
        "  cio.identify(user.id, { ...user });\n"
        "  const attrs = { email: user.email };\n  cio.identify(user.id, attrs);\n"
        "}\n");
    const Call *id = findCall(m, "identify");
    QVERIFY(id);
    QCOMPARE(id->op, Operation::Identify);
    QCOMPARE(id->personId->text, QStringLiteral("user.id"));
    QCOMPARE(id->personId->names, QStringList({"user", "id"}));
    QVERIFY(id->attributesFullyVisible);
    QCOMPARE(id->attributes.size(), size_t(3));
    QVERIFY(attr(*id, "created_at")->value.millisecondClock);
    QCOMPARE(attr(*id, "created_at")->value.secondsRewrite, QStringLiteral("Math.floor(Date.now() / 1000)"));
    QCOMPARE(attr(*id, "plan")->value.kind, ValueKind::Identifier);
    QVERIFY(id->waitsForResult);
    QVERIFY(id->promiseHandled);

    const Call *tr = findCall(m, "track");
    QVERIFY(tr);
    QCOMPARE(tr->eventName->kind, ValueKind::InterpolatedString);
    QCOMPARE(tr->eventName->stringValue, QStringLiteral("signup_{}"));
    QCOMPARE(tr->eventName->names, QStringList({"user", "plan"}));
    QVERIFY(attr(*tr, "price"));
    QVERIFY(attr(*tr, "timestamp"));
    QVERIFY(!attr(*tr, "timestamp")->value.millisecondClock);
    QVERIFY(!attr(*tr, "name"));
    QVERIFY(!tr->waitsForResult);
    QVERIFY(!tr->promiseHandled);

    QVERIFY(!findCall(m, "identify", 1)->attributesFullyVisible);
    const Call *followed = findCall(m, "identify", 2);
    QVERIFY(!followed->attributesFullyVisible);
    QVERIFY(attr(*followed, "email"));
  }

  void clocks_data() {
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("ms");
    QTest::newRow("Date.now") << QByteArray("Date.now()") << true;
    QTest::newRow("getTime") << QByteArray("user.createdAt.getTime()") << true;
    QTest::newRow("unary plus") << QByteArray("+new Date()") << true;
    QTest::newRow("valueOf") << QByteArray("new Date().valueOf()") << true;
    QTest::newRow("Number") << QByteArray("Number(new Date())") << true;
    QTest::newRow("literal") << QByteArray("1717171717171") << true;
    QTest::newRow("offset") << QByteArray("Date.now() + 60000") << true;
    QTest::newRow("variable") << QByteArray("now") << true;
    QTest::newRow("floored") << QByteArray("Math.floor(Date.now() / 1000)") << false;
    QTest::newRow("rounded getTime") << QByteArray("Math.round(d.getTime() / 1000)") << false;
    QTest::newRow("bit or") << QByteArray("Date.now() / 1000 | 0") << false;
    QTest::newRow("seconds literal") << QByteArray("1717171717") << false;
    QTest::newRow("duration") << QByteArray("Date.now() - startedAt") << true;
    QTest::newRow("iso") << QByteArray("new Date().toISOString()") << false;
    QTest::newRow("unix") << QByteArray("dayjs().unix()") << false;
  }
  void clocks() {
    QFETCH(QByteArray, value);
    QFETCH(bool, ms);
    const FileModel m = extract("import { TrackClient } from 'customerio-node';\nconst cio = new TrackClient(a, b);\n"
                                "function f(d, startedAt) {\n  const now = Date.now();\n  cio.identify('1', { created_at: " +
                                value + " });\n}\n");
    const Call *c = findCall(m, "identify");
    QVERIFY(c);
    QCOMPARE(attr(*c, "created_at")->value.millisecondClock, ms);
    if (ms) QVERIFY(!attr(*c, "created_at")->value.secondsRewrite.isEmpty());
  }

  void stringKinds() {
    const FileModel m = extract(
        "const util = require('util');\nconst { TrackClient } = require('customerio-node');\nconst cio = new TrackClient(a, b);\n"
        "cio.track(1, { name: 'plain' });\ncio.track(1, { name: `tmpl` });\ncio.track(1, { name: 'a_' + user.email + '_b' });\n"
        "cio.track(1, { name: util.format('x_%s', plan) });\ncio.track(1, { name: eventName(u) });\n");
    QCOMPARE(findCall(m, "track", 0)->eventName->kind, ValueKind::StringLiteral);
    QCOMPARE(findCall(m, "track", 0)->eventName->stringValue, QStringLiteral("plain"));
    const Range cr = *findCall(m, "track", 0)->eventName->contentRange;
    QCOMPARE(cr.endByte - cr.startByte, quint32(5));
    QCOMPARE(findCall(m, "track", 1)->eventName->kind, ValueKind::StringLiteral);
    QCOMPARE(findCall(m, "track", 2)->eventName->kind, ValueKind::Concatenation);
    QCOMPARE(findCall(m, "track", 2)->eventName->stringValue, QStringLiteral("a_{}_b"));
    QCOMPARE(findCall(m, "track", 2)->eventName->names, QStringList({"user", "email"}));
    QCOMPARE(findCall(m, "track", 3)->eventName->kind, ValueKind::FormatCall);
    QCOMPARE(findCall(m, "track", 3)->eventName->stringValue, QStringLiteral("x_{}"));
    QCOMPARE(findCall(m, "track", 3)->eventName->names, QStringList({"plan"}));
    QCOMPARE(findCall(m, "track", 4)->eventName->kind, ValueKind::CallResult);
  }

  // CIO006 / CIO012's fix: the constant part stays the name, the dynamic parts move into
  // the event data. The fixed code is asserted as text, then analysed again: clean.
  void eventDataRewrite_data() {
    QTest::addColumn<QByteArray>("call");
    QTest::addColumn<QByteArray>("fixed");  // empty: no mechanical fix
    QTest::newRow("template, no data") << QByteArray("cio.track(u.id, { name: `viewed_${page}` });")
                                       << QByteArray("cio.track(u.id, { name: 'viewed', data: { page } });");
    QTest::newRow("concatenation, data literal")
        << QByteArray("cio.track(u.id, { name: 'checkout_' + plan, data: { total } });")
        << QByteArray("cio.track(u.id, { name: 'checkout', data: { plan, total } });");
    QTest::newRow("middle part, empty data")
        << QByteArray("cio.track(u.id, { name: `plan_${req.body.plan}_selected`, data: {} });")
        << QByteArray("cio.track(u.id, { name: 'plan_selected', data: { plan: req.body.plan } });");
    QTest::newRow("pii, data variable")
        << QByteArray("cio.track(u.id, { name: \"contact_\" + user.email, data: extra });")
        << QByteArray("cio.track(u.id, { name: \"contact\", data: { ...extra, email: user.email } });");
    QTest::newRow("anonymous") << QByteArray("cio.trackAnonymous(anon, { name: `landing_${req.query.utm_source}` });")
                               << QByteArray("cio.trackAnonymous(anon, { name: 'landing', data: { utm_source: "
                                             "req.query.utm_source } });");
    QTest::newRow("snippet, positional") << QByteArray("_cio.track(`clicked_${button}`);")
                                         << QByteArray("_cio.track('clicked', { button });");
    QTest::newRow("pipelines properties")
        << QByteArray("pipes.track({ userId: u.id, event: `viewed_${section}`, properties: { a: 1 } });")
        << QByteArray("pipes.track({ userId: u.id, event: 'viewed', properties: { section, a: 1 } });");
    QTest::newRow("no constant part") << QByteArray("cio.track(u.id, { name: `${kind}` });") << QByteArray();
    QTest::newRow("part without a key") << QByteArray("cio.track(u.id, { name: 'x_' + id.slice(0, 2) });")
                                        << QByteArray();
    QTest::newRow("key taken in data") << QByteArray("cio.track(u.id, { name: `viewed_${page}`, data: { page: 2 } });")
                                       << QByteArray();
  }
  void eventDataRewrite() {
    QFETCH(QByteArray, call);
    QFETCH(QByteArray, fixed);
    const QByteArray head =
        "import { TrackClient } from 'customerio-node';\nimport { Analytics } from '@customerio/cdp-analytics-node';\n"
        "const cio = new TrackClient(a, b);\nconst pipes = new Analytics({ writeKey: k });\n"
        "export function f(u, page, plan, total, req, user, extra, anon, button, section, kind, id) {\n  ";
    const QByteArray source = head + call + "\n}\n";
    const QString path = QStringLiteral("src/app.js");
    const Analyzer analyzer;
    const AnalysisResult r = analyzer.analyzeSource(path, source, LanguageRegistry::forPath(path));
    const Finding *f = nullptr;
    for (const Finding &x : r.findings)
      if (x.ruleId == QLatin1String("CIO006") || x.ruleId == QLatin1String("CIO012")) f = &x;
    QVERIFY2(f, "the event name must be reported");
    if (fixed.isEmpty()) {
      QVERIFY(f->fixes.empty());
      return;
    }
    QCOMPARE(f->fixes.size(), size_t(1));
    const QByteArray out = applyFix(source, f->fixes.front());
    QCOMPARE(out, head + fixed + "\n}\n");
    const AnalysisResult again = analyzer.analyzeSource(path, out, LanguageRegistry::forPath(path));
    for (const Finding &x : again.findings)
      QVERIFY2(x.ruleId != QLatin1String("CIO006") && x.ruleId != QLatin1String("CIO012"), qPrintable(x.message));
  }

  void requestHandlersAndPromises() {
    const FileModel m = extract(
        "const express = require('express');\nconst { TrackClient } = require('customerio-node');\n"
        "const cio = new TrackClient(a, b);\nconst app = express();\n"
        "app.post('/signup', async (req, res) => {\n"
        "  await cio.identify(req.body.email, { email: req.body.email });\n"
        "  cio.track(req.body.email, { name: 'x' }).catch(console.error);\n"
        "  setImmediate(async () => { await cio.track('1', { name: 'y' }); });\n"
        "  await Promise.all([cio.track('2', { name: 'z' })]);\n"
        "  res.sendStatus(204);\n});\n"
        "router.route('/x').get(handler);\nasync function handler(rq, rs) { return cio.track('3', { name: 'w' }); }\n");
    const Call *id = findCall(m, "identify");
    QVERIFY(m.inRequestPath(id->functionId));
    QVERIFY(id->personId->requestInput);
    const Call *caught = findCall(m, "track", 0);
    QVERIFY(!caught->waitsForResult);
    QVERIFY(caught->promiseHandled);
    const Call *bg = findCall(m, "track", 1);
    QVERIFY(bg->waitsForResult);
    QVERIFY(!m.inRequestPath(bg->functionId));
    QVERIFY(m.inBackgroundTask(bg->functionId));
    const Call *all = findCall(m, "track", 2);
    QVERIFY(all->waitsForResult);
    const Call *ret = findCall(m, "track", 3);
    QVERIFY(m.inRequestPath(ret->functionId));
    QVERIFY(ret->promiseHandled);
    QVERIFY(!ret->waitsForResult);
  }

  void nextJsRoutes() {
    const QByteArray pages = "import { cio } from '../../lib/cio';\n"
                             "export default async function handler(req, res) { await cio.track('1', { name: 'x' }); }\n";
    FileModel m = extract(pages, QStringLiteral("web/pages/api/signup.ts"));
    QCOMPARE(m.pendingCalls.size(), size_t(1));
    QVERIFY(m.inRequestPath(m.pendingCalls[0].second.functionId));
    const QByteArray route = "import { cio } from '@/lib/cio';\n"
                             "export async function POST(request: Request) { const body = await request.json();\n"
                             "  await cio.identify(body.userId, { email: body.email }); return Response.json({}); }\n";
    m = extract(route, QStringLiteral("web/app/api/signup/route.ts"));
    QCOMPARE(m.pendingCalls.size(), size_t(1));
    const Call &c = m.pendingCalls[0].second;
    QVERIFY(m.inRequestPath(c.functionId));
    QVERIFY(c.waitsForResult);
    QVERIFY(c.personId->requestInput);
  }

  void clientPlacement() {
    const FileModel m = extract(
        "import { TrackClient } from 'customerio-node';\nlet client;\n"
        "export function getClient() { if (!client) client = new TrackClient(a, b); return client; }\n"
        "let lazy;\nconst getLazy = () => (lazy ?\?= new TrackClient(a, b));\n"
        "class Service { constructor() { this.cio = new TrackClient(a, b); } run(u) { return this.cio.identify(u.id, {}); } }\n"
        "class Other { cio = new TrackClient(a, b); go() { this.cio.track(1, { name: 'x' }); } }\n"
        "app.post('/x', (req, res) => { const perRequest = new TrackClient(a, b); perRequest.track(1, { name: 'y' }); });\n"
        "getClient().identify('9', {});\n");
    QCOMPARE(m.clients.size(), size_t(5));
    QVERIFY(m.clients[0].insideFunction && m.clients[0].cached);
    QVERIFY(m.clients[1].insideFunction && m.clients[1].cached);
    QVERIFY(m.clients[2].inConstructor && !m.clients[2].cached);
    QVERIFY(m.clients[2].names.contains(QStringLiteral("this.cio")));
    QVERIFY(m.clients[3].inConstructor);
    QVERIFY(m.clients[4].insideFunction && !m.clients[4].cached && !m.clients[4].inConstructor);
    QVERIFY(m.inRequestPath(m.clients[4].functionId));
    QCOMPARE(findCall(m, "identify", 0)->clientId, 2);
    QCOMPARE(findCall(m, "track", 0)->clientId, 3);
    QCOMPARE(findCall(m, "track", 1)->clientId, 4);
    QCOMPARE(findCall(m, "identify", 1)->clientId, 0);
  }

  // A function invoked where it is written at module scope (a bundle's wrapper) runs
  // once: its client is no client per call. Inside a function that runs per call, it is.
  void immediatelyInvokedWrappers() {
    const FileModel m = extract(
        "(()=>{\"use strict\";const{TrackClient:t}=require(\"customerio-node\"),n=new t(process.env.A,process.env.B);"
        "n.identify(1,{})})();\n"
        "!function(e){const c=new (require('customerio-node').TrackClient)(a,b);(function(){const d=new "
        "(require('customerio-node').TrackClient)(a,b)})()}(window);\n"
        "(function(){ const x = new (require('customerio-node').TrackClient)(a, b); }).call(this);\n"
        "function perCall(){ (() => { const y = new (require('customerio-node').TrackClient)(a, b); })(); }\n"
        "const lazy = () => new (require('customerio-node').TrackClient)(a, b);\n");
    QCOMPARE(m.clients.size(), size_t(6));
    for (int i = 0; i < 4; ++i) QVERIFY2(m.clients[i].insideFunction && m.clients[i].cached, qPrintable(QString::number(i)));
    QVERIFY(!m.clients[4].cached);  // an IIFE inside a function that runs per call
    QVERIFY(!m.clients[5].cached);  // a function, not invoked where it is written
  }

  void loops() {
    const FileModel m = extract(
        "import { TrackClient } from 'customerio-node';\nimport pLimit from 'p-limit';\n"
        "const cio = new TrackClient(a, b);\nconst limit = pLimit(5);\n"
        "async function sync(users) {\n"
        "  for (const u of users) { await cio.identify(u.id, {}); }\n"
        "  users.forEach((u) => cio.track(u.id, { name: 'x' }));\n"
        "  await Promise.all(users.map((u) => limit(() => cio.identify(u.id, {}))));\n"
        "  for (const u of users) { await cio.identify(u.id, {}); await sleep(100); }\n"
        "  for (const u of users) { await cio.identify(u.id, {}); await new Promise((r) => setTimeout(r, 50)); }\n"
        "  await cio.batch(users.map((u) => ({ type: 'person', action: 'identify' })));\n"
        "}\n");
    const Call *plain = findCall(m, "identify", 0);
    QVERIFY(plain->inLoop && !plain->loopThrottled);
    const Call *each = findCall(m, "track", 0);
    QVERIFY(each->inLoop && !each->loopThrottled);
    QVERIFY(!each->promiseHandled);
    const Call *limited = findCall(m, "identify", 1);
    QVERIFY(limited->inLoop && limited->loopThrottled);
    QVERIFY(limited->waitsForResult);
    QVERIFY(findCall(m, "identify", 2)->loopThrottled);
    QVERIFY(findCall(m, "identify", 3)->loopThrottled);
    const Call *batch = findCall(m, "batch");
    QCOMPARE(batch->op, Operation::Batch);
    QVERIFY(!batch->inLoop);
  }

  void browserAndPipelinesShapes() {
    const FileModel m = extract(
        "_cio.identify({ id: user.id, email: user.email, created_at: 1339438758 });\n"
        "window._cio.track('Viewed Pricing', { plan });\n_cio.page(location.href, { ref });\n"
        "cioanalytics.track('added_to_cart', { sku });\ncioanalytics.identify(user.id, { email: user.email });\n"
        "const { Analytics } = require('@customerio/cdp-analytics-node');\nconst analytics = new Analytics({ writeKey: k });\n"
        "analytics.track({ userId: u.id, event: 'order_completed', properties: { total: 3 }, timestamp: Date.now() });\n"
        "analytics.identify({ userId: u.id, traits: { email: u.email } });\n");
    const Call *sid = findCall(m, "identify", 0);
    QCOMPARE(sid->sdk, Sdk::BrowserSnippet);
    QCOMPARE(sid->personId->text, QStringLiteral("user.id"));
    QVERIFY(attr(*sid, "email"));
    QCOMPARE(findCall(m, "track", 0)->sdk, Sdk::BrowserSnippet);
    QCOMPARE(findCall(m, "track", 0)->eventName->stringValue, QStringLiteral("Viewed Pricing"));
    QCOMPARE(findCall(m, "page", 0)->op, Operation::Page);
    QCOMPARE(findCall(m, "track", 1)->sdk, Sdk::PipelinesBrowser);
    QCOMPARE(findCall(m, "identify", 1)->personId->text, QStringLiteral("user.id"));
    const Call *pt = findCall(m, "track", 2);
    QCOMPARE(pt->sdk, Sdk::Pipelines);
    QCOMPARE(pt->personId->text, QStringLiteral("u.id"));
    QCOMPARE(pt->eventName->stringValue, QStringLiteral("order_completed"));
    QVERIFY(attr(*pt, "total"));
    QVERIFY(attr(*pt, "timestamp")->value.millisecondClock);
    const Call *pi = findCall(m, "identify", 2);
    QVERIFY(attr(*pi, "email"));
    QVERIFY(pi->attributesFullyVisible);
  }

  void sendEmailRequest() {
    const FileModel m = extract(
        "const { APIClient, SendEmailRequest } = require('customerio-node');\nconst api = new APIClient(k);\n"
        "async function welcome(user) {\n"
        "  const request = new SendEmailRequest({ to: user.email, transactional_message_id: '3', identifiers: { email: user.email },"
        " message_data: {} });\n  await api.sendEmail(request);\n}\n");
    const Call *c = findCall(m, "sendEmail");
    QCOMPARE(c->op, Operation::SendEmail);
    QCOMPARE(c->sdk, Sdk::App);
    QVERIFY(attr(*c, "to"));
    QVERIFY(attr(*c, "identifiers"));
    QCOMPARE(c->personId->text, QStringLiteral("user.email"));
  }

  void exportsAndImports() {
    FileModel m = extract("const { TrackClient } = require('customerio-node');\nconst cio = new TrackClient(a, b);\n"
                          "module.exports = cio;\n");
    QCOMPARE(m.exports.size(), size_t(1));
    QCOMPARE(m.exports[0].exportedName, QStringLiteral("default"));
    m = extract("const { TrackClient } = require('customerio-node');\nconst cio = new TrackClient(a, b);\n"
                "module.exports = { cio, track: cio };\nexports.client = cio;\n");
    QCOMPARE(m.exports.size(), size_t(3));
    m = extract("import { TrackClient } from 'customerio-node';\nexport const cio = new TrackClient(a, b);\n"
                "const other = new TrackClient(c, d);\nexport { other as secondary };\nexport default other;\n");
    QStringList names;
    for (const ClientExport &e : m.exports) names << e.exportedName;
    names.sort();
    QCOMPARE(names, QStringList({"cio", "default", "secondary"}));

    m = extract("import cio from './lib/cio';\nimport { client as c2 } from '../cio.js';\nimport * as lib from './x';\n"
                "const req = require('./y');\nconst { z } = require('./z');\n"
                "cio.track('1', { name: 'a' });\nc2.identify('1', {});\nlib.cio.track('1', { name: 'b' });\n"
                "req.identify('2', {});\nz.track('3', { name: 'c' });\nother.track('4', { name: 'd' });\n");
    QCOMPARE(m.pendingCalls.size(), size_t(5));
    QStringList receivers;
    for (const auto &[r, c] : m.pendingCalls) receivers << r;
    QCOMPARE(receivers, QStringList({"cio", "c2", "lib.cio", "req", "z"}));
  }

  void crossFileLink() {
    std::vector<FileModel> models;
    models.push_back(extract("import { TrackClient } from 'customerio-node';\nexport const cio = new TrackClient(a, b);\n",
                             QStringLiteral("src/lib/cio.ts")));
    models.push_back(extract("const { PipelinesClient } = require('customerio-node');\n"
                             "module.exports = new PipelinesClient(k);\n",
                             QStringLiteral("src/lib/pipelines.js")));
    models.push_back(extract("import { cio } from '../lib/cio.js';\nimport pipelines from '@/lib/pipelines';\n"
                             "export async function signup(u) { await cio.track(u.id, { name: 'x', data: { at: Date.now() } });\n"
                             "  pipelines.track({ userId: u.id, event: 'y' }); }\n",
                             QStringLiteral("src/routes/signup.ts")));
    linkProject(models);
    const FileModel &r = models[2];
    QCOMPARE(r.calls.size(), size_t(2));
    QCOMPARE(r.calls[0].sdk, Sdk::Track);
    QVERIFY(attr(r.calls[0], "at")->value.millisecondClock);
    QCOMPARE(r.calls[1].sdk, Sdk::Pipelines);
    QCOMPARE(r.calls[1].eventName->stringValue, QStringLiteral("y"));
    QVERIFY(r.pendingCalls.empty());
    // The imported clients' promises: awaited in one call, dropped in the other.
    QVERIFY(r.calls[0].returnsPromise && r.calls[0].promiseHandled);
    QVERIFY(r.calls[1].returnsPromise && !r.calls[1].promiseHandled);
  }

  // The CIO014 fix appended to a real call leaves code that parses and is no longer flagged.
  void rejectionHandlerFixApplies() {
    const QByteArray src =
        "const { TrackClient } = require('customerio-node');\nconst cio = new TrackClient(a, b);\n"
        "function f(u) {\n  void cio.track(u.id, { name: 'x' }).finally(done);\n}\n";
    const QString path = QStringLiteral("src/f.js");
    const AnalysisResult before = Analyzer().analyzeFiles({SourceFile{path, path, src}});
    QCOMPARE(before.findings.size(), size_t(1));
    QCOMPARE(before.findings[0].ruleId, QStringLiteral("CIO014"));
    const QByteArray fixed = applyFix(src, before.findings[0].fixes.at(0));
    QVERIFY(
        fixed.contains("cio.track(u.id, { name: 'x' }).catch((err) => console.error('Customer.io request failed', "
                       "err)).finally(done)"));
    const AnalysisResult after = Analyzer().analyzeFiles({SourceFile{path, path, fixed}});
    QVERIFY(after.findings.empty());
  }

  // Which calls return a promise that can reject: customerio-node's clients, never the
  // queueing Pipelines SDK or the browser snippet.
  void returnsPromise() {
    const FileModel m = extract(
        "import { TrackClient, APIClient } from 'customerio-node';\n"
        "import { Analytics } from '@customerio/cdp-analytics-node';\n"
        "const cio = new TrackClient(a, b);\nconst api = new APIClient(k);\n"
        "const analytics = new Analytics({ writeKey: w });\n"
        "class S { constructor(private readonly t: TrackClient) {}\n  go() { this.t.track('1', { name: 'a' }); } }\n"
        "cio.identify('1', {});\napi.sendEmail(r);\nanalytics.track({ userId: '1', event: 'b' });\n"
        "_cio.track('c');\n",
        QStringLiteral("src/s.ts"));
    QStringList promises;
    for (const Call &c : m.calls) {
      if (c.returnsPromise) promises << c.method;
      QCOMPARE(c.rejectionHandler.isEmpty(), !c.returnsPromise);
    }
    QCOMPARE(promises, QStringList({"track", "identify", "sendEmail"}));
  }

  void crossFileFactory() {
    std::vector<FileModel> models;
    models.push_back(extract("const { APIClient } = require('customerio-node');\nlet api;\n"
                             "function getApi() { if (!api) api = new APIClient(process.env.CUSTOMERIO_APP_API_KEY); return api; }\n"
                             "module.exports = { getApi };\n",
                             QStringLiteral("lib/customerio.js")));
    QCOMPARE(models[0].exports.size(), size_t(1));
    QCOMPARE(models[0].exports[0].exportedName, QStringLiteral("getApi()"));
    models.push_back(extract("import { TrackClient } from 'customerio-node';\n"
                             "export default function getTracker() { return new TrackClient(a, b); }\n",
                             QStringLiteral("lib/tracker.ts")));
    models.push_back(extract("const { getApi } = require('../lib/customerio');\nimport tracker from '../lib/tracker';\n"
                             "async function mail(req) { await getApi().sendEmail(req); tracker().track('1', { name: 'x' }); }\n",
                             QStringLiteral("jobs/mail.js")));
    linkProject(models);
    QCOMPARE(models[2].calls.size(), size_t(2));
    QCOMPARE(models[2].calls[0].sdk, Sdk::App);
    QCOMPARE(models[2].calls[0].op, Operation::SendEmail);
    QCOMPARE(models[2].calls[1].sdk, Sdk::Track);
    QVERIFY(models[2].calls[1].returnsPromise && !models[2].calls[1].promiseHandled);
  }

  void serverActionsAndQueuedSdks() {
    const FileModel m = extract("'use server';\nimport { cio } from '@/lib/cio';\n"
                                "export async function subscribe(formData) { await cio.identify(formData.get('id'), {}); }\n",
                                QStringLiteral("app/actions.ts"));
    QCOMPARE(m.pendingCalls.size(), size_t(1));
    QVERIFY(m.inRequestPath(m.pendingCalls[0].second.functionId));
    const FileModel q = extract("const { Analytics } = require('@customerio/cdp-analytics-node');\n"
                                "const analytics = new Analytics({ writeKey: k });\n"
                                "app.post('/x', async (req, res) => { await analytics.track({ userId: '1', event: 'e' }); });\n");
    QCOMPARE(q.calls.size(), size_t(1));
    QVERIFY(!q.calls[0].waitsForResult);  // queued: nothing to wait for
  }

  // Truncated and garbled sources must never crash the adapter.
  void brokenInput() {
    QDirIterator it(QStringLiteral(CIO_FIXTURES_DIR "/javascript"), QDir::Files, QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
      const QString p = it.next();
      QFile f(p);
      QVERIFY(f.open(QIODevice::ReadOnly));
      const QByteArray src = f.readAll();
      ++files;
      for (int cut = 1; cut < 12; ++cut) {
        const QByteArray part = src.left(src.size() * cut / 12);
        (void)extract(part, p);
        QByteArray garbled = src;
        garbled.remove(src.size() * cut / 13, 7);
        (void)extract(garbled, p);
      }
    }
    QVERIFY(files > 10);
  }

  void httpRequests() {
    const FileModel m = extract(
        "const TRACK = 'https://track.customer.io/api/v1';\n"
        "async function f(id) {\n"
        "  await fetch(`${TRACK}/customers/${id}`, { method: 'PUT', headers: { Authorization: `Bearer ${key}` } });\n"
        "  await axios.post('https://api-eu.customer.io/v1/send/email', body, { auth: { username: a, password: b } });\n"
        "}\n");
    QCOMPARE(m.httpRequests.size(), size_t(2));
    QCOMPARE(m.httpRequests[0].host, QStringLiteral("track.customer.io"));
    QCOMPARE(m.httpRequests[0].auth, HttpAuth::Bearer);
    QCOMPARE(m.httpRequests[1].host, QStringLiteral("api-eu.customer.io"));
    QCOMPARE(m.httpRequests[1].auth, HttpAuth::Basic);
  }

  void typedInjection() {
    const FileModel m = extract(
        "import { Controller, Post, Body } from '@nestjs/common';\nimport { TrackClient, APIClient } from 'customerio-node';\n"
        "@Controller('users')\nexport class UsersController {\n"
        "  constructor(private readonly cio: TrackClient) {}\n"
        "  @Post()\n  async create(@Body() body: { id: string; email: string }) {\n"
        "    await this.cio.identify(body.id, { email: body.email });\n  }\n}\n"
        "export async function mail(api: APIClient, req: unknown) { await api.sendEmail(req); }\n",
        QStringLiteral("src/users.controller.ts"));
    QCOMPARE(m.calls.size(), size_t(2));
    QCOMPARE(m.calls[0].sdk, Sdk::Track);
    QCOMPARE(m.calls[0].clientId, -1);
    QVERIFY(m.inRequestPath(m.calls[0].functionId));
    QVERIFY(m.calls[0].waitsForResult);
    QCOMPARE(m.calls[1].sdk, Sdk::App);
    QCOMPARE(m.calls[1].op, Operation::SendEmail);
  }

  void shadowingAndNonRoutes() {
    const FileModel m = extract(
        "const { TrackClient } = require('customerio-node');\nconst cio = new TrackClient(a, b);\n"
        "function viaMixpanel(u) { const cio = mixpanel; cio.track('Signed Up', { distinct_id: u.id }); }\n"
        "function injected(cio, u) { return cio.track(u.id, { name: 'x' }); }\n"
        "axios.get('/api/users', async (err, data) => { await cio.track('1', { name: 'y' }); });\n"
        "server.route([{ method: 'POST', path: '/a', handler: async (request, h) => { await cio.track('2', { name: 'z' }); } }]);\n");
    QCOMPARE(m.calls.size(), size_t(3));
    QCOMPARE(m.calls[0].method, QStringLiteral("track"));
    QCOMPARE(m.calls[0].personId->text, QStringLiteral("u.id"));
    QVERIFY(!m.inRequestPath(m.calls[1].functionId));
    QVERIFY(m.inRequestPath(m.calls[2].functionId));
  }

  void bounceWebhook() {
    FileModel m = extract("app.post('/webhooks/cio', (req, res) => {\n"
                          "  if (req.body.metric === 'bounced') markBounced(req.body.data.email);\n  res.end();\n});\n");
    QVERIFY(m.handlesBounceWebhook);
    m = extract("const { TrackClient } = require('customerio-node');\nconst cio = new TrackClient(a, b);\n"
                "app.post('/hooks', async (req, res) => { await cio.suppress(req.body.data.customer_id); res.end(); });\n");
    QVERIFY(m.handlesBounceWebhook);
    m = extract("if (status === 'bounced') retry();\n");
    QVERIFY(!m.handlesBounceWebhook);
    m = extract("const BOUNCES = new Set(['bounced', 'spammed']);\n"
                "export function onEvent(payload) { if (BOUNCES.has(payload.metric)) suppressLocally(payload.data); }\n");
    QVERIFY(m.handlesBounceWebhook);
  }

  // The metric reads CIO008 and CIO017 share: where they are, and which are bounces.
  void webhookReadsAndSignature() {
    FileModel m = extract(
        "app.post('/webhooks/cio', (req, res) => {\n"
        "  if (req.body.metric === 'opened') touch(req.body.data.customer_id);\n  res.end();\n});\n");
    QCOMPARE(m.webhookReads.size(), size_t(1));
    QVERIFY(!m.webhookReads[0].bounce);
    QVERIFY(!m.handlesBounceWebhook);  // an open is no bounce
    QVERIFY(m.inRequestPath(m.webhookReads[0].functionId));
    QVERIFY(extract("if (order.status === 'delivered') ship();\n").webhookReads.empty());
    m = extract(
        "const crypto = require('crypto');\n"
        "function ok(req) {\n"
        "  const sig = req.headers['x-cio-signature'];\n"
        "  const { 'x-cio-timestamp': ts } = req.headers;\n"
        "  const expected = crypto.createHmac('sha256', key).update(`v0:${ts}:${req.body}`).digest('hex');\n"
        "  return sig === expected;\n"
        "}\n");
    QCOMPARE(m.webhookSignature.headerReads.size(), size_t(1));
    QCOMPARE(m.webhookSignature.headerReads[0].startRow, quint32(2));
    QVERIFY(m.webhookSignature.readsTimestamp);
    QVERIFY(!m.webhookSignature.timestampTolerance);
    QCOMPARE(m.webhookSignature.plainCompares.size(), size_t(1));
    QCOMPARE(m.webhookSignature.plainCompares[0].range.startRow, quint32(5));
    QVERIFY(!m.webhookSignature.constantTimeCompare);
    QVERIFY(extract("app.post('/hooks', verifyCioSignature, handler);\n").webhookSignature.referencesVerifier());
    QVERIFY(!extract("app.post('/hooks', verifyStripeSignature, handler);\n").webhookSignature.referencesVerifier());
  }

  // CIO016: what makes a file browser code, and what does not.
  void browserCode() {
    QVERIFY(extract("'use client';\nexport const x = 1;\n").browserCode.contains(QLatin1String("use client")));
    QCOMPARE(extract("import { useEffect } from 'react';\n").browserCode, QStringLiteral("uses useEffect"));
    QCOMPARE(extract("import { View } from 'react-native';\n").browserCode, QStringLiteral("imports react-native"));
    QCOMPARE(extract("export const path = () => window.location.pathname;\n").browserCode,
             QStringLiteral("uses window"));
    QVERIFY(extract("const onServer = typeof window === 'undefined';\n").browserCode.isEmpty());
    QVERIFY(extract("function save(document) { return document.id; }\n").browserCode.isEmpty());
    QVERIFY(extract("export default function Page() { return <p>hi</p>; }\n", QStringLiteral("app/page.jsx"))
                .browserCode.isEmpty());
  }

  // CIO016: 'use client' is a directive wherever the prologue has it, after comments and
  // other directives, and nowhere else; Next.js server-only code in UI files.
  void browserCodeDirectiveAndServerOnly() {
    QVERIFY(extract("/* Copyright Acme */\n// header\n'use client';\nexport const x = 1;\n")
                .browserCode.contains(QLatin1String("use client")));
    QVERIFY(extract("#!/usr/bin/env node\n'use strict';\n\"use client\";\n")
                .browserCode.contains(QLatin1String("use client")));
    QVERIFY(extract("const s = \"'use client'\";\nconsole.log('use client');\n").browserCode.isEmpty());
    QVERIFY(extract("import x from 'y';\n'use client';\n").browserCode.isEmpty());
    // pages/api/, route handlers and 'use server' modules run on the server only.
    QVERIFY(extract("import { useState } from 'react';\n", QStringLiteral("pages/api/hook.ts")).browserCode.isEmpty());
    QVERIFY(extract("import { useState } from 'react';\n", QStringLiteral("app/api/x/route.ts")).browserCode.isEmpty());
    QVERIFY(extract("// actions\n'use server';\nimport { useState } from 'react';\n", QStringLiteral("app/actions.ts"))
                .browserCode.isEmpty());
    const QByteArray page =
        "import { useState } from 'react';\n"
        "import { TrackClient } from 'customerio-node';\n"
        "export async function getServerSideProps() { const cio = new TrackClient(a, b); return { props: {} }; }\n"
        "export const getStaticProps = async () => ({ props: { cio: new TrackClient(a, b) } });\n"
        "export default function Page() { const cio = new TrackClient(a, b); return null; }\n"
        "async function save() { 'use server'; const cio = new TrackClient(a, b); await cio.track(u, { name: 'x' }); "
        "}\n"
        "export async function getStaticPaths() { const cio = new TrackClient(a, b); return { paths: [], cio }; }\n";
    const FileModel m = extract(page, QStringLiteral("pages/profile.tsx"));
    QCOMPARE(m.browserCode, QStringLiteral("uses useState"));
    QCOMPARE(m.clients.size(), size_t(5));
    QVERIFY(m.clients[0].serverOnly);   // getServerSideProps
    QVERIFY(!m.clients[1].serverOnly);  // returned as a prop
    QVERIFY(!m.clients[2].serverOnly);  // the component
    QVERIFY(m.clients[3].serverOnly);   // an inline server action
    QVERIFY(!m.clients[4].serverOnly);  // returned inside the result
  }

  // CIO019: NestJS parameters, server-action forms and a Fastify route schema.
  void requestInputSources() {
    FileModel m = extract(
        "import { TrackClient } from 'customerio-node';\n"
        "class C { constructor(private readonly cio: TrackClient) {}\n"
        "  @Post() a(@Body() body: Dto, @Body('event') event: string, label: string) {\n"
        "    this.cio.track(body.id, { name: body.event });\n"
        "    this.cio.track(body.id, { name: event });\n"
        "    this.cio.track(body.id, { name: label });\n  }\n}\n",
        QStringLiteral("src/c.controller.ts"));
    QCOMPARE(m.calls.size(), size_t(3));
    QVERIFY(m.calls[0].eventName->requestInput);
    QVERIFY(m.calls[1].eventName->requestInput);
    QVERIFY(!m.calls[2].eventName->requestInput);
    m = extract(
        "'use server';\nimport { TrackClient } from 'customerio-node';\nconst cio = new TrackClient(a, b);\n"
        "export async function f(fd: FormData) { cio.track(u, { name: String(fd.get('e')) }); }\n",
        QStringLiteral("app/actions.ts"));
    QVERIFY(m.calls[0].eventName->requestInput);
    m = extract(
        "import { TrackClient } from 'customerio-node';\nconst cio = new TrackClient(a, b);\n"
        "export async function f(fd: FormData) { cio.track(u, { name: String(fd.get('e')) }); }\n",
        QStringLiteral("src/lib.ts"));
    QVERIFY(!m.calls[0].eventName->requestInput);  // no server action
    m = extract(
        "const { TrackClient } = require('customerio-node');\nconst cio = new TrackClient(a, b);\n"
        "app.post('/e', { schema: { body: { properties: { event: { enum: ['a'] }, kind: { type: 'string' } } } } },\n"
        "  async (request) => { cio.track(u, { name: request.body.event }); cio.track(u, { name: request.body.kind }); "
        "});\n");
    QCOMPARE(m.calls.size(), size_t(2));
    QVERIFY(m.calls[0].eventName->requestInput && m.calls[0].eventName->validatedInput);
    QVERIFY(m.calls[1].eventName->requestInput && !m.calls[1].eventName->validatedInput);
    // A tracking helper: the arguments its callers pass for the event-name parameter.
    m = extract(
        "const { TrackClient } = require('customerio-node');\nconst cio = new TrackClient(a, b);\n"
        "function trackEvent(id, name) { return cio.track(id, { name }); }\n"
        "app.post('/e', (req, res) => { trackEvent(req.user.id, req.body.event); trackEvent(1, 'x'); });\n");
    QCOMPARE(m.calls.size(), size_t(1));
    QCOMPARE(m.calls[0].eventNameHelper, QStringLiteral("trackEvent"));
    QCOMPARE(m.calls[0].eventNameArguments.size(), size_t(2));
    QVERIFY(m.calls[0].eventNameArguments[0].requestInput);
    QVERIFY(!m.calls[0].eventNameArguments[1].requestInput);
  }

  // CIO021 and every rule: a method taken off a Customer.io client with .bind is a call of it.
  void boundMethods() {
    FileModel m = extract(
        "const { TrackClient } = require('customerio-node');\nconst cio = new TrackClient(a, b);\n"
        "const anon = cio.trackAnonymous.bind(cio);\nconst other = mixpanel.track.bind(mixpanel);\n"
        "anon('a1', { name: 'x' });\nother('x', {});\n");
    QCOMPARE(m.calls.size(), size_t(1));
    QCOMPARE(m.calls[0].op, Operation::TrackAnonymous);
    QCOMPARE(m.calls[0].anonymousId->text, QStringLiteral("'a1'"));
    m = extract(
        "const { Analytics } = require('@customerio/cdp-analytics-node');\n"
        "const analytics = new Analytics({ writeKey: k });\nconst track = analytics.track.bind(analytics);\n"
        "track({ anonymousId: a, event: 'viewed' });\n");
    QCOMPARE(m.calls.size(), size_t(1));
    QCOMPARE(m.calls[0].sdk, Sdk::Pipelines);
    QCOMPARE(m.calls[0].op, Operation::Track);
  }

  // CIO017: the middleware and guards that run before a handler, and what a whole scan
  // concludes from them: an imported guard outside the scan is unknown; one inside it
  // verifies only if its file does.
  void importedGuards() {
    FileModel m = extract(
        "const { cioAuth } = require('./auth');\nrouter.use(logger);\n"
        "router.post('/hook', cioAuth, express.json(), (req, res) => {});\n");
    QCOMPARE(m.functions.size(), size_t(1));
    QCOMPARE(m.functions[0].guards,
             (QStringList{QStringLiteral("logger"), QStringLiteral("cioAuth"), QStringLiteral("express.json")}));
    m = extract(
        "@Controller('x')\n@UseGuards(AuthGuard)\nexport class X {\n"
        "  @Post()\n  @UseGuards(CioSignatureGuard, other.Guard)\n  handle() {}\n}\n",
        QStringLiteral("src/x.controller.ts"));
    QCOMPARE(m.functions.size(), size_t(1));
    QVERIFY(m.functions[0].requestHandler);
    QCOMPARE(m.functions[0].guards, (QStringList{QStringLiteral("CioSignatureGuard"), QStringLiteral("other.Guard"),
                                                 QStringLiteral("AuthGuard")}));

    const QByteArray controller =
        "import { Body, Controller, Post, UseGuards } from '@nestjs/common';\n"
        "import { CioSignatureGuard } from './cio-signature.guard';\n"
        "@Controller('hooks')\nexport class Hooks {\n  @Post()\n  @UseGuards(CioSignatureGuard)\n"
        "  handle(@Body() body: any) { if (body.metric === 'bounced') drop(body.data.customer_id); }\n}\n";
    const QByteArray idle = "export class CioSignatureGuard { canActivate() { return true; } }\n";
    const QByteArray verifying =
        "import { timingSafeEqual, createHmac } from 'crypto';\n"
        "export class CioSignatureGuard { canActivate(ctx) { const req = ctx.switchToHttp().getRequest();\n"
        "  const ts = Number(req.headers['x-cio-timestamp']); if (Math.abs(Date.now() / 1000 - ts) > 300) return "
        "false;\n"
        "  const sig = Buffer.from(String(req.headers['x-cio-signature']), 'hex');\n"
        "  const mac = createHmac('sha256', k).update(`v0:${ts}:${req.rawBody}`).digest();\n"
        "  return sig.length === mac.length && timingSafeEqual(sig, mac); } }\n";
    auto cio017 = [](const std::vector<SourceFile> &files) {
      int n = 0;
      for (const Finding &f : Analyzer().analyzeFiles(files).findings) n += f.ruleId == QLatin1String("CIO017");
      return n;
    };
    const QString c = QStringLiteral("src/hooks/hooks.controller.ts");
    const QString g = QStringLiteral("src/hooks/cio-signature.guard.ts");
    QCOMPARE(cio017({{c, c, controller}}), 0);                // the guard is not in the scan: unknown
    QCOMPARE(cio017({{c, c, controller}, {g, g, idle}}), 1);  // it is, and checks nothing
    QCOMPARE(cio017({{c, c, controller}, {g, g, verifying}}), 0);
    // Express: a verifier-named middleware from a scanned module that checks nothing.
    const QByteArray route =
        "const { verifyCioSignature } = require('../middleware/customerio');\n"
        "router.post('/hooks', verifyCioSignature, (req, res) => {\n"
        "  if (req.body.metric === 'bounced') drop(req.body.data.customer_id); res.end(); });\n";
    const QString r = QStringLiteral("src/routes/hooks.js");
    const QString mw = QStringLiteral("src/middleware/customerio.js");
    QCOMPARE(cio017({{r, r, route}}), 0);
    QCOMPARE(
        cio017({{r, r, route}, {mw, mw, QByteArray("exports.verifyCioSignature = (req, res, next) => next();\n")}}), 1);
  }

  // A file of 1 MiB or more has its webhook-signature facts collected on a second thread
  // (Extractor::run): they must be those of the same code in a small file.
  void largeFileWebhookFacts() {
    const QByteArray verifier =
        "import { createHmac } from 'node:crypto';\n"
        "export function verifyCioSignature(req, res, next) {\n"
        "  const sig = req.headers['x-cio-signature'];\n"
        "  const ts = String(req.headers['x-cio-timestamp']);\n"
        "  if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return res.sendStatus(401);\n"
        "  const expected = createHmac('sha256', key).update(`v0:${ts}:${req.body}`).digest('hex');\n"
        "  if (sig !== expected) return res.sendStatus(401);\n"
        "  next();\n}\n";
    QByteArray large = verifier;
    for (int i = 0; large.size() < 1100 * 1024; ++i)
      large += "var a" + QByteArray::number(i) + "=function(t,n){for(var r=0;r<t.length;r++)n(t[r],r);return t};\n";
    // No parse time limit: a sanitizer build parses 1.1 MB slower than the default 5 s.
    auto signatureOf = [](const QByteArray &source) {
      const QString path = QStringLiteral("src/hooks.js");
      Document doc(LanguageRegistry::forPath(path), source);
      ParseLimits limits;
      limits.parseTimeoutMicros = 0;
      if (!doc.parse(limits)) return WebhookSignature{};
      return adapterFor(LanguageId::JavaScript)->extract(doc, path).webhookSignature;
    };
    const WebhookSignature small = signatureOf(verifier);
    const WebhookSignature big = signatureOf(large);
    QCOMPARE(small.headerReads.size(), size_t(1));
    QCOMPARE(small.plainCompares.size(), size_t(1));
    QVERIFY(small.readsTimestamp && small.timestampTolerance);
    QCOMPARE(big.headerReads.size(), small.headerReads.size());
    QCOMPARE(big.headerReads[0].startByte, small.headerReads[0].startByte);
    QCOMPARE(big.plainCompares.size(), small.plainCompares.size());
    QCOMPARE(big.plainCompares[0].constantTimeRewrite, small.plainCompares[0].constantTimeRewrite);
    QCOMPARE(big.readsTimestamp, small.readsTimestamp);
    QCOMPARE(big.timestampTolerance, small.timestampTolerance);
    QCOMPARE(big.verifierDefinitions, small.verifierDefinitions);
  }

  // A fresh scan looks at deferred files while large files are still being analysed
  // (pass 2 starts early). An importer looked at before its exporter is done must be
  // looked at again, and the findings must be those of a scan whose pass 2 waits (a scan
  // with a populated cache). The large exporter is taken first and finishes last.
  void passTwoStartsEarly() {
    QByteArray big =
        "const { TrackClient } = require('customerio-node');\n"
        "const cio = new TrackClient(process.env.SITE_ID, process.env.API_KEY);\nmodule.exports = { cio };\n";
    for (int i = 0; i < 4000; ++i)
      big += QByteArray("function helper") + QByteArray::number(i) + "(rows) { let t = 0; for (const r of rows) t += "
             "r.amount * " + QByteArray::number(i % 7) + "; return t; }\n";
    const QByteArray small =
        "const { TrackClient } = require('customerio-node');\n"
        "const mailer = new TrackClient(process.env.SITE_ID, process.env.API_KEY);\nmodule.exports = { mailer };\n";
    std::vector<SourceFile> files{{QStringLiteral("lib/messaging.js"), QStringLiteral("lib/messaging.js"), big},
                                  {QStringLiteral("lib/mailer.js"), QStringLiteral("lib/mailer.js"), small}};
    for (int i = 0; i < 30; ++i) {
      const bool viaBig = i % 2 == 0;
      const QString path = QStringLiteral("routes/r%1.js").arg(i);
      files.push_back({path, path,
                       viaBig ? QByteArray("const { cio } = require('../lib/messaging');\n"
                                           "function signup(u) { cio.identify(u.id, { created_at: Date.now() }); }\n")
                              : QByteArray("const { mailer } = require('../lib/mailer');\n"
                                           "function signup(u) { mailer.identify(u.id, { created_at: Date.now() }); }\n")});
    }
    auto keys = [](const AnalysisResult &r) {
      QStringList out;
      for (const Finding &f : r.findings) out << QStringLiteral("%1:%2:%3").arg(f.file, f.ruleId).arg(f.line);
      out.sort();
      return out;
    };
    const QString other = QStringLiteral("other.js");
    const SourceFile otherFile{other, other, QByteArray("const { TrackClient } = require('customerio-node');\n")};
    std::vector<SourceFile> all = files;
    all.push_back(otherFile);
    const AnalysisResult fresh = Analyzer().analyzeFiles(all);
    int importersFound = 0;
    for (const Finding &f : fresh.findings)
      importersFound += f.file.startsWith(QLatin1String("routes/")) && f.ruleId == QLatin1String("CIO002");
    QCOMPARE(importersFound, 30);
    ScanCache cache;  // other.js scanned before: pass 2 of the update waits for pass 1
    Analyzer().analyzeFiles({otherFile}, {}, nullptr, {}, &cache);
    QVERIFY(!cache.files.empty());
    const AnalysisResult waited = Analyzer().updateFiles(cache, files, {}, {}, nullptr, {});
    QCOMPARE(keys(fresh), keys(waited));
  }

  void functionsAndComments() {
    const FileModel m = extract("// cio-lint-disable-next-line CIO002\nfunction a() { const b = () => { function c() {} }; }\n"
                                "class K { m() {} }\n");
    QCOMPARE(m.comments.size(), size_t(1));
    QCOMPARE(m.functions.size(), size_t(4));
    QCOMPARE(m.functions[0].name, QStringLiteral("a"));
    QCOMPARE(m.functions[1].name, QStringLiteral("b"));
    QCOMPARE(m.functions[1].parentId, 0);
    QCOMPARE(m.functions[2].parentId, 1);
    QCOMPARE(m.functions[3].name, QStringLiteral("m"));
    QCOMPARE(m.functions[3].parentId, -1);
  }
};

QTEST_GUILESS_MAIN(TestJavaScriptAdapter)
#include "test_javascript_adapter.moc"
