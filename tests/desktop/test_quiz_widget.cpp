// The quiz page, offscreen: every question kind answered through the widget, feedback,
// score, the review page, profiles, the summary export, and screenshots for the README.

#include "mainwindow.h"
#include "quizsummary.h"
#include "quizwidget.h"

#include "lessons/lessonrepository.h"
#include "quiz/progressstore.h"

#include <Qsci/qsciscintilla.h>

#include <QComboBox>
#include <QTabWidget>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace cio;
using namespace cio::desktop;

namespace {

const LessonRepository &repo() {
  static const LessonRepository r = [] {
    LessonRepository x{LessonRepository::Empty{}};
    x.addSearchPath(QStringLiteral(CIO_SOURCE_DIR "/lessons"));
    return x;
  }();
  return r;
}

bool seekKind(QuizWidget &w, QuizQuestion::Kind kind) {
  while (!w.session().atEnd() && w.session().current().question.kind != kind) w.goNext();
  return !w.session().atEnd();
}

void shoot(QWidget &w, const QString &name) {
  const QString dir = qEnvironmentVariable("CIO_SCREENSHOT_DIR", QStringLiteral("/tmp"));
  QApplication::processEvents();
  w.grab().save(dir + QLatin1Char('/') + name);
}

}  // namespace

class TestQuizWidget : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void init() {
    m_dir.reset(new QTemporaryDir);
    m_progress.reset(new ProgressStore(m_dir->filePath(QStringLiteral("progress.json"))));
    QVERIFY(m_progress->load());
  }

  void multipleChoiceWrongThenReview() {
    QuizWidget w(&repo(), m_progress.get());
    w.resize(960, 720);
    QVERIFY(w.startLesson(QStringLiteral("CIO002")));
    QVERIFY(seekKind(w, QuizQuestion::Kind::MultipleChoice));
    const QuizQuestion q = w.session().current().question;
    const int wrong = (q.answer + 1) % q.choices.size();
    w.show();
    w.chooseAnswer(wrong);
    w.check();
    QVERIFY(w.feedbackVisible());
    QVERIFY(w.feedbackText().startsWith(QStringLiteral("Not quite.")));
    QVERIFY(w.feedbackText().contains(q.explanations[wrong]));
    QCOMPARE(w.scoreText(), QStringLiteral("Score: 0 / 1"));
    shoot(w, QStringLiteral("quiz-multiple-choice.png"));
    // Saved right away, under the id.
    ProgressStore reread(m_progress->filePath());
    QVERIFY(reread.load());
    QCOMPARE(reread.question(QStringLiteral("CIO002"), q.id).attempts, 1);
    while (!w.session().atEnd()) w.goNext();
    QVERIFY(w.showingReview());
    shoot(w, QStringLiteral("quiz-review.png"));
    QCOMPARE(w.session().missed().size(), 1);
  }

  void trueFalseRight() {
    QuizWidget w(&repo(), m_progress.get());
    QVERIFY(w.startLesson(QStringLiteral("CIO002")));
    QVERIFY(seekKind(w, QuizQuestion::Kind::TrueFalse));
    const bool answer = w.session().current().question.answerTrue;
    w.chooseAnswer(answer ? 0 : 1);
    w.check();
    QVERIFY(w.feedbackText().startsWith(QStringLiteral("Correct.")));
    QCOMPARE(w.scoreText(), QStringLiteral("Score: 1 / 1"));
  }

  void spotTheLine() {
    QuizWidget w(&repo(), m_progress.get());
    QVERIFY(w.startLesson(QStringLiteral("CIO002")));
    QVERIFY(seekKind(w, QuizQuestion::Kind::SpotTheLine));
    const QList<int> lines = w.session().current().question.lines;
    const int innocent = lines.first() == 1 ? 2 : 1;
    w.toggleLine(innocent);
    w.toggleLine(innocent);  // unmarked again
    QVERIFY(w.markedLines().isEmpty());
    for (int l : lines) w.toggleLine(l);
    w.check();
    QVERIFY2(w.feedbackText().startsWith(QStringLiteral("Correct.")), qPrintable(w.feedbackText()));
  }

  void fixIt() {
    QuizWidget w(&repo(), m_progress.get());
    w.resize(960, 820);
    QVERIFY(w.startLesson(QStringLiteral("CIO002")));
    QVERIFY(seekKind(w, QuizQuestion::Kind::FixIt));
    const QuizQuestion q = w.session().current().question;
    QVERIFY(w.editor()->isVisible() || !w.isVisible());
    QVERIFY(!w.editor()->isReadOnly());
    // The analyzer's findings are shown as hints while the mistake is there.
    QVERIFY(!w.liveHints().isEmpty());
    QVERIFY(w.liveHints().first().contains(q.rule));
    w.showNextHint();
    w.show();
    shoot(w, QStringLiteral("quiz-fix-it.png"));
    w.check();
    QVERIFY(w.feedbackText().startsWith(QStringLiteral("Not quite.")));
    w.setFixItCode(q.solution);
    QVERIFY(w.liveHints().filter(q.rule).isEmpty());
    w.check();
    QVERIFY2(w.feedbackText().startsWith(QStringLiteral("Correct.")), qPrintable(w.feedbackText()));
    QCOMPARE(w.scoreText(), QStringLiteral("Score: 0 / 1"));  // the first answer counts
  }

  void profilesAndExport() {
    m_progress->setCurrentProfile(QStringLiteral("Ana"));
    QuizWidget w(&repo(), m_progress.get());
    QVERIFY(w.profileBox()->findText(QStringLiteral("Ana")) >= 0);
    QCOMPARE(w.profileBox()->currentText(), QStringLiteral("Ana"));
    QVERIFY(w.startTrack(QStringLiteral("node-backend")));
    w.chooseAnswer(w.session().current().question.answer);
    w.check();
    const QString html = m_dir->filePath(QStringLiteral("summary.html"));
    QString error;
    QVERIFY2(w.exportSummary(html, &error), qPrintable(error));
    QFile f(html);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    QVERIFY(text.contains(QStringLiteral("Ana")));
    QVERIFY(text.contains(QStringLiteral("Node.js backend")));
    QVERIFY(text.contains(QStringLiteral("CIO001")));
    const QString pdf = m_dir->filePath(QStringLiteral("summary.pdf"));
    QVERIFY2(w.exportSummary(pdf, &error), qPrintable(error));
    QVERIFY(QFileInfo(pdf).size() > 0);
  }

  // The main window's Quiz tab and its entry points.
  void mainWindowQuizTab() {
    WindowOptions options;
    options.ephemeral = true;
    MainWindow w(options);
    QVERIFY(w.startQuiz(QStringLiteral("CIO002")));
    QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget *>(w.quiz()));
    QCOMPARE(w.quiz()->session().current().lessonId, QStringLiteral("CIO002"));
    QVERIFY(w.startTrackQuiz(QStringLiteral("rails")));
    QVERIFY(!w.startQuiz(QStringLiteral("CIO999")));
    // The feedback link opens the lesson.
    Q_EMIT w.quiz()->openLessonRequested(QStringLiteral("CIO003"), QStringLiteral("How to fix it"));
    QCOMPARE(w.tabs()->currentIndex(), 0);
  }

 private:
  std::unique_ptr<QTemporaryDir> m_dir;
  std::unique_ptr<ProgressStore> m_progress;
};

QTEST_MAIN(TestQuizWidget)
#include "test_quiz_widget.moc"
