// libFuzzer target: .cio-lint.json parsing, and the ignore globs it yields matched
// against a path taken from the same input.
#include "project/config.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
  // Input = JSON [NUL path]: the path after the first NUL exercises isIgnored().
  const qsizetype nul = bytes.indexOf('\0');
  const QByteArray json = nul < 0 ? bytes : bytes.left(nul);
  QString error;
  const std::optional<cio::Config> config = cio::Config::parse(json, &error);
  if (!config) {
    if (error.isEmpty()) __builtin_trap();  // a rejected config must say why
    return 0;
  }
  if (config->limits.maxFileBytes < 1 || config->limits.parseTimeoutMicros < 1) __builtin_trap();
  const QString path = nul < 0 ? QStringLiteral("src/app/index.js") : QString::fromUtf8(bytes.mid(nul + 1));
  (void)config->isIgnored(path);
  return 0;
}
