#pragma once

#include "findings/decisions.h"
#include "findings/report_html.h"
#include "project/analyzer.h"
#include "theme.h"

#include <QAbstractItemModel>
#include <QFutureWatcher>
#include <QHash>
#include <QMessageBox>
#include <QTimer>
#include <QWidget>

#include <functional>

#include <atomic>
#include <memory>

class QComboBox;
class QFileSystemWatcher;
class QTreeWidgetItem;
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
// worker thread, progress and each file's findings marshalled back through queued
// signals, so rows stream in), lists the findings in a Problems tree (filter, sort,
// group) and a file tree with counts, and opens files in editors that carry the same
// marks and quick fixes as the playground. The folder is watched: changed files (on disk
// or in an editor) are re-analysed alone, the rest of the project comes from a cache.
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

  // Starts scanning `dir` (cancels a scan in progress first). False when it is no folder,
  // or when the reviewer keeps unsaved edits (see maybeSaveAll).
  bool startScan(const QString &dir);
  // Re-analyses only what changed since the last scan: files whose size or time changed
  // on disk, new and deleted files, and editor buffers with edits. Runs after a scan in
  // progress. The watcher calls it (debounced); tests and the app may call it directly.
  void rescanChanged();
  bool lastScanWasIncremental() const { return m_lastIncremental; }
  int lastScanFileCount() const { return m_lastScanCount; }  // files read by the last scan
  // Bytes of source text the scan keeps in memory (only files that touch Customer.io).
  qint64 retainedSourceBytes() const;
  void setWatchDebounce(int ms) { m_rescanTimer.setInterval(ms); }
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
  // Folders and files with findings, each with its count (respects the filters).
  QTreeWidget *fileTree() const { return m_files; }
  QProgressBar *progressBar() const { return m_progress; }

  // Opens `displayPath` (relative to the root) in an editor tab at `line` (1-based).
  CodeEditor *openLocation(const QString &displayPath, int line);
  // Acts as a double-click on a Problems row.
  CodeEditor *activate(const QModelIndex &index);
  CodeEditor *currentEditor() const;
  CodeEditor *editorFor(const QString &displayPath) const;

  // Editing: quick fixes, suppression comments and typing are undoable edits in the
  // editor; a tab with unsaved edits shows "●" and is saved with save() (File › Save).
  bool applyFix(CodeEditor *editor, int markIndex, int fixIndex);
  // Inserts `<comment> cio-lint-disable-next-line CIOxxx -- reason` above the finding,
  // in the comment syntax of its file's language, as one undoable edit.
  bool insertSuppression(int findingIndex, const QString &reason);
  bool save(CodeEditor *editor);
  bool saveCurrent() { return save(currentEditor()); }
  bool hasUnsavedEdits() const;
  // Asks about every editor with unsaved edits (Save / Discard / Cancel); false on Cancel.
  bool maybeSaveAll();
  // Closes a tab, asking first when it has unsaved edits; false when the reviewer keeps it.
  bool closeEditor(int tabIndex);
  // Replaces the Save / Discard / Cancel question (tests).
  void setUnsavedPrompt(std::function<QMessageBox::StandardButton(const QString &file)> prompt) {
    m_prompt = std::move(prompt);
  }

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
  void workerFindings(const QString &file, const std::vector<cio::Finding> &findings);

 private:
  struct Outcome {
    cio::AnalysisResult result;
    QHash<QString, QString> paths;  // displayPath -> path on disk
    std::vector<QString> lineHashes;  // per finding: ReviewDecisions::lineHashFor
    cio::ScanCache cache;
    QHash<QString, QPair<qint64, qint64>> stamps;  // displayPath -> (mtime ms, size)
    int total = 0;
    int read = 0;  // files analysed again
    bool cancelled = false;
    bool incremental = false;
    bool unchanged = false;  // incremental, and nothing changed
  };

  void startWorker(bool incremental);
  void onWorkerFindings(const QString &file, const std::vector<cio::Finding> &findings);
  void flushStreamed();
  void watchFolders();
  void refreshEditors();
  void onEditorChanged(CodeEditor *editor);
  void updateTabTitle(CodeEditor *editor);
  QMessageBox::StandardButton askUnsaved(const QString &file);
  void rebuildFileTree(const QList<int> &shownFindings);
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
  QTreeWidget *m_files;
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

  cio::ScanCache m_cache;
  QHash<QString, QPair<qint64, qint64>> m_stamps;
  QHash<QString, QByteArray> m_sources;  // analysed text of files with findings
  std::vector<cio::Finding> m_streamed;  // rows of a full scan in progress
  QTimer m_flushTimer;
  QTimer m_rescanTimer;
  QTimer m_editTimer;
  QFileSystemWatcher *m_fsWatcher = nullptr;
  bool m_rescanQueued = false;
  bool m_lastIncremental = false;
  bool m_scanningIncremental = false;
  int m_lastScanCount = 0;
  std::function<QMessageBox::StandardButton(const QString &)> m_prompt;

  std::shared_ptr<std::atomic_bool> m_cancelFlag;
  QFutureWatcher<Outcome> *m_watcher = nullptr;
};

}  // namespace cio::desktop
