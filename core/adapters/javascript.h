#pragma once

#include "adapters/adapter.h"

namespace cio {

class JavaScriptAdapter : public LanguageAdapter {
 public:
  FileModel extract(const Document &doc, const QString &path) const override;
  // The extractor's tree index measures the depth in its one walk of the tree.
  std::optional<FileModel> extractWithin(const Document &doc, const QString &path, int maxDepth) const override;
  // Skips the statements not connected to Customer.io, a webhook or browser code.
  std::optional<FileModel> extractAlone(const Document &doc, const QString &path, int maxDepth) const override;
};

}  // namespace cio
