#pragma once

#include "findings/decisions.h"
#include "findings/report_html.h"
#include "project/analyzer.h"
#include "theme.h"

#include <QAbstractItemModel>
#include <QFutureWatcher>
#include <QHash>
#include <QWidget>

#include <atomic>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTabWidget;
class QTreeView;
class QTreeWidget;

namespace cio::desktop {

class CodeEditor;

// "Review a whole codebase": scans a folder in the background (Scanner + Analyzer on a
// worker thread, progress marshalled back through a queued signal), lists the findings in
// a Problems tree (filter, sort, group) and opens files in read-only editors that carry
// the same marks as the playground.
class ReviewPanel : public QWidget {
  Q_OBJECT

 public:
  enum class Grouping { ByFile, ByRule };
  // Roles on the Problems rows.
  enum Roles { FindingRole = Qt::UserRole + 1, FileRole, LineRole, KindRole, SortRole };
  enum RowKind { GroupRow = 1, FindingRowKind, RelatedRow, SkippedRow };
  enum Column { SeverityColumn, RuleColumn, MessageColumn, FileColumn, LineColumn, ColumnCount };

  explicit ReviewPanel(QWidget *parent = nullptr);
  ~ReviewPanel() override;

  // Starts scanning `dir` (cancels a scan in progress first). False when it is no folder.
  bool startScan(const QString &dir);
  void cancelScan();
  bool isScanning() const;
  QString root() const { return m_root; }
  const cio::AnalysisResult &result() const { return m_result; }
  int totalFiles() const { return m_total; }

  void setGrouping(Grouping grouping);
  Grouping grouping() const { return m_grouping; }
  // -1: every severity, else only findings of exactly that severity (cio::Severity).
  void setSeverityFilter(int severity);
  void setRuleFilter(const QString &ruleId);  // empty: every rule
  void setTextFilter(const QString &text);

  QTreeView *problemsView() const { return m_view; }
  QAbstractItemModel *problemsModel() const;  // the sorted view model
  QTabWidget *editorTabs() const { return m_editors; }
  QProgressBar *progressBar() const { return m_progress; }

  // Opens `displayPath` (relative to the root) in an editor tab at `line` (1-based).
  CodeEditor *openLocation(const QString &displayPath, int line);
  // Acts as a double-click on a Problems row.
  CodeEditor *activate(const QModelIndex &index);
  CodeEditor *currentEditor() const;

  void setTheme(const Theme &theme);

  // Event catalogue (the Events tab): every event name the project sends.
  const std::vector<cio::EventEntry> &events() const { return m_eventList; }
  QTreeWidget *eventsView() const { return m_events; }
  void showEvents();
  void showProblems();

  // Reports: lesson titles come from the caller's lessons.
  void setLessonTitleLookup(cio::LessonTitleLookup lookup) { m_lessonTitle = std::move(lookup); }
  cio::ReviewReport reviewReport() const;
  // Writes HTML (.html/.htm) or Markdown (anything else). False with `error` set on failure.
  bool exportReport(const QString &path, QString *error = nullptr) const;

  // Reviewer's decisions, by index into result().findings; stored in <root>/.cio-review.json.
  bool isAccepted(int findingIndex) const;
  QString acceptedReason(int findingIndex) const;
  bool acceptFinding(int findingIndex, const QString &reason);
  bool revokeFinding(int findingIndex);
  // Set when the decisions file could not be read (it was kept aside).
  QString decisionsWarning() const { return m_decisionsWarning; }

  // Tests: a pause after each analysed file, to cancel a scan half-way reliably.
  void setPerFileDelayForTesting(int ms) { m_delayMs = ms; }

 Q_SIGNALS:
  void scanProgress(int done, int total, const QString &file);
  void scanFinished(bool cancelled);
  void statusMessage(const QString &text);
  void lessonRequested(const QString &ruleId);
  // Emitted from the worker thread; connected queued to the panel itself.
  void workerProgress(int done, int total, const QString &file);

 private:
  struct Outcome {
    cio::AnalysisResult result;
    QHash<QString, QString> paths;  // displayPath -> path on disk
    std::vector<QString> lineHashes;  // per finding: ReviewDecisions::lineHashFor
    int total = 0;
    bool cancelled = false;
  };

  void onWorkerProgress(int done, int total, const QString &file);
  void onScanDone();
  void rebuild();
  void refillRuleCombo();
  void fillEvents();
  void exportInteractively();
  void showContextMenu(const QPoint &pos);
  bool saveDecisions();
  void setScanningUi(bool scanning);
  QString absolutePath(const QString &displayPath) const;

  QLabel *m_title;
  QProgressBar *m_progress;
  QLabel *m_current;
  QPushButton *m_cancel;
  QComboBox *m_severityBox;
  QComboBox *m_ruleBox;
  QLineEdit *m_textBox;
  QComboBox *m_groupBox;
  QLabel *m_summary;
  QTreeView *m_view;
  QStandardItemModel *m_model;
  QSortFilterProxyModel *m_proxy;
  QTabWidget *m_editors;
  QTabWidget *m_bottom;
  QTreeWidget *m_events;
  QPushButton *m_export;
  std::vector<cio::EventEntry> m_eventList;
  cio::LessonTitleLookup m_lessonTitle;

  QString m_root;
  cio::AnalysisResult m_result;
  QHash<QString, QString> m_paths;
  std::vector<QString> m_lineHashes;
  cio::ReviewDecisions m_decisions;
  QString m_decisionsWarning;
  int m_total = 0;
  Grouping m_grouping = Grouping::ByFile;
  int m_severity = -1;
  QString m_rule;
  QString m_text;
  Theme m_theme = Theme::light();
  int m_delayMs = 0;

  std::shared_ptr<std::atomic_bool> m_cancelFlag;
  QFutureWatcher<Outcome> *m_watcher = nullptr;
};

}  // namespace cio::desktop
