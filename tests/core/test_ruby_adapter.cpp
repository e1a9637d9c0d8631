// The Ruby adapter's model facts, asserted directly (the fixtures check the rules on top).
#include "adapters/adapter.h"
#include "language/language.h"
#include "project/analyzer.h"

#include <QtTest>

// Declared before the test data: moc stops tokenising at raw string literals.
class TestRubyAdapter : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void clients();
  void callShapes();
  void handlersAndJobs();
  void loops();
  void millisecondClocks_data();
  void millisecondClocks();
  void localMillisecondVariable();
  void eventNames();
  void httpRequests();
  void bounceHandling();
  void verifierConcerns();
  void comments();
  void crossFile();
  void hostileNesting();
};

using namespace cio;

namespace {

FileModel extract(const QByteArray &source, const QString &path = QStringLiteral("app.rb")) {
  const Language &ruby = LanguageRegistry::byId(LanguageId::Ruby);
  Document doc(ruby, source);
  if (!doc.parse()) return FileModel{};
  return adapterFor(LanguageId::Ruby)->extract(doc, path);
}

const Call *callAt(const FileModel &m, const QString &method, int nth = 0) {
  for (const Call &c : m.calls)
    if (c.method == method && nth-- == 0) return &c;
  return nullptr;
}

const Attribute *attribute(const Call &c, const QString &key) {
  for (const Attribute &a : c.attributes)
    if (a.key == key) return &a;
  return nullptr;
}

// The expression facts of `value` written as a timestamp in an identify.
Expr timestampExpr(const QByteArray &value) {
  const FileModel m = extract("CIO = Customerio::Client.new(a, b)\nCIO.identify(id: 1, email: e, created_at: " + value +
                              ")\n");
  const Call *c = callAt(m, QStringLiteral("identify"));
  if (!c) return Expr{};
  const Attribute *a = attribute(*c, QStringLiteral("created_at"));
  return a ? a->value : Expr{};
}

Expr eventExpr(const QByteArray &name) {
  const FileModel m = extract("CIO = Customerio::Client.new(a, b)\nCIO.track(user.id, " + name + ")\n");
  const Call *c = callAt(m, QStringLiteral("track"));
  return c && c->eventName ? *c->eventName : Expr{};
}

}  // namespace

void TestRubyAdapter::clients() {
  const FileModel m = extract(R"(
$customerio = Customerio::Client.new(ENV["CIO_SITE_ID"], ENV.fetch("CIO_API_KEY"), region: Customerio::Regions::EU)
APP = Customerio::APIClient.new(ENV["CIO_APP_API_KEY"])
OLD = Customerio::Client.new("site", "secret", json: true)
module Cio
def self.client
  @client ||= Customerio::Client.new(a, b)
end
end
class Tracker
def initialize
  @cio = Customerio::Client.new(a, b)
end
end
class UsersController < ApplicationController
def create
  cio = Customerio::Client.new(a, b)
end
def memo
  @cio ||= Customerio::Client.new(a, b)
end
end
)");
  QCOMPARE(m.clients.size(), size_t(7));
  const Client &track = m.clients[0];
  QCOMPARE(track.sdk, Sdk::Track);
  QCOMPARE(track.region, QStringLiteral("eu"));
  QCOMPARE(track.credentialArgs.size(), size_t(2));
  QCOMPARE(track.credentialArgs[0].names, QStringList({"ENV", "CIO_SITE_ID"}));
  QCOMPARE(track.credentialArgs[1].names, QStringList({"ENV", "fetch", "CIO_API_KEY"}));
  QVERIFY(!track.insideFunction);
  QVERIFY(track.names.contains(QStringLiteral("$customerio")));

  QCOMPARE(m.clients[1].sdk, Sdk::App);
  QCOMPARE(m.clients[1].credentialArgs.size(), size_t(1));
  QVERIFY(m.clients[2].legacyConstructor);

  const Client &memo = m.clients[3];  // class-level memo: once per process
  QVERIFY(memo.insideFunction);
  QVERIFY(memo.cached);
  QVERIFY(memo.names.contains(QStringLiteral("Cio.client")));

  QVERIFY(m.clients[4].inConstructor);

  const Client &perAction = m.clients[5];
  QVERIFY(perAction.insideFunction);
  QVERIFY(!perAction.cached);
  QVERIFY(m.inRequestPath(perAction.functionId));

  const Client &controllerMemo = m.clients[6];  // a controller object lives one request
  QVERIFY(controllerMemo.insideFunction);
  QVERIFY(!controllerMemo.cached);

  QStringList exported;
  for (const ClientExport &e : m.exports) exported << e.exportedName;
  QVERIFY(exported.contains(QStringLiteral("$customerio")));
  QVERIFY(exported.contains(QStringLiteral("APP")));
  QVERIFY(exported.contains(QStringLiteral("Cio.client")));
}

void TestRubyAdapter::callShapes() {
  const FileModel m = extract(R"(
CIO = Customerio::Client.new(a, b)
API = Customerio::APIClient.new(k)
def go(user, attrs)
CIO.identify(id: user.id, :email => user.email, "plan" => "pro")
CIO.identify(customer_id: user.uuid, id: 5, **attrs)
CIO.identify(attrs)
CIO.track(user.id, :signed_up, { plan: "pro" }, timestamp: Time.now.to_i)
CIO.track_anonymous(anon_id, "visited", source: "ad")
CIO.anonymous_track("invited", recipient: "a@b.co")
CIO.pageview(user.id, "/pricing")
CIO.suppress(user.id)
request = Customerio::SendEmailRequest.new(to: user.email, identifiers: { id: user.id }, transactional_message_id: "1")
API.send_email(request)
Analytics.track(user_id: user.id, event: "Signed Up")
end
)");
  const Call *identify = callAt(m, QStringLiteral("identify"));
  QVERIFY(identify);
  QCOMPARE(identify->op, Operation::Identify);
  QCOMPARE(identify->personId->text, QStringLiteral("user.id"));
  QCOMPARE(identify->attributes.size(), size_t(3));
  QCOMPARE(identify->attributes[1].key, QStringLiteral("email"));
  QCOMPARE(identify->attributes[2].key, QStringLiteral("plan"));
  QVERIFY(identify->attributesFullyVisible);
  QVERIFY(identify->waitsForResult);

  const Call *splat = callAt(m, QStringLiteral("identify"), 1);
  QCOMPARE(splat->personId->text, QStringLiteral("user.uuid"));  // customer_id wins, as in the gem
  QVERIFY(!splat->attributesFullyVisible);
  QVERIFY(!callAt(m, QStringLiteral("identify"), 2)->attributesFullyVisible);

  const Call *track = callAt(m, QStringLiteral("track"));
  QCOMPARE(track->op, Operation::Track);
  QCOMPARE(track->eventName->kind, ValueKind::StringLiteral);
  QCOMPARE(track->eventName->stringValue, QStringLiteral("signed_up"));
  QVERIFY(attribute(*track, QStringLiteral("plan")));
  QVERIFY(attribute(*track, QStringLiteral("timestamp")));

  const Call *anon = callAt(m, QStringLiteral("track_anonymous"));
  QCOMPARE(anon->op, Operation::TrackAnonymous);
  QCOMPARE(anon->eventName->stringValue, QStringLiteral("visited"));
  QVERIFY(!anon->personId);
  QCOMPARE(callAt(m, QStringLiteral("anonymous_track"))->eventName->stringValue, QStringLiteral("invited"));
  QCOMPARE(callAt(m, QStringLiteral("pageview"))->op, Operation::Page);
  QCOMPARE(callAt(m, QStringLiteral("suppress"))->personId->text, QStringLiteral("user.id"));

  const Call *email = callAt(m, QStringLiteral("send_email"));
  QVERIFY(email);
  QCOMPARE(email->op, Operation::SendEmail);
  QCOMPARE(email->sdk, Sdk::App);
  QCOMPARE(email->personId->text, QStringLiteral("user.id"));
  QVERIFY(attribute(*email, QStringLiteral("to")));

  // Segment's Analytics is not a Customer.io client: never a call.
  for (const Call &c : m.calls) QVERIFY(c.clientId >= 0);
  QCOMPARE(m.calls.size(), size_t(9));
}

void TestRubyAdapter::handlersAndJobs() {
  const FileModel m = extract(R"(
class UsersController < ApplicationController
CIO = Customerio::Client.new(a, b)
def create
  CIO.track(1, "a")
  Thread.new { CIO.track(1, "b") }
end
private
def helper
  CIO.track(1, "c")
end
end
class SyncJob < ApplicationJob
def perform
  UsersController::CIO.track(1, "d")
end
end
class Worker
include Sidekiq::Job
def perform
end
end
post "/x" do
end
task sync: :environment do
end
)");
  auto fn = [&](const QString &name) -> const FunctionScope * {
    for (const FunctionScope &f : m.functions)
      if (f.name == name) return &f;
    return nullptr;
  };
  QVERIFY(fn(QStringLiteral("create"))->requestHandler);
  QVERIFY(!fn(QStringLiteral("helper"))->requestHandler);
  QVERIFY(fn(QStringLiteral("Thread.new"))->backgroundTask);
  QVERIFY(fn(QStringLiteral("POST \"/x\""))->requestHandler);
  QVERIFY(fn(QStringLiteral("task sync: :environment"))->backgroundTask);
  int backgroundPerforms = 0;
  for (const FunctionScope &f : m.functions)
    if (f.name == QLatin1String("perform") && f.backgroundTask) ++backgroundPerforms;
  QCOMPARE(backgroundPerforms, 2);

  QVERIFY(callAt(m, QStringLiteral("track"), 0)->waitsForResult);
  QVERIFY(m.inRequestPath(callAt(m, QStringLiteral("track"), 0)->functionId));
  QVERIFY(!callAt(m, QStringLiteral("track"), 1)->waitsForResult);  // thread
  const Call *fromJob = callAt(m, QStringLiteral("track"), 3);  // UsersController::CIO, qualified
  QVERIFY(fromJob && fromJob->clientId == 0 && !fromJob->waitsForResult);
}

void TestRubyAdapter::loops() {
  const FileModel m = extract(R"(
CIO = Customerio::Client.new(a, b)
users.each { |u| CIO.identify(id: u.id, email: u.email) }
User.find_each do |u|
CIO.identify(id: u.id, email: u.email)
sleep 0.1
end
for u in users do CIO.track(u.id, "x") end
users.each { |u| limiter.shift; CIO.track(u.id, "y") }
users.each_slice(100) { |s| CIO.batch(s) }
CIO.track(1, "z")
)");
  QVERIFY(callAt(m, QStringLiteral("identify"), 0)->inLoop);
  QVERIFY(!callAt(m, QStringLiteral("identify"), 0)->loopThrottled);
  QVERIFY(callAt(m, QStringLiteral("identify"), 1)->loopThrottled);
  QVERIFY(callAt(m, QStringLiteral("track"), 0)->inLoop);
  QVERIFY(!callAt(m, QStringLiteral("track"), 0)->loopThrottled);
  QVERIFY(callAt(m, QStringLiteral("track"), 1)->loopThrottled);
  QVERIFY(callAt(m, QStringLiteral("batch"))->loopThrottled);
  QVERIFY(!callAt(m, QStringLiteral("track"), 2)->inLoop);
}

void TestRubyAdapter::millisecondClocks_data() {
  QTest::addColumn<QByteArray>("value");
  QTest::addColumn<bool>("ms");
  QTest::addColumn<QString>("rewrite");
  QTest::newRow("to_f*1000 to_i") << QByteArray("(Time.now.to_f * 1000).to_i") << true << "Time.now.to_i";
  QTest::newRow("to_i*1000") << QByteArray("Time.now.to_i * 1000") << true << "Time.now.to_i";
  QTest::newRow("strftime %Q") << QByteArray("Time.now.strftime('%Q')") << true << "Time.now.to_i";
  QTest::newRow("strftime %Q to_i") << QByteArray("DateTime.now.strftime('%Q').to_i") << true << "DateTime.now.to_i";
  QTest::newRow("current round") << QByteArray("(Time.current.to_f * 1000).round") << true << "Time.current.to_i";
  QTest::newRow("clock_gettime") << QByteArray("Process.clock_gettime(Process::CLOCK_REALTIME, :millisecond)")
                                 << true << "Process.clock_gettime(Process::CLOCK_REALTIME, :second)";
  QTest::newRow("13 digits") << QByteArray("1_700_000_000_000") << true << "1700000000";
  QTest::newRow("attribute ms") << QByteArray("user.created_at.to_i * 1000") << true << "user.created_at.to_i";
  QTest::newRow("seconds") << QByteArray("Time.now.to_i") << false << "";
  QTest::newRow("floored") << QByteArray("(Time.now.to_f * 1000).to_i / 1000") << false << "";
  QTest::newRow("10 digits") << QByteArray("1700000000") << false << "";
  QTest::newRow("price") << QByteArray("(price.to_f * 1000).to_i") << false << "";
}
void TestRubyAdapter::millisecondClocks() {
  QFETCH(QByteArray, value);
  QFETCH(bool, ms);
  QFETCH(QString, rewrite);
  const Expr e = timestampExpr(value);
  QVERIFY(e.isValid());
  QCOMPARE(e.millisecondClock, ms);
  QCOMPARE(e.secondsRewrite, rewrite);
}

void TestRubyAdapter::localMillisecondVariable() {
  const FileModel m = extract(R"(
CIO = Customerio::Client.new(a, b)
def go(u)
ts = (Time.now.to_f * 1000).to_i
CIO.identify(id: u.id, email: u.email, created_at: ts)
end
)");
  QVERIFY(attribute(*callAt(m, QStringLiteral("identify")), QStringLiteral("created_at"))->value.millisecondClock);
}

void TestRubyAdapter::eventNames() {
  Expr e = eventExpr("\"signed_up_#{plan.name}\"");
  QCOMPARE(e.kind, ValueKind::InterpolatedString);
  QCOMPARE(e.stringValue, QStringLiteral("signed_up_{}"));
  QCOMPARE(e.names, QStringList({"plan", "name"}));

  e = eventExpr("'signed_up_#{plan}'");
  QCOMPARE(e.kind, ValueKind::StringLiteral);

  e = eventExpr(":SignedUp");
  QCOMPARE(e.kind, ValueKind::StringLiteral);
  QCOMPARE(e.stringValue, QStringLiteral("SignedUp"));
  QVERIFY(e.contentRange);
  QCOMPARE(e.contentRange->endByte - e.contentRange->startByte, quint32(8));

  e = eventExpr("\"order_\" + status");
  QCOMPARE(e.kind, ValueKind::Concatenation);
  QCOMPARE(e.stringValue, QStringLiteral("order_{}"));
  QCOMPARE(e.names, QStringList({"status"}));

  e = eventExpr("format(\"plan_%s_%d\", plan, n)");
  QCOMPARE(e.kind, ValueKind::FormatCall);
  QCOMPARE(e.stringValue, QStringLiteral("plan_{}_{}"));

  e = eventExpr("\"%s_clicked\" % button");
  QCOMPARE(e.kind, ValueKind::FormatCall);
  QCOMPARE(e.stringValue, QStringLiteral("{}_clicked"));

  e = eventExpr("event_name_for(order)");
  QCOMPARE(e.kind, ValueKind::CallResult);

  e = eventExpr("Events::SIGNED_UP");
  QCOMPARE(e.kind, ValueKind::Identifier);

  e = eventExpr("params[:event]");
  QCOMPARE(e.kind, ValueKind::Member);
  QCOMPARE(e.names, QStringList({"params", "event"}));
  QVERIFY(e.requestInput);

  e = eventExpr("\"plain\"");
  QCOMPARE(e.kind, ValueKind::StringLiteral);
  QVERIFY(e.contentRange);
  QCOMPARE(e.contentRange->endByte - e.contentRange->startByte, quint32(5));
}

void TestRubyAdapter::httpRequests() {
  const FileModel m = extract(R"(
def a
req = Net::HTTP::Put.new(URI("https://track.customer.io/api/v1/customers/1"))
req.basic_auth(site, key)
end
def b
HTTParty.post("https://api-eu.customer.io/v1/send/email", headers: { "Authorization" => "Bearer #{k}" })
end
C = Customerio::Client.new(a, b, url: "https://track-eu.customer.io")
)");
  QCOMPARE(m.httpRequests.size(), size_t(2));
  QCOMPARE(m.httpRequests[0].host, QStringLiteral("track.customer.io"));
  QCOMPARE(m.httpRequests[0].auth, HttpAuth::Basic);
  QCOMPARE(m.httpRequests[1].host, QStringLiteral("api-eu.customer.io"));
  QCOMPARE(m.httpRequests[1].auth, HttpAuth::Bearer);
}

void TestRubyAdapter::bounceHandling() {
  QVERIFY(extract("if payload[\"metric\"] == \"bounced\" then x end\n").handlesBounceWebhook);
  QVERIFY(extract("case e[\"event_type\"]\nwhen \"email_bounced\" then x\nend\n").handlesBounceWebhook);
  QVERIFY(!extract("puts \"bounced\"\n").handlesBounceWebhook);
  QVERIFY(extract("CIO = Customerio::Client.new(a, b)\npost '/webhooks/cio' do\n  CIO.suppress(params[:id])\nend\n")
              .handlesBounceWebhook);
}

// A concern a controller includes is named as a verifier; the concern's own file defines it.
void TestRubyAdapter::verifierConcerns() {
  const FileModel route = extract("class HooksController < ApplicationController\n  include CustomerioSignature\nend\n");
  QVERIFY(route.webhookSignature.referencesVerifier());
  QCOMPARE(route.webhookSignature.verifierNames, QStringList{QStringLiteral("CustomerioSignature")});
  QVERIFY(
      !extract("class A < ApplicationController\n  include Pagination\nend\n").webhookSignature.referencesVerifier());
  const FileModel concern =
      extract("module Concerns::CustomerioSignature\n  def verify_cio_signature\n  end\nend\n");
  QVERIFY(!concern.webhookSignature.referencesVerifier());
  QCOMPARE(concern.webhookSignature.verifierDefinitions,
           (QStringList{QStringLiteral("CustomerioSignature"), QStringLiteral("verify_cio_signature")}));
  const FileModel filter = extract("class A < ApplicationController\n  before_action :verify_cio_signature\nend\n");
  QCOMPARE(filter.webhookSignature.verifierNames, QStringList{QStringLiteral("verify_cio_signature")});
}

void TestRubyAdapter::comments() {
  const FileModel m = extract("# one\nx = 1 # two\n=begin\nthree\n=end\n");
  QCOMPARE(m.comments.size(), size_t(3));
  QCOMPARE(m.comments[0].text, QStringLiteral("# one"));
}

void TestRubyAdapter::crossFile() {
  const QByteArray init = "$customerio = Customerio::Client.new(ENV['A'], ENV['B'])\n"
                          "CIO_APP = Customerio::APIClient.new(ENV['K'])\n";
  const QByteArray controller = "class UsersController < ApplicationController\n"
                                "  def create\n"
                                "    $customerio.track(current_user.id, 'x')\n"
                                "    CIO_APP.send_email(req)\n"
                                "    Analytics.track(user_id: 1, event: 'y')\n"
                                "  end\nend\n";
  const QByteArray required = "require_relative '../lib/cio'\nclass A\n  def go\n    Cio.client.track(1, 'z')\n  end\nend\n";
  const QByteArray lib = "module Cio\n  def self.client\n    @client ||= Customerio::Client.new(a, b)\n  end\nend\n";
  const AnalysisResult r = Analyzer().analyzeFiles({SourceFile{"config/initializers/customerio.rb", {}, init},
                                                    SourceFile{"app/controllers/users_controller.rb", {}, controller},
                                                    SourceFile{"app/a.rb", {}, required},
                                                    SourceFile{"lib/cio.rb", {}, lib}});
  const FileModel *ctl = nullptr, *a = nullptr;
  for (const FileModel &m : r.models) {
    if (m.path.endsWith(QLatin1String("users_controller.rb"))) ctl = &m;
    if (m.path == QLatin1String("app/a.rb")) a = &m;
  }
  QVERIFY(ctl && a);
  QCOMPARE(ctl->calls.size(), size_t(2));
  QCOMPARE(ctl->calls[0].method, QStringLiteral("track"));
  QCOMPARE(ctl->calls[1].sdk, Sdk::App);
  QCOMPARE(ctl->pendingCalls.size(), size_t(1));  // Segment stays out
  QCOMPARE(a->imports.size(), size_t(1));
  QCOMPARE(a->imports[0].specifier, QStringLiteral("../lib/cio"));
  QCOMPARE(a->calls.size(), size_t(1));
}

// Deep nesting must neither overflow the stack nor go quadratic (tree-sitter's
// ts_node_parent is O(depth), so the adapter avoids ancestor walks per node).
void TestRubyAdapter::hostileNesting() {
  QElapsedTimer timer;
  timer.start();
  QByteArray loops = "CIO = Customerio::Client.new(a, b)\n";
  for (int i = 0; i < 400; ++i) loops += "users.each do |u|\n";
  loops += "CIO.track(u.id, \"x\")\n";
  for (int i = 0; i < 400; ++i) loops += "end\n";
  const FileModel m = extract(loops);
  QCOMPARE(m.calls.size(), size_t(1));
  QVERIFY(m.calls[0].inLoop);

  const QByteArray parens = "CIO = Customerio::Client.new(a, b)\nCIO.identify(id: 1, email: e, created_at: " +
                            QByteArray(3000, '(') + "x" + QByteArray(3000, ')') + ")\n";
  QCOMPARE(extract(parens).calls.size(), size_t(1));

  QByteArray chain = "CIO = Customerio::Client.new(a, b)\nCIO.identify(id: x";
  for (int i = 0; i < 3000; ++i) chain += ".to_i";
  chain += ", email: e)\n";
  QCOMPARE(extract(chain).calls.size(), size_t(1));
  // Generous: seconds only if something went quadratic again.
  QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(TestRubyAdapter)
#include "test_ruby_adapter.moc"
