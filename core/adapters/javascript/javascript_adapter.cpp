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

std::optional<FileModel> JavaScriptAdapter::extractWithin(const Document &doc, const QString &path,
                                                          int maxDepth) const {
  if (!doc.tree()) return extract(doc, path);
  ts::TreeIndex index(ts_tree_root_node(doc.tree()), maxDepth);
  if (index.tooDeep()) return std::nullopt;
  return js::Extractor(doc, path, std::move(index)).run();
}

}  // namespace cio
