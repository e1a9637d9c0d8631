// libFuzzer target: the whole per-file pipeline (limits, encoding checks, parse, adapter,
// rules, suppressions, columns) on arbitrary bytes, for one language chosen at build
// time (CIO_FUZZ_LANGUAGE, a LanguageRegistry key; the environment variable of that name
// in the replay build).
#include "language/language.h"
#include "project/analyzer.h"

#include <QtGlobal>

#include <cstddef>
#include <cstdint>

// The replay build (replay_main.cpp) picks the language at run time instead.
#ifdef CIO_FUZZ_LANGUAGE
static QString fuzzLanguage() { return QStringLiteral(CIO_FUZZ_LANGUAGE); }
#else
static QString fuzzLanguage() { return qEnvironmentVariable("CIO_FUZZ_LANGUAGE"); }
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const cio::Language &language = cio::LanguageRegistry::byKey(fuzzLanguage());
  if (!language.isValid()) __builtin_trap();
  static const cio::Analyzer analyzer = [] {
    cio::Config config;
    // A short parse timeout keeps one slow input from eating the whole fuzz budget; the
    // timeout path itself is part of what is tested.
    config.limits.parseTimeoutMicros = 2'000'000;
    return cio::Analyzer(config);
  }();
  const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
  const cio::AnalysisResult r = analyzer.analyzeSource(QStringLiteral("fuzz"), bytes, language);
  // Every finding must point inside the input.
  for (const cio::Finding &f : r.findings)
    if (f.range.startByte > f.range.endByte || f.range.endByte > size || f.line < 1 || f.column < 1) __builtin_trap();
  return 0;
}
