#include "adapters/python.h"

namespace cio {

FileModel PythonAdapter::extract(const Document &doc, const QString &path) const {
  FileModel model;
  model.path = path;
  model.language = doc.language().id;
  model.hasSyntaxErrors = doc.hasSyntaxErrors();
  return model;
}

}  // namespace cio
