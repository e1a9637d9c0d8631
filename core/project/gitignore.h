#pragma once

#include <QByteArray>
#include <QRegularExpression>
#include <QString>

#include <vector>

namespace cio {

// The patterns of every .gitignore that applies to a walk, with git's common semantics:
//   - blank lines and `#` comments are ignored; `\#` and `\!` escape a leading # or !;
//     trailing spaces are dropped unless escaped with a backslash;
//   - `*` and `?` never match `/`; `[abc]`, `[a-z]`, `[!a-z]` are character classes;
//   - a leading `**/` matches in every folder, a trailing `/**` matches everything inside,
//     `/**/` matches zero or more folders;
//   - a pattern with a `/` at the start or in the middle is anchored to the folder of its
//     .gitignore; without one it matches a name at any depth below that folder;
//   - a trailing `/` matches folders only;
//   - `!` re-includes what an earlier pattern excluded (not inside an excluded folder:
//     the walker never enters one, as git does);
//   - the last matching pattern wins, and a deeper .gitignore comes after a shallower one.
// Paths are relative to one common base (the walk's repository or scan root), with
// forward slashes and no leading or trailing slash.
class IgnoreRules {
 public:
  // Adds the lines of a .gitignore that lives in folder `baseDir` ("" for the base).
  void addFile(const QString &baseDir, const QByteArray &content);
  // Adds one pattern line (as written in a .gitignore).
  void addPattern(const QString &baseDir, const QString &line);

  bool isIgnored(const QString &relativePath, bool isDir) const;
  bool isEmpty() const { return m_patterns.empty(); }

 private:
  struct Pattern {
    QString base;  // "" or "src/app" (no trailing slash)
    QRegularExpression re;
    bool negated = false;
    bool dirOnly = false;
  };
  std::vector<Pattern> m_patterns;  // in precedence order: a later match wins
};

// The regular expression (without anchors) for one glob in gitignore syntax, where `*`
// and `?` stay within one path segment and `**` spans segments.
QString gitGlobToRegex(const QString &glob);

}  // namespace cio
