#include "lessons/lessonrepository.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace cio {

// --- value types ---------------------------------------------------------------------

QString QuizQuestion::kindName(Kind kind) {
  switch (kind) {
    case Kind::MultipleChoice: return QStringLiteral("multiple_choice");
    case Kind::TrueFalse: return QStringLiteral("true_false");
    case Kind::SpotTheLine: return QStringLiteral("spot_the_line");
    case Kind::FixIt: return QStringLiteral("fix_it");
    case Kind::Unknown: break;
  }
  return QString();
}

QuizQuestion::Kind QuizQuestion::kindFromName(const QString &name) {
  for (Kind k : {Kind::MultipleChoice, Kind::TrueFalse, Kind::SpotTheLine, Kind::FixIt})
    if (kindName(k) == name) return k;
  return Kind::Unknown;
}

QString Lesson::section(const QString &heading) const {
  for (const auto &s : sections)
    if (s.first.compare(heading, Qt::CaseInsensitive) == 0) return s.second;
  return QString();
}

QStringList lessonHeadings() {
  return {QStringLiteral("What it is"), QStringLiteral("Why it matters"), QStringLiteral("How to fix it"),
          QStringLiteral("How cio-pitfalls detects it"), QStringLiteral("References")};
}

QStringList Curriculum::lessonIds() const {
  QStringList ids;
  for (const CurriculumSection &s : sections) ids += s.lessonIds;
  return ids;
}

// --- reading ---------------------------------------------------------------------------

namespace {

bool readText(const QString &path, QString *out, QStringList *errors) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    if (errors) errors->append(QStringLiteral("%1: cannot read: %2").arg(path, f.errorString()));
    return false;
  }
  *out = QString::fromUtf8(f.readAll());
  return true;
}

// Parses a JSON file; a parse error names the line, which a text editor can jump to.
bool readJson(const QString &path, QJsonDocument *out, QStringList *errors) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    errors->append(QStringLiteral("%1: cannot read: %2").arg(path, f.errorString()));
    return false;
  }
  const QByteArray bytes = f.readAll();
  QJsonParseError pe;
  *out = QJsonDocument::fromJson(bytes, &pe);
  if (pe.error != QJsonParseError::NoError) {
    const int line = static_cast<int>(bytes.left(pe.offset).count('\n')) + 1;
    errors->append(QStringLiteral("%1:%2: invalid JSON: %3").arg(path).arg(line).arg(pe.errorString()));
    return false;
  }
  return true;
}

QStringList stringList(const QJsonValue &v) {
  QStringList out;
  for (const QJsonValue &x : v.toArray()) out << x.toString();
  return out;
}

// Splits lesson.md into its `## ` sections. A `## ` inside a fenced code block is code,
// not a heading.
QList<QPair<QString, QString>> splitSections(const QString &markdown) {
  QList<QPair<QString, QString>> sections;
  QString heading;
  QStringList body;
  bool inFence = false;
  bool started = false;
  auto flush = [&] {
    if (started) sections.append({heading, body.join(QLatin1Char('\n')).trimmed()});
    body.clear();
  };
  for (const QString &line : markdown.split(QLatin1Char('\n'))) {
    if (line.trimmed().startsWith(QLatin1String("```"))) inFence = !inFence;
    if (!inFence && line.startsWith(QLatin1String("## "))) {
      flush();
      heading = line.mid(3).trimmed();
      started = true;
      continue;
    }
    if (started) body << line;
  }
  flush();
  return sections;
}

QuizQuestion parseQuestion(const QJsonObject &o) {
  QuizQuestion q;
  q.id = o.value(QLatin1String("id")).toString();
  q.kind = QuizQuestion::kindFromName(o.value(QLatin1String("kind")).toString());
  q.prompt = o.value(QLatin1String("prompt")).toString();
  q.choices = stringList(o.value(QLatin1String("choices")));
  q.explanations = stringList(o.value(QLatin1String("explanations")));
  const QJsonValue answer = o.value(QLatin1String("answer"));
  if (answer.isBool()) q.answerTrue = answer.toBool();
  if (answer.isDouble()) q.answer = answer.toInt(-1);
  q.why = o.value(QLatin1String("why")).toString();
  q.language = o.value(QLatin1String("language")).toString();
  q.code = o.value(QLatin1String("code")).toString();
  for (const QJsonValue &l : o.value(QLatin1String("lines")).toArray()) q.lines << l.toInt();
  q.explanation = o.value(QLatin1String("explanation")).toString();
  q.solution = o.value(QLatin1String("solution")).toString();
  q.rule = o.value(QLatin1String("rule")).toString();
  q.mustContain = stringList(o.value(QLatin1String("must_contain")));
  q.hints = stringList(o.value(QLatin1String("hints")));
  return q;
}

}  // namespace

Lesson LessonRepository::loadLesson(const QString &folderPath, QStringList *errors) {
  QStringList local;
  QStringList *errs = errors ? errors : &local;
  const QDir dir(folderPath);
  const QString folder = QFileInfo(folderPath).fileName();

  QJsonDocument meta;
  if (!readJson(dir.filePath(QStringLiteral("lesson.json")), &meta, errs)) return {};
  if (!meta.isObject()) {
    errs->append(QStringLiteral("%1: lesson.json must hold a JSON object").arg(folderPath));
    return {};
  }
  const QJsonObject o = meta.object();
  Lesson l;
  l.id = o.value(QLatin1String("id")).toString().trimmed();
  l.name = o.value(QLatin1String("name")).toString().trimmed();
  l.folder = folder;
  l.title = o.value(QLatin1String("title")).toString();
  const QString severity = o.value(QLatin1String("severity")).toString();
  if (!parseSeverity(severity, &l.severity))
    errs->append(QStringLiteral("%1: lesson.json severity \"%2\" is not error, warning or info").arg(folderPath, severity));
  l.category = o.value(QLatin1String("category")).toString();
  l.summary = o.value(QLatin1String("summary")).toString();
  l.languages = stringList(o.value(QLatin1String("languages")));
  for (const QJsonValue &r : o.value(QLatin1String("references")).toArray())
    l.references.append({r.toObject().value(QLatin1String("title")).toString(),
                         r.toObject().value(QLatin1String("url")).toString()});
  l.origin = folderPath;
  if (l.id.isEmpty()) {
    errs->append(QStringLiteral("%1: lesson.json has no \"id\"").arg(folderPath));
    return {};
  }

  if (readText(dir.filePath(QStringLiteral("lesson.md")), &l.markdown, errs)) l.sections = splitSections(l.markdown);

  // examples/<language>/wrong.* and correct.*
  const QDir examples(dir.filePath(QStringLiteral("examples")));
  for (const QString &lang : examples.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
    const QDir langDir(examples.filePath(lang));
    LessonExample ex;
    ex.language = lang;
    for (const QString &file : langDir.entryList(QDir::Files, QDir::Name)) {
      const QString base = QFileInfo(file).completeBaseName();
      if (base == QLatin1String("wrong") && readText(langDir.filePath(file), &ex.wrong, errs)) ex.wrongFile = file;
      if (base == QLatin1String("correct") && readText(langDir.filePath(file), &ex.correct, errs))
        ex.correctFile = file;
    }
    if (ex.wrongFile.isEmpty() || ex.correctFile.isEmpty())
      errs->append(QStringLiteral("%1: needs both wrong.* and correct.*").arg(langDir.path()));
    l.examples.insert(lang, ex);
  }

  // quiz.json: {"questions": [...]} or a bare array.
  const QString quizPath = dir.filePath(QStringLiteral("quiz.json"));
  QJsonDocument quiz;
  if (QFileInfo::exists(quizPath) && readJson(quizPath, &quiz, errs)) {
    const QJsonArray questions =
        quiz.isArray() ? quiz.array() : quiz.object().value(QLatin1String("questions")).toArray();
    for (const QJsonValue &q : questions) {
      QuizQuestion question = parseQuestion(q.toObject());
      if (question.kind == QuizQuestion::Kind::Unknown)
        errs->append(QStringLiteral("%1: question \"%2\" has an unknown kind").arg(quizPath, question.id));
      if (question.kind == QuizQuestion::Kind::SpotTheLine && question.lines.isEmpty())
        errs->append(QStringLiteral("%1: question \"%2\" names no line with the mistake").arg(quizPath, question.id));
      l.quiz.append(question);
    }
  }
  return l;
}

// --- the repository ------------------------------------------------------------------

LessonRepository::LessonRepository() { load(); }

LessonRepository::LessonRepository(Empty) {}

void LessonRepository::load() {
  m_lessons.clear();
  m_curriculum = {};
  m_tracks.clear();
  m_errors.clear();
  loadRoot(QStringLiteral(":/lessons"));
  for (const QString &p : m_searchPaths) loadRoot(p);
}

void LessonRepository::addSearchPath(const QString &dir) {
  m_searchPaths.append(dir);
  loadRoot(dir);
}

int LessonRepository::addSearchPathsFromEnvironment() {
  const QString value = qEnvironmentVariable("CIO_LESSONS_PATH");
  int added = 0;
  for (const QString &p : value.split(QDir::listSeparator(), Qt::SkipEmptyParts)) {
    addSearchPath(p);
    ++added;
  }
  return added;
}

void LessonRepository::loadRoot(const QString &root) {
  const QDir dir(root);
  if (!dir.exists()) {
    // The embedded bundle is absent in builds without lessons; that is not an error.
    if (!root.startsWith(QLatin1Char(':')))
      m_errors.append(QStringLiteral("%1: no such lessons folder").arg(root));
    return;
  }
  QStringList folders;
  if (dir.exists(QStringLiteral("lesson.json"))) {
    folders << dir.path();
  } else {
    for (const QString &sub : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
      if (QFileInfo::exists(dir.filePath(sub + QStringLiteral("/lesson.json")))) folders << dir.filePath(sub);
  }
  for (const QString &f : folders) {
    Lesson l = loadLesson(f, &m_errors);
    if (l.isValid()) m_lessons.insert(l.id.toUpper(), l);
  }

  QJsonDocument doc;
  const QString orderPath = dir.filePath(QStringLiteral("order.json"));
  if (QFileInfo::exists(orderPath) && readJson(orderPath, &doc, &m_errors)) {
    Curriculum c;
    for (const QJsonValue &s : doc.object().value(QLatin1String("sections")).toArray())
      c.sections.append({s.toObject().value(QLatin1String("title")).toString(),
                         stringList(s.toObject().value(QLatin1String("lessons")))});
    m_curriculum = c;
  }
  const QString tracksPath = dir.filePath(QStringLiteral("tracks.json"));
  if (QFileInfo::exists(tracksPath) && readJson(tracksPath, &doc, &m_errors)) {
    QList<Track> tracks;
    for (const QJsonValue &t : doc.object().value(QLatin1String("tracks")).toArray()) {
      const QJsonObject o = t.toObject();
      tracks.append({o.value(QLatin1String("id")).toString(), o.value(QLatin1String("title")).toString(),
                     o.value(QLatin1String("language")).toString(), stringList(o.value(QLatin1String("lessons")))});
    }
    m_tracks = tracks;
  }
}

QList<Lesson> LessonRepository::lessons() const { return m_lessons.values(); }

QStringList LessonRepository::lessonIds() const {
  QStringList ids;
  for (const Lesson &l : m_lessons) ids << l.id;
  return ids;
}

Lesson LessonRepository::lesson(const QString &key) const {
  const QString k = key.trimmed();
  if (const auto it = m_lessons.constFind(k.toUpper()); it != m_lessons.constEnd()) return *it;
  for (const Lesson &l : m_lessons)
    if (l.name.compare(k, Qt::CaseInsensitive) == 0 || l.folder.compare(k, Qt::CaseInsensitive) == 0) return l;
  return {};
}

Curriculum LessonRepository::curriculum() const {
  if (m_curriculum.isValid()) return m_curriculum;
  Curriculum c;
  if (!m_lessons.isEmpty()) c.sections.append({QString(), lessonIds()});
  return c;
}

QList<Track> LessonRepository::tracks() const { return m_tracks; }

Track LessonRepository::track(const QString &id) const {
  for (const Track &t : m_tracks)
    if (t.id == id) return t;
  return {};
}

}  // namespace cio
