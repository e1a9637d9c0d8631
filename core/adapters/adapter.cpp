#include "adapters/adapter.h"

#include "adapters/go.h"
#include "adapters/javascript.h"
#include "adapters/python.h"
#include "adapters/ruby.h"

#include <cstring>
#include <iterator>
#include <string.h>

namespace cio {

bool LanguageAdapter::mayMentionCustomerIo(const QByteArray &source) const {
  // SDK package and class names, hosts, the snippet's globals, and what a reporting
  // webhook handler reads or checks even when it never names Customer.io (CIO008 and
  // CIO017 need to see it).
  static const char *const needles[] = {
      "customerio",    "customer.io",   "Customerio",    "CustomerIO",    "_cio",         "cioanalytics",
      "bounced",       "spammed",       "delivered",     "unsubscribed",  "delivery_id",  "cio-signature",
      "CIO-Signature", "Cio-Signature", "CIO-SIGNATURE", "CIO_SIGNATURE", "cio_signature"};
  return containsAny(source, needles, std::size(needles));
}

std::optional<FileModel> LanguageAdapter::extractWithin(const Document &doc, const QString &path, int maxDepth) const {
  if (syntaxTreeDepth(doc.tree(), maxDepth) > maxDepth) return std::nullopt;
  return extract(doc, path);
}

bool containsAny(const QByteArray &haystack, const char *const *needles, size_t count) {
  // glibc's memmem: several times faster than QByteArray::contains on short needles, and
  // every file of a scan is searched this way before anything is parsed.
  for (size_t i = 0; i < count; ++i)
    if (::memmem(haystack.constData(), static_cast<size_t>(haystack.size()), needles[i], std::strlen(needles[i])))
      return true;
  return false;
}

const LanguageAdapter *adapterFor(LanguageId id) {
  static const JavaScriptAdapter javascript;
  static const PythonAdapter python;
  static const RubyAdapter ruby;
  static const GoAdapter go;
  switch (id) {
    case LanguageId::JavaScript:
    case LanguageId::TypeScript:
    case LanguageId::Tsx: return &javascript;
    case LanguageId::Python: return &python;
    case LanguageId::Ruby: return &ruby;
    case LanguageId::Go: return &go;
    case LanguageId::Unknown: break;
  }
  return nullptr;
}

}  // namespace cio
