#pragma once

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QStandardItemModel;
class QStandardItem;
class QTreeView;

namespace cio::desktop {

class LessonCatalog;
class ReadProgress;

// The list of lessons on the left: curriculum order grouped by section, a severity icon
// per lesson, a tick once read, and a filter over title, id and text.
class LessonBrowser : public QWidget {
  Q_OBJECT

 public:
  enum Roles { LessonIdRole = Qt::UserRole + 1, SearchTextRole };

  explicit LessonBrowser(QWidget *parent = nullptr);

  void setLessons(const LessonCatalog &catalog, const ReadProgress &progress);
  void setRead(const QString &id, bool read);
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

 protected:
  bool eventFilter(QObject *watched, QEvent *event) override;

 private:
  QStandardItem *itemFor(const QString &id) const;

  QLineEdit *m_filter;
  QTreeView *m_view;
  QStandardItemModel *m_model;
  QSortFilterProxyModel *m_proxy;
};

}  // namespace cio::desktop
