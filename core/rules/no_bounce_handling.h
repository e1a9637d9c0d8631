#pragma once

#include "rules/rule.h"

namespace cio {

// CIO008 no-bounce-handling: the project sends email but never handles bounces.
class NoBounceHandlingRule : public Rule {
 public:
  const RuleInfo &info() const override;
  void check(const FileModel &file, const FindingSink &sink) const override;
  void checkProject(const ProjectModel &project, const FindingSink &sink) const override;
};

}  // namespace cio
