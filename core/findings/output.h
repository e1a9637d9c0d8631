#pragma once

// Report formats shared by cio-lint and the desktop app: pure functions from findings to
// bytes. Nothing here touches the terminal, the disk or the environment.

#include "findings/finding.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace cio {

// Everything one report shows.
struct Report {
  std::vector<Finding> findings;  // in report order (the Analyzer sorts them)
  std::vector<SkippedFile> skipped;
  int filesScanned = 0;
  int suppressedCount = 0;
  QStringList withSyntaxErrors;  // analysed as far as they parse
};

// What reports say about a rule: SARIF's rule metadata, --list-rules, --explain.
struct RuleDescriptor {
  QString id;    // "CIO002"
  QString name;  // "millisecond-timestamp"
  Severity severity = Severity::Warning;
  QString summary;   // one line
  QString title;     // the lesson's title; empty until a lesson provides one
  QString lessonId;  // "CIO002-millisecond-timestamp"
  QString helpUri;   // the lesson page

  // The title when a lesson gave one, else the summary.
  QString headline() const { return title.isEmpty() ? summary : title; }
};

// Lesson titles come from the lesson repository (core/lessons), which the caller owns;
// a lookup returns an empty string for an unknown lesson.
using LessonTitleLookup = std::function<QString(const QString &lessonId)>;

// The built-in rules (sorted by id), with titles from `lessonTitle` when given.
std::vector<RuleDescriptor> builtinRuleDescriptors(const LessonTitleLookup &lessonTitle = {});

QString toolName();        // "cio-lint"
QString toolVersion();     // CIO_VERSION
QString informationUri();  // the project's home page
QString lessonUri(const QString &lessonId);

// Masks anything that looks like a Customer.io credential (site id, Track/App API key,
// Pipelines write key, base64 Basic credentials): long hexadecimal runs that mix digits
// and letters, and long tokens that mix upper case, lower case and digits. The first four
// characters stay so a reader can tell which key it was: "a1b2****".
QString maskSecrets(const QString &text);

// Control characters taken from scanned code or file names (ESC, BEL, CR, NUL, DEL, the
// C1 range; a newline too: every field this is used for is one line) shown as "\x1B", so
// a report can neither drive a terminal nor forge lines. Tabs stay.
QString escapeControls(const QString &text);
// maskSecrets, then escapeControls: what every text field of a report goes through.
inline QString reportText(const QString &text) { return escapeControls(maskSecrets(text)); }

struct TextOptions {
  bool color = false;  // ANSI colours (the caller decides: TTY and NO_COLOR unset)
};

// `file:line:col: severity: message [CIO002]` per finding (an indented `fix:` line per
// offered fix), `file: skipped: reason` per skipped file, then one summary line.
QByteArray formatText(const Report &report, const TextOptions &options = {});

// {"tool", "version", "files_scanned", "suppressed", "findings": [...], "skipped": [...]}
QByteArray formatJson(const Report &report);

// SARIF 2.1.0 for GitHub code scanning. `rules` is the driver's rule table (usually
// builtinRuleDescriptors()); a finding whose rule is missing from it gets a minimal entry
// so that every result's ruleIndex is valid.
QByteArray formatSarif(const Report &report, const std::vector<RuleDescriptor> &rules);

// --list-rules: an aligned table (id, name, severity, headline) or a JSON array.
QByteArray formatRuleList(const std::vector<RuleDescriptor> &rules, bool json);

// The URI of a path in a SARIF artifactLocation: forward slashes, percent-encoded, a
// leading "./" removed; absolute paths become file:// URIs.
QString sarifUri(const QString &path);

}  // namespace cio
