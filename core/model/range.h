#pragma once

#include <QtGlobal>

namespace cio {

// A span of source: UTF-8 byte offsets into the document plus 0-based rows and byte
// columns as tree-sitter reports them. Findings convert to 1-based code-point columns.
struct Range {
  quint32 startByte = 0;
  quint32 endByte = 0;
  quint32 startRow = 0;
  quint32 startColumn = 0;  // bytes from the start of the row
  quint32 endRow = 0;
  quint32 endColumn = 0;

  bool isEmpty() const { return endByte <= startByte; }
  bool contains(const Range &o) const { return startByte <= o.startByte && o.endByte <= endByte; }
  bool operator==(const Range &) const = default;
};

}  // namespace cio
