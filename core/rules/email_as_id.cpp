#include "rules/email_as_id.h"

#include "rules/facts.h"

namespace cio {

const RuleInfo &EmailAsIdRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO004"), QStringLiteral("email-as-id"), Severity::Warning,
                             QStringLiteral("an email address is used as the permanent person id")};
  return info;
}

void EmailAsIdRule::check(const FileModel &file, const FindingSink &sink) const {
  for (const Call &c : file.calls) {
    // Transactional messages and merges address people by email on purpose.
    if (!c.personId || !(facts::isTrackingOperation(c.op) || c.op == Operation::Suppress ||
                         c.op == Operation::Delete))
      continue;
    if (c.op == Operation::TrackAnonymous) continue;
    if (!facts::denotesEmail(*c.personId)) continue;
    sink.report(file.path, c.personId->range,
                QStringLiteral("the person id is an email address; when the person changes it, their history "
                               "splits into two profiles (use your database's stable user id)"));
  }
}

}  // namespace cio
