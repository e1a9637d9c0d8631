#include "liveanalyzer.h"

#include "project/incremental.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <mutex>

namespace cio::desktop {

// Analyses run on the thread pool and may overlap (a newer request starts while an older
// one finishes): they take turns on the one tree, and one that is stale by its turn is
// skipped (its result would be dropped anyway).
struct LiveAnalyzer::Worker {
  std::mutex mutex;
  cio::IncrementalAnalyzer analyzer;
  std::atomic<quint64> latest{0};
};

namespace {
struct Outcome {
  std::vector<cio::Finding> findings;
  QByteArray source;
  QString skipped;
  qint64 elapsedMs = 0;
};
}  // namespace

LiveAnalyzer::LiveAnalyzer(QObject *parent) : QObject(parent), m_worker(std::make_shared<Worker>()) {
  m_timer.setSingleShot(true);
  m_timer.setInterval(250);
  connect(&m_timer, &QTimer::timeout, this, &LiveAnalyzer::start);
}

void LiveAnalyzer::schedule(const QByteArray &source, const cio::Language &language, const QString &path) {
  m_source = source;
  m_language = &language;
  m_path = path;
  ++m_generation;  // anything still running is stale from now on
  m_worker->latest = m_generation;
  m_timer.start();
}

void LiveAnalyzer::analyzeNow(const QByteArray &source, const cio::Language &language, const QString &path) {
  schedule(source, language, path);
  m_timer.stop();
  start();
}

void LiveAnalyzer::cancel() {
  ++m_generation;
  m_worker->latest = m_generation;
  const bool wasBusy = !isIdle();
  m_timer.stop();
  if (wasBusy && m_running == 0) Q_EMIT idle();
}

void LiveAnalyzer::start() {
  if (!m_language) return;
  const quint64 generation = m_generation;
  const QByteArray source = m_source;
  const cio::Language *language = m_language;
  const QString path = m_path;
  ++m_running;
  Q_EMIT started();
  auto *watcher = new QFutureWatcher<Outcome>(this);
  connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, generation] {
    watcher->deleteLater();
    --m_running;
    const Outcome out = watcher->result();
    if (generation == m_generation) Q_EMIT finished(out.findings, out.source, out.skipped, out.elapsedMs);
    if (isIdle()) Q_EMIT idle();
  });
  watcher->setFuture(QtConcurrent::run([worker = m_worker, generation, source, language, path] {
    QElapsedTimer clock;
    clock.start();
    Outcome out;
    out.source = source;
    const std::lock_guard<std::mutex> lock(worker->mutex);
    if (worker->latest != generation) return out;
    const cio::AnalysisResult r = worker->analyzer.analyze(path, source, *language);
    out.findings = r.findings;
    if (!r.skipped.empty()) out.skipped = r.skipped.front().reason;
    out.elapsedMs = clock.elapsed();
    return out;
  }));
}

}  // namespace cio::desktop
