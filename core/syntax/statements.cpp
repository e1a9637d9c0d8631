#include "syntax/statements.h"

#include <string.h>
#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace cio::ts {

std::uint64_t nameHash(std::string_view name) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (unsigned char c : name) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::vector<TSNode> topLevelNodes(TSNode root) {
  std::vector<TSNode> out;
  if (ts_node_is_null(root)) return out;
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      const TSNode n = ts_tree_cursor_current_node(&cursor);
      if (ts_node_is_named(n)) out.push_back(n);
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  return out;
}

static bool identifierByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
         c >= 0x80;
}

std::vector<TSNode> relevantStatements(const QByteArray &src, const std::vector<TopLevelStatement> &statements,
                                       const std::vector<std::string_view> &triggers,
                                       const std::function<std::vector<QByteArray>(TSNode)> &assigned) {
  const int count = static_cast<int>(statements.size());
  std::vector<char> included(count, 0), seed(count, 0);
  std::vector<int> queue;

  // Seeds: statements whose text holds a trigger. One pass over the text: at each byte
  // that starts some trigger (case-folded), the triggers starting with it are compared;
  // after a hit the rest of that statement is skipped.
  std::vector<quint32> starts(count);
  for (int i = 0; i < count; ++i) starts[i] = ts_node_start_byte(statements[i].node);
  auto fold = [](unsigned char c) { return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); };
  std::vector<std::string_view> byFirst[256];
  for (std::string_view t : triggers)
    if (!t.empty()) byFirst[static_cast<unsigned char>(t.front())].push_back(t);
  const char *text = src.constData();
  for (int i = 0; i < count; ++i) {
    const quint32 end = ts_node_end_byte(statements[i].node);
    for (quint32 p = starts[i]; p < end && !included[i]; ++p) {
      for (std::string_view t : byFirst[fold(static_cast<unsigned char>(text[p]))]) {
        if (end - p < t.size()) continue;
        size_t k = 1;
        while (k < t.size() && fold(static_cast<unsigned char>(text[p + k])) == static_cast<unsigned char>(t[k])) ++k;
        if (k == t.size()) {
          included[i] = seed[i] = 1;
          queue.push_back(i);
          break;
        }
      }
    }
  }

  // Module-level names: who declares each, who mentions it.
  std::unordered_map<std::uint64_t, std::vector<int>> declarers;
  for (int i = 0; i < count; ++i)
    for (std::uint64_t h : statements[i].declares) declarers[h].push_back(i);
  // Most identifiers are no module-level name: a 4096-bit filter turns them away before
  // the hash lookup.
  std::vector<std::uint64_t> filter(64, 0);
  for (const auto &[h, who] : declarers) filter[(h >> 6) & 63] |= 1ull << (h & 63);
  std::unordered_map<std::uint64_t, std::vector<int>> mentions;
  std::vector<std::vector<std::uint64_t>> uses(count);
  if (!declarers.empty()) {
    const char *s = src.constData();
    for (int i = 0; i < count; ++i) {
      const quint32 end = ts_node_end_byte(statements[i].node);
      for (quint32 p = starts[i]; p < end;) {
        if (!identifierByte(static_cast<unsigned char>(s[p]))) {
          ++p;
          continue;
        }
        const quint32 b = p;
        while (p < end && identifierByte(static_cast<unsigned char>(s[p]))) ++p;
        if (s[b] >= '0' && s[b] <= '9') continue;
        const std::uint64_t h = nameHash(std::string_view(s + b, p - b));
        if (!(filter[(h >> 6) & 63] & (1ull << (h & 63))) || declarers.find(h) == declarers.end()) continue;
        uses[i].push_back(h);
      }
      std::sort(uses[i].begin(), uses[i].end());
      uses[i].erase(std::unique(uses[i].begin(), uses[i].end()), uses[i].end());
      for (std::uint64_t h : uses[i]) mentions[h].push_back(i);
    }
  }

  // Everything connected to a seed through a name.
  std::unordered_map<std::uint64_t, char> live;
  auto include = [&](int s) {
    if (!included[s]) {
      included[s] = 1;
      queue.push_back(s);
    }
  };
  // Every statement that mentions `name` as a whole word (a search of the text: such
  // names are few, and most are no module-level declaration).
  std::unordered_map<std::uint64_t, char> searched;
  auto includeMentions = [&](const QByteArray &name) {
    if (name.isEmpty() || !searched.emplace(nameHash(std::string_view(name.constData(), name.size())), 1).second)
      return;
    const char *text = src.constData();
    const size_t size = static_cast<size_t>(src.size()), n = static_cast<size_t>(name.size());
    for (size_t from = 0; from + n <= size;) {
      const void *hit = ::memmem(text + from, size - from, name.constData(), n);
      if (!hit) break;
      const size_t at = static_cast<size_t>(static_cast<const char *>(hit) - text);
      from = at + 1;
      if ((at > 0 && identifierByte(static_cast<unsigned char>(text[at - 1]))) ||
          (at + n < size && identifierByte(static_cast<unsigned char>(text[at + n]))))
        continue;
      const auto it = std::upper_bound(starts.begin(), starts.end(), static_cast<quint32>(at));
      if (it == starts.begin()) continue;
      const int s = static_cast<int>(it - starts.begin()) - 1;
      if (at < ts_node_end_byte(statements[s].node)) include(s);
    }
  };
  while (!queue.empty()) {
    const int s = queue.back();
    queue.pop_back();
    if (assigned)
      for (const QByteArray &name : assigned(statements[s].node)) includeMentions(name);
    for (std::uint64_t h : uses[s]) {
      if (live[h]) continue;
      live[h] = 1;
      const auto d = declarers.find(h);
      bool forward = false;
      for (int x : d->second) {
        include(x);
        forward = forward || !statements[x].importOnly || seed[x];
      }
      // A name bound by a plain import (`_`, `express`, `db`) tells nothing about the
      // other statements that use it.
      if (forward)
        for (int x : mentions[h]) include(x);
    }
  }

  std::vector<TSNode> out;
  for (int i = 0; i < count; ++i)
    if (included[i] || statements[i].kept) out.push_back(statements[i].node);
  return out;
}

}  // namespace cio::ts
