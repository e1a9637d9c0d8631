// The Go adapter's model facts, asserted directly (the fixtures check the rules on top).
#include "adapters/adapter.h"
#include "language/language.h"
#include "project/analyzer.h"

#include <QtTest>

using namespace cio;

// Declared before the test inputs: moc misreads comment markers and brackets inside
// some of the Go snippets below, so it must find the slots first.
class TestGoAdapter : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void middlewareFromProjectPackage();
  void getRoutes();
  void importsAndConstructors();
  void defaultPackageNameAndOtherLibraries();
  void clientPlacement();
  void callShapes();
  void attributesThroughLocals();
  void expressionFacts();
  void handlersGoroutinesAndLoops();
  void pipelines();
  void rawHttpAndWebhooks();
  void deepNestingIsBounded();
  void comments();
  void crossFileLinks();
};


namespace {

FileModel extract(const QByteArray &source, const QString &path = QStringLiteral("svc/main.go")) {
  const Language &go = LanguageRegistry::byId(LanguageId::Go);
  Document doc(go, source);
  if (!doc.parse()) return FileModel{};
  return adapterFor(LanguageId::Go)->extract(doc, path);
}

QStringList keys(const Call &c) {
  QStringList out;
  for (const Attribute &a : c.attributes) out << a.key;
  return out;
}

const Attribute *attr(const Call &c, const QString &key) {
  for (const Attribute &a : c.attributes)
    if (a.key == key) return &a;
  return nullptr;
}

const QByteArray kHeader = R"(package main

import (
	"fmt"
	"net/http"
	"os"
	"sync"
	"time"

	cio "github.com/customerio/go-customerio/v3"
)
)";

QByteArray deeplyNestedSource() {
  QByteArray name = "\"a\"";
  for (int i = 0; i < 1000; ++i) name += " + x";
  const QByteArray open(1000, '('), close(1000, ')');
  return kHeader + "var t = cio.NewTrackClient(\"a\", \"b\")\nfunc f(x string) {\n\tt.Track(" + open + "x" + close +
         ", " + name + ", nil)\n}\n";
}

QByteArray commentsSource() {
  return "package main\n// one\n/* two */\nfunc f() {} // three\n";
}

}  // namespace

void TestGoAdapter::importsAndConstructors() {
  const FileModel m = extract(kHeader + R"(
var track = cio.NewTrackClient(os.Getenv("SITE_ID"), os.Getenv("TRACK_KEY"), cio.WithRegion(cio.RegionEU))
var legacy = cio.NewCustomerIO("site", "key")
var app = cio.NewAPIClient(os.Getenv("APP_KEY"))
)");
  QVERIFY(!m.hasSyntaxErrors);
  QCOMPARE(m.clients.size(), size_t(3));
  const Client &t = m.clients[0];
  QCOMPARE(t.sdk, Sdk::Track);
  QCOMPARE(t.constructor, QStringLiteral("cio.NewTrackClient"));
  QCOMPARE(t.region, QStringLiteral("eu"));
  QCOMPARE(t.credentialArgs.size(), size_t(2));
  QCOMPARE(t.credentialArgs[1].text, QStringLiteral("os.Getenv(\"TRACK_KEY\")"));
  QVERIFY(t.credentialArgs[1].names.contains(QStringLiteral("TRACK_KEY")));
  QVERIFY(!t.insideFunction);
  QCOMPARE(t.names, QStringList{QStringLiteral("track")});
  QVERIFY(m.clients[1].legacyConstructor);
  QCOMPARE(m.clients[1].sdk, Sdk::Track);
  QCOMPARE(m.clients[2].sdk, Sdk::App);
  QCOMPARE(m.clients[2].credentialArgs.size(), size_t(1));
  // package-level clients are exports of the package
  QCOMPARE(m.exports.size(), size_t(3));
  QCOMPARE(m.exports[0].exportedName, QStringLiteral("track"));
}

void TestGoAdapter::defaultPackageNameAndOtherLibraries() {
  const FileModel m = extract(R"(package main

import (
	"github.com/customerio/go-customerio"
	analytics "gopkg.in/segmentio/analytics-go.v3"
)

var c = customerio.NewTrackClient("a", "b")
var seg = analytics.New("k")

func f() {
	seg.Enqueue(analytics.Track{UserId: "u", Event: "Signed Up"})
	c.Track("u", "signed_up", nil)
}
)");
  QCOMPARE(m.clients.size(), size_t(1));  // Segment's client never enters the model
  QCOMPARE(m.calls.size(), size_t(1));
  QCOMPARE(m.calls[0].op, Operation::Track);
  QVERIFY(m.pendingCalls.empty());
}

void TestGoAdapter::clientPlacement() {
  const FileModel m = extract(kHeader + R"(
type Service struct{ cio *cio.CustomerIO }

func NewService() *Service { return &Service{cio: cio.NewTrackClient("a", "b")} }

func newClient() *cio.CustomerIO { return cio.NewTrackClient("a", "b") }

var once sync.Once
var shared *cio.CustomerIO

func get() *cio.CustomerIO {
	once.Do(func() { shared = cio.NewTrackClient("a", "b") })
	return shared
}

func init() { shared = cio.NewTrackClient("a", "b") }

func handler(w http.ResponseWriter, r *http.Request) {
	c := cio.NewTrackClient("a", "b")
	c.Track("u", "x", nil)
}
)");
  QCOMPARE(m.clients.size(), size_t(5));
  QVERIFY(m.clients[0].inConstructor);
  QCOMPARE(m.clients[0].names, QStringList{QStringLiteral("cio")});
  QVERIFY(m.clients[1].insideFunction);  // a factory returning the client: maybe per call
  QVERIFY(!m.clients[1].inConstructor);
  QVERIFY(m.clients[2].cached);           // sync.Once
  QVERIFY(!m.clients[3].insideFunction);  // init()
  QVERIFY(m.clients[4].insideFunction);
  QVERIFY(m.inRequestPath(m.clients[4].functionId));
  QCOMPARE(m.calls.size(), size_t(1));
  QCOMPARE(m.calls[0].clientId, 4);
}

void TestGoAdapter::callShapes() {
  const FileModel m = extract(kHeader + R"(
var track = cio.NewTrackClient("a", "b")
var app = cio.NewAPIClient("k")

func all(ctx context.Context, u User) {
	track.IdentifyCtx(ctx, u.ID, map[string]any{"email": u.Email, "created_at": time.Now().UnixMilli()})
	track.Track(u.ID, fmt.Sprintf("viewed_%s", u.Page), map[string]interface{}{"a": 1}, cio.WithEventTimestamp(u.At))
	track.TrackAnonymous("anon-1", "opened", nil)
	track.Delete(u.ID)
	track.AddDevice(u.ID, "tok", "ios", map[string]interface{}{"last_used": u.Seen.Unix()})
	track.DeleteDevice(u.ID, "tok")
	track.MergeCustomers(cio.Identifier{}, cio.Identifier{})
	track.AddPeopleToSegment(ctx, 1, []string{u.ID})
	track.Track(u.ID, "/pricing", nil, cio.WithEventType(cio.TrackTypePage))
	app.SendEmail(ctx, &cio.SendEmailRequest{To: u.Email, Identifiers: map[string]string{"id": u.ID}})
	app.SendPush(ctx, &cio.SendPushRequest{})
	app.SendSMS(ctx, &cio.SendSMSRequest{})
	app.TriggerBroadcast(ctx, 7, map[string]any{"x": 1}, cio.BroadcastRecipients{}, cio.BroadcastOptions{})
}
)");
  QCOMPARE(m.calls.size(), size_t(13));
  const Call &identify = m.calls[0];
  QCOMPARE(identify.op, Operation::Identify);
  QCOMPARE(identify.method, QStringLiteral("IdentifyCtx"));
  QCOMPARE(identify.personId->text, QStringLiteral("u.ID"));
  QCOMPARE(keys(identify), (QStringList{QStringLiteral("email"), QStringLiteral("created_at")}));
  QVERIFY(identify.attributesFullyVisible);
  QVERIFY(attr(identify, QStringLiteral("created_at"))->value.millisecondClock);
  QCOMPARE(attr(identify, QStringLiteral("created_at"))->value.secondsRewrite, QStringLiteral("time.Now().Unix()"));
  QVERIFY(identify.waitsForResult);

  const Call &track = m.calls[1];
  QCOMPARE(track.op, Operation::Track);
  QCOMPARE(track.eventName->kind, ValueKind::FormatCall);
  QCOMPARE(track.eventName->stringValue, QStringLiteral("viewed_{}"));
  QCOMPARE(track.eventName->names, (QStringList{QStringLiteral("u"), QStringLiteral("Page")}));
  QCOMPARE(keys(track), (QStringList{QStringLiteral("a"), QStringLiteral("timestamp")}));

  QCOMPARE(m.calls[2].op, Operation::TrackAnonymous);
  QCOMPARE(m.calls[3].op, Operation::Delete);
  QCOMPARE(m.calls[4].op, Operation::AddDevice);
  QVERIFY(!attr(m.calls[4], QStringLiteral("last_used"))->value.millisecondClock);
  QCOMPARE(m.calls[5].op, Operation::DeleteDevice);
  QCOMPARE(m.calls[6].op, Operation::Merge);
  QCOMPARE(m.calls[7].op, Operation::Other);
  QCOMPARE(m.calls[8].op, Operation::Page);
  const Call &email = m.calls[9];
  QCOMPARE(email.op, Operation::SendEmail);
  QCOMPARE(email.sdk, Sdk::App);
  QVERIFY(keys(email).contains(QStringLiteral("To")));
  QVERIFY(keys(email).contains(QStringLiteral("id")));
  QCOMPARE(email.personId->text, QStringLiteral("u.ID"));
  QCOMPARE(m.calls[10].op, Operation::SendPush);
  QCOMPARE(m.calls[11].op, Operation::SendSms);
  QCOMPARE(m.calls[12].op, Operation::TriggerBroadcast);
}

void TestGoAdapter::attributesThroughLocals() {
  const FileModel m = extract(kHeader + R"(
var track = cio.NewTrackClient("a", "b")

func a(id string, plan string, extra map[string]any) {
	attrs := map[string]any{"plan": plan}
	attrs["email"] = id + "@x.io"
	track.Identify(id, attrs)
	track.Identify(id, extra)
	more := map[string]any{"plan": plan}
	enrich(more)
	track.Identify(id, more)
	nowMs := time.Now().UnixMilli()
	track.Identify(id, map[string]any{"email": "e", "updated_at": nowMs})
}
)");
  QCOMPARE(m.calls.size(), size_t(4));
  QCOMPARE(keys(m.calls[0]), (QStringList{QStringLiteral("plan"), QStringLiteral("email")}));
  QVERIFY(m.calls[0].attributesFullyVisible);
  QVERIFY(!m.calls[1].attributesFullyVisible);
  QVERIFY(!m.calls[2].attributesFullyVisible);  // handed to another function first
  QVERIFY(attr(m.calls[3], QStringLiteral("updated_at"))->value.millisecondClock);
}

void TestGoAdapter::expressionFacts() {
  const FileModel m = extract(kHeader + R"(
var track = cio.NewTrackClient("a", "b")

func h(w http.ResponseWriter, r *http.Request) {
	track.Track(r.FormValue("email"), "plan_" + r.FormValue("plan"), map[string]any{
		"a_at": time.Now().Unix(),
		"b_at": time.Now().UnixNano(),
		"c_at": time.Now().UnixNano() / 1e6,
		"d_at": time.Now().UnixNano() / 1e9,
		"e_at": time.Now().Unix() * 1000,
		"f_at": 1717171717000,
		"g_at": 1717171717,
		"h_at": t.UnixMilli() / 1000,
	})
	track.Track("id", `raw_name`, nil)
}
)");
  QCOMPARE(m.calls.size(), size_t(2));
  const Call &c = m.calls[0];
  QCOMPARE(c.personId->names, (QStringList{QStringLiteral("r"), QStringLiteral("FormValue"), QStringLiteral("email")}));
  QVERIFY(c.personId->requestInput);
  QCOMPARE(c.eventName->kind, ValueKind::Concatenation);
  QCOMPARE(c.eventName->stringValue, QStringLiteral("plan_{}"));
  const QMap<QString, bool> expected{{QStringLiteral("a_at"), false}, {QStringLiteral("b_at"), true},
                                     {QStringLiteral("c_at"), true},  {QStringLiteral("d_at"), false},
                                     {QStringLiteral("e_at"), true},  {QStringLiteral("f_at"), true},
                                     {QStringLiteral("g_at"), false}, {QStringLiteral("h_at"), false}};
  for (auto it = expected.begin(); it != expected.end(); ++it)
    QVERIFY2(attr(c, it.key())->value.millisecondClock == it.value(), qPrintable(it.key()));
  QCOMPARE(attr(c, QStringLiteral("f_at"))->value.secondsRewrite, QStringLiteral("1717171717"));
  QCOMPARE(attr(c, QStringLiteral("e_at"))->value.secondsRewrite, QStringLiteral("time.Now().Unix()"));

  const Expr &raw = *m.calls[1].eventName;
  QCOMPARE(raw.kind, ValueKind::StringLiteral);
  QCOMPARE(raw.stringValue, QStringLiteral("raw_name"));
  QVERIFY(raw.contentRange);
  QCOMPARE(raw.contentRange->endByte - raw.contentRange->startByte, quint32(8));
}

void TestGoAdapter::handlersGoroutinesAndLoops() {
  const FileModel m = extract(kHeader + R"(
var track = cio.NewTrackClient("a", "b")

func main() {
	http.HandleFunc("/a", named)
	r.POST("/b", func(c *gin.Context) { track.Identify("u", nil) })
}

func named(w http.ResponseWriter, req *http.Request) {
	track.Track("u", "x", nil)
	go func() { track.Track("u", "y", nil) }()
	go track.Track("u", "z", nil)
	go worker(nil)
}

func worker(users []string) {
	for _, u := range users {
		track.Identify(u, nil)
	}
	for _, u := range users {
		time.Sleep(time.Second)
		track.Identify(u, nil)
	}
}
)");
  QCOMPARE(m.calls.size(), size_t(6));
  QVERIFY(m.inRequestPath(m.calls[0].functionId));  // the gin literal
  QVERIFY(m.calls[0].waitsForResult);
  QVERIFY(m.inRequestPath(m.calls[1].functionId));  // registered by name
  QVERIFY(!m.inRequestPath(m.calls[2].functionId));  // go func(){}()
  QVERIFY(!m.calls[2].waitsForResult);
  QVERIFY(!m.calls[3].waitsForResult);  // go track.Track(...)
  QVERIFY(m.inBackgroundTask(m.calls[4].functionId));  // go worker(...)
  QVERIFY(m.calls[4].inLoop);
  QVERIFY(!m.calls[4].loopThrottled);
  QVERIFY(m.calls[5].inLoop);
  QVERIFY(m.calls[5].loopThrottled);
}

void TestGoAdapter::pipelines() {
  const FileModel m = extract(R"(package main

import analytics "github.com/customerio/cdp-analytics-go"

var client = analytics.New("wk")

func f(u User) {
	client.Enqueue(analytics.Identify{UserId: u.ID, Traits: analytics.NewTraits().SetEmail(u.Email).SetFirstName(u.F)})
	client.Enqueue(analytics.Track{UserId: u.ID, Event: "signed_up", Properties: analytics.Properties{"plan": "pro"}})
}
)");
  QCOMPARE(m.clients.size(), size_t(1));
  QCOMPARE(m.clients[0].sdk, Sdk::Pipelines);
  QCOMPARE(m.calls.size(), size_t(2));
  QCOMPARE(m.calls[0].op, Operation::Identify);
  QCOMPARE(keys(m.calls[0]), (QStringList{QStringLiteral("email"), QStringLiteral("first_name")}));
  QVERIFY(m.calls[0].attributesFullyVisible);
  QVERIFY(!m.calls[0].waitsForResult);  // Enqueue only queues
  QCOMPARE(m.calls[1].op, Operation::Track);
  QCOMPARE(m.calls[1].eventName->stringValue, QStringLiteral("signed_up"));
  QCOMPARE(keys(m.calls[1]), QStringList{QStringLiteral("plan")});
}

void TestGoAdapter::rawHttpAndWebhooks() {
  const FileModel m = extract(kHeader + R"(
const base = "https://track.customer.io/api/v1"

func a(key string) {
	req, _ := http.NewRequest("POST", "https://api-eu.customer.io/v1/send/email", nil)
	req.Header.Set("Authorization", "Bearer "+key)
}

func b(id string) {
	req, _ := http.NewRequest("PUT", base+"/customers/"+id, nil)
	req.SetBasicAuth("site", "key")
}

func hook(w http.ResponseWriter, r *http.Request) {
	if evt.Metric == "bounced" {
		return
	}
}
)");
  QCOMPARE(m.httpRequests.size(), size_t(2));
  QCOMPARE(m.httpRequests[0].host, QStringLiteral("track.customer.io"));
  QCOMPARE(m.httpRequests[0].auth, HttpAuth::Basic);
  QCOMPARE(m.httpRequests[1].host, QStringLiteral("api-eu.customer.io"));
  QCOMPARE(m.httpRequests[1].auth, HttpAuth::Bearer);
  QVERIFY(m.handlesBounceWebhook);
}

void TestGoAdapter::deepNestingIsBounded() {
  // Generated code can nest thousands deep; the adapter must neither recurse without
  // bound nor lose the call.
  const FileModel m = extract(deeplyNestedSource());
  QCOMPARE(m.calls.size(), size_t(1));
  QCOMPARE(m.calls[0].personId->kind, ValueKind::Identifier);
}

void TestGoAdapter::comments() {
  const FileModel m = extract(commentsSource());
  QCOMPARE(m.comments.size(), size_t(3));
  QCOMPARE(m.comments[1].text, QStringLiteral("/* two */"));
}

void TestGoAdapter::crossFileLinks() {
  // same package (same folder) through a package-level var, and another package
  // through its import path
  const QByteArray client = R"(package notify

import customerio "github.com/customerio/go-customerio/v3"

var Client = customerio.NewTrackClient("a", "b")
)";
  const QByteArray samePackage = R"(package notify

func Welcome(id string) error { return Client.Track(id, "welcomed", nil) }
)";
  const QByteArray otherPackage = R"(package web

import (
	"net/http"

	"github.com/acme/shop/internal/notify"
)

func handler(w http.ResponseWriter, r *http.Request) {
	notify.Client.Identify(r.FormValue("id"), map[string]interface{}{"email": "x"})
}
)";
  const FileModel other = extract(otherPackage, QStringLiteral("/src/shop/internal/web/handler.go"));
  QCOMPARE(other.pendingCalls.size(), size_t(1));
  QCOMPARE(other.imports.size(), size_t(1));
  QCOMPARE(other.imports[0].specifier, QStringLiteral("github.com/acme/shop/internal/notify"));
  QCOMPARE(other.imports[0].localName, QStringLiteral("notify.Client"));

  std::vector<FileModel> models{extract(client, QStringLiteral("/src/shop/internal/notify/client.go")),
                                extract(samePackage, QStringLiteral("/src/shop/internal/notify/welcome.go")),
                                other};
  QCOMPARE(models[0].exports.size(), size_t(1));
  QCOMPARE(models[1].pendingCalls.size(), size_t(1));
  QCOMPARE(models[1].imports[0].specifier, QStringLiteral("."));
  linkProject(models);
  QCOMPARE(models[1].calls.size(), size_t(1));
  QCOMPARE(models[1].calls[0].op, Operation::Track);
  QCOMPARE(models[2].calls.size(), size_t(1));
  QCOMPARE(models[2].calls[0].sdk, Sdk::Track);
  QVERIFY(models[2].inRequestPath(models[2].calls[0].functionId));
}

// cioauth.Verify(h) names a verifier of another package; that package's file defines it.
void TestGoAdapter::middlewareFromProjectPackage() {
  const FileModel route = extract("package main\nfunc main() { mux.Handle(\"/hook\", cioauth.Verify(h)) }\n");
  QCOMPARE(route.webhookSignature.verifierNames, QStringList{QStringLiteral("cioauth.Verify")});
  QVERIFY(!extract("package main\nfunc main() { mux.Handle(\"/x\", gzip.Wrap(h)) }\n")
               .webhookSignature.referencesVerifier());
  const FileModel pkg = extract("package cioauth\nfunc Verify(next http.Handler) http.Handler { return next }\n");
  QCOMPARE(pkg.webhookSignature.verifierDefinitions,
           (QStringList{QStringLiteral("Verify"), QStringLiteral("cioauth.Verify")}));
}

// Handlers registered for GET only are safeMethodsOnly; one also registered for POST is not.
void TestGoAdapter::getRoutes() {
  const QByteArray src = "package main\n"
                         "func list(c *gin.Context) {}\n"
                         "func both(c *gin.Context) {}\n"
                         "func std(w http.ResponseWriter, r *http.Request) {}\n"
                         "func any(w http.ResponseWriter, r *http.Request) {}\n"
                         "func main() {\n"
                         "  g.GET(\"/a\", list)\n  g.GET(\"/b\", both)\n  g.POST(\"/b\", both)\n"
                         "  http.HandleFunc(\"GET /s\", std)\n  http.HandleFunc(\"/t\", any)\n}\n";
  const FileModel m = extract(src);
  QMap<QString, bool> safe;
  for (const FunctionScope &f : m.functions) safe[f.name] = f.safeMethodsOnly;
  QVERIFY(safe.value(QStringLiteral("list")));
  QVERIFY(!safe.value(QStringLiteral("both")));
  QVERIFY(safe.value(QStringLiteral("std")));
  QVERIFY(!safe.value(QStringLiteral("any")));
}

QTEST_GUILESS_MAIN(TestGoAdapter)
#include "test_go_adapter.moc"
