#pragma once

#include "lessoncatalog.h"
#include "theme.h"

#include "lessons/lessonrepository.h"
#include "quiz/progressstore.h"

#include <memory>

#include <QMainWindow>

class QActionGroup;
class QSplitter;
class QStackedWidget;
class QTabWidget;

namespace cio::desktop {

class LessonBrowser;
class LessonView;
class Playground;
class PresenterView;
struct Slide;
class QuizWidget;
class ReviewPanel;

struct WindowOptions {
  // A scripted run (screenshots): settings, progress and the playground autosave are
  // neither read nor written, so it never disturbs the user's session.
  bool ephemeral = false;
  ThemeMode theme = ThemeMode::System;
  bool themeGiven = false;  // --theme was passed: it wins over the saved choice
  // Where quiz progress is kept; empty: the app data folder. Given, it is used even in
  // an ephemeral run (tests take a quiz with their own progress file).
  QString quizProgressPath;
  // Lessons folders from --lessons; they come after CIO_LESSONS_PATH and the
  // "lessons/folders" setting, so they win.
  QStringList lessonFolders;
};

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(WindowOptions options = {}, QWidget *parent = nullptr);
  ~MainWindow() override;

  // Lessons are loaded by the constructor; tests add their own and call this.
  LessonCatalog &catalog() { return m_catalog; }
  void reloadLessons();

  bool showLesson(const QString &id, const QString &languageKey = {});
  bool openFile(const QString &path);
  void showPlayground();
  void showLessons();
  // The Quiz tab: one lesson's quiz, a track's, or a review of missed questions.
  bool startQuiz(const QString &lessonId);
  bool startTrackQuiz(const QString &trackId);
  // A mixed exam over these lessons (Quiz > Mixed Exam...).
  bool startExam(const QStringList &lessonIds);
  void showQuiz();
  QuizWidget *quiz() const { return m_quiz; }
  cio::ProgressStore *quizProgress() const { return m_quizProgress.get(); }

  // Presenter mode (F5): the quiz being taken when the Quiz tab is showing, else the
  // lesson on screen, full screen. Esc (stopPresenting) returns to where it started.
  bool present();
  bool presentLesson(const QString &lessonId, int slide = 0);
  // Every lesson of a track in turn, its examples in the track's language.
  bool presentTrack(const QString &trackId, int slide = 0);
  void stopPresenting();
  bool isPresenting() const;
  PresenterView *presenter() const { return m_presenter; }
  // Review mode: scans `dir` in the background and shows the Review tab.
  bool openFolder(const QString &dir);
  void showReview();
  void setThemeMode(ThemeMode mode);
  ThemeMode themeMode() const { return m_themeMode; }

  LessonBrowser *lessonBrowser() const { return m_browser; }
  LessonView *lessonView() const { return m_lessonView; }
  Playground *playground() const { return m_playground; }
  ReviewPanel *review() const { return m_review; }
  QTabWidget *tabs() const { return m_tabs; }
  ReadProgress &progress() { return m_progress; }

  static QString aboutText();

 protected:
  void closeEvent(QCloseEvent *event) override;
  void changeEvent(QEvent *event) override;

 private:
  void createMenus();
  void restoreSettings();
  void saveSettings() const;
  void applyEditorTheme(const Theme &theme);
  void onLessonSelected(const QString &id);
  void startPresenting(const QString &title, const QList<Slide> &slides, int start);
  void refreshQuizProgress();
  void chooseExam();
  // The lessons folders on disk for this window: the "lessons/folders" setting, then --lessons.
  static QStringList lessonFoldersFor(const WindowOptions &options);

  WindowOptions m_options;
  QStringList m_lessonFolders;
  LessonCatalog m_catalog;
  ReadProgress m_progress;
  QStackedWidget *m_stack;
  QTabWidget *m_tabs;
  QSplitter *m_lessonSplit;
  LessonBrowser *m_browser;
  LessonView *m_lessonView;
  Playground *m_playground;
  // Quiz sessions read the core repository (quiz.json) and keep their own progress file.
  cio::LessonRepository m_quizRepo;
  std::unique_ptr<cio::ProgressStore> m_quizProgress;
  QuizWidget *m_quiz = nullptr;
  ReviewPanel *m_review;
  PresenterView *m_presenter;
  Qt::WindowStates m_statesBeforePresenting;
  ThemeMode m_themeMode = ThemeMode::System;
  QActionGroup *m_themeGroup = nullptr;
  bool m_applyingTheme = false;
};

}  // namespace cio::desktop
