#pragma once

#include "rules/rule.h"

namespace cio {

// CIO004 email-as-id: an email address is used as the permanent person id.
class EmailAsIdRule : public Rule {
 public:
  const RuleInfo &info() const override;
  void check(const FileModel &file, const FindingSink &sink) const override;
};

}  // namespace cio
