#pragma once

#include "rules/rule.h"

namespace cio {

// CIO001 wrong-api-key: a client or raw HTTP call authenticates with the other API's credentials.
class WrongApiKeyRule : public Rule {
 public:
  const RuleInfo &info() const override;
  void check(const FileModel &file, const FindingSink &sink) const override;
};

}  // namespace cio
