#include "mainwindow.h"

#include "savedstate.h"

#include "codeeditor.h"
#include "lessonbrowser.h"
#include "lessonview.h"
#include "playground.h"
#include "presenter.h"
#include "quizwidget.h"
#include "reviewpanel.h"
#include "rules/rule.h"

#include <Qsci/qsciglobal.h>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <tree_sitter/api.h>

namespace cio::desktop {

MainWindow::MainWindow(WindowOptions options, QWidget *parent)
    : QMainWindow(parent),
      m_options(options),
      m_stack(new QStackedWidget(this)),
      m_tabs(new QTabWidget(this)),
      m_lessonSplit(new QSplitter(Qt::Horizontal, this)),
      m_browser(new LessonBrowser(this)),
      m_lessonView(new LessonView(this)),
      m_playground(new Playground(this)),
      m_review(new ReviewPanel(this)),
      m_presenter(new PresenterView(this)) {
  // Before anything reads a setting (Qt parses the file once and caches it).
  if (!options.ephemeral) checkSettingsFile();
  setWindowTitle(tr("cio-pitfalls"));
  setWindowIcon(QIcon(QStringLiteral(":/icons/cio-pitfalls.svg")));

  m_lessonSplit->addWidget(m_browser);
  m_lessonSplit->addWidget(m_lessonView);
  m_lessonSplit->setStretchFactor(1, 1);
  m_lessonSplit->setSizes({340, 940});
  m_lessonSplit->setChildrenCollapsible(false);
  m_tabs->setDocumentMode(true);
  m_tabs->addTab(m_lessonSplit, QIcon(QStringLiteral(":/icons/lessons.svg")), tr("Lessons"));
  m_tabs->addTab(m_playground, QIcon(QStringLiteral(":/icons/playground.svg")), tr("Playground"));
  // Lesson folders on disk override the built-in lessons, in the browser and the quiz.
  m_lessonFolders = lessonFoldersFor(options);
  m_quizRepo.addSearchPathsFromEnvironment();
  for (const QString &folder : m_lessonFolders) m_quizRepo.addSearchPath(folder);
  // A scripted run never touches the learner's quiz progress, unless a test gives a file.
  if (!options.ephemeral || !options.quizProgressPath.isEmpty()) {
    m_quizProgress = std::make_unique<cio::ProgressStore>(options.quizProgressPath);
    m_quizProgress->load();  // a damaged file is moved aside; the quiz page shows the message
  }
  m_quiz = new QuizWidget(&m_quizRepo, m_quizProgress.get(), this);
  m_tabs->addTab(m_quiz, QIcon(QStringLiteral(":/icons/quiz.svg")), tr("Quiz"));
  connect(m_quiz, &QuizWidget::openLessonRequested, this, [this](const QString &id, const QString &section) {
    if (showLesson(id) && !section.isEmpty()) m_lessonView->showSection(section);
  });
  connect(m_quiz, &QuizWidget::progressChanged, this, &MainWindow::refreshQuizProgress);
  connect(m_browser, &LessonBrowser::trackActivated, this, [this](const QString &id) { startTrackQuiz(id); });
  m_tabs->addTab(m_review, QIcon(QStringLiteral(":/icons/check.svg")), tr("Review"));
  m_stack->addWidget(m_tabs);
  m_stack->addWidget(m_presenter);
  setCentralWidget(m_stack);
  connect(m_presenter, &PresenterView::exitRequested, this, &MainWindow::stopPresenting);

  m_playground->setAutosaveEnabled(!options.ephemeral);
  m_playground->editor()->setExplanationProvider([this](const QString &ruleId) {
    const QString summary = m_catalog.lesson(ruleId).summary;
    if (!summary.isEmpty()) return summary;
    const cio::Rule *rule = cio::findRule(ruleId);
    return rule ? rule->info().summary : QString();
  });
  connect(m_browser, &LessonBrowser::lessonSelected, this, &MainWindow::onLessonSelected);
  connect(m_playground, &Playground::lessonRequested, this, [this](const QString &id) { showLesson(id); });
  m_review->editorTabs()->setObjectName(QStringLiteral("reviewEditors"));
  m_review->setLessonTitleLookup([this](const QString &lessonId) {
    // Lesson folder ids are "CIO002-millisecond-timestamp"; the catalog knows "CIO002".
    return m_catalog.lesson(lessonId.section(QLatin1Char('-'), 0, 0)).title;
  });
  connect(m_review, &ReviewPanel::lessonRequested, this, [this](const QString &id) { showLesson(id); });
  connect(m_review, &ReviewPanel::statusMessage, this, [this](const QString &t) { statusBar()->showMessage(t, 6000); });
  connect(m_playground, &Playground::statusMessage, this, [this](const QString &t) { statusBar()->showMessage(t, 6000); });
  connect(m_playground, &Playground::filePathChanged, this, [this](const QString &path) {
    setWindowFilePath(path);
    setWindowTitle(path.isEmpty() ? tr("cio-pitfalls") : tr("%1 — cio-pitfalls").arg(QFileInfo(path).fileName()));
  });
  connect(m_lessonView, &LessonView::quizRequested, this, [this](const QString &id) {
    if (!startQuiz(id)) statusBar()->showMessage(tr("Lesson %1 has no quiz").arg(id), 4000);
  });
  connect(m_lessonView, &LessonView::tryInPlayground, this, [this](const QString &code, const QString &key) {
    if (m_playground->loadText(code, LanguageRegistry::byKey(key))) showPlayground();
  });

  createMenus();
  statusBar();
  m_catalog.load(m_lessonFolders);
  if (options.ephemeral) m_progress = ReadProgress(QString());  // shows nothing as read
  else addStartupNotice(m_progress.load());
  reloadLessons();
  restoreSettings();
  if (options.themeGiven) m_themeMode = options.theme;
  setThemeMode(m_themeMode);
  if (!options.ephemeral) {
    m_playground->restoreAutosave();
    addStartupNotice(m_playground->autosaveNotice());
    if (m_quizProgress) addStartupNotice(m_quizProgress->message());
  }
  // A damaged file was kept aside: say so where it stays visible until the next message.
  if (!m_startupNotices.isEmpty()) statusBar()->showMessage(m_startupNotices.join(QLatin1Char(' ')));
}

void MainWindow::checkSettingsFile() {
  QSettings s;
  if (s.status() != QSettings::FormatError) return;
  // Not an INI file any more: keep it for the user, start from the defaults.
  addStartupNotice(keepCorruptFileAside(s.fileName(), tr("is not a valid settings file")));
  s.clear();
  s.sync();
}

void MainWindow::addStartupNotice(const QString &notice) {
  if (notice.isEmpty()) return;
  qWarning("cio-pitfalls: %s", qPrintable(notice));
  m_startupNotices << notice;
}

MainWindow::~MainWindow() = default;

void MainWindow::reloadLessons() {
  m_browser->setLessons(m_catalog, m_progress);
  refreshQuizProgress();
  if (m_catalog.isEmpty())
    statusBar()->showMessage(tr("No lessons are built into this version yet; the playground works."), 8000);
  else if (!m_catalog.errors().isEmpty())
    statusBar()->showMessage(
        tr("Some lessons could not be read: %1").arg(m_catalog.errors().join(QStringLiteral("; "))), 15000);
}

QStringList MainWindow::lessonFoldersFor(const WindowOptions &options) {
  QStringList folders;
  // A scripted run reads no settings, so only --lessons counts there.
  if (!options.ephemeral) folders = QSettings().value(QStringLiteral("lessons/folders")).toStringList();
  return folders + options.lessonFolders;
}

void MainWindow::createMenus() {
  QMenu *file = menuBar()->addMenu(tr("&File"));
  QAction *newAction = file->addAction(tr("&New Playground"), this, [this] {
    m_playground->newBuffer();
    showPlayground();
  });
  newAction->setShortcut(QKeySequence::New);
  QAction *open = file->addAction(tr("&Open…"), this, [this] {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open source file"), QString(),
        tr("Source files (*.js *.mjs *.cjs *.jsx *.ts *.mts *.cts *.tsx *.py *.rb *.go);;All files (*)"));
    if (!path.isEmpty()) openFile(path);
  });
  open->setShortcut(QKeySequence::Open);
  file->addAction(tr("Open &Folder…"), this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Review a folder"));
    if (!dir.isEmpty()) openFolder(dir);
  })->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
  // Save writes whatever is in front: the playground, or the review's current file.
  file->addAction(tr("&Save"), this,
                  [this] {
                    if (m_tabs->currentWidget() == m_review)
                      m_review->saveCurrent();
                    else
                      m_playground->save();
                  })
      ->setShortcut(QKeySequence::Save);
  file->addAction(tr("Save &As…"), this, [this] { m_playground->saveAs(); })->setShortcut(QKeySequence::SaveAs);
  file->addSeparator();
  QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);

  // Edit actions go to whichever editor has focus (the playground's or an example).
  QMenu *edit = menuBar()->addMenu(tr("&Edit"));
  const auto focused = [] { return qobject_cast<QsciScintilla *>(QApplication::focusWidget()); };
  const auto add = [&](const QString &text, QKeySequence::StandardKey key, std::function<void(QsciScintilla *)> run) {
    QAction *a = edit->addAction(text, this, [focused, run] {
      if (QsciScintilla *e = focused()) run(e);
    });
    a->setShortcut(key);
    // The editors handle these keys themselves; the menu entries are for discovery.
    a->setShortcutContext(Qt::WidgetShortcut);
  };
  add(tr("&Undo"), QKeySequence::Undo, [](QsciScintilla *e) { e->undo(); });
  add(tr("&Redo"), QKeySequence::Redo, [](QsciScintilla *e) { e->redo(); });
  edit->addSeparator();
  add(tr("Cu&t"), QKeySequence::Cut, [](QsciScintilla *e) { e->cut(); });
  add(tr("&Copy"), QKeySequence::Copy, [](QsciScintilla *e) { e->copy(); });
  add(tr("&Paste"), QKeySequence::Paste, [](QsciScintilla *e) { e->paste(); });
  edit->addSeparator();
  add(tr("Select &All"), QKeySequence::SelectAll, [](QsciScintilla *e) { e->selectAll(); });
  edit->addSeparator();
  edit->addAction(tr("&Find Lesson…"), this, [this] {
    showLessons();
    m_browser->focusFilter();
  })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));

  QMenu *view = menuBar()->addMenu(tr("&View"));
  view->addAction(QIcon(QStringLiteral(":/icons/lessons.svg")), tr("&Lessons"), this, &MainWindow::showLessons)
      ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
  view->addAction(QIcon(QStringLiteral(":/icons/playground.svg")), tr("&Playground"), this, &MainWindow::showPlayground)
      ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
  view->addAction(QIcon(QStringLiteral(":/icons/check.svg")), tr("&Review"), this, &MainWindow::showReview)
      ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
  view->addAction(QIcon(QStringLiteral(":/icons/quiz.svg")), tr("&Quiz"), this, &MainWindow::showQuiz)
      ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
  view->addSeparator();
  QAction *presentAction = view->addAction(tr("&Present"), this, [this] {
    if (!present()) statusBar()->showMessage(tr("Choose a lesson or start a quiz to present"), 4000);
  });
  presentAction->setShortcut(QKeySequence(Qt::Key_F5));
  presentAction->setToolTip(tr("Full screen, large type, one section or question per screen; Esc returns"));
  // The menu bar is hidden while presenting: the window keeps the action so F5 and Esc
  // still reach it.
  addAction(presentAction);
  view->addSeparator();
  QMenu *theme = view->addMenu(tr("&Theme"));
  m_themeGroup = new QActionGroup(this);
  for (ThemeMode mode : {ThemeMode::System, ThemeMode::Light, ThemeMode::Dark}) {
    const QString label = mode == ThemeMode::System ? tr("Follow &System") : mode == ThemeMode::Light ? tr("&Light") : tr("&Dark");
    QAction *a = theme->addAction(label, this, [this, mode] { setThemeMode(mode); });
    a->setCheckable(true);
    a->setData(static_cast<int>(mode));
    m_themeGroup->addAction(a);
  }

  QMenu *go = menuBar()->addMenu(tr("&Go"));
  go->addAction(tr("&Next Finding"), this, [this] {
    showPlayground();
    if (!m_playground->gotoFinding(true)) statusBar()->showMessage(tr("No findings"), 3000);
  })->setShortcut(QKeySequence(Qt::Key_F8));
  go->addAction(tr("&Previous Finding"), this, [this] {
    showPlayground();
    if (!m_playground->gotoFinding(false)) statusBar()->showMessage(tr("No findings"), 3000);
  })->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F8));

  QMenu *quizMenu = menuBar()->addMenu(tr("&Quiz"));
  quizMenu->addAction(tr("Quiz on This &Lesson"), this, [this] {
    const QString id = m_lessonView->lesson().id;
    if (id.isEmpty() || !startQuiz(id)) statusBar()->showMessage(tr("Choose a lesson first"), 4000);
  });
  quizMenu->addAction(tr("&Mixed Exam\u2026"), this, &MainWindow::chooseExam);
  QMenu *tracks = quizMenu->addMenu(tr("&Track Quiz"));
  for (const cio::Track &t : m_quizRepo.tracks())
    tracks->addAction(t.title, this, [this, id = t.id] { startTrackQuiz(id); });
  quizMenu->addAction(tr("&Review Missed Questions"), this, [this] {
    if (!m_quizProgress) return;
    cio::QuizSession s = cio::QuizSession::forReview(m_quizRepo, *m_quizProgress, m_quizRepo.lessonIds());
    if (!s.isValid()) return;
    m_quiz->start(std::move(s));
    showQuiz();
  });

  QMenu *help = menuBar()->addMenu(tr("&Help"));
  help->addAction(QIcon(QStringLiteral(":/icons/cio-pitfalls.svg")), tr("&About cio-pitfalls"), this, [this] {
    QMessageBox box(this);
    box.setWindowTitle(tr("About cio-pitfalls"));
    box.setIconPixmap(QIcon(QStringLiteral(":/icons/cio-pitfalls.svg")).pixmap(64, 64));
    box.setTextFormat(Qt::RichText);
    box.setText(aboutText());
    box.exec();
  });
  help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

QString MainWindow::aboutText() {
  return tr("<h3>cio-pitfalls %1</h3>"
            "<p>Learn, and find in real code, the mistakes people make when they integrate "
            "<a href='https://customer.io/docs/'>Customer.io</a>.</p>"
            "<p>Qt %2 (built with %3)<br>QScintilla %4<br>tree-sitter language ABI %5 (accepts %6–%5)</p>")
      .arg(QStringLiteral(CIO_VERSION), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
           QStringLiteral(QSCINTILLA_VERSION_STR))
      .arg(TREE_SITTER_LANGUAGE_VERSION)
      .arg(TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION);
}

bool MainWindow::startQuiz(const QString &lessonId) {
  if (!m_quiz->startLesson(lessonId)) return false;
  showQuiz();
  return true;
}

bool MainWindow::startTrackQuiz(const QString &trackId) {
  if (!m_quiz->startTrack(trackId)) return false;
  showQuiz();
  return true;
}

bool MainWindow::startExam(const QStringList &lessonIds) {
  cio::QuizSession s = cio::QuizSession::forExam(m_quizRepo, lessonIds);
  if (!s.isValid()) return false;
  m_quiz->start(std::move(s));
  showQuiz();
  return true;
}

void MainWindow::chooseExam() {
  QDialog dialog(this);
  dialog.setWindowTitle(tr("Mixed exam"));
  auto *layout = new QVBoxLayout(&dialog);
  layout->addWidget(new QLabel(tr("Questions from the lessons you tick, mixed: one of each lesson in turn."), &dialog));
  auto *list = new QListWidget(&dialog);
  list->setObjectName(QStringLiteral("examLessons"));
  for (const QString &id : m_quizRepo.lessonIds()) {
    const cio::Lesson l = m_quizRepo.lesson(id);
    if (l.quiz.isEmpty()) continue;
    auto *item = new QListWidgetItem(
        tr("%1  %2 (%n question(s))", nullptr, static_cast<int>(l.quiz.size())).arg(l.id, l.title), list);
    item->setData(Qt::UserRole, l.id);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(Qt::Unchecked);
  }
  layout->addWidget(list, 1);
  auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Start exam"));
  buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
  connect(list, &QListWidget::itemChanged, &dialog, [list, buttons] {
    bool any = false;
    for (int i = 0; i < list->count(); ++i) any = any || list->item(i)->checkState() == Qt::Checked;
    buttons->button(QDialogButtonBox::Ok)->setEnabled(any);
  });
  connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  dialog.resize(520, 460);
  if (dialog.exec() != QDialog::Accepted) return;
  QStringList ids;
  for (int i = 0; i < list->count(); ++i)
    if (list->item(i)->checkState() == Qt::Checked) ids << list->item(i)->data(Qt::UserRole).toString();
  startExam(ids);
}

void MainWindow::refreshQuizProgress() {
  QList<LessonBrowser::TrackProgress> tracks;
  const auto questionIds = [this](const QString &lessonId) {
    QStringList ids;
    for (const cio::QuizQuestion &q : m_quizRepo.lesson(lessonId).quiz) ids << q.id;
    return ids;
  };
  for (const LessonInfo &l : m_catalog.lessons()) {
    const QStringList ids = questionIds(l.id);
    const int mastered = m_quizProgress ? m_quizProgress->masteredCount(l.id, ids) : 0;
    m_browser->setQuizProgress(l.id, mastered, static_cast<int>(ids.size()));
  }
  for (const cio::Track &t : m_quizRepo.tracks()) {
    LessonBrowser::TrackProgress p{t.id, t.title, 0, 0, 0, static_cast<int>(t.lessonIds.size())};
    for (const QString &id : t.lessonIds) {
      // The questions the track's own quiz asks, so its bar can reach 100 %.
      QStringList ids;
      for (const cio::QuizQuestion &q : cio::QuizSession::trackQuestions(m_quizRepo.lesson(id), t.language))
        ids << q.id;
      p.questions += static_cast<int>(ids.size());
      const int mastered = m_quizProgress ? m_quizProgress->masteredCount(id, ids) : 0;
      p.mastered += mastered;
      if (!ids.isEmpty() && mastered == ids.size()) ++p.lessonsDone;
    }
    tracks << p;
  }
  m_browser->setTracks(tracks, m_quizProgress ? m_quizProgress->currentProfile() : QString());
}

void MainWindow::showQuiz() { m_tabs->setCurrentWidget(m_quiz); }

bool MainWindow::isPresenting() const {
  return m_stack->currentWidget() == m_presenter;
}

bool MainWindow::present() {
  if (m_tabs->currentWidget() == m_quiz && m_quiz->session().isValid()) {
    const cio::QuizSession &s = m_quiz->session();
    startPresenting(s.title(), quizSlides(s), s.atEnd() ? 0 : s.currentIndex());
    return true;
  }
  QString id = m_lessonView->lesson().id;
  if (id.isEmpty() && !m_quizRepo.lessonIds().isEmpty()) id = m_quizRepo.lessonIds().first();
  const cio::Lesson lesson = m_quizRepo.lesson(id);
  if (!lesson.isValid()) return false;
  startPresenting(QString(), lessonSlides(lesson, m_lessonView->exampleLanguage()), 0);
  return true;
}

bool MainWindow::presentLesson(const QString &lessonId, int slide) {
  const cio::Lesson lesson = m_quizRepo.lesson(lessonId);
  if (!lesson.isValid()) return false;
  startPresenting(QString(), lessonSlides(lesson), slide);
  return true;
}

bool MainWindow::presentTrack(const QString &trackId, int slide) {
  const cio::Track t = m_quizRepo.track(trackId);
  if (!t.isValid()) return false;
  QList<Slide> slides;
  for (const QString &id : t.lessonIds) {
    const cio::Lesson l = m_quizRepo.lesson(id);
    if (l.isValid()) slides << lessonSlides(l, t.language);
  }
  if (slides.isEmpty()) return false;
  startPresenting(t.title, slides, slide);
  return true;
}

void MainWindow::startPresenting(const QString &title, const QList<Slide> &slides, int start) {
  m_presenter->setSlides(title, slides, start);
  if (!isPresenting()) {
    m_statesBeforePresenting = windowState();
    m_stack->setCurrentWidget(m_presenter);
    menuBar()->hide();
    statusBar()->hide();
    // A scripted run keeps its fixed size so screenshots are reproducible.
    if (!m_options.ephemeral) showFullScreen();
  }
  m_presenter->setFocus();
}

void MainWindow::stopPresenting() {
  if (!isPresenting()) return;
  m_stack->setCurrentWidget(m_tabs);
  menuBar()->show();
  statusBar()->show();
  if (!m_options.ephemeral) setWindowState(m_statesBeforePresenting);
  m_tabs->currentWidget()->setFocus();
}

bool MainWindow::showLesson(const QString &id, const QString &languageKey) {
  const LessonInfo &lesson = m_catalog.lesson(id);
  if (!lesson.isValid()) return false;
  showLessons();
  m_browser->selectLesson(lesson.id);
  if (m_lessonView->lesson().id != lesson.id) onLessonSelected(lesson.id);
  if (!languageKey.isEmpty()) return m_lessonView->setExampleLanguage(languageKey);
  return true;
}

void MainWindow::onLessonSelected(const QString &id) {
  const LessonInfo &lesson = m_catalog.lesson(id);
  if (!lesson.isValid()) return;
  m_lessonView->setLesson(lesson);
  if (!m_progress.isRead(lesson.id)) {
    m_progress.setRead(lesson.id, true);
    m_browser->setRead(lesson.id, true);
    if (!m_options.ephemeral) m_progress.save();
  }
  // The learner's profile keeps its own record of lessons read (quiz summaries use it).
  if (m_quizProgress && !m_quizProgress->isLessonRead(lesson.id)) {
    m_quizProgress->markLessonRead(lesson.id);
    m_quizProgress->save();
  }
}

bool MainWindow::openFile(const QString &path) {
  showPlayground();
  return m_playground->openFile(path);
}

void MainWindow::showPlayground() { m_tabs->setCurrentWidget(m_playground); }

void MainWindow::showLessons() { m_tabs->setCurrentWidget(m_lessonSplit); }

bool MainWindow::openFolder(const QString &dir) {
  if (!m_review->startScan(dir)) return false;
  showReview();
  return true;
}

void MainWindow::showReview() { m_tabs->setCurrentWidget(m_review); }

void MainWindow::applyEditorTheme(const Theme &theme) {
  m_playground->setTheme(theme);
  m_lessonView->setTheme(theme);
  m_presenter->setTheme(theme);
  m_review->setTheme(theme);
}

void MainWindow::setThemeMode(ThemeMode mode) {
  m_themeMode = mode;
  m_applyingTheme = true;
  const Theme theme = applyThemeMode(*qApp, mode);
  m_applyingTheme = false;
  applyEditorTheme(theme);
  for (QAction *a : m_themeGroup->actions()) a->setChecked(a->data().toInt() == static_cast<int>(mode));
}

void MainWindow::changeEvent(QEvent *event) {
  // Following the system: the platform changed its palette (light <-> dark).
  if (event->type() == QEvent::ApplicationPaletteChange && !m_applyingTheme && m_themeMode == ThemeMode::System)
    applyEditorTheme(themeForPalette());
  QMainWindow::changeEvent(event);
}

void MainWindow::restoreSettings() {
  if (m_options.ephemeral) {
    resize(1280, 800);
    return;
  }
  QSettings s;
  // Everything read here may be garbage (hand-edited, truncated): each value is checked
  // and a bad one just falls back to the default.
  const QByteArray geometry = s.value(QStringLiteral("window/geometry")).toByteArray();
  if (geometry.isEmpty() || !restoreGeometry(geometry)) resize(1280, 800);
  const QByteArray split = s.value(QStringLiteral("window/lessonSplit")).toByteArray();
  if (!split.isEmpty()) m_lessonSplit->restoreState(split);
  ThemeMode mode = ThemeMode::System;
  if (parseThemeMode(s.value(QStringLiteral("view/theme")).toString(), &mode)) m_themeMode = mode;
  const QString last = s.value(QStringLiteral("lessons/last")).toString();
  if (!last.isEmpty() && m_catalog.lesson(last).isValid()) showLesson(last);
  bool ok = false;
  const int tab = s.value(QStringLiteral("window/tab")).toInt(&ok);
  if (ok && tab >= 0 && tab < m_tabs->count()) m_tabs->setCurrentIndex(tab);
}

void MainWindow::saveSettings() const {
  if (m_options.ephemeral) return;
  QSettings s;
  s.setValue(QStringLiteral("window/geometry"), saveGeometry());
  s.setValue(QStringLiteral("window/lessonSplit"), m_lessonSplit->saveState());
  s.setValue(QStringLiteral("window/tab"), m_tabs->currentIndex());
  s.setValue(QStringLiteral("view/theme"), themeModeName(m_themeMode));
  const QString last = m_lessonView->lesson().id;
  if (!last.isEmpty()) s.setValue(QStringLiteral("lessons/last"), last);
}

void MainWindow::closeEvent(QCloseEvent *event) {
  // Edits made while reviewing are never dropped without asking.
  if (!m_review->maybeSaveAll()) {
    showReview();
    event->ignore();
    return;
  }
  saveSettings();
  if (!m_options.ephemeral) m_playground->flushAutosave();
  QMainWindow::closeEvent(event);
}

}  // namespace cio::desktop
