#pragma once

// What a learner has done: lessons read, per-question Leitner boxes and attempts, per-lesson
// scores. Kept per learner profile in one small versioned JSON file.
//
// Everything is keyed by lesson id and question id, never by position, so reordering
// order.json or tracks.json (or inserting a question) never attaches progress to the
// wrong question.

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace cio {

struct QuestionProgress {
  // Leitner box: 1 = comes back first; a right answer moves the question up one box
  // (up to kMaxBox), a wrong answer sends it back to box 1.
  static constexpr int kMaxBox = 5;
  int box = 1;
  int attempts = 0;
  int correct = 0;
  bool lastCorrect = false;
  QDateTime lastAnswered;  // UTC; invalid when never answered

  bool seen() const { return attempts > 0; }
};

struct LessonScore {
  int last = 0;
  int best = 0;
  int total = 0;  // questions in the quiz when it was last taken
  QDateTime at;   // UTC; invalid when never taken

  bool isValid() const { return total > 0; }
};

class ProgressStore {
 public:
  static constexpr int kFormatVersion = 1;

  // `filePath` empty: quiz-progress.json under QStandardPaths::AppDataLocation (beside the
  // lesson browser's progress.json, which has its own format). Tests pass a
  // temporary path. Nothing is read until load().
  explicit ProgressStore(QString filePath = {});

  static QString defaultPath();
  QString filePath() const { return m_path; }

  // Reads the file. A missing file is a fresh start (true). A file that cannot be used
  // (corrupt JSON, not our format, or written by a newer version) is renamed to
  // "<file>.<reason>-<yyyyMMddTHHmmss>" so nothing is lost, the store starts fresh and
  // false is returned; message() says what happened and where the old file went.
  bool load();
  // Writes atomically (QSaveFile): a crash mid-write leaves the previous file intact.
  bool save();
  // The last load/save problem in plain words; empty when none.
  QString message() const { return m_message; }
  QString movedAsidePath() const { return m_movedAside; }

  // Profiles: every learner on this computer has one. There is always a current one
  // ("default" until another is chosen).
  QStringList profiles() const;
  QString currentProfile() const { return m_current; }
  // Creates the profile when it does not exist. False for an empty name.
  bool setCurrentProfile(const QString &name);
  bool removeProfile(const QString &name);  // never the last one

  // --- the current profile ---
  void markLessonRead(const QString &lessonId, bool read = true);
  bool isLessonRead(const QString &lessonId) const;
  QStringList lessonsRead() const;

  QuestionProgress question(const QString &lessonId, const QString &questionId) const;
  void recordAnswer(const QString &lessonId, const QString &questionId, bool correct,
                    const QDateTime &when = QDateTime::currentDateTimeUtc());

  LessonScore lessonScore(const QString &lessonId) const;
  void recordLessonScore(const QString &lessonId, int score, int total,
                         const QDateTime &when = QDateTime::currentDateTimeUtc());

  // The given (lessonId, questionId) pairs in Leitner order: lowest box first, among
  // equals the last answered wrong first, then the longest unseen, then the given order
  // (never-answered questions sit in box 1 after the missed ones).
  QList<QPair<QString, QString>> reviewOrder(const QList<QPair<QString, QString>> &questions) const;

  // How many of a lesson's question ids are in a box above 1 (answered right at least
  // the last time), for progress bars.
  int masteredCount(const QString &lessonId, const QStringList &questionIds) const;

 private:
  QJsonObject profile() const;
  void setProfile(const QJsonObject &p);
  void resetToFresh();
  bool moveAside(const QString &reason, const QString &why);

  QString m_path;
  QJsonObject m_profiles;  // name -> profile object
  QString m_current;
  QString m_message;
  QString m_movedAside;
};

}  // namespace cio
