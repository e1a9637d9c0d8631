#pragma once

#include "rules/rule.h"

namespace cio {

// CIO011 no-rate-limit: tracking calls in a loop with no rate limit or batch API.
class NoRateLimitRule : public Rule {
 public:
  const RuleInfo &info() const override;
  void check(const FileModel &file, const FindingSink &sink) const override;
};

}  // namespace cio
