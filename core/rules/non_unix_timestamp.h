#pragma once

#include "rules/rule.h"

namespace cio {

// CIO018 non-unix-timestamp: a date object, a date string or fractional seconds is sent
// where Customer.io expects whole UNIX seconds.
class NonUnixTimestampRule : public Rule {
 public:
  const RuleInfo &info() const override;
  void check(const FileModel &file, const FindingSink &sink) const override;
};

}  // namespace cio
