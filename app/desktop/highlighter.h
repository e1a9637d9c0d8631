#pragma once

#include "language/language.h"
#include "theme.h"

#include <QByteArray>

#include <memory>
#include <vector>

struct TSTree;

namespace cio::desktop {

// A grammar's highlights.scm query(ies), compiled once per language. Runs over a tree
// and gives every byte of the source a HighlightStyle. Keeps tree_sitter/api.h out of
// the header because it is only an implementation detail.
class HighlightQuery {
 public:
  ~HighlightQuery();
  HighlightQuery(const HighlightQuery &) = delete;
  HighlightQuery &operator=(const HighlightQuery &) = delete;

  // The query for a language (cached), or nullptr when none is embedded or it did not
  // compile against the grammar (a message goes to the log).
  static const HighlightQuery *forLanguage(const cio::Language &language);

  // One style per byte of `source`; the innermost capture wins, and for captures of the
  // same node the later pattern wins (plain `@variable` never overrides a real colour).
  std::vector<unsigned char> styles(const TSTree *tree, const QByteArray &source) const;

  // The style a capture name maps to: "function.method" -> StyleFunction.
  static HighlightStyle styleForCapture(const QString &captureName);

 private:
  struct Private;
  explicit HighlightQuery(std::unique_ptr<Private> d);
  std::unique_ptr<Private> d;
};

}  // namespace cio::desktop
