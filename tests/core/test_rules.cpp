// The rules are language-neutral: they read the Customer.io model only. These tests
// build models by hand, so a rule's behaviour is pinned independently of any adapter.
#include "project/analyzer.h"
#include "project/config.h"
#include "project/manifests.h"
#include "findings/suppression.h"
#include "rules/facts.h"
#include "rules/rule.h"

#include <QRegularExpression>
#include <QtTest>

using namespace cio;

namespace {

Expr literal(const QString &value, quint32 at = 10) {
  Expr e;
  e.kind = ValueKind::StringLiteral;
  e.text = QLatin1Char('\'') + value + QLatin1Char('\'');
  e.stringValue = value;
  e.range = Range{at, at + static_cast<quint32>(e.text.size()), 0, at, 0, at + static_cast<quint32>(e.text.size())};
  e.contentRange = Range{at + 1, at + 1 + static_cast<quint32>(value.size()), 0, at + 1, 0, 0};
  return e;
}

Expr member(const QStringList &names) {
  Expr e;
  e.kind = ValueKind::Member;
  e.text = names.join(QLatin1Char('.'));
  e.names = names;
  return e;
}

Call call(Operation op, Sdk sdk = Sdk::Track) {
  Call c;
  c.op = op;
  c.sdk = sdk;
  return c;
}

QStringList ruleIds(const std::vector<FileModel> &models, bool wholeProject = false) {
  const AnalysisResult r = Analyzer().runRules(models, {}, wholeProject);
  QStringList ids;
  for (const Finding &f : r.findings) ids << f.ruleId;
  return ids;
}

FileModel fileWith(std::vector<Call> calls) {
  FileModel m;
  m.path = QStringLiteral("a.js");
  m.language = LanguageId::JavaScript;
  m.calls = std::move(calls);
  return m;
}

}  // namespace

class TestRules : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void registryIsSortedAndWellFormed() {
    QString previous;
    static const QRegularExpression idRe(QStringLiteral("^CIO\\d{3}$"));
    static const QRegularExpression nameRe(QStringLiteral("^[a-z]+(-[a-z]+)*$"));
    QVERIFY(builtinRules().size() >= 12);
    for (const auto &r : builtinRules()) {
      QVERIFY2(idRe.match(r->info().id).hasMatch(), qPrintable(r->info().id));
      QVERIFY2(nameRe.match(r->info().name).hasMatch(), qPrintable(r->info().name));
      QVERIFY2(previous < r->info().id, "rules must be registered sorted by id, each once");
      QVERIFY(!r->info().summary.isEmpty() && !r->info().summary.at(0).isUpper());
      previous = r->info().id;
    }
    QCOMPARE(findRule(QStringLiteral("millisecond-timestamp"))->info().id, QStringLiteral("CIO002"));
    QCOMPARE(findRule(QStringLiteral("cio004"))->info().name, QStringLiteral("email-as-id"));
    QVERIFY(!findRule(QStringLiteral("CIO999")));
  }

  // CIO014 reads two facts: the call returns a rejecting promise, and nobody handles it.
  void unhandledPromiseNeedsBothFacts() {
    Call c = call(Operation::Track);
    c.range = Range{0, 20, 0, 0, 0, 20};
    c.method = QStringLiteral("track");
    QCOMPARE(ruleIds({fileWith({c})}), QStringList{});  // no promise (Python, Ruby, Go, queues)
    c.returnsPromise = true;
    c.rejectionHandler = QStringLiteral(".catch(log)");
    const AnalysisResult r = Analyzer().runRules({fileWith({c})}, {}, false);
    QCOMPARE(r.findings.size(), size_t(1));
    QCOMPARE(r.findings[0].ruleId, QStringLiteral("CIO014"));
    QCOMPARE(r.findings[0].fixes.size(), size_t(1));
    QCOMPARE(r.findings[0].fixes[0].edits[0].range.startByte, quint32(20));  // appended after the call
    QCOMPARE(applyFix("cio.track('1', data);", r.findings[0].fixes[0]), QByteArray("cio.track('1', data).catch(log);"));
    c.promiseHandled = true;
    QCOMPARE(ruleIds({fileWith({c})}), QStringList{});
  }

  // CIO018: date objects anywhere (unless the SDK converts them), strings and fractions
  // only under timestamp keys, never for Data Pipelines.
  void nonUnixTimestampKeysAndConversions() {
    auto withAttr = [](const QString &key, TimeForm form, bool converts, Sdk sdk = Sdk::Track) {
      Call c = call(Operation::Track, sdk);
      Attribute a;
      a.key = key;
      a.value.kind = ValueKind::CallResult;
      a.value.text = QStringLiteral("x");
      a.value.timeForm = form;
      a.sdkConvertsDates = converts;
      c.attributes.push_back(a);
      return fileWith({c});
    };
    const QStringList one{QStringLiteral("CIO018")};
    QCOMPARE(ruleIds({withAttr(QStringLiteral("renews_at"), TimeForm::IsoString, false)}), one);
    QCOMPARE(ruleIds({withAttr(QStringLiteral("label"), TimeForm::IsoString, false)}), QStringList{});
    QCOMPARE(ruleIds({withAttr(QStringLiteral("trial_end"), TimeForm::DateObject, false)}), one);
    QCOMPARE(ruleIds({withAttr(QStringLiteral("renews_at"), TimeForm::DateObject, true)}), QStringList{});
    QCOMPARE(ruleIds({withAttr(QStringLiteral("timestamp"), TimeForm::FractionalSeconds, true)}), one);
    QCOMPARE(ruleIds({withAttr(QStringLiteral("renews_at"), TimeForm::IsoString, false, Sdk::Pipelines)}),
             QStringList{});
  }

  // CIO015 names the kind of credential and never repeats its value.
  void hardcodedCredentialIsNeverRepeated() {
    FileModel m = fileWith({});
    Client track;
    track.sdk = Sdk::Track;
    track.credentialArgs = {literal(QStringLiteral("a1b2c3d4e5f6a7b8c9d0")), member({"env", "KEY"})};
    Client app;
    app.sdk = Sdk::App;
    app.credentialArgs = {literal(QStringLiteral("YOUR_APP_API_KEY"))};
    Client pipelines;
    pipelines.sdk = Sdk::Pipelines;
    pipelines.credentialArgs = {literal(QStringLiteral("pK3xQ9aLmN7vB2cR8tY4"))};
    m.clients = {track, app, pipelines};
    const AnalysisResult r = Analyzer().runRules({m}, {}, false);
    QCOMPARE(r.findings.size(), size_t(1));
    QCOMPARE(r.findings[0].ruleId, QStringLiteral("CIO015"));
    QVERIFY(r.findings[0].message.contains(QLatin1String("site id")));
    QVERIFY(!r.findings[0].message.contains(QLatin1String("a1b2")));
  }

  // CIO016 reads the API key (not the site id) and where the file runs; the fix drops
  // the public prefix only in server code.
  void credentialInClientBundleKeysAndBrowserCode() {
    Client track;
    track.sdk = Sdk::Track;
    Expr key = member({"process", "env", "NEXT_PUBLIC_CIO_KEY"});
    key.range = Range{40, 71, 0, 40, 0, 71};
    track.credentialArgs = {member({"process", "env", "NEXT_PUBLIC_CIO_SITE_ID"}), key};
    FileModel m = fileWith({});
    m.clients = {track};
    AnalysisResult r = Analyzer().runRules({m}, {}, false);
    QCOMPARE(r.findings.size(), size_t(1));
    QCOMPARE(r.findings[0].ruleId, QStringLiteral("CIO016"));
    QVERIFY(r.findings[0].message.contains(QLatin1String("Next.js")));
    QCOMPARE(r.findings[0].fixes.size(), size_t(1));
    QCOMPARE(applyFix(QByteArray(40, ' ') + "process.env.NEXT_PUBLIC_CIO_KEY", r.findings[0].fixes[0]).trimmed(),
             QByteArray("process.env.CIO_KEY"));
    // A public site id next to a server-only key is fine.
    m.clients[0].credentialArgs[1] = member({"process", "env", "CIO_KEY"});
    QCOMPARE(ruleIds({m}), QStringList{});
    // The same client in browser code is reported, with no rename to offer.
    m.browserCode = QStringLiteral("starts with \"use client\"");
    r = Analyzer().runRules({m}, {}, false);
    QCOMPARE(r.findings.size(), size_t(1));
    QVERIFY(r.findings[0].fixes.empty());
    // Test files are never bundled; Pipelines write keys are public by design.
    m.path = QStringLiteral("src/signup.test.tsx");
    QCOMPARE(ruleIds({m}), QStringList{});
    m.path = QStringLiteral("src/signup.tsx");
    m.clients[0].sdk = Sdk::Pipelines;
    QCOMPARE(ruleIds({m}), QStringList{});
  }

  // CIO017: a route that reads the payload needs a signature check somewhere; a check
  // needs a constant-time compare and a bounded timestamp.
  void unverifiedWebhookNeedsACheckSomewhere() {
    FileModel route = fileWith({});
    route.path = QStringLiteral("routes/webhooks.js");
    FunctionScope handler;
    handler.id = 0;
    handler.requestHandler = true;
    route.functions = {handler};
    route.webhookReads = {WebhookRead{Range{5, 14, 1, 5, 1, 14}, 0, true}};
    const QStringList one{QStringLiteral("CIO017")};
    QCOMPARE(ruleIds({route}), one);
    QCOMPARE(ruleIds({route}, true), one);
    // Read outside a request handler (handed a verified event): nothing to report.
    FileModel helper = route;
    helper.webhookReads[0].functionId = -1;
    QCOMPARE(ruleIds({helper}), QStringList{});
    // A sound check in another file of the project (a middleware) covers the route.
    FileModel middleware = fileWith({});
    middleware.path = QStringLiteral("middleware/cio.js");
    middleware.webhookSignature.headerReads = {Range{0, 17, 0, 0, 0, 17}};
    middleware.webhookSignature.constantTimeCompare = true;
    middleware.webhookSignature.readsTimestamp = true;
    middleware.webhookSignature.timestampTolerance = true;
    QCOMPARE(ruleIds({route, middleware}, true), QStringList{});
    // A test that posts a signed fake request verifies nothing in production.
    FileModel signedTest = middleware;
    signedTest.path = QStringLiteral("test/webhooks.test.js");
    QCOMPARE(ruleIds({route, signedTest}, true), one);
    // A GET route (a dashboard over stored deliveries) receives no webhook.
    FileModel dashboard = route;
    dashboard.functions[0].safeMethodsOnly = true;
    QCOMPARE(ruleIds({dashboard}, true), QStringList{});
    // So does a verifier the route's file names.
    FileModel named = route;
    named.webhookSignature.verifierNames = {QStringLiteral("verifyCioSignature")};
    QCOMPARE(ruleIds({named}), QStringList{});
    // A named verifier (a concern it includes, a filter) outside the scan cannot be judged;
    // one the scan holds that reads no X-CIO-Signature verifies nothing.
    named.webhookSignature.verifierNames = {QStringLiteral("CustomerioSignature")};
    QCOMPARE(ruleIds({named}, true), QStringList{});
    FileModel idleConcern = fileWith({});
    idleConcern.path = QStringLiteral("app/controllers/concerns/customerio_signature.rb");
    idleConcern.webhookSignature.verifierDefinitions = {QStringLiteral("CustomerioSignature")};
    QCOMPARE(ruleIds({named, idleConcern}, true), one);
    FileModel soundConcern = idleConcern;
    soundConcern.webhookSignature.headerReads = middleware.webhookSignature.headerReads;
    soundConcern.webhookSignature.constantTimeCompare = true;
    soundConcern.webhookSignature.readsTimestamp = true;
    soundConcern.webhookSignature.timestampTolerance = true;
    QCOMPARE(ruleIds({named, soundConcern}, true), QStringList{});
    // The check itself: a plain compare (with its rewrite as a fix), then no tolerance.
    middleware.webhookSignature.plainCompares = {
        SignatureCompare{Range{20, 26, 1, 0, 1, 6}, QStringLiteral("ok(a, b)")}};
    middleware.webhookSignature.timestampTolerance = false;
    const AnalysisResult r = Analyzer().runRules({middleware}, {}, false);
    QCOMPARE(r.findings.size(), size_t(2));
    QVERIFY(r.findings[0].message.contains(QLatin1String("never bounds X-CIO-Timestamp")));
    QVERIFY(r.findings[1].message.contains(QLatin1String("plain equality")));
    QCOMPARE(r.findings[1].fixes.size(), size_t(1));
    QCOMPARE(r.findings[1].fixes[0].edits[0].replacement, QStringLiteral("ok(a, b)"));
  }

  // A verifier another file defines is found in a folder scan even when that file never
  // mentions Customer.io, and judged by what it does.
  void unverifiedWebhookFollowsTheVerifierIntoTheScan() {
    const auto cio017 = [](const std::vector<SourceFile> &files) {
      int n = 0;
      for (const Finding &f : Analyzer().analyzeFiles(files).findings)
        if (f.ruleId == QLatin1String("CIO017") && f.file == QLatin1String("main.go")) ++n;
      return n;
    };
    const QByteArray route =
        "package main\n"
        "import (\n\t\"encoding/json\"\n\t\"net/http\"\n\t\"example.com/shop/internal/cioauth\"\n)\n"
        "type event struct{ Metric string }\n"
        "func hook(w http.ResponseWriter, r *http.Request) {\n"
        "\tvar ev event\n\t_ = json.NewDecoder(r.Body).Decode(&ev)\n"
        "\tif ev.Metric == \"bounced\" {\n\t\tw.WriteHeader(200)\n\t}\n}\n"
        "func main() { http.Handle(\"/hook\", cioauth.Verify(http.HandlerFunc(hook))) }\n";
    const QByteArray idle =
        "package cioauth\n"
        "import \"net/http\"\n"
        "func Verify(next http.Handler) http.Handler { return next }\n";
    const QByteArray sound =
        "package cioauth\n"
        "import \"net/http\"\n"
        "func Verify(next http.Handler) http.Handler {\n"
        "\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n"
        "\t\tif r.Header.Get(\"X-CIO-Signature\") == \"\" {\n\t\t\treturn\n\t\t}\n"
        "\t\tnext.ServeHTTP(w, r)\n\t})\n}\n";
    const SourceFile main{QStringLiteral("main.go"), QStringLiteral("main.go"), route};
    const QString pkg = QStringLiteral("internal/cioauth/verify.go");
    QCOMPARE(cio017({main}), 0);  // the middleware is not in the scan
    QCOMPARE(cio017({main, SourceFile{pkg, pkg, idle}}), 1);
    QCOMPARE(cio017({main, SourceFile{pkg, pkg, sound}}), 0);  // (its missing timestamp is its own finding)
  }

  void millisecondsOnlyForSecondsApis() {
    Call track = call(Operation::Track);
    Expr clock;
    clock.kind = ValueKind::CallResult;
    clock.text = QStringLiteral("Date.now()");
    clock.millisecondClock = true;
    clock.secondsRewrite = QStringLiteral("Math.floor(Date.now() / 1000)");
    track.attributes.push_back({QStringLiteral("created_at"), {}, clock});
    QCOMPARE(ruleIds({fileWith({track})}), QStringList{QStringLiteral("CIO002")});
    Call pipelines = track;
    pipelines.sdk = Sdk::Pipelines;
    QVERIFY(ruleIds({fileWith({pipelines})}).isEmpty());
    Call notTimestamp = track;
    notTimestamp.attributes[0].key = QStringLiteral("plan");
    QVERIFY(ruleIds({fileWith({notTimestamp})}).isEmpty());
  }

  void piiNameWinsOverDynamicName() {
    Call t = call(Operation::Track);
    Expr name;
    name.kind = ValueKind::InterpolatedString;
    name.stringValue = QStringLiteral("signup_{}");
    name.names = QStringList{QStringLiteral("user"), QStringLiteral("email")};
    t.eventName = name;
    QCOMPARE(ruleIds({fileWith({t})}), QStringList{QStringLiteral("CIO012")});
    t.eventName->names = QStringList{QStringLiteral("plan"), QStringLiteral("name")};
    QCOMPARE(ruleIds({fileWith({t})}), QStringList{QStringLiteral("CIO006")});
  }

  void emailIdAndMissingEmail() {
    Call identify = call(Operation::Identify);
    identify.personId = member({QStringLiteral("user"), QStringLiteral("email")});
    identify.attributesFullyVisible = true;
    identify.attributes.push_back({QStringLiteral("email"), {}, member({QStringLiteral("user"), QStringLiteral("email")})});
    QCOMPARE(ruleIds({fileWith({identify})}), QStringList{QStringLiteral("CIO004")});
    identify.personId = member({QStringLiteral("user"), QStringLiteral("id")});
    identify.attributes.clear();
    QCOMPARE(ruleIds({fileWith({identify})}), QStringList{QStringLiteral("CIO005")});
    identify.attributesFullyVisible = false;  // a spread may carry the email
    QVERIFY(ruleIds({fileWith({identify})}).isEmpty());
  }

  void bounceHandlingNeedsTheWholeProject() {
    Call send = call(Operation::SendEmail, Sdk::App);
    QVERIFY(ruleIds({fileWith({send})}, false).isEmpty());
    QCOMPARE(ruleIds({fileWith({send})}, true), QStringList{QStringLiteral("CIO008")});
    FileModel webhook = fileWith({});
    webhook.path = QStringLiteral("webhooks.js");
    webhook.handlesBounceWebhook = true;
    QVERIFY(ruleIds({fileWith({send}), webhook}, true).isEmpty());
  }

  void nearDuplicateEventNames() {
    Call a = call(Operation::Track), b = call(Operation::Track), c = call(Operation::Track);
    a.eventName = literal(QStringLiteral("user_signed_up"), 10);
    b.eventName = literal(QStringLiteral("user_signed_up"), 40);
    c.eventName = literal(QStringLiteral("user_signedup"), 80);
    QCOMPARE(ruleIds({fileWith({a, b, c})}), QStringList{QStringLiteral("CIO010")});
    Call camel = call(Operation::Track);
    camel.eventName = literal(QStringLiteral("UserSignedUp"));
    const AnalysisResult r = Analyzer().runRules({fileWith({camel})}, {}, false);
    QCOMPARE(r.findings.size(), size_t(1));
    QCOMPARE(r.findings[0].fixes.at(0).edits.at(0).replacement, QStringLiteral("user_signed_up"));
  }

  void snakeCaseHelpers() {
    QCOMPARE(facts::toSnakeCase(QStringLiteral("UserSignedUp")), QStringLiteral("user_signed_up"));
    QCOMPARE(facts::toSnakeCase(QStringLiteral("Order Completed")), QStringLiteral("order_completed"));
    QCOMPARE(facts::toSnakeCase(QStringLiteral("user-signed-up")), QStringLiteral("user_signed_up"));
    QCOMPARE(facts::toSnakeCase(QStringLiteral("HTTPRequestSent")), QStringLiteral("http_request_sent"));
    QVERIFY(facts::isSnakeCase(QStringLiteral("order_completed_v2")));
    QVERIFY(!facts::isSnakeCase(QStringLiteral("orderCompleted")));
    QVERIFY(facts::isEmailName(QStringLiteral("userEmail")));
    QVERIFY(facts::isEmailName(QStringLiteral("EMAIL_ADDRESS")));
    QVERIFY(!facts::isEmailName(QStringLiteral("email_verified")));
    QVERIFY(facts::containsEmailAddress(QStringLiteral("signup_jane@example.com")));
    QVERIFY(facts::containsPhoneNumber(QStringLiteral("call_+447911123456")));
    QVERIFY(!facts::containsPhoneNumber(QStringLiteral("order_2024_10_01")));
  }

  void suppressionComments() {
    Comment c;
    c.text = QStringLiteral("// cio-lint-disable-next-line CIO002, email-as-id -- legacy import");
    c.range.startRow = 4;  // line 5
    const SuppressionSet set({c});
    Finding f;
    f.ruleId = QStringLiteral("CIO002");
    f.ruleName = QStringLiteral("millisecond-timestamp");
    f.line = 6;
    QVERIFY(set.suppresses(f));
    f.line = 7;
    QVERIFY(!set.suppresses(f));
    f.line = 6;
    f.ruleId = QStringLiteral("CIO006");
    f.ruleName = QStringLiteral("dynamic-event-name");
    QVERIFY(!set.suppresses(f));
    f.ruleId = QStringLiteral("CIO004");
    f.ruleName = QStringLiteral("email-as-id");
    QVERIFY(set.suppresses(f));
    Comment file;
    file.text = QStringLiteral("# cio-lint-disable-file CIO010");
    const SuppressionSet whole({file});
    f.ruleId = QStringLiteral("CIO010");
    f.line = 500;
    QVERIFY(whole.suppresses(f));

    // A mistyped id silences nothing (it used to silence every rule); no id at all, and a
    // comment's closing punctuation, still mean every rule.
    auto silences = [&](const QString &comment) {
      Comment typo;
      typo.text = comment;
      typo.range.startRow = 4;
      Finding g;
      g.ruleId = QStringLiteral("CIO002");
      g.ruleName = QStringLiteral("millisecond-timestamp");
      g.line = 6;
      return SuppressionSet({typo}).suppresses(g);
    };
    QVERIFY(!silences(QStringLiteral("// cio-lint-disable-next-line CIO0021")));
    QVERIFY(!silences(QStringLiteral("// cio-lint-disable-next-line CIO00 -- typo")));
    QVERIFY(!silences(QStringLiteral("# cio-lint-disable-next-line timestamp")));
    QVERIFY(!silences(QStringLiteral("// cio-lint-disable-next-line CIO999")));
    QVERIFY(silences(QStringLiteral("// cio-lint-disable-next-line")));
    QVERIFY(silences(QStringLiteral("/* cio-lint-disable-next-line */")));
    QVERIFY(silences(QStringLiteral("{/* cio-lint-disable-next-line -- generated */}")));
    QVERIFY(silences(QStringLiteral("/* cio-lint-disable-next-line CIO002 */")));
    QVERIFY(silences(QStringLiteral("// cio-lint-disable-next-line (cio002).")));
    QVERIFY(silences(QStringLiteral("// cio-lint-disable-next-line CIO004/CIO002")));
    QVERIFY(silences(QStringLiteral("// cio-lint-disable-next-line Millisecond-Timestamp")));
    const std::vector<Suppression> parsed =
        parseSuppressions(QStringLiteral("// cio-lint-disable-line CIO0021, CIO002"), 1);
    QCOMPARE(parsed.size(), size_t(1));
    QCOMPARE(parsed[0].unknown, QStringList{QStringLiteral("CIO0021")});
    QCOMPARE(parsed[0].rules.size(), 1);
  }

  // CIO019 reads request input that was not validated, in three places.
  void untrustedInputNeedsUncheckedRequestInput() {
    Expr input = member({"req", "body", "event"});
    input.requestInput = true;
    Call track = call(Operation::Track);
    track.eventName = input;
    const QStringList one{QStringLiteral("CIO019")};
    QCOMPARE(ruleIds({fileWith({track})}), one);
    track.eventName->validatedInput = true;  // an allow-list or a schema checked it
    QCOMPARE(ruleIds({fileWith({track})}), QStringList{});
    Call anonymous = call(Operation::TrackAnonymous);
    anonymous.personId = input;  // a cookie's anonymous id: what anonymous events take
    QCOMPARE(ruleIds({fileWith({anonymous})}), QStringList{});
    Call identify = call(Operation::Identify);
    identify.personId = input;  // webhooks and internal services carry ids: not reported
    QCOMPARE(ruleIds({fileWith({identify})}), QStringList{});
    identify.spreadAttributes.push_back(input);
    QCOMPARE(ruleIds({fileWith({identify})}), one);
    Call send = call(Operation::SendEmail, Sdk::App);
    send.attributes.push_back(Attribute{QStringLiteral("To"), {}, input, false});
    QCOMPARE(ruleIds({fileWith({send})}), one);
    send.attributes[0].key = QStringLiteral("subject");
    QCOMPARE(ruleIds({fileWith({send})}), QStringList{});
  }

  // CIO021 concludes from the whole project: an anonymous id somewhere, identify calls
  // that all show their attributes, none with anonymous_id.
  void anonymousActivityNeedsEveryIdentify() {
    // Only CIO021: the identify calls here send email, so CIO008 has its say too.
    const auto cio021 = [](const std::vector<FileModel> &models, bool wholeProject) {
      QStringList ids = ruleIds(models, wholeProject);
      ids.removeAll(QStringLiteral("CIO008"));
      return ids;
    };
    Call anonymous = call(Operation::TrackAnonymous);
    anonymous.anonymousId = member({"visitor", "id"});
    Call identify = call(Operation::Identify);
    identify.attributesFullyVisible = true;
    identify.attributes.push_back(Attribute{QStringLiteral("email"), {}, member({"user", "email"}), false});
    FileModel other = fileWith({identify});
    other.path = QStringLiteral("b.js");
    const QStringList one{QStringLiteral("CIO021")};
    QVERIFY(cio021({fileWith({anonymous}), other}, false).isEmpty());  // a snippet is no evidence
    QCOMPARE(cio021({fileWith({anonymous}), other}, true), one);
    QVERIFY(cio021({fileWith({anonymous})}, true).isEmpty());  // nobody identified here
    Call invite = anonymous;
    invite.anonymousId = literal(QString());
    QVERIFY(cio021({fileWith({invite}), other}, true).isEmpty());
    Call merging = identify;
    merging.attributes.push_back(Attribute{QStringLiteral("anonymous_id"), {}, member({"visitor", "id"}), false});
    QVERIFY(cio021({fileWith({anonymous}), other, fileWith({merging})}, true).isEmpty());
    // An identify with anonymous_id in a test merges nothing in production, and a test's
    // anonymous events are fake visitors.
    for (const char *test : {"tests/test_signup.py", "spec/signup_spec.rb", "signup_test.go", "signup.test.js",
                             "spec/support/identify_helpers.rb", "test/signup.js", "api/tests/helpers.py"}) {
      FileModel fake = fileWith({merging});
      fake.path = QString::fromLatin1(test);
      QCOMPARE(cio021({fileWith({anonymous}), other, fake}, true), one);
      fake.calls = {anonymous};
      QVERIFY(cio021({fake, other}, true).isEmpty());
    }
    // A test folder counts only within the scan: an absolute path is not a test for it.
    FileModel checkout = fileWith({merging});
    checkout.path = QStringLiteral("/home/me/tests/shop/signup.py");
    QVERIFY(cio021({fileWith({anonymous}), other, checkout}, true).isEmpty());
    Call hidden = identify;
    hidden.attributesFullyVisible = false;
    QVERIFY(cio021({fileWith({anonymous}), fileWith({hidden})}, true).isEmpty());
    const AnalysisResult r = Analyzer().runRules({fileWith({anonymous}), other}, {}, true);
    const auto f = std::find_if(r.findings.begin(), r.findings.end(),
                                [](const Finding &x) { return x.ruleId == QLatin1String("CIO021"); });
    QVERIFY(f != r.findings.end());
    QCOMPARE(f->file, QStringLiteral("a.js"));  // on the anonymous event
    QCOMPARE(f->related.size(), size_t(1));     // the identify to fix
    QCOMPARE(f->related[0].first, QStringLiteral("b.js"));
  }

  // CIO022 judges by the version a manifest names.
  void deprecatedSdkApiJudgesByVersion() {
    Call kwargs = call(Operation::Track);
    kwargs.method = QStringLiteral("track");
    kwargs.keywordEventData = true;
    FileModel py = fileWith({kwargs});
    py.path = QStringLiteral("a.py");
    py.language = LanguageId::Python;
    const QStringList one{QStringLiteral("CIO022")};
    QCOMPARE(ruleIds({py}), one);  // no version known: the current 3.x takes data=
    py.sdkVersion = QStringLiteral("==2.4.0");
    py.sdkVersionSource = QStringLiteral("requirements.txt");
    QVERIFY(ruleIds({py}).isEmpty());  // right for the pinned 2.x
    py.sdkVersion = QStringLiteral("3.0.0");
    const AnalysisResult r = Analyzer().runRules({py}, {}, false);
    QCOMPARE(r.findings.size(), size_t(1));
    QVERIFY(r.findings[0].message.contains(QLatin1String("customerio 3.0.0 (requirements.txt)")));

    FileModel go = fileWith({});
    go.path = QStringLiteral("main.go");
    go.language = LanguageId::Go;
    Client legacy;
    legacy.legacyConstructor = true;
    legacy.constructor = QStringLiteral("customerio.NewCustomerIO");
    legacy.range = Range{100, 140, 3, 10, 3, 50};
    go.clients = {legacy};
    AnalysisResult g = Analyzer().runRules({go}, {}, false);
    QCOMPARE(g.findings.size(), size_t(1));
    QCOMPARE(g.findings[0].fixes.size(), size_t(1));
    QCOMPARE(g.findings[0].fixes[0].edits[0].replacement, QStringLiteral("customerio.NewTrackClient"));
    QCOMPARE(g.findings[0].fixes[0].edits[0].range.endByte, quint32(100 + 24));
    go.sdkVersion = QStringLiteral("v1.0.0");
    go.sdkVersionSource = QStringLiteral("go.mod");
    g = Analyzer().runRules({go}, {}, false);
    QCOMPARE(g.findings.size(), size_t(1));
    QVERIFY(g.findings[0].fixes.empty());  // v1 has no NewTrackClient
  }

  // Manifests: lockfiles and requirement files, tolerant of noise and of other packages.
  void sdkVersionsFromManifests() {
    const auto js = LanguageId::JavaScript;
    QCOMPARE(sdkVersionInManifest(QStringLiteral("package-lock.json"),
                                  R"({"packages": {"": {"dependencies": {"customerio-node": "^3.4.0"}},
                                     "node_modules/customerio-node": {"version": "3.4.1", "license": "MIT"}}})",
                                  js),
             QStringLiteral("3.4.1"));
    QCOMPARE(sdkVersionInManifest(QStringLiteral("package-lock.json"),
                                  R"({"dependencies": {"customerio-node": {"version": "2.1.0"}}})", js),
             QStringLiteral("2.1.0"));
    QCOMPARE(sdkVersionInManifest(QStringLiteral("yarn.lock"),
                                  "customerio-node@^2.1.0:\n  version \"2.1.0\"\n  resolved \"x\"\n", js),
             QStringLiteral("2.1.0"));
    QCOMPARE(sdkVersionInManifest(QStringLiteral("pnpm-lock.yaml"), "packages:\n  /customerio-node@4.2.0:\n", js),
             QStringLiteral("4.2.0"));
    QCOMPARE(
        sdkVersionInManifest(QStringLiteral("package.json"), R"({"dependencies": {"customerio-node": "^3.0.0"}})", js),
        QStringLiteral("^3.0.0"));
    QCOMPARE(sdkVersionInManifest(QStringLiteral("package.json"), "{ not json", js), QString());
    const auto py = LanguageId::Python;
    QCOMPARE(sdkVersionInManifest(QStringLiteral("requirements.txt"),
                                  "customerio-cdp-analytics==1.0\ncustomerio==2.4.0  # pinned\n", py),
             QStringLiteral("==2.4.0"));
    QCOMPARE(sdkVersionInManifest(QStringLiteral("requirements.txt"), "Customerio>=3,<4\n", py),
             QStringLiteral(">=3,<4"));
    QCOMPARE(sdkVersionInManifest(QStringLiteral("requirements.txt"), "customerio\n", py), QStringLiteral("latest"));
    QCOMPARE(sdkVersionInManifest(QStringLiteral("requirements.txt"), "customerio-cdp-analytics\n", py), QString());
    QCOMPARE(sdkVersionInManifest(QStringLiteral("poetry.lock"),
                                  "[[package]]\nname = \"customerio\"\nversion = \"3.0.0\"\n", py),
             QStringLiteral("3.0.0"));
    QCOMPARE(sdkVersionInManifest(QStringLiteral("Gemfile.lock"),
                                  "GEM\n  specs:\n    customerio (5.0.0)\n      addressable\n", LanguageId::Ruby),
             QStringLiteral("5.0.0"));
    QCOMPARE(sdkVersionInManifest(QStringLiteral("go.mod"), "require github.com/customerio/go-customerio/v3 v3.11.0\n",
                                  LanguageId::Go),
             QStringLiteral("v3.11.0"));
    QCOMPARE(sdkMajorVersion(QStringLiteral("==2.4.0")), 2);
    QCOMPARE(sdkMajorVersion(QStringLiteral("^3.0.0")), 3);
    QCOMPARE(sdkMajorVersion(QStringLiteral("<3")), 2);
    QCOMPARE(sdkMajorVersion(QStringLiteral(">=3,<4")), 3);
    QCOMPARE(sdkMajorVersion(QStringLiteral("v1.0.0")), 1);
    QCOMPARE(sdkMajorVersion(QStringLiteral("latest")), -1);
  }

  void configParsing() {
    QString error;
    auto c = Config::parse("{\"rules\":{\"CIO010\":\"off\",\"email-as-id\":\"error\"},\"ignore\":[\"test/**\",\"*.spec.ts\"]}", &error);
    QVERIFY2(c, qPrintable(error));
    QVERIFY(!c->isEnabled(QStringLiteral("CIO010")));
    QCOMPARE(c->severityFor(QStringLiteral("CIO004"), Severity::Warning), Severity::Error);
    QVERIFY(c->isIgnored(QStringLiteral("test/a/b.js")));
    QVERIFY(c->isIgnored(QStringLiteral("src/x.spec.ts")));
    QVERIFY(!c->isIgnored(QStringLiteral("src/x.ts")));
    QVERIFY(!Config::parse("{\"rules\":{\"CIO099\":\"off\"}}", &error));
    QVERIFY(error.contains(QLatin1String("CIO099")));
    QVERIFY(!Config::parse("{not json", &error));
    QVERIFY(!Config::parse("{\"rules\":{\"CIO002\":\"loud\"}}", &error));
    QVERIFY(!Config::parse("{\"colour\":\"red\"}", &error));
  }
};

QTEST_GUILESS_MAIN(TestRules)
#include "test_rules.moc"
