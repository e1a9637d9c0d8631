#pragma once

#include "rules/rule.h"

namespace cio {

// CIO009 client-per-request: a Customer.io client is constructed per call instead of once per process.
class ClientPerRequestRule : public Rule {
 public:
  const RuleInfo &info() const override;
  void check(const FileModel &file, const FindingSink &sink) const override;
};

}  // namespace cio
