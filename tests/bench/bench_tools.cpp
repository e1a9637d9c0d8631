// Benchmark helpers that measure the analyzer's parts in-process:
//   cio_bench parse DIR         tree-sitter parsing alone of every source file, all cores
//   cio_bench live-edit FILE N  N one-character edits at random positions: incremental
//                               re-parse + analysis per edit (the playground's path)
//   cio_bench startup APP RUNS  process start to the app's first painted main window
// Each prints machine-readable "key value" lines; run.sh turns them into the table.
#include "adapters/adapter.h"
#include "language/language.h"
#include "project/analyzer.h"
#include "project/incremental.h"
#include "syntax/document.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTextStream>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <atomic>
#include <ctime>

using namespace cio;

static QStringList sourceFiles(const QString &root) {
  static const QStringList skipped = {"node_modules", ".git", "dist", "build", "vendor"};
  QStringList out;
  QDirIterator it(root, QDir::Files | QDir::NoSymLinks, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString p = it.next();
    // The folders cio-lint never enters, below `root` only (the corpus itself lives in build-bench/).
    const QString rel = QLatin1Char('/') + QDir(root).relativeFilePath(p);
    bool skip = false;
    for (const QString &s : skipped) skip = skip || rel.contains(QLatin1Char('/') + s + QLatin1Char('/'));
    if (!skip && LanguageRegistry::forPath(p).isValid()) out << p;
  }
  return out;
}

static int parseAll(const QString &root) {
  // Largest first, as cio-lint schedules its files: the limit is the best schedule's.
  std::vector<std::pair<qint64, QString>> bySize;
  for (const QString &path : sourceFiles(root)) bySize.emplace_back(QFileInfo(path).size(), path);
  std::stable_sort(bySize.begin(), bySize.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
  QStringList files;
  for (const auto &[size, path] : bySize) files << path;
  std::atomic<qint64> bytes{0};
  QElapsedTimer t;
  t.start();
  std::function<int(const QString &)> parseOne = [&](const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return 0;
    Document doc(LanguageRegistry::forPath(path), f.readAll());
    bytes += doc.source().size();
    ParseLimits limits;
    limits.parseTimeoutMicros = 600'000'000;  // as tests/bench/bench.cio-lint.json: no skip under load
    return doc.parse(limits) ? 1 : 0;
  };
  const QList<int> ok = QtConcurrent::blockingMapped(files, parseOne);
  const double secs = t.nsecsElapsed() / 1e9;
  QTextStream(stdout) << "files " << files.size() << "\nbytes " << bytes.load() << "\nseconds " << secs
                      << "\nmb_per_s " << (bytes.load() / 1e6) / secs << "\n";
  return std::count(ok.begin(), ok.end(), 1) == files.size() ? 0 : 1;
}

// One-character edits at random positions of `path`, each followed by what the
// playground's worker does with the new buffer (LiveAnalyzer ->
// IncrementalAnalyzer::analyze: diff, incremental re-parse, extraction, rules). Two
// sessions of `edits` keystrokes each:
// - "keystroke": typing one character into the file and deleting it again, both timed:
//   every analysed buffer is one keystroke away from the file as written, as when
//   someone types into working code;
// - "incremental" (the first reading): the edits accumulate, inserting and
//   deleting characters alternately, so the file ends up with hundreds of random syntax
//   errors, which tree-sitter re-parses on every edit.
// For comparison, with CIO_BENCH_FULL_TOO the accumulating edits through a fresh
// Analyzer::analyzeSource (a full parse per keystroke, the path before
// IncrementalAnalyzer).
static int liveEdit(const QString &path, int edits) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return 2;
  const QByteArray original = f.readAll();
  const Language &language = LanguageRegistry::forPath(path);
  enum class Mode { Keystroke, Accumulating, FullParse };
  auto run = [&](Mode mode, const char *label) {
    QByteArray text = original;
    IncrementalAnalyzer live;
    const Analyzer fresh;
    live.analyze(path, text, language);
    quint64 state = 12345;
    auto next = [&] {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      return static_cast<quint32>(state >> 33);
    };
    std::vector<double> ms;
    ms.reserve(edits);
    size_t findings = 0;
    auto analyze = [&] {
      QElapsedTimer t;
      t.start();
      const AnalysisResult r =
          mode == Mode::FullParse ? fresh.analyzeSource(path, text, language) : live.analyze(path, text, language);
      ms.push_back(t.nsecsElapsed() / 1e6);
      findings += r.findings.size();
    };
    for (int i = 0; i < edits; ++i) {
      const qsizetype pos = next() % static_cast<quint32>(text.size());
      if (mode == Mode::Keystroke) {
        // Type a character, then delete it (two keystrokes, two analyses).
        text.insert(pos, 'x');
        analyze();
        text.remove(pos, 1);
        analyze();
        continue;
      }
      // Alternate inserting and deleting a character so the file keeps its size; only
      // ASCII positions, as a keystroke never splits a character.
      if (i % 2 == 0)
        text.insert(pos, 'x');
      else if (static_cast<unsigned char>(text.at(pos)) < 0x80)
        text.remove(pos, 1);
      analyze();
    }
    std::sort(ms.begin(), ms.end());
    QTextStream(stdout) << label << "_median_ms " << ms[ms.size() / 2] << "\n"
                        << label << "_p95_ms " << ms[static_cast<size_t>(ms.size() * 0.95)] << "\n"
                        << label << "_max_ms " << ms.back() << "\n"
                        << label << "_findings_per_edit " << double(findings) / ms.size() << "\n";
    if (mode != Mode::FullParse)
      QTextStream(stdout) << label << "_parses full " << live.fullParses() << " incremental " << live.incrementalParses()
                          << "\n";
  };
  QTextStream(stdout) << "lines " << original.count('\n') << "\nbytes " << original.size() << "\nedits " << edits
                      << "\n";
  run(Mode::Keystroke, "keystroke");
  run(Mode::Accumulating, "incremental");
  if (qEnvironmentVariableIsSet("CIO_BENCH_FULL_TOO")) run(Mode::FullParse, "full");
  return 0;
}

// Starts `app --print-first-paint` `runs` times and prints the time from just before
// the process is started to the end of its main window's first paint (both on
// CLOCK_MONOTONIC), the median and every run.
static int startup(const QString &app, int runs) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    timespec t0{};
    clock_gettime(CLOCK_MONOTONIC, &t0);
    p.start(app, {QStringLiteral("--print-first-paint")});
    if (!p.waitForFinished(60000)) {
      QTextStream(stderr) << "startup: " << app << " did not finish\n";
      p.kill();
      return 1;
    }
    const QByteArray out = p.readAllStandardOutput();
    const qsizetype at = out.indexOf("first_paint_ns ");
    if (at < 0) {
      QTextStream(stderr) << "startup: no first_paint_ns in the output of " << app << "\n" << p.readAllStandardError();
      return 1;
    }
    const qint64 painted = out.mid(at + 15).trimmed().split('\n').first().toLongLong();
    ms.push_back((painted - (qint64(t0.tv_sec) * 1000000000LL + t0.tv_nsec)) / 1e6);
  }
  QTextStream o(stdout);
  o << "runs";
  for (double v : ms) o << " " << qRound(v);
  std::sort(ms.begin(), ms.end());
  o << "\nmedian_ms " << ms[ms.size() / 2] << "\nmin_ms " << ms.front() << "\n";
  return 0;
}

int main(int argc, char **argv) {
  QCoreApplication app(argc, argv);
  const QStringList args = app.arguments();
  if (args.size() >= 3 && args[1] == QLatin1String("parse")) return parseAll(args[2]);
  if (args.size() >= 3 && args[1] == QLatin1String("live-edit"))
    return liveEdit(args[2], args.size() >= 4 ? args[3].toInt() : 500);
  if (args.size() >= 3 && args[1] == QLatin1String("startup"))
    return startup(args[2], args.size() >= 4 ? args[3].toInt() : 5);
  QTextStream(stderr) << "usage: cio_bench parse DIR | live-edit FILE [N] | startup APP [RUNS]\n";
  return 2;
}
