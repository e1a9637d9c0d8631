#pragma once

#include "rules/rule.h"

namespace cio {

// CIO019 untrusted-input: request input flows unchecked into an event name, a
// transactional `to` address, or whole into the attributes.
class UntrustedInputRule : public Rule {
 public:
  const RuleInfo &info() const override;
  void check(const FileModel &file, const FindingSink &sink) const override;
};

}  // namespace cio
