#include "syntax/document.h"

#include <tree_sitter/api.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <utility>

namespace cio {

void normalizeLoneCarriageReturns(QByteArray &text) {
  const qsizetype cr = text.indexOf('\r');
  if (cr < 0) return;  // the common case stays a no-op (and does not detach the data)
  char *d = text.data();
  const qsizetype n = text.size();
  for (qsizetype i = cr; i < n; ++i)
    if (d[i] == '\r' && (i + 1 == n || d[i + 1] != '\n')) d[i] = '\n';
}

Document::Document(const Language &language, QByteArray utf8Source)
    : m_language(&language), m_source(std::move(utf8Source)) {
  normalizeLoneCarriageReturns(m_source);
}

Document::~Document() {
  if (m_tree) ts_tree_delete(m_tree);
  if (m_parser) ts_parser_delete(m_parser);
}

Document::Document(Document &&o) noexcept
    : m_language(o.m_language), m_source(std::move(o.m_source)), m_parser(std::exchange(o.m_parser, nullptr)),
      m_tree(std::exchange(o.m_tree, nullptr)), m_error(std::move(o.m_error)) {}

Document &Document::operator=(Document &&o) noexcept {
  if (this != &o) {
    if (m_tree) ts_tree_delete(m_tree);
    if (m_parser) ts_parser_delete(m_parser);
    m_language = o.m_language;
    m_source = std::move(o.m_source);
    m_parser = std::exchange(o.m_parser, nullptr);
    m_tree = std::exchange(o.m_tree, nullptr);
    m_error = std::move(o.m_error);
  }
  return *this;
}

quint64 threadCpuMicros() {
#if defined(CLOCK_THREAD_CPUTIME_ID)
  timespec ts{};
  if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
    return static_cast<quint64>(ts.tv_sec) * 1'000'000u + static_cast<quint64>(ts.tv_nsec) / 1000u;
#endif
  // No per-thread CPU clock: fall back to the wall clock (the limit is then wall time).
  static const auto origin = std::chrono::steady_clock::now();
  return static_cast<quint64>(
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - origin).count());
}

bool Document::parse(const ParseLimits &limits) {
  m_error.clear();
  if (!m_language->grammar) {
    m_error = QStringLiteral("no grammar for this language");
    return false;
  }
  if (!m_parser) {
    m_parser = ts_parser_new();
    if (!ts_parser_set_language(m_parser, m_language->grammar())) {
      m_error = QStringLiteral("the %1 grammar has an ABI this tree-sitter runtime does not accept")
                    .arg(m_language->displayName);
      return false;
    }
  }
  // The budget is this thread's CPU time, not the wall clock: on a loaded machine (a CI
  // runner, other parses in parallel) a file must not be skipped for time it never got.
  // tree-sitter's own timeout is wall-clock, so it parses in short slices and resumes
  // (a parse stopped by its timeout continues where it was when called again).
  const quint64 slice = std::min<quint64>(limits.parseTimeoutMicros, 100'000);
  ts_parser_set_timeout_micros(m_parser, slice);
  const quint64 started = threadCpuMicros();
  TSTree *old = m_tree;
  TSTree *fresh = nullptr;
  for (;;) {
    fresh = ts_parser_parse_string_encoding(m_parser, old, m_source.constData(),
                                            static_cast<uint32_t>(m_source.size()), TSInputEncodingUTF8);
    if (fresh || limits.parseTimeoutMicros == 0 || threadCpuMicros() - started >= limits.parseTimeoutMicros) break;
  }
  if (!fresh) {
    ts_parser_reset(m_parser);
    m_error = QStringLiteral("parsing took more than %1 ms of CPU time and was stopped")
                  .arg(limits.parseTimeoutMicros / 1000);
    return false;
  }
  if (old) ts_tree_delete(old);
  m_tree = fresh;
  return true;
}

static TSPoint pointAt(const QByteArray &text, quint32 byte) {
  TSPoint p{0, 0};
  const quint32 end = std::min<quint32>(byte, static_cast<quint32>(text.size()));
  for (quint32 i = 0; i < end; ++i) {
    if (text.at(i) == '\n') {
      ++p.row;
      p.column = 0;
    } else {
      ++p.column;
    }
  }
  return p;
}

void Document::edit(quint32 startByte, quint32 oldEndByte, const QByteArray &replacement) {
  // Out-of-range offsets from a caller would make replace() and the tree edit disagree.
  const quint32 size = static_cast<quint32>(m_source.size());
  startByte = std::min(startByte, size);
  oldEndByte = std::clamp(oldEndByte, startByte, size);
  TSInputEdit e;
  e.start_byte = startByte;
  e.old_end_byte = oldEndByte;
  e.start_point = pointAt(m_source, startByte);
  e.old_end_point = pointAt(m_source, oldEndByte);
  QByteArray normalized = replacement;
  // A trailing CR followed by the LF after the edit is a CRLF, not a lone CR.
  const bool crlfAcross = normalized.endsWith('\r') && static_cast<qsizetype>(oldEndByte) < m_source.size() &&
                          m_source.at(oldEndByte) == '\n';
  if (crlfAcross) normalized.chop(1);
  normalizeLoneCarriageReturns(normalized);
  if (crlfAcross) normalized.append('\r');
  m_source.replace(startByte, oldEndByte - startByte, normalized);
  e.new_end_byte = startByte + static_cast<quint32>(normalized.size());
  e.new_end_point = pointAt(m_source, e.new_end_byte);
  if (m_tree) ts_tree_edit(m_tree, &e);
}

int syntaxTreeDepth(const TSTree *tree, int limit) {
  if (!tree) return 0;
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
  int depth = 0, deepest = 0;
  for (;;) {
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) break;
      continue;
    }
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        ts_tree_cursor_delete(&cursor);
        return deepest;
      }
      --depth;
    }
  }
  ts_tree_cursor_delete(&cursor);
  return deepest;
}

bool Document::hasSyntaxErrors() const {
  return m_tree && ts_node_has_error(ts_tree_root_node(m_tree));
}

}  // namespace cio
