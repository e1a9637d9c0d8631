#pragma once

#include "findings/finding.h"
#include "model/model.h"
#include "project/config.h"
#include "rules/rule.h"
#include "syntax/document.h"

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace cio {

struct AnalysisResult {
  std::vector<Finding> findings;  // sorted, suppressed ones removed (see suppressedCount)
  std::vector<SkippedFile> skipped;
  std::vector<FileModel> models;  // linked models of files that touch Customer.io
  int filesScanned = 0;
  int suppressedCount = 0;
  // Files that touch Customer.io and have syntax errors: analysed as far as they parse
  // (tree-sitter recovers), so findings in the broken part may be missing.
  QStringList withSyntaxErrors;
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

// What a scan keeps per file so that a later change re-analyses only the changed files
// (review mode's re-scan on disk changes). Only files that touch Customer.io keep their
// model and text: a big project does not stay in memory whole.
struct ScanCache {
  struct Entry {
    SourceFile file;                 // how to read it again
    std::optional<FileModel> model;  // before linking; only when it touches Customer.io
    QByteArray source;               // the analysed text of `model`
    std::optional<SkippedFile> skipped;
    bool scanned = false;   // read and analysed (or found not to matter)
    bool unparsed = false;  // valid, but never parsed: names no client module
    bool viaHint = false;   // parsed only because it names a client module
    bool syntaxErrors = false;  // parsed with errors: analysed as far as it parses
    quint64 order = 0;      // first-seen order, so results do not depend on history
  };
  std::map<QString, Entry> files;  // by display path
  QList<QByteArray> hints;         // what pass 2 looked for (see importHints)
  QSet<QString> exporterDirs;
  quint64 nextOrder = 0;
  bool complete = false;  // false after a cancelled scan: do not build on it
};

// Called from worker threads as each file finishes, with the findings that file has on
// its own (per-file rules, before cross-file linking): the early rows of a review.
using FileFindingsCallback = std::function<void(const QString &file, const std::vector<Finding> &findings)>;

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

  // How much of a file analysed on its own the adapter reads: the statements that can
  // change its findings (the default: syntax/statements.h), or all of it (what a project
  // scan does, where other files may import any of its names; tests compare the two).
  enum class Extraction { RelevantStatements, WholeFile };
  // An already parsed document (the editor's incremental path).
  AnalysisResult analyzeDocument(const Document &doc, const QString &path,
                                 Extraction extraction = Extraction::RelevantStatements) const;

  // Many files, in parallel on all cores. Output order is deterministic.
  // `progress` (optional) is called from worker threads after each file.
  // Setting `*cancel` stops the scan soon; the result then covers finished files.
  AnalysisResult analyzeFiles(const std::vector<SourceFile> &files,
                              const std::function<void(int done, int total, const QString &file)> &progress = {},
                              const std::atomic_bool *cancel = nullptr, const FileFindingsCallback &fileFindings = {},
                              ScanCache *cache = nullptr) const;

  // Re-analyses `changed` (new or edited files; `content` may hold an unsaved buffer) and
  // drops `removed` (display paths) in `cache`, reusing every other file's cached model,
  // then links and runs the rules over the whole project again. `progress` counts only
  // the files read again.
  AnalysisResult updateFiles(ScanCache &cache, const std::vector<SourceFile> &changed, const QStringList &removed,
                             const std::function<void(int done, int total, const QString &file)> &progress = {},
                             const std::atomic_bool *cancel = nullptr,
                             const FileFindingsCallback &fileFindings = {}) const;

  // Links pending cross-file calls, runs every enabled rule, applies configuration and
  // suppressions. `sources` gives the text of each model's file (for columns).
  // `wholeProject`: see ProjectModel::wholeProject. `analysed`: every file the analysis
  // read, also those without a model (no Customer.io facts), so an import of one of them
  // resolves (LocalImport::resolvedPath); the models' files are always included.
  AnalysisResult runRules(std::vector<FileModel> models, const QHash<QString, QByteArray> &sources, bool wholeProject,
                          const QStringList &analysed = {}) const;

 private:
  Config m_config;
};

// Moves pending calls whose receiver is imported from a project module that exports a
// client into that file's calls (with the client's sdk).
// Also resolves every local import to the analysed file it names (`analysed` as for
// Analyzer::runRules).
void linkProject(std::vector<FileModel> &models, const QStringList &analysed = {});

}  // namespace cio
