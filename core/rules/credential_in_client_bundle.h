#pragma once

#include "rules/rule.h"

namespace cio {

// CIO016 credential-in-client-bundle: a Track or App API key that ships to browsers.
class CredentialInClientBundleRule : public Rule {
 public:
  const RuleInfo &info() const override;
  void check(const FileModel &file, const FindingSink &sink) const override;
};

}  // namespace cio
