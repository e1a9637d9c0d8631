#include "mainwindow.h"
#include "playground.h"
#include "reviewpanel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QTimer>

#include <cstdio>
#include <ctime>

using namespace cio::desktop;

// --print-first-paint (for tests/bench): prints the CLOCK_MONOTONIC time, in ns, at which
// the main window's first paint finished, then quits. The benchmark subtracts the time
// it started the process at: startup to first paint, dynamic loading included. A normal
// start otherwise (settings, lessons, the saved playground): the benchmark points HOME
// and the XDG folders at an empty profile.
class FirstPaintProbe : public QObject {
 public:
  using QObject::QObject;
  bool eventFilter(QObject *watched, QEvent *event) override {
    if (event->type() == QEvent::Paint && !m_seen) {
      m_seen = true;
      // Queued: runs once this paint (and the flush that follows it) is done.
      QTimer::singleShot(0, this, [] {
        timespec ts{};
        clock_gettime(CLOCK_MONOTONIC, &ts);
        std::printf("first_paint_ns %lld\n", static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec);
        std::fflush(stdout);
        QCoreApplication::exit(0);
      });
    }
    return QObject::eventFilter(watched, event);
  }

 private:
  bool m_seen = false;
};

static void fail(const QString &message) { std::fprintf(stderr, "cio-pitfalls: %s\n", qPrintable(message)); }

int main(int argc, char **argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("cio-pitfalls"));
  QApplication::setOrganizationName(QStringLiteral("cio-pitfalls"));
  QApplication::setApplicationVersion(QStringLiteral(CIO_VERSION));
  QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/cio-pitfalls.svg")));

  QCommandLineParser parser;
  parser.setApplicationDescription(
      QStringLiteral("Learn, and find in real code, the mistakes people make when they integrate Customer.io."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption lessonOpt(QStringLiteral("lesson"), QStringLiteral("Show lesson <id> (e.g. CIO002)."),
                                     QStringLiteral("id"));
  const QCommandLineOption langOpt(QStringLiteral("lang"),
                                   QStringLiteral("Example language for --lesson: js, ts, python, ruby, go."),
                                   QStringLiteral("language"));
  const QCommandLineOption openOpt(QStringLiteral("open"), QStringLiteral("Open <file> in the playground."),
                                   QStringLiteral("file"));
  const QCommandLineOption shotOpt(QStringLiteral("screenshot"),
                                   QStringLiteral("Render the window to <png> once loaded and analysed, then exit."),
                                   QStringLiteral("png"));
  const QCommandLineOption themeOpt(QStringLiteral("theme"), QStringLiteral("Colour theme: light, dark or system."),
                                    QStringLiteral("theme"));
  const QCommandLineOption quizOpt(QStringLiteral("quiz"), QStringLiteral("Take the quiz of lesson <id> (e.g. CIO002)."),
                                   QStringLiteral("id"));
  const QCommandLineOption trackOpt(QStringLiteral("track"),
                                    QStringLiteral("Take the quiz of track <id> (e.g. node-backend)."), QStringLiteral("id"));
  const QCommandLineOption presentOpt(
      QStringLiteral("present"),
      QStringLiteral("Presenter mode for lesson <id> (CIO002) or track <id> (node-backend)."), QStringLiteral("id"));
  const QCommandLineOption slideOpt(
      QStringLiteral("slide"), QStringLiteral("With --present: start at slide <n> (1 = first)."), QStringLiteral("n"));
  const QCommandLineOption reviewOpt(QStringLiteral("review"),
                                     QStringLiteral("Review every source file under <folder> (Review tab)."),
                                     QStringLiteral("folder"));
  const QCommandLineOption reviewTabOpt(QStringLiteral("review-tab"),
                                        QStringLiteral("With --review: show the problems or events tab."),
                                        QStringLiteral("tab"));
  const QCommandLineOption lessonsDirOpt(
      QStringLiteral("lessons"),
      QStringLiteral("A lessons folder whose lessons override or extend the built-in ones; may be repeated."),
      QStringLiteral("folder"));
  QCommandLineOption probeOpt(QStringLiteral("print-first-paint"),
                              QStringLiteral("Print the monotonic clock at the first paint, then exit (benchmark)."));
  probeOpt.setFlags(QCommandLineOption::HiddenFromHelp);
  parser.addOptions({lessonOpt, langOpt, openOpt, shotOpt, themeOpt, quizOpt, trackOpt, presentOpt, slideOpt, reviewOpt,
                     reviewTabOpt, lessonsDirOpt, probeOpt});
  parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A source file to open in the playground."),
                               QStringLiteral("[file]"));
  parser.process(app);

  WindowOptions options;
  const bool probing = parser.isSet(probeOpt);
  options.ephemeral = parser.isSet(shotOpt);
  if (parser.isSet(themeOpt)) {
    if (!parseThemeMode(parser.value(themeOpt), &options.theme)) {
      fail(QStringLiteral("unknown theme '%1' (light, dark or system)").arg(parser.value(themeOpt)));
      return 2;
    }
    options.themeGiven = true;
  }

  for (const QString &folder : parser.values(lessonsDirOpt)) {
    if (!QFileInfo(folder).isDir()) {
      fail(QStringLiteral("--lessons: %1 is not a folder").arg(folder));
      return 2;
    }
    options.lessonFolders << folder;
  }

  MainWindow window(options);
  bool failed = false;
  if (options.ephemeral) {
    // Nothing to ask in a scripted run, and errors go to stderr instead of a dialog.
    window.playground()->setConfirmHandler([](const QString &) { return true; });
    window.playground()->setErrorHandler([&failed](const QString &title, const QString &text) {
      fail(title + QStringLiteral(": ") + text);
      failed = true;
    });
  }

  FirstPaintProbe probe;
  if (probing) window.installEventFilter(&probe);
  // Show the window first: opening a file over unsaved playground text asks, and that
  // question belongs in front of the window, not alone on an empty screen.
  if (!options.ephemeral) window.show();
  QString openPath = parser.value(openOpt);
  if (openPath.isEmpty() && !parser.positionalArguments().isEmpty()) openPath = parser.positionalArguments().first();
  if (!openPath.isEmpty()) window.openFile(openPath);
  if (parser.isSet(lessonOpt)) {
    if (!window.showLesson(parser.value(lessonOpt), parser.value(langOpt))) {
      fail(QStringLiteral("no lesson '%1'%2").arg(parser.value(lessonOpt),
                                                  parser.isSet(langOpt) ? QStringLiteral(" with a %1 example").arg(parser.value(langOpt)) : QString()));
      if (options.ephemeral) return 2;
    }
  }
  if (parser.isSet(quizOpt) && !window.startQuiz(parser.value(quizOpt))) {
    fail(QStringLiteral("no lesson with a quiz: '%1'").arg(parser.value(quizOpt)));
    if (options.ephemeral) return 2;
  }
  if (parser.isSet(trackOpt) && !window.startTrackQuiz(parser.value(trackOpt))) {
    fail(QStringLiteral("no track '%1'").arg(parser.value(trackOpt)));
    if (options.ephemeral) return 2;
  }
  if (parser.isSet(presentOpt)) {
    bool ok = true;
    const int slide = parser.isSet(slideOpt) ? parser.value(slideOpt).toInt(&ok) : 1;
    if (!ok || slide < 1) {
      fail(QStringLiteral("--slide takes a number from 1"));
      return 2;
    }
    const QString id = parser.value(presentOpt);
    if (!window.presentLesson(id, slide - 1) && !window.presentTrack(id, slide - 1)) {
      fail(QStringLiteral("no lesson or track '%1' to present").arg(id));
      if (options.ephemeral) return 2;
    }
  }
  const bool reviewing = parser.isSet(reviewOpt);
  if (reviewing && !window.openFolder(parser.value(reviewOpt))) {
    fail(QStringLiteral("%1 is not a folder").arg(parser.value(reviewOpt)));
    if (options.ephemeral) return 2;
  }
  window.show();

  if (!options.ephemeral) return app.exec();

  const QString png = parser.value(shotOpt);
  const auto shoot = [&] {
    // Let layouts and Scintilla's deferred painting settle before grabbing.
    QTimer::singleShot(150, &window, [&] {
      const QPixmap pixmap = window.grab();
      if (!pixmap.save(png)) {
        fail(QStringLiteral("cannot write %1").arg(QDir::toNativeSeparators(png)));
        failed = true;
      }
      app.exit(failed ? 1 : 0);
    });
  };
  if (reviewing) {
    QObject::connect(window.review(), &ReviewPanel::scanFinished, &window, [&] {
      // Show the first finding in its file, as a reviewer's double-click would.
      ReviewPanel *review = window.review();
      const QAbstractItemModel *m = review->problemsModel();
      if (m->rowCount() > 0) review->activate(m->index(0, 0, m->index(0, 0)));
      if (parser.value(reviewTabOpt) == QLatin1String("events")) review->showEvents();
      shoot();
    }, Qt::SingleShotConnection);
  } else if (window.playground()->isAnalysisIdle()) shoot();
  else QObject::connect(window.playground(), &Playground::analysisIdle, &window, shoot, Qt::SingleShotConnection);
  return app.exec();
}
