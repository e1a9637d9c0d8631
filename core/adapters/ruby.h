#pragma once

#include "adapters/adapter.h"

namespace cio {

class RubyAdapter : public LanguageAdapter {
 public:
  FileModel extract(const Document &doc, const QString &path) const override;
  bool mayMentionCustomerIo(const QByteArray &source) const override;
};

}  // namespace cio
