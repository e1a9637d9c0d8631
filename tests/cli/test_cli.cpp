// cio-lint end to end: the real binary (QProcess) over tests/fixtures/projects/node-service
// and over nasty files generated at test time.
//
// The project's expected findings are written in its files as `// ruleid: CIO00X`
// comments directly above the line a finding starts on (as in tests/fixtures); every
// reported finding must be expected and every expectation reported.
#include "language/language.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

namespace {

struct Run {
  int code = -1;
  bool crashed = false;
  QByteArray out;
  QByteArray err;
};

QString linter() { return QStringLiteral(CIO_BIN_DIR "/cio-lint"); }
QString project() { return QStringLiteral(CIO_FIXTURES_DIR "/projects/node-service"); }

Run lint(const QStringList &args, const QString &cwd = QString(), const QStringList &env = {}) {
  QProcess p;
  if (!cwd.isEmpty()) p.setWorkingDirectory(cwd);
  QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
  e.remove(QStringLiteral("NO_COLOR"));
  for (const QString &kv : env) e.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
  p.setProcessEnvironment(e);
  p.start(linter(), args);
  Run r;
  if (!p.waitForStarted(10000)) {
    r.err = "cannot start " + linter().toUtf8();
    return r;
  }
  p.closeWriteChannel();
  // Generous: a hang (a FIFO opened, a symlink loop followed) shows as a timeout here.
  if (!p.waitForFinished(120000)) {
    p.kill();
    p.waitForFinished();
    r.err = "timed out";
    r.crashed = true;
    return r;
  }
  r.crashed = p.exitStatus() != QProcess::NormalExit;
  r.code = p.exitCode();
  r.out = p.readAllStandardOutput();
  r.err = p.readAllStandardError();
  return r;
}

QJsonObject parseJson(const QByteArray &bytes) {
  QJsonParseError e;
  const QJsonDocument doc = QJsonDocument::fromJson(bytes, &e);
  if (e.error != QJsonParseError::NoError) qWarning() << "not JSON:" << e.errorString() << bytes.left(300);
  return doc.object();
}

// "file:line:RULE" for every `ruleid:` comment in the supported files under `root`,
// except those whose relative path starts with one of `excluded`.
QSet<QString> expectedFindings(const QString &root, const QStringList &excluded) {
  static const QRegularExpression marker(QStringLiteral(R"(^\s*(?://|#)\s*ruleid:\s*((?:CIO\d{3}[\s,]*)+))"));
  static const QRegularExpression id(QStringLiteral(R"(CIO\d{3})"));
  QSet<QString> out;
  QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString path = it.next();
    const QString rel = QDir(root).relativeFilePath(path);
    if (!cio::LanguageRegistry::forPath(path).isValid()) continue;
    if (std::any_of(excluded.begin(), excluded.end(), [&](const QString &e) { return rel.startsWith(e); })) continue;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) continue;
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    QStringList pending;
    for (int i = 0; i < lines.size(); ++i) {
      const QString trimmed = lines[i].trimmed();
      const auto m = marker.match(lines[i]);
      if (m.hasMatch()) {
        auto ids = id.globalMatch(m.captured(1));
        while (ids.hasNext()) pending << ids.next().captured();
        continue;
      }
      if (trimmed.isEmpty() || trimmed.startsWith(QLatin1String("//")) || trimmed.startsWith(QLatin1Char('#')))
        continue;
      for (const QString &r : pending) out.insert(QStringLiteral("%1:%2:%3").arg(rel).arg(i + 1).arg(r));
      pending.clear();
    }
  }
  return out;
}

QSet<QString> reportedFindings(const QJsonObject &report) {
  QSet<QString> out;
  for (const QJsonValue &v : report.value("findings").toArray()) {
    const QJsonObject f = v.toObject();
    out.insert(QStringLiteral("%1:%2:%3")
                   .arg(f.value("file").toString())
                   .arg(f.value("line").toInt())
                   .arg(f.value("rule").toString()));
  }
  return out;
}

QString describe(const QSet<QString> &missing, const QSet<QString> &unexpected) {
  QStringList m(missing.begin(), missing.end()), u(unexpected.begin(), unexpected.end());
  m.sort();
  u.sort();
  return QStringLiteral("missing: [%1]\nunexpected: [%2]").arg(m.join(QLatin1String(", ")), u.join(QLatin1String(", ")));
}

void writeFile(const QString &path, const QByteArray &content) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile f(path);
  QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
  f.write(content);
}

bool copyTree(const QString &from, const QString &to) {
  QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString src = it.next();
    const QString dst = to + QLatin1Char('/') + QDir(from).relativeFilePath(src);
    QDir().mkpath(QFileInfo(dst).absolutePath());
    if (!QFile::copy(src, dst)) return false;
  }
  return true;
}

// A pitfall the JavaScript adapter and CIO002 must catch: a millisecond created_at.
const QByteArray kMillisecondIdentify =
    "const { TrackClient, RegionUS } = require('customerio-node');\n"
    "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, { region: "
    "RegionUS });\n"
    "function register(user) {\n"
    "  return cio.identify(user.id, { email: user.email, created_at: Date.now() });\n"
    "}\n"
    "module.exports = { register };\n";

// The rules and their default severities are fixed by the design (issue 11 adds CIO013+).
const QList<QStringList> kRules = {
    {"CIO001", "wrong-api-key", "error"},           {"CIO002", "millisecond-timestamp", "error"},
    {"CIO003", "track-before-identify", "error"},   {"CIO004", "email-as-id", "warning"},
    {"CIO005", "missing-email-attribute", "warning"}, {"CIO006", "dynamic-event-name", "warning"},
    {"CIO007", "blocking-call-in-request", "warning"}, {"CIO008", "no-bounce-handling", "warning"},
    {"CIO009", "client-per-request", "warning"},    {"CIO010", "inconsistent-event-name", "info"},
    {"CIO011", "no-rate-limit", "warning"},         {"CIO012", "pii-in-event-name", "error"},
    {"CIO013", "region-mismatch", "error"},         {"CIO014", "unhandled-promise", "error"},
    {"CIO015", "hardcoded-credential", "error"},    {"CIO016", "credential-in-client-bundle", "error"},
    {"CIO017", "unverified-webhook", "error"},      {"CIO018", "non-unix-timestamp", "warning"},
    {"CIO019", "untrusted-input", "warning"},       {"CIO020", "placeholder-id", "warning"},
    {"CIO021", "anonymous-activity-not-merged", "warning"}, {"CIO022", "deprecated-sdk-api", "info"},
};

}  // namespace

class TestCli : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { QVERIFY2(QFileInfo(linter()).isExecutable(), qPrintable(linter())); }

  void version() {
    const Run r = lint({QStringLiteral("--version")});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QByteArray("cio-lint " CIO_VERSION "\n"));
  }

  void help() {
    const Run r = lint({QStringLiteral("--help")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.startsWith("Usage: cio-lint [options] PATH..."));
    for (const char *s : {"--format", "--config", "--no-config", "--fail-on", "--max-file-size", "--list-rules",
                          "--explain", "--version", "Exit codes:", "Examples:", "cio-lint --format sarif ."})
      QVERIFY2(r.out.contains(s), s);
  }

  void usageErrors_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("no path") << QStringList() << "no PATH";
    QTest::newRow("unknown option") << QStringList{"--frobnicate", "."} << "frobnicate";
    QTest::newRow("bad format") << QStringList{"--format", "xml", "."} << "xml";
    QTest::newRow("bad fail-on") << QStringList{"--fail-on", "fatal", "."} << "fatal";
    QTest::newRow("bad size") << QStringList{"--max-file-size", "-5", "."} << "-5";
    QTest::newRow("config twice") << QStringList{"--config", "x.json", "--no-config", "."} << "--no-config";
    QTest::newRow("missing config") << QStringList{"--config", "/nonexistent/cio.json", "."} << "/nonexistent/cio.json";
    QTest::newRow("unknown rule") << QStringList{"--explain", "CIO999"} << "CIO999";
  }
  void usageErrors() {
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const Run r = lint(args, project());
    QCOMPARE(r.code, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains(mentions.toUtf8()), r.err.constData());
  }

  void listRules() {
    const Run r = lint({QStringLiteral("--list-rules")});
    QCOMPARE(r.code, 0);
    const QStringList lines = QString::fromUtf8(r.out).trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), kRules.size() + 1);  // a header, then one line per rule
    for (int i = 0; i < kRules.size(); ++i) {
      const QStringList cols = lines.at(i + 1).split(QLatin1Char(' '), Qt::SkipEmptyParts);
      QCOMPARE(cols.value(0), kRules[i][0]);
      QCOMPARE(cols.value(1), kRules[i][1]);
      QCOMPARE(cols.value(2), kRules[i][2]);
      QVERIFY2(cols.size() > 3, qPrintable(lines.at(i + 1)));  // a summary follows
    }
    const Run json = lint({QStringLiteral("--list-rules"), QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(json.code, 0);
    const QJsonArray arr = QJsonDocument::fromJson(json.out).array();
    QCOMPARE(arr.size(), kRules.size());
    QCOMPARE(arr.at(1).toObject().value("name").toString(), QStringLiteral("millisecond-timestamp"));
  }

  void explain() {
    for (const QString &rule : {QStringLiteral("CIO002"), QStringLiteral("cio002"), QStringLiteral("millisecond-timestamp")}) {
      const Run r = lint({QStringLiteral("--explain"), rule});
      QCOMPARE(r.code, 0);
      QVERIFY2(r.out.startsWith("CIO002 millisecond-timestamp (error)"), r.out.constData());
      // The lesson itself: its sections and the JavaScript example by default.
      QVERIFY(r.out.contains("WHAT IT IS"));
      QVERIFY(r.out.contains("WHY IT MATTERS"));
      QVERIFY(r.out.contains("HOW TO FIX IT"));
      QVERIFY(r.out.contains("Date.now()"));
    }
    const Run python = lint({QStringLiteral("--explain"), QStringLiteral("CIO002"), QStringLiteral("--lang"),
                             QStringLiteral("python")});
    QCOMPARE(python.code, 0);
    QVERIFY2(python.out.contains("time.time()"), python.out.constData());
    const Run unknown = lint({QStringLiteral("--explain"), QStringLiteral("CIO999")});
    QCOMPARE(unknown.code, 2);
    QVERIFY(unknown.err.contains("CIO999"));
  }

  // Every lesson in the source tree, in every language it has an example for, through
  // the real binary.
  void explainEveryLesson() {
    const QDir lessons(QStringLiteral(CIO_SOURCE_DIR "/lessons"));
    const QStringList folders = lessons.entryList({QStringLiteral("CIO*")}, QDir::Dirs, QDir::Name);
    QVERIFY(!folders.isEmpty());
    for (const QString &folder : folders) {
      const QString id = folder.section(QLatin1Char('-'), 0, 0);
      const QStringList languages = QDir(lessons.filePath(folder + QStringLiteral("/examples")))
                                        .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
      QVERIFY2(!languages.isEmpty(), qPrintable(folder));
      for (const QString &lang : languages) {
        const Run r = lint({QStringLiteral("--explain"), id, QStringLiteral("--lang"), lang});
        const QString where = folder + QLatin1Char('/') + lang;
        QVERIFY2(r.code == 0, qPrintable(where + QStringLiteral(": ") + QString::fromUtf8(r.err)));
        QVERIFY2(r.out.startsWith(id.toUtf8() + ' '), qPrintable(where));
        for (const char *heading : {"WHAT IT IS", "WHY IT MATTERS", "HOW TO FIX IT", "HOW CIO-PITFALLS DETECTS IT",
                                    "REFERENCES", "Wrong (wrong.", "Correct (correct."})
          QVERIFY2(r.out.contains(heading), qPrintable(where + QStringLiteral(": no ") + QLatin1String(heading)));
        QVERIFY2(!r.out.contains("this lesson has no"), qPrintable(where));  // the example asked for is there
        QVERIFY2(r.err.isEmpty(), r.err.constData());
      }
    }
  }

  // --lessons DIR overrides a built-in lesson for --explain and the rule titles.
  void lessonsFolderOverrides() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString src = QStringLiteral(CIO_SOURCE_DIR "/lessons/CIO009-client-per-request");
    const QString dst = tmp.filePath(QStringLiteral("CIO009-client-per-request"));
    QVERIFY(QDir().mkpath(dst));
    QFile json(src + QStringLiteral("/lesson.json"));
    QVERIFY(json.open(QIODevice::ReadOnly));
    QByteArray meta = json.readAll();
    QVERIFY(meta.contains("A new client for every call"));
    meta.replace("A new client for every call", "One client per process, edited");
    QFile out(dst + QStringLiteral("/lesson.json"));
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(meta);
    out.close();
    QFile md(dst + QStringLiteral("/lesson.md"));
    QVERIFY(md.open(QIODevice::WriteOnly));
    md.write("# One client per process, edited\n\n## What it is\n\nA local edit.\n");
    md.close();

    const Run r =
        lint({QStringLiteral("--lessons"), tmp.path(), QStringLiteral("--explain"), QStringLiteral("CIO009")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains("One client per process, edited"), r.out.constData());
    QVERIFY(r.out.contains("A local edit."));
    const Run list = lint({QStringLiteral("--lessons"), tmp.path(), QStringLiteral("--list-rules")});
    QCOMPARE(list.code, 0);
    QVERIFY(list.out.contains("One client per process, edited"));
    QVERIFY(list.out.contains("Timestamps in milliseconds"));  // the others stay built in
    // The same through the environment.
    const Run env = lint({QStringLiteral("--explain"), QStringLiteral("CIO009")}, QString(),
                         {QStringLiteral("CIO_LESSONS_PATH=") + tmp.path()});
    QVERIFY(env.out.contains("One client per process, edited"));

    const Run missing =
        lint({QStringLiteral("--lessons"), tmp.filePath(QStringLiteral("nope")), QStringLiteral("--list-rules")});
    QCOMPARE(missing.code, 2);
    QVERIFY2(missing.err.contains("is not a folder"), missing.err.constData());
  }

  void projectJson() {
    const Run r = lint({QStringLiteral("--format"), QStringLiteral("json"), project()});
    QVERIFY2(!r.crashed, r.err.constData());
    QCOMPARE(r.code, 1);
    const QJsonObject report = parseJson(r.out);
    QCOMPARE(report.value("tool").toString(), QStringLiteral("cio-lint"));
    QCOMPARE(report.value("version").toString(), QStringLiteral(CIO_VERSION));
    QCOMPARE(report.value("files_scanned").toInt(), 14);  // scripts/legacy is ignored by the config
    QCOMPARE(report.value("skipped").toArray().size(), 0);
    QCOMPARE(report.value("suppressed").toInt(), 1);      // the disable comment in account.ts

    const QSet<QString> expected = expectedFindings(project(), {QStringLiteral("scripts/legacy/")});
    QVERIFY(expected.size() >= 9);
    const QSet<QString> reported = reportedFindings(report);
    QVERIFY2(reported == expected, qPrintable(describe(expected - reported, reported - expected)));

    for (const QJsonValue &v : report.value("findings").toArray()) {
      const QJsonObject f = v.toObject();
      QVERIFY(!f.value("file").toString().startsWith(QLatin1Char('/')));
      QCOMPARE(f.value("lesson").toString(), f.value("rule").toString() + QLatin1Char('-') + f.value("name").toString());
      QVERIFY(f.value("column").toInt() >= 1);
      QVERIFY(f.value("end_line").toInt() >= f.value("line").toInt());
      QVERIFY(!f.value("message").toString().isEmpty());
      QVERIFY(f.value("fixes").isArray());
      // The project's config raises CIO004 to an error.
      if (f.value("rule").toString() == QLatin1String("CIO004"))
        QCOMPARE(f.value("severity").toString(), QStringLiteral("error"));
    }
    // Deterministic: the same bytes every time.
    QCOMPARE(lint({QStringLiteral("--format"), QStringLiteral("json"), project()}).out, r.out);
  }

  void projectWithoutConfig() {
    const Run r = lint({QStringLiteral("--no-config"), QStringLiteral("--format"), QStringLiteral("json"), project()});
    QCOMPARE(r.code, 1);
    const QJsonObject report = parseJson(r.out);
    QCOMPARE(report.value("files_scanned").toInt(), 15);
    const QSet<QString> expected = expectedFindings(project(), {});
    const QSet<QString> reported = reportedFindings(report);
    QVERIFY2(reported == expected, qPrintable(describe(expected - reported, reported - expected)));
    bool sawLegacy = false;
    for (const QJsonValue &v : report.value("findings").toArray()) {
      const QJsonObject f = v.toObject();
      sawLegacy = sawLegacy || f.value("file").toString().startsWith(QLatin1String("scripts/legacy/"));
      if (f.value("rule").toString() == QLatin1String("CIO004"))
        QCOMPARE(f.value("severity").toString(), QStringLiteral("warning"));
    }
    QVERIFY(sawLegacy);
  }

  void configFileOption() {
    QTemporaryDir tmp;
    // Every rule a warning, CIO006 off.
    QByteArray json = "{\"rules\": {";
    for (int i = 0; i < kRules.size(); ++i)
      json += (i ? ", \"" : "\"") + kRules[i][0].toUtf8() + (kRules[i][0] == QLatin1String("CIO006") ? "\": \"off\"" : "\": \"warning\"");
    json += "}}";
    writeFile(tmp.path() + QStringLiteral("/ci.json"), json);
    const QString config = tmp.path() + QStringLiteral("/ci.json");

    const Run r = lint({QStringLiteral("--config"), config, QStringLiteral("--format"), QStringLiteral("json"), project()});
    QCOMPARE(r.code, 1);
    const QJsonObject report = parseJson(r.out);
    // --config replaces the project's .cio-lint.json: scripts/legacy is scanned again.
    QCOMPARE(report.value("files_scanned").toInt(), 15);
    QVERIFY(!report.value("findings").toArray().isEmpty());
    for (const QJsonValue &v : report.value("findings").toArray()) {
      QCOMPARE(v.toObject().value("severity").toString(), QStringLiteral("warning"));
      QVERIFY(v.toObject().value("rule").toString() != QLatin1String("CIO006"));
    }
    // --fail-on compares against the configured severities.
    QCOMPARE(lint({QStringLiteral("--config"), config, QStringLiteral("--fail-on"), QStringLiteral("error"), project()}).code, 0);
    QCOMPARE(lint({QStringLiteral("--config"), config, QStringLiteral("--fail-on"), QStringLiteral("warning"), project()}).code, 1);
  }

  void failOn() {
    QCOMPARE(lint({project()}).code, 1);  // default: info, any finding fails
    QCOMPARE(lint({QStringLiteral("--fail-on"), QStringLiteral("info"), project()}).code, 1);
    QCOMPARE(lint({QStringLiteral("--fail-on"), QStringLiteral("error"), project()}).code, 1);  // CIO002 is an error
    QCOMPARE(lint({QStringLiteral("--fail-on"), QStringLiteral("none"), project()}).code, 0);

    // A clean file passes at every level.
    const QString clean = project() + QStringLiteral("/lib/customerio.js");
    for (const char *level : {"info", "warning", "error"}) {
      const Run r = lint({QStringLiteral("--fail-on"), QString::fromLatin1(level), clean});
      QCOMPARE(r.code, 0);
      QCOMPARE(r.out, QByteArray("no findings in 1 file\n"));
    }
  }

  void invalidConfig() {
    QTemporaryDir tmp;
    writeFile(tmp.path() + QStringLiteral("/app.js"), kMillisecondIdentify);
    writeFile(tmp.path() + QStringLiteral("/.cio-lint.json"), "{ \"rules\": { \"CIO002\": \"loud\" } }");
    Run r = lint({tmp.path()});
    QCOMPARE(r.code, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains(".cio-lint.json") && r.err.contains("CIO002"), r.err.constData());

    writeFile(tmp.path() + QStringLiteral("/.cio-lint.json"), "{ not json");
    r = lint({tmp.path()});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("invalid JSON"), r.err.constData());

    writeFile(tmp.path() + QStringLiteral("/.cio-lint.json"), "{ \"igonre\": [] }");
    r = lint({tmp.path()});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("igonre"), r.err.constData());

    // --no-config ignores the broken file.
    r = lint({QStringLiteral("--no-config"), tmp.path()});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.contains("app.js:4:") && r.out.contains("[CIO002]"), r.out.constData());
  }

  void projectText() {
    const Run r = lint({project()});
    QCOMPARE(r.code, 1);
    const QStringList lines = QString::fromUtf8(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(!r.out.contains('\x1b'));  // not a terminal: no colour
    static const QRegularExpression findingLine(
        QStringLiteral(R"(^[^:\s][^:]*:\d+:\d+: (error|warning|info): \S.* \[CIO\d{3}\]$)"));
    int findings = 0;
    for (const QString &l : lines) {
      if (l.startsWith(QLatin1String("    fix: "))) continue;
      if (findingLine.match(l).hasMatch()) ++findings;
    }
    QCOMPARE(findings, static_cast<int>(expectedFindings(project(), {QStringLiteral("scripts/legacy/")}).size()));
    static const QRegularExpression summary(
        QStringLiteral(R"(^\d+ findings? \(\d+ errors?, \d+ warnings?, \d+ info\) in 14 files, 1 suppressed$)"));
    QVERIFY2(summary.match(lines.last()).hasMatch(), qPrintable(lines.last()));

    const Run coloured = lint({QStringLiteral("--color"), QStringLiteral("always"), project()});
    QVERIFY(coloured.out.contains("\x1b["));
    QString plain = QString::fromUtf8(coloured.out);
    plain.remove(QRegularExpression(QStringLiteral("\x1b\\[[0-9;]*m")));
    QCOMPARE(plain.toUtf8(), r.out);
  }

  // Review reports: every finding of the JSON output appears in both, markup from the
  // scanned code is escaped.
  void projectReviewReports() {
    const QString mixed = QStringLiteral(CIO_FIXTURES_DIR "/projects/mixed-service");
    const Run json = lint({QStringLiteral("--format"), QStringLiteral("json"), mixed});
    const Run html = lint({QStringLiteral("--format"), QStringLiteral("html"), mixed});
    const Run md = lint({QStringLiteral("--format"), QStringLiteral("markdown"), mixed});
    QCOMPARE(html.code, json.code);
    QCOMPARE(md.code, json.code);
    QVERIFY(html.out.startsWith("<!DOCTYPE html>"));
    QVERIFY(!html.out.contains("<script"));
    QVERIFY(html.out.contains("&lt;script&gt;"));
    // Markdown: raw markup only inside indented code blocks, where it renders as text.
    for (const QByteArray &line : md.out.split('\n'))
      if (line.contains("<script")) QVERIFY2(line.startsWith("      "), line.constData());
    const QJsonArray findings = parseJson(json.out).value("findings").toArray();
    QVERIFY(findings.size() >= 5);
    for (const QJsonValue &v : findings) {
      const QJsonObject f = v.toObject();
      const QString file = f.value("file").toString(), rule = f.value("rule").toString();
      const QString line = QString::number(f.value("line").toInt());
      QVERIFY2(html.out.contains(QStringLiteral("%1 <b>%2</b>:%3").arg(rule, file.toHtmlEscaped(), line).toUtf8()),
               qPrintable(rule + QLatin1Char(' ') + file + QLatin1Char(':') + line));
      QVERIFY2(md.out.contains(QStringLiteral("%1 `%2:%3`").arg(rule, file, line).toUtf8()), qPrintable(file));
    }
    QVERIFY(md.out.contains("## Event catalogue"));
  }

  // A repository in four languages (Flask + Celery, Django, FastAPI, Rails + Sidekiq +
  // ActiveJob + rake, Go net/http + gin + a backfill command, a JS handler): every planted
  // pitfall is reported where it is and nothing elsewhere.
  void polyglotProject() {
    const QString shop = QStringLiteral(CIO_FIXTURES_DIR "/projects/polyglot-shop");
    const Run r = lint({QStringLiteral("--format"), QStringLiteral("json"), shop});
    QVERIFY2(!r.crashed, r.err.constData());
    QCOMPARE(r.code, 1);
    const QJsonObject report = parseJson(r.out);
    QCOMPARE(report.value("files_scanned").toInt(), 17);  // go.mod and README.md are not source
    QCOMPARE(report.value("skipped").toArray().size(), 0);

    const QSet<QString> expected = expectedFindings(shop, {});
    const QSet<QString> reported = reportedFindings(report);
    QVERIFY2(reported == expected, qPrintable(describe(expected - reported, reported - expected)));

    // Every rule but CIO008 (the Rails webhook reads `bounced`) is planted in each server
    // language, so each language proves the same rules.
    QMap<QString, QSet<QString>> rulesBySuffix;
    for (const QString &key : reported) {
      const QString file = key.section(QLatin1Char(':'), 0, 0);
      rulesBySuffix[file.section(QLatin1Char('.'), -1)].insert(key.section(QLatin1Char(':'), 2));
    }
    rulesBySuffix[QStringLiteral("rb")].unite(rulesBySuffix.take(QStringLiteral("rake")));
    for (const QString &suffix : {QStringLiteral("py"), QStringLiteral("rb"), QStringLiteral("go")}) {
      QStringList missing;
      for (const QStringList &rule : kRules)
        if (rule[0] <= QLatin1String("CIO012") && rule[0] != QLatin1String("CIO008") &&
            !rulesBySuffix.value(suffix).contains(rule[0]))
          missing << rule[0];  // the twelve catalogue rules; issue 11's rules have their own fixtures
      QVERIFY2(missing.isEmpty(), qPrintable(suffix + QStringLiteral(" lacks ") + missing.join(QLatin1Char(' '))));
    }
    QVERIFY(rulesBySuffix.value(QStringLiteral("js")).contains(QStringLiteral("CIO002")));

    // Scanned alone, a service without a bounce webhook gets CIO008 at its first
    // transactional send (before identify calls with an email), with the others as
    // related places; the Rails app handles bounces.
    const QJsonObject go = parseJson(lint({QStringLiteral("--format"), QStringLiteral("json"), shop + "/go_billing"}).out);
    QStringList bounce;
    for (const QJsonValue &v : go.value("findings").toArray())
      if (v.toObject().value("rule").toString() == QLatin1String("CIO008"))
        bounce << QStringLiteral("%1:%2").arg(v.toObject().value("file").toString()).arg(v.toObject().value("line").toInt());
    QCOMPARE(bounce, QStringList{QStringLiteral("main.go:88")});
    const QJsonObject rails =
        parseJson(lint({QStringLiteral("--format"), QStringLiteral("json"), shop + "/rails_store"}).out);
    for (const QJsonValue &v : rails.value("findings").toArray())
      QVERIFY(v.toObject().value("rule").toString() != QLatin1String("CIO008"));
    QVERIFY(rails.value("findings").toArray().size() >= 20);
  }

  void projectSarif() {
    const Run json = lint({QStringLiteral("--format"), QStringLiteral("json"), project()});
    const Run r = lint({QStringLiteral("--format"), QStringLiteral("sarif"), project()});
    QCOMPARE(r.code, 1);
    const QJsonObject root = parseJson(r.out);
    QCOMPARE(root.value("version").toString(), QStringLiteral("2.1.0"));
    QVERIFY(root.value("$schema").toString().contains(QLatin1String("sarif")));
    const QJsonObject run = root.value("runs").toArray().at(0).toObject();
    const QJsonObject driver = run.value("tool").toObject().value("driver").toObject();
    QCOMPARE(driver.value("name").toString(), QStringLiteral("cio-lint"));
    const QJsonArray rules = driver.value("rules").toArray();
    QCOMPARE(rules.size(), kRules.size());
    for (int i = 0; i < rules.size(); ++i) {
      const QJsonObject rule = rules.at(i).toObject();
      QCOMPARE(rule.value("id").toString(), kRules[i][0]);
      QCOMPARE(rule.value("name").toString(), kRules[i][1]);
      const QString level = kRules[i][2] == QLatin1String("info") ? QStringLiteral("note") : kRules[i][2];
      QCOMPARE(rule.value("defaultConfiguration").toObject().value("level").toString(), level);
    }
    const QJsonArray results = run.value("results").toArray();
    const QJsonArray findings = parseJson(json.out).value("findings").toArray();
    QCOMPARE(results.size(), findings.size());
    for (int i = 0; i < results.size(); ++i) {
      const QJsonObject res = results.at(i).toObject();
      const QJsonObject f = findings.at(i).toObject();
      QCOMPARE(res.value("ruleId").toString(), f.value("rule").toString());
      QCOMPARE(rules.at(res.value("ruleIndex").toInt()).toObject().value("id").toString(), res.value("ruleId").toString());
      const QJsonObject loc = res.value("locations").toArray().at(0).toObject().value("physicalLocation").toObject();
      const QString uri = loc.value("artifactLocation").toObject().value("uri").toString();
      QCOMPARE(uri, f.value("file").toString());
      QVERIFY(!uri.contains(QLatin1Char('\\')) && !uri.startsWith(QLatin1Char('/')));
      QCOMPARE(loc.value("region").toObject().value("startLine").toInt(), f.value("line").toInt());
      QCOMPARE(loc.value("region").toObject().value("startColumn").toInt(), f.value("column").toInt());
    }
  }

  void ignoredFilesInACopy() {
    // Files git ignores cannot be committed to the fixture: add them to a copy.
    QTemporaryDir tmp;
    QVERIFY(copyTree(project(), tmp.path()));
    const QString root = tmp.path();
    for (const char *p : {"/generated/client.js", "/dist/server.js", "/node_modules/customerio-node/lib/track.js",
                          "/src/seed.local.js", "/build/x.js", "/vendor/x.js", "/coverage/report.js"})
      writeFile(root + QString::fromLatin1(p), kMillisecondIdentify);
    const Run r = lint({QStringLiteral("--format"), QStringLiteral("json"), root});
    QCOMPARE(r.code, 1);
    const QJsonObject report = parseJson(r.out);
    QCOMPARE(report.value("files_scanned").toInt(), 14);
    const QSet<QString> expected = expectedFindings(project(), {QStringLiteral("scripts/legacy/")});
    const QSet<QString> reported = reportedFindings(report);
    QVERIFY2(reported == expected, qPrintable(describe(expected - reported, reported - expected)));

    // Without .gitignore handling the generated and *.local.js files count; the
    // dependency and build folders stay out regardless.
    const Run all = lint({QStringLiteral("--no-gitignore"), QStringLiteral("--format"), QStringLiteral("json"), root});
    const QJsonObject allReport = parseJson(all.out);
    QCOMPARE(allReport.value("files_scanned").toInt(), 17);
  }

  void severalFoldersFromTheProject() {
    // Paths as given, prefixed by their folder; lib/customerio.js still links to routes,
    // and the project's config is found in the current folder.
    const Run r = lint({QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("src"), QStringLiteral("lib")},
                       project());
    QCOMPARE(r.code, 1);
    const QJsonObject report = parseJson(r.out);
    QCOMPARE(report.value("files_scanned").toInt(), 14);
    const QSet<QString> expected = expectedFindings(project(), {QStringLiteral("scripts/")});
    const QSet<QString> reported = reportedFindings(report);
    QVERIFY2(reported == expected, qPrintable(describe(expected - reported, reported - expected)));
  }

  void missingPathStillReportsTheOthers() {
    // notifications.ts builds its own client, so it has a finding even analysed alone.
    const Run r = lint({QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("does-not-exist.js"),
                        QStringLiteral("src/services/notifications.ts")},
                       project());
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("does-not-exist.js: no such file or directory"), r.err.constData());
    const QJsonObject report = parseJson(r.out);
    QCOMPARE(report.value("files_scanned").toInt(), 1);
    bool sawFile = false;
    for (const QJsonValue &v : report.value("findings").toArray())
      sawFile = sawFile || v.toObject().value("file").toString() == QLatin1String("src/services/notifications.ts");
    QVERIFY(sawFile);
    QCOMPARE(report.value("skipped").toArray().at(0).toObject().value("file").toString(),
             QStringLiteral("does-not-exist.js"));
  }

  void badInput() {
    QTemporaryDir tmp;
    const QString d = tmp.path();
    writeFile(d + QStringLiteral("/good.js"), kMillisecondIdentify);
    writeFile(d + QStringLiteral("/binary.js"), QByteArray("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", 16) + QByteArray(4096, '\0'));
    writeFile(d + QStringLiteral("/latin1.js"), "const greeting = 'caf\xe9';\nmodule.exports = greeting;\n");
    writeFile(d + QStringLiteral("/utf16.js"), QByteArray("\xff\xfe" "c\0o\0n\0s\0t\0", 12));
    writeFile(d + QStringLiteral("/empty.js"), QByteArray());
    writeFile(d + QStringLiteral("/broken.ts"), "export function (: { = => ;;; }}}\nconst x = <<<>>>;\n" + kMillisecondIdentify);
    // A 6 MB minified bundle: over the 5 MiB default limit.
    QByteArray bundle = "!function(){";
    while (bundle.size() < 6 * 1024 * 1024) bundle += "var a=Date.now(),b={created_at:a};cio.identify(a,b);";
    bundle += "}();";
    writeFile(d + QStringLiteral("/bundle.min.js"), bundle);
    // Deep nesting: a recursive tree walk must not overflow the stack.
    writeFile(d + QStringLiteral("/deep.js"), "module.exports = " + QByteArray(5000, '[') + QByteArray(5000, ']') + ";\n");
    QVERIFY(QFile::link(QStringLiteral("loop.js"), d + QStringLiteral("/loop.js")));
    QVERIFY(QFile::link(QStringLiteral("."), d + QStringLiteral("/again")));
    QVERIFY(::mkfifo(QFile::encodeName(d + QStringLiteral("/pipe.js")).constData(), 0600) == 0);
    QDir().mkpath(d + QStringLiteral("/folder.js"));  // a directory with a source-like name
    const bool root = ::geteuid() == 0;
    if (!root) {
      writeFile(d + QStringLiteral("/locked.js"), kMillisecondIdentify);
      QFile::setPermissions(d + QStringLiteral("/locked.js"), QFileDevice::WriteOwner);
    }

    const Run r = lint({QStringLiteral("--format"), QStringLiteral("json"), d});
    QVERIFY2(!r.crashed, r.err.constData());
    QCOMPARE(r.code, 1);  // good.js and broken.ts
    const QJsonObject report = parseJson(r.out);
    QMap<QString, QString> skipped;
    for (const QJsonValue &v : report.value("skipped").toArray())
      skipped.insert(v.toObject().value("file").toString(), v.toObject().value("reason").toString());
    QCOMPARE(skipped.value("binary.js"), QStringLiteral("binary file"));
    QVERIFY2(skipped.value("latin1.js").startsWith(QLatin1String("invalid UTF-8")), qPrintable(skipped.value("latin1.js")));
    QVERIFY2(skipped.value("utf16.js").contains(QLatin1String("UTF-16")), qPrintable(skipped.value("utf16.js")));
    QVERIFY2(skipped.value("bundle.min.js").startsWith(QLatin1String("larger than")), qPrintable(skipped.value("bundle.min.js")));
    QCOMPARE(skipped.value("loop.js"), QStringLiteral("symbolic link loop"));
    QCOMPARE(skipped.value("again"), QStringLiteral("symbolic link loop"));
    QCOMPARE(skipped.value("pipe.js"), QStringLiteral("not a regular file (FIFO)"));
    if (!root) QVERIFY(skipped.value("locked.js").startsWith(QLatin1String("cannot read")));
    QVERIFY(!skipped.contains("good.js") && !skipped.contains("broken.ts") && !skipped.contains("empty.js") &&
            !skipped.contains("deep.js"));
    QCOMPARE(report.value("files_scanned").toInt(), 4);  // good, empty, broken (analysed despite errors), deep
    // ...and the broken file is named, so a reader knows its findings may be incomplete.
    QCOMPARE(report.value("syntax_errors").toArray(), QJsonArray({QStringLiteral("broken.ts")}));
    const QSet<QString> reported = reportedFindings(report);
    QVERIFY2(reported.contains(QStringLiteral("good.js:4:CIO002")), qPrintable(QStringList(reported.begin(), reported.end()).join(' ')));

    // Named explicitly: the FIFO and the binary are skipped, the rest analysed.
    const Run named = lint({QStringLiteral("--format"), QStringLiteral("json"), d + QStringLiteral("/pipe.js"),
                            d + QStringLiteral("/binary.js"), d + QStringLiteral("/good.js")});
    QVERIFY(!named.crashed);
    QCOMPARE(named.code, 1);
    const QJsonObject namedReport = parseJson(named.out);
    QCOMPARE(namedReport.value("files_scanned").toInt(), 1);
    QCOMPARE(namedReport.value("skipped").toArray().size(), 2);

    // A lower size limit skips what it must, and says so in text too.
    const Run small = lint({QStringLiteral("--max-file-size"), QStringLiteral("100"), d + QStringLiteral("/good.js")});
    QCOMPARE(small.code, 0);
    QVERIFY2(small.out.contains("good.js: skipped: larger than the 100-byte limit"), small.out.constData());
  }

  void unreadableFilesAndFolders() {
    // Permissions do not bind root, and CI runs as root: there the linter runs as
    // `nobody` through setpriv, so the unreadable cases are exercised for real.
    QStringList prefix;
    if (::geteuid() == 0) {
      const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
      if (setpriv.isEmpty()) QSKIP("running as root without setpriv: permissions cannot be tested");
      prefix = {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups")};
    }
    QTemporaryDir tmp;
    const QString d = tmp.path();
    QFile::setPermissions(d, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                 QFileDevice::ReadOther | QFileDevice::ExeOther | QFileDevice::ReadGroup |
                                 QFileDevice::ExeGroup);
    writeFile(d + QStringLiteral("/good.js"), kMillisecondIdentify);
    writeFile(d + QStringLiteral("/locked.js"), kMillisecondIdentify);
    QDir().mkpath(d + QStringLiteral("/sealed"));
    writeFile(d + QStringLiteral("/sealed/inside.js"), kMillisecondIdentify);
    QVERIFY(QFile::setPermissions(d + QStringLiteral("/good.js"), QFileDevice::ReadOwner | QFileDevice::ReadOther));
    QVERIFY(QFile::setPermissions(d + QStringLiteral("/locked.js"), QFileDevice::WriteOwner));
    QVERIFY(QFile::setPermissions(d + QStringLiteral("/sealed"), QFileDevice::WriteOwner));
    struct Restore {
      QString dir;
      ~Restore() { QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner); }
    } restore{d + QStringLiteral("/sealed")};
    const auto run = [&](const QStringList &args) {
      if (prefix.isEmpty()) return lint(args);
      const QStringList all = prefix + QStringList{linter()} + args;
      QProcess p;
      p.start(QStandardPaths::findExecutable(QStringLiteral("setpriv")), all);
      Run r;
      if (!p.waitForStarted(10000) || !p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        r.crashed = true;
        return r;
      }
      r.crashed = p.exitStatus() != QProcess::NormalExit;
      r.code = p.exitCode();
      r.out = p.readAllStandardOutput();
      r.err = p.readAllStandardError();
      return r;
    };

    // A folder walk: the unreadable file and folder are listed, the readable file analysed.
    const Run walk = run({QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--no-config"), d});
    QVERIFY2(!walk.crashed, walk.err.constData());
    QCOMPARE(walk.code, 1);
    const QJsonObject report = parseJson(walk.out);
    QMap<QString, QString> skipped;
    for (const QJsonValue &v : report.value("skipped").toArray())
      skipped.insert(v.toObject().value("file").toString(), v.toObject().value("reason").toString());
    QCOMPARE(skipped.value("locked.js"), QStringLiteral("cannot read: permission denied"));
    QCOMPARE(skipped.value("sealed"), QStringLiteral("cannot list folder: permission denied"));
    QCOMPARE(report.value("files_scanned").toInt(), 1);
    QVERIFY2(reportedFindings(report).contains(QStringLiteral("good.js:4:CIO002")), walk.out.constData());

    // Named explicitly: a file behind a folder that cannot be searched is an error (exit 2)
    // with the real reason, not "no such file"; the other path is still analysed.
    const Run named = run({QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--no-config"),
                           d + QStringLiteral("/sealed/inside.js"), d + QStringLiteral("/good.js")});
    QVERIFY(!named.crashed);
    QCOMPARE(named.code, 2);
    QVERIFY2(named.err.contains("sealed/inside.js: permission denied (a folder on the way cannot be searched)"),
             named.err.constData());
    QCOMPARE(parseJson(named.out).value("files_scanned").toInt(), 1);

    // An unreadable file named alone: skipped with its reason (documented: no exit-code change).
    const Run alone = run({QStringLiteral("--no-config"), d + QStringLiteral("/locked.js")});
    QVERIFY(!alone.crashed);
    QCOMPARE(alone.code, 0);
    QVERIFY2(alone.out.contains("locked.js: skipped: cannot read: permission denied"), alone.out.constData());
  }

  void unwritableOutputIsAnError() {
    if (!QFileInfo::exists(QStringLiteral("/dev/full"))) QSKIP("no /dev/full here");
    for (const QStringList &args : {QStringList{QStringLiteral("--version")},
                                    QStringList{QStringLiteral("--format"), QStringLiteral("json"), project()}}) {
      QProcess p;
      p.setStandardOutputFile(QStringLiteral("/dev/full"));
      p.start(linter(), args);
      QVERIFY(p.waitForFinished(120000));
      QCOMPARE(p.exitCode(), 2);
      QVERIFY(p.readAllStandardError().contains("cannot write"));
    }
  }

  void secretsAreMasked() {
    QTemporaryDir tmp;
    const QByteArray key = "0123456789abcdef0123456789abcdef";
    writeFile(tmp.path() + QStringLiteral("/keys.js"),
              "const { APIClient, TrackClient } = require('customerio-node');\n"
              "const track = new TrackClient('a1b2c3d4e5f6a7b8c9d0', '" + key + "');\n"
              "const api = new APIClient('" + key + "');\n"
              "async function go(user) {\n"
              "  await track.identify(user.email, { created_at: Date.now() });\n"
              "}\n"
              "module.exports = { track, api, go };\n");
    for (const char *format : {"text", "json", "sarif"}) {
      const Run r = lint({QStringLiteral("--format"), QString::fromLatin1(format), tmp.path()});
      QVERIFY(!r.crashed);
      QVERIFY2(!r.out.contains(key) && !r.out.contains("a1b2c3d4e5f6a7b8c9d0"), r.out.constData());
      QVERIFY(!r.err.contains(key));
    }
  }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
