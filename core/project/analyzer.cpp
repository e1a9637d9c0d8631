#include "project/analyzer.h"

#include "adapters/adapter.h"
#include "findings/suppression.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QStringDecoder>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <unordered_map>
#include <cerrno>
#include <cstring>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace cio {

// UTF-16 text without a BOM: mostly-ASCII code units put a NUL in every other byte.
static bool looksLikeUtf16(const QByteArray &probe) {
  qsizetype evenNul = 0, oddNul = 0;
  for (qsizetype i = 0; i < probe.size(); ++i)
    if (probe.at(i) == '\0') ++(i % 2 ? oddNul : evenNul);
  const qsizetype half = probe.size() / 2;
  if (half < 2) return false;
  const qsizetype many = half * 3 / 10, few = half / 20;
  return (oddNul >= many && evenNul <= few) || (evenNul >= many && oddNul <= few);
}

QString unreadableReason(const QByteArray &bytes) {
  // Byte order marks first: UTF-16 text of a non-Latin script has no NUL at all, and a
  // UTF-32 BOM starts like a UTF-16 one.
  if (bytes.startsWith(QByteArrayLiteral("\xFF\xFE\x00\x00")) || bytes.startsWith(QByteArrayLiteral("\x00\x00\xFE\xFF")))
    return QStringLiteral("UTF-32 text is not supported; save the file as UTF-8");
  if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF"))
    return QStringLiteral("UTF-16 text is not supported; save the file as UTF-8");
  // Source text never holds a NUL byte; anywhere in the file it means binary (memchr-fast).
  if (bytes.contains('\0')) {
    if (looksLikeUtf16(bytes.left(8192)))
      return QStringLiteral("UTF-16 text (without byte order mark) is not supported; save the file as UTF-8");
    return QStringLiteral("binary file");
  }
  // A UTF-8 BOM is valid UTF-8 and the grammars skip it: accepted.
  // decode() is lazy: the result must be materialised for hasError() to mean anything.
  QStringDecoder decoder(QStringDecoder::Utf8);
  const QString decoded = decoder.decode(bytes);
  if (decoder.hasError()) return QStringLiteral("invalid UTF-8 (save the file as UTF-8)");
  return QString();
}

static QString tooLarge(qint64 limit, qint64 size) {
  return QStringLiteral("larger than the %1-byte limit (%2 bytes; see maxFileBytes)").arg(limit).arg(size);
}

Analyzer::Analyzer(Config config) : m_config(std::move(config)) {}

static bool touchesCustomerIo(const FileModel &m) {
  return !m.clients.empty() || !m.calls.empty() || !m.pendingCalls.empty() || !m.httpRequests.empty() ||
         !m.exports.empty() || m.handlesBounceWebhook;
}

static QString tooDeep(int limit) {
  return QStringLiteral("nested deeper than %1 syntax levels (see maxNestingDepth)").arg(limit);
}

AnalysisResult Analyzer::analyzeDocument(const Document &doc, const QString &path) const {
  if (syntaxTreeDepth(doc.tree(), m_config.limits.maxNestingDepth) > m_config.limits.maxNestingDepth) {
    AnalysisResult r;
    r.skipped.push_back({path, tooDeep(m_config.limits.maxNestingDepth)});
    return r;
  }
  const LanguageAdapter *adapter = adapterFor(doc.language().id);
  std::vector<FileModel> models;
  if (adapter && doc.tree()) models.push_back(adapter->extract(doc, path));
  QHash<QString, QByteArray> sources;
  sources.insert(path, doc.source());
  AnalysisResult r = runRules(std::move(models), sources, false);
  r.filesScanned = 1;
  return r;
}

AnalysisResult Analyzer::analyzeSource(const QString &path, const QByteArray &utf8, const Language &language) const {
  // The same per-file limits as a folder scan: pasted or generated text can be hostile too.
  QString why;
  if (utf8.size() > m_config.limits.maxFileBytes) why = tooLarge(m_config.limits.maxFileBytes, utf8.size());
  else why = unreadableReason(utf8);
  if (!why.isEmpty()) {
    AnalysisResult r;
    r.skipped.push_back({path, why});
    return r;
  }
  Document doc(language, utf8);
  if (!doc.parse(m_config.limits)) {
    AnalysisResult r;
    r.skipped.push_back({path, doc.errorString()});
    return r;
  }
  return analyzeDocument(doc, path);
}

namespace {
struct FileOutcome {
  std::optional<FileModel> model;
  QByteArray source;
  std::optional<SkippedFile> skipped;
};
}  // namespace

#ifdef Q_OS_UNIX
static QString openErrorReason(int err) {
  switch (err) {
    case ENOENT: return QStringLiteral("does not exist (deleted during the scan?)");
    case ELOOP: return QStringLiteral("symbolic link loop");
    case EACCES:
    case EPERM: return QStringLiteral("cannot read: permission denied");
    default: return QStringLiteral("cannot read: %1").arg(QString::fromLocal8Bit(std::strerror(err)));
  }
}
#endif

// Reads at most maxBytes + 1 bytes of a regular file into *out; returns why it could not,
// or an empty string. The file is opened first and checked through its descriptor, so a
// path swapped for a FIFO or a device after the folder walk never blocks the scan
// (O_NONBLOCK) and a file that grows while it is read is still cut at the limit.
static QString readSourceFile(const QString &path, qint64 maxBytes, QByteArray *out) {
#ifdef Q_OS_UNIX
  const QByteArray native = QFile::encodeName(path);
  int fd;
  do fd = ::open(native.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) return openErrorReason(errno);
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0) return openErrorReason(errno);
  if (S_ISDIR(st.st_mode)) return QStringLiteral("is a directory");
  if (!S_ISREG(st.st_mode)) return QStringLiteral("not a regular file (FIFO, socket or device)");
  if (st.st_size > maxBytes) return tooLarge(maxBytes, st.st_size);
  const qint64 want = maxBytes + 1;
  out->resize(static_cast<qsizetype>(std::min<qint64>(want, st.st_size + 1)));
  qint64 got = 0;
  for (;;) {
    if (got == out->size()) {
      if (got >= want) break;  // grew past the limit while we read: the size check says so
      out->resize(static_cast<qsizetype>(std::min<qint64>(want, got * 2 + 4096)));
    }
    const ssize_t n = ::read(fd, out->data() + got, static_cast<size_t>(out->size() - got));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return openErrorReason(errno);
    if (n == 0) break;
    got += n;
  }
  out->resize(static_cast<qsizetype>(got));
  return QString();
#else
  const QFileInfo info(path);
  if (!info.exists()) return QStringLiteral("does not exist (deleted during the scan?)");
  if (info.isDir()) return QStringLiteral("is a directory");
  if (!info.isFile()) return QStringLiteral("not a regular file");
  if (info.size() > maxBytes) return tooLarge(maxBytes, info.size());
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return QStringLiteral("cannot read: %1").arg(f.errorString());
  *out = f.read(maxBytes + 1);
  return QString();
#endif
}

static FileOutcome analyzeOne(const SourceFile &file, const ParseLimits &limits) {
  FileOutcome out;
  const QString shown = file.displayPath.isEmpty() ? file.path : file.displayPath;
  const Language &language = LanguageRegistry::forPath(file.path);
  if (!language.isValid()) {
    out.skipped = SkippedFile{shown, QStringLiteral("not a supported source file")};
    return out;
  }
  QByteArray bytes;
  if (file.content) {
    bytes = *file.content;
  } else if (const QString why = readSourceFile(file.path, limits.maxFileBytes, &bytes); !why.isEmpty()) {
    out.skipped = SkippedFile{shown, why};
    return out;
  }
  if (bytes.size() > limits.maxFileBytes) {
    out.skipped = SkippedFile{shown, tooLarge(limits.maxFileBytes, bytes.size())};
    return out;
  }
  if (const QString why = unreadableReason(bytes); !why.isEmpty()) {
    out.skipped = SkippedFile{shown, why};
    return out;
  }
  const LanguageAdapter *adapter = adapterFor(language.id);
  // Files that cannot touch Customer.io directly are parsed only when they import a
  // local module (they may use a client exported by it).
  if (!adapter->mayMentionCustomerIo(bytes) && !bytes.contains("./") && !bytes.contains("require") &&
      !bytes.contains("import")) {
    out.model = FileModel{};
    out.model->path = shown;
    out.model->language = language.id;
    return out;
  }
  Document doc(language, bytes);
  if (!doc.parse(limits)) {
    out.skipped = SkippedFile{shown, doc.errorString()};
    return out;
  }
  if (syntaxTreeDepth(doc.tree(), limits.maxNestingDepth) > limits.maxNestingDepth) {
    out.skipped = SkippedFile{shown, tooDeep(limits.maxNestingDepth)};
    return out;
  }
  out.model = adapter->extract(doc, shown);
  // Only a file with Customer.io facts can get a finding, so only its text (for columns)
  // is kept until the rules ran: a big project must not stay in memory whole.
  if (touchesCustomerIo(*out.model)) out.source = doc.source();
  return out;
}

AnalysisResult Analyzer::analyzeFiles(const std::vector<SourceFile> &files,
                                      const std::function<void(int, int, const QString &)> &progress,
                                      const std::atomic_bool *cancel) const {
  std::atomic_int done{0};
  const int total = static_cast<int>(files.size());
  const ParseLimits limits = m_config.limits;
  std::function<FileOutcome(const SourceFile &)> work = [&](const SourceFile &f) {
    if (cancel && cancel->load()) return FileOutcome{};
    FileOutcome o = analyzeOne(f, limits);
    const int n = ++done;
    if (progress) progress(n, total, f.displayPath.isEmpty() ? f.path : f.displayPath);
    return o;
  };
  const std::vector<FileOutcome> outcomes = QtConcurrent::blockingMapped<std::vector<FileOutcome>>(files, work);

  std::vector<FileModel> models;
  QHash<QString, QByteArray> sources;
  std::vector<SkippedFile> skipped;
  int scanned = 0;
  for (const FileOutcome &o : outcomes) {
    if (o.skipped) skipped.push_back(*o.skipped);
    if (!o.model) continue;
    ++scanned;
    if (touchesCustomerIo(*o.model) || !o.model->imports.empty()) {
      sources.insert(o.model->path, o.source);
      models.push_back(*o.model);
    }
  }
  AnalysisResult r = runRules(std::move(models), sources, true);
  r.filesScanned = scanned;
  r.skipped = std::move(skipped);
  std::sort(r.skipped.begin(), r.skipped.end(),
            [](const SkippedFile &a, const SkippedFile &b) { return a.file < b.file; });
  return r;
}

// --- cross-file linking -----------------------------------------------------------

static QString withoutExtension(const QString &path) {
  const int slash = static_cast<int>(path.lastIndexOf(QLatin1Char('/')));
  const int dot = static_cast<int>(path.lastIndexOf(QLatin1Char('.')));
  return dot > slash ? path.left(dot) : path;
}

// Module keys a file can be imported by: its path without extension, and its folder
// when it is an index/__init__ file or a Go file (a Go package is a folder).
static QStringList moduleKeys(const FileModel &m) {
  const QString clean = QDir::cleanPath(m.path);
  const QString base = withoutExtension(clean);
  QStringList keys{base};
  const QString name = QFileInfo(clean).completeBaseName();
  if (name == QLatin1String("index") || name == QLatin1String("__init__") || m.language == LanguageId::Go)
    keys << QFileInfo(clean).path();
  return keys;
}

// `$global`, `CONSTANT`, `Constant.method`: names reachable from any file of a project.
static bool isProjectGlobalName(const QString &name) {
  return !name.isEmpty() && (name.front() == QLatin1Char('$') || name.front().isUpper());
}

static bool globalsSpanFiles(LanguageId language) { return language == LanguageId::Ruby; }

void linkProject(std::vector<FileModel> &models) {
  struct Target {
    const FileModel *file;
    QStringList keys;
  };
  std::vector<Target> exporters;
  for (const FileModel &m : models)
    if (!m.exports.empty()) exporters.push_back({&m, moduleKeys(m)});
  if (exporters.empty()) return;

  for (FileModel &m : models) {
    if (m.pendingCalls.empty()) continue;
    const QString dir = QFileInfo(QDir::cleanPath(m.path)).path();
    std::vector<std::pair<QString, Call>> keep;
    for (auto &[receiver, call] : m.pendingCalls) {
      const Client *client = nullptr;
      bool imported = false;
      // Every import of that name (a Ruby file may `require` several local files).
      for (const LocalImport &i : m.imports) {
        if (i.localName != receiver || client) continue;
        imported = true;
        const LocalImport *imp = &i;
        const bool relative = imp->specifier.startsWith(QLatin1Char('.'));
        // `@/lib/cio` and `~/lib/cio` (TS/Next.js path aliases for the source root) match
        // any module whose path ends with lib/cio.
        QString spec = imp->specifier;
        if (spec.startsWith(QLatin1String("@/")) || spec.startsWith(QLatin1String("~/"))) spec = spec.mid(2);
        const QString wanted = withoutExtension(QDir::cleanPath(relative ? dir + QLatin1Char('/') + spec : spec));
        for (const Target &t : exporters) {
          bool match = false;
          for (const QString &k : t.keys)
            match = match || k == wanted || (!relative && k.endsWith(QLatin1Char('/') + wanted));
          if (!match) continue;
          for (const ClientExport &e : t.file->exports)
            if (e.exportedName == imp->importedName && e.clientId >= 0 &&
                e.clientId < static_cast<int>(t.file->clients.size()))
              client = &t.file->clients[e.clientId];
        }
      }
      // Globals and constants need no import where the language makes them project-wide
      // (Ruby's `$customerio`, `CIO`, `Cio.client`, autoloaded by Rails; a `require` only
      // loads the file): any same-language file that exports exactly that name. In
      // module-scoped languages an unresolved import stays unresolved.
      if (!client && (!imported || globalsSpanFiles(m.language)) && isProjectGlobalName(receiver)) {
        for (const Target &t : exporters) {
          if (t.file->language != m.language) continue;
          for (const ClientExport &e : t.file->exports)
            if (e.exportedName == receiver && e.clientId >= 0 &&
                e.clientId < static_cast<int>(t.file->clients.size()))
              client = &t.file->clients[e.clientId];
        }
      }
      if (client) {
        call.sdk = client->sdk;
        call.clientId = -1;
        m.calls.push_back(call);
      } else {
        keep.emplace_back(receiver, call);
      }
    }
    m.pendingCalls = std::move(keep);
    std::sort(m.calls.begin(), m.calls.end(),
              [](const Call &a, const Call &b) { return a.range.startByte < b.range.startByte; });
  }
}

// --- rules --------------------------------------------------------------------------

AnalysisResult Analyzer::runRules(std::vector<FileModel> models, const QHash<QString, QByteArray> &sources,
                                  bool wholeProject) const {
  linkProject(models);
  AnalysisResult result;
  std::vector<Finding> raw;
  const ProjectModel project{std::move(models), wholeProject};
  for (const auto &rule : builtinRules()) {
    const RuleInfo &info = rule->info();
    if (!m_config.isEnabled(info.id)) continue;
    const Severity severity = m_config.severityFor(info.id, info.defaultSeverity);
    FindingSink sink(info, [&](Finding f) {
      f.severity = severity;
      raw.push_back(std::move(f));
    });
    for (const FileModel &m : project.files) rule->check(m, sink);
    rule->checkProject(project, sink);
  }
  QHash<QString, const FileModel *> byPath;
  for (const FileModel &m : project.files) byPath.insert(m.path, &m);
  QHash<QString, SuppressionSet> suppressions;
  std::unordered_map<QString, ColumnIndex> columns;  // built once per file with findings
  for (Finding &f : raw) {
    auto col = columns.find(f.file);
    if (col == columns.end()) col = columns.emplace(f.file, ColumnIndex(sources.value(f.file))).first;
    computeLineColumns(col->second, f);
    if (!suppressions.contains(f.file)) {
      const FileModel *m = byPath.value(f.file);
      suppressions.insert(f.file, SuppressionSet(m ? m->comments : std::vector<Comment>{}));
    }
    if (suppressions.value(f.file).suppresses(f)) {
      ++result.suppressedCount;
      continue;
    }
    result.findings.push_back(std::move(f));
  }
  std::sort(result.findings.begin(), result.findings.end());
  result.models = project.files;
  return result;
}

}  // namespace cio
