#include "rules/hardcoded_credential.h"

#include <QRegularExpression>

namespace cio {

const RuleInfo &HardcodedCredentialRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO015"), QStringLiteral("hardcoded-credential"), Severity::Error,
                             QStringLiteral("a site id or API key is written into the source code")};
  return info;
}

// Documentation placeholders ("YOUR_SITE_ID", "<app key>", "xxxx", "changeme") and
// empty strings are not credentials.
static bool isPlaceholder(const QString &value) {
  static const QRegularExpression re(
      QStringLiteral("^\\s*$|your|<|>|\\{|\\.\\.\\.|^x+$|xxxx|placeholder|change_?me|replace|example|dummy|fake|"
                     "sample|^test|^fixme|^todo|^(site|site_?id|api_?key|app_?key|track_?key|secret|key|token|password)$"),
      QRegularExpression::CaseInsensitiveOption);
  return re.match(value).hasMatch();
}

// Which credential a constructor argument is, by position (Client::credentialArgs).
static QString credentialName(Sdk sdk, std::size_t index) {
  if (sdk == Sdk::Track && index == 0) return QStringLiteral("site id");
  if (sdk == Sdk::Track && index == 1) return QStringLiteral("Track API key");
  if (sdk == Sdk::App && index == 0) return QStringLiteral("App API key");
  return QString();
}

void HardcodedCredentialRule::check(const FileModel &file, const FindingSink &sink) const {
  for (const Client &c : file.clients) {
    for (std::size_t i = 0; i < c.credentialArgs.size(); ++i) {
      const Expr &arg = c.credentialArgs[i];
      const QString what = credentialName(c.sdk, i);
      if (what.isEmpty() || arg.kind != ValueKind::StringLiteral || isPlaceholder(arg.stringValue)) continue;
      // The message never repeats the value: findings end up in CI logs and reports.
      sink.report(file.path, arg.range,
                  QStringLiteral("the %1 is written into the source: everyone who can read the code, its "
                                 "history or a build can use it; read it from the environment or a secret "
                                 "store, and rotate this one")
                      .arg(what));
    }
  }
}

}  // namespace cio
