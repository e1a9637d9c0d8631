#include "project/scanner.h"

#include "language/language.h"
#include "project/gitignore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <algorithm>
#include <cerrno>

#include <dirent.h>
#include <sys/stat.h>

namespace cio {

namespace {

enum class EntryType { Missing, Denied, Loop, File, Dir, Symlink, Fifo, Socket, CharDevice, BlockDevice, Other };

// lstat: what the entry itself is, without following a link.
EntryType entryType(const QString &path, bool followLinks) {
  struct stat st;
  const QByteArray native = QFile::encodeName(path);
  const int rc = followLinks ? ::stat(native.constData(), &st) : ::lstat(native.constData(), &st);
  if (rc != 0) {
    if (errno == ELOOP) return EntryType::Loop;
    if (errno == EACCES) return EntryType::Denied;  // a folder on the way is not searchable
    return EntryType::Missing;
  }
  if (S_ISREG(st.st_mode)) return EntryType::File;
  if (S_ISDIR(st.st_mode)) return EntryType::Dir;
  if (S_ISLNK(st.st_mode)) return EntryType::Symlink;
  if (S_ISFIFO(st.st_mode)) return EntryType::Fifo;
  if (S_ISSOCK(st.st_mode)) return EntryType::Socket;
  if (S_ISCHR(st.st_mode)) return EntryType::CharDevice;
  if (S_ISBLK(st.st_mode)) return EntryType::BlockDevice;
  return EntryType::Other;
}

QString specialFileReason(EntryType t) {
  switch (t) {
    case EntryType::Fifo: return QStringLiteral("not a regular file (FIFO)");
    case EntryType::Socket: return QStringLiteral("not a regular file (socket)");
    case EntryType::CharDevice: return QStringLiteral("not a regular file (character device)");
    case EntryType::BlockDevice: return QStringLiteral("not a regular file (block device)");
    default: return QStringLiteral("not a regular file");
  }
}

QString joinPath(const QString &dir, const QString &name) {
  return dir.isEmpty() ? name : dir + QLatin1Char('/') + name;
}

bool isInside(const QString &path, const QString &root) {
  return path == root || path.startsWith(root.endsWith(QLatin1Char('/')) ? root : root + QLatin1Char('/'));
}

bool isSourceName(const QString &name) { return LanguageRegistry::forPath(name).isValid(); }

// The entries of `absDir` whose names are not valid UTF-8, as shown (U+FFFD for each bad
// byte): QDir leaves them out, and no QString names them so that they could be opened.
// Only folders and source files (by extension) are returned: those a scan would read.
QStringList namesNotUtf8(const QString &absDir) {
  QStringList out;
  const QByteArray native = QFile::encodeName(absDir);
  DIR *dir = ::opendir(native.constData());
  if (!dir) return out;
  while (const dirent *e = ::readdir(dir)) {
    const QByteArrayView raw(e->d_name);
    if (raw.isValidUtf8()) continue;
    const QString shown = QString::fromUtf8(raw);
    struct stat st;
    const QByteArray path = native + '/' + raw.toByteArray();
    if (::lstat(path.constData(), &st) != 0) continue;
    if (S_ISDIR(st.st_mode) || isSourceName(shown)) out << shown;
  }
  ::closedir(dir);
  out.sort();
  return out;
}

QByteArray readSmallFile(const QString &path) {
  if (entryType(path, true) != EntryType::File) return {};
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return f.read(1024 * 1024);  // a .gitignore larger than this is not a real one
}

// The enclosing git repository's root (the nearest ancestor with a .git entry).
QString repositoryRoot(const QString &canonicalDir) {
  QDir dir(canonicalDir);
  for (int depth = 0; depth < 256; ++depth) {
    if (QFileInfo::exists(dir.filePath(QStringLiteral(".git")))) return dir.absolutePath();
    if (!dir.cdUp()) break;
  }
  return QString();
}

}  // namespace

Scanner::Scanner(Config config) : m_config(std::move(config)) {}

void Scanner::setConfigBase(const QString &dir) {
  m_configBase = dir.isEmpty() ? QString() : QFileInfo(dir).canonicalFilePath();
}

const QStringList &Scanner::skippedFolderNames() {
  // Dependencies, build output and VCS metadata: never the project's own code, and
  // often huge.
  static const QStringList names = {QStringLiteral("node_modules"), QStringLiteral(".git"),
                                    QStringLiteral("dist"),         QStringLiteral("build"),
                                    QStringLiteral("vendor"),       QStringLiteral(".hg"),
                                    QStringLiteral(".svn")};
  return names;
}

ScanResult Scanner::scan(const QStringList &paths) const {
  ScanResult out;
  QSet<QString> seen;  // canonical paths of files already taken
  int folders = 0;
  for (const QString &p : paths)
    if (!p.isEmpty() && entryType(p, true) == EntryType::Dir) ++folders;

  for (const QString &given : paths) {
    if (given.isEmpty()) continue;
    const QString shown = QDir::cleanPath(given);
    const EntryType self = entryType(given, false);
    const EntryType target = self == EntryType::Symlink ? entryType(given, true) : self;
    if (self == EntryType::Missing || target == EntryType::Missing) {
      const QString why = self == EntryType::Symlink ? QStringLiteral("broken symbolic link")
                                                     : QStringLiteral("no such file or directory");
      out.errors << QStringLiteral("%1: %2").arg(given, why);
      out.skipped.push_back({shown, why});
      continue;
    }
    if (self == EntryType::Denied || target == EntryType::Denied) {
      const QString why = QStringLiteral("permission denied (a folder on the way cannot be searched)");
      out.errors << QStringLiteral("%1: %2").arg(given, why);
      out.skipped.push_back({shown, why});
      continue;
    }
    if (target == EntryType::Loop) {
      out.errors << QStringLiteral("%1: symbolic link loop").arg(given);
      out.skipped.push_back({shown, QStringLiteral("symbolic link loop")});
      continue;
    }
    if (target == EntryType::Dir) {
      const QString prefix =
          folders > 1 && shown != QLatin1String(".") ? shown + QLatin1Char('/') : QString();
      walkFolder(given, prefix, out, seen);
      continue;
    }
    if (target != EntryType::File) {
      out.skipped.push_back({shown, specialFileReason(target)});
      continue;
    }
    // A file named explicitly is analysed even when an ignore rule would skip it.
    const QString canonical = QFileInfo(given).canonicalFilePath();
    if (seen.contains(canonical)) continue;
    seen.insert(canonical);
    out.files.push_back(SourceFile{given, shown, std::nullopt});
  }

  std::sort(out.files.begin(), out.files.end(),
            [](const SourceFile &a, const SourceFile &b) { return a.displayPath < b.displayPath; });
  std::sort(out.skipped.begin(), out.skipped.end(), [](const SkippedFile &a, const SkippedFile &b) {
    return a.file != b.file ? a.file < b.file : a.reason < b.reason;
  });
  return out;
}

void Scanner::walkFolder(const QString &given, const QString &displayPrefix, ScanResult &out,
                         QSet<QString> &seen) const {
  const QString root = QFileInfo(given).canonicalFilePath();
  if (root.isEmpty()) {
    out.errors << QStringLiteral("%1: cannot resolve the folder").arg(given);
    return;
  }

  // .gitignore patterns are matched against paths relative to the repository root when
  // the folder lies inside a git repository, so the repository's own files apply.
  IgnoreRules gitignore;
  QString gitPrefix;  // the scanned folder relative to the repository root ("" = same)
  if (m_useGitignore) {
    const QString repo = repositoryRoot(root);
    if (!repo.isEmpty()) {
      const QString rel = QDir(repo).relativeFilePath(root);
      gitPrefix = rel == QLatin1String(".") ? QString() : rel;
      gitignore.addFile(QString(), readSmallFile(repo + QStringLiteral("/.git/info/exclude")));
      // .gitignore files of the folders above the scanned one (its own is read below).
      QString dir;
      const QStringList parts = gitPrefix.isEmpty() ? QStringList() : gitPrefix.split(QLatin1Char('/'));
      for (const QString &part : parts) {
        gitignore.addFile(dir, readSmallFile(repo + QLatin1Char('/') + joinPath(dir, QStringLiteral(".gitignore"))));
        dir = joinPath(dir, part);
      }
    }
  }
  auto absolute = [&](const QString &rel) { return rel.isEmpty() ? root : root + QLatin1Char('/') + rel; };
  auto ignoredByGit = [&](const QString &rel, bool isDir) {
    return m_useGitignore && gitignore.isIgnored(joinPath(gitPrefix, rel), isDir);
  };
  const QString configPrefix = !m_configBase.isEmpty() && m_configBase != root && isInside(root, m_configBase)
                                   ? root.mid(m_configBase.size() + 1)
                                   : QString();
  // The config's globs follow the same syntax (Config documents it); compiled once here
  // rather than per path.
  IgnoreRules configRules;
  for (const QString &glob : m_config.ignoreGlobs) configRules.addPattern(QString(), glob);
  auto ignoredByConfig = [&](const QString &rel, bool isDir) {
    return !configRules.isEmpty() && configRules.isIgnored(joinPath(configPrefix, rel), isDir);
  };

  std::vector<QString> stack{QString()};  // folders relative to root
  while (!stack.empty()) {
    const QString relDir = stack.back();
    stack.pop_back();
    const QString absDir = absolute(relDir);
    if (m_useGitignore)
      gitignore.addFile(joinPath(gitPrefix, relDir), readSmallFile(absDir + QStringLiteral("/.gitignore")));

    const QFileInfo dirInfo(absDir);
    if (!dirInfo.isReadable() || !dirInfo.isExecutable()) {
      out.skipped.push_back({displayPrefix + (relDir.isEmpty() ? QStringLiteral(".") : relDir),
                             QStringLiteral("cannot list folder: permission denied")});
      continue;
    }
    const QStringList names = QDir(absDir).entryList(
        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : namesNotUtf8(absDir))
      out.skipped.push_back({displayPrefix + joinPath(relDir, name),
                             QStringLiteral("name is not valid UTF-8: cannot be opened, not scanned")});
    std::vector<QString> subdirs;
    for (const QString &name : names) {
      const QString rel = joinPath(relDir, name);
      const QString abs = absolute(rel);
      const QString shown = displayPrefix + rel;
      const EntryType type = entryType(abs, false);
      if (type == EntryType::Missing) continue;  // vanished while we walked
      if (type == EntryType::Denied) {
        if (isSourceName(name)) out.skipped.push_back({shown, QStringLiteral("cannot read: permission denied")});
        continue;
      }
      if (type == EntryType::Dir) {
        if (skippedFolderNames().contains(name)) continue;
        if (ignoredByGit(rel, true) || ignoredByConfig(rel, true)) continue;
        subdirs.push_back(rel);
        continue;
      }
      if (ignoredByGit(rel, false) || ignoredByConfig(rel, false)) continue;
      if (type == EntryType::File) {
        if (!isSourceName(name)) continue;
        const QString canonical = QFileInfo(abs).canonicalFilePath();
        if (seen.contains(canonical)) continue;
        seen.insert(canonical);
        out.files.push_back(SourceFile{abs, shown, std::nullopt});
        continue;
      }
      if (type == EntryType::Symlink) {
        const EntryType target = entryType(abs, true);
        if (target == EntryType::Loop) {
          out.skipped.push_back({shown, QStringLiteral("symbolic link loop")});
          continue;
        }
        if (target == EntryType::Missing || target == EntryType::Denied) {
          if (isSourceName(name))
            out.skipped.push_back({shown, target == EntryType::Denied
                                              ? QStringLiteral("symbolic link to a path that cannot be read")
                                              : QStringLiteral("broken symbolic link")});
          continue;
        }
        if (target != EntryType::Dir && !isSourceName(name)) continue;
        const QString resolved = QFileInfo(abs).canonicalFilePath();
        if (!isInside(resolved, root)) {
          out.skipped.push_back({shown, QStringLiteral("symbolic link to a path outside the scanned folder")});
          continue;
        }
        // A link to a folder that contains it would repeat the walk forever if followed.
        if (target == EntryType::Dir && isInside(absDir, resolved)) {
          out.skipped.push_back({shown, QStringLiteral("symbolic link loop")});
          continue;
        }
        continue;  // inside the scanned folder: scanned where it really is
      }
      out.skipped.push_back({shown, specialFileReason(type)});
    }
    // Depth first, in name order.
    for (auto it = subdirs.rbegin(); it != subdirs.rend(); ++it) stack.push_back(*it);
  }
}

}  // namespace cio
