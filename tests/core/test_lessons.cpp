// The content linter: lessons are data and tests at once (as `rustlings dev check` does
// for exercises). Every wrong example must be flagged with exactly its own rule, every
// correct one with nothing, every fix-it solution must pass, and the manifests, quiz
// answers, headings and references must hold together. The lessons are read from the
// source tree, so an author sees a broken lesson here before it is compiled in.
#include "language/language.h"
#include "lessons/lessonformat.h"
#include "lessons/lessonrepository.h"
#include "project/analyzer.h"
#include "rules/rule.h"
#include "syntax/document.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

#include <algorithm>
#include <vector>

using namespace cio;

namespace {

QString lessonsDir() { return QStringLiteral(CIO_SOURCE_DIR "/lessons"); }

const QStringList kCategories = {QStringLiteral("data quality"), QStringLiteral("identity"),
                                 QStringLiteral("security"),     QStringLiteral("reliability"),
                                 QStringLiteral("deliverability"), QStringLiteral("compliance")};

// The language that parses an example folder's files or a quiz snippet's `language`.
const Language &languageFor(const QString &key) { return LanguageRegistry::byKey(key); }

struct Outcome {
  bool parsed = false;
  bool syntaxErrors = false;
  QStringList findings;  // "CIO002@14 message"
  QSet<QString> ruleIds;
};

void collect(const AnalysisResult &r, Outcome *o) {
  for (const Finding &f : r.findings) {
    o->findings << QStringLiteral("%1@%2 %3").arg(f.ruleId).arg(f.line).arg(f.message);
    o->ruleIds.insert(f.ruleId);
  }
}

// As the playground sees it: one snippet, where project-level rules that conclude from
// an absence elsewhere (CIO008) stay silent.
Outcome analyze(const QString &path, const QString &text, const Language &lang) {
  Outcome o;
  Document doc(lang, text.toUtf8());
  o.parsed = doc.parse();
  if (!o.parsed) return o;
  o.syntaxErrors = doc.hasSyntaxErrors();
  collect(Analyzer().analyzeDocument(doc, path), &o);
  return o;
}

// As `cio-lint` sees a project made of this one file: every rule runs.
Outcome analyzeAsProject(const QString &path, const QString &text) {
  Outcome o;
  const AnalysisResult r = Analyzer().analyzeFiles({SourceFile{path, path, text.toUtf8()}});
  o.parsed = r.skipped.empty();
  collect(r, &o);
  return o;
}

QString describe(const Outcome &o) {
  return o.findings.isEmpty() ? QStringLiteral("no findings") : o.findings.join(QStringLiteral("; "));
}

// Every lesson, loaded from the source tree only (not the compiled-in copy).
const LessonRepository &diskRepository() {
  static const LessonRepository repo = [] {
    LessonRepository r{LessonRepository::Empty{}};
    r.addSearchPath(lessonsDir());
    return r;
  }();
  return repo;
}

QStringList lessonFolders() {
  return QDir(lessonsDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

}  // namespace

class TestLessons : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    QVERIFY2(QDir(lessonsDir()).exists(), "lessons/ folder missing");
    QVERIFY2(!lessonFolders().isEmpty(), "no lessons");
  }

  void loadsWithoutErrors() {
    const QStringList errors = diskRepository().errors();
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QCOMPARE(diskRepository().lessons().size(), lessonFolders().size());
  }

  // The embedded bundle is the same content as the source tree.
  void embeddedMatchesSourceTree() {
    const LessonRepository embedded;
    QVERIFY2(embedded.errors().isEmpty(), qPrintable(embedded.errors().join(QLatin1Char('\n'))));
    QCOMPARE(embedded.lessonIds(), diskRepository().lessonIds());
    for (const Lesson &l : embedded.lessons()) {
      QVERIFY(l.origin.startsWith(QLatin1String(":/lessons/")));
      const Lesson d = diskRepository().lesson(l.id);
      QCOMPARE(l.markdown, d.markdown);
      QCOMPARE(l.quiz.size(), d.quiz.size());
      QCOMPARE(l.examples.keys(), d.examples.keys());
    }
    QCOMPARE(embedded.curriculum().lessonIds(), diskRepository().curriculum().lessonIds());
    QCOMPARE(embedded.tracks().size(), diskRepository().tracks().size());
  }

  // lessons/ holds the two manifests and one folder per lesson, nothing else; ids are
  // unique across folders.
  void noStrayEntriesAndUniqueIds() {
    QStringList problems;
    static const QRegularExpression folderRe(QStringLiteral(R"(^(CIO\d{3})-[a-z0-9]+(-[a-z0-9]+)*$)"));
    QMap<QString, QString> folderById;
    const QDir dir(lessonsDir());
    for (const QFileInfo &fi :
         dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot)) {
      const QString name = fi.fileName();
      if (fi.isFile() && (name == QLatin1String("order.json") || name == QLatin1String("tracks.json"))) continue;
      const QRegularExpressionMatch m = folderRe.match(name);
      if (!fi.isDir() || !m.hasMatch()) {
        problems << QStringLiteral("stray entry lessons/%1 (only order.json, tracks.json and CIOnnn-name/)").arg(name);
        continue;
      }
      if (!QFileInfo::exists(fi.filePath() + QStringLiteral("/lesson.json")))
        problems << QStringLiteral("lessons/%1 has no lesson.json").arg(name);
      const QString id = m.captured(1);
      if (folderById.contains(id))
        problems << QStringLiteral("id %1 used by %2 and %3").arg(id, folderById.value(id), name);
      folderById.insert(id, name);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
  }

  void lesson_data() {
    QTest::addColumn<QString>("folder");
    for (const QString &f : lessonFolders()) QTest::newRow(qPrintable(f)) << f;
  }

  // lesson.json, lesson.md and the folder layout.
  void lesson() {
    QFETCH(QString, folder);
    const QString dirPath = lessonsDir() + QLatin1Char('/') + folder;
    QStringList problems;
    QStringList loadErrors;
    const Lesson l = LessonRepository::loadLesson(dirPath, &loadErrors);
    problems += loadErrors;
    QVERIFY2(l.isValid(), qPrintable(problems.join(QLatin1Char('\n'))));

    static const QRegularExpression idRe(QStringLiteral(R"(^CIO\d{3}$)"));
    static const QRegularExpression nameRe(QStringLiteral(R"(^[a-z0-9]+(-[a-z0-9]+)*$)"));
    if (!idRe.match(l.id).hasMatch()) problems << QStringLiteral("id \"%1\" is not CIO + 3 digits").arg(l.id);
    if (!nameRe.match(l.name).hasMatch()) problems << QStringLiteral("name \"%1\" is not kebab-case").arg(l.name);
    if (folder != l.id + QLatin1Char('-') + l.name)
      problems << QStringLiteral("folder must be named %1-%2").arg(l.id, l.name);
    if (l.title.trimmed().isEmpty()) problems << QStringLiteral("no title");
    if (l.summary.trimmed().isEmpty()) problems << QStringLiteral("no summary");
    if (!kCategories.contains(l.category)) problems << QStringLiteral("category \"%1\" unknown").arg(l.category);
    if (const Rule *r = findRule(l.id)) {
      if (r->info().name != l.name) problems << QStringLiteral("rule %1 is named %2").arg(l.id, r->info().name);
      if (r->info().defaultSeverity != l.severity)
        problems << QStringLiteral("rule %1 has severity %2").arg(l.id, severityName(r->info().defaultSeverity));
    }

    // References: Customer.io's own documentation pages, over https (docs.customer.io,
    // or the older customer.io/docs/ tree), as a browser opens them: not .md sources.
    if (l.references.isEmpty()) problems << QStringLiteral("no references");
    for (const LessonReference &r : l.references) {
      const QUrl url(r.url);
      if (r.title.trimmed().isEmpty()) problems << QStringLiteral("reference without a title: %1").arg(r.url);
      if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty())
        problems << QStringLiteral("reference is not an https URL: %1").arg(r.url);
      const bool docs = url.host() == QLatin1String("docs.customer.io") ||
                        (url.host() == QLatin1String("customer.io") && url.path().startsWith(QLatin1String("/docs/")));
      if (!docs) problems << QStringLiteral("reference is not Customer.io documentation: %1").arg(r.url);
      if (url.path().endsWith(QLatin1String(".md")))
        problems << QStringLiteral("reference is a Markdown source, link the page: %1").arg(r.url);
    }
    // Links in the text obey the same rule.
    static const QRegularExpression linkRe(QStringLiteral(R"(\]\((https?://[^)\s]+)\))"));
    for (auto m = linkRe.globalMatch(l.markdown); m.hasNext();) {
      const QUrl url(m.next().captured(1));
      if (url.host() != QLatin1String("docs.customer.io") && url.host() != QLatin1String("customer.io"))
        problems << QStringLiteral("lesson.md links outside Customer.io's documentation: %1").arg(url.toString());
    }

    // lesson.md: the title, then the five headings, in order, none empty.
    if (!l.markdown.startsWith(QStringLiteral("# ") + l.title))
      problems << QStringLiteral("lesson.md must start with \"# %1\"").arg(l.title);
    QStringList headings;
    for (const auto &s : l.sections) headings << s.first;
    if (headings != lessonHeadings())
      problems << QStringLiteral("lesson.md headings are [%1], expected [%2]")
                      .arg(headings.join(QStringLiteral(", ")), lessonHeadings().join(QStringLiteral(", ")));
    for (const auto &s : l.sections)
      if (s.second.trimmed().isEmpty()) problems << QStringLiteral("section \"%1\" is empty").arg(s.first);
    for (const LessonReference &r : l.references)
      if (!l.section(QStringLiteral("References")).contains(r.url))
        problems << QStringLiteral("References section does not cite %1").arg(r.url);

    // Examples: one folder per language in lesson.json, nothing else.
    for (const QString &lang : l.languages) {
      if (!languageFor(lang).isValid()) problems << QStringLiteral("language \"%1\" unknown").arg(lang);
      if (!l.examples.contains(lang)) problems << QStringLiteral("no examples/%1/").arg(lang);
    }
    for (const QString &lang : l.examples.keys())
      if (!l.languages.contains(lang)) problems << QStringLiteral("examples/%1/ is not in lesson.json languages").arg(lang);

    // No stray files: only the files the lesson format knows.
    QDirIterator it(dirPath, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
      const QString rel = QDir(dirPath).relativeFilePath(it.next());
      if (rel == QLatin1String("lesson.json") || rel == QLatin1String("lesson.md") || rel == QLatin1String("quiz.json"))
        continue;
      const QStringList parts = rel.split(QLatin1Char('/'));
      bool known = false;
      if (parts.size() == 3 && parts[0] == QLatin1String("examples")) {
        const Language &lang = languageFor(parts[1]);
        const QFileInfo fi(parts[2]);
        known = lang.isValid() && lang.extensions.contains(fi.suffix()) &&
                (fi.completeBaseName() == QLatin1String("wrong") || fi.completeBaseName() == QLatin1String("correct"));
      }
      if (!known) problems << QStringLiteral("stray file %1").arg(rel);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
  }

  void quiz_data() { lesson_data(); }

  // Quiz questions are well formed: enough of them, of enough kinds, answers in range.
  void quiz() {
    QFETCH(QString, folder);
    const Lesson l = diskRepository().lesson(folder);
    QVERIFY(l.isValid());
    QStringList problems;
    QSet<QString> ids, kinds;
    static const QRegularExpression idRe(QStringLiteral(R"(^[a-z0-9]+(-[a-z0-9]+)*$)"));
    for (const QuizQuestion &q : l.quiz) {
      const QString where = QStringLiteral("question \"%1\"").arg(q.id);
      if (!idRe.match(q.id).hasMatch()) problems << where + QStringLiteral(": id must be kebab-case");
      if (ids.contains(q.id)) problems << where + QStringLiteral(": duplicate id");
      ids.insert(q.id);
      kinds.insert(QuizQuestion::kindName(q.kind));
      if (q.prompt.trimmed().isEmpty()) problems << where + QStringLiteral(": no prompt");
      switch (q.kind) {
        case QuizQuestion::Kind::MultipleChoice:
          if (q.choices.size() < 3) problems << where + QStringLiteral(": needs at least 3 choices");
          if (q.answer < 0 || q.answer >= q.choices.size()) problems << where + QStringLiteral(": answer out of range");
          if (q.explanations.size() != q.choices.size())
            problems << where + QStringLiteral(": needs one explanation per choice");
          for (const QString &e : q.explanations)
            if (e.trimmed().isEmpty()) problems << where + QStringLiteral(": empty explanation");
          break;
        case QuizQuestion::Kind::TrueFalse:
          if (q.why.trimmed().isEmpty()) problems << where + QStringLiteral(": no \"why\"");
          break;
        case QuizQuestion::Kind::SpotTheLine: {
          const int lineCount = static_cast<int>(q.code.split(QLatin1Char('\n')).size());
          if (q.lines.isEmpty()) problems << where + QStringLiteral(": no lines");
          for (int line : q.lines)
            if (line < 1 || line > lineCount) problems << where + QStringLiteral(": line %1 out of range").arg(line);
          if (q.explanation.trimmed().isEmpty()) problems << where + QStringLiteral(": no explanation");
          if (!languageFor(q.language).isValid()) problems << where + QStringLiteral(": unknown language");
          break;
        }
        case QuizQuestion::Kind::FixIt:
          if (q.rule != l.id) problems << where + QStringLiteral(": rule must be %1").arg(l.id);
          if (!languageFor(q.language).isValid()) problems << where + QStringLiteral(": unknown language");
          if (q.code.trimmed().isEmpty() || q.solution.trimmed().isEmpty())
            problems << where + QStringLiteral(": needs code and solution");
          if (q.mustContain.isEmpty()) problems << where + QStringLiteral(": no must_contain");
          for (const QString &s : q.mustContain)
            if (!q.solution.contains(s)) problems << where + QStringLiteral(": solution lacks \"%1\"").arg(s);
          if (q.hints.size() < 2) problems << where + QStringLiteral(": needs at least 2 hints");
          if (!q.hints.isEmpty() && !q.hints.last().contains(QLatin1String("lesson")))
            problems << where + QStringLiteral(": the last hint must point to the lesson");
          break;
        case QuizQuestion::Kind::Unknown:
          problems << where + QStringLiteral(": unknown kind");
          break;
      }
    }
    if (l.quiz.size() < 4) problems << QStringLiteral("%1 questions, need at least 4").arg(l.quiz.size());
    if (kinds.size() < 3) problems << QStringLiteral("%1 kinds of question, need at least 3").arg(kinds.size());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
  }

  void snippets_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("code");
    for (const Lesson &l : diskRepository().lessons()) {
      for (const LessonExample &ex : l.examples) {
        QTest::newRow(qPrintable(QStringLiteral("%1/%2/%3").arg(l.folder, ex.language, ex.wrongFile)))
            << ex.language << ex.wrong;
        QTest::newRow(qPrintable(QStringLiteral("%1/%2/%3").arg(l.folder, ex.language, ex.correctFile)))
            << ex.language << ex.correct;
      }
      for (const QuizQuestion &q : l.quiz) {
        if (!q.code.isEmpty())
          QTest::newRow(qPrintable(QStringLiteral("%1/quiz/%2/code").arg(l.folder, q.id))) << q.language << q.code;
        if (!q.solution.isEmpty())
          QTest::newRow(qPrintable(QStringLiteral("%1/quiz/%2/solution").arg(l.folder, q.id)))
              << q.language << q.solution;
      }
    }
  }

  // Every snippet a learner sees is real code: it parses without syntax errors.
  void snippets() {
    QFETCH(QString, language);
    QFETCH(QString, code);
    const Language &lang = languageFor(language);
    QVERIFY2(lang.isValid(), qPrintable(QStringLiteral("unknown language %1").arg(language)));
    Document doc(lang, code.toUtf8());
    QVERIFY2(doc.parse(), qPrintable(doc.errorString()));
    QVERIFY2(!doc.hasSyntaxErrors(), "snippet has syntax errors");
  }

  void examples_data() {
    QTest::addColumn<QString>("lessonId");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("wrong");
    for (const Lesson &l : diskRepository().lessons())
      for (const LessonExample &ex : l.examples) {
        QTest::newRow(qPrintable(QStringLiteral("%1/%2/%3").arg(l.folder, ex.language, ex.wrongFile)))
            << l.id << ex.language << ex.wrongFile << ex.wrong << true;
        QTest::newRow(qPrintable(QStringLiteral("%1/%2/%3").arg(l.folder, ex.language, ex.correctFile)))
            << l.id << ex.language << ex.correctFile << ex.correct << false;
      }
  }

  // The lessons are fixtures: wrong.* yields exactly its own rule, correct.* nothing.
  void examples() {
    QFETCH(QString, lessonId);
    QFETCH(QString, language);
    QFETCH(QString, file);
    QFETCH(QString, code);
    QFETCH(bool, wrong);
    const Outcome snippet = analyze(file, code, languageFor(language));
    const Outcome project = analyzeAsProject(file, code);
    QVERIFY(snippet.parsed);
    QVERIFY(project.parsed);
    if (wrong) {
      QVERIFY2(project.ruleIds == QSet<QString>{lessonId},
               qPrintable(QStringLiteral("as a project: expected exactly %1, got: %2").arg(lessonId, describe(project))));
      QVERIFY2(snippet.ruleIds.isEmpty() || snippet.ruleIds == QSet<QString>{lessonId},
               qPrintable(QStringLiteral("as a snippet: expected only %1, got: %2").arg(lessonId, describe(snippet))));
    } else {
      QVERIFY2(project.findings.isEmpty(),
               qPrintable(QStringLiteral("as a project: expected no findings, got: %1").arg(describe(project))));
      QVERIFY2(snippet.findings.isEmpty(),
               qPrintable(QStringLiteral("as a snippet: expected no findings, got: %1").arg(describe(snippet))));
    }
  }

  // The correct example tells the same story as the wrong one, changed only by the fix:
  // most of the wrong example's lines are still there, in order (longest common
  // subsequence of lines).
  void correctDiffersOnlyByTheFix() {
    QStringList problems;
    for (const Lesson &l : diskRepository().lessons())
      for (const LessonExample &ex : l.examples) {
        const QStringList a = ex.wrong.split(QLatin1Char('\n'));
        const QStringList b = ex.correct.split(QLatin1Char('\n'));
        std::vector<std::vector<int>> lcs(a.size() + 1, std::vector<int>(b.size() + 1, 0));
        for (qsizetype i = a.size() - 1; i >= 0; --i)
          for (qsizetype j = b.size() - 1; j >= 0; --j)
            lcs[i][j] = a[i].trimmed() == b[j].trimmed() ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
        const double kept = static_cast<double>(lcs[0][0]) / static_cast<double>(a.size());
        if (kept < 0.4)
          problems << QStringLiteral("%1/%2: correct keeps only %3% of the wrong example's lines")
                          .arg(l.folder, ex.language)
                          .arg(qRound(kept * 100));
      }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
  }

  void fixIt_data() {
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("solution");
    for (const Lesson &l : diskRepository().lessons())
      for (const QuizQuestion &q : l.quiz)
        if (q.kind == QuizQuestion::Kind::FixIt)
          QTest::newRow(qPrintable(QStringLiteral("%1/%2").arg(l.folder, q.id))) << q.rule << q.language << q.code
                                                                                  << q.solution;
  }

  // A fix-it exercise starts from code the rule flags and its model answer passes.
  void fixIt() {
    QFETCH(QString, rule);
    QFETCH(QString, language);
    QFETCH(QString, code);
    QFETCH(QString, solution);
    const Language &lang = languageFor(language);
    const QString file = QStringLiteral("exercise.") + lang.extensions.value(0);
    const Outcome before = analyzeAsProject(file, code);
    QVERIFY2(before.ruleIds == QSet<QString>{rule},
             qPrintable(QStringLiteral("starting code: expected exactly %1, got: %2").arg(rule, describe(before))));
    const Outcome after = analyzeAsProject(file, solution);
    QVERIFY2(after.findings.isEmpty(),
             qPrintable(QStringLiteral("solution: expected no findings, got: %1").arg(describe(after))));
    const Outcome afterInPlayground = analyze(file, solution, lang);
    QVERIFY2(afterInPlayground.findings.isEmpty(),
             qPrintable(QStringLiteral("solution as a snippet: expected no findings, got: %1").arg(describe(afterInPlayground))));
  }

  void spotTheLine_data() {
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QList<int>>("lines");
    for (const Lesson &l : diskRepository().lessons())
      for (const QuizQuestion &q : l.quiz)
        if (q.kind == QuizQuestion::Kind::SpotTheLine)
          QTest::newRow(qPrintable(QStringLiteral("%1/%2").arg(l.folder, q.id))) << l.id << q.language << q.code
                                                                                  << q.lines;
  }

  // Where the analyzer sees the lesson's pitfall in a spot-the-line snippet, it agrees
  // with the answer: every finding of the rule starts on one of the answer's lines.
  void spotTheLine() {
    QFETCH(QString, rule);
    QFETCH(QString, language);
    QFETCH(QString, code);
    QFETCH(QList<int>, lines);
    const Language &lang = languageFor(language);
    const Outcome o = analyzeAsProject(QStringLiteral("quiz.") + lang.extensions.value(0), code);
    QVERIFY(o.parsed);
    for (const QString &f : o.findings) {
      if (!f.startsWith(rule + QLatin1Char('@'))) continue;
      const int line = f.section(QLatin1Char('@'), 1).section(QLatin1Char(' '), 0, 0).toInt();
      QVERIFY2(lines.contains(line), qPrintable(QStringLiteral("the analyzer reports %1, not on an answer line").arg(f)));
    }
  }

  // Every rule teaches through a lesson and every lesson belongs to a rule.
  void rulesAndLessonsMatch() {
    QStringList problems;
    QStringList ruleIds;
    for (const auto &r : builtinRules()) {
      ruleIds << r->info().id;
      const Lesson l = diskRepository().lesson(r->info().id);
      if (!l.isValid()) problems << QStringLiteral("rule %1 has no lesson").arg(r->info().id);
      else if (l.folder != r->info().lessonId())
        problems << QStringLiteral("rule %1 links lesson %2, the folder is %3").arg(r->info().id, r->info().lessonId(), l.folder);
    }
    for (const QString &id : diskRepository().lessonIds())
      if (!ruleIds.contains(id)) problems << QStringLiteral("lesson %1 has no built-in rule").arg(id);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
  }

  // order.json lists every lesson exactly once; tracks name only real lessons.
  void manifests() {
    QStringList problems;
    const QStringList all = diskRepository().lessonIds();
    QVERIFY2(QFile::exists(lessonsDir() + QStringLiteral("/order.json")), "lessons/order.json missing");
    QVERIFY2(QFile::exists(lessonsDir() + QStringLiteral("/tracks.json")), "lessons/tracks.json missing");
    const Curriculum c = diskRepository().curriculum();
    QStringList ordered = c.lessonIds();
    for (const CurriculumSection &s : c.sections) {
      if (s.title.trimmed().isEmpty()) problems << QStringLiteral("order.json: a section without a title");
      if (s.lessonIds.isEmpty()) problems << QStringLiteral("order.json: section \"%1\" is empty").arg(s.title);
    }
    for (const QString &id : all)
      if (ordered.count(id) != 1) problems << QStringLiteral("order.json lists %1 %2 times").arg(id).arg(ordered.count(id));
    for (const QString &id : ordered)
      if (!all.contains(id)) problems << QStringLiteral("order.json names unknown lesson %1").arg(id);

    const QList<Track> tracks = diskRepository().tracks();
    if (tracks.isEmpty()) problems << QStringLiteral("tracks.json has no tracks");
    QSet<QString> trackIds;
    for (const Track &t : tracks) {
      if (trackIds.contains(t.id)) problems << QStringLiteral("tracks.json: duplicate track %1").arg(t.id);
      trackIds.insert(t.id);
      if (t.title.trimmed().isEmpty()) problems << QStringLiteral("track %1 has no title").arg(t.id);
      if (!t.language.isEmpty() && !languageFor(t.language).isValid())
        problems << QStringLiteral("track %1: unknown language %2").arg(t.id, t.language);
      if (t.lessonIds.isEmpty()) problems << QStringLiteral("track %1 is empty").arg(t.id);
      QSet<QString> seen;
      for (const QString &id : t.lessonIds) {
        if (!all.contains(id)) problems << QStringLiteral("track %1 names unknown lesson %2").arg(t.id, id);
        if (seen.contains(id)) problems << QStringLiteral("track %1 lists %2 twice").arg(t.id, id);
        seen.insert(id);
        const Lesson l = diskRepository().lesson(id);
        if (l.isValid() && !t.language.isEmpty() && !l.examples.contains(t.language))
          problems << QStringLiteral("track %1 (%2) includes %3, which has no %2 example").arg(t.id, t.language, id);
      }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
  }

  // --- the repository itself ---------------------------------------------------------

  void diskOverridesEmbedded() {
    const LessonRepository embedded;
    if (embedded.lessons().isEmpty()) QSKIP("no embedded lessons");
    const Lesson original = embedded.lessons().first();
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString folder = tmp.filePath(original.folder);
    QVERIFY(QDir().mkpath(folder));
    QFile src(original.origin + QStringLiteral("/lesson.json"));
    QVERIFY(src.open(QIODevice::ReadOnly));
    QJsonObject meta = QJsonDocument::fromJson(src.readAll()).object();
    meta.insert(QStringLiteral("title"), QStringLiteral("Edited on disk"));
    QFile dst(folder + QStringLiteral("/lesson.json"));
    QVERIFY(dst.open(QIODevice::WriteOnly));
    dst.write(QJsonDocument(meta).toJson());
    dst.close();
    QFile md(folder + QStringLiteral("/lesson.md"));
    QVERIFY(md.open(QIODevice::WriteOnly));
    md.write("# Edited on disk\n\n## What it is\n\nEdited.\n");
    md.close();

    LessonRepository repo;
    repo.addSearchPath(tmp.path());
    QCOMPARE(repo.lessons().size(), embedded.lessons().size());
    QCOMPARE(repo.lesson(original.id).title, QStringLiteral("Edited on disk"));
    QCOMPARE(repo.lesson(original.id).section(QStringLiteral("What it is")), QStringLiteral("Edited."));
    QCOMPARE(repo.lesson(original.id).origin, folder);
    // Other lessons keep coming from the binary.
    if (embedded.lessons().size() > 1) QVERIFY(repo.lessons().last().origin.startsWith(QLatin1Char(':')));
    repo.load();
    QCOMPARE(repo.lesson(original.id).title, QStringLiteral("Edited on disk"));
  }

  void brokenDataIsReportedNotFatal() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    QVERIFY(QDir().mkpath(tmp.filePath(QStringLiteral("CIO900-bad-json"))));
    QFile bad(tmp.filePath(QStringLiteral("CIO900-bad-json/lesson.json")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("{\"id\": \"CIO900\",\n \"name\": ");
    bad.close();
    QVERIFY(QDir().mkpath(tmp.filePath(QStringLiteral("CIO901-no-markdown"))));
    QFile noMd(tmp.filePath(QStringLiteral("CIO901-no-markdown/lesson.json")));
    QVERIFY(noMd.open(QIODevice::WriteOnly));
    noMd.write(R"({"id": "CIO901", "name": "no-markdown", "title": "No Markdown"})");
    noMd.close();
    QFile order(tmp.filePath(QStringLiteral("order.json")));
    QVERIFY(order.open(QIODevice::WriteOnly));
    order.write("[not json");
    order.close();

    LessonRepository repo{LessonRepository::Empty{}};
    repo.addSearchPath(tmp.path());
    repo.addSearchPath(tmp.filePath(QStringLiteral("does-not-exist")));
    QCOMPARE(repo.lessonIds(), QStringList{QStringLiteral("CIO901")});  // usable without its text
    const QString errors = repo.errors().join(QLatin1Char('\n'));
    QVERIFY2(errors.contains(QLatin1String("CIO900-bad-json/lesson.json:2: invalid JSON")), qPrintable(errors));
    QVERIFY2(errors.contains(QLatin1String("lesson.md")), qPrintable(errors));
    QVERIFY2(errors.contains(QLatin1String("order.json")), qPrintable(errors));
    QVERIFY2(errors.contains(QLatin1String("no such lessons folder")), qPrintable(errors));
    QVERIFY(!repo.lesson(QStringLiteral("CIO900")).isValid());
    QVERIFY(!repo.track(QStringLiteral("nope")).isValid());
    QCOMPARE(repo.curriculum().lessonIds(), QStringList{QStringLiteral("CIO901")});
  }

  void lookups() {
    const LessonRepository &repo = diskRepository();
    const Lesson byId = repo.lesson(QStringLiteral("cio002"));
    QVERIFY(byId.isValid());
    QCOMPARE(repo.lesson(QStringLiteral("millisecond-timestamp")).id, byId.id);
    QCOMPARE(repo.lesson(QStringLiteral("CIO002-millisecond-timestamp")).id, byId.id);
    QVERIFY(!repo.lesson(QStringLiteral("CIO999")).isValid());
    QVERIFY(!repo.lesson(QString()).isValid());
  }

  void explainEveryLesson_data() {
    QTest::addColumn<QString>("lessonId");
    QTest::addColumn<QString>("language");
    for (const Lesson &l : diskRepository().lessons())
      for (const QString &lang : l.examples.keys())
        QTest::newRow(qPrintable(QStringLiteral("%1/%2").arg(l.id, lang))) << l.id << lang;
  }

  // `cio-lint --explain` shows every lesson in every language it has: title, the four
  // text sections, both examples, the references; readable at 80 columns.
  void explainEveryLesson() {
    QFETCH(QString, lessonId);
    QFETCH(QString, language);
    const LessonRepository &repo = diskRepository();
    const Lesson l = repo.lesson(lessonId);
    QString text, error;
    QVERIFY2(explainRule(repo, lessonId, language, false, &text, &error), qPrintable(error));
    QVERIFY(text.contains(l.title));
    for (const QString &heading : lessonHeadings()) QVERIFY2(text.contains(heading.toUpper()), qPrintable(heading));
    const LessonExample ex = l.examples.value(language);
    QVERIFY(text.contains(QStringLiteral("Wrong (%1)").arg(ex.wrongFile)));
    QVERIFY(text.contains(QStringLiteral("Correct (%1)").arg(ex.correctFile)));
    for (const LessonReference &r : l.references) QVERIFY2(text.contains(r.url), qPrintable(r.url));
    for (const QString &line : text.split(QLatin1Char('\n')))
      if (!line.startsWith(QLatin1String("    ")) && !line.contains(QLatin1String("://")))
        QVERIFY2(line.size() <= 80, qPrintable(line));
  }

  // `cio-lint --explain`: readable at 80 columns, plain without colour, with the example.
  void terminalText() {
    const LessonRepository &repo = diskRepository();
    QString text, error;
    QVERIFY(explainRule(repo, QStringLiteral("CIO002"), QStringLiteral("py"), false, &text, &error));
    const Lesson l = repo.lesson(QStringLiteral("CIO002"));
    QVERIFY(text.contains(l.title));
    QVERIFY(text.contains(QLatin1String("WHAT IT IS")));
    QVERIFY(text.contains(QLatin1String("HOW TO FIX IT")));
    QVERIFY(text.contains(QLatin1String("Wrong (wrong.py)")));
    QVERIFY(text.contains(QLatin1String("Correct (correct.py)")));
    QVERIFY(!text.contains(QLatin1String("**")));
    QVERIFY(!text.contains(QLatin1Char('\x1b')));
    for (const QString &line : text.split(QLatin1Char('\n')))
      if (!line.startsWith(QLatin1String("    ")) && !line.contains(QLatin1String("://")))
        QVERIFY2(line.size() <= 80, qPrintable(line));
    const QString colored = formatLessonForTerminal(l, QStringLiteral("go"), true);
    QVERIFY(colored.contains(QLatin1Char('\x1b')));
    QVERIFY(colored.contains(QLatin1String("wrong.go")));
    QVERIFY(!explainRule(repo, QStringLiteral("CIO999"), QString(), false, &text, &error));
    QVERIFY(error.contains(QLatin1String("CIO999")));
    QVERIFY(formatRuleListForTerminal(repo, false).contains(l.title));
  }
};

QTEST_GUILESS_MAIN(TestLessons)
#include "test_lessons.moc"
