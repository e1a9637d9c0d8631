#pragma once

#include "rules/rule.h"

namespace cio {

// CIO012 pii-in-event-name: personal data is baked into an event name.
class PiiInEventNameRule : public Rule {
 public:
  const RuleInfo &info() const override;
  void check(const FileModel &file, const FindingSink &sink) const override;
};

}  // namespace cio
