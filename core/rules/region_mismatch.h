#pragma once

#include "rules/rule.h"

namespace cio {

// CIO013 region-mismatch: one project talks to both the US and the EU region.
class RegionMismatchRule : public Rule {
 public:
  const RuleInfo &info() const override;
  void checkProject(const ProjectModel &project, const FindingSink &sink) const override;
};

}  // namespace cio
