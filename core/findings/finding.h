#pragma once

#include "model/range.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace cio {

enum class Severity { Info, Warning, Error };

QString severityName(Severity s);                 // "info", "warning", "error"
bool parseSeverity(const QString &name, Severity *out);

// One replacement of bytes [range.startByte, range.endByte) with `replacement` (UTF-8).
struct TextEdit {
  Range range;
  QString replacement;
};

// A mechanical fix, offered by name and never applied silently.
struct Fix {
  QString title;  // "convert to seconds with Math.floor(… / 1000)"
  std::vector<TextEdit> edits;
};

// A finding is a plain value.
struct Finding {
  QString ruleId;    // "CIO002"
  QString ruleName;  // "millisecond-timestamp"
  Severity severity = Severity::Warning;
  QString file;
  Range range;
  // 1-based line and column (column in Unicode code points) of where it starts/ends.
  int line = 0, column = 0, endLine = 0, endColumn = 0;
  QString message;  // lower-case start, no trailing period
  QString lessonId; // the lesson folder id, "CIO002-millisecond-timestamp"
  std::vector<Fix> fixes;
  // Project-level findings name the other places that back them.
  std::vector<std::pair<QString, int>> related;  // (file, line)
  bool suppressed = false;  // kept for reports that list suppressed findings

  bool operator<(const Finding &o) const;
};

// A file that was not analysed, and why ("binary file", "invalid UTF-8", ...). Lives
// here, beside Finding, because every report (text, JSON, SARIF) lists both.
struct SkippedFile {
  QString file;
  QString reason;
};

// Applies the edits of a fix to UTF-8 text (edits must not overlap).
QByteArray applyFix(const QByteArray &source, const Fix &fix);

// Fills line/column fields of a finding from its byte range.
void computeLineColumns(const QByteArray &source, Finding &f);

// Code-point columns of many byte offsets in one text, each in O(log lines + 4 KiB)
// instead of a rescan of its whole line: a minified bundle is one multi-megabyte line,
// and one finding per call on it must not cost a scan of the line each.
class ColumnIndex {
 public:
  explicit ColumnIndex(const QByteArray &source);
  int column(quint32 byte) const;  // 1-based, in code points from the line start

 private:
  quint32 codePointsBefore(quint32 byte) const;
  QByteArray m_source;
  std::vector<quint32> m_lineStarts;
  std::vector<quint32> m_checkpoints;  // code points before byte k * kStride
};

void computeLineColumns(const ColumnIndex &index, Finding &f);

}  // namespace cio
