#include "findings/decisions.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <tuple>

namespace cio {

QString ReviewDecisions::lineHash(const QByteArray &lineText) {
  return QString::fromLatin1(QCryptographicHash::hash(lineText.trimmed(), QCryptographicHash::Sha1).toHex().left(16));
}

QString ReviewDecisions::lineHashFor(const QByteArray &source, int line) {
  if (line <= 0) return lineHash({});
  qsizetype start = 0;
  for (int n = 1; n < line; ++n) {
    start = source.indexOf('\n', start);
    if (start < 0) return lineHash({});
    ++start;
  }
  qsizetype end = source.indexOf('\n', start);
  if (end < 0) end = source.size();
  return lineHash(source.mid(start, end - start));
}

QString ReviewDecisions::key(const QString &file, const QString &rule, const QString &hash) {
  return QString::number(file.size()) + QLatin1Char(':') + file + QString::number(rule.size()) + QLatin1Char(':') + rule +
         hash;
}

QString ReviewDecisions::path() const { return QDir(m_root).filePath(QString::fromLatin1(fileName)); }

void ReviewDecisions::load(const QString &root, QString *warning) {
  m_root = root;
  m_reasons.clear();
  QFile in(path());
  if (!in.exists()) return;
  QString why;
  if (in.open(QIODevice::ReadOnly)) {
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(in.read(8 * 1024 * 1024), &err);
    in.close();
    if (err.error != QJsonParseError::NoError) why = err.errorString();
    else if (!doc.isObject() || !doc.object().value(QStringLiteral("accepted")).isArray()) why = QStringLiteral("no \"accepted\" list");
    else {
      for (const QJsonValue &v : doc.object().value(QStringLiteral("accepted")).toArray()) {
        const QJsonObject o = v.toObject();
        const QString file = o.value(QStringLiteral("file")).toString(), rule = o.value(QStringLiteral("rule")).toString(),
                      hash = o.value(QStringLiteral("line_hash")).toString();
        if (file.isEmpty() || rule.isEmpty() || hash.isEmpty()) {
          why = QStringLiteral("an entry lacks file, rule or line_hash");
          m_reasons.clear();
          break;
        }
        m_reasons.insert(key(file, rule, hash), Decision{file, rule, hash, o.value(QStringLiteral("reason")).toString()});
      }
      if (why.isEmpty()) return;
    }
  } else {
    why = in.errorString();
  }
  // Keep the reviewer's file for them to repair; the next save starts a fresh one.
  const QString aside = path() + QStringLiteral(".corrupt");
  QFile::remove(aside);
  const bool moved = QFile::rename(path(), aside);
  if (warning)
    *warning = moved ? QStringLiteral("%1 could not be read (%2); kept as %3").arg(QString::fromLatin1(fileName), why, QDir(m_root).relativeFilePath(aside))
                     : QStringLiteral("%1 could not be read (%2)").arg(QString::fromLatin1(fileName), why);
}

bool ReviewDecisions::save(QString *error) const {
  QJsonArray list;
  // Sorted by file, rule and hash: a stable file that diffs well in version control.
  QList<Decision> sorted = m_reasons.values();
  std::sort(sorted.begin(), sorted.end(), [](const Decision &a, const Decision &b) {
    return std::tie(a.file, a.rule, a.hash) < std::tie(b.file, b.rule, b.hash);
  });
  for (const Decision &d : sorted)
    list.append(QJsonObject{{QStringLiteral("file"), d.file},
                            {QStringLiteral("rule"), d.rule},
                            {QStringLiteral("line_hash"), d.hash},
                            {QStringLiteral("reason"), d.reason}});
  QSaveFile out(path());
  const QByteArray bytes = QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("accepted"), list}}).toJson();
  if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit()) {
    if (error) *error = out.errorString();
    return false;
  }
  return true;
}

bool ReviewDecisions::isAccepted(const QString &file, const QString &rule, const QString &hash) const {
  return m_reasons.contains(key(file, rule, hash));
}

QString ReviewDecisions::reason(const QString &file, const QString &rule, const QString &hash) const {
  return m_reasons.value(key(file, rule, hash)).reason;
}

void ReviewDecisions::accept(const QString &file, const QString &rule, const QString &hash, const QString &reason) {
  m_reasons.insert(key(file, rule, hash), Decision{file, rule, hash, reason.trimmed()});
}

void ReviewDecisions::revoke(const QString &file, const QString &rule, const QString &hash) {
  m_reasons.remove(key(file, rule, hash));
}

}  // namespace cio
