#pragma once

// Small helpers over the tree-sitter C API for adapters. Internal to core: keeps
// tree_sitter/api.h out of public headers.

#include "model/range.h"

#include <tree_sitter/api.h>

#include <QByteArray>
#include <QString>

#include <cstring>
#include <string_view>
#include <vector>

namespace cio::ts {

inline std::string_view type(TSNode n) { return ts_node_is_null(n) ? std::string_view() : ts_node_type(n); }
inline bool is(TSNode n, std::string_view t) { return type(n) == t; }

inline QByteArray bytes(TSNode n, const QByteArray &src) {
  if (ts_node_is_null(n)) return QByteArray();
  const quint32 s = ts_node_start_byte(n), e = ts_node_end_byte(n);
  return src.mid(s, e - s);
}
inline QString text(TSNode n, const QByteArray &src) { return QString::fromUtf8(bytes(n, src)); }

inline Range range(TSNode n) {
  const TSPoint s = ts_node_start_point(n), e = ts_node_end_point(n);
  return Range{ts_node_start_byte(n), ts_node_end_byte(n), s.row, s.column, e.row, e.column};
}

inline TSNode field(TSNode n, const char *name) {
  if (ts_node_is_null(n)) return n;  // the C API crashes on null nodes
  return ts_node_child_by_field_name(n, name, static_cast<uint32_t>(std::strlen(name)));
}

inline std::vector<TSNode> namedChildren(TSNode n) {
  std::vector<TSNode> out;
  if (ts_node_is_null(n)) return out;
  const uint32_t c = ts_node_named_child_count(n);
  out.reserve(c);
  for (uint32_t i = 0; i < c; ++i) out.push_back(ts_node_named_child(n, i));
  return out;
}

inline std::vector<TSNode> children(TSNode n) {
  std::vector<TSNode> out;
  if (ts_node_is_null(n)) return out;
  const uint32_t c = ts_node_child_count(n);
  out.reserve(c);
  for (uint32_t i = 0; i < c; ++i) out.push_back(ts_node_child(n, i));
  return out;
}

// Pre-order walk of `root`'s subtree with a cursor (iterative: no recursion depth
// limit on hostile input). `visit` returns false to skip a node's children.
template <typename Visit>
void walk(TSNode root, Visit &&visit) {
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  bool descend = true;
  for (;;) {
    if (descend) {
      const TSNode node = ts_tree_cursor_current_node(&cursor);
      if (visit(node) && ts_tree_cursor_goto_first_child(&cursor)) continue;
    }
    if (ts_tree_cursor_goto_next_sibling(&cursor)) {
      descend = true;
      continue;
    }
    // climb until a sibling exists or we are back at the root
    bool moved = false;
    while (ts_tree_cursor_goto_parent(&cursor)) {
      if (ts_node_eq(ts_tree_cursor_current_node(&cursor), root)) break;
      if (ts_tree_cursor_goto_next_sibling(&cursor)) {
        moved = true;
        break;
      }
    }
    if (!moved) break;
    descend = true;
  }
  ts_tree_cursor_delete(&cursor);
}

// Nearest ancestor (excluding n) for which pred is true; null node if none.
template <typename Pred>
TSNode ancestor(TSNode n, Pred &&pred) {
  for (TSNode p = ts_node_parent(n); !ts_node_is_null(p); p = ts_node_parent(p))
    if (pred(p)) return p;
  return TSNode{};
}

}  // namespace cio::ts
