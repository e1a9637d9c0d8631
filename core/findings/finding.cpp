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

namespace {
constexpr quint32 kStride = 4096;
bool startsCodePoint(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }
}  // namespace

ColumnIndex::ColumnIndex(const QByteArray &source) : m_source(source) {
  const quint32 n = static_cast<quint32>(source.size());
  const char *d = source.constData();
  m_lineStarts.push_back(0);
  m_checkpoints.reserve(n / kStride + 1);
  quint32 points = 0;
  for (quint32 i = 0; i < n; ++i) {
    if (i % kStride == 0) m_checkpoints.push_back(points);
    if (startsCodePoint(d[i])) ++points;
    if (d[i] == '\n') m_lineStarts.push_back(i + 1);
  }
  if (n % kStride == 0) m_checkpoints.push_back(points);
}

quint32 ColumnIndex::codePointsBefore(quint32 byte) const {
  const quint32 block = byte / kStride;
  quint32 points = m_checkpoints[block];
  const char *d = m_source.constData();
  for (quint32 i = block * kStride; i < byte; ++i)
    if (startsCodePoint(d[i])) ++points;
  return points;
}

int ColumnIndex::column(quint32 byte) const {
  byte = std::min<quint32>(byte, static_cast<quint32>(m_source.size()));
  const auto next = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), byte);
  const quint32 lineStart = *(next - 1);
  return static_cast<int>(codePointsBefore(byte) - codePointsBefore(lineStart)) + 1;
}

void computeLineColumns(const ColumnIndex &index, Finding &f) {
  f.line = static_cast<int>(f.range.startRow) + 1;
  f.endLine = static_cast<int>(f.range.endRow) + 1;
  f.column = index.column(f.range.startByte);
  f.endColumn = index.column(f.range.endByte);
}

}  // namespace cio
