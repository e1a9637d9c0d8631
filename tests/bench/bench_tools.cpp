// Benchmark helpers that measure the analyzer's parts in-process:
//   cio_bench parse DIR         tree-sitter parsing alone of every source file, all cores
//   cio_bench live-edit FILE N  N one-character edits at random positions: incremental
//                               re-parse + analysis per edit (the playground's path)
// Both print machine-readable "key value" lines; run.sh turns them into the table.
#include "adapters/adapter.h"
#include "language/language.h"
#include "project/analyzer.h"
#include "syntax/document.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <atomic>

using namespace cio;

static QStringList sourceFiles(const QString &root) {
  static const QStringList skipped = {"node_modules", ".git", "dist", "build", "vendor"};
  QStringList out;
  QDirIterator it(root, QDir::Files | QDir::NoSymLinks, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString p = it.next();
    bool skip = false;
    for (const QString &s : skipped) skip = skip || p.contains(QLatin1Char('/') + s + QLatin1Char('/'));
    if (!skip && LanguageRegistry::forPath(p).isValid()) out << p;
  }
  return out;
}

static int parseAll(const QString &root) {
  const QStringList files = sourceFiles(root);
  std::atomic<qint64> bytes{0};
  QElapsedTimer t;
  t.start();
  std::function<int(const QString &)> parseOne = [&](const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return 0;
    Document doc(LanguageRegistry::forPath(path), f.readAll());
    bytes += doc.source().size();
    return doc.parse() ? 1 : 0;
  };
  const QList<int> ok = QtConcurrent::blockingMapped(files, parseOne);
  const double secs = t.nsecsElapsed() / 1e9;
  QTextStream(stdout) << "files " << files.size() << "\nbytes " << bytes.load() << "\nseconds " << secs
                      << "\nmb_per_s " << (bytes.load() / 1e6) / secs << "\n";
  return std::count(ok.begin(), ok.end(), 1) == files.size() ? 0 : 1;
}

static int liveEdit(const QString &path, int edits) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return 2;
  Document doc(LanguageRegistry::forPath(path), f.readAll());
  if (!doc.parse()) return 2;
  const Analyzer analyzer;
  quint64 state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<quint32>(state >> 33);
  };
  std::vector<double> ms;
  ms.reserve(edits);
  for (int i = 0; i < edits; ++i) {
    const quint32 pos = next() % static_cast<quint32>(doc.source().size());
    QElapsedTimer t;
    t.start();
    // Alternate inserting and deleting a character so the file keeps its size.
    if (i % 2 == 0) doc.edit(pos, pos, "x");
    else doc.edit(pos, pos + 1, QByteArray());
    doc.parse();
    const AnalysisResult r = analyzer.analyzeDocument(doc, path);
    ms.push_back(t.nsecsElapsed() / 1e6);
    (void)r;
  }
  std::sort(ms.begin(), ms.end());
  QTextStream(stdout) << "edits " << edits << "\nmedian_ms " << ms[ms.size() / 2] << "\np95_ms "
                      << ms[static_cast<size_t>(ms.size() * 0.95)] << "\nmax_ms " << ms.back() << "\n";
  return 0;
}

int main(int argc, char **argv) {
  QCoreApplication app(argc, argv);
  const QStringList args = app.arguments();
  if (args.size() >= 3 && args[1] == QLatin1String("parse")) return parseAll(args[2]);
  if (args.size() >= 3 && args[1] == QLatin1String("live-edit"))
    return liveEdit(args[2], args.size() >= 4 ? args[3].toInt() : 500);
  QTextStream(stderr) << "usage: cio_bench parse DIR | live-edit FILE [N]\n";
  return 2;
}
