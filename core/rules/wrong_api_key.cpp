#include "rules/wrong_api_key.h"

#include "rules/facts.h"

#include <QRegularExpression>

namespace cio {

const RuleInfo &WrongApiKeyRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO001"), QStringLiteral("wrong-api-key"), Severity::Error,
                             QStringLiteral("a client or raw HTTP call authenticates with the other API's credentials")};
  return info;
}

// What a credential expression's names say it is. Judged on the snake-cased text of the
// expression (env var and variable names), never on a secret's value.
static bool namedLikeTrackCredential(const Expr &e) {
  static const QRegularExpression re(
      QStringLiteral("(^|[^a-z0-9])(site_?id|track(ing)?_(api_)?(key|secret|token))($|[^a-z0-9])"));
  return re.match(facts::snakeName(e.text)).hasMatch();
}

static bool namedLikeAppCredential(const Expr &e) {
  static const QRegularExpression re(
      QStringLiteral("(^|[^a-z0-9])app_(api_)?(key|secret|token)($|[^a-z0-9])"));
  return re.match(facts::snakeName(e.text)).hasMatch();
}

void WrongApiKeyRule::check(const FileModel &file, const FindingSink &sink) const {
  for (const Client &c : file.clients) {
    for (const Expr &arg : c.credentialArgs) {
      if (c.sdk == Sdk::App && namedLikeTrackCredential(arg))
        sink.report(file.path, arg.range,
                    QStringLiteral("the App API client is given a Track API key or site id; the App API "
                                   "authenticates with an App API key (Bearer)"));
      else if (c.sdk == Sdk::Track && namedLikeAppCredential(arg))
        sink.report(file.path, arg.range,
                    QStringLiteral("the Track API client is given an App API key; the Track API "
                                   "authenticates with the site id and Track API key (Basic)"));
    }
  }
  for (const HttpRequest &r : file.httpRequests) {
    const bool trackHost = r.host.startsWith(QLatin1String("track"));
    const bool appHost = r.host.startsWith(QLatin1String("api"));
    if (trackHost && r.auth == HttpAuth::Bearer)
      sink.report(file.path, r.range,
                  QStringLiteral("request to %1 with Bearer auth: the Track API takes Basic auth with "
                                 "site id and Track API key")
                      .arg(r.host));
    else if (appHost && r.auth == HttpAuth::Basic)
      sink.report(file.path, r.range,
                  QStringLiteral("request to %1 with Basic auth: the App API takes a Bearer App API key")
                      .arg(r.host));
  }
}

}  // namespace cio
