// Replays inputs through a libFuzzer target without libFuzzer: every file under the
// folders (or files) given is passed to LLVMFuzzerTestOneInput once. ctest runs each
// target this way over its regression inputs (tests/fuzz/regressions/<target>/, where
// every crash a fuzz run found is kept once fixed) and over the fixtures, in the
// ordinary build and under ASan + UBSan (tests/sanitize.sh).
#include <QByteArray>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv) {
  int inputs = 0;
  const auto run = [&](const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
      std::fprintf(stderr, "replay: cannot read %s\n", qPrintable(path));
      return false;
    }
    const QByteArray bytes = f.readAll();
    std::fprintf(stderr, "replay: %s\n", qPrintable(path));
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.constData()), static_cast<size_t>(bytes.size()));
    ++inputs;
    return true;
  };
  for (int i = 1; i < argc; ++i) {
    const QString arg = QString::fromLocal8Bit(argv[i]);
    if (QFileInfo(arg).isDir()) {
      QDirIterator it(arg, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
      while (it.hasNext())
        if (!run(it.next())) return 1;
    } else if (!run(arg)) {
      return 1;
    }
  }
  std::fprintf(stderr, "replay: %d inputs, no crash\n", inputs);
  return inputs > 0 ? 0 : 1;  // an empty run proves nothing
}
