#pragma once

// A reviewer's decisions about findings ("accepted, because ..."), kept beside the code in
// <root>/.cio-review.json. A decision is keyed by file, rule and a hash of the finding's
// trimmed source line, not by line number: it survives edits that move the line, and
// lapses when the line itself changes.

#include "findings/finding.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace cio {

class ReviewDecisions {
 public:
  static constexpr const char *fileName = ".cio-review.json";

  // Hex SHA-1 (16 chars) of the line with surrounding white space removed.
  static QString lineHash(const QByteArray &lineText);
  // The hash of the line a finding starts on in `source` (its file's bytes).
  static QString lineHashFor(const QByteArray &source, int line);

  // Reads <root>/.cio-review.json. A missing file is an empty set of decisions. A file
  // that cannot be read as decisions is renamed to ".cio-review.json.corrupt" (never
  // overwritten by the next save) and `warning` says so; the decisions start empty.
  void load(const QString &root, QString *warning = nullptr);
  bool save(QString *error = nullptr) const;

  bool isAccepted(const QString &file, const QString &rule, const QString &hash) const;
  QString reason(const QString &file, const QString &rule, const QString &hash) const;
  void accept(const QString &file, const QString &rule, const QString &hash, const QString &reason);
  void revoke(const QString &file, const QString &rule, const QString &hash);
  int size() const { return static_cast<int>(m_reasons.size()); }
  QString path() const;

 private:
  struct Decision {
    QString file, rule, hash, reason;
  };
  // Length-prefixed: no file name or rule id, whatever it holds, can run into the next.
  static QString key(const QString &file, const QString &rule, const QString &hash);
  QString m_root;
  QHash<QString, Decision> m_reasons;  // key -> decision
};

}  // namespace cio
