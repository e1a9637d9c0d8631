#include "rules/blocking_call_in_request.h"

#include "rules/facts.h"

namespace cio {

const RuleInfo &BlockingCallInRequestRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO007"), QStringLiteral("blocking-call-in-request"), Severity::Warning,
                             QStringLiteral("a tracking call is waited for inside a request handler")};
  return info;
}

void BlockingCallInRequestRule::check(const FileModel &file, const FindingSink &sink) const {
  for (const Call &c : file.calls) {
    if (!facts::isTrackingOperation(c.op) || !c.waitsForResult) continue;
    if (!file.inRequestPath(c.functionId)) continue;
    sink.report(file.path, c.range,
                QStringLiteral("the request waits for a Customer.io round trip; a slow or failing API makes "
                               "your endpoint slow or fail (send it from a queue or without waiting)"));
  }
}

}  // namespace cio
