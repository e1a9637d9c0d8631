#include "rules/non_unix_timestamp.h"

#include "rules/facts.h"

namespace cio {

const RuleInfo &NonUnixTimestampRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO018"), QStringLiteral("non-unix-timestamp"), Severity::Warning,
                             QStringLiteral("a date object, a date string or fractional seconds is sent where "
                                            "Customer.io expects whole UNIX seconds")};
  return info;
}

static QString problem(TimeForm form) {
  switch (form) {
    case TimeForm::DateObject:
      return QStringLiteral("is a date object, which goes out as a date string");
    case TimeForm::IsoString:
      return QStringLiteral("is a date string");
    case TimeForm::FractionalSeconds:
      return QStringLiteral("has a fractional part");
    case TimeForm::None: break;
  }
  return QString();
}

void NonUnixTimestampRule::check(const FileModel &file, const FindingSink &sink) const {
  for (const Call &call : file.calls) {
    // Data Pipelines takes ISO-8601 timestamps by design.
    if (!facts::takesUnixSeconds(call.sdk)) continue;
    for (const Attribute &a : call.attributes) {
      const TimeForm form = a.value.timeForm;
      if (form == TimeForm::None) continue;
      if (form == TimeForm::DateObject && a.sdkConvertsDates) continue;
      // A date object is meant as a time under any key; strings and floats only count
      // under the keys Customer.io reads as timestamps.
      if (form != TimeForm::DateObject && !facts::isTimestampKey(a.key)) continue;
      std::vector<Fix> fixes;
      if (!a.value.unixSecondsRewrite.isEmpty())
        fixes.push_back(Fix{QStringLiteral("send whole UNIX seconds: %1").arg(a.value.unixSecondsRewrite),
                            {TextEdit{a.value.range, a.value.unixSecondsRewrite}}});
      sink.report(file.path, a.value.range,
                  QStringLiteral("`%1` %2; Customer.io reads timestamps as whole UNIX seconds, so timestamp "
                                 "segments, delays and date filters cannot use it")
                      .arg(a.key, problem(form)),
                  std::move(fixes));
    }
  }
}

}  // namespace cio
