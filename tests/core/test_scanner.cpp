// The folder scanner: .gitignore semantics, folders never entered, config ignore globs,
// symbolic links (loops, links out of the root), FIFOs, missing paths.
#include "project/gitignore.h"
#include "project/scanner.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace cio;

namespace {

void writeFile(const QString &path, const QByteArray &content = "export const x = 1;\n") {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile f(path);
  QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
  f.write(content);
}

QStringList displayPaths(const ScanResult &r) {
  QStringList out;
  for (const SourceFile &f : r.files) out << f.displayPath;
  return out;
}

QString reasonFor(const ScanResult &r, const QString &file) {
  for (const SkippedFile &s : r.skipped)
    if (s.file == file) return s.reason;
  return QString();
}

}  // namespace

class TestScanner : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void gitignorePattern_data() {
    QTest::addColumn<QStringList>("lines");  // each "base|pattern"
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("isDir");
    QTest::addColumn<bool>("ignored");

    const auto row = [](const char *name, QStringList lines, const char *path, bool isDir, bool ignored) {
      QTest::newRow(name) << lines << QString::fromUtf8(path) << isDir << ignored;
    };
    row("name at root", {"|*.log"}, "debug.log", false, true);
    row("name at depth", {"|*.log"}, "a/b/debug.log", false, true);
    row("extension must end", {"|*.log"}, "debug.log.js", false, false);
    row("star stays in segment", {"|doc/*.txt"}, "doc/x/a.txt", false, false);
    row("anchored middle slash", {"|doc/*.txt"}, "doc/a.txt", false, true);
    row("anchored not elsewhere", {"|doc/*.txt"}, "src/doc/a.txt", false, false);
    row("leading slash anchors", {"|/generated"}, "src/generated", true, false);
    row("leading slash matches root", {"|/generated"}, "generated", true, true);
    row("dir only skips files", {"|out/"}, "out", false, false);
    row("dir only matches dirs", {"|out/"}, "a/out", true, true);
    row("leading double star", {"|**/fixtures"}, "fixtures", true, true);
    row("leading double star deep", {"|**/fixtures"}, "a/b/fixtures", true, true);
    row("middle double star zero", {"|a/**/b.js"}, "a/b.js", false, true);
    row("middle double star many", {"|a/**/b.js"}, "a/x/y/b.js", false, true);
    row("middle double star other", {"|a/**/b.js"}, "c/x/b.js", false, false);
    row("trailing double star inside", {"|abc/**"}, "abc/x/y.js", false, true);
    row("trailing double star not self", {"|abc/**"}, "abc", true, false);
    row("question mark one char", {"|?.js"}, "a.js", false, true);
    row("question mark not two", {"|?.js"}, "ab.js", false, false);
    row("class", {"|[abc].js"}, "b.js", false, true);
    row("class miss", {"|[abc].js"}, "d.js", false, false);
    row("negated class", {"|[!abc].js"}, "d.js", false, true);
    row("range class", {"|v[0-9].js"}, "v7.js", false, true);
    row("negation re-includes", {"|*.js", "|!keep.js"}, "src/keep.js", false, false);
    row("negation then exclude again", {"|*.js", "|!keep.js", "|src/keep.js"}, "src/keep.js", false, true);
    row("last match wins", {"|!a.js", "|a.js"}, "a.js", false, true);
    row("comment", {"|# a.js"}, "# a.js", false, false);
    row("escaped hash", {"|\\#a.js"}, "#a.js", false, true);
    row("escaped bang", {"|\\!a.js"}, "!a.js", false, true);
    row("trailing spaces dropped", {"|a.js   "}, "a.js", false, true);
    row("escaped trailing space kept", {"|a.js\\ "}, "a.js ", false, true);
    row("nested base applies below", {"sub|*.tmp.js"}, "sub/d/x.tmp.js", false, true);
    row("nested base not above", {"sub|*.tmp.js"}, "x.tmp.js", false, false);
    row("nested base not sibling prefix", {"sub|*.tmp.js"}, "subway/x.tmp.js", false, false);
    row("nested anchored", {"sub|/only.js"}, "sub/only.js", false, true);
    row("nested anchored not deeper", {"sub|/only.js"}, "sub/d/only.js", false, false);
    row("deeper negation wins", {"|*.gen.js", "sub|!keep.gen.js"}, "sub/keep.gen.js", false, false);
    row("deeper negation scoped", {"|*.gen.js", "sub|!keep.gen.js"}, "keep.gen.js", false, true);
    row("regex characters literal", {"|a+b(1).js"}, "a+b(1).js", false, true);
    row("unclosed bracket literal", {"|a[.js"}, "a[.js", false, true);
  }

  void gitignorePattern() {
    QFETCH(QStringList, lines);
    QFETCH(QString, path);
    QFETCH(bool, isDir);
    QFETCH(bool, ignored);
    IgnoreRules rules;
    for (const QString &l : lines) {
      const qsizetype bar = l.indexOf(QLatin1Char('|'));
      rules.addPattern(l.left(bar), l.mid(bar + 1));
    }
    QCOMPARE(rules.isIgnored(path, isDir), ignored);
  }

  void gitignoreFileWithCrlfAndBlankLines() {
    IgnoreRules rules;
    rules.addFile(QString(), "# build output\r\n\r\n*.min.js\r\n!app.min.js\r\n");
    QVERIFY(rules.isIgnored(QStringLiteral("x.min.js"), false));
    QVERIFY(!rules.isIgnored(QStringLiteral("app.min.js"), false));
    QVERIFY(!rules.isIgnored(QStringLiteral("x.js"), false));
  }

  void skipsDependencyAndBuildFolders() {
    QTemporaryDir tmp;
    const QString r = tmp.path();
    for (const char *p : {"src/app.js", "node_modules/lib/index.js", "src/node_modules/x/y.js", ".git/hooks/a.js",
                          "dist/app.js", "build/app.js", "vendor/lib.rb", "lib/vendor.js", "distribution/ok.py"})
      writeFile(r + QLatin1Char('/') + QString::fromLatin1(p));
    writeFile(r + QStringLiteral("/README.md"), "# readme\n");
    writeFile(r + QStringLiteral("/data.json"), "{}\n");
    const ScanResult res = Scanner().scan({r});
    QCOMPARE(displayPaths(res),
             QStringList({QStringLiteral("distribution/ok.py"), QStringLiteral("lib/vendor.js"),
                          QStringLiteral("src/app.js")}));
    QVERIFY(res.skipped.empty());
    QVERIFY(res.errors.isEmpty());
  }

  void honoursNestedGitignoreFiles() {
    QTemporaryDir tmp;
    const QString r = tmp.path();
    writeFile(r + QStringLiteral("/.gitignore"), "/generated/\n*.local.js\ncoverage\n");
    writeFile(r + QStringLiteral("/src/.gitignore"), "*.gen.ts\n!keep.gen.ts\n/only-here.js\n");
    for (const char *p : {"generated/client.js", "src/generated/ok.js", "src/a.local.js", "coverage/x.js",
                          "src/x.gen.ts", "src/keep.gen.ts", "src/only-here.js", "src/deep/only-here.js",
                          "other/x.gen.ts", "src/app.ts"})
      writeFile(r + QLatin1Char('/') + QString::fromLatin1(p));
    const ScanResult res = Scanner().scan({r});
    QCOMPARE(displayPaths(res),
             QStringList({QStringLiteral("other/x.gen.ts"), QStringLiteral("src/app.ts"),
                          QStringLiteral("src/deep/only-here.js"), QStringLiteral("src/generated/ok.js"),
                          QStringLiteral("src/keep.gen.ts")}));

    Scanner noGit;
    noGit.setUseGitignore(false);
    QCOMPARE(noGit.scan({r}).files.size(), size_t(10));
  }

  void appliesTheEnclosingRepositorysGitignore() {
    QTemporaryDir tmp;
    const QString r = tmp.path();
    QDir().mkpath(r + QStringLiteral("/.git"));
    writeFile(r + QStringLiteral("/.gitignore"), "packages/api/fixtures/\n*.snap.js\n");
    writeFile(r + QStringLiteral("/.git/info/exclude"), "scratch.js\n");
    for (const char *p : {"packages/api/fixtures/a.js", "packages/api/src/a.snap.js", "packages/api/src/scratch.js",
                          "packages/api/src/main.js"})
      writeFile(r + QLatin1Char('/') + QString::fromLatin1(p));
    const ScanResult res = Scanner().scan({r + QStringLiteral("/packages/api")});
    QCOMPARE(displayPaths(res), QStringList({QStringLiteral("src/main.js")}));
  }

  void honoursConfigIgnoreGlobs() {
    QTemporaryDir tmp;
    const QString r = tmp.path();
    for (const char *p : {"test/fixtures/a.js", "src/a.spec.ts", "src/a.ts", "scripts/legacy/x.js", "scripts/y.js"})
      writeFile(r + QLatin1Char('/') + QString::fromLatin1(p));
    Config config;
    config.ignoreGlobs = {QStringLiteral("test/fixtures/**"), QStringLiteral("*.spec.ts"),
                          QStringLiteral("scripts/legacy/")};
    const ScanResult res = Scanner(config).scan({r});
    QCOMPARE(displayPaths(res), QStringList({QStringLiteral("scripts/y.js"), QStringLiteral("src/a.ts")}));
  }

  void symlinkLoopsAndLinksOutOfTheRoot() {
    QTemporaryDir outside;
    writeFile(outside.path() + QStringLiteral("/secret.js"));
    QTemporaryDir tmp;
    const QString r = tmp.path();
    writeFile(r + QStringLiteral("/src/app.js"));
    QVERIFY(QFile::link(r, r + QStringLiteral("/src/loop")));                   // to an ancestor
    QVERIFY(QFile::link(QStringLiteral("b.js"), r + QStringLiteral("/a.js")));  // a.js -> b.js -> a.js
    QVERIFY(QFile::link(QStringLiteral("a.js"), r + QStringLiteral("/b.js")));
    QVERIFY(QFile::link(outside.path() + QStringLiteral("/secret.js"), r + QStringLiteral("/out.js")));
    QVERIFY(QFile::link(outside.path(), r + QStringLiteral("/outdir")));
    QVERIFY(QFile::link(QStringLiteral("src/app.js"), r + QStringLiteral("/alias.js")));  // inside: no duplicate
    QVERIFY(QFile::link(QStringLiteral("missing.js"), r + QStringLiteral("/broken.js")));
    QVERIFY(QFile::link(QStringLiteral("src"), r + QStringLiteral("/src-link")));

    const ScanResult res = Scanner().scan({r});
    QCOMPARE(displayPaths(res), QStringList({QStringLiteral("src/app.js")}));
    QCOMPARE(reasonFor(res, QStringLiteral("src/loop")), QStringLiteral("symbolic link loop"));
    QCOMPARE(reasonFor(res, QStringLiteral("a.js")), QStringLiteral("symbolic link loop"));
    QCOMPARE(reasonFor(res, QStringLiteral("b.js")), QStringLiteral("symbolic link loop"));
    QCOMPARE(reasonFor(res, QStringLiteral("out.js")),
             QStringLiteral("symbolic link to a path outside the scanned folder"));
    QCOMPARE(reasonFor(res, QStringLiteral("outdir")),
             QStringLiteral("symbolic link to a path outside the scanned folder"));
    QCOMPARE(reasonFor(res, QStringLiteral("broken.js")), QStringLiteral("broken symbolic link"));
    QVERIFY(reasonFor(res, QStringLiteral("alias.js")).isEmpty());
    QVERIFY(reasonFor(res, QStringLiteral("src-link")).isEmpty());
    QVERIFY(res.errors.isEmpty());
  }

  void fifosAndDevicesAreSkippedWithoutOpening() {
    QTemporaryDir tmp;
    const QString r = tmp.path();
    writeFile(r + QStringLiteral("/ok.js"));
    const QString fifo = r + QStringLiteral("/pipe.js");
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    // Opening a FIFO for reading would block forever: the scan must finish.
    ScanResult res = Scanner().scan({r});
    QCOMPARE(displayPaths(res), QStringList({QStringLiteral("ok.js")}));
    QCOMPARE(reasonFor(res, QStringLiteral("pipe.js")), QStringLiteral("not a regular file (FIFO)"));

    res = Scanner().scan({fifo, QStringLiteral("/dev/null")});
    QVERIFY(res.files.empty());
    QCOMPARE(reasonFor(res, fifo), QStringLiteral("not a regular file (FIFO)"));
    QCOMPARE(reasonFor(res, QStringLiteral("/dev/null")), QStringLiteral("not a regular file (character device)"));
    QVERIFY(res.errors.isEmpty());
  }

  // A file or folder name that is not valid UTF-8 cannot be reopened by its decoded
  // name: it is listed as skipped, not dropped.
  void namesThatAreNotUtf8AreListed() {
    QTemporaryDir tmp;
    const QString r = tmp.path();
    writeFile(r + QStringLiteral("/ok.js"));
    const QByteArray bad = QFile::encodeName(r) + "/bad\xff.js";
    const int fd = ::open(bad.constData(), O_CREAT | O_WRONLY, 0600);
    QVERIFY(fd >= 0);
    ::close(fd);
    QVERIFY(::mkdir((QFile::encodeName(r) + "/dir\xfe").constData(), 0700) == 0);
    const ScanResult res = Scanner().scan({r});
    QCOMPARE(displayPaths(res), QStringList({QStringLiteral("ok.js")}));
    QStringList reasons;
    for (const SkippedFile &f : res.skipped) reasons << f.reason;
    QCOMPARE(reasons, QStringList(2, QStringLiteral("name is not valid UTF-8: cannot be opened, not scanned")));
  }

  void missingPathsAreErrorsButOthersAreScanned() {
    QTemporaryDir tmp;
    writeFile(tmp.path() + QStringLiteral("/a.py"), "x = 1\n");
    const QString missing = tmp.path() + QStringLiteral("/nope.js");
    const ScanResult res = Scanner().scan({missing, tmp.path()});
    QCOMPARE(res.errors, QStringList({missing + QStringLiteral(": no such file or directory")}));
    QCOMPARE(displayPaths(res), QStringList({QStringLiteral("a.py")}));
    QCOMPARE(reasonFor(res, missing), QStringLiteral("no such file or directory"));
  }

  void filesAsGivenAndSeveralFolders() {
    QTemporaryDir tmp;
    const QString r = tmp.path();
    writeFile(r + QStringLiteral("/one/index.js"));
    writeFile(r + QStringLiteral("/two/index.js"));
    writeFile(r + QStringLiteral("/notes.txt"), "text\n");
    QDir::setCurrent(r);
    const ScanResult res = Scanner().scan(
        {QStringLiteral("two"), QStringLiteral("./one/"), QStringLiteral("one/index.js"), QStringLiteral("notes.txt")});
    // One file once (the first way it was named wins); folders prefixed since there are two.
    QCOMPARE(displayPaths(res),
             QStringList({QStringLiteral("notes.txt"), QStringLiteral("one/index.js"), QStringLiteral("two/index.js")}));

    const ScanResult single = Scanner().scan({QStringLiteral("./one")});
    QCOMPARE(displayPaths(single), QStringList({QStringLiteral("index.js")}));
  }

  // What the Analyzer refuses to parse, and why (the scanner leaves contents alone).
  void unreadableReasons_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    QTest::newRow("ascii") << QByteArray("const a = 1;\n") << QString();
    QTest::newRow("utf-8") << QByteArray("const s = 'café 😀';\n") << QString();
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("elf header") << QByteArray("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0>\0", 20)
                                << QStringLiteral("binary file");
    QTest::newRow("utf-16") << QByteArray("\xff\xfe" "a\0", 4) << QStringLiteral("UTF-16 text");
    QTest::newRow("latin-1 on line 2") << QByteArray("ok\ncaf\xe9\n") << QStringLiteral("invalid UTF-8");
    QTest::newRow("truncated sequence") << QByteArray("a\xe2\x82") << QStringLiteral("invalid UTF-8");
    QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << QStringLiteral("invalid UTF-8");
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << QStringLiteral("invalid UTF-8");
    QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << QStringLiteral("invalid UTF-8");
  }
  void unreadableReasons() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    // Reasons may carry detail after the fixed start ("invalid UTF-8 (line 2)").
    const QString got = unreadableReason(bytes);
    if (reason.isEmpty()) QVERIFY2(got.isEmpty(), qPrintable(got));
    else QVERIFY2(got.startsWith(reason), qPrintable(got));
  }

  void unreadableFolderIsReported() {
    if (::geteuid() == 0) QSKIP("permissions do not bind root");
    QTemporaryDir tmp;
    writeFile(tmp.path() + QStringLiteral("/locked/a.js"));
    QVERIFY(QFile::setPermissions(tmp.path() + QStringLiteral("/locked"), QFileDevice::WriteOwner));
    const ScanResult res = Scanner().scan({tmp.path()});
    QFile::setPermissions(tmp.path() + QStringLiteral("/locked"),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QCOMPARE(reasonFor(res, QStringLiteral("locked")), QStringLiteral("cannot list folder: permission denied"));
  }
};

QTEST_GUILESS_MAIN(TestScanner)
#include "test_scanner.moc"
