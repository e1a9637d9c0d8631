#pragma once

#include "adapters/adapter.h"

namespace cio {

class JavaScriptAdapter : public LanguageAdapter {
 public:
  FileModel extract(const Document &doc, const QString &path) const override;
};

}  // namespace cio
