#pragma once

#include "rules/rule.h"

namespace cio {

// CIO003 track-before-identify: an event is tracked for a person before that person is identified.
class TrackBeforeIdentifyRule : public Rule {
 public:
  const RuleInfo &info() const override;
  void check(const FileModel &file, const FindingSink &sink) const override;
};

}  // namespace cio
