#pragma once

#include "findings/finding.h"
#include "model/model.h"
#include "project/config.h"
#include "rules/rule.h"
#include "syntax/document.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>
#include <vector>

namespace cio {

struct AnalysisResult {
  std::vector<Finding> findings;  // sorted, suppressed ones removed (see suppressedCount)
  std::vector<SkippedFile> skipped;
  std::vector<FileModel> models;  // linked models of files that touch Customer.io
  int filesScanned = 0;
  int suppressedCount = 0;
};

// One file to analyse: `displayPath` goes into findings; `path` is read from disk unless
// `content` is given.
struct SourceFile {
  QString path;
  QString displayPath;
  std::optional<QByteArray> content;
};

// Why a file's bytes cannot be analysed as source, or empty when they can.
QString unreadableReason(const QByteArray &bytes);

// The analysis pipeline: source -> tree -> model -> (link) -> rules -> findings.
class Analyzer {
 public:
  explicit Analyzer(Config config = {});

  const Config &config() const { return m_config; }

  // In-memory text (playground, lessons, quizzes, tests). Runs the per-file and the
  // project-level rules over this one file.
  AnalysisResult analyzeSource(const QString &path, const QByteArray &utf8, const Language &language) const;

  // Why in-memory text cannot be analysed (over maxFileBytes, binary, not UTF-8), or
  // an empty string. analyzeSource() checks this first.
  QString sourceProblem(const QByteArray &utf8) const;

  // An already parsed document (the editor's incremental path).
  AnalysisResult analyzeDocument(const Document &doc, const QString &path) const;

  // Many files, in parallel on all cores. Output order is deterministic.
  // `progress` (optional) is called from worker threads after each file.
  // Setting `*cancel` stops the scan soon; the result then covers finished files.
  AnalysisResult analyzeFiles(const std::vector<SourceFile> &files,
                              const std::function<void(int done, int total, const QString &file)> &progress = {},
                              const std::atomic_bool *cancel = nullptr) const;

  // Links pending cross-file calls, runs every enabled rule, applies configuration and
  // suppressions. `sources` gives the text of each model's file (for columns).
  // `wholeProject`: see ProjectModel::wholeProject.
  AnalysisResult runRules(std::vector<FileModel> models, const QHash<QString, QByteArray> &sources,
                          bool wholeProject) const;

 private:
  Config m_config;
};

// Moves pending calls whose receiver is imported from a project module that exports a
// client into that file's calls (with the client's sdk).
void linkProject(std::vector<FileModel> &models);

}  // namespace cio
