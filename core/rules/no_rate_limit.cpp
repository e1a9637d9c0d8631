#include "rules/no_rate_limit.h"

#include "rules/facts.h"

namespace cio {

const RuleInfo &NoRateLimitRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO011"), QStringLiteral("no-rate-limit"), Severity::Warning,
                             QStringLiteral("tracking calls in a loop with no rate limit or batch API")};
  return info;
}

void NoRateLimitRule::check(const FileModel &file, const FindingSink &sink) const {
  for (const Call &c : file.calls) {
    // The Pipelines SDKs and the browser snippet queue and batch on their own.
    if (c.sdk != Sdk::Track || !c.inLoop || c.loopThrottled) continue;
    if (c.op != Operation::Identify && c.op != Operation::Track && c.op != Operation::TrackAnonymous &&
        c.op != Operation::Page)
      continue;
    sink.report(file.path, c.range,
                QStringLiteral("one API request per item in a loop with no rate limit: large lists run into "
                               "HTTP 429 and lose updates; throttle the loop or use the batch API"));
  }
}

}  // namespace cio
