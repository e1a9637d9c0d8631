#pragma once

#include "rules/rule.h"

namespace cio {

// CIO014 unhandled-promise: an SDK call's promise is dropped without a rejection handler.
class UnhandledPromiseRule : public Rule {
 public:
  const RuleInfo &info() const override;
  void check(const FileModel &file, const FindingSink &sink) const override;
};

}  // namespace cio
