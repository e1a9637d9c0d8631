#include "quizwidget.h"

#include "lessons/lessonrepository.h"
#include "quiz/progressstore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMainWindow>
#include <QTimer>

#include <cstdio>

static void fail(const QString &message) { std::fprintf(stderr, "cio-pitfalls: %s\n", qPrintable(message)); }

int main(int argc, char **argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("cio-pitfalls"));
  QApplication::setOrganizationName(QStringLiteral("cio-pitfalls"));

  QCommandLineParser parser;
  parser.addHelpOption();
  const QCommandLineOption quizOpt(QStringLiteral("quiz"), QStringLiteral("Take the quiz of lesson <id> (e.g. CIO002)."),
                                   QStringLiteral("id"));
  const QCommandLineOption trackOpt(QStringLiteral("track"), QStringLiteral("Take the quiz of track <id> (e.g. node-backend)."),
                                    QStringLiteral("id"));
  const QCommandLineOption shotOpt(QStringLiteral("screenshot"),
                                   QStringLiteral("Render the window to <png> once loaded, then exit."), QStringLiteral("png"));
  parser.addOptions({quizOpt, trackOpt, shotOpt});
  parser.process(app);
  const bool scripted = parser.isSet(shotOpt);

  cio::LessonRepository repo;
  repo.addSearchPathsFromEnvironment();
  // A scripted run never reads or writes the learner's progress.
  cio::ProgressStore progress(scripted ? QDir::temp().filePath(QStringLiteral("cio-pitfalls-screenshot-progress.json"))
                                       : QString());
  if (!scripted) progress.load();

  QMainWindow w;
  w.setWindowTitle(QStringLiteral("cio-pitfalls"));
  auto *quiz = new cio::desktop::QuizWidget(&repo, scripted ? nullptr : &progress, &w);
  w.setCentralWidget(quiz);
  w.resize(960, 720);
  bool started = false;
  if (parser.isSet(quizOpt)) {
    started = quiz->startLesson(parser.value(quizOpt));
    if (!started) fail(QStringLiteral("no lesson with a quiz: '%1'").arg(parser.value(quizOpt)));
  } else if (parser.isSet(trackOpt)) {
    started = quiz->startTrack(parser.value(trackOpt));
    if (!started) fail(QStringLiteral("no track '%1'").arg(parser.value(trackOpt)));
  } else {
    started = quiz->startTrack(QStringLiteral("node-backend"));
  }
  if (!started && (parser.isSet(quizOpt) || parser.isSet(trackOpt)) && scripted) return 2;
  w.show();
  if (!scripted) return app.exec();

  const QString png = parser.value(shotOpt);
  int rc = 0;
  QTimer::singleShot(150, &w, [&] {
    if (!w.grab().save(png)) {
      fail(QStringLiteral("cannot write %1").arg(QDir::toNativeSeparators(png)));
      rc = 1;
    }
    app.exit(rc);
  });
  return app.exec();
}
