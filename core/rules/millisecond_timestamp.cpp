#include "rules/millisecond_timestamp.h"

#include "rules/facts.h"

namespace cio {

const RuleInfo &MillisecondTimestampRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO002"), QStringLiteral("millisecond-timestamp"), Severity::Error,
                             QStringLiteral("a millisecond clock is sent where Customer.io expects UNIX seconds")};
  return info;
}

void MillisecondTimestampRule::check(const FileModel &file, const FindingSink &sink) const {
  for (const Call &call : file.calls) {
    // Data Pipelines takes milliseconds / ISO-8601 by design.
    if (!facts::takesUnixSeconds(call.sdk)) continue;
    for (const Attribute &a : call.attributes) {
      if (!facts::isTimestampKey(a.key) || !a.value.millisecondClock) continue;
      std::vector<Fix> fixes;
      if (!a.value.secondsRewrite.isEmpty())
        fixes.push_back(Fix{QStringLiteral("convert to seconds: %1").arg(a.value.secondsRewrite),
                            {TextEdit{a.value.range, a.value.secondsRewrite}}});
      sink.report(file.path, a.value.range,
                  QStringLiteral("`%1` is in milliseconds; Customer.io reads UNIX seconds, so this date lands "
                                 "tens of thousands of years in the future")
                      .arg(a.key),
                  std::move(fixes));
    }
  }
}

}  // namespace cio
