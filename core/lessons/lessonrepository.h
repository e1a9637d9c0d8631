#pragma once

#include "lessons/lesson.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace cio {

// One long-lived object that holds every lesson: the ones compiled into the binary
// (Qt resources under ":/lessons") first, then folders on disk added with
// addSearchPath(), which override embedded lessons with the same id or add new ones.
// That lets authors edit lessons without rebuilding.
//
// Loading never throws and never crashes on bad data: a lesson that cannot be read is
// left out and the reason is kept in errors(). Lookups that find nothing return an
// invalid value (isValid() false), never a null pointer.
class LessonRepository {
 public:
  // Loads the embedded lessons.
  LessonRepository();
  // Loads nothing; for tests and tools that want only the folders they add.
  struct Empty {};
  explicit LessonRepository(Empty);

  // A lessons folder: either a root holding `<id>-<name>/` folders (and optionally
  // order.json / tracks.json), or one lesson folder (holding lesson.json). Later paths
  // win over earlier ones and over the embedded lessons, per lesson id.
  void addSearchPath(const QString &dir);
  // Adds the folders listed in the CIO_LESSONS_PATH environment variable (separated
  // like PATH). Returns how many were added.
  int addSearchPathsFromEnvironment();
  QStringList searchPaths() const { return m_searchPaths; }
  // Forgets everything and loads the embedded lessons and the search paths again (the
  // constructor already did it once).
  void load();

  // Every lesson, sorted by id.
  QList<Lesson> lessons() const;
  QStringList lessonIds() const;
  // By id ("CIO002", any case), name ("millisecond-timestamp") or folder
  // ("CIO002-millisecond-timestamp"). Invalid Lesson when nothing matches.
  Lesson lesson(const QString &key) const;

  // order.json; when no order.json was found, one untitled section with every lesson.
  Curriculum curriculum() const;
  QList<Track> tracks() const;
  Track track(const QString &id) const;  // invalid Track when unknown

  // Readable load problems, "<path>: <what is wrong>", in the order they were found.
  QStringList errors() const { return m_errors; }

  // Reads one lesson folder (":/lessons/CIO002-..." or a directory on disk). Problems
  // are appended to `errors`; the result is invalid when the lesson cannot be used.
  static Lesson loadLesson(const QString &folderPath, QStringList *errors);

 private:
  void loadRoot(const QString &root);

  QStringList m_searchPaths;
  QMap<QString, Lesson> m_lessons;  // by upper-case id
  Curriculum m_curriculum;
  QList<Track> m_tracks;
  QStringList m_errors;
};

}  // namespace cio
