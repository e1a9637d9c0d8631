#include "reviewpanel.h"

#include "codeeditor.h"
#include "language/language.h"
#include "project/config.h"
#include "project/scanner.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QInputDialog>
#include <QMenu>
#include <QSaveFile>
#include <QTreeWidget>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QThread>
#include <QTreeView>
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
  m_view->setContextMenuPolicy(Qt::CustomContextMenu);
  connect(m_view, &QTreeView::customContextMenuRequested, this, &ReviewPanel::showContextMenu);

  m_editors->setDocumentMode(true);
  m_editors->setTabsClosable(true);
  connect(m_editors, &QTabWidget::tabCloseRequested, this, [this](int i) {
    QWidget *w = m_editors->widget(i);
    m_editors->removeTab(i);
    w->deleteLater();
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

  auto *split = new QSplitter(Qt::Vertical, this);
  split->addWidget(m_editors);
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

bool ReviewPanel::isScanning() const { return m_watcher && m_watcher->isRunning(); }

bool ReviewPanel::startScan(const QString &dir) {
  const QFileInfo info(dir);
  if (!info.isDir()) {
    Q_EMIT statusMessage(tr("%1 is not a folder").arg(QDir::toNativeSeparators(dir)));
    return false;
  }
  if (m_watcher) {
    if (m_cancelFlag) m_cancelFlag->store(true);
    m_watcher->disconnect(this);
    m_watcher->waitForFinished();
    m_watcher->deleteLater();
    m_watcher = nullptr;
  }
  m_root = QDir::cleanPath(info.absoluteFilePath());
  m_result = {};
  m_paths.clear();
  m_lineHashes.clear();
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
  m_progress->setRange(0, 0);
  m_progress->setValue(0);
  m_current->setText(tr("Listing files…"));
  setScanningUi(true);

  m_cancelFlag = std::make_shared<std::atomic_bool>(false);
  const auto flag = m_cancelFlag;
  const QString root = m_root;
  const int delay = m_delayMs;
  m_watcher = new QFutureWatcher<Outcome>(this);
  connect(m_watcher, &QFutureWatcher<Outcome>::finished, this, &ReviewPanel::onScanDone);
  m_watcher->setFuture(QtConcurrent::run([this, flag, root, delay]() {
    Outcome out;
    QString why;
    cio::Config config;
    if (auto loaded = cio::Config::loadFromDirectory(root, &why)) config = *loaded;
    cio::Scanner scanner(config);
    cio::ScanResult scan = scanner.scan({root});
    out.total = static_cast<int>(scan.files.size());
    for (const cio::SourceFile &f : scan.files) out.paths.insert(f.displayPath, f.path);
    Q_EMIT workerProgress(0, out.total, QString());
    cio::Analyzer analyzer(config);
    out.result = analyzer.analyzeFiles(
        scan.files,
        [this, delay](int done, int total, const QString &file) {
          if (delay > 0) QThread::msleep(static_cast<unsigned long>(delay));
          Q_EMIT workerProgress(done, total, file);
        },
        flag.get());
    for (cio::SkippedFile &s : scan.skipped) out.result.skipped.push_back(std::move(s));
    std::sort(out.result.skipped.begin(), out.result.skipped.end(),
              [](const cio::SkippedFile &a, const cio::SkippedFile &b) { return a.file < b.file; });
    // The source line of each finding, hashed: the key of the reviewer's decisions.
    QHash<QString, QByteArray> bytes;
    for (const cio::Finding &f : out.result.findings) {
      auto it = bytes.find(f.file);
      if (it == bytes.end()) {
        QFile in(out.paths.value(f.file, QDir(root).filePath(f.file)));
        it = bytes.insert(f.file, in.open(QIODevice::ReadOnly) ? in.read(64 * 1024 * 1024) : QByteArray());
      }
      out.lineHashes.push_back(cio::ReviewDecisions::lineHashFor(it.value(), f.line));
    }
    out.cancelled = flag->load();
    return out;
  }));
  return true;
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

void ReviewPanel::onScanDone() {
  if (!m_watcher) return;
  Outcome out = m_watcher->result();
  m_result = std::move(out.result);
  m_paths = std::move(out.paths);
  m_lineHashes = std::move(out.lineHashes);
  m_total = out.total;
  setScanningUi(false);
  m_progress->setRange(0, std::max(m_total, 1));
  // Skipped files count as done: the bar reads "5 / 5" after a complete scan.
  m_progress->setValue(out.cancelled ? m_result.filesScanned : std::max(m_total, 1));
  m_current->setText(out.cancelled ? tr("Cancelled after %1 of %2 files").arg(m_result.filesScanned).arg(m_total)
                                   : tr("%n file(s) scanned", nullptr, m_result.filesScanned));
  refillRuleCombo();
  rebuild();
  fillEvents();
  m_export->setEnabled(true);
  Q_EMIT statusMessage(tr("Review: %n finding(s)", nullptr, static_cast<int>(m_result.findings.size())));
  Q_EMIT scanFinished(out.cancelled);
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

  const int total = static_cast<int>(m_result.findings.size());
  if (!m_decisionsWarning.isEmpty()) m_summary->setToolTip(m_decisionsWarning);
  m_summary->setText(shown == total ? tr("%n finding(s)", nullptr, total) : tr("%1 of %2 findings").arg(shown).arg(total));
}

QString ReviewPanel::absolutePath(const QString &displayPath) const {
  const auto it = m_paths.constFind(displayPath);
  if (it != m_paths.cend()) return it.value();
  return QDir(m_root).filePath(displayPath);
}

CodeEditor *ReviewPanel::currentEditor() const { return qobject_cast<CodeEditor *>(m_editors->currentWidget()); }

CodeEditor *ReviewPanel::openLocation(const QString &displayPath, int line) {
  if (displayPath.isEmpty()) return nullptr;
  CodeEditor *editor = nullptr;
  for (int i = 0; i < m_editors->count(); ++i) {
    if (m_editors->widget(i)->property("cioFile").toString() == displayPath) {
      editor = qobject_cast<CodeEditor *>(m_editors->widget(i));
      m_editors->setCurrentIndex(i);
      break;
    }
  }
  if (!editor) {
    const QString path = absolutePath(displayPath);
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
    editor->setReadOnly(true);
    std::vector<cio::Finding> marks;
    for (const cio::Finding &f : m_result.findings)
      if (f.file == displayPath) marks.push_back(f);
    editor->setMarks(marks);
    connect(editor, &CodeEditor::lessonRequested, this, &ReviewPanel::lessonRequested);
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
