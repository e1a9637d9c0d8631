#include "lessonbrowser.h"

#include "lessoncatalog.h"

#include <QHeaderView>
#include <QIcon>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace cio::desktop {

namespace {

// Rows as tall as their wrapped title: a tree view asks its delegate for a size without
// telling it the column width, so the width is looked up here.
class WrappingDelegate : public QStyledItemDelegate {
 public:
  explicit WrappingDelegate(QTreeView *view) : QStyledItemDelegate(view), m_view(view) {}

  QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override {
    if (index.column() != 0) return QStyledItemDelegate::sizeHint(option, index);
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    int depth = 0;
    for (QModelIndex p = index.parent(); p.isValid(); p = p.parent()) ++depth;
    const int width = m_view->columnWidth(0) - depth * m_view->indentation();
    opt.rect = QRect(0, 0, std::max(60, width), 1);
    opt.features |= QStyleOptionViewItem::WrapText;
    return m_view->style()->sizeFromContents(QStyle::CT_ItemViewItem, &opt, QSize(), m_view) + QSize(0, 4);
  }

 private:
  QTreeView *m_view;
};

}  // namespace

static QIcon readIcon(bool read) {
  return QIcon(read ? QStringLiteral(":/icons/check.svg") : QStringLiteral(":/icons/unread.svg"));
}

LessonBrowser::LessonBrowser(QWidget *parent)
    : QWidget(parent),
      m_filter(new QLineEdit(this)),
      m_view(new QTreeView(this)),
      m_model(new QStandardItemModel(this)),
      m_proxy(new QSortFilterProxyModel(this)),
      m_tracksLabel(new QLabel(this)),
      m_tracks(new QTreeWidget(this)) {
  m_filter->setPlaceholderText(tr("Filter lessons (Ctrl+L)"));
  m_filter->setClearButtonEnabled(true);
  m_filter->installEventFilter(this);
  m_proxy->setSourceModel(m_model);
  m_proxy->setRecursiveFilteringEnabled(true);
  m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
  m_proxy->setFilterRole(SearchTextRole);
  m_view->setModel(m_proxy);
  m_view->setHeaderHidden(true);
  m_view->setRootIsDecorated(false);
  m_view->setItemsExpandable(false);
  // Titles are whole sentences: wrap them rather than cut them off. Row heights depend
  // on the column width, so lay the rows out again whenever it changes.
  m_view->setWordWrap(true);
  m_view->setUniformRowHeights(false);
  m_view->setTextElideMode(Qt::ElideNone);
  m_view->setItemDelegate(new WrappingDelegate(m_view));
  connect(m_view->header(), &QHeaderView::sectionResized, m_view, [this](int column) {
    if (column == 0) m_view->doItemsLayout();
  });
  m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_view->setSelectionMode(QAbstractItemView::SingleSelection);
  m_view->setIndentation(8);
  m_view->setAccessibleName(tr("Lessons"));

  auto *layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 0, 6);
  layout->addWidget(m_filter);
  layout->addWidget(m_view, 1);
  m_tracksLabel->setTextFormat(Qt::RichText);
  layout->addWidget(m_tracksLabel);
  m_tracks->setColumnCount(2);
  m_tracks->setHeaderHidden(true);
  m_tracks->setRootIsDecorated(false);
  m_tracks->setUniformRowHeights(true);
  m_tracks->setAccessibleName(tr("Tracks"));
  m_tracks->setToolTip(tr("Double-click a track (or press Enter) to take its quiz"));
  m_tracks->header()->setStretchLastSection(false);
  m_tracks->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_tracks->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  layout->addWidget(m_tracks);
  m_tracksLabel->hide();
  m_tracks->hide();
  connect(m_tracks, &QTreeWidget::itemActivated, this,
          [this](QTreeWidgetItem *item) { Q_EMIT trackActivated(item->data(0, Qt::UserRole).toString()); });

  connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
    m_proxy->setFilterFixedString(text.trimmed());
    m_view->expandAll();
  });
  connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &index) {
    const QString id = index.data(LessonIdRole).toString();
    if (!id.isEmpty()) Q_EMIT lessonSelected(id);
  });
}

void LessonBrowser::setLessons(const LessonCatalog &catalog, const ReadProgress &progress) {
  m_model->clear();
  m_model->setColumnCount(3);
  QHash<QString, QStandardItem *> sections;
  for (const LessonInfo &l : catalog.lessons()) {
    QStandardItem *&section = sections[l.section];
    if (!section) {
      section = new QStandardItem(l.section.isEmpty() ? tr("Lessons") : l.section);
      QFont f = section->font();
      f.setBold(true);
      section->setFont(f);
      section->setSelectable(false);
      section->setData(l.section, SearchTextRole);
      m_model->appendRow({section, new QStandardItem, new QStandardItem});
    }
    auto *item = new QStandardItem(QStringLiteral("%1  %2").arg(l.id, l.title));
    item->setIcon(QIcon(QStringLiteral(":/icons/%1.svg").arg(cio::severityName(l.severity))));
    item->setToolTip(QStringLiteral("<b>%1 %2</b> (%3)<br>%4")
                         .arg(l.id, l.name.toHtmlEscaped(), cio::severityName(l.severity), l.summary.toHtmlEscaped()));
    item->setData(l.id, LessonIdRole);
    item->setData(QStringList{l.id, l.name, l.title, l.summary, l.markdown}.join(QLatin1Char('\n')), SearchTextRole);
    auto *tick = new QStandardItem;
    tick->setIcon(readIcon(progress.isRead(l.id)));
    tick->setToolTip(progress.isRead(l.id) ? tr("Read") : tr("Not read yet"));
    tick->setData(l.id, LessonIdRole);
    tick->setData(item->data(SearchTextRole), SearchTextRole);
    auto *quiz = new QStandardItem;
    quiz->setData(l.id, LessonIdRole);
    quiz->setData(item->data(SearchTextRole), SearchTextRole);
    quiz->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    section->appendRow({item, tick, quiz});
  }
  m_view->expandAll();
  m_view->header()->setStretchLastSection(false);
  m_view->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_view->header()->setSectionResizeMode(1, QHeaderView::Fixed);
  m_view->header()->resizeSection(1, 24);
  m_view->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
}

void LessonBrowser::setQuizProgress(const QString &id, int mastered, int total) {
  QStandardItem *item = itemFor(id);
  if (!item || total <= 0) return;
  QStandardItem *quiz = item->parent()->child(item->row(), 2);
  // Nothing shown until the quiz has been started: a column of 0/5 reads as failure.
  quiz->setText(mastered > 0 ? QStringLiteral("%1/%2").arg(mastered).arg(total) : QString());
  quiz->setForeground(mastered == total ? QColor(0x1a, 0x7f, 0x37) : QColor(0x57, 0x60, 0x6a));
  quiz->setToolTip(mastered == total
                       ? tr("Quiz: all %1 questions answered right").arg(total)
                       : tr("Quiz: %1 of %2 questions answered right the last time").arg(mastered).arg(total));
}

QString LessonBrowser::quizProgressText(const QString &id) const {
  QStandardItem *item = itemFor(id);
  return item ? item->parent()->child(item->row(), 2)->text() : QString();
}

void LessonBrowser::setTracks(const QList<TrackProgress> &tracks, const QString &learner) {
  m_tracks->clear();
  for (const TrackProgress &t : tracks) {
    auto *item = new QTreeWidgetItem(m_tracks, {t.title, QStringLiteral("%1/%2").arg(t.mastered).arg(t.questions)});
    item->setData(0, Qt::UserRole, t.id);
    item->setIcon(0, QIcon(t.questions > 0 && t.mastered == t.questions ? QStringLiteral(":/icons/check.svg")
                                                                        : QStringLiteral(":/icons/quiz.svg")));
    const QString tip =
        tr("%1: %2 of %3 questions answered right, %4 of %5 lessons complete. Double-click to take its "
           "quiz. Tracks share their lessons' questions, so an answer counts in every track that has it.")
            .arg(t.title)
            .arg(t.mastered)
            .arg(t.questions)
            .arg(t.lessonsDone)
            .arg(t.lessons);
    item->setToolTip(0, tip);
    item->setToolTip(1, tip);
    item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
  }
  const QString head = tr("<b>Tracks</b> (double-click one to take its quiz)");
  m_tracksLabel->setText(learner.isEmpty() ? head : head + tr(" \u00B7 learner: %1").arg(learner.toHtmlEscaped()));
  m_tracksLabel->setWordWrap(true);
  // As tall as its rows, so the lesson list keeps the room.
  const int rowHeight = m_tracks->sizeHintForRow(0) > 0 ? m_tracks->sizeHintForRow(0) : fontMetrics().height() + 4;
  m_tracks->setFixedHeight(rowHeight * static_cast<int>(tracks.size()) + 2 * m_tracks->frameWidth() + 4);
  m_tracksLabel->setVisible(!tracks.isEmpty());
  m_tracks->setVisible(!tracks.isEmpty());
}

QStandardItem *LessonBrowser::itemFor(const QString &id) const {
  for (int s = 0; s < m_model->rowCount(); ++s) {
    QStandardItem *section = m_model->item(s);
    for (int r = 0; r < section->rowCount(); ++r)
      if (section->child(r)->data(LessonIdRole).toString() == id) return section->child(r);
  }
  return nullptr;
}

void LessonBrowser::setRead(const QString &id, bool read) {
  QStandardItem *item = itemFor(id);
  if (!item) return;
  QStandardItem *tick = item->parent()->child(item->row(), 1);
  tick->setIcon(readIcon(read));
  tick->setToolTip(read ? tr("Read") : tr("Not read yet"));
}

bool LessonBrowser::selectLesson(const QString &id) {
  QStandardItem *item = itemFor(id);
  if (!item) return false;
  QModelIndex index = m_proxy->mapFromSource(item->index());
  if (!index.isValid()) {
    m_filter->clear();
    index = m_proxy->mapFromSource(item->index());
  }
  m_view->setCurrentIndex(index);
  m_view->scrollTo(index);
  return true;
}

QString LessonBrowser::currentLessonId() const { return m_view->currentIndex().data(LessonIdRole).toString(); }

void LessonBrowser::focusFilter() {
  m_filter->setFocus();
  m_filter->selectAll();
}

QStringList LessonBrowser::visibleLessonIds() const {
  QStringList out;
  for (int s = 0; s < m_proxy->rowCount(); ++s) {
    const QModelIndex section = m_proxy->index(s, 0);
    for (int r = 0; r < m_proxy->rowCount(section); ++r) out << m_proxy->index(r, 0, section).data(LessonIdRole).toString();
  }
  return out;
}

bool LessonBrowser::eventFilter(QObject *watched, QEvent *event) {
  // Down or Enter in the filter box moves to the first lesson it shows.
  if (watched == m_filter && event->type() == QEvent::KeyPress) {
    const int key = static_cast<QKeyEvent *>(event)->key();
    if (key == Qt::Key_Down || key == Qt::Key_Return || key == Qt::Key_Enter) {
      const QStringList ids = visibleLessonIds();
      if (!ids.isEmpty()) {
        if (key == Qt::Key_Down || currentLessonId().isEmpty() || !ids.contains(currentLessonId()))
          selectLesson(ids.first());
        m_view->setFocus();
        return true;
      }
    }
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace cio::desktop
