// Quiz sessions and saved progress: grading of every question kind, fix-it checks through
// the analyzer, progress files (round trip, corruption, newer format, profiles, reordering)
// and the Leitner review order.

#include "lessons/lessonrepository.h"
#include "quiz/progressstore.h"
#include "quiz/quizsession.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace cio;

namespace {

const LessonRepository &repo() {
  static const LessonRepository r = [] {
    LessonRepository x{LessonRepository::Empty{}};
    x.addSearchPath(QStringLiteral(CIO_SOURCE_DIR "/lessons"));
    return x;
  }();
  return r;
}

QuizItem firstOfKind(const QString &lessonId, QuizQuestion::Kind kind) {
  const Lesson l = repo().lesson(lessonId);
  for (const QuizQuestion &q : l.quiz)
    if (q.kind == kind) return QuizItem{l.id, l.title, q};
  return {};
}

// Copies the lesson folders (and order.json, tracks.json) so a test can edit them.
bool copyTree(const QString &from, const QString &to) {
  QDir src(from);
  if (!QDir().mkpath(to)) return false;
  for (const QFileInfo &fi : src.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
    const QString target = to + QLatin1Char('/') + fi.fileName();
    if (fi.isDir() ? !copyTree(fi.filePath(), target) : !QFile::copy(fi.filePath(), target)) return false;
  }
  return true;
}

QJsonObject readJson(const QString &path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
}

bool writeJson(const QString &path, const QJsonObject &o) {
  QFile f(path);
  return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(QJsonDocument(o).toJson()) > 0;
}

// Moves a session to the question with this id.
bool seek(QuizSession &s, const QString &questionId) {
  while (!s.atEnd() && s.current().question.id != questionId) s.next();
  return !s.atEnd();
}

}  // namespace

class TestQuiz : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void multipleChoice() {
    const QuizItem item = firstOfKind(QStringLiteral("CIO002"), QuizQuestion::Kind::MultipleChoice);
    QVERIFY(item.isValid());
    const QuizQuestion &q = item.question;
    const QuizFeedback right = gradeAnswer(item, QuizAnswer::multipleChoice(q.answer));
    QVERIFY(right.correct);
    QCOMPARE(right.text, q.explanations[q.answer]);
    QCOMPARE(right.lessonId, QStringLiteral("CIO002"));
    QVERIFY(lessonHeadings().contains(right.section));

    const int wrongChoice = q.answer == 0 ? 1 : 0;
    const QuizFeedback wrong = gradeAnswer(item, QuizAnswer::multipleChoice(wrongChoice));
    QVERIFY(!wrong.correct);
    // Says why the chosen answer is wrong, and what the answer is.
    QVERIFY2(wrong.text.contains(q.explanations[wrongChoice]), qPrintable(wrong.text));
    QVERIFY(wrong.text.contains(q.choices[q.answer]));
  }

  void trueFalse() {
    const QuizItem item = firstOfKind(QStringLiteral("CIO002"), QuizQuestion::Kind::TrueFalse);
    QVERIFY(item.isValid());
    const bool answer = item.question.answerTrue;
    const QuizFeedback right = gradeAnswer(item, QuizAnswer::trueFalse(answer));
    QVERIFY(right.correct);
    QVERIFY(right.text.contains(item.question.why));
    const QuizFeedback wrong = gradeAnswer(item, QuizAnswer::trueFalse(!answer));
    QVERIFY(!wrong.correct);
    QVERIFY(wrong.text.contains(item.question.why));
    QVERIFY(wrong.text.startsWith(answer ? QStringLiteral("The statement is true") : QStringLiteral("The statement is false")));
  }

  void spotTheLine() {
    const QuizItem item = firstOfKind(QStringLiteral("CIO002"), QuizQuestion::Kind::SpotTheLine);
    QVERIFY(item.isValid());
    const QList<int> lines = item.question.lines;
    const QSet<int> exact(lines.begin(), lines.end());
    QVERIFY(gradeAnswer(item, QuizAnswer::spotLines(exact)).correct);

    // An extra click is explained as a wrong click.
    QSet<int> extra = exact;
    const int innocent = lines.first() == 1 ? 2 : 1;
    extra.insert(innocent);
    const QuizFeedback wrong = gradeAnswer(item, QuizAnswer::spotLines(extra));
    QVERIFY(!wrong.correct);
    QVERIFY2(wrong.text.contains(QStringLiteral("You marked line %1").arg(innocent)), qPrintable(wrong.text));
    // A miss names the right line.
    const QuizFeedback miss = gradeAnswer(item, QuizAnswer::spotLines({innocent}));
    QVERIFY(!miss.correct);
    QVERIFY2(miss.text.contains(QStringLiteral("line %1").arg(lines.first())), qPrintable(miss.text));
    QVERIFY(!gradeAnswer(item, QuizAnswer::spotLines({})).correct);
  }

  void fixItPassesOnlyWhenAnalyzerAgrees() {
    const QuizItem item = firstOfKind(QStringLiteral("CIO002"), QuizQuestion::Kind::FixIt);
    QVERIFY(item.isValid());
    const QuizQuestion &q = item.question;
    // The starting code still has the mistake.
    FixItResult r;
    QVERIFY(!gradeAnswer(item, QuizAnswer::fixIt(q.code), &r).correct);
    QVERIFY(!r.ruleFindings.isEmpty());
    // The solution passes.
    const QuizFeedback ok = gradeAnswer(item, QuizAnswer::fixIt(q.solution), &r);
    QVERIFY2(ok.correct, qPrintable(ok.text));
    // Silencing the analyzer by deleting the call does not pass: mustContain fails.
    QString gutted = q.solution;
    gutted.replace(q.mustContain.first(), QStringLiteral("noop("));
    const QuizFeedback cheat = gradeAnswer(item, QuizAnswer::fixIt(gutted), &r);
    QVERIFY(!cheat.correct);
    QVERIFY(r.missing.contains(q.mustContain.first()));
    QVERIFY(cheat.text.contains(q.mustContain.first()));
    // A syntax error never passes.
    const QuizFeedback broken = gradeAnswer(item, QuizAnswer::fixIt(q.solution + QStringLiteral("\ndef (:\n")), &r);
    QVERIFY(!broken.correct);
    QVERIFY(r.syntaxErrors);
  }

  // CIO008 only fires on a whole project: the check must see the one file as one.
  void fixItProjectLevelRule() {
    const QuizItem item = firstOfKind(QStringLiteral("CIO008"), QuizQuestion::Kind::FixIt);
    QVERIFY(item.isValid());
    FixItResult r;
    QVERIFY(!gradeAnswer(item, QuizAnswer::fixIt(item.question.code), &r).correct);
    QVERIFY2(!r.ruleFindings.isEmpty(), "CIO008 should fire on the starting code");
    QVERIFY(gradeAnswer(item, QuizAnswer::fixIt(item.question.solution), &r).correct);
  }

  // Every fix-it in the repository: the start fails, the solution passes.
  void everyFixIt() {
    for (const Lesson &l : repo().lessons())
      for (const QuizQuestion &q : l.quiz) {
        if (q.kind != QuizQuestion::Kind::FixIt) continue;
        const QuizItem item{l.id, l.title, q};
        QVERIFY2(!gradeAnswer(item, QuizAnswer::fixIt(q.code)).correct, qPrintable(l.id + QLatin1Char('/') + q.id));
        const QuizFeedback fb = gradeAnswer(item, QuizAnswer::fixIt(q.solution));
        QVERIFY2(fb.correct, qPrintable(l.id + QLatin1Char('/') + q.id + QStringLiteral(": ") + fb.text));
      }
  }

  // The analyzer must agree: a fix that still sends milliseconds fails even when every
  // required string is there (here in a comment).
  void fixItFailsWhileAnalyzerDisagrees() {
    const QuizItem item = firstOfKind(QStringLiteral("CIO002"), QuizQuestion::Kind::FixIt);
    QVERIFY(item.isValid());
    QString code = item.question.code;
    for (const QString &s : item.question.mustContain) code += QStringLiteral("\n# ") + s;
    FixItResult r;
    const QuizFeedback fb = gradeAnswer(item, QuizAnswer::fixIt(code), &r);
    QVERIFY(!fb.correct);
    QVERIFY(r.missing.isEmpty());
    QVERIFY(!r.ruleFindings.isEmpty());
    QVERIFY2(fb.text.contains(QStringLiteral("still reports CIO002")), qPrintable(fb.text));
  }

  // The other conditions are read as a person writes code, not byte for byte.
  void fixItConditionsIgnoreSpacingAndQuotes() {
    QVERIFY(fixItContains(QStringLiteral("x(customer_id = user.id)"), QStringLiteral("customer_id=user.id")));
    QVERIFY(fixItContains(QStringLiteral("cio.track(\"trial_started\")"), QStringLiteral("'trial_started'")));
    QVERIFY(fixItContains(QStringLiteral("await  cio.identify( member.id, {})"),
                          QStringLiteral("await cio.identify(member.id")));
    QVERIFY(
        !fixItContains(QStringLiteral("awaitcio.identify(member.id"), QStringLiteral("await cio.identify(member.id")));
    QVERIFY(!fixItContains(QStringLiteral("customer_id=user.email"), QStringLiteral("customer_id=user.id")));
    // A leading line break: at module level, never inside a function.
    const QString atModule = QStringLiteral("\ncio = CustomerIO(");
    QVERIFY(fixItContains(QStringLiteral("import os\ncio=CustomerIO(a, b)\n"), atModule));
    QVERIFY(!fixItContains(QStringLiteral("def f():\n    cio = CustomerIO(a, b)\n"), atModule));
    // And the grading uses it: the CIO004 fix written with spaces passes.
    const QuizItem item = firstOfKind(QStringLiteral("CIO004"), QuizQuestion::Kind::FixIt);
    QVERIFY(item.isValid());
    QString spaced = item.question.solution;
    spaced.replace(QStringLiteral("customer_id=user.id"), QStringLiteral("customer_id = user.id"));
    QVERIFY(spaced != item.question.solution);
    const QuizFeedback fb = gradeAnswer(item, QuizAnswer::fixIt(spaced));
    QVERIFY2(fb.correct, qPrintable(fb.text));
    // A module-level requirement is described in words, not as a raw line break.
    const QuizItem moduleLevel = firstOfKind(QStringLiteral("CIO009"), QuizQuestion::Kind::FixIt);
    QVERIFY(moduleLevel.question.mustContain.contains(atModule));
    const QuizFeedback start = gradeAnswer(moduleLevel, QuizAnswer::fixIt(moduleLevel.question.code));
    QVERIFY2(start.text.contains(QStringLiteral("\u201Ccio = CustomerIO(\u201D at the start of a line")),
             qPrintable(start.text));
  }

  void sessionScoreAndMissed() {
    QuizSession s = QuizSession::forLesson(repo(), QStringLiteral("CIO002"));
    QVERIFY(s.isValid());
    QCOMPARE(s.count(), repo().lesson(QStringLiteral("CIO002")).quiz.size());
    // Answer the first right and the second wrong, the rest right.
    int i = 0;
    while (!s.atEnd()) {
      const QuizQuestion &q = s.current().question;
      QuizAnswer a;
      const bool wantRight = i != 1;
      switch (q.kind) {
        case QuizQuestion::Kind::MultipleChoice: a = QuizAnswer::multipleChoice(wantRight ? q.answer : (q.answer + 1) % q.choices.size()); break;
        case QuizQuestion::Kind::TrueFalse: a = QuizAnswer::trueFalse(wantRight == q.answerTrue); break;
        case QuizQuestion::Kind::SpotTheLine: a = QuizAnswer::spotLines(wantRight ? QSet<int>(q.lines.begin(), q.lines.end()) : QSet<int>{}); break;
        case QuizQuestion::Kind::FixIt: a = QuizAnswer::fixIt(wantRight ? q.solution : q.code); break;
        default: break;
      }
      QCOMPARE(s.answer(a).correct, wantRight);
      // A second answer does not change the score.
      if (i == 1) QVERIFY(!s.answer(a).correct);
      s.next();
      ++i;
    }
    QCOMPARE(s.score(), s.count() - 1);
    QCOMPARE(s.missed().size(), 1);
    QCOMPARE(s.missed().first().question.id, s.item(1).question.id);
    QCOMPARE(s.scoresByLesson().value(QStringLiteral("CIO002")), qMakePair(s.count() - 1, s.count()));
  }

  void trackAndExam() {
    const Track t = repo().track(QStringLiteral("node-backend"));
    QuizSession track = QuizSession::forTrack(repo(), t.id);
    QVERIFY(track.isValid());
    QCOMPARE(track.lessonIds(), t.lessonIds);
    QCOMPARE(track.current().lessonId, t.lessonIds.first());
    // A track keeps each lesson's questions together.
    const int firstLessonCount =
        static_cast<int>(QuizSession::trackQuestions(repo().lesson(t.lessonIds.first()), t.language).size());
    QVERIFY(firstLessonCount > 0);
    for (int i = 0; i < firstLessonCount; ++i) QCOMPARE(track.item(i).lessonId, t.lessonIds.first());
    QCOMPARE(track.item(firstLessonCount).lessonId, t.lessonIds.at(1));
    // An exam mixes them: one of each lesson in turn, every question once.
    QuizSession exam = QuizSession::forExam(repo(), {QStringLiteral("CIO008"), QStringLiteral("CIO002")});
    QCOMPARE(exam.lessonIds(), QStringList({QStringLiteral("CIO008"), QStringLiteral("CIO002")}));
    QCOMPARE(exam.item(0).lessonId, QStringLiteral("CIO008"));
    QCOMPARE(exam.item(1).lessonId, QStringLiteral("CIO002"));
    QCOMPARE(exam.item(2).lessonId, QStringLiteral("CIO008"));
    QCOMPARE(exam.item(1).question.id, repo().lesson(QStringLiteral("CIO002")).quiz.first().id);
    QCOMPARE(exam.count(),
             repo().lesson(QStringLiteral("CIO008")).quiz.size() + repo().lesson(QStringLiteral("CIO002")).quiz.size());
    QCOMPARE(exam.mode(), QuizSession::Mode::Exam);
    QVERIFY(!QuizSession::forTrack(repo(), QStringLiteral("nope")).isValid());
  }

  // A Node.js track asks its code exercises in JavaScript only; concept questions of
  // every lesson stay, and a language-neutral track asks everything.
  void trackAsksItsLanguage() {
    const Track node = repo().track(QStringLiteral("node-backend"));
    QCOMPARE(node.language, QStringLiteral("javascript"));
    const QuizSession s = QuizSession::forTrack(repo(), node.id);
    int code = 0, conceptual = 0;
    for (int i = 0; i < s.count(); ++i) {
      const QuizQuestion &q = s.item(i).question;
      const Lesson lesson = repo().lesson(s.item(i).lessonId);
      if (q.kind == QuizQuestion::Kind::SpotTheLine || q.kind == QuizQuestion::Kind::FixIt) {
        ++code;
        // Another language only where the lesson has nothing else to ask.
        const bool fallback = QuizSession::trackQuestions(lesson, node.language).size() == lesson.quiz.size();
        QVERIFY2(q.language == node.language || fallback,
                 qPrintable(lesson.id + QLatin1Char('/') + q.id + QLatin1Char(' ') + q.language));
      } else {
        ++conceptual;
      }
    }
    QVERIFY(code > 0);
    QVERIFY(conceptual > 0);
    // Some lesson of the track has an exercise in another language that is left out.
    int all = 0;
    for (const QString &id : node.lessonIds) all += static_cast<int>(repo().lesson(id).quiz.size());
    QVERIFY2(s.count() < all, qPrintable(QStringLiteral("%1 of %2").arg(s.count()).arg(all)));
    const Track reviewer = repo().track(QStringLiteral("reviewer-checklist"));
    int reviewerAll = 0;
    for (const QString &id : reviewer.lessonIds) reviewerAll += static_cast<int>(repo().lesson(id).quiz.size());
    QCOMPARE(QuizSession::forTrack(repo(), reviewer.id).count(), reviewerAll);
  }

  void progressRoundTrip() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/progress.json"));
    {
      ProgressStore p(path);
      QVERIFY(p.load());
      QuizSession s = QuizSession::forLesson(repo(), QStringLiteral("CIO002"));
      s.setProgressStore(&p);
      s.answer(QuizAnswer::multipleChoice(s.current().question.answer));
      while (!s.atEnd()) s.next();
      p.markLessonRead(QStringLiteral("CIO002"));
      QVERIFY2(p.save(), qPrintable(p.message()));
    }
    ProgressStore p(path);
    QVERIFY(p.load());
    QVERIFY(p.isLessonRead(QStringLiteral("CIO002")));
    QVERIFY(!p.isLessonRead(QStringLiteral("CIO003")));
    const QString qid = repo().lesson(QStringLiteral("CIO002")).quiz.first().id;
    const QuestionProgress q = p.question(QStringLiteral("CIO002"), qid);
    QCOMPARE(q.attempts, 1);
    QCOMPARE(q.box, 2);
    QVERIFY(q.lastCorrect);
    QVERIFY(q.lastAnswered.isValid());
    const LessonScore sc = p.lessonScore(QStringLiteral("CIO002"));
    QCOMPARE(sc.last, 1);
    QCOMPARE(sc.total, repo().lesson(QStringLiteral("CIO002")).quiz.size());
  }

  void corruptFileIsKeptAside() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("progress.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"format\": \"cio-pitfalls-progress\", \"version\": 1, \"profiles\": {");
    f.close();
    ProgressStore p(path);
    QVERIFY(!p.load());
    QVERIFY(!p.message().isEmpty());
    QVERIFY(p.message().contains(QStringLiteral("damaged")));
    QVERIFY(QFile::exists(p.movedAsidePath()));
    QVERIFY(p.movedAsidePath().startsWith(path + QStringLiteral(".corrupt-")));
    QVERIFY(p.message().contains(QDir::toNativeSeparators(p.movedAsidePath())));
    QVERIFY(!QFile::exists(path));
    QFile kept(p.movedAsidePath());
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QVERIFY(kept.readAll().endsWith("{"));  // untouched
    QVERIFY(p.save());
    QVERIFY(ProgressStore(path).load());
  }

  void newerFormatIsKeptAside() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("progress.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(QJsonObject{{QStringLiteral("format"), QStringLiteral("cio-pitfalls-progress")},
                                      {QStringLiteral("version"), ProgressStore::kFormatVersion + 1}})
                .toJson());
    f.close();
    ProgressStore p(path);
    QVERIFY(!p.load());
    QVERIFY(p.message().contains(QStringLiteral("newer")));
    QVERIFY(p.movedAsidePath().startsWith(path + QStringLiteral(".newer-")));
    QVERIFY(QFile::exists(p.movedAsidePath()));
  }

  // Progress is keyed by ids: a different lesson order (another track, a new order.json)
  // still finds it.
  void reorderingKeepsProgress() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("progress.json"));
    ProgressStore p(path);
    QVERIFY(p.load());
    QuizSession a = QuizSession::forExam(repo(), {QStringLiteral("CIO002"), QStringLiteral("CIO008")});
    a.setProgressStore(&p);
    const QuizItem first = a.current();
    a.answer(QuizAnswer::multipleChoice(first.question.answer));
    QVERIFY(p.save());

    ProgressStore p2(path);
    QVERIFY(p2.load());
    QuizSession b = QuizSession::forExam(repo(), {QStringLiteral("CIO008"), QStringLiteral("CIO002")});
    QVERIFY(b.current().lessonId == QStringLiteral("CIO008"));
    QVERIFY(seek(b, first.question.id));
    QCOMPARE(p2.question(b.current().lessonId, b.current().question.id).attempts, 1);
    QCOMPARE(p2.question(QStringLiteral("CIO008"), repo().lesson(QStringLiteral("CIO008")).quiz.first().id).attempts, 0);
  }

  // The real manifests edited: order.json's sections reversed, a track reordered and a
  // question inserted at the top of a quiz. Progress still belongs to the same questions.
  void reorderingOrderJsonKeepsProgress() {
    QTemporaryDir dir;
    const QString lessons = dir.filePath(QStringLiteral("lessons"));
    QVERIFY(copyTree(QStringLiteral(CIO_SOURCE_DIR "/lessons"), lessons));
    const QString path = dir.filePath(QStringLiteral("progress.json"));
    QString answeredId;
    {
      LessonRepository before{LessonRepository::Empty{}};
      before.addSearchPath(lessons);
      ProgressStore p(path);
      QVERIFY(p.load());
      QuizSession s = QuizSession::forLesson(before, QStringLiteral("CIO003"));
      s.setProgressStore(&p);
      s.next();  // the second question, answered wrong
      answeredId = s.current().question.id;
      QVERIFY(!s.answer(QuizAnswer::trueFalse(!s.current().question.answerTrue)).correct);
      p.recordLessonScore(QStringLiteral("CIO003"), 0, s.count());
      QVERIFY(p.save());
    }
    QJsonObject order = readJson(lessons + QStringLiteral("/order.json"));
    QJsonArray sections = order.value(QStringLiteral("sections")).toArray();
    QJsonArray reversed;
    for (auto it = sections.end(); it != sections.begin();) reversed.append(*--it);
    order.insert(QStringLiteral("sections"), reversed);
    QVERIFY(writeJson(lessons + QStringLiteral("/order.json"), order));
    const QString quizPath = QDir(lessons).entryList({QStringLiteral("CIO003-*")}, QDir::Dirs).value(0);
    QVERIFY(!quizPath.isEmpty());
    const QString quizFile = lessons + QLatin1Char('/') + quizPath + QStringLiteral("/quiz.json");
    QJsonObject quiz = readJson(quizFile);
    QJsonArray questions = quiz.value(QStringLiteral("questions")).toArray();
    questions.prepend(
        QJsonObject{{QStringLiteral("id"), QStringLiteral("inserted-first")},
                    {QStringLiteral("kind"), QStringLiteral("true_false")},
                    {QStringLiteral("prompt"), QStringLiteral("A question added later.")},
                    {QStringLiteral("answer"), true},
                    {QStringLiteral("why"), QStringLiteral("It was added after the progress was saved.")}});
    quiz.insert(QStringLiteral("questions"), questions);
    QVERIFY(writeJson(quizFile, quiz));

    LessonRepository after{LessonRepository::Empty{}};
    after.addSearchPath(lessons);
    QCOMPARE(after.curriculum().sections.first().title,
             sections.last().toObject().value(QStringLiteral("title")).toString());
    ProgressStore p(path);
    QVERIFY(p.load());
    QuizSession s = QuizSession::forLesson(after, QStringLiteral("CIO003"));
    QCOMPARE(s.current().question.id, QStringLiteral("inserted-first"));
    QCOMPARE(p.question(QStringLiteral("CIO003"), QStringLiteral("inserted-first")).attempts, 0);
    QVERIFY(seek(s, answeredId));
    QCOMPARE(s.currentIndex(), 2);  // it moved down one place, its progress did not move
    const QuestionProgress q = p.question(QStringLiteral("CIO003"), answeredId);
    QCOMPARE(q.attempts, 1);
    QVERIFY(!q.lastCorrect);
    // The missed question still comes back first.
    QCOMPARE(QuizSession::forReview(after, p, {QStringLiteral("CIO003")}).current().question.id, answeredId);
    QCOMPARE(p.lessonScore(QStringLiteral("CIO003")).total, repo().lesson(QStringLiteral("CIO003")).quiz.size());
  }

  void profilesAreSeparate() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("progress.json"));
    {
      ProgressStore p(path);
      QVERIFY(p.load());
      QCOMPARE(p.currentProfile(), QStringLiteral("default"));
      QVERIFY(p.setCurrentProfile(QStringLiteral("Ana")));
      p.markLessonRead(QStringLiteral("CIO001"));
      p.recordAnswer(QStringLiteral("CIO001"), QStringLiteral("x"), true);
      QVERIFY(p.setCurrentProfile(QStringLiteral("Ben")));
      QVERIFY(!p.isLessonRead(QStringLiteral("CIO001")));
      QCOMPARE(p.question(QStringLiteral("CIO001"), QStringLiteral("x")).attempts, 0);
      QVERIFY(!p.setCurrentProfile(QStringLiteral("  ")));
      QVERIFY(p.save());
    }
    ProgressStore p(path);
    QVERIFY(p.load());
    QCOMPARE(p.currentProfile(), QStringLiteral("Ben"));
    QVERIFY(p.profiles().contains(QStringLiteral("Ana")));
    QVERIFY(p.setCurrentProfile(QStringLiteral("Ana")));
    QVERIFY(p.isLessonRead(QStringLiteral("CIO001")));
    QCOMPARE(p.question(QStringLiteral("CIO001"), QStringLiteral("x")).attempts, 1);
  }

  void leitnerBringsMissedBackFirst() {
    QTemporaryDir dir;
    ProgressStore p(dir.filePath(QStringLiteral("progress.json")));
    QVERIFY(p.load());
    const Lesson l = repo().lesson(QStringLiteral("CIO002"));
    QVERIFY(l.quiz.size() >= 4);
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    // Right, right, wrong on the third.
    p.recordAnswer(l.id, l.quiz[0].id, true, t0);
    p.recordAnswer(l.id, l.quiz[1].id, true, t0.addSecs(1));
    p.recordAnswer(l.id, l.quiz[2].id, false, t0.addSecs(2));
    QCOMPARE(p.question(l.id, l.quiz[2].id).box, 1);
    QuizSession review = QuizSession::forReview(repo(), p, {l.id});
    QVERIFY(review.isValid());
    QCOMPARE(review.current().question.id, l.quiz[2].id);
    // Never-answered questions (box 1) next; the ones answered right (box 2) come last,
    // the longest unseen of them first.
    QCOMPARE(review.item(1).question.id, l.quiz[3].id);
    QCOMPARE(review.item(review.count() - 2).question.id, l.quiz[0].id);
    QCOMPARE(review.item(review.count() - 1).question.id, l.quiz[1].id);
    // A wrong answer sends a question from a high box back to box 1.
    p.recordAnswer(l.id, l.quiz[0].id, false, t0.addSecs(3));
    QCOMPARE(p.question(l.id, l.quiz[0].id).box, 1);
  }
};

QTEST_GUILESS_MAIN(TestQuiz)
#include "test_quiz.moc"
