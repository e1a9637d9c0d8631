#pragma once

#include "rules/rule.h"

namespace cio {

// CIO015 hardcoded-credential: a site id or API key is written into the source.
class HardcodedCredentialRule : public Rule {
 public:
  const RuleInfo &info() const override;
  void check(const FileModel &file, const FindingSink &sink) const override;
};

}  // namespace cio
