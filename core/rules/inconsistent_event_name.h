#pragma once

#include "rules/rule.h"

namespace cio {

// CIO010 inconsistent-event-name: an event name is not snake_case or near-duplicates another.
class InconsistentEventNameRule : public Rule {
 public:
  const RuleInfo &info() const override;
  void check(const FileModel &file, const FindingSink &sink) const override;
  void checkProject(const ProjectModel &project, const FindingSink &sink) const override;
};

}  // namespace cio
