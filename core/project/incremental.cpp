#include "project/incremental.h"

#include <algorithm>
#include <cstring>

namespace cio {

static bool isContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

TextChange diffText(const QByteArray &oldText, const char *newText, qsizetype newSize) {
  const char *o = oldText.constData();
  const qsizetype oldSize = oldText.size();
  const qsizetype common = std::min(oldSize, newSize);
  qsizetype prefix = 0;
  while (prefix < common && o[prefix] == newText[prefix]) ++prefix;
  // Start at a character boundary of both texts.
  while (prefix > 0 && ((prefix < oldSize && isContinuationByte(o[prefix])) ||
                        (prefix < newSize && isContinuationByte(newText[prefix]))))
    --prefix;
  qsizetype suffix = 0;
  while (suffix < common - prefix && o[oldSize - 1 - suffix] == newText[newSize - 1 - suffix]) ++suffix;
  // The unchanged tail starts at a character boundary too.
  while (suffix > 0 && isContinuationByte(o[oldSize - suffix])) --suffix;
  return {prefix, oldSize - suffix, newSize - suffix};
}

IncrementalAnalyzer::IncrementalAnalyzer(Analyzer analyzer) : m_analyzer(std::move(analyzer)) {}

IncrementalAnalyzer::~IncrementalAnalyzer() = default;

void IncrementalAnalyzer::reset() {
  m_doc.reset();
  m_path.clear();
}

AnalysisResult IncrementalAnalyzer::analyze(const QString &path, const QByteArray &utf8, const Language &language) {
  if (const QString why = m_analyzer.sourceProblem(utf8); !why.isEmpty()) {
    reset();
    AnalysisResult r;
    r.skipped.push_back({path, why});
    return r;
  }
  if (m_doc && (&m_doc->language() != &language || path != m_path)) reset();
  bool incremental = false;
  if (m_doc) {
    // The document holds the text with lone CRs turned into LFs: compare like with like.
    QByteArray wanted = utf8;
    normalizeLoneCarriageReturns(wanted);
    const QByteArray &old = m_doc->source();
    const TextChange c = diffText(old, wanted.constData(), wanted.size());
    if (c.start != c.oldEnd || c.start != c.newEnd)
      m_doc->edit(static_cast<quint32>(c.start), static_cast<quint32>(c.oldEnd),
                  QByteArray(wanted.constData() + c.start, c.newEnd - c.start));
    incremental = m_doc->source() == wanted;
    if (!incremental) m_doc.reset();  // cannot happen; a full parse is always right
  }
  if (!m_doc) m_doc = std::make_unique<Document>(language, utf8);
  m_path = path;
  if (!m_doc->parse(m_analyzer.config().limits)) {
    AnalysisResult r;
    r.skipped.push_back({path, m_doc->errorString()});
    reset();
    return r;
  }
  ++(incremental ? m_incrementalParses : m_fullParses);
  return m_analyzer.analyzeDocument(*m_doc, path);
}

}  // namespace cio
