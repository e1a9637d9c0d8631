#include "adapters/adapter.h"

#include "adapters/go.h"
#include "adapters/javascript.h"
#include "adapters/python.h"
#include "adapters/ruby.h"

namespace cio {

bool LanguageAdapter::mayMentionCustomerIo(const QByteArray &source) const {
  return source.contains("customerio") || source.contains("customer.io") || source.contains("Customerio") ||
         source.contains("_cio") || source.contains("cioanalytics");
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
