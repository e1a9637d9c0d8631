#pragma once

#include "quiz/quizsession.h"

#include <Qsci/qscistyle.h>

#include <QSet>
#include <QWidget>

class QAbstractButton;
class QButtonGroup;
class QComboBox;
class QFrame;
class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QTimer;
class QVBoxLayout;
class QsciScintilla;

namespace cio {
class LessonRepository;
class ProgressStore;
}  // namespace cio

namespace cio::desktop {

// The quiz page: one question at a time, immediate feedback with a link to the lesson
// section, the score, and a review of the missed questions at the end. Answers are
// recorded in the ProgressStore (saved after each answer).
class QuizWidget : public QWidget {
  Q_OBJECT

 public:
  // Neither is owned; both must outlive the widget. `progress` may be null (no saving).
  QuizWidget(const LessonRepository *repo, ProgressStore *progress, QWidget *parent = nullptr);

  void start(QuizSession session);
  bool startLesson(const QString &lessonId);
  bool startTrack(const QString &trackId);
  QuizSession &session() { return m_session; }

  // For tests and scripts: what the learner would do with the mouse.
  void chooseAnswer(int index);          // multiple choice (0-based); true/false: 0 = True, 1 = False
  void toggleLine(int line);             // spot the line, 1-based
  QSet<int> markedLines() const { return m_marked; }
  void setFixItCode(const QString &code);
  QString fixItCode() const;
  void showNextHint();
  void check();                          // the Check button
  void goNext();
  void goPrevious();

  QString feedbackText() const;          // headline + text as shown
  bool feedbackVisible() const;
  QStringList liveHints() const;         // the analyzer findings shown under a fix-it
  QString scoreText() const;
  bool showingReview() const;
  QsciScintilla *editor() const { return m_editor; }
  QComboBox *profileBox() const { return m_profiles; }

  // Writes a completion summary of the current session (HTML or PDF by suffix).
  bool exportSummary(const QString &path, QString *error) const;

 protected:
  bool eventFilter(QObject *watched, QEvent *event) override;

 Q_SIGNALS:
  // The feedback's "Read ..." link: open this lesson at this section heading.
  void openLessonRequested(const QString &lessonId, const QString &section);
  void progressChanged();

 private:
  void showCurrent();
  void showReview();
  void showFeedback(const QuizFeedback &fb);
  void updateHeader();
  void updateLiveHints();
  void refreshProfiles();
  void onProfileActivated(int index);
  void addProfile();
  void exportClicked();
  void saveProgress();
  void paintMarkers();
  void paintFindings();

  const LessonRepository *m_repo;
  ProgressStore *m_progress;
  QuizSession m_session;
  QSet<int> m_marked;
  bool m_revealed = false;  // spot the line: answer lines shown after a check
  int m_hintsShown = 0;

  QLabel *m_title;
  QLabel *m_notice;
  QLabel *m_position;
  QLabel *m_score;
  QComboBox *m_profiles;
  QStackedWidget *m_pages;
  // question page
  QLabel *m_kind;
  QLabel *m_prompt;
  QWidget *m_choices;
  QVBoxLayout *m_choicesLayout;
  QButtonGroup *m_choiceGroup;
  QsciScintilla *m_editor;
  QLabel *m_editorHelp;
  QFrame *m_hintsFrame;
  QLabel *m_liveHints;
  QLabel *m_hints;
  QPushButton *m_hintButton;
  QFrame *m_feedback;
  QWidget *m_spacer;
  QLabel *m_feedbackHeadline;
  QLabel *m_feedbackText;
  QLabel *m_feedbackLink;
  QPushButton *m_checkButton;
  QPushButton *m_prevButton;
  QPushButton *m_nextButton;
  QTimer *m_liveTimer;
  QsciStyle m_annotationStyle;
  std::vector<Finding> m_findings;  // the fix-it code's, as last analysed
  // review page
  QLabel *m_reviewSummary;
  QListWidget *m_reviewList;
  QPushButton *m_retryButton;
};

}  // namespace cio::desktop
