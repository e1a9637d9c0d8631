#pragma once

#include "rules/rule.h"

namespace cio {

// CIO002 millisecond-timestamp: a millisecond clock is sent where Customer.io expects UNIX seconds.
class MillisecondTimestampRule : public Rule {
 public:
  const RuleInfo &info() const override;
  void check(const FileModel &file, const FindingSink &sink) const override;
};

}  // namespace cio
