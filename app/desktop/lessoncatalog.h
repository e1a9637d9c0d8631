#pragma once

#include "findings/finding.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <vector>

namespace cio::desktop {

struct LessonExample {
  QString wrong;
  QString correct;
};

// What the desktop shows of one lesson. A plain value, filled from the core lesson
// repository, so widgets and tests do not depend on how lessons are stored.
struct LessonInfo {
  QString id;       // "CIO002"
  QString name;     // "millisecond-timestamp"
  QString title;    // "Timestamps in milliseconds"
  QString section;  // curriculum section title
  cio::Severity severity = cio::Severity::Warning;
  QString summary;
  QString markdown;
  QStringList references;
  QMap<QString, LessonExample> examples;  // by lesson folder language key: "javascript", "python", ...

  bool isValid() const { return !id.isEmpty(); }
};

// The lessons in curriculum order.
class LessonCatalog {
 public:
  // Loads the lessons compiled into the program, then the folders in CIO_LESSONS_PATH
  // and `folders`, which override lessons with the same id or add new ones (later wins).
  // Problems reading them are kept in errors().
  void load(const QStringList &folders = {});
  QStringList errors() const { return m_errors; }
  // Adds one lesson at the end of its section (tests, and lessons built elsewhere).
  void addLesson(LessonInfo lesson);

  const std::vector<LessonInfo> &lessons() const { return m_lessons; }
  // Section titles in curriculum order.
  QStringList sections() const;
  // By id ("CIO002") or name; an invalid LessonInfo when there is none.
  const LessonInfo &lesson(const QString &idOrName) const;
  bool isEmpty() const { return m_lessons.empty(); }

 private:
  std::vector<LessonInfo> m_lessons;
  QStringList m_errors;
};

// Which lessons the user has read: a tiny JSON object keyed by lesson id, so reordering
// the curriculum never corrupts anyone's progress.
class ReadProgress {
 public:
  explicit ReadProgress(QString path = {});
  void load();
  bool save() const;
  bool isRead(const QString &id) const { return m_read.contains(id); }
  void setRead(const QString &id, bool read);
  QString path() const { return m_path; }

 private:
  QString m_path;
  QStringList m_read;
};

}  // namespace cio::desktop
