#pragma once

#include "rules/rule.h"

namespace cio {

// CIO020 placeholder-id: a literal person id that every caller shares.
class PlaceholderIdRule : public Rule {
 public:
  const RuleInfo &info() const override;
  void check(const FileModel &file, const FindingSink &sink) const override;
};

}  // namespace cio
