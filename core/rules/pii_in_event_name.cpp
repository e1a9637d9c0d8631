#include "rules/pii_in_event_name.h"

#include "rules/facts.h"

namespace cio {

const RuleInfo &PiiInEventNameRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO012"), QStringLiteral("pii-in-event-name"), Severity::Error,
                             QStringLiteral("personal data is baked into an event name")};
  return info;
}

void PiiInEventNameRule::check(const FileModel &file, const FindingSink &sink) const {
  for (const Call &c : file.calls) {
    if (!facts::isEventOperation(c.op) || !c.eventName) continue;
    const Expr &name = *c.eventName;
    QString what;
    if (facts::containsEmailAddress(name.stringValue)) what = QStringLiteral("an email address");
    else if (facts::containsPhoneNumber(name.stringValue)) what = QStringLiteral("a phone number");
    else if (name.kind != ValueKind::StringLiteral && name.kind != ValueKind::NumberLiteral) {
      const QString pii = facts::personalDataName(name);
      // A bare variable called `name` passed as the event name is the event's name
      // (`def track(user_id, name, **data)` wrappers), not a person's.
      const bool eventNameVariable = name.kind == ValueKind::Identifier && facts::snakeName(pii) == QLatin1String("name");
      if (!pii.isEmpty() && !eventNameVariable) what = QStringLiteral("personal data (`%1`)").arg(pii);
    }
    if (what.isEmpty()) continue;
    sink.report(file.path, name.range,
                QStringLiteral("%1 in an event name: event names are shared across your workspace, reports and "
                               "integrations, and cannot be erased on a deletion request; send it as event data")
                    .arg(what),
                facts::eventDataFix(c));
  }
}

}  // namespace cio
