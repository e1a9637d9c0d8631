#pragma once

#include "rules/rule.h"

namespace cio {

// CIO022 deprecated-sdk-api: call shapes the SDKs have replaced, judged by the SDK
// version a lockfile or requirements file names where there is one.
class DeprecatedSdkApiRule : public Rule {
 public:
  const RuleInfo &info() const override;
  void check(const FileModel &file, const FindingSink &sink) const override;
};

}  // namespace cio
