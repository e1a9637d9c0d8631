#pragma once

#include "rules/rule.h"

namespace cio {

// CIO006 dynamic-event-name: an event name is built at run time.
class DynamicEventNameRule : public Rule {
 public:
  const RuleInfo &info() const override;
  void check(const FileModel &file, const FindingSink &sink) const override;
};

}  // namespace cio
