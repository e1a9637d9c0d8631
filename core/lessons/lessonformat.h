#pragma once

// Lessons as terminal text: one source (lesson.md and the examples) feeds the desktop
// app and `cio-lint --explain`, so the two can never disagree.

#include "lessons/lesson.h"
#include "lessons/lessonrepository.h"

#include <QString>

namespace cio {

// What it is / Why it matters / How to fix it, then the wrong and the correct example
// for `languageKey` (an example folder or a language key or alias: "python", "py",
// "ts"; empty or unknown picks the first example the lesson has), then the references.
// Wrapped to 80 columns; Markdown headings, lists, code blocks and links rendered
// plainly; ANSI colours only when `color`.
QString formatLessonForTerminal(const Lesson &lesson, const QString &languageKey, bool color);

// Plain Markdown rendered for a terminal at `width` columns, every line indented by
// `indent` spaces.
QString renderMarkdownForTerminal(const QString &markdown, int width, int indent, bool color);

// `cio-lint --explain <rule>`: the lesson of a rule (id "CIO002", any case, or name
// "millisecond-timestamp"). Returns false and sets `*error` when there is no such rule.
bool explainRule(const LessonRepository &repo, const QString &rule, const QString &languageKey, bool color,
                 QString *out, QString *error);

// `cio-lint --list-rules`: one line per built-in rule, "CIO002  error    millisecond-timestamp
// Timestamps in milliseconds instead of seconds". Rules without a lesson show their
// summary; lessons whose rule is not built in are listed too, marked "(no rule)".
QString formatRuleListForTerminal(const LessonRepository &repo, bool color);

}  // namespace cio
