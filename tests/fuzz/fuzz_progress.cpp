// libFuzzer target: the learner's and the reviewer's saved state read back from arbitrary
// bytes: quiz-progress.json (ProgressStore) and .cio-review.json (ReviewDecisions). A file
// either loads, and then saves and loads again to the same content, or is moved aside
// with a message; it is never silently dropped.
#include "findings/decisions.h"
#include "quiz/progressstore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>

namespace {

void put(const QString &path, const QByteArray &bytes) {
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) __builtin_trap();
  f.write(bytes);
}

void clearFolder(const QDir &dir) {
  for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden)) QFile::remove(dir.filePath(name));
}

void progress(const QDir &dir, const QByteArray &bytes) {
  const QString path = dir.filePath(QStringLiteral("quiz-progress.json"));
  put(path, bytes);
  cio::ProgressStore store(path);
  if (!store.load()) {
    // Refused: the reason is given and the bytes are kept, byte for byte.
    if (store.message().isEmpty() || store.movedAsidePath().isEmpty()) __builtin_trap();
    QFile aside(store.movedAsidePath());
    if (!aside.open(QIODevice::ReadOnly) || aside.readAll() != bytes) __builtin_trap();
    return;
  }
  const QStringList lessons = store.lessonsRead();
  (void)store.profiles();
  (void)store.reviewOrder(
      {{QStringLiteral("CIO002"), QStringLiteral("q1")}, {QStringLiteral("CIO004"), QStringLiteral("q2")}});
  (void)store.masteredCount(QStringLiteral("CIO002"), {QStringLiteral("q1"), QStringLiteral("q2")});
  (void)store.lessonScore(QStringLiteral("CIO002"));
  store.recordAnswer(QStringLiteral("CIO002"), QStringLiteral("q1"), true);
  store.recordLessonScore(QStringLiteral("CIO002"), 1, 2);
  store.markLessonRead(QStringLiteral("CIO004"));
  if (!store.save()) __builtin_trap();
  cio::ProgressStore again(path);
  if (!again.load()) __builtin_trap();  // what we wrote must read back
  for (const QString &id : lessons)
    if (!again.isLessonRead(id)) __builtin_trap();
  if (!again.isLessonRead(QStringLiteral("CIO004"))) __builtin_trap();
  if (again.question(QStringLiteral("CIO002"), QStringLiteral("q1")).attempts < 1) __builtin_trap();
}

void decisions(const QDir &dir, const QByteArray &bytes) {
  const QString path = dir.filePath(QString::fromLatin1(cio::ReviewDecisions::fileName));
  put(path, bytes);
  cio::ReviewDecisions d;
  QString warning;
  d.load(dir.path(), &warning);
  if (!warning.isEmpty()) {
    QFile aside(path + QStringLiteral(".corrupt"));
    if (!aside.open(QIODevice::ReadOnly) || aside.readAll() != bytes) __builtin_trap();
    return;
  }
  // Loaded: every entry survives a save and a reload.
  const QJsonArray entries = QJsonDocument::fromJson(bytes).object().value(QStringLiteral("accepted")).toArray();
  QString error;
  if (!d.save(&error)) __builtin_trap();
  cio::ReviewDecisions back;
  back.load(dir.path(), &warning);
  if (!warning.isEmpty() || back.size() != d.size()) __builtin_trap();
  for (const QJsonValue &v : entries) {
    const QJsonObject o = v.toObject();
    const QString file = o.value(QStringLiteral("file")).toString(), rule = o.value(QStringLiteral("rule")).toString(),
                  hash = o.value(QStringLiteral("line_hash")).toString();
    if (!back.isAccepted(file, rule, hash)) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static QTemporaryDir root(QDir::tempPath() + QStringLiteral("/cio-fuzz-progress-XXXXXX"));
  if (!root.isValid()) __builtin_trap();
  const QDir dir(root.path());
  clearFolder(dir);
  const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
  progress(dir, bytes);
  clearFolder(dir);
  decisions(dir, bytes);
  return 0;
}
