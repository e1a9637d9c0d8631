#include "quiz/progressstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace cio {

namespace {

const QString kFormat = QStringLiteral("cio-pitfalls-progress");
const QString kDefaultProfile = QStringLiteral("default");

QString iso(const QDateTime &t) { return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString(); }
QDateTime fromIso(const QString &s) {
  const QDateTime t = QDateTime::fromString(s, Qt::ISODate);  // written with a trailing Z
  return t.isValid() ? t.toUTC() : t;
}

}  // namespace

ProgressStore::ProgressStore(QString filePath) : m_path(filePath.isEmpty() ? defaultPath() : std::move(filePath)) {
  resetToFresh();
}

QString ProgressStore::defaultPath() {
  return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/quiz-progress.json");
}

void ProgressStore::resetToFresh() {
  m_profiles = QJsonObject{{kDefaultProfile, QJsonObject{}}};
  m_current = kDefaultProfile;
}

bool ProgressStore::moveAside(const QString &reason, const QString &why) {
  const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss"));
  QString target = QStringLiteral("%1.%2-%3").arg(m_path, reason, stamp);
  for (int n = 2; QFile::exists(target); ++n) target = QStringLiteral("%1.%2-%3-%4").arg(m_path, reason, stamp).arg(n);
  resetToFresh();
  if (QFile::rename(m_path, target)) {
    m_movedAside = target;
    m_message = QStringLiteral("Your progress file %1 %2. It was kept as %3 and a fresh one was started; "
                               "nothing was deleted.")
                    .arg(QDir::toNativeSeparators(m_path), why, QDir::toNativeSeparators(target));
  } else {
    // Could not rename: still never overwrite it silently. Saving goes on refusing.
    m_movedAside.clear();
    m_message = QStringLiteral("Your progress file %1 %2, and it could not be moved aside; progress will not be "
                               "saved until it is moved or removed.")
                    .arg(QDir::toNativeSeparators(m_path), why);
  }
  return false;
}

bool ProgressStore::load() {
  m_message.clear();
  m_movedAside.clear();
  resetToFresh();
  QFile f(m_path);
  if (!f.exists()) return true;
  if (!f.open(QIODevice::ReadOnly)) {
    m_message = QStringLiteral("Cannot read your progress file %1: %2").arg(QDir::toNativeSeparators(m_path), f.errorString());
    return false;
  }
  const QByteArray bytes = f.readAll();
  f.close();
  QJsonParseError err;
  const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
  if (err.error != QJsonParseError::NoError || !doc.isObject())
    return moveAside(QStringLiteral("corrupt"),
                     QStringLiteral("is damaged (%1)").arg(err.error != QJsonParseError::NoError ? err.errorString()
                                                                                                  : QStringLiteral("not a JSON object")));
  const QJsonObject root = doc.object();
  if (root.value(QStringLiteral("format")).toString() != kFormat)
    return moveAside(QStringLiteral("corrupt"), QStringLiteral("is not a cio-pitfalls progress file"));
  const int version = root.value(QStringLiteral("version")).toInt(0);
  if (version > kFormatVersion)
    return moveAside(QStringLiteral("newer"),
                     QStringLiteral("was written by a newer cio-pitfalls (format %1, this version reads %2)")
                         .arg(version)
                         .arg(kFormatVersion));
  if (version < 1) return moveAside(QStringLiteral("corrupt"), QStringLiteral("has no valid format version"));
  const QJsonObject profiles = root.value(QStringLiteral("profiles")).toObject();
  if (!profiles.isEmpty()) m_profiles = profiles;
  const QString current = root.value(QStringLiteral("currentProfile")).toString();
  m_current = m_profiles.contains(current) ? current : m_profiles.keys().first();
  return true;
}

bool ProgressStore::save() {
  if (QFile::exists(m_path) && !m_message.isEmpty() && m_movedAside.isEmpty() &&
      m_message.contains(QStringLiteral("could not be moved aside")))
    return false;  // never overwrite a file we could not read and could not preserve
  QDir().mkpath(QFileInfo(m_path).absolutePath());
  const QJsonObject root{{QStringLiteral("format"), kFormat},
                         {QStringLiteral("version"), kFormatVersion},
                         {QStringLiteral("currentProfile"), m_current},
                         {QStringLiteral("profiles"), m_profiles}};
  QSaveFile f(m_path);
  if (!f.open(QIODevice::WriteOnly)) {
    m_message = QStringLiteral("Cannot save progress to %1: %2").arg(QDir::toNativeSeparators(m_path), f.errorString());
    return false;
  }
  f.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
  if (!f.commit()) {
    m_message = QStringLiteral("Cannot save progress to %1: %2").arg(QDir::toNativeSeparators(m_path), f.errorString());
    return false;
  }
  return true;
}

QStringList ProgressStore::profiles() const { return m_profiles.keys(); }

bool ProgressStore::setCurrentProfile(const QString &name) {
  const QString n = name.trimmed();
  if (n.isEmpty()) return false;
  if (!m_profiles.contains(n)) m_profiles.insert(n, QJsonObject{});
  m_current = n;
  return true;
}

bool ProgressStore::removeProfile(const QString &name) {
  if (!m_profiles.contains(name) || m_profiles.size() < 2) return false;
  m_profiles.remove(name);
  if (m_current == name) m_current = m_profiles.keys().first();
  return true;
}

QJsonObject ProgressStore::profile() const { return m_profiles.value(m_current).toObject(); }
void ProgressStore::setProfile(const QJsonObject &p) { m_profiles.insert(m_current, p); }

void ProgressStore::markLessonRead(const QString &lessonId, bool read) {
  QJsonObject p = profile();
  QJsonObject readObj = p.value(QStringLiteral("lessonsRead")).toObject();
  if (read) readObj.insert(lessonId, iso(QDateTime::currentDateTimeUtc()));
  else readObj.remove(lessonId);
  p.insert(QStringLiteral("lessonsRead"), readObj);
  setProfile(p);
}

bool ProgressStore::isLessonRead(const QString &lessonId) const {
  return profile().value(QStringLiteral("lessonsRead")).toObject().contains(lessonId);
}

QStringList ProgressStore::lessonsRead() const { return profile().value(QStringLiteral("lessonsRead")).toObject().keys(); }

QuestionProgress ProgressStore::question(const QString &lessonId, const QString &questionId) const {
  const QJsonObject q = profile()
                            .value(QStringLiteral("questions"))
                            .toObject()
                            .value(lessonId)
                            .toObject()
                            .value(questionId)
                            .toObject();
  QuestionProgress out;
  if (q.isEmpty()) return out;
  out.box = std::clamp(q.value(QStringLiteral("box")).toInt(1), 1, QuestionProgress::kMaxBox);
  out.attempts = std::max(0, q.value(QStringLiteral("attempts")).toInt());
  out.correct = std::max(0, q.value(QStringLiteral("correct")).toInt());
  out.lastCorrect = q.value(QStringLiteral("lastCorrect")).toBool();
  out.lastAnswered = fromIso(q.value(QStringLiteral("lastAnswered")).toString());
  return out;
}

void ProgressStore::recordAnswer(const QString &lessonId, const QString &questionId, bool correct,
                                 const QDateTime &when) {
  QuestionProgress q = question(lessonId, questionId);
  q.attempts += 1;
  if (correct) q.correct += 1;
  q.lastCorrect = correct;
  q.lastAnswered = when;
  q.box = correct ? std::min(q.box + 1, QuestionProgress::kMaxBox) : 1;

  QJsonObject p = profile();
  QJsonObject questions = p.value(QStringLiteral("questions")).toObject();
  QJsonObject lesson = questions.value(lessonId).toObject();
  lesson.insert(questionId, QJsonObject{{QStringLiteral("box"), q.box},
                                        {QStringLiteral("attempts"), q.attempts},
                                        {QStringLiteral("correct"), q.correct},
                                        {QStringLiteral("lastCorrect"), q.lastCorrect},
                                        {QStringLiteral("lastAnswered"), iso(q.lastAnswered)}});
  questions.insert(lessonId, lesson);
  p.insert(QStringLiteral("questions"), questions);
  setProfile(p);
}

LessonScore ProgressStore::lessonScore(const QString &lessonId) const {
  const QJsonObject s = profile().value(QStringLiteral("lessonScores")).toObject().value(lessonId).toObject();
  LessonScore out;
  out.last = s.value(QStringLiteral("last")).toInt();
  out.best = s.value(QStringLiteral("best")).toInt();
  out.total = s.value(QStringLiteral("total")).toInt();
  out.at = fromIso(s.value(QStringLiteral("at")).toString());
  return out;
}

void ProgressStore::recordLessonScore(const QString &lessonId, int score, int total, const QDateTime &when) {
  const LessonScore old = lessonScore(lessonId);
  QJsonObject p = profile();
  QJsonObject scores = p.value(QStringLiteral("lessonScores")).toObject();
  scores.insert(lessonId, QJsonObject{{QStringLiteral("last"), score},
                                      {QStringLiteral("best"), std::max(score, old.best)},
                                      {QStringLiteral("total"), total},
                                      {QStringLiteral("at"), iso(when)}});
  p.insert(QStringLiteral("lessonScores"), scores);
  setProfile(p);
}

QList<QPair<QString, QString>> ProgressStore::reviewOrder(const QList<QPair<QString, QString>> &questions) const {
  struct Entry {
    QPair<QString, QString> key;
    QuestionProgress p;
    int index;
  };
  std::vector<Entry> entries;
  for (int i = 0; i < questions.size(); ++i)
    entries.push_back({questions[i], question(questions[i].first, questions[i].second), i});
  std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
    if (a.p.box != b.p.box) return a.p.box < b.p.box;
    const bool aMissed = a.p.seen() && !a.p.lastCorrect, bMissed = b.p.seen() && !b.p.lastCorrect;
    if (aMissed != bMissed) return aMissed;
    if (a.p.seen() && b.p.seen() && a.p.lastAnswered != b.p.lastAnswered) return a.p.lastAnswered < b.p.lastAnswered;
    return a.index < b.index;
  });
  QList<QPair<QString, QString>> out;
  for (const Entry &e : entries) out << e.key;
  return out;
}

int ProgressStore::masteredCount(const QString &lessonId, const QStringList &questionIds) const {
  int n = 0;
  for (const QString &q : questionIds)
    if (question(lessonId, q).box > 1) ++n;
  return n;
}

}  // namespace cio
