#pragma once

#include "project/analyzer.h"
#include "syntax/document.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace cio {

// The span in which `newText` differs from `oldText`: bytes [start, oldEnd) of the old
// text became bytes [start, newEnd) of the new one. Typing, pasting, undo and a quick fix
// each change one contiguous span, which is the edit tree-sitter wants to hear about.
// `start` never splits a UTF-8 sequence.
struct TextChange {
  qsizetype start = 0;
  qsizetype oldEnd = 0;
  qsizetype newEnd = 0;
};
TextChange diffText(const QByteArray &oldText, const char *newText, qsizetype newSize);

// Analysis of one editor buffer that changes a little between runs (the playground).
// Keeps the last syntax tree: each analyze() diffs the new text against the last one and
// re-parses incrementally, then runs the same extraction and rules as
// Analyzer::analyzeSource (same per-file limits, same findings). A new path or language,
// or text that could not be analysed, starts from a full parse again.
// Not thread-safe: one caller at a time.
class IncrementalAnalyzer {
 public:
  explicit IncrementalAnalyzer(Analyzer analyzer = Analyzer());
  ~IncrementalAnalyzer();

  AnalysisResult analyze(const QString &path, const QByteArray &utf8, const Language &language);
  // Forgets the tree; the next analyze() parses from scratch.
  void reset();

  int fullParses() const { return m_fullParses; }
  int incrementalParses() const { return m_incrementalParses; }

 private:
  Analyzer m_analyzer;
  std::unique_ptr<Document> m_doc;
  QString m_path;
  int m_fullParses = 0;
  int m_incrementalParses = 0;
};

}  // namespace cio
