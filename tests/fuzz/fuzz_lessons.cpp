// libFuzzer target: the lesson and quiz loaders on arbitrary files. The input is split at
// NUL bytes into lesson.json, lesson.md, quiz.json, order.json, tracks.json and one
// example (examples/javascript/wrong.js); they are written into a lessons root on disk
// (the loaders read folders) and loaded as the app does: the repository, the terminal
// rendering of `cio-lint --explain`, the rule list, and a quiz session per lesson and per
// track, every question answered wrong and right, including fix-it grading.
#include "lessons/lessonformat.h"
#include "lessons/lessonrepository.h"
#include "quiz/progressstore.h"
#include "quiz/quizsession.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>

namespace {

void writeFile(const QString &path, const QByteArray &bytes, bool present) {
  if (!present) {
    QFile::remove(path);
    return;
  }
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) __builtin_trap();
  f.write(bytes);
}

void answerEverything(cio::QuizSession session, cio::ProgressStore *progress) {
  session.setProgressStore(progress);
  for (int guard = 0; !session.atEnd() && guard < 64; ++guard) {
    const cio::QuizItem &item = session.current();
    (void)session.answer(cio::QuizAnswer::multipleChoice(item.question.answer));
    (void)session.answer(cio::QuizAnswer::trueFalse(!item.question.answerTrue));
    (void)session.answer(
        cio::QuizAnswer::spotLines({1, static_cast<int>(item.question.code.count(QLatin1Char('\n'))) + 1}));
    // Fix-it grading runs the analyzer; bounded by the input size (libFuzzer -max_len).
    (void)session.answer(cio::QuizAnswer::fixIt(item.question.solution));
    session.next();
  }
  session.finish();
  (void)session.missed();
  (void)session.scoresByLesson();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static QTemporaryDir root(QDir::tempPath() + QStringLiteral("/cio-fuzz-lessons-XXXXXX"));
  if (!root.isValid()) __builtin_trap();
  const QDir dir(root.path());
  const QString lessonDir = dir.filePath(QStringLiteral("CIO900-fuzzed-lesson"));
  static const bool made = QDir().mkpath(lessonDir + QStringLiteral("/examples/javascript"));
  if (!made) __builtin_trap();

  const QList<QByteArray> parts =
      QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size)).split('\0');
  const auto part = [&](int i) { return i < parts.size() ? parts.at(i) : QByteArray(); };
  writeFile(lessonDir + QStringLiteral("/lesson.json"), part(0), true);
  writeFile(lessonDir + QStringLiteral("/lesson.md"), part(1), parts.size() > 1);
  writeFile(lessonDir + QStringLiteral("/quiz.json"), part(2), parts.size() > 2);
  writeFile(dir.filePath(QStringLiteral("order.json")), part(3), parts.size() > 3);
  writeFile(dir.filePath(QStringLiteral("tracks.json")), part(4), parts.size() > 4);
  writeFile(lessonDir + QStringLiteral("/examples/javascript/wrong.js"), part(5), parts.size() > 5);
  writeFile(lessonDir + QStringLiteral("/examples/javascript/correct.js"), part(6), parts.size() > 6);

  cio::LessonRepository repo{cio::LessonRepository::Empty{}};
  repo.addSearchPath(root.path());
  // Every problem is reported with the file it came from.
  for (const QString &e : repo.errors())
    if (!e.startsWith(root.path())) __builtin_trap();

  cio::ProgressStore progress(dir.filePath(QStringLiteral("progress.json")));
  for (const cio::Lesson &l : repo.lessons()) {
    if (!l.isValid() || l.id.isEmpty()) __builtin_trap();
    (void)cio::formatLessonForTerminal(l, QStringLiteral("javascript"), false);
    (void)cio::formatLessonForTerminal(l, QString(), true);
    QString out, error;
    (void)cio::explainRule(repo, l.id, QStringLiteral("python"), false, &out, &error);
    answerEverything(cio::QuizSession::forLesson(repo, l.id), &progress);
  }
  (void)cio::formatRuleListForTerminal(repo, false);
  (void)repo.curriculum().lessonIds();
  for (const cio::Track &t : repo.tracks()) answerEverything(cio::QuizSession::forTrack(repo, t.id), &progress);
  answerEverything(cio::QuizSession::forReview(repo, progress, repo.lessonIds()), &progress);
  return 0;
}
