#include "rules/deprecated_sdk_api.h"

#include "project/manifests.h"

namespace cio {

const RuleInfo &DeprecatedSdkApiRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO022"), QStringLiteral("deprecated-sdk-api"), Severity::Info,
                             QStringLiteral("a call shape the Customer.io SDK has replaced")};
  return info;
}

namespace {

// "customerio-node 2.1.0 (package-lock.json)", or empty when no manifest names it.
QString installed(const FileModel &file, const QString &package) {
  if (file.sdkVersion.isEmpty()) return QString();
  return QStringLiteral("%1 %2 (%3)").arg(package, file.sdkVersion, file.sdkVersionSource);
}

void legacyClient(const FileModel &file, const Client &c, const FindingSink &sink) {
  const int major = sdkMajorVersion(file.sdkVersion);
  if (isJavaScriptFamily(file.language)) {
    const QString pkg = installed(file, QStringLiteral("customerio-node"));
    const QString message =
        major >= 3 ? QStringLiteral(
                         "`%1` is customerio-node's pre-v3 default-export constructor, and %2 no longer "
                         "has it: the package exports { TrackClient, APIClient }, so this throws "
                         "\"is not a constructor\"; build `new TrackClient(siteId, apiKey, { region })`")
                         .arg(c.constructor, pkg)
                   : QStringLiteral(
                         "`%1` is customerio-node's pre-v3 default-export constructor%2, replaced in v3 by "
                         "the named export TrackClient: upgrading breaks this line; import { TrackClient, "
                         "RegionUS } and build `new TrackClient(siteId, apiKey, { region })`")
                         .arg(c.constructor, pkg.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(pkg));
    sink.report(file.path, c.range, message);
    return;
  }
  if (file.language == LanguageId::Go) {
    // go-customerio v1 had only NewCustomerIO; NewTrackClient (same arguments plus
    // options) exists since the transactional API release, and NewCustomerIO wraps it.
    std::vector<Fix> fixes;
    QString name = c.constructor;
    if (major != 0 && major != 1 && name.endsWith(QLatin1String("NewCustomerIO"))) {
      name.chop(static_cast<int>(qstrlen("NewCustomerIO")));
      name += QLatin1String("NewTrackClient");
      Range callee = c.range;
      callee.endByte = callee.startByte + static_cast<quint32>(c.constructor.toUtf8().size());
      callee.endRow = callee.startRow;
      callee.endColumn = callee.startColumn + static_cast<quint32>(c.constructor.toUtf8().size());
      fixes.push_back(Fix{QStringLiteral("use %1").arg(name), {TextEdit{callee, name}}});
    }
    const QString pkg = installed(file, QStringLiteral("go-customerio"));
    sink.report(file.path, c.range,
                major == 0 || major == 1
                    ? QStringLiteral("`%1` is deprecated in favour of NewTrackClient, which %2 does not have yet: "
                                     "upgrade to go-customerio/v3 and use NewTrackClient with WithRegion")
                          .arg(c.constructor, pkg)
                    : QStringLiteral("`%1` is deprecated in favour of NewTrackClient, which takes the same site id "
                                     "and key plus options such as WithRegion(customerio.RegionEU)")
                          .arg(c.constructor),
                std::move(fixes));
    return;
  }
  if (file.language == LanguageId::Ruby) {
    // A Gemfile.lock that locks the 1.x gem: these are its options, right for that version.
    if (major == 1 || major == 0) return;
    const QString pkg = installed(file, QStringLiteral("customerio"));
    sink.report(file.path, c.range,
                QStringLiteral("`json:` and `base_uri:` are options of the 1.x customerio gem%1; later releases "
                               "take `region: Customerio::Regions::US` or `::EU` (and `url:`) instead")
                    .arg(pkg.isEmpty() ? QString() : QStringLiteral(", not of %1").arg(pkg)));
  }
}

}  // namespace

void DeprecatedSdkApiRule::check(const FileModel &file, const FindingSink &sink) const {
  for (const Client &c : file.clients)
    if (c.legacyConstructor) legacyClient(file, c, sink);
  const int major = sdkMajorVersion(file.sdkVersion);
  for (const Call &call : file.calls) {
    if (file.language == LanguageId::Python && call.keywordEventData) {
      // customerio < 3.0 takes event data as keyword arguments: right for that version.
      if (major >= 0 && major < 3) continue;
      const QString pkg = installed(file, QStringLiteral("customerio"));
      sink.report(file.path, call.keywordEventDataRange,
                  pkg.isEmpty() || file.sdkVersion == QLatin1String("latest")
                      ? QStringLiteral("event data as keyword arguments is the `%1` of customerio < 3.0; 3.0 takes "
                                       "`data={...}` and raises TypeError on these arguments: pass "
                                       "`data={...}` (or pin customerio<3)")
                            .arg(call.method)
                      : QStringLiteral("%1 takes event data as `data={...}`: these keyword arguments are the "
                                       "pre-3.0 `%2` shape and raise TypeError")
                            .arg(pkg, call.method));
    }
    if (file.language == LanguageId::Ruby && major != 1 && major != 0 && call.op == Operation::TrackAnonymous &&
        (call.method == QLatin1String("anonymous_track") || call.method == QLatin1String("track"))) {
      sink.report(file.path, call.calleeRange,
                  QStringLiteral("`%1(event_name, attributes)` is the 1.x gem's anonymous event; later releases "
                                 "take `track_anonymous(anonymous_id, event_name, attributes)`")
                      .arg(call.method));
    }
  }
}

}  // namespace cio
