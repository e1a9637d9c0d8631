#pragma once

#include "rules/rule.h"

namespace cio {

// CIO005 missing-email-attribute: identify sends a complete attribute set without email.
class MissingEmailAttributeRule : public Rule {
 public:
  const RuleInfo &info() const override;
  void check(const FileModel &file, const FindingSink &sink) const override;
};

}  // namespace cio
