#pragma once

// Lessons are data (lessons/<id>-<name>/: lesson.json, lesson.md, examples/, quiz.json).
// These are the plain values the repository builds from that data; the desktop app,
// the CLI and the content linter all read them and nothing else.

#include "findings/finding.h"

#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

namespace cio {

struct LessonReference {
  QString title;
  QString url;
};

// One language's pair of examples: the same story, wrong and then fixed.
struct LessonExample {
  QString language;     // the folder name under examples/: "javascript", "python", ...
  QString wrongFile;    // "wrong.py"
  QString correctFile;  // "correct.py"
  QString wrong;        // file contents (UTF-8 decoded)
  QString correct;
};

struct QuizQuestion {
  enum class Kind { Unknown, MultipleChoice, TrueFalse, SpotTheLine, FixIt };

  QString id;  // stable within its lesson: progress is keyed by it, never by position
  Kind kind = Kind::Unknown;
  QString prompt;

  // MultipleChoice: one explanation per choice, saying why it is (not) the answer.
  QStringList choices;
  int answer = -1;
  QStringList explanations;

  // TrueFalse
  bool answerTrue = false;
  QString why;

  // SpotTheLine and FixIt: a snippet in `language` (a lesson example folder name).
  QString language;
  QString code;
  // SpotTheLine: the 1-based lines that hold the mistake.
  QList<int> lines;
  QString explanation;

  // FixIt: `code` must yield `rule`, `solution` must yield nothing and contain every
  // `mustContain` string. Hints go step by step and end with a pointer to the lesson.
  QString solution;
  QString rule;
  QStringList mustContain;
  QStringList hints;

  static QString kindName(Kind kind);  // "multiple_choice", ...; empty for Unknown
  static Kind kindFromName(const QString &name);
};

struct Lesson {
  QString id;        // "CIO002"
  QString name;      // "millisecond-timestamp"
  QString folder;    // "CIO002-millisecond-timestamp"
  QString title;
  Severity severity = Severity::Warning;  // lesson.json "error" | "warning" | "info"
  QString category;  // "data quality", "identity", "security", ...
  QString summary;   // one sentence
  QStringList languages;
  QList<LessonReference> references;

  QString markdown;  // lesson.md as written
  // The `## ` sections of lesson.md in file order: heading -> Markdown body (trimmed).
  QList<QPair<QString, QString>> sections;
  QMap<QString, LessonExample> examples;  // by example folder name
  QList<QuizQuestion> quiz;

  QString origin;  // where it was loaded from: ":/lessons/<folder>" or a directory on disk

  bool isValid() const { return !id.isEmpty(); }
  // The body of a section, or an empty string when the lesson has no such heading.
  QString section(const QString &heading) const;
};

// The section headings every lesson.md has, in this order.
QStringList lessonHeadings();

struct CurriculumSection {
  QString title;
  QStringList lessonIds;
};

// The order lessons are taught in (lessons/order.json).
struct Curriculum {
  QList<CurriculumSection> sections;

  bool isValid() const { return !sections.isEmpty(); }
  QStringList lessonIds() const;  // every section's lessons, in order
};

// A path through the lessons for one audience (lessons/tracks.json).
struct Track {
  QString id;  // "node-backend"
  QString title;
  QString language;  // example folder name to show first; empty for any
  QStringList lessonIds;

  bool isValid() const { return !id.isEmpty(); }
};

}  // namespace cio
