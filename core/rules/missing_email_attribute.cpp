#include "rules/missing_email_attribute.h"

#include "rules/facts.h"

namespace cio {

const RuleInfo &MissingEmailAttributeRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO005"), QStringLiteral("missing-email-attribute"), Severity::Warning,
                             QStringLiteral("identify sends a complete attribute set without email")};
  return info;
}

void MissingEmailAttributeRule::check(const FileModel &file, const FindingSink &sink) const {
  for (const Call &c : file.calls) {
    if (c.op != Operation::Identify || !c.attributesFullyVisible) continue;
    bool hasEmail = false;
    for (const Attribute &a : c.attributes) hasEmail = hasEmail || a.key.compare(QLatin1String("email"), Qt::CaseInsensitive) == 0;
    if (hasEmail) continue;
    sink.report(file.path, c.range,
                QStringLiteral("identify without an `email` attribute: this person cannot receive email "
                               "campaigns"));
  }
}

}  // namespace cio
