#include "project/manifests.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

namespace cio {

namespace {

constexpr qint64 kMaxManifestBytes = 8 * 1024 * 1024;
constexpr int kMaxLevels = 8;

// Manifest file names per language, the most exact first (a lockfile states what is
// installed; package.json or pyproject.toml only a range).
QStringList manifestNames(LanguageId l) {
  if (isJavaScriptFamily(l))
    return {QStringLiteral("package-lock.json"), QStringLiteral("npm-shrinkwrap.json"), QStringLiteral("yarn.lock"),
            QStringLiteral("pnpm-lock.yaml"), QStringLiteral("package.json")};
  if (l == LanguageId::Python)
    return {QStringLiteral("poetry.lock"),
            QStringLiteral("Pipfile.lock"),
            QStringLiteral("requirements.txt"),
            QStringLiteral("requirements-prod.txt"),
            QStringLiteral("requirements/base.txt"),
            QStringLiteral("requirements/production.txt"),
            QStringLiteral("pyproject.toml"),
            QStringLiteral("Pipfile"),
            QStringLiteral("setup.cfg")};
  if (l == LanguageId::Ruby) return {QStringLiteral("Gemfile.lock")};
  if (l == LanguageId::Go) return {QStringLiteral("go.mod")};
  return {};
}

QString firstCapture(const QRegularExpression &re, const QString &text, int group = 1) {
  const QRegularExpressionMatch m = re.match(text);
  return m.hasMatch() ? m.captured(group) : QString();
}

QString jsVersion(const QString &name, const QString &t) {
  if (name == QLatin1String("package-lock.json") || name == QLatin1String("npm-shrinkwrap.json")) {
    // lockfileVersion 2/3: "node_modules/customerio-node": { "version": "x" }; 1: "customerio-node": { "version": "x" }
    static const QRegularExpression v2(
        QStringLiteral(R"re("node_modules/customerio-node"\s*:\s*\{[^{}]*?"version"\s*:\s*"([^"]+)")re"));
    static const QRegularExpression v1(
        QStringLiteral(R"re("customerio-node"\s*:\s*\{[^{}]*?"version"\s*:\s*"([^"]+)")re"));
    const QString v = firstCapture(v2, t);
    return v.isEmpty() ? firstCapture(v1, t) : v;
  }
  if (name == QLatin1String("yarn.lock")) {
    // classic: customerio-node@^2.1.0:\n  version "2.1.0"; berry: "customerio-node@npm:^2.1.0":\n  version: 2.1.0
    static const QRegularExpression re(QStringLiteral(
        R"re((?:^|\n)"?customerio-node@[^\n]*:[ \t]*\r?\n(?:[ \t]+[^\n]*\r?\n){0,3}?[ \t]+version:?[ \t]+"?([0-9][^"\s]*))re"));
    return firstCapture(re, t);
  }
  if (name == QLatin1String("pnpm-lock.yaml")) {
    static const QRegularExpression re(QStringLiteral(R"re((?:^|[\s/'"])customerio-node@([0-9][^\s:('"]*))re"));
    return firstCapture(re, t);
  }
  if (name == QLatin1String("package.json")) {
    static const QRegularExpression re(QStringLiteral(R"re("customerio-node"\s*:\s*"([^"]*)")re"));
    return firstCapture(re, t);
  }
  return QString();
}

QString pythonVersion(const QString &name, const QString &t) {
  if (name == QLatin1String("poetry.lock")) {
    static const QRegularExpression re(QStringLiteral(R"re(name\s*=\s*"customerio"\s*\r?\nversion\s*=\s*"([^"]+)")re"));
    return firstCapture(re, t);
  }
  if (name == QLatin1String("Pipfile.lock")) {
    static const QRegularExpression re(
        QStringLiteral(R"re("customerio"\s*:\s*\{[^{}]*?"version"\s*:\s*"=*([^"]+)")re"));
    return firstCapture(re, t);
  }
  if (name == QLatin1String("pyproject.toml") || name == QLatin1String("Pipfile")) {
    // poetry / Pipfile: customerio = "^2.4" ; PEP 621: "customerio>=3.0"
    static const QRegularExpression table(
        QStringLiteral(R"re((?:^|\n)\s*customerio\s*=\s*(?:\{[^}\n]*version\s*=\s*)?"([^"]*)")re"));
    static const QRegularExpression pep(QStringLiteral(R"re(["']customerio(?:\[[^\]]*\])?\s*([<>=~!]=?[^"',;]*))re"));
    const QString v = firstCapture(table, t);
    return v.isEmpty() ? firstCapture(pep, t).trimmed() : v;
  }
  // requirements files, setup.cfg install_requires: one requirement per line.
  static const QRegularExpression line(
      QStringLiteral(
          R"re(^\s*customerio(?:\[[^\]]*\])?\s*((?:===|==|~=|>=|<=|!=|<|>)\s*[0-9][0-9A-Za-z.*]*(?:\s*,\s*(?:===|==|~=|>=|<=|!=|<|>)\s*[0-9][0-9A-Za-z.*]*)*)?\s*(?:[;#].*)?$)re"),
      QRegularExpression::CaseInsensitiveOption);
  for (const QString &l : t.split(QLatin1Char('\n'))) {
    const QRegularExpressionMatch m = line.match(l.trimmed().isEmpty() ? QString() : l.trimmed());
    if (!m.hasMatch()) continue;
    const QString spec = m.captured(1).remove(QLatin1Char(' '));
    return spec.isEmpty() ? QStringLiteral("latest") : spec;
  }
  return QString();
}

}  // namespace

QString sdkVersionInManifest(const QString &fileName, const QByteArray &content, LanguageId language) {
  const QString name = QFileInfo(fileName).fileName();
  const QString t = QString::fromUtf8(content);
  if (isJavaScriptFamily(language)) return jsVersion(name, t);
  if (language == LanguageId::Python) return pythonVersion(name, t);
  if (language == LanguageId::Ruby && name == QLatin1String("Gemfile.lock")) {
    // The specs section lists each installed gem at four spaces: "    customerio (5.0.0)".
    static const QRegularExpression re(QStringLiteral(R"re((?:^|\n) {4}customerio \(([^)\s]+)\))re"));
    return firstCapture(re, t);
  }
  if (language == LanguageId::Go && name == QLatin1String("go.mod")) {
    static const QRegularExpression re(
        QStringLiteral(R"re(github\.com/customerio/go-customerio(?:/v[0-9]+)?\s+(v[0-9][^\s/]*))re"));
    return firstCapture(re, t);
  }
  return QString();
}

int sdkMajorVersion(const QString &version) {
  QString v = version.trimmed();
  // A list of constraints ("<4,>=3"): the lower bound decides.
  const QStringList parts = v.split(QLatin1Char(','), Qt::SkipEmptyParts);
  for (const QString &p : parts)
    if (p.trimmed().startsWith(QLatin1Char('>')) || p.trimmed().startsWith(QLatin1Char('='))) v = p.trimmed();
  static const QRegularExpression re(QStringLiteral(R"(^\s*(<=?|>=?|~=|\^|~|===?|!=)?\s*v?([0-9]+)(?:\.([0-9]+))?)"));
  const QRegularExpressionMatch m = re.match(v);
  if (!m.hasMatch()) return -1;
  const QString op = m.captured(1);
  const int major = m.captured(2).toInt();
  if (op == QLatin1String("<")) {
    // "<3" / "<3.0": something below 3; "<3.1" may still be 3.0.
    const bool minorZero = m.captured(3).isEmpty() || m.captured(3).toInt() == 0;
    return minorZero ? major - 1 : major;
  }
  if (op == QLatin1String("!=")) return -1;
  return major;
}

SdkVersion findSdkVersion(const QString &dir, LanguageId language, QHash<QString, SdkVersion> *cache) {
  const QStringList names = manifestNames(language);
  if (names.isEmpty() || dir.isEmpty()) return {};
  QString current = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
  QStringList visited;
  SdkVersion found;
  for (int level = 0; level < kMaxLevels && !current.isEmpty(); ++level) {
    const QString key =
        current + QLatin1Char('\n') +
        QString::number(static_cast<int>(isJavaScriptFamily(language) ? LanguageId::JavaScript : language));
    if (cache && cache->contains(key)) {
      found = cache->value(key);
      break;
    }
    visited << key;
    for (const QString &n : names) {
      QFile f(current + QLatin1Char('/') + n);
      const QFileInfo info(f.fileName());
      if (!info.isFile() || info.size() > kMaxManifestBytes || !f.open(QIODevice::ReadOnly)) continue;
      const QString v = sdkVersionInManifest(n, f.read(kMaxManifestBytes), language);
      if (!v.isEmpty()) {
        found = {v, n};
        break;
      }
    }
    if (found.isValid()) break;
    // A repository root is as far as a project's manifests go.
    if (QFileInfo::exists(current + QStringLiteral("/.git"))) break;
    const QString parent = QFileInfo(current).path();
    if (parent == current) break;
    current = parent;
  }
  if (cache)
    for (const QString &k : visited) cache->insert(k, found);
  return found;
}

}  // namespace cio
