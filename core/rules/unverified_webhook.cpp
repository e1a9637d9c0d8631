#include "rules/unverified_webhook.h"

#include "rules/facts.h"

#include <QSet>

namespace cio {

const RuleInfo &UnverifiedWebhookRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO017"), QStringLiteral("unverified-webhook"), Severity::Error,
                             QStringLiteral("a reporting webhook is trusted without a sound X-CIO-Signature check")};
  return info;
}

static QString constantTimeCompare(LanguageId language) {
  switch (language) {
    case LanguageId::Python:
      return QStringLiteral("hmac.compare_digest");
    case LanguageId::Ruby:
      return QStringLiteral("Rack::Utils.secure_compare");
    case LanguageId::Go:
      return QStringLiteral("hmac.Equal");
    default:
      return QStringLiteral("crypto.timingSafeEqual");
  }
}

// How the file checks a signature it reads: compared in constant time, and only for
// a recent timestamp.
void UnverifiedWebhookRule::check(const FileModel &file, const FindingSink &sink) const {
  if (facts::isTestFile(file.path)) return;  // tests sign and post fake webhooks on purpose
  const WebhookSignature &sig = file.webhookSignature;
  for (const SignatureCompare &c : sig.plainCompares) {
    std::vector<Fix> fixes;
    if (!c.constantTimeRewrite.isEmpty()) {
      Fix fix;
      fix.title = QStringLiteral("compare in constant time with %1").arg(constantTimeCompare(file.language));
      fix.edits.push_back(TextEdit{c.range, c.constantTimeRewrite});
      fixes.push_back(fix);
    }
    // crypto.timingSafeEqual throws on buffers of different lengths (a forged signature
    // of another length would crash the handler instead of being refused).
    const QString lengths = isJavaScriptFamily(file.language)
                                ? QStringLiteral(
                                      " (it throws on buffers of different lengths: refuse a signature "
                                      "of the wrong length first)")
                                : QString();
    sink.report(file.path, c.range,
                QStringLiteral("the webhook signature is compared with a plain equality test, whose running time "
                               "tells an attacker how much of a forged signature is right; compare in constant "
                               "time with %1%2")
                    .arg(constantTimeCompare(file.language), lengths),
                std::move(fixes));
  }
  if (sig.headerReads.empty() || sig.timestampTolerance) return;
  sink.report(file.path, sig.headerReads.front(),
              sig.readsTimestamp
                  ? QStringLiteral("the signature check never bounds X-CIO-Timestamp: a captured webhook stays valid "
                                   "forever and can be sent again; reject timestamps more than a few minutes from "
                                   "now")
                  : QStringLiteral("the signature check never reads X-CIO-Timestamp: Customer.io signs "
                                   "`v0:<timestamp>:<body>`, so the HMAC must include it, and an old timestamp "
                                   "must be refused or a captured webhook can be sent again"));
}

// The project module a name of this file is imported from (`auth.verify` -> the import
// of `auth`), or none.
static const LocalImport *importOf(const FileModel &f, const QString &name) {
  const QString root = name.section(QLatin1Char('.'), 0, 0);
  for (const LocalImport &i : f.imports)
    if (i.localName == name || i.localName == root) return &i;
  return nullptr;
}

// `name` guards particular routes of the file (route middleware, @UseGuards): it counts
// for those routes only (coveredByGuard).
static bool isGuardIn(const FileModel &f, const QString &name) {
  for (const FunctionScope &s : f.functions)
    if (s.guards.contains(name)) return true;
  return false;
}

// A verifier named here whose code cannot be judged: from a package, or from a project
// module outside the analysis.
static bool unjudgedVerifier(const FileModel &f, const QString &name, const QSet<QString> &definedVerifiers) {
  if (definedVerifiers.contains(name)) return false;
  const LocalImport *imp = importOf(f, name);
  return !imp || imp->resolvedPath.isEmpty();
}

// A guard of the handler (or of a function around it) may verify, and we cannot see that
// it does not: it comes from a project module outside the analysis (unknown, not
// unverified), or it is a verifier by name whose code is not in the analysis.
static bool coveredByGuard(const FileModel &f, const FunctionScope *handler, const QSet<QString> &definedVerifiers) {
  std::size_t steps = 0;
  for (const FunctionScope *s = handler; s && steps++ < f.functions.size(); s = f.function(s->parentId))
    for (const QString &g : s->guards) {
      const LocalImport *imp = importOf(f, g);
      if (imp && imp->resolvedPath.isEmpty()) return true;
      if (f.webhookSignature.verifierNames.contains(g) && unjudgedVerifier(f, g, definedVerifiers)) return true;
    }
  return false;
}

// A handler that reads the payload with no signature check in its file, in a verifier
// it names, or anywhere in the project (a middleware in another module).
void UnverifiedWebhookRule::checkProject(const ProjectModel &project, const FindingSink &sink) const {
  // A signature check anywhere in the project counts (a middleware in another module);
  // one in a test (a fake request that sets X-CIO-Signature) verifies nothing. Also
  // collected: the verifier-like code the scan holds, by the names others use for it.
  QSet<QString> definedVerifiers;
  for (const FileModel &f : project.files) {
    if (facts::isTestFile(f.path)) continue;
    if (!f.webhookSignature.headerReads.empty()) return;
    for (const QString &name : f.webhookSignature.verifierDefinitions) definedVerifiers.insert(name);
  }
  // A verifier (filter, decorator, concern, middleware) whose code is outside this scan
  // may check the signature: we cannot see it, so nothing is reported. One the scan holds
  // was judged above: it reads no X-CIO-Signature, so it verifies nothing. A verifier a
  // route names counts for that route only (coveredByGuard).
  for (const FileModel &f : project.files) {
    if (facts::isTestFile(f.path)) continue;
    for (const QString &name : f.webhookSignature.verifierNames)
      if (!isGuardIn(f, name) && unjudgedVerifier(f, name, definedVerifiers)) return;
  }
  for (const FileModel &f : project.files) {
    if (facts::isTestFile(f.path)) continue;  // a test's stub server never sees real traffic
    QSet<int> reported;
    for (const WebhookRead &r : f.webhookReads) {
      // Only the route itself: a function handed the parsed event (`onReportingWebhook(event)`)
      // is called after its caller has verified the request.
      // A GET route (a dashboard filtering stored deliveries by metric) receives no webhook.
      const FunctionScope *handler = f.requestHandlerOf(r.functionId);
      if (!handler || handler->safeMethodsOnly || reported.contains(handler->id)) continue;
      // Unknown, not unverified: a guard from a module outside the analysis may verify.
      if (coveredByGuard(f, handler, definedVerifiers)) continue;
      reported.insert(handler->id);
      sink.report(f.path, r.range,
                  QStringLiteral("this handler acts on Customer.io reporting webhooks but never checks "
                                 "X-CIO-Signature: anyone who finds the URL can post forged bounces and "
                                 "unsubscribes; verify the HMAC-SHA256 of `v0:<X-CIO-Timestamp>:<body>` with "
                                 "your webhook signing key first"));
    }
  }
}

}  // namespace cio
