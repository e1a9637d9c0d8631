#pragma once

#include "findings/finding.h"
#include "language/language.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

namespace cio::desktop {

// Runs the analyzer over a buffer shortly after the user stops typing, on a worker
// thread. Every request gets a generation number; a result that comes back after a newer
// request was made is dropped, so the GUI never paints findings for text that is gone.
// The worker keeps the last syntax tree and re-parses incrementally
// (cio::IncrementalAnalyzer): a keystroke in a long file costs a re-parse of the edit.
class LiveAnalyzer : public QObject {
  Q_OBJECT

 public:
  explicit LiveAnalyzer(QObject *parent = nullptr);

  void setDelay(int ms) { m_timer.setInterval(ms); }
  // Queues an analysis of `source` (debounced).
  void schedule(const QByteArray &source, const cio::Language &language, const QString &path);
  // Starts one now, skipping the debounce (file open, quick fix, language change).
  void analyzeNow(const QByteArray &source, const cio::Language &language, const QString &path);
  // Forgets pending work; late results are dropped.
  void cancel();
  // True when nothing is queued or running.
  bool isIdle() const { return !m_timer.isActive() && m_running == 0; }
  quint64 generation() const { return m_generation; }

 Q_SIGNALS:
  void started();
  // Findings for exactly `source`. `skippedReason` says why nothing could be analysed.
  void finished(const std::vector<cio::Finding> &findings, const QByteArray &source, const QString &skippedReason,
                qint64 elapsedMs);
  void idle();

 private:
  void start();

  struct Worker;
  std::shared_ptr<Worker> m_worker;  // shared with running analyses, which may outlive us
  QTimer m_timer;
  QByteArray m_source;
  const cio::Language *m_language = nullptr;
  QString m_path;
  quint64 m_generation = 0;
  int m_running = 0;
};

}  // namespace cio::desktop
