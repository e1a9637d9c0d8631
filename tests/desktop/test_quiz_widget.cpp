// The quiz page, offscreen: every question kind answered through the widget, feedback,
// score, the review page, profiles, the summary export, and screenshots for the README.

#include "codeeditor.h"
#include "lessonbrowser.h"
#include "lessonview.h"
#include "mainwindow.h"
#include "presenter.h"
#include "quizsummary.h"
#include "quizwidget.h"

#include "lessons/lessonrepository.h"
#include "quiz/progressstore.h"

#include <Qsci/qsciscintilla.h>

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QtTest>

#include <algorithm>

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

QPushButton *button(QWidget &w, const char *name) {
  auto *b = w.findChild<QPushButton *>(QString::fromLatin1(name));
  return b && b->isVisibleTo(&w) && b->isEnabled() ? b : nullptr;
}

// The radio buttons of the current question, in order.
QList<QRadioButton *> choices(QuizWidget &w) {
  QList<QRadioButton *> out;
  for (QRadioButton *b : w.findChildren<QRadioButton *>())
    if (b->isVisibleTo(&w)) out << b;
  return out;
}

// Clicks the text of a 1-based line in the quiz editor, as a learner would.
void clickLine(QuizWidget &w, int line) {
  QsciScintilla *e = w.editor();
  e->ensureLineVisible(line - 1);
  const long pos = e->positionFromLineIndex(line - 1, 0);
  const int y =
      static_cast<int>(e->SendScintilla(QsciScintilla::SCI_POINTYFROMPOSITION, 0UL, pos)) +
      static_cast<int>(e->SendScintilla(QsciScintilla::SCI_TEXTHEIGHT, static_cast<unsigned long>(line - 1))) / 2;
  // Far right of the text: a learner clicks anywhere on the row.
  QTest::mouseClick(e->viewport(), Qt::LeftButton, {}, QPoint(e->viewport()->width() * 3 / 4, y));
}

int slideOf(const QList<Slide> &slides, Slide::Kind kind, bool wrong = false) {
  for (int i = 0; i < slides.size(); ++i)
    if (slides[i].kind == kind && (kind != Slide::Kind::Code || slides[i].wrong == wrong)) return i;
  return -1;
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

  void corruptProgressIsReportedAndKept() {
    const QString path = m_dir->filePath(QStringLiteral("damaged.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{ not json");
    f.close();
    ProgressStore p(path);
    QVERIFY(!p.load());
    QuizWidget w(&repo(), &p);
    auto *notice = w.findChild<QLabel *>(QStringLiteral("notice"));
    QVERIFY(notice && notice->isVisibleTo(&w));
    QVERIFY2(notice->text().contains(QStringLiteral("kept as")), qPrintable(notice->text()));
    QVERIFY(notice->text().contains(QDir::toNativeSeparators(p.movedAsidePath())));
    QFile kept(p.movedAsidePath());
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("{ not json"));
    // Taking a quiz afterwards starts a fresh file beside the kept one.
    QVERIFY(w.startLesson(QStringLiteral("CIO002")));
    w.chooseAnswer(w.session().current().question.answer);
    w.check();
    QVERIFY(ProgressStore(path).load());
    QVERIFY(QFile::exists(p.movedAsidePath()));
  }

  // The learner switcher: each learner's answers are their own, also after a restart.
  void profileSwitcherKeepsLearnersApart() {
    QString firstId;
    {
      QuizWidget w(&repo(), m_progress.get());
      QVERIFY(w.startLesson(QStringLiteral("CIO002")));
      firstId = w.session().current().question.id;
      w.chooseAnswer(w.session().current().question.answer);
      w.check();  // as "default"
      QVERIFY(m_progress->setCurrentProfile(QStringLiteral("Bea")));
      QVERIFY(m_progress->save());
    }
    ProgressStore reread(m_progress->filePath());
    QVERIFY(reread.load());
    QuizWidget w(&repo(), &reread);
    QCOMPARE(w.profileBox()->currentText(), QStringLiteral("Bea"));
    QCOMPARE(reread.question(QStringLiteral("CIO002"), firstId).attempts, 0);
    const int def = w.profileBox()->findText(QStringLiteral("default"));
    QVERIFY(def >= 0);
    w.profileBox()->setCurrentIndex(def);
    Q_EMIT w.profileBox()->activated(def);
    QCOMPARE(reread.currentProfile(), QStringLiteral("default"));
    QCOMPARE(reread.question(QStringLiteral("CIO002"), firstId).attempts, 1);
    ProgressStore again(m_progress->filePath());
    QVERIFY(again.load());
    QCOMPARE(again.currentProfile(), QStringLiteral("default"));
  }

  void presenterSlidesAndKeys() {
    const Lesson lesson = repo().lesson(QStringLiteral("CIO002"));
    const QList<Slide> slides = lessonSlides(lesson, QStringLiteral("javascript"));
    QCOMPARE(slides.first().kind, Slide::Kind::Title);
    for (const Slide &sl : slides) QVERIFY(sl.heading != QStringLiteral("References"));
    const int wrong = slideOf(slides, Slide::Kind::Code, true);
    const int right = slideOf(slides, Slide::Kind::Code, false);
    QVERIFY(wrong > 0 && right > wrong);
    QCOMPARE(slides[wrong].code, lesson.examples.value(QStringLiteral("javascript")).wrong);
    QCOMPARE(slides[right].code, lesson.examples.value(QStringLiteral("javascript")).correct);
    QCOMPARE(slides[right - 1].heading, QStringLiteral("How to fix it"));
    int questions = 0;
    for (const Slide &sl : slides) questions += sl.kind == Slide::Kind::Question;
    QCOMPARE(questions, lesson.quiz.size());

    PresenterView p;
    p.resize(1280, 800);
    p.setSlides(QString(), slides);
    p.show();
    QVERIFY(QTest::qWaitForWindowExposed(&p));
    QCOMPARE(p.positionText(), QStringLiteral("1 / %1").arg(slides.size()));
    // Large type on a 1280x800 screen: body text about 36 px, the heading bigger.
    QTest::keyClick(&p, Qt::Key_Right);
    QCOMPARE(p.currentIndex(), 1);
    QCOMPARE(p.currentSlide().kind, Slide::Kind::Section);
    QVERIFY2(p.textPixelSize() >= 24, qPrintable(QString::number(p.textPixelSize())));
    QVERIFY(p.headingLabel()->font().pixelSize() >= 50);
    QVERIFY(p.visibleText().contains(lesson.sections.first().first));
    QTest::keyClick(&p, Qt::Key_Space);
    QCOMPARE(p.currentIndex(), 2);
    QTest::keyClick(&p, Qt::Key_PageDown);
    QCOMPARE(p.currentIndex(), 3);
    QTest::keyClick(&p, Qt::Key_Left);
    QTest::keyClick(&p, Qt::Key_PageUp);
    QCOMPARE(p.currentIndex(), 1);
    QTest::keyClick(&p, Qt::Key_Up);
    QCOMPARE(p.currentIndex(), 0);
    QTest::keyClick(&p, Qt::Key_Left);  // stays on the first slide
    QCOMPARE(p.currentIndex(), 0);

    // The wrong code, readable from the back: 14 pt or more on a 1280x800 screen (long
    // lines wrap rather than shrink everything), with the analyzer's finding marked.
    p.goTo(wrong);
    QTRY_VERIFY_WITH_TIMEOUT(p.codePointSize() >= 14, 5000);
    QVERIFY(p.codeView()->isVisible());
    QCOMPARE(p.codeView()->text(), slides[wrong].code);
    QVERIFY(!p.codeView()->marks().empty());
    QCOMPARE(QString(p.codeView()->marks().front().ruleId), QStringLiteral("CIO002"));
    shoot(p, QStringLiteral("presenter-code.png"));

    // A question: asked first, the answer only on the next key press.
    QTest::keyClick(&p, Qt::Key_End);
    QCOMPARE(p.currentIndex(), slides.size() - 1);
    QCOMPARE(p.currentSlide().kind, Slide::Kind::Question);
    QVERIFY(!p.answerRevealed());
    const int mc = slideOf(slides, Slide::Kind::Question);
    p.goTo(mc);
    const QuizQuestion &q = slides[mc].item.question;
    QVERIFY(!p.visibleText().contains(q.explanations[q.answer]));
    QTest::keyClick(&p, Qt::Key_Space);
    QCOMPARE(p.currentIndex(), mc);
    QVERIFY(p.answerRevealed());
    QVERIFY(p.visibleText().contains(q.explanations[q.answer]));
    shoot(p, QStringLiteral("presenter-question.png"));
    QTest::keyClick(&p, Qt::Key_Backspace);
    QVERIFY(!p.answerRevealed());
    QCOMPARE(p.currentIndex(), mc);
    QTest::keyClick(&p, Qt::Key_Return);
    QTest::keyClick(&p, Qt::Key_Down);
    QCOMPARE(p.currentIndex(), mc + 1);

    // A fix-it question reveals a solution that passes the checker.
    const int fix = [&] {
      for (int i = 0; i < slides.size(); ++i)
        if (slides[i].kind == Slide::Kind::Question && slides[i].item.question.kind == QuizQuestion::Kind::FixIt)
          return i;
      return -1;
    }();
    QVERIFY(fix > 0);
    p.goTo(fix);
    QCOMPARE(p.codeView()->text(), slides[fix].item.question.code);
    p.next();
    QCOMPARE(p.codeView()->text(), slides[fix].item.question.solution);
    QVERIFY(checkFixIt(slides[fix].item.question, p.codeView()->text()).passed());

    QSignalSpy exit(&p, &PresenterView::exitRequested);
    QTest::keyClick(&p, Qt::Key_Escape);
    QCOMPARE(exit.count(), 1);
  }

  void presenterModeInMainWindow() {
    WindowOptions options;
    options.ephemeral = true;
    MainWindow w(options);
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.showLesson(QStringLiteral("CIO003")));
    // F5 belongs to the window itself, so it still works while the menu bar is hidden.
    QAction *f5 = nullptr;
    for (QAction *a : w.actions())
      if (a->shortcut() == QKeySequence(Qt::Key_F5)) f5 = a;
    QVERIFY(f5);
    f5->trigger();
    QVERIFY(w.isPresenting());
    QVERIFY(!w.tabs()->isVisible());
    QCOMPARE(w.presenter()->currentSlide().lessonId, QStringLiteral("CIO003"));
    QTest::keyClick(w.presenter(), Qt::Key_Right);
    QCOMPARE(w.presenter()->currentIndex(), 1);
    QTest::keyClick(w.presenter(), Qt::Key_Escape);
    QVERIFY(!w.isPresenting());
    QVERIFY(w.tabs()->isVisible());
    QCOMPARE(w.tabs()->currentIndex(), 0);  // back where it started

    // From the Quiz tab: the quiz's questions, from the one being answered.
    QVERIFY(w.startQuiz(QStringLiteral("CIO007")));
    w.quiz()->goNext();
    w.quiz()->goNext();
    QVERIFY(w.present());
    QCOMPARE(w.presenter()->count(), w.quiz()->session().count());
    QCOMPARE(w.presenter()->currentIndex(), 2);
    QCOMPARE(w.presenter()->currentSlide().item.question.id, w.quiz()->session().current().question.id);
    w.stopPresenting();
    QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget *>(w.quiz()));

    // A track: its lessons in turn, the examples in the track's language.
    QVERIFY(w.presentTrack(QStringLiteral("node-backend")));
    QCOMPARE(w.presenter()->currentSlide().lessonId, QStringLiteral("CIO001"));
    bool sawCode = false;
    for (int i = 0; i < w.presenter()->count() && !sawCode; ++i) {
      w.presenter()->goTo(i);
      if (w.presenter()->currentSlide().kind == Slide::Kind::Code) {
        QCOMPARE(w.presenter()->currentSlide().language, QStringLiteral("javascript"));
        sawCode = true;
      }
    }
    QVERIFY(sawCode);
    QVERIFY(!w.presentTrack(QStringLiteral("no-such-track")));
    QVERIFY(!w.presentLesson(QStringLiteral("CIO999")));
  }

  // The lesson browser shows the current learner's progress per lesson and per track, and
  // the mixed exam starts from the chosen lessons.
  void browserProgressAndExam() {
    WindowOptions options;
    options.ephemeral = true;
    options.quizProgressPath = m_dir->filePath(QStringLiteral("window-progress.json"));
    MainWindow w(options);
    LessonBrowser *b = w.lessonBrowser();
    QCOMPARE(b->quizProgressText(QStringLiteral("CIO002")), QString());
    QTreeWidget *tracks = b->tracksView();
    QCOMPARE(tracks->topLevelItemCount(), repo().tracks().size());
    // The rows are rebuilt when progress changes: look the track up each time.
    const auto nodeProgress = [tracks] {
      for (int i = 0; i < tracks->topLevelItemCount(); ++i)
        if (tracks->topLevelItem(i)->data(0, Qt::UserRole).toString() == QStringLiteral("node-backend"))
          return tracks->topLevelItem(i)->text(1);
      return QString();
    };
    const int trackQuestions = QuizSession::forTrack(repo(), QStringLiteral("node-backend")).count();
    QCOMPARE(nodeProgress(), QStringLiteral("0/%1").arg(trackQuestions));

    QVERIFY(w.startExam({QStringLiteral("CIO002"), QStringLiteral("CIO011")}));
    QuizWidget *quiz = w.quiz();
    QCOMPARE(quiz->session().mode(), QuizSession::Mode::Exam);
    QCOMPARE(quiz->session().item(1).lessonId, QStringLiteral("CIO011"));
    quiz->chooseAnswer(quiz->session().current().question.answer);
    quiz->check();
    const int cio002 = static_cast<int>(repo().lesson(QStringLiteral("CIO002")).quiz.size());
    QCOMPARE(b->quizProgressText(QStringLiteral("CIO002")), QStringLiteral("1/%1").arg(cio002));
    QCOMPARE(nodeProgress(), QStringLiteral("1/%1").arg(trackQuestions));
    QVERIFY(!w.startExam({}));
  }

  // "Done when": a new hire takes the Node.js backend track from start to finish through
  // the widgets: picks it in the lesson browser, answers every question with the mouse
  // (a third of them wrong first), uses a hint on each fix-it, reaches the review,
  // exports the summary, restarts the app and finds the progress and the missed
  // questions waiting. Every screen is saved to CIO_SCREENSHOT_DIR (walk-*.png) with a
  // log of what was shown (walkthrough.txt).
  void nodeBackendTrackFromStartToFinish() {
    const QString shots = qEnvironmentVariable("CIO_SCREENSHOT_DIR", QStringLiteral("/tmp"));
    QFile log(shots + QStringLiteral("/walkthrough.txt"));
    QVERIFY(log.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text));
    const auto note = [&log](const QString &line) { log.write(line.toUtf8() + '\n'); };

    WindowOptions options;
    options.ephemeral = true;
    options.quizProgressPath = m_dir->filePath(QStringLiteral("walk-progress.json"));
    const int trackQuestions = QuizSession::forTrack(repo(), QStringLiteral("node-backend")).count();
    QList<QPair<QString, QString>> missed;
    {
      MainWindow w(options);
      w.resize(1280, 800);
      w.show();
      QVERIFY(QTest::qWaitForWindowExposed(&w));
      // The track, found in the lesson browser and double-clicked.
      QTreeWidget *tracks = w.lessonBrowser()->tracksView();
      QTreeWidgetItem *node = nullptr;
      for (int i = 0; i < tracks->topLevelItemCount(); ++i)
        if (tracks->topLevelItem(i)->text(0) == QStringLiteral("Node.js backend")) node = tracks->topLevelItem(i);
      QVERIFY(node);
      shoot(w, QStringLiteral("walk-00-lessons.png"));
      const QPoint at = tracks->visualItemRect(node).center();
      QTest::mouseClick(tracks->viewport(), Qt::LeftButton, {}, at);
      QTest::mouseDClick(tracks->viewport(), Qt::LeftButton, {}, at);
      QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget *>(w.quiz()));
      QuizWidget &quiz = *w.quiz();
      QCOMPARE(quiz.session().count(), trackQuestions);
      QCOMPARE(quiz.session().title(), QStringLiteral("Track: Node.js backend"));

      int right = 0;
      for (int i = 0; i < trackQuestions; ++i) {
        const QuizItem item = quiz.session().current();
        const QuizQuestion &q = item.question;
        // A third answered wrong first, spread over every kind of question.
        const bool wrongFirst = i % 3 == 1;
        const bool shot = i < 8 || (wrongFirst && !q.code.isEmpty());
        note(QStringLiteral("\n[%1/%2] %3 %4 (%5%6)")
                 .arg(i + 1)
                 .arg(trackQuestions)
                 .arg(item.lessonId, q.id, QuizQuestion::kindName(q.kind),
                      q.language.isEmpty() ? QString() : QStringLiteral(", ") + q.language));
        note(QStringLiteral("  prompt: ") + q.prompt);
        QVERIFY(!quiz.feedbackVisible());
        switch (q.kind) {
          case QuizQuestion::Kind::MultipleChoice:
          case QuizQuestion::Kind::TrueFalse: {
            // New choice buttons are shown by the layout on the next event loop pass.
            const qsizetype expected = q.kind == QuizQuestion::Kind::TrueFalse ? 2 : q.choices.size();
            QTRY_COMPARE_WITH_TIMEOUT(choices(quiz).size(), expected, 5000);
            const QList<QRadioButton *> radios = choices(quiz);
            QVERIFY(!button(quiz, "checkButton"));  // nothing chosen yet
            const int answer = q.kind == QuizQuestion::Kind::TrueFalse ? (q.answerTrue ? 0 : 1) : q.answer;
            const int pick = wrongFirst ? (answer + 1) % static_cast<int>(radios.size()) : answer;
            QTest::mouseClick(radios[pick], Qt::LeftButton, {}, QPoint(8, radios[pick]->height() / 2));
            QVERIFY(radios[pick]->isChecked());
            note(QStringLiteral("  clicked: ") + radios[pick]->text());
            break;
          }
          case QuizQuestion::Kind::SpotTheLine: {
            QVERIFY(quiz.editor()->isReadOnly());
            if (wrongFirst) {
              const int innocent = q.lines.contains(1) ? 2 : 1;
              clickLine(quiz, innocent);
            } else {
              for (int l : q.lines) clickLine(quiz, l);
            }
            QStringList marked;
            for (int l : quiz.markedLines()) marked << QString::number(l);
            note(QStringLiteral("  clicked lines: ") + marked.join(QLatin1Char(',')));
            QVERIFY(!quiz.markedLines().isEmpty());
            break;
          }
          case QuizQuestion::Kind::FixIt: {
            QVERIFY(!quiz.editor()->isReadOnly());
            QTRY_VERIFY_WITH_TIMEOUT(!quiz.liveHints().filter(q.rule).isEmpty(), 10000);
            note(QStringLiteral("  analyzer shows: ") + quiz.liveHints().join(QStringLiteral(" | ")));
            QPushButton *hint = button(quiz, "hintButton");
            QVERIFY(hint);
            QTest::mouseClick(hint, Qt::LeftButton);
            note(QStringLiteral("  hint 1: ") + q.hints.value(0));
            if (!wrongFirst) {
              // The learner types the fix: the live annotations follow.
              quiz.editor()->selectAll();
              quiz.editor()->replaceSelectedText(q.solution);
              QTRY_VERIFY_WITH_TIMEOUT(quiz.liveHints().filter(q.rule).isEmpty(), 10000);
            }
            break;
          }
          default:
            QFAIL("unknown question kind");
        }
        if (shot) shoot(w, QStringLiteral("walk-%1-question.png").arg(i + 1, 2, 10, QLatin1Char('0')));
        QPushButton *check = button(quiz, "checkButton");
        QVERIFY(check);
        QTest::mouseClick(check, Qt::LeftButton);
        QVERIFY(quiz.feedbackVisible());
        note(QStringLiteral("  feedback: ") + quiz.feedbackText());
        QCOMPARE(quiz.feedbackText().startsWith(QStringLiteral("Correct.")), !wrongFirst);
        if (wrongFirst)
          missed << qMakePair(item.lessonId, q.id);
        else
          ++right;
        QCOMPARE(quiz.scoreText(), QStringLiteral("Score: %1 / %2").arg(right).arg(i + 1));
        if (shot) shoot(w, QStringLiteral("walk-%1-feedback.png").arg(i + 1, 2, 10, QLatin1Char('0')));
        QPushButton *next = button(quiz, "nextButton");
        QVERIFY(next);
        QCOMPARE(next->text().startsWith(QStringLiteral("Finish")), i + 1 == trackQuestions);
        QTest::mouseClick(next, Qt::LeftButton);
      }
      QVERIFY(quiz.showingReview());
      shoot(w, QStringLiteral("walk-99-review.png"));
      auto *review = quiz.findChild<QListWidget *>(QStringLiteral("reviewList"));
      QVERIFY(review);
      QCOMPARE(review->count(), missed.size());
      for (int r = 0; r < review->count(); ++r)
        note(QStringLiteral("review: ") + review->item(r)->text().replace(QLatin1Char('\n'), QStringLiteral(" / ")));
      QString error;
      const QString summary = m_dir->filePath(QStringLiteral("walk-summary.html"));
      QVERIFY2(quiz.exportSummary(summary, &error), qPrintable(error));
      QFile f(summary);
      QVERIFY(f.open(QIODevice::ReadOnly));
      const QString html = QString::fromUtf8(f.readAll());
      QVERIFY(html.contains(QStringLiteral("%1 / %2").arg(right).arg(trackQuestions)));
      // The browser shows the track's progress.
      w.showLessons();
      shoot(w, QStringLiteral("walk-99-lessons-after.png"));
      bool found = false;
      for (int t = 0; t < tracks->topLevelItemCount(); ++t)
        if (tracks->topLevelItem(t)->data(0, Qt::UserRole).toString() == QStringLiteral("node-backend")) {
          QCOMPARE(tracks->topLevelItem(t)->text(1), QStringLiteral("%1/%2").arg(right).arg(trackQuestions));
          found = true;
        }
      QVERIFY(found);
    }
    // A restart: the same progress, and the missed questions come back first.
    MainWindow again(options);
    const QString firstLesson = repo().track(QStringLiteral("node-backend")).lessonIds.first();
    const int firstCount = static_cast<int>(repo().lesson(firstLesson).quiz.size());
    const int firstMissed = static_cast<int>(
        std::count_if(missed.begin(), missed.end(), [&](const auto &m) { return m.first == firstLesson; }));
    // The lesson's own count covers all its questions; the track asked those in its language.
    const int firstAsked = static_cast<int>(
        QuizSession::trackQuestions(repo().lesson(firstLesson), repo().track(QStringLiteral("node-backend")).language)
            .size());
    QCOMPARE(again.lessonBrowser()->quizProgressText(firstLesson),
             QStringLiteral("%1/%2").arg(firstAsked - firstMissed).arg(firstCount));
    const QuizSession review =
        QuizSession::forReview(repo(), *again.quizProgress(), repo().track(QStringLiteral("node-backend")).lessonIds,
                               static_cast<int>(missed.size()));
    QCOMPARE(review.count(), missed.size());
    for (int i = 0; i < review.count(); ++i)
      QVERIFY(missed.contains(qMakePair(review.item(i).lessonId, review.item(i).question.id)));
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
    // The feedback link opens the lesson at the section it names.
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    Q_EMIT w.quiz()->openLessonRequested(QStringLiteral("CIO003"), QStringLiteral("How to fix it"));
    QCOMPARE(w.tabs()->currentIndex(), 0);
    QCOMPARE(w.lessonView()->lesson().id, QStringLiteral("CIO003"));
    QTextBrowser *text = w.lessonView()->textView();
    QVERIFY2(text->verticalScrollBar()->value() > 0, "the view should have scrolled to the section");
    // The heading is on screen (at the top, or as high as the end of the text allows).
    QTextBlock heading;
    for (QTextBlock b = text->document()->begin(); b.isValid(); b = b.next())
      if (b.blockFormat().headingLevel() > 0 && b.text().trimmed() == QStringLiteral("How to fix it")) heading = b;
    QVERIFY(heading.isValid());
    const QRect where = text->cursorRect(QTextCursor(heading));
    QVERIFY2(text->viewport()->rect().contains(where), qPrintable(QStringLiteral("heading at y=%1").arg(where.y())));
    QVERIFY(!w.lessonView()->showSection(QStringLiteral("No such heading")));
    // "Take the quiz" on a lesson starts that lesson's quiz.
    auto *take = w.lessonView()->findChild<QPushButton *>(QStringLiteral("takeQuiz"));
    QVERIFY(take && take->isEnabled());
    QTest::mouseClick(take, Qt::LeftButton);
    QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget *>(w.quiz()));
    QCOMPARE(w.quiz()->session().current().lessonId, QStringLiteral("CIO003"));
  }

 private:
  std::unique_ptr<QTemporaryDir> m_dir;
  std::unique_ptr<ProgressStore> m_progress;
};

QTEST_MAIN(TestQuizWidget)
#include "test_quiz_widget.moc"
