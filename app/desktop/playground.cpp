#include "playground.h"

#include "savedstate.h"

#include "codeeditor.h"
#include "findingsmodel.h"
#include "liveanalyzer.h"
#include "project/analyzer.h"

#include <QComboBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QSaveFile>
#include <QSplitter>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

namespace cio::desktop {

Playground::Playground(QWidget *parent)
    : QWidget(parent),
      m_editor(new CodeEditor(this)),
      m_findings(new FindingsModel(this)),
      m_analyzer(new LiveAnalyzer(this)),
      m_languageBox(new QComboBox(this)),
      m_status(new QLabel(this)),
      m_banner(new QLabel(this)),
      m_list(new QListView(this)),
      m_splitter(new QSplitter(Qt::Vertical, this)) {
  m_autosavePath =
      QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/playground.json");

  auto *bar = new QHBoxLayout;
  bar->setContentsMargins(8, 6, 8, 6);
  auto *langLabel = new QLabel(tr("&Language:"), this);
  langLabel->setBuddy(m_languageBox);
  for (const cio::Language &l : LanguageRegistry::all()) m_languageBox->addItem(l.displayName, l.key);
  m_languageBox->setToolTip(tr("The language the playground parses. Follows the file extension; "
                               "for pasted text it is guessed until you pick one."));
  auto *openButton = new QToolButton(this);
  openButton->setText(tr("Open…"));
  openButton->setToolTip(tr("Open a source file (Ctrl+O); you can also drop one here"));
  connect(openButton, &QToolButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open source file"), QString(),
        tr("Source files (*.js *.mjs *.cjs *.jsx *.ts *.mts *.cts *.tsx *.py *.rb *.go);;All files (*)"));
    if (!path.isEmpty()) openFile(path);
  });
  m_status->setTextFormat(Qt::PlainText);
  bar->addWidget(langLabel);
  bar->addWidget(m_languageBox);
  bar->addWidget(openButton);
  bar->addSpacing(12);
  bar->addWidget(m_status, 1);

  m_banner->setWordWrap(true);
  m_banner->setVisible(false);
  m_banner->setContentsMargins(10, 6, 10, 6);

  m_list->setModel(m_findings);
  m_list->setUniformItemSizes(true);
  m_list->setIconSize(QSize(16, 16));
  m_list->setToolTip(tr("Findings: double-click or Enter jumps to one"));
  m_list->setAccessibleName(tr("Findings"));
  m_splitter->addWidget(m_editor);
  m_splitter->addWidget(m_list);
  m_splitter->setStretchFactor(0, 5);
  m_splitter->setStretchFactor(1, 1);
  m_splitter->setChildrenCollapsible(false);

  auto *layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addLayout(bar);
  layout->addWidget(m_banner);
  layout->addWidget(m_splitter, 1);

  m_editor->viewport()->installEventFilter(this);
  m_editor->installEventFilter(this);
  setAcceptDrops(true);
  connect(m_editor, &QsciScintilla::textChanged, this, &Playground::onTextChanged);
  connect(m_editor, &CodeEditor::fixRequested, this, &Playground::applyFix);
  connect(m_editor, &CodeEditor::lessonRequested, this, &Playground::lessonRequested);
  connect(m_languageBox, &QComboBox::activated, this, [this](int index) {
    setLanguage(LanguageRegistry::byKey(m_languageBox->itemData(index).toString()), true);
  });
  connect(m_list, &QListView::activated, this, [this](const QModelIndex &index) {
    const cio::Finding *f = m_findings->at(index.row());
    if (!f) return;
    m_editor->SendScintilla(QsciScintillaBase::SCI_GOTOPOS, static_cast<unsigned long>(f->range.startByte));
    m_editor->setFocus();
  });
  connect(m_analyzer, &LiveAnalyzer::finished, this, &Playground::onAnalysisFinished);
  connect(m_analyzer, &LiveAnalyzer::started, this, [this] {
    m_analyzing = true;
    updateStatus();
  });
  connect(m_analyzer, &LiveAnalyzer::idle, this, [this] {
    m_analyzing = false;
    updateStatus();
    Q_EMIT analysisIdle();
  });

  m_autosaveTimer.setSingleShot(true);
  m_autosaveTimer.setInterval(800);
  connect(&m_autosaveTimer, &QTimer::timeout, this, &Playground::flushAutosave);

  m_editor->setSourceLanguage(LanguageRegistry::byId(LanguageId::JavaScript));
  syncLanguageBox();
  updateStatus();
}

Playground::~Playground() {
  if (m_autosaveTimer.isActive()) flushAutosave();
}

void Playground::setTheme(const Theme &theme) {
  m_editor->setTheme(theme);
  const QColor paper = theme.warningPaper, border = theme.warning;
  m_banner->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; border-bottom: 1px solid %3; }")
                              .arg(paper.name(), theme.text.name(), border.name()));
}

QString Playground::bannerText() const { return m_banner->isVisible() ? m_banner->text() : QString(); }

const cio::Language &Playground::language() const { return m_editor->sourceLanguage(); }

void Playground::syncLanguageBox() {
  const int i = m_languageBox->findData(language().key);
  if (i >= 0) m_languageBox->setCurrentIndex(i);
}

void Playground::setLanguage(const cio::Language &lang, bool pinned) {
  if (!lang.isValid()) return;
  m_languagePinned = pinned;
  if (&lang == &language()) return;
  m_editor->setSourceLanguage(lang);
  syncLanguageBox();
  reanalyzeNow();
}

QString Playground::analysisPath() const {
  if (!m_path.isEmpty()) return QFileInfo(m_path).fileName();
  return QStringLiteral("playground.%1").arg(language().extensions.value(0));
}

bool Playground::hasUnsavedText() const { return m_unsaved && !m_editor->text().trimmed().isEmpty(); }

bool Playground::confirmDiscard(const QString &what) {
  if (!hasUnsavedText()) return true;
  const QString question = tr("The playground holds text you have not saved. Replace it with %1?").arg(what);
  if (m_confirm) return m_confirm(question);
  const auto answer = QMessageBox::question(this, tr("Replace the playground text?"), question,
                                            QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
  return answer == QMessageBox::Discard;
}

void Playground::showError(const QString &title, const QString &text) {
  Q_EMIT statusMessage(text);
  if (m_error) m_error(title, text);
  else QMessageBox::warning(this, title, text);
}

bool Playground::openFile(const QString &path) {
  const QFileInfo info(path);
  const QString name = info.fileName();
  const QString cannot = tr("Cannot open %1").arg(name);
  if (!info.exists()) {
    showError(cannot, tr("%1 does not exist.").arg(QDir::toNativeSeparators(path)));
    return false;
  }
  if (info.isDir()) {
    showError(cannot, tr("%1 is a folder, not a source file.").arg(name));
    return false;
  }
  if (!info.isFile()) {
    // Opening a FIFO blocks until something writes to it: the window would hang.
    showError(cannot, tr("%1 is not a regular file (a FIFO, socket or device). The playground was left as it was.")
                          .arg(name));
    return false;
  }
  if (info.size() > kMaxOpenBytes) {
    // Read nothing: a file this size would take the editor gigabytes.
    showError(cannot,
              tr("%1 is %2, larger than the %3 the editor opens. Use cio-lint --max-file-size for files this size. "
                 "The playground was left as it was.")
                  .arg(name, QLocale().formattedDataSize(info.size()), QLocale().formattedDataSize(kMaxOpenBytes)));
    return false;
  }
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    showError(cannot, tr("%1 cannot be read: %2.").arg(name, f.errorString()));
    return false;
  }
  // Bounded even if the file grew since it was measured (or is not a regular file).
  const QByteArray bytes = f.read(kMaxOpenBytes + 1);
  if (bytes.size() > kMaxOpenBytes) {
    showError(cannot, tr("%1 is larger than the %2 the editor opens. Use cio-lint --max-file-size for files this size.")
                          .arg(name, QLocale().formattedDataSize(kMaxOpenBytes)));
    return false;
  }
  if (f.error() != QFileDevice::NoError) {
    showError(cannot, tr("Reading %1 failed: %2.").arg(name, f.errorString()));
    return false;
  }
  if (const QString why = cio::unreadableReason(bytes); !why.isEmpty()) {
    const QString text =
        why == QLatin1String("binary file")
            ? tr("%1 looks like a binary file, not source code. The playground was left as it was.").arg(name)
            : tr("%1 is not UTF-8 text (%2). Save it as UTF-8 and open it again. The playground was left as it was.")
                  .arg(name, why);
    showError(cannot, text);
    return false;
  }
  if (!confirmDiscard(tr("the contents of %1").arg(name))) return false;

  const cio::Language &byExtension = LanguageRegistry::forPath(path);
  const bool known = byExtension.isValid();
  const cio::Language &lang = known ? byExtension : LanguageRegistry::guess(QString::fromUtf8(bytes.left(64 * 1024)));
  QString notLive;
  if (bytes.size() > kMaxLiveBytes) {
    notLive = (tr("%1 is %2, larger than the %3 live analysis handles: it is open read-only and "
                  "without findings. Use cio-lint --max-file-size for files this size.")
                   .arg(name, QLocale().formattedDataSize(bytes.size()), QLocale().formattedDataSize(kMaxLiveBytes)));
  }
  setBuffer(bytes, lang, known, info.absoluteFilePath(), false, notLive);
  Q_EMIT statusMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)));
  return true;
}

bool Playground::loadText(const QString &text, const cio::Language &lang) {
  if (!confirmDiscard(tr("the lesson example"))) return false;
  setBuffer(text.toUtf8(), lang, true, QString(), false);
  return true;
}

void Playground::newBuffer() {
  if (!confirmDiscard(tr("an empty buffer"))) return;
  setBuffer(QByteArray(), language(), false, QString(), false);
}

void Playground::setBuffer(const QByteArray &utf8, const cio::Language &lang, bool pinned, const QString &path,
                           bool modified, const QString &notLiveReason) {
  m_loading = true;
  setLiveAnalysis(true, QString());
  // A file too large for live analysis is not highlighted either (that would parse it).
  if (!notLiveReason.isEmpty()) m_editor->setHighlightingEnabled(false);
  m_path = path;
  m_languagePinned = pinned;
  m_findings->clear();
  m_editor->setMarks({});
  m_editor->setSourceLanguage(lang);
  syncLanguageBox();
  m_editor->setReadOnly(false);
  m_editor->setText(QString::fromUtf8(utf8));
  m_editor->setModified(false);
  m_editor->SendScintilla(QsciScintillaBase::SCI_EMPTYUNDOBUFFER);
  m_unsaved = modified;
  m_loading = false;
  if (!notLiveReason.isEmpty()) setLiveAnalysis(false, notLiveReason);
  Q_EMIT filePathChanged(m_path);
  reanalyzeNow();
  m_autosaveTimer.start();
}

void Playground::setLiveAnalysis(bool on, const QString &reason) {
  m_liveAnalysis = on;
  m_editor->setHighlightingEnabled(on);
  m_editor->setReadOnly(!on);
  m_banner->setText(reason);
  m_banner->setVisible(!on && !reason.isEmpty());
  if (!on) {
    m_analyzer->cancel();
    m_findings->clear();
    m_editor->setMarks({});
  }
  updateStatus();
}

void Playground::onTextChanged() {
  if (m_loading) return;
  m_unsaved = true;
  if (!m_autosaveTimer.isActive()) m_autosaveTimer.start();  // at most ~1 s behind, even while typing
  if (!m_liveAnalysis) return;
  if (!m_languagePinned && m_path.isEmpty()) {
    // Pasted or typed text without a file name: follow the best guess until the user
    // picks a language.
    const cio::Language &guess = LanguageRegistry::guess(m_editor->text().left(64 * 1024));
    if (&guess != &language()) {
      m_editor->setSourceLanguage(guess);
      syncLanguageBox();
    }
  }
  m_analyzer->schedule(m_editor->utf8Text(), language(), analysisPath());
}

void Playground::reanalyzeNow() {
  if (!m_liveAnalysis) return;
  m_analyzer->analyzeNow(m_editor->utf8Text(), language(), analysisPath());
}

void Playground::onAnalysisFinished(const std::vector<cio::Finding> &findings, const QByteArray &source,
                                    const QString &skipped, qint64 elapsedMs) {
  m_lastElapsed = elapsedMs;
  m_lastSkipped = skipped;
  m_findings->setFindings(findings, source);
  // The text may have moved on since (the next run is queued); marks for old text would
  // land in the wrong place, so paint only results for the current text.
  if (source == m_editor->utf8Text()) m_editor->setMarks(findings);
  if (!skipped.isEmpty()) Q_EMIT statusMessage(tr("Not analysed: %1").arg(skipped));
  updateStatus();
}

QString Playground::statusText() const {
  return m_status->text();
}

void Playground::updateStatus() {
  if (!m_liveAnalysis) {
    m_status->setText(tr("Live analysis off"));
    return;
  }
  if (m_analyzing) {
    m_status->setText(tr("Analysing…"));
    return;
  }
  const auto &all = m_findings->findings();
  if (all.empty() && !m_lastSkipped.isEmpty()) {
    // Nothing found because nothing was analysed: say so, not "no pitfalls".
    m_status->setText(tr("Not analysed: %1").arg(m_lastSkipped));
    return;
  }
  if (all.empty()) {
    m_status->setText(m_editor->text().trimmed().isEmpty() ? tr("Type or paste code that calls Customer.io")
                                                            : tr("No pitfalls found"));
    return;
  }
  int errors = 0, warnings = 0, infos = 0;
  for (const cio::Finding &f : all)
    (f.severity == cio::Severity::Error ? errors : f.severity == cio::Severity::Warning ? warnings : infos)++;
  QStringList parts;
  const auto count = [&](int n, const QString &one, const QString &many) {
    if (n) parts << (n == 1 ? one : many.arg(n));
  };
  count(errors, tr("1 error"), tr("%1 errors"));
  count(warnings, tr("1 warning"), tr("%1 warnings"));
  count(infos, tr("1 note"), tr("%1 notes"));
  m_status->setText(parts.join(QStringLiteral(", ")) + tr("  ·  F8 next, Shift+F8 previous"));
}

bool Playground::isAnalysisIdle() const { return m_analyzer->isIdle(); }

bool Playground::applyFix(int findingIndex, int fixIndex) {
  const auto &marks = m_editor->marks();
  if (findingIndex < 0 || findingIndex >= static_cast<int>(marks.size())) return false;
  const cio::Finding &f = marks[static_cast<size_t>(findingIndex)];
  if (fixIndex < 0 || fixIndex >= static_cast<int>(f.fixes.size()) || m_editor->isReadOnly()) return false;
  // The byte ranges belong to the analysed text; after further typing they would cut
  // the wrong bytes, so re-analyse instead and let the user try again.
  if (m_findings->source() != m_editor->utf8Text()) {
    reanalyzeNow();
    Q_EMIT statusMessage(tr("The code changed since it was analysed; try the fix again in a moment"));
    return false;
  }
  std::vector<cio::TextEdit> edits = f.fixes[static_cast<size_t>(fixIndex)].edits;
  const QString title = f.fixes[static_cast<size_t>(fixIndex)].title;
  std::sort(edits.begin(), edits.end(),
            [](const cio::TextEdit &a, const cio::TextEdit &b) { return a.range.startByte > b.range.startByte; });
  m_editor->beginUndoAction();
  for (const cio::TextEdit &e : edits) {
    const QByteArray replacement = e.replacement.toUtf8();
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETTARGETRANGE, static_cast<unsigned long>(e.range.startByte),
                            static_cast<long>(e.range.endByte));
    m_editor->SendScintilla(QsciScintillaBase::SCI_REPLACETARGET, static_cast<unsigned long>(replacement.size()),
                            replacement.constData());
  }
  m_editor->endUndoAction();
  Q_EMIT statusMessage(tr("Applied: %1 (Ctrl+Z undoes it)").arg(title));
  reanalyzeNow();
  return true;
}

bool Playground::gotoFinding(bool forward) { return m_editor->gotoMark(forward); }

bool Playground::save() {
  if (m_path.isEmpty()) return saveAs();
  QSaveFile f(m_path);
  if (!f.open(QIODevice::WriteOnly) || f.write(m_editor->utf8Text()) < 0 || !f.commit()) {
    showError(tr("Cannot save"), tr("Saving %1 failed: %2.").arg(QDir::toNativeSeparators(m_path), f.errorString()));
    return false;
  }
  m_unsaved = false;
  m_editor->setModified(false);
  flushAutosave();
  Q_EMIT statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(m_path)));
  return true;
}

bool Playground::saveAs(const QString &suggested) {
  QString path = suggested;
  if (path.isEmpty())
    path = QFileDialog::getSaveFileName(this, tr("Save playground as"), analysisPath());
  if (path.isEmpty()) return false;
  m_path = QFileInfo(path).absoluteFilePath();
  Q_EMIT filePathChanged(m_path);
  return save();
}

bool Playground::flushAutosave() {
  m_autosaveTimer.stop();
  if (!m_autosaveEnabled || m_autosavePath.isEmpty()) return false;
  QJsonObject o;
  o.insert(QStringLiteral("version"), 1);
  // A file opened and not edited since is restored from the file itself.
  const bool fromFile = !m_unsaved && !m_path.isEmpty();
  o.insert(QStringLiteral("text"), fromFile ? QString() : m_editor->text());
  o.insert(QStringLiteral("fromFile"), fromFile);
  o.insert(QStringLiteral("language"), language().key);
  o.insert(QStringLiteral("languagePinned"), m_languagePinned);
  o.insert(QStringLiteral("path"), m_path);
  o.insert(QStringLiteral("unsaved"), m_unsaved);
  o.insert(QStringLiteral("cursor"), static_cast<qint64>(m_editor->SendScintilla(QsciScintillaBase::SCI_GETCURRENTPOS)));
  QDir().mkpath(QFileInfo(m_autosavePath).absolutePath());
  // QSaveFile writes a temporary file and renames it: a crash mid-write leaves the
  // previous autosave intact.
  QSaveFile f(m_autosavePath);
  if (!f.open(QIODevice::WriteOnly)) return false;
  f.write(QJsonDocument(o).toJson(QJsonDocument::Compact));
  return f.commit();
}

bool Playground::restoreAutosave() {
  m_autosaveNotice.clear();
  QFile f(m_autosavePath);
  if (!f.open(QIODevice::ReadOnly)) return false;
  QJsonParseError err{};
  const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
  f.close();
  const QJsonObject o = doc.object();
  if (err.error != QJsonParseError::NoError || !o.value(QStringLiteral("text")).isString()) {
    QString aside;
    m_autosaveNotice = keepCorruptFileAside(
        m_autosavePath,
        err.error != QJsonParseError::NoError ? tr("is damaged (%1)").arg(err.errorString())
                                              : tr("holds no playground text"),
        &aside);
    if (aside.isEmpty()) m_autosaveEnabled = false;  // never save over what could not be kept
    Q_EMIT statusMessage(m_autosaveNotice);
    return false;
  }
  const QString path = o.value(QStringLiteral("path")).toString();
  if (o.value(QStringLiteral("fromFile")).toBool()) {
    if (!QFileInfo::exists(path)) return false;
    const auto quiet = std::exchange(m_error, [](const QString &, const QString &) {});
    const bool opened = openFile(path);
    m_error = quiet;
    return opened;
  }
  const cio::Language &saved = LanguageRegistry::byKey(o.value(QStringLiteral("language")).toString());
  const cio::Language &lang = saved.isValid() ? saved : LanguageRegistry::byId(LanguageId::JavaScript);
  setBuffer(o.value(QStringLiteral("text")).toString().toUtf8(), lang,
            o.value(QStringLiteral("languagePinned")).toBool(), path,
            o.value(QStringLiteral("unsaved")).toBool());
  const auto cursor = o.value(QStringLiteral("cursor")).toInteger();
  m_editor->SendScintilla(QsciScintillaBase::SCI_GOTOPOS, static_cast<unsigned long>(std::max<qint64>(0, cursor)));
  return true;
}

bool Playground::eventFilter(QObject *watched, QEvent *event) {
  // Files dropped on the editor open like File › Open; text drops stay the editor's.
  if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove) {
    auto *e = static_cast<QDropEvent *>(event);
    if (e->mimeData()->hasUrls()) {
      e->acceptProposedAction();
      return true;
    }
  } else if (event->type() == QEvent::Drop) {
    auto *e = static_cast<QDropEvent *>(event);
    if (e->mimeData()->hasUrls()) {
      const QList<QUrl> urls = e->mimeData()->urls();
      if (!urls.isEmpty() && urls.first().isLocalFile()) openFile(urls.first().toLocalFile());
      e->acceptProposedAction();
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace cio::desktop
