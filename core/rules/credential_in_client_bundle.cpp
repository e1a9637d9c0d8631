#include "rules/credential_in_client_bundle.h"

#include "rules/facts.h"

namespace cio {

const RuleInfo &CredentialInClientBundleRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO016"), QStringLiteral("credential-in-client-bundle"), Severity::Error,
                             QStringLiteral("a Track or App API key is read where the browser bundle gets it")};
  return info;
}

// Environment variables that bundlers inline into client code: the prefix and the
// tool that does it, or empty for a server-only name.
struct PublicPrefix {
  QString prefix, tool;
};
static PublicPrefix publicPrefix(const QString &name) {
  static const std::pair<const char *, const char *> prefixes[] = {
      {"NEXT_PUBLIC_", "Next.js"}, {"VITE_", "Vite"},     {"REACT_APP_", "Create React App"},
      {"EXPO_PUBLIC_", "Expo"},    {"GATSBY_", "Gatsby"}, {"NUXT_PUBLIC_", "Nuxt"},
      {"VUE_APP_", "Vue CLI"}};
  for (const auto &[prefix, tool] : prefixes)
    if (name.startsWith(QLatin1String(prefix)) && name.size() > static_cast<qsizetype>(qstrlen(prefix)))
      return {QLatin1String(prefix), QLatin1String(tool)};
  return {};
}

// The public variable an expression reads (written, or assigned one step back).
static QString publicVariable(const Expr &e) {
  for (const QStringList *names : {&e.names, &e.assignedNames})
    for (const QString &n : *names)
      if (!publicPrefix(n).prefix.isEmpty()) return n;
  return QString();
}

// The API keys among a client's credentials: a site id is no secret (the browser
// snippet is built on it), a Track API key and an App API key are.
static std::vector<std::pair<const Expr *, QString>> apiKeys(const Client &c) {
  std::vector<std::pair<const Expr *, QString>> out;
  if (c.sdk == Sdk::Track && c.credentialArgs.size() >= 2)
    out.emplace_back(&c.credentialArgs[1], QStringLiteral("Track API key"));
  if (c.sdk == Sdk::App && !c.credentialArgs.empty())
    out.emplace_back(&c.credentialArgs[0], QStringLiteral("App API key"));
  return out;
}

static std::vector<Fix> serverOnlyFix(const Expr &key, const QString &variable) {
  const qsizetype at = key.text.indexOf(variable);
  if (at < 0) return {};
  const QString serverName = variable.mid(publicPrefix(variable).prefix.size());
  const quint32 start = key.range.startByte + static_cast<quint32>(key.text.left(at).toUtf8().size());
  Range r = key.range;
  r.startByte = start;
  r.endByte = start + static_cast<quint32>(variable.toUtf8().size());
  Fix fix;
  fix.title = QStringLiteral("read the key from %1, a server-only variable (rename it in your environment too)")
                  .arg(serverName);
  fix.edits.push_back(TextEdit{r, serverName});
  return {fix};
}

void CredentialInClientBundleRule::check(const FileModel &file, const FindingSink &sink) const {
  // Bundlers inline environment variables into JavaScript only: a Python, Ruby or Go
  // server reading a NEXT_PUBLIC_ name is odd, but its value reaches no browser.
  if (!isJavaScriptFamily(file.language)) return;
  if (facts::isTestFile(file.path)) return;  // tests are never bundled
  for (const Client &c : file.clients) {
    bool reported = false;
    for (const auto &[key, what] : apiKeys(c)) {
      const QString variable = publicVariable(*key);
      if (variable.isEmpty()) continue;
      reported = true;
      sink.report(file.path, key->range,
                  QStringLiteral("the %1 is read from %2: %3 copies %4 variables into the code it sends to "
                                 "browsers, so every visitor can read the key; use a server-only variable and "
                                 "call Customer.io from your server")
                      .arg(what, variable, publicPrefix(variable).tool, publicPrefix(variable).prefix),
                  file.browserCode.isEmpty() ? serverOnlyFix(*key, variable) : std::vector<Fix>{});
    }
    if (reported || file.browserCode.isEmpty() || (c.sdk != Sdk::Track && c.sdk != Sdk::App)) continue;
    // getServerSideProps and server actions run on the server, whatever else the file renders.
    if (c.serverOnly) continue;
    // A server-only variable is not inlined: in the browser the client has no key, and
    // the usual "fix" (a public name) publishes it.
    sink.report(file.path, c.range,
                QStringLiteral("%1 %2 client in browser code (the file %3): a browser bundle gets either no key "
                               "or a published one; call Customer.io from your server, or use the JavaScript "
                               "snippet, which needs only the site id")
                    .arg(c.sdk == Sdk::App ? QStringLiteral("an") : QStringLiteral("a"), facts::sdkName(c.sdk),
                         file.browserCode));
  }
  if (file.browserCode.isEmpty()) return;
  for (const HttpRequest &r : file.httpRequests) {
    const bool secretApi = r.host.startsWith(QLatin1String("track")) || r.host.startsWith(QLatin1String("api"));
    if (!secretApi) continue;
    sink.report(file.path, r.range,
                QStringLiteral("a request to %1 from browser code (the file %2): it needs an API key, which "
                               "then ships to every visitor; send it from your server")
                    .arg(r.host, file.browserCode));
  }
}

}  // namespace cio
