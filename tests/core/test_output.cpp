// Report formats over hand-made findings: JSON shape, SARIF structure field by field,
// text lines, escaping, and credentials masked everywhere.
#include "findings/output.h"
#include "findings/report_html.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace cio;

namespace {

Range rangeAt(quint32 startByte, quint32 endByte, quint32 row, quint32 endRow) {
  Range r;
  r.startByte = startByte;
  r.endByte = endByte;
  r.startRow = row;
  r.endRow = endRow;
  return r;
}

Finding makeFinding(const QString &id, const QString &name, Severity severity, const QString &file, int line,
                    int column, const QString &message) {
  Finding f;
  f.ruleId = id;
  f.ruleName = name;
  f.severity = severity;
  f.file = file;
  f.line = line;
  f.column = column;
  f.endLine = line;
  f.endColumn = column + 10;
  f.message = message;
  f.lessonId = id + QLatin1Char('-') + name;
  f.range = rangeAt(100, 110, static_cast<quint32>(line - 1), static_cast<quint32>(line - 1));
  return f;
}

// Two findings (one with a fix, one project-level with a related place) and a skip.
Report sampleReport() {
  Report r;
  r.filesScanned = 7;
  r.suppressedCount = 1;
  Finding ms = makeFinding(QStringLiteral("CIO002"), QStringLiteral("millisecond-timestamp"), Severity::Error,
                           QStringLiteral("src/routes/signup.ts"), 16, 19,
                           QStringLiteral("created_at is in milliseconds; Customer.io expects seconds"));
  Fix fix;
  fix.title = QStringLiteral("convert to seconds with Math.floor(… / 1000)");
  fix.edits.push_back({rangeAt(200, 210, 15, 15), QStringLiteral("Math.floor(Date.now() / 1000)")});
  ms.fixes.push_back(fix);
  r.findings.push_back(ms);
  Finding pd = makeFinding(QStringLiteral("CIO010"), QStringLiteral("inconsistent-event-name"), Severity::Info,
                           QStringLiteral("src/my app/orders.ts"), 3, 1,
                           QStringLiteral("event name \"OrderPlaced\" is not snake_case"));
  pd.related.push_back({QStringLiteral("src/jobs/sync.ts"), 42});
  r.findings.push_back(pd);
  r.skipped.push_back({QStringLiteral("assets/logo.js"), QStringLiteral("binary file")});
  return r;
}

std::vector<RuleDescriptor> sampleRules() {
  RuleDescriptor a;
  a.id = QStringLiteral("CIO001");
  a.name = QStringLiteral("wrong-api-key");
  a.severity = Severity::Error;
  a.summary = QStringLiteral("the App API client is built with a Track API key, or the other way round");
  a.lessonId = QStringLiteral("CIO001-wrong-api-key");
  a.helpUri = lessonUri(a.lessonId);
  RuleDescriptor b;
  b.id = QStringLiteral("CIO002");
  b.name = QStringLiteral("millisecond-timestamp");
  b.severity = Severity::Error;
  b.summary = QStringLiteral("a millisecond clock is sent where Customer.io expects seconds");
  b.title = QStringLiteral("Timestamps are seconds, not milliseconds");
  b.lessonId = QStringLiteral("CIO002-millisecond-timestamp");
  b.helpUri = lessonUri(b.lessonId);
  return {a, b};
}

QJsonObject parseObject(const QByteArray &bytes) {
  QJsonParseError err;
  const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
  if (err.error != QJsonParseError::NoError) qWarning() << err.errorString() << bytes.left(400);
  return doc.object();
}

}  // namespace

class TestOutput : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void jsonShape() {
    const QByteArray bytes = formatJson(sampleReport());
    QVERIFY(bytes.startsWith("{\n  \"tool\": \"cio-lint\",\n  \"version\": "));
    QVERIFY(bytes.endsWith("}\n"));
    const QJsonObject root = parseObject(bytes);
    QCOMPARE(root.value("tool").toString(), QStringLiteral("cio-lint"));
    QCOMPARE(root.value("version").toString(), QStringLiteral(CIO_VERSION));
    QCOMPARE(root.value("files_scanned").toInt(), 7);
    QCOMPARE(root.value("suppressed").toInt(), 1);

    const QJsonArray findings = root.value("findings").toArray();
    QCOMPARE(findings.size(), 2);
    const QJsonObject f = findings.at(0).toObject();
    QCOMPARE(f.value("rule").toString(), QStringLiteral("CIO002"));
    QCOMPARE(f.value("name").toString(), QStringLiteral("millisecond-timestamp"));
    QCOMPARE(f.value("severity").toString(), QStringLiteral("error"));
    QCOMPARE(f.value("file").toString(), QStringLiteral("src/routes/signup.ts"));
    QCOMPARE(f.value("line").toInt(), 16);
    QCOMPARE(f.value("column").toInt(), 19);
    QCOMPARE(f.value("end_line").toInt(), 16);
    QCOMPARE(f.value("end_column").toInt(), 29);
    QCOMPARE(f.value("message").toString(),
             QStringLiteral("created_at is in milliseconds; Customer.io expects seconds"));
    QCOMPARE(f.value("lesson").toString(), QStringLiteral("CIO002-millisecond-timestamp"));
    for (const char *k : {"line", "column", "end_line", "end_column"}) QVERIFY(f.value(k).isDouble());

    const QJsonArray fixes = f.value("fixes").toArray();
    QCOMPARE(fixes.size(), 1);
    const QJsonObject fix = fixes.at(0).toObject();
    QCOMPARE(fix.value("title").toString(), QStringLiteral("convert to seconds with Math.floor(… / 1000)"));
    const QJsonArray edits = fix.value("edits").toArray();
    QCOMPARE(edits.size(), 1);
    const QJsonObject edit = edits.at(0).toObject();
    QCOMPARE(edit.value("start_byte").toInt(), 200);
    QCOMPARE(edit.value("end_byte").toInt(), 210);
    QCOMPARE(edit.value("start_line").toInt(), 16);
    QCOMPARE(edit.value("replacement").toString(), QStringLiteral("Math.floor(Date.now() / 1000)"));

    const QJsonObject second = findings.at(1).toObject();
    QCOMPARE(second.value("severity").toString(), QStringLiteral("info"));
    QVERIFY(second.value("fixes").isArray());
    QCOMPARE(second.value("fixes").toArray().size(), 0);
    const QJsonObject related = second.value("related").toArray().at(0).toObject();
    QCOMPARE(related.value("file").toString(), QStringLiteral("src/jobs/sync.ts"));
    QCOMPARE(related.value("line").toInt(), 42);

    const QJsonArray skipped = root.value("skipped").toArray();
    QCOMPARE(skipped.size(), 1);
    QCOMPARE(skipped.at(0).toObject().value("file").toString(), QStringLiteral("assets/logo.js"));
    QCOMPARE(skipped.at(0).toObject().value("reason").toString(), QStringLiteral("binary file"));
  }

  void jsonEmptyReport() {
    const QByteArray bytes = formatJson(Report{});
    QVERIFY(bytes.contains("\"findings\": []"));
    QVERIFY(bytes.contains("\"skipped\": []"));
    const QJsonObject root = parseObject(bytes);
    QCOMPARE(root.value("files_scanned").toInt(), 0);
    QVERIFY(root.value("findings").isArray());
  }

  void jsonEscaping() {
    Report r;
    const QString nasty = QStringLiteral("quote \" backslash \\ newline \n tab \t cr \r bell \x07 nul-ish \x01 ") +
                          QString::fromUtf8("é ünïcödé 😀 ") + QChar(0x2028) + QStringLiteral(" </script>");
    r.findings.push_back(makeFinding(QStringLiteral("CIO006"), QStringLiteral("dynamic-event-name"),
                                     Severity::Warning, QStringLiteral("src/we\"ird\\name.js"), 1, 1, nasty));
    r.skipped.push_back({QStringLiteral("odd\nname.js"), QStringLiteral("invalid UTF-8")});
    const QByteArray bytes = formatJson(r);
    QVERIFY(!bytes.contains('\x07'));
    QVERIFY(!bytes.contains('\x01'));
    QVERIFY(bytes.contains("\\u0007"));
    QVERIFY(bytes.contains("\\u2028"));
    QVERIFY(bytes.contains("😀"));  // non-ASCII stays UTF-8
    const QJsonObject root = parseObject(bytes);
    const QJsonObject f = root.value("findings").toArray().at(0).toObject();
    QCOMPARE(f.value("message").toString(), nasty);
    QCOMPARE(f.value("file").toString(), QStringLiteral("src/we\"ird\\name.js"));
    QCOMPARE(root.value("skipped").toArray().at(0).toObject().value("file").toString(),
             QStringLiteral("odd\nname.js"));
  }

  void sarifStructure() {
    const QJsonObject root = parseObject(formatSarif(sampleReport(), sampleRules()));
    QCOMPARE(root.value("$schema").toString(), QStringLiteral("https://json.schemastore.org/sarif-2.1.0.json"));
    QCOMPARE(root.value("version").toString(), QStringLiteral("2.1.0"));
    const QJsonArray runs = root.value("runs").toArray();
    QCOMPARE(runs.size(), 1);
    const QJsonObject run = runs.at(0).toObject();
    QCOMPARE(run.value("columnKind").toString(), QStringLiteral("unicodeCodePoints"));

    const QJsonObject driver = run.value("tool").toObject().value("driver").toObject();
    QCOMPARE(driver.value("name").toString(), QStringLiteral("cio-lint"));
    QCOMPARE(driver.value("version").toString(), QStringLiteral(CIO_VERSION));
    QVERIFY(driver.value("informationUri").toString().startsWith(QLatin1String("https://")));

    // The two given rules, then the one a finding used that the table lacked.
    const QJsonArray rules = driver.value("rules").toArray();
    QCOMPARE(rules.size(), 3);
    const QStringList ids = {QStringLiteral("CIO001"), QStringLiteral("CIO002"), QStringLiteral("CIO010")};
    for (int i = 0; i < rules.size(); ++i) {
      const QJsonObject rule = rules.at(i).toObject();
      QCOMPARE(rule.value("id").toString(), ids.at(i));
      QVERIFY(!rule.value("name").toString().isEmpty());
      QVERIFY(!rule.value("shortDescription").toObject().value("text").toString().isEmpty());
      QVERIFY(!rule.value("fullDescription").toObject().value("text").toString().isEmpty());
      QVERIFY(rule.value("helpUri").toString().startsWith(QLatin1String("https://")));
      QVERIFY(!rule.value("help").toObject().value("text").toString().isEmpty());
      const QString level = rule.value("defaultConfiguration").toObject().value("level").toString();
      QVERIFY2(level == QLatin1String("error") || level == QLatin1String("warning") || level == QLatin1String("note"),
               qPrintable(level));
    }
    const QJsonObject ms = rules.at(1).toObject();
    QCOMPARE(ms.value("name").toString(), QStringLiteral("millisecond-timestamp"));
    QCOMPARE(ms.value("shortDescription").toObject().value("text").toString(),
             QStringLiteral("Timestamps are seconds, not milliseconds"));
    QCOMPARE(ms.value("fullDescription").toObject().value("text").toString(),
             QStringLiteral("Timestamps are seconds, not milliseconds: a millisecond clock is sent where Customer.io "
                            "expects seconds"));
    QCOMPARE(ms.value("helpUri").toString(), lessonUri(QStringLiteral("CIO002-millisecond-timestamp")));
    QCOMPARE(ms.value("defaultConfiguration").toObject().value("level").toString(), QStringLiteral("error"));
    QCOMPARE(rules.at(2).toObject().value("defaultConfiguration").toObject().value("level").toString(),
             QStringLiteral("note"));

    const QJsonArray results = run.value("results").toArray();
    QCOMPARE(results.size(), 2);
    const QJsonObject r0 = results.at(0).toObject();
    QCOMPARE(r0.value("ruleId").toString(), QStringLiteral("CIO002"));
    QCOMPARE(r0.value("ruleIndex").toInt(), 1);
    QCOMPARE(rules.at(r0.value("ruleIndex").toInt()).toObject().value("id").toString(), QStringLiteral("CIO002"));
    QCOMPARE(r0.value("level").toString(), QStringLiteral("error"));
    QCOMPARE(r0.value("message").toObject().value("text").toString(),
             QStringLiteral("created_at is in milliseconds; Customer.io expects seconds"));
    const QJsonArray locations = r0.value("locations").toArray();
    QCOMPARE(locations.size(), 1);
    const QJsonObject phys = locations.at(0).toObject().value("physicalLocation").toObject();
    QCOMPARE(phys.value("artifactLocation").toObject().value("uri").toString(), QStringLiteral("src/routes/signup.ts"));
    QCOMPARE(phys.value("artifactLocation").toObject().value("uriBaseId").toString(), QStringLiteral("%SRCROOT%"));
    const QJsonObject region = phys.value("region").toObject();
    QCOMPARE(region.value("startLine").toInt(), 16);
    QCOMPARE(region.value("startColumn").toInt(), 19);
    QCOMPARE(region.value("endLine").toInt(), 16);
    QCOMPARE(region.value("endColumn").toInt(), 29);

    const QJsonArray fixes = r0.value("fixes").toArray();
    QCOMPARE(fixes.size(), 1);
    const QJsonObject fix = fixes.at(0).toObject();
    QCOMPARE(fix.value("description").toObject().value("text").toString(),
             QStringLiteral("convert to seconds with Math.floor(… / 1000)"));
    const QJsonObject change = fix.value("artifactChanges").toArray().at(0).toObject();
    QCOMPARE(change.value("artifactLocation").toObject().value("uri").toString(),
             QStringLiteral("src/routes/signup.ts"));
    const QJsonObject replacement = change.value("replacements").toArray().at(0).toObject();
    QCOMPARE(replacement.value("deletedRegion").toObject().value("byteOffset").toInt(), 200);
    QCOMPARE(replacement.value("deletedRegion").toObject().value("byteLength").toInt(), 10);
    QCOMPARE(replacement.value("insertedContent").toObject().value("text").toString(),
             QStringLiteral("Math.floor(Date.now() / 1000)"));

    const QJsonObject r1 = results.at(1).toObject();
    QCOMPARE(r1.value("ruleIndex").toInt(), 2);
    QCOMPARE(r1.value("level").toString(), QStringLiteral("note"));
    QVERIFY(!r1.contains("fixes"));
    // A space in a path is percent-encoded: the uri stays a valid relative reference.
    QCOMPARE(r1.value("locations").toArray().at(0).toObject().value("physicalLocation").toObject()
                 .value("artifactLocation").toObject().value("uri").toString(),
             QStringLiteral("src/my%20app/orders.ts"));
    const QJsonObject rel = r1.value("relatedLocations").toArray().at(0).toObject();
    QCOMPARE(rel.value("physicalLocation").toObject().value("artifactLocation").toObject().value("uri").toString(),
             QStringLiteral("src/jobs/sync.ts"));
    QCOMPARE(rel.value("physicalLocation").toObject().value("region").toObject().value("startLine").toInt(), 42);

    const QJsonObject invocation = run.value("invocations").toArray().at(0).toObject();
    QCOMPARE(invocation.value("executionSuccessful").toBool(), true);
    const QJsonObject note = invocation.value("toolExecutionNotifications").toArray().at(0).toObject();
    QCOMPARE(note.value("level").toString(), QStringLiteral("note"));
    QCOMPARE(note.value("message").toObject().value("text").toString(), QStringLiteral("skipped: binary file"));
  }

  void sarifEmptyRunIsStillValid() {
    const QJsonObject root = parseObject(formatSarif(Report{}, {}));
    const QJsonObject run = root.value("runs").toArray().at(0).toObject();
    QVERIFY(run.value("results").isArray());
    QCOMPARE(run.value("results").toArray().size(), 0);
    QVERIFY(run.value("tool").toObject().value("driver").toObject().value("rules").isArray());
  }

  void sarifUris_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("uri");
    QTest::newRow("plain") << "src/a.js" << "src/a.js";
    QTest::newRow("dot slash") << "./src/a.js" << "src/a.js";
    QTest::newRow("doubled slash") << "src//a.js" << "src/a.js";
    QTest::newRow("space and hash") << "my dir/a#1.js" << "my%20dir/a%231.js";
    QTest::newRow("non-ascii") << QString::fromUtf8("café/ü.py") << "caf%C3%A9/%C3%BC.py";
    QTest::newRow("absolute") << "/srv/app/x.rb" << "file:///srv/app/x.rb";
  }
  void sarifUris() {
    QFETCH(QString, path);
    QFETCH(QString, uri);
    QCOMPARE(sarifUri(path), uri);
  }

  void textFormat() {
    const QString text = QString::fromUtf8(formatText(sampleReport()));
    const QStringList lines = text.split(QLatin1Char('\n'));
    QCOMPARE(lines.at(0), QStringLiteral("src/routes/signup.ts:16:19: error: created_at is in milliseconds; "
                                         "Customer.io expects seconds [CIO002]"));
    QCOMPARE(lines.at(1), QStringLiteral("    fix: convert to seconds with Math.floor(… / 1000)"));
    QCOMPARE(lines.at(2),
             QStringLiteral("src/my app/orders.ts:3:1: info: event name \"OrderPlaced\" is not snake_case [CIO010]"));
    QCOMPARE(lines.at(3), QStringLiteral("assets/logo.js: skipped: binary file"));
    QCOMPARE(lines.at(4),
             QStringLiteral("2 findings (1 error, 0 warnings, 1 info) in 7 files, 1 skipped, 1 suppressed"));
    QCOMPARE(lines.size(), 6);  // trailing newline
    QVERIFY(!text.contains(QLatin1Char('\x1b')));
  }

  void textNoFindings() {
    Report r;
    r.filesScanned = 1;
    QCOMPARE(formatText(r), QByteArray("no findings in 1 file\n"));
  }

  void textColour() {
    TextOptions options;
    options.color = true;
    const QString text = QString::fromUtf8(formatText(sampleReport(), options));
    QVERIFY(text.contains(QStringLiteral("\x1b[1;31merror:\x1b[0m")));
    QVERIFY(text.contains(QStringLiteral("\x1b[1;36minfo:\x1b[0m")));
    // Stripped of escapes it reads exactly as without colour.
    QString plain = text;
    plain.remove(QRegularExpression(QStringLiteral("\x1b\\[[0-9;]*m")));
    QCOMPARE(plain, QString::fromUtf8(formatText(sampleReport())));
  }

  void maskSecrets_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("site id") << "new TrackClient('a1b2c3d4e5f6a7b8c9d0', key)" << "new TrackClient('a1b2****', key)";
    QTest::newRow("app key") << "key 0123456789abcdef0123456789abcdef used" << "key 0123**** used";
    QTest::newRow("upper hex") << "AB12CD34EF56AB78CD90" << "AB12****";
    QTest::newRow("ms timestamp stays") << "1700000000000 is in milliseconds" << "1700000000000 is in milliseconds";
    QTest::newRow("plain words stay") << "process.env.CUSTOMERIO_TRACK_API_KEY is a Track key"
                                      << "process.env.CUSTOMERIO_TRACK_API_KEY is a Track key";
    QTest::newRow("short hex stays") << "color deadbeef and cafe1234" << "color deadbeef and cafe1234";
    QTest::newRow("hex letters only stay") << "abcdefabcdefabcdefab" << "abcdefabcdefabcdefab";
    QTest::newRow("basic credentials") << "Authorization: Basic YTFiMmMzZDRlNWY2YTdiOGM5ZDA6c2VjcmV0"
                                       << "Authorization: Basic YTFi****";
    QTest::newRow("write key") << "new Analytics({ writeKey: 'pK3xQ9aLmN7vB2cR8tY4wZ1e' })"
                               << "new Analytics({ writeKey: 'pK3x****' })";
    QTest::newRow("camelCase identifier stays") << "sendTransactionalEmailForCampaignLaunch"
                                                << "sendTransactionalEmailForCampaignLaunch";
    QTest::newRow("two secrets") << "a1b2c3d4e5f6a7b8c9d0:0123456789abcdef0123456789abcdef"
                                 << "a1b2****:0123****";
  }
  void maskSecrets() {
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(cio::maskSecrets(input), expected);
  }

  void secretsNeverReachAnyFormat() {
    const QString key = QStringLiteral("0123456789abcdef0123456789abcdef");
    Report r;
    Finding f = makeFinding(QStringLiteral("CIO001"), QStringLiteral("wrong-api-key"), Severity::Error,
                            QStringLiteral("a.js"), 1, 1, QStringLiteral("App client built with the Track key '%1'").arg(key));
    Fix fix;
    fix.title = QStringLiteral("replace '%1' with process.env.CUSTOMERIO_APP_API_KEY").arg(key);
    fix.edits.push_back({rangeAt(0, 34, 0, 0), QStringLiteral("'%1'").arg(key)});
    f.fixes.push_back(fix);
    r.findings.push_back(f);
    ReviewReport review;
    review.title = QStringLiteral("t");
    review.report = r;
    // The code excerpt holds the key too.
    review.readSource = [key](const QString &) { return QStringLiteral("const k = '%1';\n").arg(key).toUtf8(); };
    for (const QByteArray &out : {formatText(r), formatJson(r), formatSarif(r, sampleRules()), formatHtml(review),
                                  formatMarkdown(review)}) {
      QVERIFY2(!out.contains(key.toLatin1()), out.constData());
      QVERIFY(out.contains("0123****"));
    }
  }

  void escapeControls_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << "user_signed_up\tx" << "user_signed_up\tx";
    QTest::newRow("terminal escape") << "a\x1b[2Jb\x07" << "a\\x1B[2Jb\\x07";
    QTest::newRow("line forged") << "x\r\nsrc/a.js:1:1: error: fake" << "x\\x0D\\x0Asrc/a.js:1:1: error: fake";
    QTest::newRow("DEL and C1") << QString::fromUtf8("a\x7f\xc2\x9b") << "a\\x7F\\x9B";
    QTest::newRow("non-ASCII letters stay") << QString::fromUtf8("caf\xc3\xa9 \xe3\x83\x95") << QString::fromUtf8("caf\xc3\xa9 \xe3\x83\x95");
  }
  void escapeControls() {
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(cio::escapeControls(input), expected);
  }

  void controlCharactersNeverReachAReport() {
    Report r;
    r.findings.push_back(makeFinding(QStringLiteral("CIO010"), QStringLiteral("inconsistent-event-name"), Severity::Info,
                                     QStringLiteral("src/\x1b[31mred\n.js"), 1, 1,
                                     QStringLiteral("event name 'a\x1b]0;owned\x07' is not snake_case")));
    r.skipped.push_back({QStringLiteral("bin/\x1b[2J.js"), QStringLiteral("binary file")});
    ReviewReport review;
    review.title = QStringLiteral("t\x1b");
    review.report = r;
    review.readSource = [](const QString &) { return QByteArray("track('a\x1b]0;owned\x07')\n"); };
    for (const QByteArray &out : {formatText(r), formatHtml(review), formatMarkdown(review)}) {
      QVERIFY2(!out.contains('\x1b') && !out.contains('\x07'), out.constData());
      QVERIFY2(out.contains("\\x1B"), out.constData());
    }
  }

  // Markdown is read raw as often as rendered: quotes stay quotes, markup is escaped
  // outside code spans, and a code span shows a path exactly (no entities inside it).
  void markdownReadsAsWritten() {
    Report r;
    r.findings.push_back(makeFinding(QStringLiteral("CIO006"), QStringLiteral("dynamic-event-name"), Severity::Warning,
                                     QStringLiteral("src/a&b`x.js"), 3, 1,
                                     QStringLiteral("event name \"order <b>\" built from a template")));
    r.skipped.push_back({QStringLiteral("``odd.js"), QStringLiteral("binary file")});
    ReviewReport review;
    review.title = QStringLiteral("t");
    review.report = r;
    const QString md = QString::fromUtf8(formatMarkdown(review));
    QVERIFY2(
        md.contains(QStringLiteral("CIO006 ``src/a&b`x.js:3`` — event name \"order &lt;b&gt;\" built from a template")),
        qPrintable(md));
    QVERIFY2(md.contains(QStringLiteral("- ``` ``odd.js ``` — binary file")), qPrintable(md));
    QVERIFY(!md.contains(QStringLiteral("&quot;")));
  }

  void ruleList() {
    const QString text = QString::fromUtf8(formatRuleList(sampleRules(), false));
    const QStringList lines = text.trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).startsWith(QLatin1String("ID ")));
    QVERIFY(lines.at(1).startsWith(QLatin1String("CIO001  wrong-api-key ")));
    QVERIFY(lines.at(2).contains(QLatin1String("  error     Timestamps are seconds, not milliseconds")));
    QJsonParseError err;
    const QJsonArray arr = QJsonDocument::fromJson(formatRuleList(sampleRules(), true), &err).array();
    QCOMPARE(err.error, QJsonParseError::NoError);
    QCOMPARE(arr.size(), 2);
    QCOMPARE(arr.at(1).toObject().value("id").toString(), QStringLiteral("CIO002"));
    QCOMPARE(arr.at(1).toObject().value("severity").toString(), QStringLiteral("error"));
    QCOMPARE(arr.at(0).toObject().value("title").toString(), sampleRules().at(0).summary);
  }
};

QTEST_GUILESS_MAIN(TestOutput)
#include "test_output.moc"
