#include "rules/region_mismatch.h"

#include "rules/facts.h"

namespace cio {

const RuleInfo &RegionMismatchRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO013"), QStringLiteral("region-mismatch"), Severity::Error,
                             QStringLiteral("one project sends to both the US and the EU region")};
  return info;
}

namespace {

// One place that decides a region: a client (configured or by default) or a hand-written
// request to a Customer.io host.
struct RegionClaim {
  const FileModel *file = nullptr;
  Range range;
  bool eu = false;
  bool byDefault = false;  // a client built without any region: the SDKs default to US
  QString what;            // "this Track API client", "this request to api.customer.io"
};

}  // namespace

void RegionMismatchRule::checkProject(const ProjectModel &project, const FindingSink &sink) const {
  std::vector<RegionClaim> claims;
  for (const FileModel &f : project.files) {
    for (const Client &c : f.clients) {
      if (c.sdk == Sdk::BrowserSnippet || c.sdk == Sdk::PipelinesBrowser) continue;  // the browser's own setup
      if (c.region.isEmpty() && c.regionGiven) continue;  // a region the file does not show
      claims.push_back({&f, c.range, c.region == QLatin1String("eu"), c.region.isEmpty(),
                        QStringLiteral("this %1 client").arg(facts::sdkName(c.sdk))});
    }
    for (const HttpRequest &r : f.httpRequests)
      claims.push_back({&f, r.range, r.host.contains(QLatin1String("-eu.")), false,
                        QStringLiteral("this request to %1").arg(r.host)});
  }
  const RegionClaim *eu = nullptr;
  for (const RegionClaim &c : claims)
    if (c.eu && (!eu || std::tie(c.file->path, c.range.startByte) < std::tie(eu->file->path, eu->range.startByte)))
      eu = &c;
  if (!eu) return;
  for (const RegionClaim &c : claims) {
    if (c.eu) continue;
    const QString where = c.file == eu->file
                              ? QStringLiteral("line %1").arg(eu->range.startRow + 1)
                              : QStringLiteral("%1:%2").arg(eu->file->path).arg(eu->range.startRow + 1);
    sink.report(c.file->path, c.range,
                QStringLiteral("%1 goes to the US region%2, but %3 uses the EU region: an account lives in "
                               "one region, so either EU data crosses US servers or these requests fail; give "
                               "every client your account's region")
                    .arg(c.what, c.byDefault ? QStringLiteral(" (no region given, the SDK default)") : QString(), where),
                {}, {{eu->file->path, static_cast<int>(eu->range.startRow) + 1}});
  }
}

}  // namespace cio
