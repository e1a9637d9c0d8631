#include "rules/client_per_request.h"

#include "rules/facts.h"

namespace cio {

const RuleInfo &ClientPerRequestRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO009"), QStringLiteral("client-per-request"), Severity::Warning,
                             QStringLiteral("a Customer.io client is constructed per call instead of once per process")};
  return info;
}

void ClientPerRequestRule::check(const FileModel &file, const FindingSink &sink) const {
  for (const Client &c : file.clients) {
    if (!c.insideFunction || c.cached || c.inConstructor) continue;
    const bool inRequest = file.inRequestPath(c.functionId);
    sink.report(file.path, c.range,
                inRequest
                    ? QStringLiteral("a new %1 client on every request: connections are not reused and "
                                     "under load you exhaust sockets; create it once, at module or package level")
                          .arg(facts::sdkName(c.sdk))
                    : QStringLiteral("a new %1 client on every call: create it once, at module or package level, and "
                                     "reuse it")
                          .arg(facts::sdkName(c.sdk)));
  }
}

}  // namespace cio
