// libFuzzer target: the suppression-comment parser on arbitrary comment text.
#include "findings/suppression.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
  const int firstLine = size > 0 ? data[0] : 1;
  const std::vector<cio::Suppression> parsed = cio::parseSuppressions(text, firstLine);
  const int lines = static_cast<int>(text.count(QLatin1Char('\n')));
  for (const cio::Suppression &s : parsed) {
    if (s.scope == cio::Suppression::Scope::File && s.line != 0) __builtin_trap();
    if (s.scope != cio::Suppression::Scope::File && (s.line < firstLine || s.line > firstLine + lines + 1))
      __builtin_trap();
  }
  // And through a set, as the analyzer uses it.
  cio::Comment c;
  c.text = text;
  const cio::SuppressionSet set({c});
  cio::Finding f;
  f.ruleId = QStringLiteral("CIO002");
  f.ruleName = QStringLiteral("millisecond-timestamp");
  f.line = firstLine + 1;
  (void)set.suppresses(f);
  return 0;
}
