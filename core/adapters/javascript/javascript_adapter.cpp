#include "adapters/javascript.h"

#include "adapters/javascript/extractor.h"

namespace cio {

FileModel JavaScriptAdapter::extract(const Document &doc, const QString &path) const {
  if (!doc.tree()) {
    FileModel model;
    model.path = path;
    model.language = doc.language().id;
    return model;
  }
  return js::Extractor(doc, path).run();
}

}  // namespace cio
