#pragma once

#include "findings/finding.h"
#include "model/model.h"

#include <QString>

#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace cio {

struct RuleInfo {
  QString id;    // "CIO002"
  QString name;  // "millisecond-timestamp" (kebab-case)
  Severity defaultSeverity = Severity::Warning;
  QString summary;  // one line, for --list-rules and SARIF shortDescription
  QString lessonId() const { return id + QLatin1Char('-') + name; }
};

// Where a rule reports. Fills rule id, name, severity and lesson; the analyzer fills
// line/column and applies suppressions and configuration.
class FindingSink {
 public:
  using Emit = std::function<void(Finding)>;
  FindingSink(const RuleInfo &info, Emit emitFinding) : m_info(info), m_emit(std::move(emitFinding)) {}
  void report(const QString &file, const Range &range, const QString &message, std::vector<Fix> fixes = {},
              std::vector<std::pair<QString, int>> related = {}) const;

 private:
  const RuleInfo &m_info;
  Emit m_emit;
};

// A project: every analysed file's model, after cross-file linking.
struct ProjectModel {
  std::vector<FileModel> files;
  // True for folder/file-list scans (cio-lint, review mode); false when one snippet is
  // analysed alone (playground, lessons, quizzes). Rules that conclude from the absence
  // of something elsewhere in the project (no bounce handler anywhere) only run on a
  // whole project: a snippet is never evidence that the rest does not exist.
  bool wholeProject = false;
};

// One pitfall = one rule class. Rules read the model only, never syntax.
class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo &info() const = 0;
  // Per-file check.
  virtual void check(const FileModel &file, const FindingSink &sink) const { (void)file, (void)sink; }
  // Project-level check, run once after every file is linked.
  virtual void checkProject(const ProjectModel &project, const FindingSink &sink) const {
    (void)project, (void)sink;
  }
};

// All built-in rules, sorted by id.
const std::vector<std::unique_ptr<Rule>> &builtinRules();
const Rule *findRule(const QString &idOrName);

}  // namespace cio
