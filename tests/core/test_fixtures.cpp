// Fixture files with expectations in comments (the Semgrep / clang-tidy style):
//   a comment `ruleid: CIO002` stands directly above a line that must be flagged by
//   CIO002 (several ids: `ruleid: CIO006, CIO010`), `ok: CIO002` above code that must not
//   be, `todoruleid: CIO002` marks a known miss without failing. Any finding on a line
//   without a `ruleid` expectation fails the test: that is how false positives show.
// Every file under tests/fixtures/<language>/ is one data row.
#include "language/language.h"
#include "lessons/lessonrepository.h"
#include "project/analyzer.h"
#include "rules/rule.h"

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

using namespace cio;

namespace {

struct Expectations {
  QMap<int, QSet<QString>> mustFire;     // line -> rule ids
  QMap<int, QSet<QString>> mustNotFire;  // line -> rule ids
  QMap<int, QSet<QString>> knownMisses;  // line -> rule ids
};

bool isCommentLine(const QString &trimmed) {
  return trimmed.startsWith(QLatin1String("//")) || trimmed.startsWith(QLatin1Char('#')) ||
         trimmed.startsWith(QLatin1String("/*")) || trimmed.startsWith(QLatin1Char('*'));
}

Expectations readExpectations(const QString &text) {
  static const QRegularExpression re(QStringLiteral(R"(\b(ruleid|ok|todoruleid):\s*((?:CIO\d{3}[\s,]*)+))"));
  static const QRegularExpression idRe(QStringLiteral(R"(CIO\d{3})"));
  Expectations e;
  const QStringList lines = text.split(QLatin1Char('\n'));
  QList<QPair<QString, QSet<QString>>> pending;
  for (int i = 0; i < lines.size(); ++i) {
    const QString trimmed = lines[i].trimmed();
    const auto m = re.match(lines[i]);
    if (m.hasMatch() && isCommentLine(trimmed)) {
      QSet<QString> ids;
      auto it = idRe.globalMatch(m.captured(2));
      while (it.hasNext()) ids.insert(it.next().captured());
      pending.append({m.captured(1), ids});
      continue;
    }
    if (trimmed.isEmpty() || isCommentLine(trimmed)) continue;
    for (const auto &p : pending) {
      auto &target = p.first == QLatin1String("ruleid") ? e.mustFire
                     : p.first == QLatin1String("ok")   ? e.mustNotFire
                                                        : e.knownMisses;
      target[i + 1].unite(p.second);
    }
    pending.clear();
  }
  return e;
}

QString fixturesDir() { return QStringLiteral(CIO_FIXTURES_DIR); }

// Everything a user sees of the findings: rule, place, message, fixes, related places.
QString describeFindings(const AnalysisResult &r) {
  QStringList out;
  for (const Finding &f : r.findings) {
    QString line = QStringLiteral("%1 %2:%3-%4:%5 %6")
                       .arg(f.ruleId)
                       .arg(f.line)
                       .arg(f.column)
                       .arg(f.endLine)
                       .arg(f.endColumn)
                       .arg(f.message);
    for (const Fix &fix : f.fixes) {
      line += QStringLiteral(" | fix ") + fix.title;
      for (const TextEdit &e : fix.edits)
        line += QStringLiteral(" [%1,%2)=%3").arg(e.range.startByte).arg(e.range.endByte).arg(e.replacement);
    }
    for (const auto &[file, at] : f.related) line += QStringLiteral(" | related %1:%2").arg(file).arg(at);
    out << line;
  }
  for (const SkippedFile &s : r.skipped) out << QStringLiteral("skipped %1").arg(s.reason);
  return out.join(QLatin1Char('\n'));
}

}  // namespace

class TestFixtures : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void fixture_data() {
    QTest::addColumn<QString>("path");
    QDirIterator it(fixturesDir(), QDir::Files, QDirIterator::Subdirectories);
    QStringList paths;
    while (it.hasNext()) {
      const QString p = it.next();
      const QString rel = QDir(fixturesDir()).relativeFilePath(p);
      if (rel.startsWith(QLatin1String("projects/"))) continue;  // whole projects: CLI tests
      if (LanguageRegistry::forPath(p).isValid()) paths << p;
    }
    paths.sort();
    if (paths.isEmpty()) QSKIP("no fixtures yet");
    for (const QString &p : paths) QTest::newRow(qPrintable(QDir(fixturesDir()).relativeFilePath(p))) << p;
  }

  void fixture() {
    QFETCH(QString, path);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray source = f.readAll();
    const Expectations exp = readExpectations(QString::fromUtf8(source));

    const Language &lang = LanguageRegistry::forPath(path);
    Document doc(lang, source);
    QVERIFY(doc.parse());
    QVERIFY2(!doc.hasSyntaxErrors(), "a fixture must parse without syntax errors");

    // `cio-fixture: project` in a fixture analyses it as a whole project (as cio-lint
    // does), so project-level rules that judge absence (CIO008) run too.
    const bool project = source.contains("cio-fixture: project");
    const AnalysisResult r = project ? Analyzer().analyzeFiles({SourceFile{path, path, source}})
                                     : Analyzer().analyzeDocument(doc, path);
    QMap<int, QSet<QString>> actual;
    for (const Finding &fi : r.findings) actual[fi.line].insert(fi.ruleId);

    QStringList problems;
    for (const Finding &fi : r.findings)
      if (fi.message.isEmpty() || fi.message.at(0).isUpper() || fi.message.endsWith(QLatin1Char('.')))
        problems << QStringLiteral("line %1: %2 message must start lower-case and end without a period: %3")
                        .arg(fi.line).arg(fi.ruleId, fi.message);
    for (auto it = exp.mustFire.begin(); it != exp.mustFire.end(); ++it)
      for (const QString &id : it.value())
        if (!actual.value(it.key()).contains(id))
          problems << QStringLiteral("line %1: expected %2, not reported (miss)").arg(it.key()).arg(id);
    for (auto it = exp.mustNotFire.begin(); it != exp.mustNotFire.end(); ++it)
      for (const QString &id : it.value())
        if (actual.value(it.key()).contains(id))
          problems << QStringLiteral("line %1: %2 reported on an `ok` line (false positive)").arg(it.key()).arg(id);
    for (const Finding &fi : r.findings) {
      if (exp.mustFire.value(fi.line).contains(fi.ruleId) || exp.knownMisses.value(fi.line).contains(fi.ruleId))
        continue;
      if (exp.mustNotFire.value(fi.line).contains(fi.ruleId)) continue;  // already counted above
      problems << QStringLiteral("line %1: unexpected %2 \"%3\" (false positive)").arg(fi.line).arg(fi.ruleId, fi.message);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
  }

  // A file analysed on its own skips the statements that cannot change its findings
  // (syntax/statements.h). Every fixture and lesson example must get exactly the
  // findings the whole-file extraction gets, on its own and inside unrelated code that
  // uses common names (app, db, router, user, the browser's document).
  void relevantStatementsAgreeWithWholeFile_data() {
    QTest::addColumn<QString>("path");
    QStringList paths;
    // tests/core/alone: snippets written to break the statement selection (clients bound
    // in blocks, implicit globals, globalThis, `import x = require`, router middleware).
    for (const QString &dir : {fixturesDir(), QStringLiteral(CIO_SOURCE_DIR "/lessons"),
                               QStringLiteral(CIO_SOURCE_DIR "/tests/core/alone")}) {
      QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
      while (it.hasNext()) {
        const QString p = it.next();
        if (p.contains(QLatin1String("/projects/"))) continue;
        if (LanguageRegistry::forPath(p).isValid()) paths << p;
      }
    }
    paths.sort();
    QVERIFY(paths.size() > 100);
    for (const QString &p : paths) QTest::newRow(qPrintable(p.section(QLatin1Char('/'), -4))) << p;
  }

  void relevantStatementsAgreeWithWholeFile() {
    QFETCH(QString, path);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray source = f.readAll();
    const Language &lang = LanguageRegistry::forPath(path);
    QList<QByteArray> variants{source};
    if (lang.id == LanguageId::JavaScript || lang.id == LanguageId::TypeScript || lang.id == LanguageId::Tsx) {
      const QByteArray before = R"(
const db = require('./db');
const _ = require('lodash');
function total(rows) { return _.sumBy(rows, (r) => r.amount); }
async function loadUser(id) { const user = await db.users.find(id); return user; }
const router = { routes: [] };
router.routes.push({ path: '/health', run: () => 'ok' });
)";
      const QByteArray after = R"(
async function report(req, res) {
  const user = await loadUser(req.params.id);
  res.json({ total: total(await db.orders(user.id)) });
}
function renderTitle(title) { return title.trim() || document.title; }
module.exports.report = report;
)";
      // Statements may only move apart: keep a leading directive first.
      if (source.trimmed().startsWith("'use") || source.trimmed().startsWith("\"use"))
        variants << source + after;
      else
        variants << before + source + after;
    }
    for (const QByteArray &text : variants) {
      Document doc(lang, text);
      QVERIFY(doc.parse());
      const Analyzer analyzer;
      // (Snippets typed halfway may have syntax errors: both extractions see the same tree.)
      const QString relevant = describeFindings(analyzer.analyzeDocument(doc, path));
      const QString whole = describeFindings(analyzer.analyzeDocument(doc, path, Analyzer::Extraction::WholeFile));
      QCOMPARE(relevant, whole);
    }
  }

  // The fixture standard: enough positives and negatives per rule and language.
  void coverage() {
    struct Count {
      int positives = 0, negatives = 0;
    };
    QMap<QString, QMap<QString, Count>> counts;  // language folder -> rule -> counts
    QDirIterator it(fixturesDir(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
      const QString p = it.next();
      const QString rel = QDir(fixturesDir()).relativeFilePath(p);
      if (rel.startsWith(QLatin1String("projects/")) || !LanguageRegistry::forPath(p).isValid()) continue;
      QFile f(p);
      QVERIFY(f.open(QIODevice::ReadOnly));
      const Expectations e = readExpectations(QString::fromUtf8(f.readAll()));
      const QString langDir = rel.section(QLatin1Char('/'), 0, 0);
      for (const auto &ids : e.mustFire)
        for (const QString &id : ids) ++counts[langDir][id].positives;
      for (const auto &ids : e.mustNotFire)
        for (const QString &id : ids) ++counts[langDir][id].negatives;
    }
    const QMap<QString, int> minimum = {{QStringLiteral("javascript"), 6},
                                        {QStringLiteral("python"), 4},
                                        {QStringLiteral("ruby"), 4},
                                        {QStringLiteral("go"), 4}};
    const LessonRepository lessons;
    QStringList gaps;
    for (auto lang = minimum.begin(); lang != minimum.end(); ++lang) {
      const int need = lang.value();
      for (const auto &rule : builtinRules()) {
        // A rule is owed fixtures in the languages its lesson teaches (CIO014 is JS/TS only).
        const Lesson lesson = lessons.lesson(rule->info().id);
        if (lesson.isValid() && !lesson.languages.contains(lang.key())) continue;
        const Count c = counts.value(lang.key()).value(rule->info().id);
        if (c.positives < need || c.negatives < need)
          gaps << QStringLiteral("%1 %2: %3 positives, %4 negatives (need %5 each)")
                      .arg(lang.key(), rule->info().id)
                      .arg(c.positives)
                      .arg(c.negatives)
                      .arg(need);
      }
    }
    if (!gaps.isEmpty()) qWarning().noquote() << "fixture coverage gaps:\n" + gaps.join(QLatin1Char('\n'));
    QVERIFY2(gaps.isEmpty(), "every rule needs enough positive and negative fixtures in every language");
  }
};

QTEST_GUILESS_MAIN(TestFixtures)
#include "test_fixtures.moc"
