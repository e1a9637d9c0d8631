#pragma once

#include "rules/rule.h"

namespace cio {

// CIO021 anonymous-activity-not-merged: anonymous events are tracked under an anonymous
// id, but no identify in the project passes `anonymous_id`, so they never join a person.
class AnonymousActivityNotMergedRule : public Rule {
 public:
  const RuleInfo &info() const override;
  void checkProject(const ProjectModel &project, const FindingSink &sink) const override;
};

}  // namespace cio
