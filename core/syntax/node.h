#pragma once

// Small helpers over the tree-sitter C API for adapters. Internal to core: keeps
// tree_sitter/api.h out of public headers.

#include "model/range.h"
#include "syntax/ts_flatten.h"

#include <tree_sitter/api.h>

#include <QByteArray>
#include <QString>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <memory>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace cio::ts {

inline std::string_view type(TSNode n) { return ts_node_is_null(n) ? std::string_view() : ts_node_type(n); }
// type(n) == t without measuring the type name first (adapters ask this of every node).
inline bool is(TSNode n, std::string_view t) {
  if (ts_node_is_null(n)) return t.empty();
  const char *name = ts_node_type(n);
  return std::strncmp(name, t.data(), t.size()) == 0 && name[t.size()] == '\0';
}

inline QByteArray bytes(TSNode n, const QByteArray &src) {
  if (ts_node_is_null(n)) return QByteArray();
  const quint32 s = ts_node_start_byte(n), e = ts_node_end_byte(n);
  return src.mid(s, e - s);
}
// Decoded straight from `src` (no intermediate QByteArray: adapters ask this of every name).
inline QString text(TSNode n, const QByteArray &src) {
  if (ts_node_is_null(n)) return QString();
  const quint32 s = ts_node_start_byte(n), e = ts_node_end_byte(n);
  if (s > static_cast<quint64>(src.size())) return QString();  // as QByteArray::mid: nothing past the end
  const qsizetype len = std::min<qsizetype>(e - s, src.size() - s);
  return QString::fromUtf8(QByteArrayView(src.constData() + s, len));
}

inline Range range(TSNode n) {
  const TSPoint s = ts_node_start_point(n), e = ts_node_end_point(n);
  return Range{ts_node_start_byte(n), ts_node_end_byte(n), s.row, s.column, e.row, e.column};
}

// The grammar's id of field `name`. ts_node_child_by_field_name looks the name up in
// the grammar's field table on every call; the adapters pass string literals only, so
// the ids are cached by the literal's address (per thread, per grammar).
inline TSFieldId fieldId(const TSLanguage *language, const char *name) {
  struct Entry {
    const TSLanguage *language;
    const char *name;
    TSFieldId id;
  };
  thread_local Entry cache[256] = {};
  const auto slot = ((reinterpret_cast<std::uintptr_t>(name) >> 3) ^ (reinterpret_cast<std::uintptr_t>(language) >> 6)) & 255u;
  Entry &e = cache[slot];
  if (e.language != language || e.name != name)
    e = {language, name, ts_language_field_id_for_name(language, name, static_cast<uint32_t>(std::strlen(name)))};
  return e.id;
}

// `name` must be a string literal (see fieldId).
inline TSNode field(TSNode n, const char *name) {
  if (ts_node_is_null(n)) return n;  // the C API crashes on null nodes
  return ts_node_child_by_field_id(n, fieldId(ts_tree_language(n.tree), name));
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

// The node types named `names` in one grammar, as a table by symbol id: a node's type
// is tested with one load instead of a name comparison. Several symbols can share a
// name (a keyword and a rule, aliases); all of them are in the set.
class SymbolSet {
 public:
  SymbolSet(const TSLanguage *language, const std::vector<std::string_view> &names) {
    const uint32_t count = ts_language_symbol_count(language);
    m_bits.assign(count, 0);
    for (uint32_t s = 0; s < count; ++s) {
      const char *name = ts_language_symbol_name(language, static_cast<TSSymbol>(s));
      if (!name) continue;
      for (std::string_view n : names)
        if (n == name) {
          m_bits[s] = 1;
          break;
        }
    }
  }
  bool has(TSSymbol s) const { return s < m_bits.size() && m_bits[s]; }

 private:
  std::vector<unsigned char> m_bits;
};

// A list of node type names whose SymbolSet is built once per grammar and thread. Meant
// for `static const` objects (the cache is keyed by the object's address).
class NodeTypes {
 public:
  NodeTypes(std::initializer_list<std::string_view> names) : m_names(names) {}
  template <size_t N>
  explicit NodeTypes(const std::string_view (&names)[N]) : m_names(names, names + N) {}
  const SymbolSet &in(const TSLanguage *language) const {
    struct Entry {
      const NodeTypes *types;
      const TSLanguage *language;
      std::unique_ptr<SymbolSet> set;
    };
    thread_local std::vector<Entry> cache;
    for (const Entry &e : cache)
      if (e.types == this && e.language == language) return *e.set;
    cache.push_back({this, language, std::make_unique<SymbolSet>(language, m_names)});
    return *cache.back().set;
  }

 private:
  std::vector<std::string_view> m_names;
};

// A syntax tree flattened once, in pre-order, for adapters that walk it many times.
// walk() has ts::walk's contract without a cursor (a cursor's sibling step climbs through
// the hidden nodes that hold long repetitions: hundreds of instructions per node on a
// minified bundle), and parent() is O(log n) where ts_node_parent searches down from the
// root on every call. Nodes outside the indexed tree fall back to the C API.
// The same cursor walk measures the tree's depth (as syntaxTreeDepth does): with a
// `depthLimit`, it stops once a node lies deeper, and the index is then incomplete
// (tooDeep(); it must not be walked).
class TreeIndex {
 public:
  explicit TreeIndex(TSNode root, int depthLimit = std::numeric_limits<int>::max()) {
    if (ts_node_is_null(root)) return;
    m_tree = root.tree;
    reserve(descendants(root));
    std::vector<quint32> open;  // indices of the nodes on the path from the root
    addSubtree(root, open, depthLimit);
  }
  // The root and only the subtrees of `children` (some of its children, in order): the
  // other children are not indexed, not walked and not measured (see statements.h).
  TreeIndex(TSNode root, const std::vector<TSNode> &children, int depthLimit = std::numeric_limits<int>::max()) {
    if (ts_node_is_null(root)) return;
    m_tree = root.tree;
    size_t count = 1;
    for (TSNode c : children) count += descendants(c);
    reserve(count);
    m_nodes.push_back(pack(root));
    m_symbols.push_back(ts_node_symbol(root));
    m_parent.push_back(kNone);
    m_end.push_back(1);
    std::vector<quint32> open{0};
    if (!children.empty()) m_depth = 1;
    for (TSNode c : children) {
      if (!addSubtree(c, open, depthLimit)) break;
    }
    m_end[0] = static_cast<quint32>(m_nodes.size());
  }

  // Depth of the deepest node (root = 0); past the limit, the first depth found beyond it.
  int depth() const { return m_depth; }
  bool tooDeep() const { return m_tooDeep; }

  template <typename Visit>
  void walk(TSNode from, Visit &&visit) const {
    const quint32 start = indexOf(from);
    if (start == kNone) {
      ts::walk(from, visit);
      return;
    }
    for (quint32 i = start, end = m_end[start]; i < end;) i = (t_hint = i, visit(node(i))) ? i + 1 : m_end[i];
  }

  // walk(root, visit) for a `visit` that returns true, doing nothing, for every node whose
  // type is not in `types`: only the nodes of those types are visited (a scan of the
  // symbol table instead of a call per node). A `visit(TSNode, TSSymbol)` is handed the
  // node's symbol from the index (ts_node_symbol would read the node from the tree).
  template <typename Visit>
  void walkTypes(const SymbolSet &types, Visit &&visit) const {
    const quint32 count = static_cast<quint32>(m_nodes.size());
    for (quint32 i = 0; i < count;) {
      if (!types.has(m_symbols[i])) {
        ++i;
        continue;
      }
      t_hint = i;
      bool descend;
      if constexpr (std::is_invocable_v<Visit &, TSNode, TSSymbol>)
        descend = visit(node(i), m_symbols[i]);
      else
        descend = visit(node(i));
      i = descend ? i + 1 : m_end[i];
    }
  }

  // Null for the root and for a null node.
  TSNode parent(TSNode n) const {
    if (ts_node_is_null(n)) return n;
    const quint32 i = indexOf(n);
    if (i == kNone) return ts_node_parent(n);
    return m_parent[i] == kNone ? TSNode{} : node(m_parent[i]);
  }
  // The nearest proper ancestor of `n` that `pred` accepts, or a null node.
  // One lookup of `n`, then the parent links (a tree broken by a syntax error can be
  // thousands of levels deep).
  template <typename Pred>
  TSNode ancestor(TSNode n, Pred &&pred) const {
    const quint32 i = indexOf(n);
    if (i == kNone) {
      for (TSNode p = parent(n); !ts_node_is_null(p); p = parent(p))
        if (pred(p)) return p;
      return TSNode{};
    }
    for (quint32 p = m_parent[i]; p != kNone; p = m_parent[p])
      if (const TSNode a = node(p); pred(a)) return a;
    return TSNode{};
  }
  // The nearest proper ancestor of `n` whose type is in `types`: the index's own parent
  // and symbol arrays, without reading the tree (an ancestor is never a token, so a
  // keyword that shares a rule's name cannot be mistaken for it).
  TSNode ancestorOfType(TSNode n, const SymbolSet &types) const {
    const quint32 i = indexOf(n);
    if (i == kNone) {
      for (TSNode p = parent(n); !ts_node_is_null(p); p = parent(p))
        if (types.has(ts_node_symbol(p))) return p;
      return TSNode{};
    }
    for (quint32 p = m_parent[i]; p != kNone; p = m_parent[p])
      if (types.has(m_symbols[p])) return node(p);
    return TSNode{};
  }

 private:
  static constexpr quint32 kNone = 0xFFFFFFFFu;
  // Pre-order lists start bytes in ascending order; nodes that share one (a chain of
  // ancestors starting at the same token) are told apart by identity.
  // The node a walk visits now is asked for most (its parent, its scope): it is checked
  // before the binary search, whose ~20 steps over a large index each miss the cache.
  quint32 indexOf(TSNode n) const {
    if (ts_node_is_null(n) || m_nodes.empty() || n.tree != m_tree) return kNone;
    const quint32 start = ts_node_start_byte(n);
    if (const quint32 h = t_hint; h < m_nodes.size() && m_nodes[h].id == n.id && m_nodes[h].context[0] == start) return h;
    auto it = std::lower_bound(m_nodes.begin(), m_nodes.end(), start,
                               [this](const Packed &a, quint32 b) { return ts_node_start_byte(unpack(a)) < b; });
    for (; it != m_nodes.end() && ts_node_start_byte(unpack(*it)) == start; ++it)
      if (it->id == n.id) return static_cast<quint32>(it - m_nodes.begin());
    return kNone;
  }

  // A node without its tree (the same for every node of the index): 24 bytes, not 32.
  using Packed = CioPackedNode;
  static Packed pack(TSNode n) { return {{n.context[0], n.context[1], n.context[2], n.context[3]}, n.id}; }
  TSNode unpack(const Packed &p) const {
    return TSNode{{p.context[0], p.context[1], p.context[2], p.context[3]}, p.id, m_tree};
  }
  TSNode node(quint32 i) const { return unpack(m_nodes[i]); }

  // How many nodes the subtree of `n` holds, where the runtime says so: the arrays are
  // then allocated once, at their size (a minified bundle has millions of nodes, and
  // growing by doubling holds the old and the new array at once).
  static size_t descendants(TSNode n) {
#ifdef CIO_TS_FLATTEN
    return ts_node_descendant_count(n);
#else
    (void)n;
    return 0;
#endif
  }
  void reserve(size_t count) {
    m_nodes.reserve(count);
    m_symbols.reserve(count);
    m_parent.reserve(count);
    m_end.reserve(count);
  }

  // Appends `top`'s subtree in pre-order below the nodes in `open` (which it leaves as
  // it found them). False when a node lies deeper than `depthLimit` (m_tooDeep).
  bool addSubtree(TSNode top, std::vector<quint32> &open, int depthLimit) {
#ifdef CIO_TS_FLATTEN
    // The runtime's subtrees read directly (ts_flatten.h), into arrays of the exact size.
    const size_t base = m_nodes.size(), size = base + descendants(top);
    m_nodes.resize(size);
    m_symbols.resize(size);
    m_parent.resize(size);
    m_end.resize(size);
    CioFlatTree flat{m_nodes.data(), m_symbols.data(), m_parent.data(), m_end.data(), size, base, m_depth, false};
    const bool complete =
        cio_ts_flatten(top, open.empty() ? kNone : open.back(), static_cast<int>(open.size()), depthLimit, &flat);
    m_nodes.resize(complete ? flat.count : base);
    m_symbols.resize(m_nodes.size());
    m_parent.resize(m_nodes.size());
    m_end.resize(m_nodes.size());
    if (complete) {
      m_depth = flat.depth;
      m_tooDeep = flat.too_deep;
      return !m_tooDeep;
    }
    // Out of memory for its stack, or a count the runtime got wrong: the cursor walk.
#endif
    return addSubtreeByCursor(top, open, depthLimit);
  }
  bool addSubtreeByCursor(TSNode top, std::vector<quint32> &open, int depthLimit) {
    const size_t base = open.size();
    TSTreeCursor cursor = ts_tree_cursor_new(top);
    for (;;) {
      const quint32 i = static_cast<quint32>(m_nodes.size());
      const TSNode node = ts_tree_cursor_current_node(&cursor);
      m_nodes.push_back(pack(node));
      m_symbols.push_back(ts_node_symbol(node));
      m_parent.push_back(open.empty() ? kNone : open.back());
      m_end.push_back(0);
      if (ts_tree_cursor_goto_first_child(&cursor)) {
        open.push_back(i);
        const int depth = static_cast<int>(open.size());
        if (depth > m_depth) {
          m_depth = depth;
          if (depth > depthLimit) {
            m_tooDeep = true;
            break;
          }
        }
        continue;
      }
      m_end[i] = i + 1;
      bool more = false;
      for (;;) {
        if (open.size() > base && ts_tree_cursor_goto_next_sibling(&cursor)) {
          more = true;
          break;
        }
        if (open.size() == base || !ts_tree_cursor_goto_parent(&cursor)) break;
        m_end[open.back()] = static_cast<quint32>(m_nodes.size());
        open.pop_back();
      }
      if (!more) break;
    }
    ts_tree_cursor_delete(&cursor);
    open.resize(base);
    return !m_tooDeep;
  }

  const TSTree *m_tree = nullptr;
  std::vector<Packed> m_nodes;
  std::vector<TSSymbol> m_symbols;
  std::vector<quint32> m_parent;
  std::vector<quint32> m_end;  // one past the last node of each subtree
  // The node a walk() or walkTypes() on this thread visits now: only a hint for indexOf,
  // which checks it against its own nodes (per thread: two threads may read one index).
  static inline thread_local quint32 t_hint = 0;
  int m_depth = 0;
  bool m_tooDeep = false;
};

}  // namespace cio::ts
