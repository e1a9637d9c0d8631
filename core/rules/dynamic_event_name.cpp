#include "rules/dynamic_event_name.h"

#include "rules/facts.h"

namespace cio {

const RuleInfo &DynamicEventNameRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO006"), QStringLiteral("dynamic-event-name"), Severity::Warning,
                             QStringLiteral("an event name is built at run time")};
  return info;
}

void DynamicEventNameRule::check(const FileModel &file, const FindingSink &sink) const {
  for (const Call &c : file.calls) {
    if (!facts::isEventOperation(c.op) || !c.eventName) continue;
    const Expr &name = *c.eventName;
    if (!name.isDynamicString() && name.kind != ValueKind::CallResult) continue;
    // Personal data in the name is CIO012's finding, the more severe one.
    // A name that is request input as a whole (`r.FormValue("event")`) is CIO019's.
    if (name.requestInput && !name.validatedInput && !name.isDynamicString()) continue;
    if (!facts::personalDataName(name).isEmpty() || facts::containsEmailAddress(name.stringValue)) continue;
    sink.report(file.path, name.range,
                QStringLiteral("event name built at run time: every value makes a new event name, so "
                               "campaigns and segments cannot match it; put the variable part into event data"),
                facts::eventDataFix(c));
  }
}

}  // namespace cio
