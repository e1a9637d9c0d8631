#include "lessons/lessonformat.h"

#include "findings/finding.h"
#include "language/language.h"
#include "rules/rule.h"

#include <QRegularExpression>

#include <algorithm>

namespace cio {

namespace {

constexpr int kWidth = 80;

struct Style {
  bool on = false;
  QString bold() const { return on ? QStringLiteral("\x1b[1m") : QString(); }
  QString code() const { return on ? QStringLiteral("\x1b[36m") : QString(); }
  QString red() const { return on ? QStringLiteral("\x1b[31m") : QString(); }
  QString green() const { return on ? QStringLiteral("\x1b[32m") : QString(); }
  QString dim() const { return on ? QStringLiteral("\x1b[2m") : QString(); }
  QString reset() const { return on ? QStringLiteral("\x1b[0m") : QString(); }
};

int visibleLength(const QString &s) {
  static const QRegularExpression ansi(QStringLiteral("\x1b\\[[0-9;]*m"));
  QString plain = s;
  plain.remove(ansi);
  return static_cast<int>(plain.size());
}

// Inline Markdown: **bold** loses its stars, [text](url) becomes "text (url)",
// `code` keeps its backticks unless colour can mark it instead.
QString renderInline(QString text, const Style &st) {
  static const QRegularExpression bold(QStringLiteral(R"(\*\*(.+?)\*\*)"));
  static const QRegularExpression link(QStringLiteral(R"(\[([^\]]+)\]\(([^)]+)\))"));
  static const QRegularExpression code(QStringLiteral("`([^`]+)`"));
  text.replace(link, QStringLiteral("\\1 (\\2)"));
  if (st.on) {
    text.replace(code, st.code() + QStringLiteral("\\1") + st.reset());
    text.replace(bold, st.bold() + QStringLiteral("\\1") + st.reset());
  } else {
    text.replace(bold, QStringLiteral("\\1"));
  }
  return text;
}

// Greedy word wrap; `first` prefixes the first line, `rest` the following ones.
QStringList wrap(const QString &text, int width, const QString &first, const QString &rest) {
  QStringList lines;
  QString line = first;
  bool empty = true;
  // Inline code stays on one line: words inside backticks are glued together.
  QStringList words;
  for (const QString &w : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
    if (!words.isEmpty() && words.last().count(QLatin1Char('`')) % 2 == 1) words.last() += QLatin1Char(' ') + w;
    else words << w;
  }
  for (const QString &word : words) {
    if (!empty && visibleLength(line) + 1 + visibleLength(word) > width) {
      lines << line;
      line = rest;
      empty = true;
    }
    if (!empty) line += QLatin1Char(' ');
    line += word;
    empty = false;
  }
  if (!empty) lines << line;
  return lines;
}

QString indentBlock(const QString &code, int indent) {
  QStringList out;
  const QString pad(indent, QLatin1Char(' '));
  QStringList lines = code.split(QLatin1Char('\n'));
  while (!lines.isEmpty() && lines.last().trimmed().isEmpty()) lines.removeLast();
  for (const QString &l : lines) out << (l.isEmpty() ? QString() : pad + QString(l).replace(QLatin1Char('\t'), QStringLiteral("    ")));
  return out.join(QLatin1Char('\n'));
}

}  // namespace

QString renderMarkdownForTerminal(const QString &markdown, int width, int indent, bool color) {
  const Style st{color};
  const QString pad(indent, QLatin1Char(' '));
  static const QRegularExpression listItem(QStringLiteral(R"(^(\s*)([-*]|\d+\.)\s+(.*)$)"));
  QStringList out;
  QString paragraph;      // the pending paragraph or list item, joined on one line
  QString first, rest;    // its prefixes
  QStringList code;
  bool inFence = false;

  auto flush = [&] {
    if (!paragraph.isEmpty()) out += wrap(renderInline(paragraph, st), width, first, rest);
    paragraph.clear();
  };
  auto blankLine = [&] {
    if (!out.isEmpty() && !out.last().isEmpty()) out << QString();
  };

  for (const QString &raw : markdown.split(QLatin1Char('\n'))) {
    const QString trimmed = raw.trimmed();
    if (trimmed.startsWith(QLatin1String("```"))) {
      if (inFence) {
        out << st.code() + indentBlock(code.join(QLatin1Char('\n')), indent + 4) + st.reset();
        code.clear();
        blankLine();
      } else {
        flush();
        blankLine();
      }
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      code << raw;
      continue;
    }
    if (trimmed.isEmpty()) {
      flush();
      blankLine();
      continue;
    }
    if (trimmed.startsWith(QLatin1Char('#'))) {
      flush();
      blankLine();
      const QString heading = trimmed.section(QLatin1Char(' '), 1);
      out << pad + st.bold() + renderInline(heading, Style{}).toUpper() + st.reset();
      continue;
    }
    if (const auto m = listItem.match(raw); m.hasMatch()) {
      flush();
      const QString bullet = m.captured(2) == QLatin1String("*") ? QStringLiteral("-") : m.captured(2);
      first = pad + bullet + QLatin1Char(' ');
      rest = pad + QString(static_cast<int>(bullet.size()) + 1, QLatin1Char(' '));
      paragraph = m.captured(3);
      continue;
    }
    if (paragraph.isEmpty()) first = rest = pad;
    paragraph += (paragraph.isEmpty() ? QString() : QStringLiteral(" ")) + trimmed;
  }
  flush();
  if (inFence && !code.isEmpty()) out << indentBlock(code.join(QLatin1Char('\n')), indent + 4);
  while (!out.isEmpty() && out.last().isEmpty()) out.removeLast();
  return out.join(QLatin1Char('\n'));
}

// The example folder to show for a language key or alias, or the first the lesson has.
static QString exampleFolderFor(const Lesson &lesson, const QString &languageKey) {
  if (lesson.examples.isEmpty()) return QString();
  const QString key = languageKey.trimmed().toLower();
  if (lesson.examples.contains(key)) return key;
  const Language &lang = LanguageRegistry::byKey(key);
  if (lang.isValid()) {
    if (lesson.examples.contains(lang.lessonFolder)) return lang.lessonFolder;
    // TypeScript readers are served by the JavaScript example and the other way round.
    for (const QString &alt : {QStringLiteral("typescript"), QStringLiteral("javascript")})
      if ((lang.lessonFolder == QLatin1String("typescript") || lang.lessonFolder == QLatin1String("javascript")) &&
          lesson.examples.contains(alt))
        return alt;
  }
  for (const QString &l : lesson.languages)
    if (lesson.examples.contains(l)) return l;
  return lesson.examples.firstKey();
}

QString formatLessonForTerminal(const Lesson &lesson, const QString &languageKey, bool color) {
  const Style st{color};
  if (!lesson.isValid()) return QString();
  QStringList out;
  out << st.bold() + QStringLiteral("%1 %2").arg(lesson.id, lesson.name) + st.reset() +
             QStringLiteral(" (%1)").arg(severityName(lesson.severity));
  out += wrap(lesson.title, kWidth, QString(), QString());
  if (!lesson.summary.isEmpty()) {
    out << QString();
    out += wrap(renderInline(lesson.summary, st), kWidth, QStringLiteral("  "), QStringLiteral("  "));
  }
  const auto section = [&](const QString &heading) {
    const QString body = lesson.section(heading);
    if (body.isEmpty()) return;
    out << QString() << st.bold() + heading.toUpper() + st.reset();
    out << renderMarkdownForTerminal(body, kWidth, 2, color);
  };
  for (const QString &heading :
       {QStringLiteral("What it is"), QStringLiteral("Why it matters"), QStringLiteral("How to fix it")})
    section(heading);

  const QString folder = exampleFolderFor(lesson, languageKey);
  if (!folder.isEmpty()) {
    const LessonExample ex = lesson.examples.value(folder);
    const Language &lang = LanguageRegistry::byKey(folder);
    const QString langName = lang.isValid() ? lang.displayName : folder;
    out << QString() << st.bold() + QStringLiteral("EXAMPLE (%1)").arg(langName) + st.reset();
    const Language &asked = LanguageRegistry::byKey(languageKey.trimmed());
    const QString askedName = asked.isValid() ? asked.displayName : languageKey.trimmed();
    if (!languageKey.trimmed().isEmpty() && asked.lessonFolder != folder && languageKey.trimmed().toLower() != folder)
      out << st.dim() + QStringLiteral("  (this lesson has no %1 example)").arg(askedName) + st.reset();
    out << QStringLiteral("  ") + st.red() + QStringLiteral("Wrong (%1):").arg(ex.wrongFile) + st.reset();
    out << QString() << indentBlock(ex.wrong, 4) << QString();
    out << QStringLiteral("  ") + st.green() + QStringLiteral("Correct (%1):").arg(ex.correctFile) + st.reset();
    out << QString() << indentBlock(ex.correct, 4);
    QStringList others = lesson.examples.keys();
    others.removeAll(folder);
    if (!others.isEmpty())
      out << QString() << st.dim() + QStringLiteral("  Also in: %1 (--lang <language>)").arg(others.join(QStringLiteral(", "))) + st.reset();
  }

  // What the check sees and misses, so a reader can judge a finding (or its absence).
  section(QStringLiteral("How cio-pitfalls detects it"));

  if (!lesson.references.isEmpty()) {
    out << QString() << st.bold() + QStringLiteral("REFERENCES") + st.reset();
    for (const LessonReference &r : lesson.references) {
      out += wrap(renderInline(r.title, st), kWidth, QStringLiteral("  - "), QStringLiteral("    "));
      out << QStringLiteral("    ") + r.url;
    }
  }
  return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

bool explainRule(const LessonRepository &repo, const QString &rule, const QString &languageKey, bool color,
                 QString *out, QString *error) {
  // Find the lesson through the rule when it is built in, else directly by id or name,
  // so lessons stay explainable while a rule is still being written.
  Lesson lesson;
  if (const Rule *r = findRule(rule.trimmed())) lesson = repo.lesson(r->info().id);
  if (!lesson.isValid()) lesson = repo.lesson(rule);
  if (!lesson.isValid()) {
    if (error) *error = QStringLiteral("unknown rule \"%1\"; cio-lint --list-rules shows them all").arg(rule);
    return false;
  }
  if (out) *out = formatLessonForTerminal(lesson, languageKey, color);
  return true;
}

QString formatRuleListForTerminal(const LessonRepository &repo, bool color) {
  const Style st{color};
  struct Row {
    QString id, severity, name, title;
  };
  QList<Row> rows;
  QStringList seen;
  for (const auto &r : builtinRules()) {
    const RuleInfo &info = r->info();
    const Lesson l = repo.lesson(info.id);
    rows.append({info.id, severityName(info.defaultSeverity), info.name, l.isValid() ? l.title : info.summary});
    seen << info.id;
  }
  for (const Lesson &l : repo.lessons())
    if (!seen.contains(l.id))
      rows.append({l.id, severityName(l.severity), l.name, l.title + QStringLiteral(" (no rule)")});
  std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.id < b.id; });
  int nameWidth = 0;
  for (const Row &r : rows) nameWidth = std::max(nameWidth, static_cast<int>(r.name.size()));
  QStringList out;
  for (const Row &r : rows)
    out << st.bold() + r.id + st.reset() + QStringLiteral("  ") + r.severity.leftJustified(8) +
               r.name.leftJustified(nameWidth + 2) + r.title;
  return out.join(QLatin1Char('\n')) + (out.isEmpty() ? QString() : QStringLiteral("\n"));
}

}  // namespace cio
