#pragma once

#include "model/model.h"
#include "syntax/document.h"

namespace cio {

// A language is one adapter: syntax tree -> Customer.io model. Everything that knows a
// language's syntax and its SDK's call shapes lives in its adapter.
class LanguageAdapter {
 public:
  virtual ~LanguageAdapter() = default;
  // Builds the model of one parsed document. `path` is reported in the model.
  virtual FileModel extract(const Document &doc, const QString &path) const = 0;
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
