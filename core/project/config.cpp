#include "project/config.h"

#include "rules/rule.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace cio {

static bool parseRuleValue(const QJsonValue &v, Config::RuleSetting *out, QString *why) {
  if (v.isBool()) {
    out->enabled = v.toBool();
    return true;
  }
  if (v.isString()) {
    const QString s = v.toString().toLower();
    if (s == QLatin1String("off")) out->enabled = false;
    else if (s == QLatin1String("on")) out->enabled = true;
    else {
      Severity sev;
      if (!parseSeverity(s, &sev)) {
        *why = QStringLiteral("expected \"off\", \"on\", \"info\", \"warning\" or \"error\", got \"%1\"").arg(s);
        return false;
      }
      out->severity = sev;
    }
    return true;
  }
  if (v.isObject()) {
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
      if (it.key() == QLatin1String("enabled")) {
        if (!it.value().isBool()) {
          *why = QStringLiteral("\"enabled\" must be true or false");
          return false;
        }
        out->enabled = it.value().toBool();
      } else if (it.key() == QLatin1String("severity")) {
        Severity sev;
        if (!parseSeverity(it.value().toString(), &sev)) {
          *why = QStringLiteral("\"severity\" must be \"info\", \"warning\" or \"error\"");
          return false;
        }
        out->severity = sev;
      } else {
        *why = QStringLiteral("unknown key \"%1\"").arg(it.key());
        return false;
      }
    }
    return true;
  }
  *why = QStringLiteral("expected a string, a boolean or an object");
  return false;
}

std::optional<Config> Config::parse(const QByteArray &json, QString *error) {
  QJsonParseError pe;
  const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
  if (pe.error != QJsonParseError::NoError) {
    *error = QStringLiteral("invalid JSON at offset %1: %2").arg(pe.offset).arg(pe.errorString());
    return std::nullopt;
  }
  if (!doc.isObject()) {
    *error = QStringLiteral("the top level must be a JSON object");
    return std::nullopt;
  }
  Config c;
  const QJsonObject root = doc.object();
  for (auto it = root.begin(); it != root.end(); ++it) {
    const QString key = it.key();
    const QJsonValue v = it.value();
    if (key == QLatin1String("rules")) {
      if (!v.isObject()) {
        *error = QStringLiteral("\"rules\" must be an object");
        return std::nullopt;
      }
      const QJsonObject rules = v.toObject();
      for (auto r = rules.begin(); r != rules.end(); ++r) {
        const Rule *rule = findRule(r.key());
        if (!rule) {
          *error = QStringLiteral("rules.%1: unknown rule (see cio-lint --list-rules)").arg(r.key());
          return std::nullopt;
        }
        RuleSetting s;
        QString why;
        if (!parseRuleValue(r.value(), &s, &why)) {
          *error = QStringLiteral("rules.%1: %2").arg(r.key(), why);
          return std::nullopt;
        }
        c.rules.insert(rule->info().id, s);
      }
    } else if (key == QLatin1String("ignore")) {
      if (!v.isArray()) {
        *error = QStringLiteral("\"ignore\" must be an array of glob strings");
        return std::nullopt;
      }
      for (const QJsonValue &g : v.toArray()) {
        if (!g.isString() || g.toString().isEmpty()) {
          *error = QStringLiteral("\"ignore\" must contain only non-empty strings");
          return std::nullopt;
        }
        c.ignoreGlobs << g.toString();
      }
    } else if (key == QLatin1String("maxFileBytes")) {
      // Capped where tree-sitter's 32-bit offsets and QByteArray stay safe (and a huge
      // double never reaches an undefined float-to-integer conversion).
      if (!v.isDouble() || !(v.toDouble() >= 1 && v.toDouble() <= 2147483647.0)) {
        *error = QStringLiteral("\"maxFileBytes\" must be a number from 1 to 2147483647");
        return std::nullopt;
      }
      c.limits.maxFileBytes = static_cast<qint64>(v.toDouble());
    } else if (key == QLatin1String("parseTimeoutMs")) {
      if (!v.isDouble() || !(v.toDouble() >= 1 && v.toDouble() <= 86400000.0)) {
        *error = QStringLiteral("\"parseTimeoutMs\" must be a number from 1 to 86400000 (one day)");
        return std::nullopt;
      }
      c.limits.parseTimeoutMicros = static_cast<quint64>(v.toDouble() * 1000);
    } else if (key == QLatin1String("maxNestingDepth")) {
      // The adapters recurse on nested expressions: past a few thousand levels a worker
      // thread's stack would overflow (a 40,000-term concatenation did, at 100000).
      if (!v.isDouble() || !(v.toDouble() >= 1 && v.toDouble() <= 5000.0)) {
        *error = QStringLiteral("\"maxNestingDepth\" must be a number from 1 to 5000");
        return std::nullopt;
      }
      c.limits.maxNestingDepth = static_cast<int>(v.toDouble());
    } else if (key == QLatin1String("$schema") || key == QLatin1String("comment")) {
      // documentation keys, allowed
    } else {
      *error = QStringLiteral("unknown key \"%1\" (expected rules, ignore, maxFileBytes, parseTimeoutMs, maxNestingDepth)").arg(key);
      return std::nullopt;
    }
  }
  return c;
}

std::optional<Config> Config::loadFromDirectory(const QString &dir, QString *error) {
  const QString path = QDir(dir).filePath(QString::fromLatin1(fileName));
  if (!QFileInfo::exists(path)) return Config{};
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    *error = QStringLiteral("%1: cannot read: %2").arg(path, f.errorString());
    return std::nullopt;
  }
  QString why;
  auto c = parse(f.read(1024 * 1024), &why);
  if (!c) {
    *error = QStringLiteral("%1: %2").arg(path, why);
    return std::nullopt;
  }
  c->sourcePath = path;
  return c;
}

bool Config::isEnabled(const QString &ruleId) const {
  auto it = rules.find(ruleId);
  return it == rules.end() || it->enabled;
}

Severity Config::severityFor(const QString &ruleId, Severity defaultSeverity) const {
  auto it = rules.find(ruleId);
  return it != rules.end() && it->severity ? *it->severity : defaultSeverity;
}

bool Config::isIgnored(const QString &relativePath) const {
  for (const QString &g : ignoreGlobs) {
    // "**/" may match nothing; a pattern without "/" matches the file name anywhere.
    QString pattern = g;
    if (!pattern.contains(QLatin1Char('/'))) pattern.prepend(QLatin1String("**/"));
    if (pattern.endsWith(QLatin1Char('/'))) pattern.append(QLatin1String("**"));
    QString re;
    for (int i = 0; i < pattern.size(); ++i) {
      const QChar ch = pattern.at(i);
      if (pattern.mid(i, 3) == QLatin1String("**/")) {
        re += QLatin1String("(?:.*/)?");
        i += 2;
      } else if (pattern.mid(i, 2) == QLatin1String("**")) {
        re += QLatin1String(".*");
        ++i;
      } else if (ch == QLatin1Char('*')) {
        re += QLatin1String("[^/]*");
      } else if (ch == QLatin1Char('?')) {
        re += QLatin1String("[^/]");
      } else {
        re += QRegularExpression::escape(QString(ch));
      }
    }
    const QRegularExpression rx(QLatin1Char('^') + re + QLatin1String("(?:/.*)?$"));
    if (rx.match(relativePath).hasMatch()) return true;
  }
  return false;
}

}  // namespace cio
