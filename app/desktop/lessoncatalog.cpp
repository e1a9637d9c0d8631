#include "lessoncatalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#if __has_include("lessons/lessonrepository.h")
#include "lessons/lessonrepository.h"
#define CIO_HAVE_LESSONS 1
#elif __has_include("lessons/repository.h")
#include "lessons/repository.h"
#define CIO_HAVE_LESSONS 1
#elif __has_include("lessons/lesson_repository.h")
#include "lessons/lesson_repository.h"
#define CIO_HAVE_LESSONS 1
#else
#define CIO_HAVE_LESSONS 0
#endif

namespace cio::desktop {

void LessonCatalog::load(const QStringList &folders) {
  m_lessons.clear();
  m_errors.clear();
#if CIO_HAVE_LESSONS
  cio::LessonRepository repo;
  repo.addSearchPathsFromEnvironment();
  for (const QString &folder : folders) repo.addSearchPath(folder);
  m_errors = repo.errors();
  const auto convert = [](const cio::Lesson &l, const QString &section) {
    LessonInfo info;
    info.id = l.id;
    info.name = l.name;
    info.title = l.title;
    info.section = section;
    info.severity = l.severity;
    info.summary = l.summary;
    info.markdown = l.markdown;
    for (const auto &ref : l.references) info.references << ref.url;
    for (auto it = l.examples.begin(); it != l.examples.end(); ++it)
      info.examples.insert(it.key(), LessonExample{it.value().wrong, it.value().correct});
    return info;
  };
  // Curriculum order first; a lesson the curriculum forgot still shows, at the end.
  QStringList seen;
  for (const cio::CurriculumSection &section : repo.curriculum().sections) {
    for (const QString &id : section.lessonIds) {
      const cio::Lesson l = repo.lesson(id);
      if (!l.isValid() || seen.contains(l.id)) continue;
      seen << l.id;
      m_lessons.push_back(convert(l, section.title));
    }
  }
  for (const cio::Lesson &l : repo.lessons())
    if (!seen.contains(l.id)) m_lessons.push_back(convert(l, QStringLiteral("More lessons")));
#else
  Q_UNUSED(folders);
#endif
}

void LessonCatalog::addLesson(LessonInfo lesson) {
  // Keep sections contiguous: insert after the last lesson of the same section.
  auto pos = m_lessons.end();
  for (auto it = m_lessons.begin(); it != m_lessons.end(); ++it)
    if (it->section == lesson.section) pos = it + 1;
  m_lessons.insert(pos, std::move(lesson));
}

QStringList LessonCatalog::sections() const {
  QStringList out;
  for (const LessonInfo &l : m_lessons)
    if (!out.contains(l.section)) out << l.section;
  return out;
}

const LessonInfo &LessonCatalog::lesson(const QString &idOrName) const {
  static const LessonInfo invalid;
  for (const LessonInfo &l : m_lessons)
    if (l.id.compare(idOrName, Qt::CaseInsensitive) == 0 || l.name == idOrName ||
        idOrName.startsWith(l.id + QLatin1Char('-')))
      return l;
  return invalid;
}

ReadProgress::ReadProgress(QString path) : m_path(std::move(path)) {
  if (m_path.isEmpty())
    m_path = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/progress.json");
}

void ReadProgress::load() {
  m_read.clear();
  QFile f(m_path);
  if (!f.open(QIODevice::ReadOnly)) return;
  // A damaged file just means no progress is shown; it is rewritten on the next save.
  const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
  const QJsonObject read = root.value(QStringLiteral("read")).toObject();
  for (auto it = read.begin(); it != read.end(); ++it)
    if (it.value().toBool()) m_read << it.key();
}

bool ReadProgress::save() const {
  QJsonObject read;
  for (const QString &id : m_read) read.insert(id, true);
  QJsonObject root;
  root.insert(QStringLiteral("version"), 1);
  root.insert(QStringLiteral("read"), read);
  QDir().mkpath(QFileInfo(m_path).absolutePath());
  QSaveFile f(m_path);
  if (!f.open(QIODevice::WriteOnly)) return false;
  f.write(QJsonDocument(root).toJson());
  return f.commit();
}

void ReadProgress::setRead(const QString &id, bool read) {
  if (read == isRead(id)) return;
  if (read) m_read << id;
  else m_read.removeAll(id);
}

}  // namespace cio::desktop
