#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QStandardItemModel;
class QStandardItem;
class QTreeView;
class QTreeWidget;

namespace cio::desktop {

class LessonCatalog;
class ReadProgress;

// The list of lessons on the left: curriculum order grouped by section, a severity icon
// per lesson, a tick once read, the learner's quiz progress per lesson, a filter over title,
// id and text, and under it the tracks with the learner's progress through each.
class LessonBrowser : public QWidget {
  Q_OBJECT

 public:
  enum Roles { LessonIdRole = Qt::UserRole + 1, SearchTextRole };

  explicit LessonBrowser(QWidget *parent = nullptr);

  void setLessons(const LessonCatalog &catalog, const ReadProgress &progress);
  void setRead(const QString &id, bool read);
  // Quiz progress of the current learner: questions answered right the last time.
  void setQuizProgress(const QString &id, int mastered, int total);
  QString quizProgressText(const QString &id) const;

  struct TrackProgress {
    QString id;
    QString title;
    int mastered = 0;     // questions answered right the last time
    int questions = 0;    // in all the track's lessons
    int lessonsDone = 0;  // lessons whose every question is mastered
    int lessons = 0;
  };
  void setTracks(const QList<TrackProgress> &tracks, const QString &learner);
  QTreeWidget *tracksView() const { return m_tracks; }
  // Selects the lesson (clearing the filter if it hides it). False when it is unknown.
  bool selectLesson(const QString &id);
  QString currentLessonId() const;
  void focusFilter();

  QLineEdit *filterEdit() const { return m_filter; }
  QTreeView *view() const { return m_view; }
  // Lesson ids the filter currently shows, in order.
  QStringList visibleLessonIds() const;

 Q_SIGNALS:
  void lessonSelected(const QString &id);
  // A track was double-clicked (or Enter pressed on it): take its quiz.
  void trackActivated(const QString &trackId);

 protected:
  bool eventFilter(QObject *watched, QEvent *event) override;

 private:
  QStandardItem *itemFor(const QString &id) const;

  QLineEdit *m_filter;
  QTreeView *m_view;
  QStandardItemModel *m_model;
  QSortFilterProxyModel *m_proxy;
  QLabel *m_tracksLabel;
  QTreeWidget *m_tracks;
};

}  // namespace cio::desktop
