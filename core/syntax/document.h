#pragma once

#include "language/language.h"

#include <QByteArray>
#include <QString>

#include <memory>

struct TSTree;
struct TSParser;

namespace cio {

// Per-file limits that keep hostile input from costing a hang or unbounded memory. A file
// over a limit is skipped with a reason naming it; the other files are still analysed.
// cio-lint's .cio-lint.json sets them ("maxFileBytes", "parseTimeoutMs").
struct ParseLimits {
  // Larger files are skipped (5 MiB: ten times the biggest hand-written source file
  // we met; minified bundles beyond it are not worth a scan).
  qint64 maxFileBytes = 5 * 1024 * 1024;
  // The parse gives up after this much CPU time of the parsing thread (5 s); measured in
  // CPU time so a busy machine does not skip files. 0: no limit.
  quint64 parseTimeoutMicros = 5'000'000;
  // Deeper syntax trees are skipped before any adapter sees them. The adapters' helpers
  // recurse on expressions (concatenations, member chains): this bounds their stack use.
  // Hand-written code stays under ~200 levels; 2000 leaves room for generated code.
  int maxNestingDepth = 2000;
};

// Depth of the deepest node under `tree`'s root (root = 0), counted iteratively; stops
// early and returns `limit + 1` once the limit is passed.
int syntaxTreeDepth(const TSTree *tree, int limit);

// CPU time used by the calling thread so far, in microseconds (the wall clock where the
// platform has no per-thread CPU clock).
quint64 threadCpuMicros();

// Turns every lone CR (old Mac line end) into LF, in place. The byte length and every
// offset stay the same; CRLF is left alone. tree-sitter counts rows by LF only and the
// Python, Ruby and Go grammars need LF to end a statement, so without this a CR-only
// file would be one long line of syntax errors and findings would all land on line 1.
void normalizeLoneCarriageReturns(QByteArray &text);

// Source text (UTF-8 bytes, as tree-sitter sees them) and its syntax tree. Owns both.
// Byte offsets everywhere in the analyzer refer to `source()`, which is the given text
// with lone CRs turned into LFs (same offsets, see normalizeLoneCarriageReturns).
class Document {
 public:
  Document(const Language &language, QByteArray utf8Source);
  ~Document();
  Document(Document &&) noexcept;
  Document &operator=(Document &&) noexcept;
  Document(const Document &) = delete;
  Document &operator=(const Document &) = delete;

  // Parses (or incrementally re-parses after edit()). False when tree-sitter refused the
  // grammar (ABI mismatch) or gave up on the timeout; errorString() says which.
  bool parse(const ParseLimits &limits = {});

  // Tells the tree that bytes [start, oldEnd) became `replacement`, for an incremental
  // re-parse on the next parse().
  void edit(quint32 startByte, quint32 oldEndByte, const QByteArray &replacement);

  const Language &language() const { return *m_language; }
  const QByteArray &source() const { return m_source; }
  const TSTree *tree() const { return m_tree; }
  bool hasSyntaxErrors() const;
  QString errorString() const { return m_error; }

 private:
  const Language *m_language;
  QByteArray m_source;
  TSParser *m_parser = nullptr;
  TSTree *m_tree = nullptr;
  QString m_error;
};

}  // namespace cio
