#pragma once

#include "model/model.h"
#include "syntax/document.h"

#include <optional>

namespace cio {

// A language is one adapter: syntax tree -> Customer.io model. Everything that knows a
// language's syntax and its SDK's call shapes lives in its adapter.
class LanguageAdapter {
 public:
  virtual ~LanguageAdapter() = default;
  // Builds the model of one parsed document. `path` is reported in the model.
  virtual FileModel extract(const Document &doc, const QString &path) const = 0;
  // extract() behind the nesting-depth guard (ParseLimits::maxNestingDepth): nothing when
  // the tree is deeper than `maxDepth`, and the caller skips the file. The default walks
  // the tree once to measure it (syntaxTreeDepth); an adapter that walks the whole tree
  // anyway measures it in that walk.
  virtual std::optional<FileModel> extractWithin(const Document &doc, const QString &path, int maxDepth) const;
  // extractWithin() for a file analysed on its own (no project around it: the
  // playground, lessons, quizzes): an adapter may skip the top-level statements that
  // cannot change its findings (syntax/statements.h), and measures the depth of the
  // others only. The default extracts the whole file.
  virtual std::optional<FileModel> extractAlone(const Document &doc, const QString &path, int maxDepth) const {
    return extractWithin(doc, path, maxDepth);
  }
  // Cheap text test: could this file touch Customer.io at all (directly, not through a
  // local module)? Files for which it is false skip parsing in folder scans.
  virtual bool mayMentionCustomerIo(const QByteArray &source) const;
};

// True when `haystack` contains any of the `count` NUL-terminated `needles` (the cheap
// text tests above).
bool containsAny(const QByteArray &haystack, const char *const *needles, size_t count);

// The adapter for a language; nullptr for LanguageId::Unknown.
const LanguageAdapter *adapterFor(LanguageId id);

}  // namespace cio
