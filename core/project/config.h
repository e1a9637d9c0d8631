#pragma once

#include "findings/finding.h"
#include "syntax/document.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace cio {

// A project's `.cio-lint.json` at the scanned root:
// {
//   "rules": { "CIO010": "off", "email-as-id": "error", "CIO002": { "severity": "warning" } },
//   "ignore": ["test/fixtures/**", "**/*.spec.ts"],
//   "maxFileBytes": 5242880, "parseTimeoutMs": 5000, "maxNestingDepth": 2000
// }
// The three limits (defaults shown) are ParseLimits: a file over one is skipped with a
// reason and the rest of the project is still analysed.
// A rule value is "off", "on", a severity, or an object {"enabled": bool, "severity": "..."}.
struct Config {
  struct RuleSetting {
    bool enabled = true;
    std::optional<Severity> severity;
  };
  QHash<QString, RuleSetting> rules;  // keyed by rule id (CIO002)
  QStringList ignoreGlobs;
  ParseLimits limits;
  QString sourcePath;  // where it was read from, empty for defaults

  static constexpr const char *fileName = ".cio-lint.json";

  // Parses JSON text. On error returns nullopt and sets *error to a message that names
  // the problem ("rules.CIO099: unknown rule").
  static std::optional<Config> parse(const QByteArray &json, QString *error);
  // Loads <dir>/.cio-lint.json; defaults when absent; nullopt + *error when unreadable/invalid.
  static std::optional<Config> loadFromDirectory(const QString &dir, QString *error);

  bool isEnabled(const QString &ruleId) const;
  Severity severityFor(const QString &ruleId, Severity defaultSeverity) const;
  // Relative path (forward slashes) matched against the ignore globs.
  bool isIgnored(const QString &relativePath) const;
};

}  // namespace cio
