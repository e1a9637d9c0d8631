// Hostile input: whatever lands in a scanned folder, the analyzer must not crash, hang or
// grow without bound. Every case ends in a normal result or a clear `skipped` reason, and
// the other files of the same scan are still analysed. Inputs are generated here, in a
// temporary folder, never committed. Cases that need cio-lint skip until it is built.
#include "findings/decisions.h"
#include "findings/suppression.h"
#include "language/language.h"
#include "project/analyzer.h"
#include "project/config.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>

#include <ctime>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace cio;

namespace {

// A file with Customer.io pitfalls on known lines (1-based): CIO002 on line 4 (the
// millisecond clock), CIO004 on line 6 (an email literal as the person id).
const QByteArray kJsPitfalls =
    "const { TrackClient } = require('customerio-node');\n"
    "const cio = new TrackClient(process.env.CIO_SITE_ID, process.env.CIO_TRACK_API_KEY);\n"
    "function placeOrder(user) {\n"
    "  cio.track(user.id, { name: 'order_placed', data: { created_at: Date.now() } });\n"
    "  // cio-lint-disable-next-line CIO005\n"
    "  cio.identify('jane@example.com', { email: 'jane@example.com', plan: 'pro' });\n"
    "}\n";

const QByteArray kPyPitfalls =
    "from customerio import CustomerIO\n"
    "import time\n"
    "cio = CustomerIO(site_id, api_key)\n"
    "def place_order(user):\n"
    "    cio.track(customer_id=user.id, name='order_placed', created_at=int(time.time() * 1000))\n"
    "    cio.identify(id='jane@example.com', email='jane@example.com')\n";

// Makes the folder scan parse a file (files that mention neither Customer.io nor an
// import are not parsed at all).
const QByteArray kJsPrelude = "const cio = require('customerio-node');\n";

qint64 peakRssMiB() {
  struct rusage u {};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;  // Linux reports KiB
}

QString skipReason(const AnalysisResult &r, const QString &file) {
  for (const SkippedFile &s : r.skipped)
    if (s.file == file) return s.reason;
  return QString();
}

QList<int> findingLines(const AnalysisResult &r) {
  QList<int> lines;
  for (const Finding &f : r.findings) lines << f.line;
  return lines;
}

QStringList findingKeys(const AnalysisResult &r) {
  QStringList keys;
  for (const Finding &f : r.findings)
    keys << QStringLiteral("%1:%2:%3").arg(f.ruleId).arg(f.line).arg(f.column);
  return keys;
}

QByteArray repeated(const QByteArray &unit, int times) {
  QByteArray out;
  out.reserve(unit.size() * times);
  for (int i = 0; i < times; ++i) out.append(unit);
  return out;
}

// Deterministic pseudo-random bytes (a fixed seed keeps failures reproducible).
QByteArray noise(qsizetype size, quint32 seed) {
  QRandomGenerator gen(seed);
  QByteArray out(size, Qt::Uninitialized);
  for (qsizetype i = 0; i < size; ++i) out[i] = static_cast<char>(gen.bounded(256));
  return out;
}

// How long the slowest hostile case may take on the 2-core CI machine (generous: the
// point is "bounded", and a hang would hit the ctest timeout instead of a clear message).
// Measured in CPU time of the process, like the parse limit: a machine busy with other
// builds stretches the wall clock, not the work, and must not fail the suite.
constexpr qint64 kCaseBudgetMs = 60'000;

class CpuTimer {
 public:
  void start() { m_start = std::clock(); }
  qint64 elapsed() const { return static_cast<qint64>((std::clock() - m_start) * 1000.0 / CLOCKS_PER_SEC); }

 private:
  std::clock_t m_start = std::clock();
};

}  // namespace

class TestHostile : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  Analyzer m_analyzer;

  QString write(const QString &relative, const QByteArray &bytes) {
    const QString path = m_dir.filePath(relative);
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) qFatal("cannot write %s", qPrintable(path));
    f.write(bytes);
    return path;
  }

  // Scans `paths` plus one healthy file with a pitfall, and checks the healthy file still
  // got its finding: one bad file must never cost the others their analysis.
  AnalysisResult scanWithHealthyNeighbour(const QStringList &paths, const Analyzer &analyzer) {
    const QString healthy = write(QStringLiteral("healthy/neighbour.js"), kJsPitfalls);
    std::vector<SourceFile> files;
    for (const QString &p : paths) files.push_back({p, p, std::nullopt});
    files.push_back({healthy, healthy, std::nullopt});
    CpuTimer t;
    t.start();
    AnalysisResult r = analyzer.analyzeFiles(files);
    const qint64 ms = t.elapsed();
    if (ms > kCaseBudgetMs) qWarning("scan took %lld ms", ms);
    [&] { QVERIFY2(ms <= kCaseBudgetMs, qPrintable(QStringLiteral("scan took %1 ms").arg(ms))); }();
    const AnalysisResult alone = analyzer.analyzeFiles({{healthy, healthy, std::nullopt}});
    // Project-level rules (CIO008 reports on one of the files that send email, CIO010
    // compares names across files) may legitimately move with other files: per-file only.
    const auto perFile = [](const Finding &f) {
      return f.ruleId != QLatin1String("CIO008") && f.ruleId != QLatin1String("CIO010");
    };
    QStringList expected, got;
    for (const Finding &f : alone.findings)
      if (perFile(f)) expected << f.ruleId + QString::number(f.line);
    for (const Finding &f : r.findings)
      if (f.file == healthy && perFile(f)) got << f.ruleId + QString::number(f.line);
    [&] { QCOMPARE(got, expected); }();
    [&] { QVERIFY(skipReason(r, healthy).isEmpty()); }();
    return r;
  }
  AnalysisResult scanWithHealthyNeighbour(const QStringList &paths) {
    return scanWithHealthyNeighbour(paths, m_analyzer);
  }

  // cio-lint, once it can scan (the skeleton's placeholder prints its version only).
  static QString lintBinary() {
    static const QString found = [] {
      const QString path = QStringLiteral(CIO_BIN_DIR "/cio-lint");
      if (!QFileInfo(path).isExecutable()) return QString();
      QTemporaryDir empty;
      QProcess p;
      p.start(path, {QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--no-config"), empty.path()});
      if (!p.waitForFinished(30'000)) return QString();
      return QJsonDocument::fromJson(p.readAllStandardOutput()).object().contains(QStringLiteral("files_scanned"))
                 ? path
                 : QString();
    }();
    return found;
  }

  // Runs cio-lint with a deadline; a hang kills it and fails the test.
  static QJsonObject runLint(const QStringList &args, int *exitCode, const QString &wrapper = QString(),
                             const QStringList &wrapperArgs = {}) {
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    if (wrapper.isEmpty()) {
      p.start(lintBinary(), args);
    } else {
      // LeakSanitizer cannot run under ptrace (strace) in the sanitizer build.
      QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
      const QString asan = env.value(QStringLiteral("ASAN_OPTIONS"));
      env.insert(QStringLiteral("ASAN_OPTIONS"),
                 asan.isEmpty() ? QStringLiteral("detect_leaks=0") : asan + QStringLiteral(":detect_leaks=0"));
      p.setProcessEnvironment(env);
      p.start(wrapper, wrapperArgs + QStringList{lintBinary()} + args);
    }
    if (!p.waitForFinished(120'000)) {
      p.kill();
      p.waitForFinished();
      *exitCode = -1;
      return {};
    }
    *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
  }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void emptyFiles() {
    QStringList paths;
    for (const char *ext : {"js", "mjs", "ts", "tsx", "py", "rb", "go"})
      paths << write(QStringLiteral("empty/empty.%1").arg(QLatin1String(ext)), QByteArray());
    const AnalysisResult r = scanWithHealthyNeighbour(paths);
    QVERIFY(r.skipped.empty());
    QCOMPARE(r.filesScanned, int(paths.size()) + 1);
    for (const Language &l : LanguageRegistry::all()) {
      const AnalysisResult one = m_analyzer.analyzeSource(QStringLiteral("empty"), QByteArray(), l);
      QVERIFY(one.skipped.empty());
      QVERIFY(one.findings.empty());
    }
  }

  void hugeMinifiedBundleIsSkippedBySize() {
    // 50 MB, one line: the size check stops it before it is read.
    const QByteArray unit = "var a=require('customerio-node');a.track(u,{name:'x',data:{t:Date.now()}});";
    QByteArray big = repeated(unit, 50 * 1000 * 1000 / int(unit.size()) + 1);
    const QString path = write(QStringLiteral("bundle/app.min.js"), big);
    const AnalysisResult r = scanWithHealthyNeighbour({path});
    QVERIFY2(skipReason(r, path).startsWith(QLatin1String("larger than the 5242880-byte limit")),
             qPrintable(skipReason(r, path)));
    // The in-memory path has the same limit.
    const AnalysisResult mem =
        m_analyzer.analyzeSource(QStringLiteral("app.min.js"), big, LanguageRegistry::byKey(QStringLiteral("javascript")));
    QCOMPARE(mem.skipped.size(), size_t(1));
    QVERIFY(mem.skipped[0].reason.startsWith(QLatin1String("larger than")));
    QVERIFY2(peakRssMiB() < 2048, qPrintable(QString::number(peakRssMiB())));
  }

  void hugeBundleWithRaisedLimitStopsAtParseTimeout() {
    // With the size limit lifted, the parse timeout is what bounds the work.
    const QByteArray unit = "var a=require('customerio-node');a.track(u,{name:'x',data:{t:Date.now()}});";
    const QString path = write(QStringLiteral("bundle2/app.min.js"),
                               repeated(unit, 50 * 1000 * 1000 / int(unit.size()) + 1));
    Config config;
    config.limits.maxFileBytes = 64 * 1024 * 1024;
    config.limits.parseTimeoutMicros = 500'000;
    const Analyzer analyzer(config);
    CpuTimer t;
    t.start();
    const AnalysisResult r = scanWithHealthyNeighbour({path}, analyzer);
    QVERIFY2(skipReason(r, path).startsWith(QLatin1String("parsing took more than 500 ms of CPU time")),
             qPrintable(skipReason(r, path)));
    QVERIFY2(t.elapsed() < 30'000, qPrintable(QString::number(t.elapsed())));
    QVERIFY2(peakRssMiB() < 2048, qPrintable(QString::number(peakRssMiB())));
  }

  void longMinifiedLineUnderTheLimitIsAnalysed() {
    // ~4 MB on one line, thousands of Customer.io calls: findings' columns are computed
    // without rescanning the line per finding.
    QByteArray line = "const {TrackClient}=require('customerio-node');const c=new TrackClient(s,k);";
    const QByteArray unit = "function f(u){c.track(u.id,{name:'order_placed',data:{created_at:Date.now()}})};";
    line += repeated(unit, 4 * 1000 * 1000 / int(unit.size()));
    const QString path = write(QStringLiteral("bundle3/vendor.min.js"), line);
    const AnalysisResult r = scanWithHealthyNeighbour({path});
    const QString why = skipReason(r, path);
    // A normal result, or at worst the parse timeout: never a hang.
    QVERIFY2(why.isEmpty() || why.startsWith(QLatin1String("parsing took more than")), qPrintable(why));
    for (const Finding &f : r.findings)
      if (f.file == path) QCOMPARE(f.line, 1);
  }

  void deepNesting_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("source");
    const int depth = 100'000;
    QTest::newRow("js [[[ open") << "deep/open.js" << kJsPrelude + "x = " + QByteArray(depth, '[');
    QTest::newRow("js [[[ ]]] balanced")
        << "deep/balanced.js" << kJsPrelude + "x = " + QByteArray(depth, '[') + QByteArray(depth, ']') + ";\n";
    QTest::newRow("js {{{ objects") << "deep/objects.js"
                                    << kJsPrelude + "x = " + repeated("{a:", depth) + "1" + QByteArray(depth, '}');
    QTest::newRow("js nested functions")
        << "deep/functions.js"
        << kJsPrelude + repeated("function f(){", depth / 10) + "cio.track(1,{name:'a'});" + QByteArray(depth / 10, '}');
    QTest::newRow("ts <<< generics") << "deep/generics.ts" << "import x from './x';\nlet a: " + repeated("A<", depth);
    QTest::newRow("python ((( open") << "deep/open.py" << "import customerio\nx = " + QByteArray(depth, '(');
    QTest::newRow("python ((( ))) balanced")
        << "deep/balanced.py" << "import customerio\nx = " + QByteArray(depth, '(') + "1" + QByteArray(depth, ')') + "\n";
    QTest::newRow("ruby [[[ open") << "deep/open.rb" << "require 'customerio'\nx = " + QByteArray(depth, '[');
    QTest::newRow("ruby [[[ ]]] balanced")
        << "deep/balanced.rb" << "require 'customerio'\nx = " + QByteArray(depth, '[') + QByteArray(depth, ']') + "\n";
    QTest::newRow("ruby begin/end") << "deep/blocks.rb"
                                    << "require 'customerio'\n" + repeated("begin\n", depth / 10) +
                                           repeated("end\n", depth / 10);
    QTest::newRow("go ((( open") << "deep/open.go" << "package main\nimport \"customerio\"\nvar x = " + QByteArray(depth, '(');
    QTest::newRow("go ((( ))) balanced") << "deep/balanced.go"
                                         << "package main\nimport \"customerio\"\nvar x = " + QByteArray(depth, '(') + "1" +
                                                QByteArray(depth, ')') + "\n";
    // 2^16 siblings under one node crashed Debian's tree-sitter 0.20.7 (upstream issue 2134).
    QTest::newRow("js 70000 comment lines") << "wide/comments.js" << kJsPrelude + repeated("// c\n", 70'000) + "x;\n";
    QTest::newRow("python 70000 comment lines") << "wide/comments.py"
                                                << "import customerio\n" + repeated("# c\n", 70'000) + "x = 1\n";
    QTest::newRow("js 70000 unclosed calls") << "wide/calls.js" << kJsPrelude + repeated("f(", 70'000);
    QTest::newRow("go {{{ blocks") << "deep/blocks.go"
                                   << "package main\nimport \"customerio\"\nfunc f() " + repeated("{\n", depth) +
                                          repeated("}\n", depth);
  }
  void deepNesting() {
    QFETCH(QString, file);
    QFETCH(QByteArray, source);
    const QString path = write(file, source);
    const AnalysisResult r = scanWithHealthyNeighbour({path});
    const QString why = skipReason(r, path);
    QVERIFY2(why.isEmpty() || why.startsWith(QLatin1String("parsing took more than")) ||
                 why.startsWith(QLatin1String("nested deeper")),
             qPrintable(why));
    CpuTimer t;
    t.start();
    const AnalysisResult mem = m_analyzer.analyzeSource(file, source, LanguageRegistry::forPath(file));
    QVERIFY(t.elapsed() < kCaseBudgetMs);
    QVERIFY(mem.skipped.size() <= 1);
  }

  // Expressions just under the nesting limit reach the adapters, whose helpers recurse
  // on concatenations and member chains: they must fit the stack (also under ASan).
  void longExpressionChains_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("source");
    const int n = 1800;
    const QByteArray js = "const { TrackClient } = require('customerio-node');\nconst cio = new TrackClient(a, b);\n";
    QTest::newRow("js concatenated event name")
        << "chain/concat.js" << js + "cio.track(u.id, { name: 'a' + " + repeated("x + ", n) + "'b' });\n";
    QTest::newRow("js member chain id") << "chain/member.js" << js + "cio.identify(u" + repeated(".a", n) + ", {});\n";
    QTest::newRow("js parenthesised id") << "chain/parens.js"
                                         << js + "cio.identify(" + QByteArray(n / 2, '(') + "u" + QByteArray(n / 2, ')') +
                                                ", {});\n";
    const QByteArray py = "from customerio import CustomerIO\ncio = CustomerIO(a, b)\n";
    QTest::newRow("python concatenated event name")
        << "chain/concat.py" << py + "cio.track(customer_id=u, name='a' + " + repeated("x + ", n) + "'b')\n";
    QTest::newRow("python attribute chain id") << "chain/member.py"
                                               << py + "cio.identify(id=u" + repeated(".a", n) + ", email=e)\n";
    const QByteArray rb = "require 'customerio'\n$cio = Customerio::Client.new(a, b)\n";
    QTest::newRow("ruby concatenated event name")
        << "chain/concat.rb" << rb + "$cio.track(u, 'a' + " + repeated("x + ", n) + "'b')\n";
    QTest::newRow("ruby call chain id") << "chain/member.rb" << rb + "$cio.identify(id: u" + repeated(".a", n) + ")\n";
    const QByteArray go = "package main\nimport \"github.com/customerio/go-customerio/v3\"\n"
                          "var c = customerio.NewTrackClient(a, b)\nfunc f() {\n";
    QTest::newRow("go concatenated event name")
        << "chain/concat.go" << go + "c.Track(u, \"a\" + " + repeated("x + ", n) + "\"b\", nil)\n}\n";
    QTest::newRow("go selector chain id") << "chain/member.go" << go + "c.Identify(u" + repeated(".a", n) + ", nil)\n}\n";
  }
  void longExpressionChains() {
    QFETCH(QString, file);
    QFETCH(QByteArray, source);
    const QString path = write(file, source);
    const AnalysisResult r = scanWithHealthyNeighbour({path});
    QVERIFY2(skipReason(r, path).isEmpty(), qPrintable(skipReason(r, path)));
    // Over the limit: skipped with the reason, before any adapter runs.
    Config config;
    config.limits.maxNestingDepth = 100;
    const AnalysisResult deep = scanWithHealthyNeighbour({path}, Analyzer(config));
    QCOMPARE(skipReason(deep, path), QStringLiteral("nested deeper than 100 syntax levels (see maxNestingDepth)"));
  }

  void invalidEncodings_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    const QString utf8 = QStringLiteral("invalid UTF-8");
    const QString utf16 = QStringLiteral("UTF-16 text");
    const QByteArray js = kJsPitfalls;
    QTest::newRow("utf8 truncated sequence") << "enc/trunc.js" << kJsPrelude + "x = '\xC3';\n" << utf8;
    QTest::newRow("utf8 lone continuation") << "enc/cont.py" << QByteArray("x = '\x80\x80'\n") << utf8;
    QTest::newRow("utf8 overlong slash") << "enc/overlong.rb" << QByteArray("x = '\xC0\xAF'\n") << utf8;
    QTest::newRow("utf8 surrogate") << "enc/surrogate.go" << QByteArray("package x // \xED\xA0\x80\n") << utf8;
    QTest::newRow("latin-1 comment") << "enc/latin1.js" << kJsPrelude + "// caf\xE9\n" << utf8;
    const QString wide = QString::fromUtf8(js);
    QByteArray le(reinterpret_cast<const char *>(wide.utf16()), wide.size() * 2);
    QByteArray be;
    for (qsizetype i = 0; i < le.size(); i += 2) be.append(le.at(i + 1)).append(le.at(i));
    QTest::newRow("utf16le with BOM") << "enc/le-bom.js" << QByteArray("\xFF\xFE", 2) + le << utf16;
    QTest::newRow("utf16be with BOM") << "enc/be-bom.js" << QByteArray("\xFE\xFF", 2) + be << utf16;
    QTest::newRow("utf16le without BOM") << "enc/le.js" << le << utf16;
    QTest::newRow("utf16be without BOM") << "enc/be.py" << be << utf16;
    // Non-Latin text in UTF-16 has no NUL byte at all: the BOM alone must tell.
    const QString cjk = QStringLiteral("\u4E2D\u6587\u5B57\u7B26\u4E32\u6D4B\u8BD5\u6587\u4EF6");
    QTest::newRow("utf16le BOM, no NUL") << "enc/cjk.js"
                                         << QByteArray("\xFF\xFE", 2) +
                                                QByteArray(reinterpret_cast<const char *>(cjk.utf16()), cjk.size() * 2)
                                         << utf16;
    QTest::newRow("utf32le with BOM") << "enc/u32.js" << QByteArray("\xFF\xFE\x00\x00x\x00\x00\x00", 8)
                                      << QStringLiteral("UTF-32 text");
    QTest::newRow("NUL at start") << "nul/start.js" << QByteArray("\0const a = 1;\n", 14) << QStringLiteral("binary file");
    QTest::newRow("NUL after 10 KiB") << "nul/late.py"
                                      << repeated("x = 1\n", 2000) + QByteArray("\0", 1) + "y = 2\n"
                                      << QStringLiteral("binary file");
    QByteArray png("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16);
    png += noise(4000, 1);
    QTest::newRow("png named .js") << "notsource/logo.js" << png << QStringLiteral("binary file");
    QByteArray zip("PK\x03\x04\x14\0\0\0\x08\0", 10);
    zip += noise(4000, 2);
    QTest::newRow("zip named .py") << "notsource/archive.py" << zip << QStringLiteral("binary file");
    QTest::newRow(".min.js that is binary") << "notsource/blob.min.js" << noise(100'000, 3) << QStringLiteral("binary file");
  }
  void invalidEncodings() {
    QFETCH(QString, file);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    const QString path = write(file, bytes);
    const AnalysisResult r = scanWithHealthyNeighbour({path});
    QVERIFY2(skipReason(r, path).startsWith(reason), qPrintable(skipReason(r, path)));
    const AnalysisResult mem = m_analyzer.analyzeSource(file, bytes, LanguageRegistry::forPath(file));
    QCOMPARE(mem.skipped.size(), size_t(1));
    QVERIFY2(mem.skipped[0].reason.startsWith(reason), qPrintable(mem.skipped[0].reason));
    QVERIFY(mem.findings.empty());
  }

  void utf8BomIsAccepted() {
    const QString plain = write(QStringLiteral("bom/plain.js"), kJsPitfalls);
    const QString bom = write(QStringLiteral("bom/bom.js"), "\xEF\xBB\xBF" + kJsPitfalls);
    const AnalysisResult a = m_analyzer.analyzeFiles({{plain, QStringLiteral("x.js"), std::nullopt}});
    const AnalysisResult b = m_analyzer.analyzeFiles({{bom, QStringLiteral("x.js"), std::nullopt}});
    QVERIFY(b.skipped.empty());
    QCOMPARE(b.filesScanned, 1);
    QCOMPARE(findingLines(b), findingLines(a));
    const AnalysisResult py = m_analyzer.analyzeSource(QStringLiteral("b.py"), "\xEF\xBB\xBF" + kPyPitfalls,
                                                       LanguageRegistry::byKey(QStringLiteral("python")));
    QVERIFY(py.skipped.empty());
  }

  void lineEnds_data() {
    QTest::addColumn<QString>("ext");
    QTest::addColumn<QByteArray>("source");
    QTest::newRow("javascript") << "js" << kJsPitfalls;
    QTest::newRow("python") << "py" << kPyPitfalls;
  }
  void lineEnds() {
    QFETCH(QString, ext);
    QFETCH(QByteArray, source);
    QByteArray crlf = source, cr = source;
    crlf.replace("\n", "\r\n");
    cr.replace("\n", "\r");
    const QString lf = write(QStringLiteral("eol/lf.") + ext, source);
    const QString dos = write(QStringLiteral("eol/crlf.") + ext, crlf);
    const QString mac = write(QStringLiteral("eol/cr.") + ext, cr);
    const QString shown = QStringLiteral("same.") + ext;
    const AnalysisResult a = m_analyzer.analyzeFiles({{lf, shown, std::nullopt}});
    const AnalysisResult b = m_analyzer.analyzeFiles({{dos, shown, std::nullopt}});
    const AnalysisResult c = m_analyzer.analyzeFiles({{mac, shown, std::nullopt}});
    QVERIFY(b.skipped.empty() && c.skipped.empty());
    QCOMPARE(findingKeys(b), findingKeys(a));
    QCOMPARE(findingKeys(c), findingKeys(a));
    QCOMPARE(b.suppressedCount, a.suppressedCount);
    QCOMPARE(c.suppressedCount, a.suppressedCount);
    const Language &lang = LanguageRegistry::forPath(shown);
    // The snippet path (no project-level rules) against its own LF result.
    const QStringList snippet = findingKeys(m_analyzer.analyzeSource(shown, source, lang));
    QCOMPARE(findingKeys(m_analyzer.analyzeSource(shown, crlf, lang)), snippet);
    QCOMPARE(findingKeys(m_analyzer.analyzeSource(shown, cr, lang)), snippet);
    if (a.findings.empty()) QSKIP("the adapter finds nothing in the LF twin yet: line numbers not compared");
    QVERIFY(findingLines(a).contains(ext == QLatin1String("js") ? 4 : 5));
  }

  void loneCarriageReturnsKeepOffsets() {
    QByteArray text("a\rb\r\nc\r", 7);
    normalizeLoneCarriageReturns(text);
    QCOMPARE(text, QByteArray("a\nb\r\nc\n", 7));
    Document doc(LanguageRegistry::byKey(QStringLiteral("python")), QByteArray("x = 1\ry = 2\r"));
    QCOMPARE(doc.source(), QByteArray("x = 1\ny = 2\n"));
    doc.edit(5, 6, QByteArray("\r"));  // still lone
    QCOMPARE(doc.source(), QByteArray("x = 1\ny = 2\n"));
    doc.edit(4, 5, QByteArray("1\r"));  // before the LF: a CRLF now
    QCOMPARE(doc.source(), QByteArray("x = 1\r\ny = 2\n"));
    doc.edit(100, 200, QByteArray("z"));  // out of range: clamped to an append
    QCOMPARE(doc.source(), QByteArray("x = 1\r\ny = 2\nz"));
    QVERIFY(doc.parse());
  }

  void syntaxErrorOnEveryLine_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("source");
    QTest::newRow("js") << "syntax/bad.js" << kJsPrelude + repeated("function ((( { ] ) => => ;;\n", 5000);
    QTest::newRow("ts") << "syntax/bad.ts" << kJsPrelude + repeated("let : : number<<< = ;\n", 5000);
    QTest::newRow("python") << "syntax/bad.py" << "import customerio\n" + repeated("def (:\n  ] = = \n", 2500);
    QTest::newRow("ruby") << "syntax/bad.rb" << "require 'customerio'\n" + repeated("def end end ]] |x|\n", 5000);
    QTest::newRow("go") << "syntax/bad.go" << "package main\nimport \"x\"\n" + repeated("func ( { ]] := :=\n", 5000);
    QTest::newRow("pitfalls between errors")
        << "syntax/mixed.js" << kJsPitfalls + repeated("}}} ((( \n", 1000) + kJsPitfalls;
  }
  void syntaxErrorOnEveryLine() {
    QFETCH(QString, file);
    QFETCH(QByteArray, source);
    const QString path = write(file, source);
    const AnalysisResult r = scanWithHealthyNeighbour({path});
    QVERIFY2(skipReason(r, path).isEmpty(), qPrintable(skipReason(r, path)));
    for (const FileModel &m : r.models)
      if (m.path == path) QVERIFY(m.hasSyntaxErrors);
  }

  void symlinkLoop() {
    const QString a = m_dir.filePath(QStringLiteral("loop/a.js"));
    const QString b = m_dir.filePath(QStringLiteral("loop/b.js"));
    QDir().mkpath(QFileInfo(a).path());
    QVERIFY(QFile::link(b, a));
    QVERIFY(QFile::link(a, b));
    const AnalysisResult r = scanWithHealthyNeighbour({a, b});
    QCOMPARE(skipReason(r, a), QStringLiteral("symbolic link loop"));
    QCOMPARE(skipReason(r, b), QStringLiteral("symbolic link loop"));
  }

  void fifoDoesNotBlock() {
    const QString fifo = m_dir.filePath(QStringLiteral("fifo/pipe.js"));
    QDir().mkpath(QFileInfo(fifo).path());
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const QString healthy = write(QStringLiteral("fifo/ok.js"), kJsPitfalls);
    QFuture<AnalysisResult> scan = QtConcurrent::run([this, fifo, healthy] {
      return m_analyzer.analyzeFiles({{fifo, fifo, std::nullopt}, {healthy, healthy, std::nullopt}});
    });
    QElapsedTimer t;
    t.start();
    while (!scan.isFinished() && t.elapsed() < 20'000) QThread::msleep(10);
    if (!scan.isFinished()) {
      // Release a reader blocked in open() so the test can end, then fail.
      const int fd = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK);
      if (fd >= 0) ::close(fd);
      scan.waitForFinished();
      QFAIL("reading a FIFO blocked the scan");
    }
    const AnalysisResult r = scan.result();
    QVERIFY2(skipReason(r, fifo).startsWith(QLatin1String("not a regular file")), qPrintable(skipReason(r, fifo)));
    QVERIFY(skipReason(r, healthy).isEmpty());
    QCOMPARE(r.filesScanned, 1);
  }

  void fileDeletedDuringScan() {
    const QString gone = m_dir.filePath(QStringLiteral("gone/vanished.js"));
    const AnalysisResult r = scanWithHealthyNeighbour({gone});
    QCOMPARE(skipReason(r, gone), QStringLiteral("does not exist (deleted during the scan?)"));
  }

  void filesDeletedOrMadeUnreadableMidScan() {
    // 300 files; once the first is done, the last half is deleted, made unreadable or
    // swapped for a FIFO under the scan's feet.
    std::vector<SourceFile> files;
    for (int i = 0; i < 300; ++i) {
      const QString path = write(QStringLiteral("midscan/f%1.js").arg(i), kJsPitfalls);
      files.push_back({path, path, std::nullopt});
    }
    std::atomic_bool changed{false};
    const auto progress = [&](int, int, const QString &) {
      if (changed.exchange(true)) return;
      for (int i = 150; i < 300; ++i) {
        const QByteArray native = QFile::encodeName(files[i].path);
        if (i % 3 == 0) ::unlink(native.constData());
        if (i % 3 == 1) ::chmod(native.constData(), 0);  // root reads it anyway: then analysed
        if (i % 3 == 2) {
          const QByteArray fifo = native + ".fifo";
          ::mkfifo(fifo.constData(), 0600);
          ::rename(fifo.constData(), native.constData());
        }
      }
    };
    const AnalysisResult r = m_analyzer.analyzeFiles(files, progress);
    QVERIFY(changed);
    const QStringList clear{QStringLiteral("does not exist (deleted during the scan?)"),
                            QStringLiteral("cannot read: permission denied"),
                            QStringLiteral("not a regular file (FIFO, socket or device)")};
    int skipped = 0;
    for (int i = 0; i < 300; ++i) {
      const QString why = skipReason(r, files[i].path);
      if (i < 150) QVERIFY2(why.isEmpty(), qPrintable(why));
      else QVERIFY2(why.isEmpty() || clear.contains(why), qPrintable(why));
      skipped += !why.isEmpty();
    }
    QVERIFY2(skipped >= 50, qPrintable(QString::number(skipped)));  // the deletions and FIFOs at least
    QCOMPARE(r.filesScanned + skipped, 300);
    // Every file read had its findings (CIO002 on line 4 of each).
    int withFinding = 0;
    for (const SourceFile &f : files)
      for (const Finding &x : r.findings)
        if (x.file == f.path && x.ruleId == QLatin1String("CIO002") && x.line == 4) {
          ++withFinding;
          break;
        }
    QCOMPARE(withFinding, r.filesScanned);
  }

  void directoryWithSourceExtension() {
    const QString dir = m_dir.filePath(QStringLiteral("dirs/looks-like.js"));
    QVERIFY(QDir().mkpath(dir));
    const AnalysisResult r = scanWithHealthyNeighbour({dir});
    QCOMPARE(skipReason(r, dir), QStringLiteral("is a directory"));
  }

  void fileOverTheLimitByOneByte() {
    Config config;
    config.limits.maxFileBytes = 1000;
    const Analyzer small(config);
    const QString at = write(QStringLiteral("limit/at.js"), kJsPrelude + QByteArray(1000 - kJsPrelude.size(), ' '));
    const QString over = write(QStringLiteral("limit/over.js"), kJsPrelude + QByteArray(1001 - kJsPrelude.size(), ' '));
    const AnalysisResult r = small.analyzeFiles({{at, at, std::nullopt}, {over, over, std::nullopt}});
    QVERIFY(skipReason(r, at).isEmpty());
    QCOMPARE(skipReason(r, over), QStringLiteral("larger than the 1000-byte limit (1001 bytes; see maxFileBytes)"));
    // In-memory content over the limit (a file that grew after it was listed).
    const AnalysisResult m = small.analyzeFiles({{at, at, QByteArray(5000, ' ')}});
    QVERIFY(skipReason(m, at).startsWith(QLatin1String("larger than the 1000-byte limit")));
  }

  void spacesAndNonAsciiInPaths() {
    const QString path =
        write(QStringLiteral("my project/s\u00FCbdir \u00FCn\u00EFc\u00F6d\u00E9/\u30D5\u30A1\u30A4\u30EB \u00E9.js"),
              kJsPitfalls);
    const AnalysisResult r = scanWithHealthyNeighbour({path});
    QVERIFY(skipReason(r, path).isEmpty());
    QCOMPARE(r.filesScanned, 2);
    const AnalysisResult alone = m_analyzer.analyzeFiles({{path, path, std::nullopt}});
    for (const Finding &f : alone.findings) QCOMPARE(f.file, path);
  }

  void tenThousandTinyFiles() {
    std::vector<SourceFile> files;
    for (int i = 0; i < 10'000; ++i) {
      const QByteArray body = i % 10 == 0 ? kJsPitfalls : QByteArray("export const v") + QByteArray::number(i) + " = 1;\n";
      const QString path = write(QStringLiteral("many/d%1/f%2.js").arg(i / 500).arg(i), body);
      files.push_back({path, path, std::nullopt});
    }
    CpuTimer t;
    t.start();
    const AnalysisResult r = m_analyzer.analyzeFiles(files);
    QVERIFY2(t.elapsed() < kCaseBudgetMs, qPrintable(QString::number(t.elapsed())));
    QVERIFY(r.skipped.empty());
    QCOMPARE(r.filesScanned, 10'000);
    QVERIFY2(peakRssMiB() < 2048, qPrintable(QString::number(peakRssMiB())));
  }

  void suppressionParserOnHostileComments() {
    // Long, repetitive, multi-line comments: linear work, no crash.
    const QString many = QString(QStringLiteral("cio-lint-disable-next-line CIO002\n")).repeated(20'000);
    CpuTimer t;
    t.start();
    const std::vector<Suppression> parsed = parseSuppressions(many, 1);
    QCOMPARE(parsed.size(), size_t(20'000));
    QCOMPARE(parsed.back().line, 20'001);
    QVERIFY(parseSuppressions(QStringLiteral("cio-lint-disable-line ") + QString(100'000, QLatin1Char('-')), 1).size() == 1);
    QVERIFY(parseSuppressions(QString(200'000, QLatin1Char('\n')) + QStringLiteral("cio-lint-disable-file"), 1).size() == 1);
    QVERIFY(t.elapsed() < kCaseBudgetMs);
  }

  // The deepest nesting a repository's .cio-lint.json may allow must not overflow the
  // adapters' recursion on a worker thread (a long concatenation nests one level a term).
  void deepestAllowedNestingDoesNotCrash() {
    QString error;
    QVERIFY(!Config::parse(R"({"maxNestingDepth": 5001})", &error));
    QVERIFY(error.contains(QLatin1String("1 to 5000")));
    const auto config = Config::parse(R"({"maxNestingDepth": 5000})", &error);
    QVERIFY2(config, qPrintable(error));
    auto concatenation = [](int terms) {
      QByteArray name = "\"a\"";
      for (int i = 1; i < terms; ++i) name += " + \"a\"";
      return "const { TrackClient } = require('customerio-node');\n"
             "const cio = new TrackClient(process.env.S, process.env.K);\n"
             "cio.track('u', { name: " +
             name + " }).catch(() => {});\n";
    };
    const Analyzer analyzer(*config);
    for (int terms : {4'000, 40'000}) {
      const QByteArray text = concatenation(terms);
      const AnalysisResult scan =
          analyzer.analyzeFiles({SourceFile{QStringLiteral("c.js"), QStringLiteral("c.js"), text}});
      const AnalysisResult alone =
          analyzer.analyzeSource(QStringLiteral("c.js"), text, LanguageRegistry::forPath(QStringLiteral("c.js")));
      QCOMPARE(scan.skipped.size(), size_t(terms > 5000 ? 1 : 0));
      QCOMPARE(alone.skipped.size(), size_t(terms > 5000 ? 1 : 0));
    }
  }

  void configOnHostileJson() {
    QString error;
    QVERIFY(!Config::parse(QByteArray(100'000, '['), &error));
    QVERIFY(!Config::parse(QByteArray("\xFF\xFE{}", 4), &error));
    QVERIFY(!Config::parse(R"({"maxFileBytes": 1e300})", &error));
    QVERIFY(!Config::parse(R"({"parseTimeoutMs": -1})", &error));
    QVERIFY(!Config::parse(R"({"parseTimeoutMs": 1e300})", &error));
    const auto ok = Config::parse(R"({"maxFileBytes": 2147483647, "parseTimeoutMs": 86400000})", &error);
    QVERIFY2(ok, qPrintable(error));
    QCOMPARE(ok->limits.parseTimeoutMicros, quint64(86'400'000'000));
    // Glob patterns become regular expressions: a pathological one stays bounded.
    Config c;
    c.ignoreGlobs << QString(QStringLiteral("**/")).repeated(200) + QStringLiteral("x");
    CpuTimer t;
    t.start();
    (void)c.isIgnored(QString(QStringLiteral("a/")).repeated(2000) + QStringLiteral("y"));
    QVERIFY(t.elapsed() < kCaseBudgetMs);
  }

  void reviewDecisionsSurviveHostileFileNames() {
    // File names may hold any character but '/' and NUL, the separator a key once used
    // among them: two different decisions must stay two, and read back as they were.
    QTemporaryDir root;
    ReviewDecisions d;
    d.load(root.path());
    d.accept(QStringLiteral("a\x1f" "CIO002"), QStringLiteral("CIO004"), QStringLiteral("h"), QStringLiteral("one"));
    d.accept(QStringLiteral("a"), QStringLiteral("CIO002\x1f" "CIO004"), QStringLiteral("h"), QStringLiteral("two"));
    d.accept(QStringLiteral("b\nc \u00FC\u30D5.js"), QStringLiteral("CIO004"), QStringLiteral("h\x1fh"), QStringLiteral("three"));
    QCOMPARE(d.size(), 3);
    QString error;
    QVERIFY2(d.save(&error), qPrintable(error));
    ReviewDecisions back;
    QString warning;
    back.load(root.path(), &warning);
    QVERIFY2(warning.isEmpty(), qPrintable(warning));
    QCOMPARE(back.size(), 3);
    QCOMPARE(back.reason(QStringLiteral("a\x1f" "CIO002"), QStringLiteral("CIO004"), QStringLiteral("h")), QStringLiteral("one"));
    QCOMPARE(back.reason(QStringLiteral("a"), QStringLiteral("CIO002\x1f" "CIO004"), QStringLiteral("h")), QStringLiteral("two"));
    QCOMPARE(back.reason(QStringLiteral("b\nc \u00FC\u30D5.js"), QStringLiteral("CIO004"), QStringLiteral("h\x1fh")),
             QStringLiteral("three"));
  }

  // --- through cio-lint (the folder walk) -----------------------------------------

  void lintWalksAHostileFolder() {
    if (lintBinary().isEmpty()) QSKIP("cio-lint is not built or cannot scan yet");
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const auto put = [&](const QString &rel, const QByteArray &bytes) {
      const QString p = root.filePath(rel);
      QDir().mkpath(QFileInfo(p).path());
      QFile f(p);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(bytes);
    };
    put(QStringLiteral("src/ok.js"), kJsPitfalls);
    put(QStringLiteral("src/empty.py"), QByteArray());
    put(QStringLiteral("src/binary.min.js"), noise(50'000, 7));
    put(QStringLiteral("src/deep.js"), kJsPrelude + QByteArray(100'000, '['));
    put(QStringLiteral("src/big.js"), QByteArray(6 * 1024 * 1024, ' '));
    put(QStringLiteral("src/utf16.js"), QByteArray("\xFF\xFE", 2) + QByteArray("a\0", 2).repeated(100));
    put(QStringLiteral("src/dos.js"), QByteArray(kJsPitfalls).replace("\n", "\r\n"));
    put(QStringLiteral("src/s\u00FCb dir/\u30D5\u30A1\u30A4\u30EB.py"), kPyPitfalls);
    QVERIFY(QFile::link(root.filePath(QStringLiteral("src/l1.js")), root.filePath(QStringLiteral("src/l2.js"))));
    QVERIFY(QFile::link(root.filePath(QStringLiteral("src/l2.js")), root.filePath(QStringLiteral("src/l1.js"))));
    QVERIFY(QFile::link(root.filePath(QStringLiteral("src")), root.filePath(QStringLiteral("src/again"))));  // dir loop
    QCOMPARE(::mkfifo(QFile::encodeName(root.filePath(QStringLiteral("src/pipe.js"))).constData(), 0600), 0);
    int code = 0;
    const QJsonObject out = runLint({QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--no-config"),
                                     root.filePath(QStringLiteral("src"))},
                                    &code);
    QVERIFY2(code == 1, qPrintable(QStringLiteral("exit code %1 (ok.js has findings)").arg(code)));
    QStringList skipped;
    for (const QJsonValue &s : out.value(QStringLiteral("skipped")).toArray())
      skipped << s[QStringLiteral("file")].toString() + QStringLiteral(": ") + s[QStringLiteral("reason")].toString();
    const QString all = skipped.join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QLatin1String("binary.min.js: binary file")), qPrintable(all));
    QVERIFY2(all.contains(QLatin1String("big.js: larger than")), qPrintable(all));
    QVERIFY2(all.contains(QLatin1String("utf16.js: UTF-16")), qPrintable(all));
    QVERIFY2(all.contains(QLatin1String("pipe.js")), qPrintable(all));
    QVERIFY2(!all.contains(QLatin1String("ok.js")) && !all.contains(QLatin1String("dos.js")), qPrintable(all));
    QVERIFY(out.value(QStringLiteral("files_scanned")).toInt() >= 4);
  }

  void lintExitCodesAsDocumented() {
    if (lintBinary().isEmpty()) QSKIP("cio-lint is not built or cannot scan yet");
    QTemporaryDir root;
    const auto put = [&](const QString &rel, const QByteArray &bytes) {
      QFile f(root.filePath(rel));
      QDir().mkpath(QFileInfo(f).path());
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(bytes);
    };
    put(QStringLiteral("dirty/ok.js"), kJsPitfalls);
    put(QStringLiteral("dirty/secret.js"), kJsPitfalls);
    put(QStringLiteral("dirty/blob.js"), noise(10'000, 9));
    put(QStringLiteral("clean/a.js"), "export const a = 1;\n");
    put(QStringLiteral("clean/blob.js"), noise(10'000, 9));
    // Readable by anyone but secret.js, so the scan may run as an unprivileged user.
    for (const QString &d : {root.path(), root.filePath(QStringLiteral("dirty")), root.filePath(QStringLiteral("clean"))})
      QFile::setPermissions(d, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                   QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser |
                                   QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                   QFileDevice::ExeOther);
    QFile::setPermissions(root.filePath(QStringLiteral("dirty/secret.js")), QFileDevice::Permissions());
    // Root reads through permissions: run cio-lint as "nobody" then.
    QString wrapper;
    QStringList wrapperArgs;
    if (::geteuid() == 0) {
      wrapper = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
      if (wrapper.isEmpty()) QSKIP("running as root without setpriv: cannot make a file unreadable");
      wrapperArgs = {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups")};
    }
    const auto lint = [&](QStringList args, int *code) {
      return runLint(QStringList{QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--no-config")} + args,
                     code, wrapper, wrapperArgs);
    };
    int code = 0;
    const QJsonObject dirty = lint({root.filePath(QStringLiteral("dirty"))}, &code);
    QCOMPARE(code, 1);  // findings; unreadable and binary files are skipped, not errors
    QStringList skipped;
    for (const QJsonValue &v : dirty.value(QStringLiteral("skipped")).toArray())
      skipped << v[QStringLiteral("file")].toString() + QStringLiteral(": ") + v[QStringLiteral("reason")].toString();
    const QString all = skipped.join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QStringLiteral("secret.js: cannot read: permission denied")), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("blob.js: binary file")), qPrintable(all));
    QCOMPARE(dirty.value(QStringLiteral("files_scanned")).toInt(), 1);
    lint({QStringLiteral("--fail-on"), QStringLiteral("none"), root.filePath(QStringLiteral("dirty"))}, &code);
    QCOMPARE(code, 0);
    lint({root.filePath(QStringLiteral("clean"))}, &code);
    QCOMPARE(code, 0);  // a skipped file alone fails nothing
    // A path that does not exist: 2, and the others are still analysed and reported.
    const QJsonObject mixed = lint({root.filePath(QStringLiteral("nowhere")), root.filePath(QStringLiteral("dirty"))}, &code);
    QCOMPARE(code, 2);
    QVERIFY(!mixed.value(QStringLiteral("findings")).toArray().isEmpty());
  }

  void lintDoesNotFollowSymlinksOutOfTheRoot() {
    if (lintBinary().isEmpty()) QSKIP("cio-lint is not built or cannot scan yet");
    QTemporaryDir outside, root;
    QVERIFY(outside.isValid() && root.isValid());
    QFile secret(outside.filePath(QStringLiteral("secret.js")));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write(kJsPitfalls);
    secret.close();
    QDir().mkpath(outside.filePath(QStringLiteral("lib")));
    QFile::copy(secret.fileName(), outside.filePath(QStringLiteral("lib/inner.js")));
    QVERIFY(QFile::link(secret.fileName(), root.filePath(QStringLiteral("linked.js"))));
    QVERIFY(QFile::link(outside.filePath(QStringLiteral("lib")), root.filePath(QStringLiteral("linkeddir"))));
    QFile plain(root.filePath(QStringLiteral("plain.js")));
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.write("export const a = 1;\n");
    plain.close();
    int code = 0;
    const QJsonObject out = runLint({QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--no-config"),
                                     root.path()},
                                    &code);
    QVERIFY2(code == 0, qPrintable(QStringLiteral("exit code %1 (a finding means a link was followed)").arg(code)));
    QVERIFY(out.value(QStringLiteral("findings")).toArray().isEmpty());
    QCOMPARE(out.value(QStringLiteral("files_scanned")).toInt(), 1);
  }

  // strace, when it is installed and may trace here; empty otherwise.
  static QString usableStrace() {
    const QString strace = QStandardPaths::findExecutable(QStringLiteral("strace"));
    if (strace.isEmpty()) return QString();
    // strace needs ptrace; some containers forbid it.
    if (QProcess::execute(strace, {QStringLiteral("-qq"), QStringLiteral("-o"), QStringLiteral("/dev/null"),
                                   QStringLiteral("true")}) != 0)
      return QString();
    return strace;
  }

  // A folder whose files do something if anything ever runs them: each would create
  // `marker`. Returns the marker's path.
  static QString writeBooby(const QTemporaryDir &root) {
    const QString marker = root.filePath(QStringLiteral("EXECUTED"));
    const auto put = [&](const QString &rel, const QByteArray &bytes, bool executable) {
      QFile f(root.filePath(rel));
      QDir().mkpath(QFileInfo(f).path());
      if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(f.fileName()));
      f.write(bytes);
      f.close();
      if (executable) f.setPermissions(f.permissions() | QFileDevice::ExeOwner | QFileDevice::ExeUser);
    };
    const QByteArray touch = "touch '" + QFile::encodeName(marker) + "'";
    put(QStringLiteral("app.js"), "#!/bin/sh\n" + touch + "\n//" + kJsPitfalls, true);
    put(QStringLiteral("tool.py"), "#!/usr/bin/env python3\nimport os\nos.system(\"" + touch + "\")\n" + kPyPitfalls, true);
    put(QStringLiteral("package.json"),
        "{\"name\":\"x\",\"scripts\":{\"preinstall\":\"" + touch + "\",\"test\":\"" + touch + "\"}}", false);
    put(QStringLiteral("Makefile"), "all:\n\t" + touch + "\n", false);
    put(QStringLiteral("setup.py"), "import os\nos.system(\"" + touch + "\")\n", true);
    put(QStringLiteral(".git/hooks/post-checkout"), "#!/bin/sh\n" + touch + "\n", true);
    put(QStringLiteral("lib/x.rb"), "`" + touch + "`\nrequire 'customerio'\n", true);
    put(QStringLiteral("main.go"), "//go:generate " + touch + "\npackage main\n", false);
    return marker;
  }

  // The lines of an strace log that match `call`, e.g. "execve(" or "socket(".
  static QStringList calls(const QString &log, const QString &call) {
    QFile f(log);
    if (!f.open(QIODevice::ReadOnly)) return {QStringLiteral("(no strace log)")};
    QStringList out;
    for (const QString &line : QString::fromUtf8(f.readAll()).split(QLatin1Char('\n')))
      if (line.contains(call)) out << line;
    return out;
  }

  void scanOpensNoSocketAndRunsNothing() {
    if (lintBinary().isEmpty()) QSKIP("cio-lint is not built or cannot scan yet");
    const QString strace = usableStrace();
    if (strace.isEmpty()) QSKIP("strace is missing or cannot trace here (packaging/setup.sh installs it)");
    QTemporaryDir root;
    const QString marker = writeBooby(root);
    for (const char *format : {"text", "json", "sarif", "html", "markdown"}) {
      const QString log = root.filePath(QStringLiteral("strace-%1.log").arg(QLatin1String(format)));
      int code = 0;
      runLint({QStringLiteral("--format"), QLatin1String(format), QStringLiteral("--no-config"), root.path()}, &code,
              strace,
              {QStringLiteral("-f"), QStringLiteral("-qq"), QStringLiteral("-e"),
               QStringLiteral("trace=socket,connect,execve,execveat"), QStringLiteral("-o"), log});
      QVERIFY2(code == 1, qPrintable(QStringLiteral("%1: exit code %2 (the pitfalls must be found)").arg(format).arg(code)));
      const QStringList sockets = calls(log, QStringLiteral("socket(")) + calls(log, QStringLiteral("connect("));
      QVERIFY2(sockets.isEmpty(), qPrintable(sockets.join(QLatin1Char('\n'))));
      // The one exec is strace starting cio-lint; nothing the scan reads is ever started.
      const QStringList execs = calls(log, QStringLiteral("execve"));
      QVERIFY2(execs.size() == 1 && execs.first().contains(QStringLiteral("cio-lint")),
               qPrintable(execs.join(QLatin1Char('\n'))));
      QVERIFY(!QFile::exists(marker));
    }
  }

  void desktopReviewOpensNoNetworkSocketAndRunsNothing() {
    const QString app = QStringLiteral(CIO_BIN_DIR "/cio-pitfalls");
    if (!QFileInfo(app).isExecutable()) QSKIP("cio-pitfalls is not built (-DCIO_BUILD_APP=OFF)");
    const QString strace = usableStrace();
    if (strace.isEmpty()) QSKIP("strace is missing or cannot trace here (packaging/setup.sh installs it)");
    QTemporaryDir root, out;
    const QString marker = writeBooby(root);
    const QString log = out.filePath(QStringLiteral("strace.log"));
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), out.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), out.filePath(QStringLiteral("data")));
    p.setProcessEnvironment(env);
    p.start(strace, {QStringLiteral("-f"), QStringLiteral("-qq"), QStringLiteral("-e"),
                     QStringLiteral("trace=socket,connect,execve,execveat"), QStringLiteral("-o"), log, app,
                     QStringLiteral("--review"), root.path(), QStringLiteral("--screenshot"),
                     out.filePath(QStringLiteral("review.png"))});
    QVERIFY(p.waitForFinished(240'000));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY(QFileInfo(out.filePath(QStringLiteral("review.png"))).size() > 0);
    // Local (AF_UNIX) sockets are the desktop's own plumbing (D-Bus, X); a network
    // socket would be AF_INET, AF_INET6 or a netlink route query.
    QStringList network;
    for (const QString &line : calls(log, QStringLiteral("socket(")))
      if (!line.contains(QStringLiteral("AF_UNIX"))) network << line;
    for (const QString &line : calls(log, QStringLiteral("connect(")))
      if (line.contains(QStringLiteral("AF_INET"))) network << line;
    QVERIFY2(network.isEmpty(), qPrintable(network.join(QLatin1Char('\n'))));
    const QStringList execs = calls(log, QStringLiteral("execve"));
    QVERIFY2(execs.size() == 1 && execs.first().contains(QStringLiteral("cio-pitfalls")),
             qPrintable(execs.join(QLatin1Char('\n'))));
    QVERIFY(!QFile::exists(marker));
  }

  void reportsEscapeAndMaskInEveryFormat() {
    if (lintBinary().isEmpty()) QSKIP("cio-lint is not built or cannot scan yet");
    QTemporaryDir root;
    const QByteArray siteId = "a1b2c3d4e5f6a7b8c9d0", key = "0123456789abcdef0123456789abcdef";
    // Markup, a terminal escape and credentials in the code, and markup in the file name.
    const QByteArray source = "const { TrackClient } = require('customerio-node');\n"
                              "const cio = new TrackClient('" + siteId + "', '" + key + "');\n"
                              "function f(user) {\n"
                              "  cio.track(user.id, { name: 'Signed Up <script>alert(1)</script>\x1b[2J\x07', data: "
                              "{ created_at: Date.now(), token: '" + key + "' } });\n"
                              "}\n";
    const QString name = root.filePath(QStringLiteral("<img src=x onerror=alert(1)>\x1b[31m.js"));
    QFile f(name);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(source);
    f.close();
    for (const char *format : {"text", "json", "sarif", "html", "markdown"}) {
      int code = 0;
      QProcess p;
      p.start(lintBinary(), {QStringLiteral("--format"), QLatin1String(format), QStringLiteral("--no-config"), root.path()});
      QVERIFY(p.waitForFinished(120'000));
      const QByteArray out = p.readAllStandardOutput();
      code = p.exitCode();
      QVERIFY2(code == 1, qPrintable(QStringLiteral("%1: exit code %2").arg(format).arg(code)));
      const QString what = QString::fromLatin1(format) + QStringLiteral(":\n") + QString::fromUtf8(out);
      QVERIFY2(out.contains("CIO002"), qPrintable(what));  // the finding on the key's line is reported
      QVERIFY2(!out.contains(key) && !out.contains(siteId), qPrintable(what));
      // No raw control character from the code reaches a terminal or a file.
      for (const char c : out)
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
          QFAIL(qPrintable(QStringLiteral("%1: raw control character 0x%2").arg(format).arg(int(c), 2, 16, QLatin1Char('0'))));
      if (qstrcmp(format, "html") == 0)
        QVERIFY2(!out.toLower().contains("<script") && !out.toLower().contains("<img"), qPrintable(what));
      if (qstrcmp(format, "markdown") == 0) {
        // Code excerpts are indented code blocks (literal text, one source line per
        // line, so they cannot end early) and paths are code spans (literal too, fenced
        // longer than any backtick run inside); everywhere else markup must be escaped.
        static const QRegularExpression codeSpan(QStringLiteral("(`+)(?!`).*?(?<!`)\\1(?!`)"));
        for (const QByteArray &line : out.split('\n'))
          if (!line.startsWith("      ")) {
            const QString prose = QString::fromUtf8(line).remove(codeSpan).toLower();
            QVERIFY2(!prose.contains(QLatin1String("<script")) && !prose.contains(QLatin1String("<img")),
                     line.constData());
          }
      }
      if (qstrcmp(format, "json") == 0 || qstrcmp(format, "sarif") == 0) {
        QJsonParseError err{};
        QJsonDocument::fromJson(out, &err);
        QCOMPARE(err.error, QJsonParseError::NoError);
      }
    }
  }

  void cleanupTestCase() { qInfo("peak RSS %lld MiB", peakRssMiB()); }
};

QTEST_GUILESS_MAIN(TestHostile)
#include "test_hostile.moc"
