#pragma once

#include "rules/rule.h"

namespace cio {

// CIO017 unverified-webhook: a reporting-webhook handler that trusts unsigned requests,
// or checks the signature in a way an attacker can get around.
class UnverifiedWebhookRule : public Rule {
 public:
  const RuleInfo &info() const override;
  void check(const FileModel &file, const FindingSink &sink) const override;
  void checkProject(const ProjectModel &project, const FindingSink &sink) const override;
};

}  // namespace cio
