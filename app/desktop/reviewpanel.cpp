#include "reviewpanel.h"

#include "codeeditor.h"
#include "language/language.h"
#include "project/config.h"
#include "project/scanner.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStyle>
#include <QTabWidget>
#include <QThread>
#include <QTreeView>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace cio::desktop {

namespace {

QIcon severityIcon(cio::Severity s) { return QIcon(QStringLiteral(":/icons/%1.svg").arg(cio::severityName(s))); }

QStandardItem *item(const QString &text, const QVariant &sortKey) {
  auto *it = new QStandardItem(text);
  it->setEditable(false);
  it->setData(sortKey, ReviewPanel::SortRole);
  return it;
}

}  // namespace

ReviewPanel::ReviewPanel(QWidget *parent)
    : QWidget(parent),
      m_title(new QLabel(this)),
      m_progress(new QProgressBar(this)),
      m_current(new QLabel(this)),
      m_cancel(new QPushButton(tr("Cancel"), this)),
      m_severityBox(new QComboBox(this)),
      m_ruleBox(new QComboBox(this)),
      m_textBox(new QLineEdit(this)),
      m_groupBox(new QComboBox(this)),
      m_summary(new QLabel(this)),
      m_view(new QTreeView(this)),
      m_model(new QStandardItemModel(this)),
      m_proxy(new QSortFilterProxyModel(this)),
      m_editors(new QTabWidget(this)),
      m_bottom(new QTabWidget(this)),
      m_events(new QTreeWidget(this)),
      m_files(new QTreeWidget(this)),
      m_export(new QPushButton(tr("Export Report…"), this)) {
  m_title->setText(tr("No folder under review. Use File › Open Folder…"));
  m_title->setTextFormat(Qt::PlainText);
  QFont bold = m_title->font();
  bold.setBold(true);
  m_title->setFont(bold);
  m_current->setTextFormat(Qt::PlainText);
  m_current->setMinimumWidth(120);
  m_current->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  m_progress->setFormat(tr("%v / %m files"));
  m_progress->setMaximumWidth(260);
  connect(m_cancel, &QPushButton::clicked, this, &ReviewPanel::cancelScan);

  auto *top = new QHBoxLayout;
  top->addWidget(m_title);
  top->addWidget(m_progress);
  top->addWidget(m_current, 1);
  top->addWidget(m_cancel);
  top->addWidget(m_export);
  m_export->setEnabled(false);
  connect(m_export, &QPushButton::clicked, this, &ReviewPanel::exportInteractively);

  m_severityBox->addItem(tr("All severities"), -1);
  m_severityBox->addItem(severityIcon(cio::Severity::Error), tr("Errors"), static_cast<int>(cio::Severity::Error));
  m_severityBox->addItem(severityIcon(cio::Severity::Warning), tr("Warnings"), static_cast<int>(cio::Severity::Warning));
  m_severityBox->addItem(severityIcon(cio::Severity::Info), tr("Info"), static_cast<int>(cio::Severity::Info));
  m_ruleBox->addItem(tr("All rules"), QString());
  m_textBox->setPlaceholderText(tr("Filter text…"));
  m_textBox->setClearButtonEnabled(true);
  m_groupBox->addItem(tr("Group by file"));
  m_groupBox->addItem(tr("Group by rule"));
  connect(m_severityBox, &QComboBox::currentIndexChanged, this,
          [this] { setSeverityFilter(m_severityBox->currentData().toInt()); });
  connect(m_ruleBox, &QComboBox::currentIndexChanged, this, [this] { setRuleFilter(m_ruleBox->currentData().toString()); });
  connect(m_textBox, &QLineEdit::textChanged, this, &ReviewPanel::setTextFilter);
  connect(m_groupBox, &QComboBox::currentIndexChanged, this,
          [this](int i) { setGrouping(i == 1 ? Grouping::ByRule : Grouping::ByFile); });

  auto *filters = new QHBoxLayout;
  filters->addWidget(new QLabel(tr("Problems"), this));
  filters->addWidget(m_severityBox);
  filters->addWidget(m_ruleBox);
  filters->addWidget(m_textBox, 1);
  filters->addWidget(m_groupBox);
  filters->addWidget(m_summary);
  m_summary->setTextFormat(Qt::PlainText);

  m_proxy->setSourceModel(m_model);
  m_proxy->setSortRole(SortRole);
  m_view->setModel(m_proxy);
  m_view->setSortingEnabled(true);
  m_view->sortByColumn(LineColumn, Qt::AscendingOrder);
  m_view->setUniformRowHeights(true);
  m_view->setAlternatingRowColors(true);
  m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
  connect(m_view, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) { activate(index); });
  connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) { activate(index); });
  m_view->setToolTip(
      tr("Double-click a finding to open its file at the line; right-click to accept it, "
         "suppress it with a comment or read its lesson"));
  m_view->setContextMenuPolicy(Qt::CustomContextMenu);
  connect(m_view, &QTreeView::customContextMenuRequested, this, &ReviewPanel::showContextMenu);

  m_editors->setDocumentMode(true);
  m_editors->setTabsClosable(true);
  connect(m_editors, &QTabWidget::tabCloseRequested, this, [this](int i) { closeEditor(i); });

  m_files->setHeaderLabels({tr("Files with findings"), tr("Findings")});
  m_files->setRootIsDecorated(true);
  m_files->setUniformRowHeights(true);
  m_files->setToolTip(
      tr("Folders and files with findings (the current filters apply); double-click a file to open it"));
  m_files->header()->setStretchLastSection(false);
  m_files->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_files->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  connect(m_files, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *it) {
    const QString file = it->data(0, FileRole).toString();
    if (!file.isEmpty()) {
      if (CodeEditor *e = openLocation(file, it->data(0, LineRole).toInt())) e->setFocus();
    }
  });

  auto *problems = new QWidget(this);
  auto *pl = new QVBoxLayout(problems);
  pl->setContentsMargins(0, 0, 0, 0);
  pl->addLayout(filters);
  pl->addWidget(m_view);

  m_events->setHeaderLabels({tr("Event"), tr("Convention"), tr("Calls"), tr("Files")});
  m_events->setRootIsDecorated(true);
  m_events->setAlternatingRowColors(true);
  m_events->setUniformRowHeights(true);
  m_bottom->setDocumentMode(true);
  m_bottom->addTab(problems, tr("Problems"));
  m_bottom->addTab(m_events, tr("Events"));

  auto *upper = new QSplitter(Qt::Horizontal, this);
  upper->addWidget(m_files);
  upper->addWidget(m_editors);
  upper->setStretchFactor(0, 1);
  upper->setStretchFactor(1, 4);
  upper->setSizes({260, 1000});
  upper->setChildrenCollapsible(false);
  auto *split = new QSplitter(Qt::Vertical, this);
  split->addWidget(upper);
  split->addWidget(m_bottom);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  split->setSizes({440, 300});
  split->setChildrenCollapsible(false);

  auto *layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(split, 1);

  // Progress crosses from the worker threads to this (GUI) thread as a queued signal.
  connect(this, &ReviewPanel::workerProgress, this, &ReviewPanel::onWorkerProgress, Qt::QueuedConnection);
  connect(this, &ReviewPanel::workerFindings, this, &ReviewPanel::onWorkerFindings, Qt::QueuedConnection);
  // Streamed rows are shown in batches: a rebuild per file would cost more than the scan.
  m_flushTimer.setSingleShot(true);
  m_flushTimer.setInterval(200);
  connect(&m_flushTimer, &QTimer::timeout, this, &ReviewPanel::flushStreamed);
  // Changes on disk come in bursts (a checkout, a save that renames): wait for quiet.
  m_rescanTimer.setSingleShot(true);
  m_rescanTimer.setInterval(600);
  connect(&m_rescanTimer, &QTimer::timeout, this, &ReviewPanel::rescanChanged);
  // Typing in an editor re-analyses that buffer (with the rest of the project) shortly after.
  m_editTimer.setSingleShot(true);
  m_editTimer.setInterval(500);
  connect(&m_editTimer, &QTimer::timeout, this, &ReviewPanel::rescanChanged);
  setScanningUi(false);
  rebuild();
}

ReviewPanel::~ReviewPanel() {
  // The worker emits through `this`: it must be finished before the panel goes.
  if (m_watcher) {
    if (m_cancelFlag) m_cancelFlag->store(true);
    m_watcher->disconnect(this);
    m_watcher->waitForFinished();
  }
}

// Until onScanDone has taken the result: the future itself finishes before the queued
// progress and findings events it sent are delivered, and those must still count.
bool ReviewPanel::isScanning() const { return m_watcher != nullptr; }

bool ReviewPanel::startScan(const QString &dir) {
  const QFileInfo info(dir);
  if (!info.isDir()) {
    Q_EMIT statusMessage(tr("%1 is not a folder").arg(QDir::toNativeSeparators(dir)));
    return false;
  }
  if (!maybeSaveAll()) return false;
  if (m_watcher) {
    if (m_cancelFlag) m_cancelFlag->store(true);
    m_watcher->disconnect(this);
    m_watcher->waitForFinished();
    m_watcher->deleteLater();
    m_watcher = nullptr;
  }
  delete m_fsWatcher;
  m_fsWatcher = nullptr;
  m_rescanTimer.stop();
  m_editTimer.stop();
  m_rescanQueued = false;
  m_root = QDir::cleanPath(info.absoluteFilePath());
  m_result = {};
  m_paths.clear();
  m_lineHashes.clear();
  m_cache = {};
  m_stamps.clear();
  m_sources.clear();
  m_streamed.clear();
  m_total = 0;
  m_decisionsWarning.clear();
  m_decisions.load(m_root, &m_decisionsWarning);
  if (!m_decisionsWarning.isEmpty()) Q_EMIT statusMessage(m_decisionsWarning);
  while (m_editors->count() > 0) {
    QWidget *w = m_editors->widget(0);
    m_editors->removeTab(0);
    w->deleteLater();
  }
  rebuild();
  fillEvents();
  m_export->setEnabled(false);
  m_title->setText(tr("Reviewing %1").arg(QDir::toNativeSeparators(m_root)));
  startWorker(false);
  return true;
}

qint64 ReviewPanel::retainedSourceBytes() const {
  qint64 n = 0;
  for (const auto &[path, e] : m_cache.files) n += e.source.size();
  return n;
}

void ReviewPanel::rescanChanged() {
  if (m_root.isEmpty()) return;
  if (isScanning()) {
    m_rescanQueued = true;  // runs when this scan is done
    return;
  }
  m_rescanTimer.stop();
  m_editTimer.stop();
  // After a cancelled scan the cache is partial: only a whole scan gives a true picture.
  startWorker(m_cache.complete);
}

void ReviewPanel::startWorker(bool incremental) {
  m_scanningIncremental = incremental;
  m_streamed.clear();
  m_progress->setRange(0, 0);
  m_progress->setValue(0);
  m_current->setText(incremental ? tr("Checking for changes…") : tr("Listing files…"));
  setScanningUi(true);

  // Unsaved editor buffers are analysed as they are, not as the disk has them.
  QHash<QString, QByteArray> buffers;
  for (int i = 0; i < m_editors->count(); ++i) {
    auto *e = qobject_cast<CodeEditor *>(m_editors->widget(i));
    if (!e) continue;
    const QString file = e->property("cioFile").toString();
    const QByteArray text = e->utf8Text();
    if ((e->isModified() || m_sources.contains(file)) && text != m_sources.value(file)) buffers.insert(file, text);
  }

  m_cancelFlag = std::make_shared<std::atomic_bool>(false);
  const auto flag = m_cancelFlag;
  const QString root = m_root;
  const int delay = m_delayMs;
  Outcome seed;
  seed.incremental = incremental;
  if (incremental) {
    seed.cache = std::move(m_cache);
    seed.stamps = m_stamps;
    m_cache = {};
  }
  m_watcher = new QFutureWatcher<Outcome>(this);
  connect(m_watcher, &QFutureWatcher<Outcome>::finished, this, &ReviewPanel::onScanDone);
  m_watcher->setFuture(QtConcurrent::run([this, flag, root, delay, buffers, seed = std::move(seed)]() mutable {
    Outcome out = std::move(seed);
    QString why;
    cio::Config config;
    if (auto loaded = cio::Config::loadFromDirectory(root, &why)) config = *loaded;
    cio::Scanner scanner(config);
    cio::ScanResult scan = scanner.scan({root});
    out.total = static_cast<int>(scan.files.size());
    // Size and time of each file, taken before it is read: a change after this is seen.
    QHash<QString, QPair<qint64, qint64>> stamps;
    for (const cio::SourceFile &f : scan.files) {
      out.paths.insert(f.displayPath, f.path);
      const QFileInfo fi(f.path);
      stamps.insert(f.displayPath, {fi.lastModified().toMSecsSinceEpoch(), fi.size()});
    }
    const auto progress = [this, delay](int done, int total, const QString &file) {
      if (delay > 0) QThread::msleep(static_cast<unsigned long>(delay));
      Q_EMIT workerProgress(done, total, file);
    };
    cio::Analyzer analyzer(config);
    if (!out.incremental) {
      Q_EMIT workerProgress(0, out.total, QString());
      std::vector<cio::SourceFile> files = std::move(scan.files);
      for (cio::SourceFile &f : files)
        if (auto b = buffers.constFind(f.displayPath); b != buffers.cend()) f.content = b.value();
      out.read = static_cast<int>(files.size());
      out.result = analyzer.analyzeFiles(
          files, progress, flag.get(),
          [this](const QString &file, const std::vector<cio::Finding> &findings) {
            Q_EMIT workerFindings(file, findings);
          },
          &out.cache);
    } else {
      std::vector<cio::SourceFile> changed;
      QStringList removed;
      for (cio::SourceFile &f : scan.files) {
        const auto b = buffers.constFind(f.displayPath);
        const auto old = out.stamps.constFind(f.displayPath);
        if (b != buffers.cend()) {
          f.content = b.value();
          changed.push_back(std::move(f));
        } else if (old == out.stamps.cend() || old.value() != stamps.value(f.displayPath) ||
                   // a buffer analysed before, now closed or reverted: the disk is the truth again
                   (out.cache.files.count(f.displayPath) && out.cache.files.at(f.displayPath).file.content)) {
          changed.push_back(std::move(f));
        }
      }
      for (auto it = out.stamps.cbegin(); it != out.stamps.cend(); ++it)
        if (!stamps.contains(it.key())) removed << it.key();
      out.read = static_cast<int>(changed.size());
      if (changed.empty() && removed.isEmpty()) {
        out.unchanged = true;
      } else {
        Q_EMIT workerProgress(0, out.read, QString());
        out.result = analyzer.updateFiles(out.cache, changed, removed, progress, flag.get());
      }
    }
    out.stamps = std::move(stamps);
    if (!out.unchanged) {
      for (cio::SkippedFile &s : scan.skipped) out.result.skipped.push_back(std::move(s));
      std::sort(out.result.skipped.begin(), out.result.skipped.end(),
                [](const cio::SkippedFile &a, const cio::SkippedFile &b) { return a.file < b.file; });
      // The source line of each finding, hashed: the key of the reviewer's decisions. The
      // analysed text is at hand: only files that touch Customer.io have findings.
      for (const cio::Finding &f : out.result.findings) {
        const auto e = out.cache.files.find(f.file);
        out.lineHashes.push_back(
            cio::ReviewDecisions::lineHashFor(e != out.cache.files.end() ? e->second.source : QByteArray(), f.line));
      }
    }
    out.cancelled = flag->load();
    return out;
  }));
}

void ReviewPanel::cancelScan() {
  if (!isScanning() || !m_cancelFlag) return;
  m_cancelFlag->store(true);
  m_current->setText(tr("Cancelling…"));
  m_cancel->setEnabled(false);
}

void ReviewPanel::onWorkerProgress(int done, int total, const QString &file) {
  if (!isScanning()) return;
  m_progress->setRange(0, std::max(total, 1));
  m_progress->setValue(done);
  if (!file.isEmpty() && !(m_cancelFlag && m_cancelFlag->load())) m_current->setText(file);
  Q_EMIT scanProgress(done, total, file);
}

void ReviewPanel::onWorkerFindings(const QString &, const std::vector<cio::Finding> &findings) {
  // An incremental scan keeps showing the previous rows until its complete result is in.
  if (!isScanning() || m_scanningIncremental || findings.empty()) return;
  m_streamed.insert(m_streamed.end(), findings.begin(), findings.end());
  if (!m_flushTimer.isActive()) m_flushTimer.start();
}

void ReviewPanel::flushStreamed() {
  if (!isScanning() || m_scanningIncremental) return;
  m_result.findings = m_streamed;
  std::sort(m_result.findings.begin(), m_result.findings.end());
  rebuild();
}

void ReviewPanel::onScanDone() {
  if (!m_watcher) return;
  Outcome out = m_watcher->result();
  m_watcher->deleteLater();
  m_watcher = nullptr;
  m_flushTimer.stop();
  m_streamed.clear();
  m_lastIncremental = out.incremental;
  m_lastScanCount = out.unchanged ? 0 : out.read;
  m_cache = std::move(out.cache);
  m_stamps = std::move(out.stamps);
  m_total = out.total;
  if (!out.unchanged) {
    m_result = std::move(out.result);
    m_paths = std::move(out.paths);
    m_lineHashes = std::move(out.lineHashes);
    m_sources.clear();
    for (const auto &[path, e] : m_cache.files)
      if (e.model) m_sources.insert(path, e.source);
  }
  setScanningUi(false);
  m_progress->setRange(0, std::max(m_total, 1));
  // Skipped files count as done: the bar reads "5 / 5" after a complete scan.
  m_progress->setValue(out.cancelled ? m_result.filesScanned : std::max(m_total, 1));
  // "4 files scanned, 1 skipped": the bar counts both, so say which is which.
  const int skippedCount = static_cast<int>(m_result.skipped.size());
  const QString scanned = skippedCount
                              ? tr("%n file(s) scanned, %1 skipped", nullptr, m_result.filesScanned).arg(skippedCount)
                              : tr("%n file(s) scanned", nullptr, m_result.filesScanned);
  if (out.cancelled)
    m_current->setText(tr("Cancelled after %1 of %2 files").arg(m_result.filesScanned).arg(m_total));
  else if (out.incremental && !out.unchanged)
    m_current->setText(
        tr("%1 · %n changed file(s) re-analysed · watching for changes", nullptr, out.read).arg(scanned));
  else
    m_current->setText(tr("%1 · watching for changes").arg(scanned));
  if (!out.unchanged) {
    refillRuleCombo();
    rebuild();
    fillEvents();
    refreshEditors();
  }
  m_export->setEnabled(true);
  if (!out.cancelled) watchFolders();
  if (!out.incremental)
    Q_EMIT statusMessage(tr("Review: %n finding(s)", nullptr, static_cast<int>(m_result.findings.size())));
  else if (!out.unchanged)
    Q_EMIT statusMessage(tr("Re-analysed %n changed file(s)", nullptr, out.read));
  Q_EMIT scanFinished(out.cancelled);
  if (m_rescanQueued) {
    m_rescanQueued = false;
    m_rescanTimer.start();
  }
}

// Every folder with scanned files, and as many of the files as the system comfortably
// allows (a folder's watch sees files appear, vanish and be replaced; a file's watch sees
// it written in place).
void ReviewPanel::watchFolders() {
  if (!m_fsWatcher) {
    m_fsWatcher = new QFileSystemWatcher(this);
    connect(m_fsWatcher, &QFileSystemWatcher::directoryChanged, this, [this] { m_rescanTimer.start(); });
    connect(m_fsWatcher, &QFileSystemWatcher::fileChanged, this, [this] { m_rescanTimer.start(); });
  }
  QSet<QString> want;
  want.insert(m_root);
  for (auto it = m_paths.cbegin(); it != m_paths.cend(); ++it) {
    QString dir = QFileInfo(it.value()).absolutePath();
    while (dir.startsWith(m_root) && !want.contains(dir)) {
      want.insert(dir);
      dir = QFileInfo(dir).absolutePath();
    }
  }
  constexpr int kMaxWatches = 4000;
  for (auto it = m_paths.cbegin(); it != m_paths.cend() && want.size() < kMaxWatches; ++it) want.insert(it.value());
  const QStringList have = m_fsWatcher->files() + m_fsWatcher->directories();
  QStringList gone, add;
  for (const QString &p : have)
    if (!want.contains(p)) gone << p;
  const QSet<QString> haveSet(have.begin(), have.end());
  for (const QString &p : want)
    if (!haveSet.contains(p) && QFileInfo::exists(p)) add << p;
  if (!gone.isEmpty()) m_fsWatcher->removePaths(gone);
  if (!add.isEmpty()) m_fsWatcher->addPaths(add);
}

void ReviewPanel::setScanningUi(bool scanning) {
  m_progress->setVisible(scanning || m_total > 0);
  m_cancel->setVisible(scanning);
  m_cancel->setEnabled(scanning);
}

void ReviewPanel::refillRuleCombo() {
  const QSignalBlocker block(m_ruleBox);
  QMap<QString, int> counts;
  for (const cio::Finding &f : m_result.findings) counts[f.ruleId + QStringLiteral(" ") + f.ruleName]++;
  m_ruleBox->clear();
  m_ruleBox->addItem(tr("All rules"), QString());
  for (auto it = counts.cbegin(); it != counts.cend(); ++it)
    m_ruleBox->addItem(QStringLiteral("%1 (%2)").arg(it.key()).arg(it.value()), it.key().section(QLatin1Char(' '), 0, 0));
  const int keep = m_ruleBox->findData(m_rule);
  if (keep >= 0) m_ruleBox->setCurrentIndex(keep);
  else m_rule.clear();
}

void ReviewPanel::setGrouping(Grouping grouping) {
  m_grouping = grouping;
  const QSignalBlocker block(m_groupBox);
  m_groupBox->setCurrentIndex(grouping == Grouping::ByRule ? 1 : 0);
  rebuild();
}

void ReviewPanel::setSeverityFilter(int severity) {
  m_severity = severity;
  const QSignalBlocker block(m_severityBox);
  m_severityBox->setCurrentIndex(std::max(0, m_severityBox->findData(severity)));
  rebuild();
}

void ReviewPanel::setRuleFilter(const QString &ruleId) {
  m_rule = ruleId;
  const QSignalBlocker block(m_ruleBox);
  m_ruleBox->setCurrentIndex(std::max(0, m_ruleBox->findData(ruleId)));
  rebuild();
}

void ReviewPanel::setTextFilter(const QString &text) {
  m_text = text.trimmed();
  if (m_textBox->text() != text) {
    const QSignalBlocker block(m_textBox);
    m_textBox->setText(text);
  }
  rebuild();
}

QAbstractItemModel *ReviewPanel::problemsModel() const { return m_proxy; }

// The tree is rebuilt from the findings on every filter change: group counts then always
// match what is shown, and a review rarely has more than a few thousand rows.
void ReviewPanel::rebuild() {
  m_model->clear();
  m_model->setHorizontalHeaderLabels({tr("Severity"), tr("Rule"), tr("Message"), tr("File"), tr("Line")});

  QMap<QString, QList<int>> groups;  // group key -> finding indices
  QList<int> shownIndices;
  int shown = 0;
  for (int i = 0; i < static_cast<int>(m_result.findings.size()); ++i) {
    const cio::Finding &f = m_result.findings[static_cast<size_t>(i)];
    if (m_severity >= 0 && static_cast<int>(f.severity) != m_severity) continue;
    if (!m_rule.isEmpty() && f.ruleId != m_rule) continue;
    if (!m_text.isEmpty()) {
      const QString hay = f.message + QLatin1Char('\n') + f.file + QLatin1Char('\n') + f.ruleId + QLatin1Char('\n') + f.ruleName;
      if (!hay.contains(m_text, Qt::CaseInsensitive)) continue;
    }
    const QString key = m_grouping == Grouping::ByFile ? f.file : f.ruleId + QStringLiteral(" ") + f.ruleName;
    groups[key].append(i);
    shownIndices.append(i);
    ++shown;
  }

  for (auto g = groups.cbegin(); g != groups.cend(); ++g) {
    const QList<int> &rows = g.value();
    const cio::Finding &first = m_result.findings[static_cast<size_t>(rows.first())];
    cio::Severity worst = first.severity;
    for (int i : rows) worst = std::max(worst, m_result.findings[static_cast<size_t>(i)].severity);
    QList<QStandardItem *> groupRow;
    QStandardItem *head = item(QStringLiteral("%1 (%2)").arg(g.key()).arg(rows.size()), g.key());
    head->setIcon(m_grouping == Grouping::ByRule ? severityIcon(first.severity) : severityIcon(worst));
    head->setData(GroupRow, KindRole);
    QFont font = head->font();
    font.setBold(true);
    head->setFont(font);
    groupRow << head;
    for (int c = 1; c < ColumnCount; ++c) {
      QStandardItem *filler = item(QString(), g.key());
      filler->setData(GroupRow, KindRole);
      groupRow << filler;
    }
    if (m_grouping == Grouping::ByFile) groupRow[FileColumn]->setData(g.key(), FileRole);

    for (int i : rows) {
      const cio::Finding &f = m_result.findings[static_cast<size_t>(i)];
      QList<QStandardItem *> row;
      QStandardItem *sev = item(cio::severityName(f.severity), static_cast<int>(f.severity));
      sev->setIcon(severityIcon(f.severity));
      row << sev << item(f.ruleId, f.ruleId) << item(f.message, f.message) << item(f.file, f.file)
          << item(QString::number(f.line), f.line);
      for (QStandardItem *it : row) {
        it->setData(i, FindingRole);
        it->setData(f.file, FileRole);
        it->setData(f.line, LineRole);
        it->setData(FindingRowKind, KindRole);
      }
      row[MessageColumn]->setToolTip(f.message);
      if (isAccepted(i)) {
        // Accepted findings stay visible, dimmed, with the reviewer's reason.
        const QString why = acceptedReason(i);
        row[MessageColumn]->setText(why.isEmpty() ? tr("%1 — accepted").arg(f.message)
                                                  : tr("%1 — accepted: %2").arg(f.message, why));
        for (QStandardItem *it : row) {
          it->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
          QFont font = it->font();
          font.setItalic(true);
          it->setFont(font);
        }
      }
      // Project-level findings: the places that back them, one child row each.
      for (const auto &[file, line] : f.related) {
        QList<QStandardItem *> rel;
        rel << item(QString(), 0) << item(QString(), QString()) << item(tr("related"), QString())
            << item(file, file) << item(QString::number(line), line);
        for (QStandardItem *it : rel) {
          it->setData(file, FileRole);
          it->setData(line, LineRole);
          it->setData(RelatedRow, KindRole);
        }
        row.first()->appendRow(rel);
      }
      head->appendRow(row);
    }
    m_model->appendRow(groupRow);
  }

  if (!m_result.skipped.empty()) {
    QList<QStandardItem *> groupRow;
    QStandardItem *head = item(tr("Skipped files (%1)").arg(m_result.skipped.size()), QStringLiteral("\xff"));
    head->setData(GroupRow, KindRole);
    groupRow << head;
    for (int c = 1; c < ColumnCount; ++c) groupRow << item(QString(), QStringLiteral("\xff"));
    for (const cio::SkippedFile &s : m_result.skipped) {
      QList<QStandardItem *> row;
      row << item(tr("skipped"), -1) << item(QString(), QString()) << item(s.reason, s.reason) << item(s.file, s.file)
          << item(QString(), 0);
      for (QStandardItem *it : row) it->setData(SkippedRow, KindRole);
      head->appendRow(row);
    }
    m_model->appendRow(groupRow);
  }

  for (int r = 0; r < m_proxy->rowCount(); ++r) m_view->setFirstColumnSpanned(r, {}, true);
  m_view->expandToDepth(0);
  m_view->header()->setSectionResizeMode(MessageColumn, QHeaderView::Stretch);
  m_view->header()->setSectionResizeMode(SeverityColumn, QHeaderView::ResizeToContents);
  m_view->header()->setSectionResizeMode(RuleColumn, QHeaderView::ResizeToContents);
  m_view->header()->setSectionResizeMode(FileColumn, QHeaderView::ResizeToContents);
  m_view->header()->setSectionResizeMode(LineColumn, QHeaderView::ResizeToContents);
  m_view->header()->setStretchLastSection(false);

  rebuildFileTree(shownIndices);

  const int total = static_cast<int>(m_result.findings.size());
  if (isScanning() && !m_scanningIncremental) {
    m_summary->setText(tr("%n finding(s) so far…", nullptr, total));
    return;
  }
  if (!m_decisionsWarning.isEmpty()) m_summary->setToolTip(m_decisionsWarning);
  m_summary->setText(shown == total ? tr("%n finding(s)", nullptr, total) : tr("%1 of %2 findings").arg(shown).arg(total));
}

// Folders as parents, files as leaves, each with the number of shown findings beneath it.
void ReviewPanel::rebuildFileTree(const QList<int> &shownFindings) {
  QMap<QString, QPair<int, int>> perFile;  // file -> (count, first line)
  QMap<QString, cio::Severity> worst;
  for (int i : shownFindings) {
    const cio::Finding &f = m_result.findings[static_cast<size_t>(i)];
    auto &entry = perFile[f.file];
    if (entry.first == 0 || f.line < entry.second) entry.second = f.line;
    ++entry.first;
    worst[f.file] = entry.first == 1 ? f.severity : std::max(worst[f.file], f.severity);
    for (const auto &[file, line] : f.related) perFile[file];  // backing files show up too
  }
  QSet<QString> collapsed;  // folders the reviewer closed stay closed
  for (QTreeWidgetItemIterator it(m_files); *it; ++it)
    if ((*it)->childCount() > 0 && !(*it)->isExpanded()) collapsed.insert((*it)->data(1, FileRole).toString());
  const int scroll = m_files->verticalScrollBar()->value();
  m_files->clear();
  QHash<QString, QTreeWidgetItem *> folders;
  QHash<QTreeWidgetItem *, int> counts;
  const QIcon folderIcon = style()->standardIcon(QStyle::SP_DirIcon);
  const auto folderItem = [&](const QString &folder, auto &&self) -> QTreeWidgetItem * {
    if (folder.isEmpty()) return nullptr;
    if (QTreeWidgetItem *have = folders.value(folder)) return have;
    const int slash = static_cast<int>(folder.lastIndexOf(QLatin1Char('/')));
    QTreeWidgetItem *parent = self(slash < 0 ? QString() : folder.left(slash), self);
    auto *it = new QTreeWidgetItem({folder.mid(slash + 1) + QLatin1Char('/')});
    it->setIcon(0, folderIcon);
    it->setData(1, FileRole, folder);
    it->setToolTip(0, folder);
    if (parent)
      parent->addChild(it);
    else
      m_files->addTopLevelItem(it);
    folders.insert(folder, it);
    return it;
  };
  for (auto it = perFile.cbegin(); it != perFile.cend(); ++it) {
    const QString &file = it.key();
    const int slash = static_cast<int>(file.lastIndexOf(QLatin1Char('/')));
    QTreeWidgetItem *parent = folderItem(slash < 0 ? QString() : file.left(slash), folderItem);
    auto *leaf = new QTreeWidgetItem({file.mid(slash + 1), QString::number(it.value().first)});
    leaf->setData(0, FileRole, file);
    leaf->setData(0, LineRole, it.value().second);
    leaf->setToolTip(0, file);
    leaf->setData(1, Qt::TextAlignmentRole, static_cast<int>(Qt::AlignRight | Qt::AlignVCenter));
    if (it.value().first > 0) leaf->setIcon(0, severityIcon(worst.value(file)));
    if (parent)
      parent->addChild(leaf);
    else
      m_files->addTopLevelItem(leaf);
    for (QTreeWidgetItem *p = parent; p; p = p->parent()) counts[p] += it.value().first;
  }
  for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
    it.key()->setText(1, QString::number(it.value()));
    it.key()->setData(1, Qt::TextAlignmentRole, static_cast<int>(Qt::AlignRight | Qt::AlignVCenter));
  }
  // A chain of folders with one subfolder each reads as one row ("billing/app/services/"),
  // so deep trees keep file names readable in a narrow pane.
  const auto compact = [](QTreeWidgetItem *folder) {
    while (folder->childCount() == 1 && !folder->child(0)->data(1, FileRole).toString().isEmpty()) {
      QTreeWidgetItem *only = folder->takeChild(0);
      folder->setText(0, folder->text(0) + only->text(0));
      folder->setData(1, FileRole, only->data(1, FileRole));
      folder->setToolTip(0, only->toolTip(0));
      folder->addChildren(only->takeChildren());
      delete only;
    }
  };
  const std::function<void(QTreeWidgetItem *)> walk = [&](QTreeWidgetItem *item) {
    if (!item->data(1, FileRole).toString().isEmpty()) compact(item);
    for (int c = 0; c < item->childCount(); ++c) walk(item->child(c));
  };
  for (int t = 0; t < m_files->topLevelItemCount(); ++t) walk(m_files->topLevelItem(t));
  for (QTreeWidgetItemIterator it(m_files); *it; ++it)
    if ((*it)->childCount() > 0) (*it)->setExpanded(!collapsed.contains((*it)->data(1, FileRole).toString()));
  m_files->verticalScrollBar()->setValue(scroll);
}

QString ReviewPanel::absolutePath(const QString &displayPath) const {
  const auto it = m_paths.constFind(displayPath);
  if (it != m_paths.cend()) return it.value();
  return QDir(m_root).filePath(displayPath);
}

CodeEditor *ReviewPanel::currentEditor() const { return qobject_cast<CodeEditor *>(m_editors->currentWidget()); }

CodeEditor *ReviewPanel::editorFor(const QString &displayPath) const {
  for (int i = 0; i < m_editors->count(); ++i)
    if (m_editors->widget(i)->property("cioFile").toString() == displayPath)
      return qobject_cast<CodeEditor *>(m_editors->widget(i));
  return nullptr;
}

CodeEditor *ReviewPanel::openLocation(const QString &displayPath, int line) {
  if (displayPath.isEmpty()) return nullptr;
  CodeEditor *editor = editorFor(displayPath);
  if (editor) m_editors->setCurrentWidget(editor);
  if (!editor) {
    const QString path = absolutePath(displayPath);
    if (QFileInfo(path).exists() && !QFileInfo(path).isFile()) {  // a FIFO would block the window
      Q_EMIT statusMessage(tr("Cannot open %1: not a regular file").arg(QDir::toNativeSeparators(path)));
      return nullptr;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
      Q_EMIT statusMessage(tr("Cannot open %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
      return nullptr;
    }
    const QByteArray bytes = file.readAll();
    editor = new CodeEditor(m_editors);
    editor->setProperty("cioFile", displayPath);
    editor->setTheme(m_theme);
    editor->setSourceLanguage(LanguageRegistry::forPath(path));
    editor->setText(QString::fromUtf8(bytes));
    editor->setModified(false);
    // Opening is not an edit: the first Ctrl+Z must not empty the file.
    editor->SendScintilla(QsciScintillaBase::SCI_EMPTYUNDOBUFFER);
    // Marks belong to the analysed text; a file changed since shows none until re-analysed.
    if (!m_sources.contains(displayPath) || m_sources.value(displayPath) == bytes) {
      std::vector<cio::Finding> marks;
      for (const cio::Finding &f : m_result.findings)
        if (f.file == displayPath) marks.push_back(f);
      editor->setMarks(marks);
    }
    connect(editor, &CodeEditor::lessonRequested, this, &ReviewPanel::lessonRequested);
    connect(editor, &CodeEditor::fixRequested, this,
            [this, editor](int mark, int fix) { applyFix(editor, mark, fix); });
    connect(editor, &QsciScintilla::modificationChanged, this, [this, editor] { updateTabTitle(editor); });
    connect(editor, &QsciScintilla::textChanged, this, [this, editor] { onEditorChanged(editor); });
    const int index = m_editors->addTab(editor, QFileInfo(displayPath).fileName());
    m_editors->setTabToolTip(index, displayPath);
    m_editors->setCurrentIndex(index);
  }
  if (line > 0) {
    editor->setCursorPosition(line - 1, 0);
    editor->ensureLineVisible(line - 1);
    // Some context above the line, so the finding is not glued to the top edge.
    editor->setFirstVisibleLine(std::max(0, line - 6));
  }
  return editor;
}

void ReviewPanel::updateTabTitle(CodeEditor *editor) {
  const int i = m_editors->indexOf(editor);
  if (i < 0) return;
  const QString file = editor->property("cioFile").toString();
  const QString name = QFileInfo(file).fileName();
  // "●" is the unsaved marker editors commonly use; the tooltip says it in words.
  m_editors->setTabText(i, editor->isModified() ? name + QStringLiteral(" ●") : name);
  m_editors->setTabToolTip(i,
                           editor->isModified() ? tr("%1 (unsaved edits: File › Save writes them)").arg(file) : file);
}

void ReviewPanel::onEditorChanged(CodeEditor *editor) {
  updateTabTitle(editor);
  if (!m_root.isEmpty()) m_editTimer.start();
}

// After a scan: editors without edits follow the disk; every editor whose text is what
// was analysed gets the new marks. An editor with edits is never reloaded.
void ReviewPanel::refreshEditors() {
  for (int i = 0; i < m_editors->count(); ++i) {
    auto *e = qobject_cast<CodeEditor *>(m_editors->widget(i));
    if (!e) continue;
    const QString file = e->property("cioFile").toString();
    if (!e->isModified()) {
      QFile in(absolutePath(file));
      if (in.open(QIODevice::ReadOnly)) {
        const QByteArray disk = in.readAll();
        if (disk != e->utf8Text()) {
          int line = 0, col = 0;
          e->getCursorPosition(&line, &col);
          const int first = e->firstVisibleLine();
          const QSignalBlocker block(e);
          e->setText(QString::fromUtf8(disk));
          e->setModified(false);
          e->SendScintilla(QsciScintillaBase::SCI_EMPTYUNDOBUFFER);
          e->setCursorPosition(std::min(line, e->lines() - 1), 0);
          e->setFirstVisibleLine(first);
        }
      }
    }
    const QByteArray text = e->utf8Text();
    const bool current = m_sources.contains(file) ? m_sources.value(file) == text : !e->isModified();
    if (!current) continue;
    std::vector<cio::Finding> marks;
    for (const cio::Finding &f : m_result.findings)
      if (f.file == file) marks.push_back(f);
    e->setMarks(marks);
  }
}

bool ReviewPanel::applyFix(CodeEditor *editor, int markIndex, int fixIndex) {
  if (!editor) return false;
  const auto &marks = editor->marks();
  if (markIndex < 0 || markIndex >= static_cast<int>(marks.size())) return false;
  const cio::Finding f = marks[static_cast<size_t>(markIndex)];
  if (fixIndex < 0 || fixIndex >= static_cast<int>(f.fixes.size())) return false;
  // The byte ranges belong to the analysed text: after other edits they would cut the
  // wrong bytes, so re-analyse first and let the reviewer try again.
  if (m_sources.value(f.file) != editor->utf8Text()) {
    rescanChanged();
    Q_EMIT statusMessage(tr("The file changed since it was analysed; try the fix again in a moment"));
    return false;
  }
  std::vector<cio::TextEdit> edits = f.fixes[static_cast<size_t>(fixIndex)].edits;
  std::sort(edits.begin(), edits.end(),
            [](const cio::TextEdit &a, const cio::TextEdit &b) { return a.range.startByte > b.range.startByte; });
  editor->beginUndoAction();
  for (const cio::TextEdit &e : edits) {
    const QByteArray replacement = e.replacement.toUtf8();
    editor->SendScintilla(QsciScintillaBase::SCI_SETTARGETRANGE, static_cast<unsigned long>(e.range.startByte),
                          static_cast<long>(e.range.endByte));
    editor->SendScintilla(QsciScintillaBase::SCI_REPLACETARGET, static_cast<unsigned long>(replacement.size()),
                          replacement.constData());
  }
  editor->endUndoAction();
  Q_EMIT statusMessage(tr("Applied: %1 (Ctrl+Z undoes it; File › Save writes the file)")
                           .arg(f.fixes[static_cast<size_t>(fixIndex)].title));
  return true;
}

bool ReviewPanel::insertSuppression(int findingIndex, const QString &reason) {
  if (findingIndex < 0 || findingIndex >= static_cast<int>(m_result.findings.size())) return false;
  const cio::Finding f = m_result.findings[static_cast<size_t>(findingIndex)];
  const cio::Language &language = LanguageRegistry::forPath(absolutePath(f.file));
  if (language.lineComment.isEmpty() || f.line <= 0) return false;
  CodeEditor *editor = openLocation(f.file, f.line);
  if (!editor) return false;
  if (m_sources.value(f.file) != editor->utf8Text()) {
    rescanChanged();
    Q_EMIT statusMessage(tr("The file changed since it was analysed; try again in a moment"));
    return false;
  }
  const QString lineText = editor->text(f.line - 1);
  qsizetype indent = 0;
  while (indent < lineText.size() && (lineText[indent] == QLatin1Char(' ') || lineText[indent] == QLatin1Char('\t')))
    ++indent;
  QString why = reason.simplified();
  QString comment =
      lineText.left(indent) + language.lineComment + QStringLiteral(" cio-lint-disable-next-line ") + f.ruleId;
  if (!why.isEmpty()) comment += QStringLiteral(" -- ") + why;
  const QByteArray bytes = (comment + QLatin1Char('\n')).toUtf8();
  const long pos =
      editor->SendScintilla(QsciScintillaBase::SCI_POSITIONFROMLINE, static_cast<unsigned long>(f.line - 1));
  editor->beginUndoAction();
  editor->SendScintilla(QsciScintillaBase::SCI_INSERTTEXT, static_cast<unsigned long>(pos), bytes.constData());
  editor->endUndoAction();
  editor->setCursorPosition(f.line - 1, static_cast<int>(comment.size()));
  Q_EMIT statusMessage(
      tr("Inserted a suppression comment in %1 (Ctrl+Z undoes it; File › Save writes the file)").arg(f.file));
  return true;
}

bool ReviewPanel::save(CodeEditor *editor) {
  if (!editor) return false;
  const QString file = editor->property("cioFile").toString();
  const QString path = absolutePath(file);
  QSaveFile out(path);
  const QByteArray bytes = editor->utf8Text();
  if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit()) {
    QMessageBox::warning(this, tr("Cannot save"),
                         tr("Saving %1 failed: %2. Your edits are still in the editor.")
                             .arg(QDir::toNativeSeparators(path), out.errorString()));
    return false;
  }
  editor->setModified(false);
  updateTabTitle(editor);
  Q_EMIT statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
  m_rescanTimer.start();  // the watcher would notice too; do not depend on it
  return true;
}

bool ReviewPanel::hasUnsavedEdits() const {
  for (int i = 0; i < m_editors->count(); ++i)
    if (auto *e = qobject_cast<CodeEditor *>(m_editors->widget(i)); e && e->isModified()) return true;
  return false;
}

QMessageBox::StandardButton ReviewPanel::askUnsaved(const QString &file) {
  if (m_prompt) return m_prompt(file);
  return QMessageBox::question(this, tr("Unsaved edits"), tr("%1 has unsaved edits. Save them?").arg(file),
                               QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
}

bool ReviewPanel::maybeSaveAll() {
  for (int i = 0; i < m_editors->count(); ++i) {
    auto *e = qobject_cast<CodeEditor *>(m_editors->widget(i));
    if (!e || !e->isModified()) continue;
    m_editors->setCurrentIndex(i);
    const QMessageBox::StandardButton answer = askUnsaved(e->property("cioFile").toString());
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Save && !save(e)) return false;
    if (answer == QMessageBox::Discard) e->setModified(false);
  }
  return true;
}

bool ReviewPanel::closeEditor(int tabIndex) {
  auto *e = qobject_cast<CodeEditor *>(m_editors->widget(tabIndex));
  if (!e) return false;
  if (e->isModified()) {
    const QMessageBox::StandardButton answer = askUnsaved(e->property("cioFile").toString());
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Save && !save(e)) return false;
  }
  const bool hadBuffer = e->isModified() || m_sources.value(e->property("cioFile").toString()) != e->utf8Text();
  m_editors->removeTab(tabIndex);
  e->deleteLater();
  // Discarded edits were analysed as a buffer: the disk is the truth again.
  if (hadBuffer) m_rescanTimer.start();
  return true;
}

CodeEditor *ReviewPanel::activate(const QModelIndex &index) {
  if (!index.isValid()) return nullptr;
  const int kind = index.data(KindRole).toInt();
  if (kind != FindingRowKind && kind != RelatedRow) return nullptr;
  CodeEditor *editor = openLocation(index.data(FileRole).toString(), index.data(LineRole).toInt());
  if (editor) editor->setFocus();
  return editor;
}

void ReviewPanel::setTheme(const Theme &theme) {
  m_theme = theme;
  for (int i = 0; i < m_editors->count(); ++i)
    if (auto *e = qobject_cast<CodeEditor *>(m_editors->widget(i))) e->setTheme(theme);
}

bool ReviewPanel::isAccepted(int i) const {
  if (i < 0 || i >= static_cast<int>(m_lineHashes.size())) return false;
  const cio::Finding &f = m_result.findings[static_cast<size_t>(i)];
  return m_decisions.isAccepted(f.file, f.ruleId, m_lineHashes[static_cast<size_t>(i)]);
}

QString ReviewPanel::acceptedReason(int i) const {
  if (!isAccepted(i)) return {};
  const cio::Finding &f = m_result.findings[static_cast<size_t>(i)];
  return m_decisions.reason(f.file, f.ruleId, m_lineHashes[static_cast<size_t>(i)]);
}

bool ReviewPanel::acceptFinding(int i, const QString &reason) {
  if (i < 0 || i >= static_cast<int>(m_lineHashes.size())) return false;
  const cio::Finding &f = m_result.findings[static_cast<size_t>(i)];
  m_decisions.accept(f.file, f.ruleId, m_lineHashes[static_cast<size_t>(i)], reason);
  rebuild();
  return saveDecisions();
}

bool ReviewPanel::revokeFinding(int i) {
  if (!isAccepted(i)) return false;
  const cio::Finding &f = m_result.findings[static_cast<size_t>(i)];
  m_decisions.revoke(f.file, f.ruleId, m_lineHashes[static_cast<size_t>(i)]);
  rebuild();
  return saveDecisions();
}

bool ReviewPanel::saveDecisions() {
  QString why;
  if (m_decisions.save(&why)) return true;
  Q_EMIT statusMessage(tr("Cannot save %1: %2").arg(QDir::toNativeSeparators(m_decisions.path()), why));
  return false;
}

void ReviewPanel::showContextMenu(const QPoint &pos) {
  const QModelIndex index = m_view->indexAt(pos);
  if (index.data(KindRole).toInt() != FindingRowKind) return;
  const int i = index.data(FindingRole).toInt();
  QMenu menu(this);
  menu.addAction(tr("Open"), this, [this, index] { activate(index); });
  if (isAccepted(i)) {
    menu.addAction(tr("Revoke Acceptance"), this, [this, i] { revokeFinding(i); });
  } else {
    menu.addAction(tr("Accept…"), this, [this, i] {
      bool ok = false;
      const QString reason = QInputDialog::getText(this, tr("Accept finding"), tr("Why is this acceptable?"),
                                                   QLineEdit::Normal, QString(), &ok);
      if (ok) acceptFinding(i, reason);
    });
  }
  menu.addAction(tr("Suppress with a Comment…"), this, [this, i] {
    bool ok = false;
    const QString reason =
        QInputDialog::getText(this, tr("Suppress finding"), tr("Reason (written into the comment after “--”):"),
                              QLineEdit::Normal, QString(), &ok);
    if (ok) insertSuppression(i, reason);
  });
  menu.addAction(tr("Show Lesson"), this, [this, i] { Q_EMIT lessonRequested(m_result.findings[static_cast<size_t>(i)].ruleId); });
  menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void ReviewPanel::showEvents() { m_bottom->setCurrentWidget(m_events); }
void ReviewPanel::showProblems() { m_bottom->setCurrentIndex(0); }

// Near-duplicate names first, each group under one parent, then the other names.
void ReviewPanel::fillEvents() {
  m_eventList = cio::eventCatalogue(m_result.models);
  m_events->clear();
  const auto row = [](const cio::EventEntry &e) {
    auto *it = new QTreeWidgetItem({e.name, e.convention, QString::number(e.calls), e.files.join(QStringLiteral(", "))});
    it->setToolTip(0, e.name);
    it->setToolTip(3, e.files.join(QLatin1Char('\n')));
    it->setData(2, Qt::TextAlignmentRole, static_cast<int>(Qt::AlignRight | Qt::AlignVCenter));
    if (e.dynamic) {
      QFont f = it->font(0);
      f.setItalic(true);
      it->setFont(0, f);
    }
    return it;
  };
  QMap<QString, QList<const cio::EventEntry *>> dupes;
  for (const cio::EventEntry &e : m_eventList)
    if (e.hasNearDuplicate) dupes[e.duplicateKey].append(&e);
  for (auto it = dupes.cbegin(); it != dupes.cend(); ++it) {
    int calls = 0;
    for (const cio::EventEntry *e : it.value()) calls += e->calls;
    auto *group = new QTreeWidgetItem(
        {tr("Near-duplicates: %1 names for “%2”").arg(it.value().size()).arg(it.key()), QString(), QString::number(calls), QString()});
    group->setIcon(0, QIcon(QStringLiteral(":/icons/warning.svg")));
    QFont bold = group->font(0);
    bold.setBold(true);
    group->setFont(0, bold);
    group->setData(2, Qt::TextAlignmentRole, static_cast<int>(Qt::AlignRight | Qt::AlignVCenter));
    for (const cio::EventEntry *e : it.value()) group->addChild(row(*e));
    m_events->addTopLevelItem(group);
  }
  for (const cio::EventEntry &e : m_eventList)
    if (!e.hasNearDuplicate) m_events->addTopLevelItem(row(e));
  m_events->expandAll();
  for (int c = 0; c < 3; ++c) m_events->resizeColumnToContents(c);
  m_bottom->setTabText(m_bottom->indexOf(m_events), tr("Events (%1)").arg(m_eventList.size()));
}

cio::ReviewReport ReviewPanel::reviewReport() const {
  cio::ReviewReport review;
  review.title = QDir(m_root).dirName();
  for (int i = 0; i < static_cast<int>(m_result.findings.size()); ++i) {
    if (isAccepted(i)) review.accepted.push_back({m_result.findings[static_cast<size_t>(i)], acceptedReason(i)});
    else review.report.findings.push_back(m_result.findings[static_cast<size_t>(i)]);
  }
  review.report.skipped = m_result.skipped;
  review.report.filesScanned = m_result.filesScanned;
  review.report.suppressedCount = m_result.suppressedCount;
  review.events = m_eventList;
  review.lessonTitle = m_lessonTitle;
  const QHash<QString, QString> paths = m_paths;
  const QString root = m_root;
  review.readSource = [paths, root](const QString &file) {
    QFile in(paths.value(file, QDir(root).filePath(file)));
    return in.open(QIODevice::ReadOnly) ? in.read(16 * 1024 * 1024) : QByteArray();
  };
  return review;
}

bool ReviewPanel::exportReport(const QString &path, QString *error) const {
  const QString suffix = QFileInfo(path).suffix().toLower();
  const cio::ReviewReport review = reviewReport();
  const QByteArray bytes = suffix == QLatin1String("html") || suffix == QLatin1String("htm") ? cio::formatHtml(review)
                                                                                            : cio::formatMarkdown(review);
  QSaveFile out(path);
  if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit()) {
    if (error) *error = out.errorString();
    return false;
  }
  return true;
}

void ReviewPanel::exportInteractively() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export review report"),
                                                    QDir(m_root).filePath(QStringLiteral("cio-review.html")),
                                                    tr("HTML report (*.html);;Markdown report (*.md)"));
  if (path.isEmpty()) return;
  QString why;
  if (exportReport(path, &why)) Q_EMIT statusMessage(tr("Report written to %1").arg(QDir::toNativeSeparators(path)));
  else Q_EMIT statusMessage(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), why));
}

}  // namespace cio::desktop
