#include "findings/report_html.h"

#include <QList>
#include <QMap>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace cio {

namespace {

QString esc(const QString &text) { return reportText(text).toHtmlEscaped(); }

// Markdown: table cells must not break the table, and markup from the scanned code must
// stay text.
QString mdCell(const QString &text) {
  QString s = reportText(text);
  s.replace(QLatin1Char('\n'), QLatin1Char(' '));
  // Only what could open HTML or an entity: quotes stay readable in a plain-text viewer.
  s.replace(QLatin1Char('&'), QStringLiteral("&amp;"));
  s.replace(QLatin1Char('<'), QStringLiteral("&lt;"));
  s.replace(QLatin1Char('>'), QStringLiteral("&gt;"));
  s.replace(QLatin1Char('|'), QStringLiteral("\\|"));
  s.replace(QLatin1Char('`'), QStringLiteral("\\`"));
  return s;
}

// A code span: its content is literal (no entities, no backslash escapes), so it is
// fenced with one backtick more than the longest run inside, padded where it starts or
// ends with one.
QString mdCode(const QString &text) {
  QString s = reportText(text);
  s.replace(QLatin1Char('\n'), QLatin1Char(' '));
  qsizetype longest = 0;
  for (qsizetype i = 0, run = 0; i < s.size(); ++i) {
    run = s.at(i) == QLatin1Char('`') ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const QString fence(longest + 1, QLatin1Char('`'));
  const bool pad = s.startsWith(QLatin1Char('`')) || s.endsWith(QLatin1Char('`'));
  return pad ? fence + QLatin1Char(' ') + s + QLatin1Char(' ') + fence : fence + s + fence;
}

QString ruleTitle(const ReviewReport &review, const Finding &f) {
  QString t = review.lessonTitle && !f.lessonId.isEmpty() ? review.lessonTitle(f.lessonId) : QString();
  return t.isEmpty() ? f.ruleName : t;
}

// Lines [line-2, line+2] of the finding's file; the finding's line is flagged.
struct ExcerptLine {
  int number;
  QString text;
  bool marked;
};

std::vector<ExcerptLine> excerpt(const ReviewReport &review, const Finding &f, QHash<QString, QStringList> &cache) {
  if (!review.readSource || f.line <= 0) return {};
  auto it = cache.find(f.file);
  if (it == cache.end()) it = cache.insert(f.file, QString::fromUtf8(review.readSource(f.file)).split(QLatin1Char('\n')));
  const QStringList &lines = it.value();
  std::vector<ExcerptLine> out;
  for (int n = std::max(1, f.line - 2); n <= std::min<int>(static_cast<int>(lines.size()), f.line + 2); ++n) {
    QString text = lines[n - 1];
    if (text.endsWith(QLatin1Char('\r'))) text.chop(1);
    if (text.size() > 240) text = text.left(240) + QStringLiteral("…");
    out.push_back({n, text, n == f.line});
  }
  return out;
}

struct Counts {
  QMap<QString, int> perRule;  // "CIO002" -> n
  QMap<QString, QString> ruleNames;
  QMap<QString, QString> ruleTitles;
  int errors = 0, warnings = 0, infos = 0;
};

Counts countFindings(const ReviewReport &review) {
  Counts c;
  for (const Finding &f : review.report.findings) {
    c.perRule[f.ruleId]++;
    c.ruleNames[f.ruleId] = f.ruleName;
    c.ruleTitles[f.ruleId] = ruleTitle(review, f);
    (f.severity == Severity::Error ? c.errors : f.severity == Severity::Warning ? c.warnings : c.infos)++;
  }
  return c;
}

}  // namespace

QString namingConvention(const QString &name) {
  static const QRegularExpression snake(QStringLiteral("^[a-z][a-z0-9]*(_[a-z0-9]+)+$"));
  static const QRegularExpression lower(QStringLiteral("^[a-z][a-z0-9]*$"));
  static const QRegularExpression upper(QStringLiteral("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$"));
  static const QRegularExpression camel(QStringLiteral("^[a-z][a-z0-9]*([A-Z][a-z0-9]*)+$"));
  static const QRegularExpression pascal(QStringLiteral("^([A-Z][a-z0-9]+)+$"));
  static const QRegularExpression kebab(QStringLiteral("^[a-z][a-z0-9]*(-[a-z0-9]+)+$"));
  static const QRegularExpression title(QStringLiteral("^[A-Z][a-z0-9]*( [A-Z][a-z0-9]*)+$"));
  if (snake.match(name).hasMatch()) return QStringLiteral("snake_case");
  if (lower.match(name).hasMatch()) return QStringLiteral("lowercase");
  if (upper.match(name).hasMatch()) return QStringLiteral("UPPER_CASE");
  if (camel.match(name).hasMatch()) return QStringLiteral("camelCase");
  if (pascal.match(name).hasMatch()) return QStringLiteral("PascalCase");
  if (kebab.match(name).hasMatch()) return QStringLiteral("kebab-case");
  if (title.match(name).hasMatch()) return QStringLiteral("Title Case");
  return QStringLiteral("mixed");
}

QString nearDuplicateKey(const QString &name) {
  QString key;
  for (const QChar c : name)
    if (c.isLetterOrNumber()) key.append(c.toLower());
  return key;
}

std::vector<EventEntry> eventCatalogue(const std::vector<FileModel> &models) {
  QMap<QPair<int, QString>, EventEntry> byName;  // (dynamic, name): literals first
  for (const FileModel &m : models) {
    for (const Call &c : m.calls) {
      if ((c.op != Operation::Track && c.op != Operation::TrackAnonymous) || !c.eventName) continue;
      const Expr &e = *c.eventName;
      const bool dynamic = e.kind != ValueKind::StringLiteral;
      const QString name = dynamic ? e.text.simplified() : e.stringValue;
      EventEntry &entry = byName[{dynamic ? 1 : 0, name}];
      entry.name = name;
      entry.dynamic = dynamic;
      entry.calls++;
      if (!entry.files.contains(m.path)) entry.files.append(m.path);
    }
  }
  std::vector<EventEntry> out;
  QHash<QString, int> keys;
  for (EventEntry &e : byName) {
    e.files.sort();
    e.convention = e.dynamic ? QStringLiteral("dynamic") : namingConvention(e.name);
    e.duplicateKey = e.dynamic ? QString() : nearDuplicateKey(e.name);
    if (!e.duplicateKey.isEmpty()) keys[e.duplicateKey]++;
    out.push_back(e);
  }
  for (EventEntry &e : out) e.hasNearDuplicate = !e.duplicateKey.isEmpty() && keys.value(e.duplicateKey) > 1;
  return out;
}

QByteArray formatHtml(const ReviewReport &review) {
  const Counts counts = countFindings(review);
  QHash<QString, QStringList> cache;
  QString h;
  h += QStringLiteral(
           "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
           "<title>Customer.io review: %1</title>\n<style>\n"
           "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#1d2330;padding:0 1em}\n"
           "h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccd}table{border-collapse:collapse}\n"
           "td,th{padding:.25em .7em;border:1px solid #dde;text-align:left;vertical-align:top}\n"
           ".error{color:#b3261e}.warning{color:#9a6700}.info{color:#0b57d0}\n"
           ".finding{margin:1.2em 0;padding:.6em 1em;border-left:4px solid #ccd;background:#f7f8fb}\n"
           ".finding.error{border-color:#b3261e}.finding.warning{border-color:#d4a72c}.finding.info{border-color:#"
           "0b57d0}\n"
           ".finding p{margin:.2em 0;color:#1d2330}pre{background:#fff;border:1px solid "
           "#dde;padding:.4em;color:#1d2330;white-space:pre-wrap;overflow-wrap:anywhere}\n"
           "pre span.mark{background:#ffe3e0;display:block}.muted{color:#667}\n"
           "</style></head><body>\n<h1>Customer.io review: %1</h1>\n")
           .arg(esc(review.title));
  h += QStringLiteral("<p>%1 files scanned · <span class=\"error\">%2 errors</span> · <span class=\"warning\">%3 warnings</span> · "
                      "<span class=\"info\">%4 info</span> · %5 accepted · %6 skipped</p>\n")
           .arg(review.report.filesScanned)
           .arg(counts.errors)
           .arg(counts.warnings)
           .arg(counts.infos)
           .arg(review.accepted.size())
           .arg(review.report.skipped.size());

  h += QStringLiteral("<h2>Findings per rule</h2>\n<table><tr><th>Rule</th><th>Lesson</th><th>Findings</th></tr>\n");
  for (auto it = counts.perRule.cbegin(); it != counts.perRule.cend(); ++it)
    h += QStringLiteral("<tr><td>%1 %2</td><td>%3</td><td>%4</td></tr>\n")
             .arg(esc(it.key()), esc(counts.ruleNames.value(it.key())), esc(counts.ruleTitles.value(it.key())),
                  QString::number(it.value()));
  h += QStringLiteral("</table>\n<h2>Findings</h2>\n");

  const auto findingBlock = [&](const Finding &f, const QString &reason) {
    const QString sev = severityName(f.severity);
    QString b = QStringLiteral("<div class=\"finding %1\"><p><b class=\"%1\">%1</b> %2 <b>%3</b>:%4 — %5</p>\n")
                    .arg(sev, esc(f.ruleId), esc(f.file), QString::number(f.line), esc(f.message));
    b += QStringLiteral("<p class=\"muted\">Lesson: %1</p>\n").arg(esc(ruleTitle(review, f)));
    if (!reason.isNull()) b += QStringLiteral("<p>Accepted: %1</p>\n").arg(esc(reason));
    for (const auto &[file, line] : f.related)
      b += QStringLiteral("<p class=\"muted\">related: %1:%2</p>\n").arg(esc(file), QString::number(line));
    const auto lines = excerpt(review, f, cache);
    if (!lines.empty()) {
      b += QStringLiteral("<pre>");
      for (const ExcerptLine &l : lines) {
        const QString text = QStringLiteral("%1  %2").arg(QStringLiteral("%1").arg(l.number, 4), esc(l.text));
        b += l.marked ? QStringLiteral("<span class=\"mark\">%1</span>").arg(text) : text + QLatin1Char('\n');
      }
      b += QStringLiteral("</pre>\n");
    }
    return b + QStringLiteral("</div>\n");
  };
  if (review.report.findings.empty()) h += QStringLiteral("<p>No open findings.</p>\n");
  for (const Finding &f : review.report.findings) h += findingBlock(f, QString());

  if (!review.accepted.empty()) {
    h += QStringLiteral("<h2>Accepted by the reviewer</h2>\n");
    for (const AcceptedFinding &a : review.accepted) h += findingBlock(a.finding, a.reason.isNull() ? QStringLiteral("") : a.reason);
  }
  if (!review.events.empty()) {
    h += QStringLiteral("<h2>Event catalogue</h2>\n<table><tr><th>Event</th><th>Convention</th><th>Calls</th><th>Files</th><th>Near-duplicates</th></tr>\n");
    for (const EventEntry &e : review.events)
      h += QStringLiteral("<tr><td><code>%1</code></td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>\n")
               .arg(esc(e.name), esc(e.convention), QString::number(e.calls), esc(e.files.join(QStringLiteral(", "))),
                    e.hasNearDuplicate ? QStringLiteral("yes") : QString());
    h += QStringLiteral("</table>\n");
  }
  if (!review.report.skipped.empty()) {
    h += QStringLiteral("<h2>Skipped files</h2>\n<ul>\n");
    for (const SkippedFile &s : review.report.skipped)
      h += QStringLiteral("<li>%1 — %2</li>\n").arg(esc(s.file), esc(s.reason));
    h += QStringLiteral("</ul>\n");
  }
  h += QStringLiteral("<p class=\"muted\">Generated by %1 %2.</p>\n</body></html>\n").arg(toolName(), toolVersion());
  return h.toUtf8();
}

QByteArray formatMarkdown(const ReviewReport &review) {
  const Counts counts = countFindings(review);
  QHash<QString, QStringList> cache;
  QString m;
  m += QStringLiteral("# Customer.io review: %1\n\n").arg(mdCell(review.title));
  m += QStringLiteral("%1 files scanned · %2 errors · %3 warnings · %4 info · %5 accepted · %6 skipped\n\n")
           .arg(review.report.filesScanned)
           .arg(counts.errors)
           .arg(counts.warnings)
           .arg(counts.infos)
           .arg(review.accepted.size())
           .arg(review.report.skipped.size());
  m += QStringLiteral("## Findings per rule\n\n| Rule | Lesson | Findings |\n|---|---|---|\n");
  for (auto it = counts.perRule.cbegin(); it != counts.perRule.cend(); ++it)
    m += QStringLiteral("| %1 %2 | %3 | %4 |\n")
             .arg(mdCell(it.key()), mdCell(counts.ruleNames.value(it.key())), mdCell(counts.ruleTitles.value(it.key())),
                  QString::number(it.value()));
  const auto block = [&](const Finding &f, const QString *reason) {
    QString b = QStringLiteral("- **%1** %2 %3 — %4 (lesson: %5)\n")
                    .arg(severityName(f.severity), mdCell(f.ruleId),
                         mdCode(f.file + QLatin1Char(':') + QString::number(f.line)), mdCell(f.message),
                         mdCell(ruleTitle(review, f)));
    if (reason) b += QStringLiteral("  - accepted: %1\n").arg(mdCell(*reason));
    for (const auto &[file, line] : f.related)
      b += QStringLiteral("  - related: %1\n").arg(mdCode(file + QLatin1Char(':') + QString::number(line)));
    const auto lines = excerpt(review, f, cache);
    if (!lines.empty()) {
      // An indented block: no fence for the scanned code to close early.
      b += QLatin1Char('\n');
      for (const ExcerptLine &l : lines)
        b += QStringLiteral("      %1 %2 %3\n")
                 .arg(l.marked ? QStringLiteral(">") : QStringLiteral(" "), QStringLiteral("%1").arg(l.number, 4), reportText(l.text));
      b += QLatin1Char('\n');
    }
    return b;
  };
  m += QStringLiteral("\n## Findings\n\n");
  if (review.report.findings.empty()) m += QStringLiteral("No open findings.\n");
  for (const Finding &f : review.report.findings) m += block(f, nullptr);
  if (!review.accepted.empty()) {
    m += QStringLiteral("\n## Accepted by the reviewer\n\n");
    for (const AcceptedFinding &a : review.accepted) m += block(a.finding, &a.reason);
  }
  if (!review.events.empty()) {
    m += QStringLiteral("\n## Event catalogue\n\n| Event | Convention | Calls | Files | Near-duplicates |\n|---|---|---|---|---|\n");
    for (const EventEntry &e : review.events)
      m += QStringLiteral("| %1 | %2 | %3 | %4 | %5 |\n")
               .arg(mdCell(e.name), mdCell(e.convention), QString::number(e.calls), mdCell(e.files.join(QStringLiteral(", "))),
                    e.hasNearDuplicate ? QStringLiteral("yes") : QString());
  }
  if (!review.report.skipped.empty()) {
    m += QStringLiteral("\n## Skipped files\n\n");
    for (const SkippedFile &s : review.report.skipped)
      m += QStringLiteral("- %1 — %2\n").arg(mdCode(s.file), mdCell(s.reason));
  }
  return m.toUtf8();
}

}  // namespace cio
