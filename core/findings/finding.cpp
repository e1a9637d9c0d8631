#include "findings/finding.h"

#include <algorithm>
#include <tuple>

namespace cio {

QString severityName(Severity s) {
  switch (s) {
    case Severity::Info: return QStringLiteral("info");
    case Severity::Warning: return QStringLiteral("warning");
    case Severity::Error: return QStringLiteral("error");
  }
  return QString();
}

bool parseSeverity(const QString &name, Severity *out) {
  const QString n = name.trimmed().toLower();
  if (n == QLatin1String("info")) *out = Severity::Info;
  else if (n == QLatin1String("warning") || n == QLatin1String("warn")) *out = Severity::Warning;
  else if (n == QLatin1String("error")) *out = Severity::Error;
  else return false;
  return true;
}

bool Finding::operator<(const Finding &o) const {
  return std::tie(file, line, column, ruleId, message) < std::tie(o.file, o.line, o.column, o.ruleId, o.message);
}

QByteArray applyFix(const QByteArray &source, const Fix &fix) {
  std::vector<TextEdit> edits = fix.edits;
  std::sort(edits.begin(), edits.end(),
            [](const TextEdit &a, const TextEdit &b) { return a.range.startByte > b.range.startByte; });
  QByteArray out = source;
  for (const TextEdit &e : edits) {
    if (e.range.endByte > static_cast<quint32>(out.size()) || e.range.startByte > e.range.endByte) continue;
    out.replace(e.range.startByte, e.range.endByte - e.range.startByte, e.replacement.toUtf8());
  }
  return out;
}

// Code points between the start of the line and `byte` (UTF-8 continuation bytes skipped).
static int codePointColumn(const QByteArray &src, quint32 byte) {
  byte = std::min<quint32>(byte, static_cast<quint32>(src.size()));
  quint32 lineStart = byte;
  while (lineStart > 0 && src.at(lineStart - 1) != '\n') --lineStart;
  int col = 1;
  for (quint32 i = lineStart; i < byte && i < static_cast<quint32>(src.size()); ++i)
    if ((static_cast<unsigned char>(src.at(i)) & 0xC0) != 0x80) ++col;
  return col;
}

void computeLineColumns(const QByteArray &source, Finding &f) {
  f.line = static_cast<int>(f.range.startRow) + 1;
  f.endLine = static_cast<int>(f.range.endRow) + 1;
  f.column = codePointColumn(source, f.range.startByte);
  f.endColumn = codePointColumn(source, f.range.endByte);
}

}  // namespace cio
