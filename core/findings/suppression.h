#pragma once

#include "findings/finding.h"
#include "model/model.h"

#include <QSet>
#include <QStringList>
#include <QString>

#include <vector>

namespace cio {

// Suppression comments, parsed from a file's comments:
//   cio-lint-disable-next-line [ID ...]   the next line
//   cio-lint-disable-line [ID ...]        this line
//   cio-lint-disable-file [ID ...]        the whole file
// Without ids they silence every rule. Ids may be rule ids (CIO002) or names, separated
// by spaces or commas; anything after " -- " is a reason and ignored. A word that is
// neither (a typo: CIO0021, timestamp) silences nothing: it is kept in `unknown`, so that
// a mistyped id never turns into "every rule".
struct Suppression {
  enum class Scope { NextLine, Line, File };
  Scope scope = Scope::NextLine;
  int line = 0;        // 1-based line the suppression applies to (File: 0)
  QSet<QString> rules; // upper-case ids or lower-case names
  QStringList unknown; // words in the id list that are no rule id or name
  bool everyRule() const { return rules.isEmpty() && unknown.isEmpty(); }
};

// Parses one comment's text (with its comment markers). Empty when it is no suppression.
std::vector<Suppression> parseSuppressions(const QString &commentText, int commentLine);

class SuppressionSet {
 public:
  SuppressionSet() = default;
  explicit SuppressionSet(const std::vector<Comment> &comments);
  bool suppresses(const Finding &f) const;
  const std::vector<Suppression> &all() const { return m_items; }

 private:
  std::vector<Suppression> m_items;
};

}  // namespace cio
