#pragma once

#include "rules/rule.h"

namespace cio {

// CIO007 blocking-call-in-request: a tracking call is waited for inside a request handler.
class BlockingCallInRequestRule : public Rule {
 public:
  const RuleInfo &info() const override;
  void check(const FileModel &file, const FindingSink &sink) const override;
};

}  // namespace cio
