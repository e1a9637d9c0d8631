#pragma once

#include "findings/finding.h"
#include "project/analyzer.h"
#include "project/config.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace cio {

struct ScanResult {
  std::vector<SourceFile> files;     // sorted by displayPath; each real file once
  std::vector<SkippedFile> skipped;  // sorted by file; things a user would expect scanned
  QStringList errors;                // "PATH: no such file or directory": the caller exits 2
};

// Turns the paths a user gives into the source files to analyse.
//
// A file path is analysed as given (and reported with that path, cleaned). A folder is
// walked; its files are reported relative to it, or prefixed with the folder as given
// when several folders are scanned at once so that names stay unique. The walk:
//   - never enters node_modules, .git, dist, build, vendor (nor .hg, .svn);
//   - honours .gitignore files (the scanned folder's, nested ones, and those of the
//     enclosing git repository between its root and the scanned folder, plus
//     .git/info/exclude) and the config's `ignore` globs, read with .gitignore syntax
//     (relative to the folder, or to the config base);
//   - keeps only files with a supported extension (LanguageRegistry::forPath);
//   - never follows a symbolic link: a link whose target is inside the scanned folder is
//     left alone (the target is scanned where it really is), a link leading outside, a
//     link loop or a broken link to a source file is reported in `skipped`;
//   - reports FIFOs, sockets and devices in `skipped` without opening them.
// Nothing here reads file contents except .gitignore files: size, binary and encoding
// checks happen in the Analyzer.
class Scanner {
 public:
  explicit Scanner(Config config = {});

  void setUseGitignore(bool on) { m_useGitignore = on; }
  // The folder the config's `ignore` globs are relative to, when it is not the scanned
  // folder (a .cio-lint.json found in a parent folder). Empty: the scanned folder.
  void setConfigBase(const QString &dir);
  bool useGitignore() const { return m_useGitignore; }

  // Folder names that are never entered, wherever they are.
  static const QStringList &skippedFolderNames();

  ScanResult scan(const QStringList &paths) const;

 private:
  void walkFolder(const QString &given, const QString &displayPrefix, ScanResult &out,
                  QSet<QString> &seen) const;

  Config m_config;
  QString m_configBase;  // canonical, or empty
  bool m_useGitignore = true;
};

}  // namespace cio
