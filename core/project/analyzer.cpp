#include "project/analyzer.h"

#include "project/manifests.h"

#include "adapters/adapter.h"
#include "findings/suppression.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QtConcurrent/QtConcurrentMap>
#include <atomic>
#include <mutex>

#include <algorithm>
#include <utility>
#include <unordered_map>
#include <cerrno>
#include <cstring>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace cio {

// Offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), or -1. Written out rather than asking
// QStringDecoder because the reason names where the bad byte is.
static qsizetype firstInvalidUtf8(const QByteArray &bytes) {
  const auto *p = reinterpret_cast<const unsigned char *>(bytes.constData());
  const qsizetype n = bytes.size();
  for (qsizetype i = 0; i < n;) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) len = 3, lo = 0xA0;
    else if (c == 0xED) len = 3, hi = 0x9F;
    else if (c >= 0xE1 && c <= 0xEF) len = 3;
    else if (c == 0xF0) len = 4, lo = 0x90;
    else if (c == 0xF4) len = 4, hi = 0x8F;
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else return i;
    if (i + len > n) return i;
    if (p[i + 1] < lo || p[i + 1] > hi) return i;
    for (int k = 2; k < len; ++k)
      if ((p[i + k] & 0xC0) != 0x80) return i;
    i += len;
  }
  return -1;
}

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
  if (const qsizetype bad = firstInvalidUtf8(bytes); bad >= 0)
    return QStringLiteral("invalid UTF-8 on line %1 (save the file as UTF-8)").arg(bytes.left(bad).count('\n') + 1);
  return QString();
}

static QString tooLarge(qint64 limit, qint64 size) {
  return QStringLiteral("larger than the %1-byte limit (%2 bytes; see maxFileBytes)").arg(limit).arg(size);
}

Analyzer::Analyzer(Config config) : m_config(std::move(config)) {}

static bool touchesCustomerIo(const FileModel &m) {
  return !m.clients.empty() || !m.calls.empty() || !m.pendingCalls.empty() || !m.httpRequests.empty() ||
         !m.exports.empty() || m.handlesBounceWebhook || !m.webhookReads.empty() || m.webhookSignature.any();
}

static QString tooDeep(int limit) {
  return QStringLiteral("nested deeper than %1 syntax levels (see maxNestingDepth)").arg(limit);
}

AnalysisResult Analyzer::analyzeDocument(const Document &doc, const QString &path, Extraction extraction) const {
  const int maxDepth = m_config.limits.maxNestingDepth;
  const LanguageAdapter *adapter = adapterFor(doc.language().id);
  std::vector<FileModel> models;
  std::optional<FileModel> model;
  bool tooDeepTree;
  if (adapter && doc.tree()) {
    model = extraction == Extraction::WholeFile ? adapter->extractWithin(doc, path, maxDepth)
                                                : adapter->extractAlone(doc, path, maxDepth);
    tooDeepTree = !model;
  } else {
    tooDeepTree = syntaxTreeDepth(doc.tree(), maxDepth) > maxDepth;
  }
  if (tooDeepTree) {
    AnalysisResult r;
    r.skipped.push_back({path, tooDeep(maxDepth)});
    return r;
  }
  if (model) models.push_back(std::move(*model));
  QHash<QString, QByteArray> sources;
  sources.insert(path, doc.source());
  AnalysisResult r = runRules(std::move(models), sources, false);
  r.filesScanned = 1;
  return r;
}

QString Analyzer::sourceProblem(const QByteArray &utf8) const {
  // The same per-file limits as a folder scan: pasted or generated text can be hostile too.
  if (utf8.size() > m_config.limits.maxFileBytes) return tooLarge(m_config.limits.maxFileBytes, utf8.size());
  return unreadableReason(utf8);
}

AnalysisResult Analyzer::analyzeSource(const QString &path, const QByteArray &utf8, const Language &language) const {
  if (const QString why = sourceProblem(utf8); !why.isEmpty()) {
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
  bool deferred = false;  // read and valid, not parsed yet (see analyzeOne)
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

// Reads and checks one file. With `parseAlways` false, a file that cannot touch
// Customer.io directly is not parsed: it comes back with `deferred` set, and is parsed
// later only if it names a project module that exports a client.
static FileOutcome analyzeOne(const SourceFile &file, const ParseLimits &limits, bool parseAlways) {
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
  if (!parseAlways && !adapter->mayMentionCustomerIo(bytes)) {
    out.deferred = true;
    return out;
  }
  Document doc(language, bytes);
  if (!doc.parse(limits)) {
    out.skipped = SkippedFile{shown, doc.errorString()};
    return out;
  }
  out.model = adapter->extractWithin(doc, shown, limits.maxNestingDepth);
  if (!out.model) {
    out.skipped = SkippedFile{shown, tooDeep(limits.maxNestingDepth)};
    return out;
  }
  // Only a file with Customer.io facts can get a finding, so only its text (for columns)
  // is kept until the rules ran: a big project must not stay in memory whole.
  if (touchesCustomerIo(*out.model)) out.source = doc.source();
  return out;
}

// What a file must contain to possibly use a client exported by `exporter`: the module's
// name as an import would spell it (lib/messaging.js -> "messaging"; a Go package or an
// index/__init__ file -> its folder's name), or, where globals span files (Ruby), the
// exported name itself.
static QList<QByteArray> importHints(const FileModel &exporter) {
  const QFileInfo info(QDir::cleanPath(exporter.path));
  const QString base = info.completeBaseName();
  QList<QByteArray> hints;
  if (base == QLatin1String("index") || base == QLatin1String("__init__") || exporter.language == LanguageId::Go)
    hints << QFileInfo(info.path()).fileName().toUtf8();
  else
    hints << base.toUtf8();
  if (exporter.language == LanguageId::Ruby)
    for (const ClientExport &e : exporter.exports) hints << e.exportedName.toUtf8();
  hints.removeAll(QByteArray());
  return hints;
}

// What a model adds to pass 2's look-up (see updateFiles): names a deferred file must
// contain to be parsed, and (Go, where a package is a folder) folders whose files are.
static void addPassTwoHints(const FileModel &m, QList<QByteArray> &hints, QSet<QString> &dirs) {
  // A verifier a route names (a decorator, filter, concern, middleware) is judged by the
  // file that defines it, which may mention nothing of Customer.io: look for it too.
  for (const QString &name : m.webhookSignature.verifierNames)
    hints << (name.contains(QLatin1Char('.')) ? QStringLiteral("package ") + name.section(QLatin1Char('.'), 0, 0) : name)
                 .toUtf8();
  if (m.exports.empty()) return;
  hints << importHints(m);
  if (m.language == LanguageId::Go) dirs.insert(QFileInfo(QDir::cleanPath(m.path)).path());
}

// Whether pass 2 parses a deferred file: it lies in a folder of `dirs` or contains a hint.
static bool passTwoCandidate(const SourceFile &f, const QString &shown, const QList<QByteArray> &hints,
                             const QSet<QString> &dirs, qint64 maxFileBytes) {
  if (dirs.contains(QFileInfo(QDir::cleanPath(shown)).path())) return true;
  if (hints.isEmpty()) return false;
  QByteArray bytes;
  if (f.content)
    bytes = *f.content;
  else
    readSourceFile(f.path, maxFileBytes, &bytes);
  // std::as_const: `hints` may share its data with another list, and a non-const begin()
  // would detach it, from every worker thread at once.
  for (const QByteArray &h : std::as_const(hints))
    if (bytes.contains(h)) return true;
  return false;
}

AnalysisResult Analyzer::analyzeFiles(const std::vector<SourceFile> &files,
                                      const std::function<void(int, int, const QString &)> &progress,
                                      const std::atomic_bool *cancel, const FileFindingsCallback &fileFindings,
                                      ScanCache *cache) const {
  ScanCache local;
  ScanCache &c = cache ? *cache : local;
  c = ScanCache{};
  return updateFiles(c, files, {}, progress, cancel, fileFindings);
}

AnalysisResult Analyzer::updateFiles(ScanCache &cache, const std::vector<SourceFile> &changed,
                                     const QStringList &removed,
                                     const std::function<void(int, int, const QString &)> &progress,
                                     const std::atomic_bool *cancel, const FileFindingsCallback &fileFindings) const {
  const auto shownOf = [](const SourceFile &f) { return f.displayPath.isEmpty() ? f.path : f.displayPath; };
  for (const QString &r : removed) cache.files.erase(r);
  std::atomic_int done{0};
  const int total = static_cast<int>(changed.size());
  const ParseLimits limits = m_config.limits;
  // A file's own findings, as soon as it is parsed (linking and project rules come later).
  const auto report = [&](const FileOutcome &o) {
    if (!fileFindings || !o.model || !touchesCustomerIo(*o.model)) return;
    const AnalysisResult alone = runRules({*o.model}, {{o.model->path, o.source}}, false);
    fileFindings(o.model->path, alone.findings);
  };
  // Pass 2 starts early in a fresh scan: a worker that finds no pass-1 file left to take
  // looks at the files deferred so far, with the hints of the models finished so far,
  // while other workers still analyse the large files (a 5 MB bundle keeps one core busy
  // for seconds). Hints only grow during pass 1, so a file selected early is selected by
  // pass 2 too, which takes its outcome; a file turned away early is looked at again only
  // if hints arrived after it was. (With a populated cache, pass 2's hints also come from
  // files not scanned now: it then starts after pass 1, as it always did.)
  struct Early {
    bool enabled = false;
    std::mutex mutex;
    QList<QByteArray> hints;
    QSet<QString> dirs;
    int version = 0;  // how many times hints or dirs grew
    std::vector<const SourceFile *> queue;  // deferred, not looked at yet
    QHash<QString, FileOutcome> selected;   // by shown path
    QHash<QString, int> turnedAway;         // by shown path: the version it was looked at with
  } early;
  early.enabled = cache.files.empty();
  std::atomic_int started{0};
  const auto lookEarly = [&] {
    for (;;) {
      if (cancel && cancel->load()) return;
      const SourceFile *f;
      QList<QByteArray> hints;
      QSet<QString> dirs;
      int version;
      {
        const std::lock_guard lock(early.mutex);
        if (early.queue.empty()) return;
        f = early.queue.back();
        early.queue.pop_back();
        hints = early.hints;
        dirs = early.dirs;
        version = early.version;
      }
      const QString shown = shownOf(*f);
      if (!passTwoCandidate(*f, shown, hints, dirs, limits.maxFileBytes)) {
        const std::lock_guard lock(early.mutex);
        early.turnedAway.insert(shown, version);
        continue;
      }
      FileOutcome o = analyzeOne(*f, limits, true);
      o.deferred = false;
      const std::lock_guard lock(early.mutex);
      early.selected.insert(shown, std::move(o));
    }
  };
  // Pass 1: every file is read and checked; only those that can touch Customer.io
  // directly are parsed (the cheap decision that keeps a scan near grep speed).
  std::function<FileOutcome(const SourceFile &)> work = [&](const SourceFile &f) {
    if (cancel && cancel->load()) return FileOutcome{};
    ++started;
    FileOutcome o = analyzeOne(f, limits, false);
    if (!o.deferred) {
      report(o);
      const int n = ++done;
      if (progress) progress(n, total, shownOf(f));
    }
    if (early.enabled) {
      {
        const std::lock_guard lock(early.mutex);
        if (o.deferred) {
          early.queue.push_back(&f);
        } else if (o.model && touchesCustomerIo(*o.model)) {
          const qsizetype before = early.hints.size() + early.dirs.size();
          addPassTwoHints(*o.model, early.hints, early.dirs);
          if (early.hints.size() + early.dirs.size() != before) ++early.version;
        }
      }
      if (started.load() == total) lookEarly();
    }
    return o;
  };
  // Largest first (longest-processing-time-first scheduling): a 5 MB bundle taken up
  // last would run alone on one core after every other file is done.
  std::vector<std::pair<qint64, int>> bySize;
  bySize.reserve(changed.size());
  for (int i = 0; i < total; ++i) {
    const SourceFile &f = changed[i];
    bySize.emplace_back(f.content ? f.content->size() : QFileInfo(f.path).size(), i);
  }
  std::stable_sort(bySize.begin(), bySize.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
  // Each outcome is written in place (blockingMapped's reduce would copy every model).
  std::vector<FileOutcome> outcomes(changed.size());
  QtConcurrent::blockingMap(bySize,
                            [&](const std::pair<qint64, int> &s) { outcomes[s.second] = work(changed[s.second]); });

  bool cancelled = false;
  std::vector<const SourceFile *> pending;  // pass 2
  for (size_t i = 0; i < outcomes.size(); ++i) {
    FileOutcome &o = outcomes[i];
    const QString shown = shownOf(changed[i]);
    ScanCache::Entry entry;
    if (auto old = cache.files.find(shown); old != cache.files.end())
      entry.order = old->second.order;
    else
      entry.order = cache.nextOrder++;
    entry.file = changed[i];
    if (!o.model && !o.skipped && !o.deferred) {  // cancelled before it was read
      cancelled = true;
      cache.files.erase(shown);
      continue;
    }
    entry.skipped = o.skipped;
    entry.scanned = !o.skipped;
    entry.unparsed = o.deferred;
    entry.syntaxErrors = o.model && o.model->hasSyntaxErrors;
    if (o.model && touchesCustomerIo(*o.model)) {
      entry.model = std::move(o.model);
      entry.source = std::move(o.source);
    }
    cache.files[shown] = std::move(entry);
    if (o.deferred) pending.push_back(&cache.files[shown].file);
  }

  // Pass 2: a deferred file is parsed only when it names a module that exports a client
  // (a route that imports `../lib/messaging`, a Ruby file that uses `$customerio`). When
  // the set of such modules changed, files passed over before are looked at again.
  QList<QByteArray> hints;
  QSet<QString> exporterDirs;  // Go: a package is a folder; its files share names
  for (const auto &[path, e] : cache.files)
    if (e.model) addPassTwoHints(*e.model, hints, exporterDirs);
  if (hints != cache.hints || exporterDirs != cache.exporterDirs) {
    QSet<const SourceFile *> already(pending.begin(), pending.end());
    for (auto &[path, e] : cache.files)
      if ((e.unparsed || e.viaHint) && !already.contains(&e.file)) pending.push_back(&e.file);
  }
  cache.hints = hints;
  cache.exporterDirs = exporterDirs;
  const int secondTotal = total + static_cast<int>(pending.size()) -
                          static_cast<int>(std::count_if(outcomes.begin(), outcomes.end(),
                                                         [](const FileOutcome &o) { return o.deferred; }));
  std::function<FileOutcome(const SourceFile *const &)> second = [&](const SourceFile *const &fp) {
    const SourceFile &f = *fp;
    FileOutcome o;
    const QString shown = shownOf(f);
    if (cancel && cancel->load()) return o;
    enum { Unknown, Selected, TurnedAway } earlier = Unknown;
    if (early.enabled) {
      const std::lock_guard lock(early.mutex);
      if (const auto it = early.selected.find(shown); it != early.selected.end()) {
        o = std::move(*it);
        early.selected.erase(it);
        earlier = Selected;
      } else if (const auto t = early.turnedAway.constFind(shown);
                 t != early.turnedAway.cend() && *t == early.version) {
        earlier = TurnedAway;
      }
    }
    if (earlier == Selected) {
      report(o);
    } else if (earlier == Unknown && passTwoCandidate(f, shown, hints, exporterDirs, limits.maxFileBytes)) {
      o = analyzeOne(f, limits, true);
      o.deferred = false;
      report(o);
    } else {
      o.deferred = true;  // still passed over
    }
    const int n = ++done;
    if (progress) progress(n, std::max(n, secondTotal), shown);
    return o;
  };
  const std::vector<FileOutcome> deferred = QtConcurrent::blockingMapped<std::vector<FileOutcome>>(pending, second);
  for (size_t k = 0; k < pending.size(); ++k) {
    const FileOutcome &o = deferred[k];
    ScanCache::Entry &e = cache.files[shownOf(*pending[k])];
    if (!o.model && !o.skipped && !o.deferred) {  // cancelled
      cancelled = true;
      continue;
    }
    e.unparsed = o.deferred;
    e.viaHint = !o.deferred;
    e.syntaxErrors = o.model && o.model->hasSyntaxErrors;
    e.skipped = o.skipped;
    e.scanned = !o.skipped;
    e.model.reset();
    e.source.clear();
    if (o.model && touchesCustomerIo(*o.model)) {
      e.model = o.model;
      e.source = o.source;
    }
  }
  cache.complete = !cancelled && !(cancel && cancel->load());

  // Link and run the rules over the whole project, in first-seen order.
  std::vector<const ScanCache::Entry *> ordered;
  ordered.reserve(cache.files.size());
  for (const auto &[path, e] : cache.files) ordered.push_back(&e);
  std::sort(ordered.begin(), ordered.end(),
            [](const ScanCache::Entry *a, const ScanCache::Entry *b) { return a->order < b->order; });
  std::vector<FileModel> models;
  QHash<QString, QByteArray> sources;
  std::vector<SkippedFile> skipped;
  QStringList withSyntaxErrors;
  QStringList analysed;  // every file read and analysed, with or without Customer.io facts
  int scanned = 0;
  QHash<QString, SdkVersion> versions;  // by folder: each manifest is read once per scan
  for (const ScanCache::Entry *e : ordered) {
    if (e->skipped) skipped.push_back(*e->skipped);
    if (e->scanned) ++scanned;
    if (e->scanned) analysed << shownOf(e->file);
    if (e->syntaxErrors) withSyntaxErrors << shownOf(e->file);
    if (e->model) {
      sources.insert(e->model->path, e->source);
      models.push_back(*e->model);
      // Read again on every run, so an edited lockfile counts on the next re-scan.
      const SdkVersion v = findSdkVersion(QFileInfo(e->file.path).absolutePath(), e->model->language, &versions);
      models.back().sdkVersion = v.version;
      models.back().sdkVersionSource = v.source;
    }
  }
  AnalysisResult r = runRules(std::move(models), sources, true, analysed);
  r.filesScanned = scanned;
  withSyntaxErrors.sort();
  r.withSyntaxErrors = withSyntaxErrors;
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

// A Go import path (`github.com/acme/shop/internal/notify`) starts with the module path
// from go.mod, which the folder on disk (`/src/shop/internal/notify`) does not show: the
// two denote the same package when their trailing folders agree.
static bool sameGoPackage(const QString &folder, const QString &importPath) {
  const QStringList a = folder.split(QLatin1Char('/'), Qt::SkipEmptyParts);
  const QStringList b = importPath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
  return !a.isEmpty() && !b.isEmpty() && a.last() == b.last();
}

// `$global`, `CONSTANT`, `Constant.method`: names reachable from any file of a project.
static bool isProjectGlobalName(const QString &name) {
  return !name.isEmpty() && (name.front() == QLatin1Char('$') || name.front().isUpper());
}

static bool globalsSpanFiles(LanguageId language) { return language == LanguageId::Ruby; }

// The module a relative or source-root import names, as a path without extension
// (`./cio-signature.guard` from src/hooks -> src/hooks/cio-signature.guard), and whether
// it is relative. Path aliases (`@/lib/cio`, `~/lib/cio`) name a module whose path ends so.
static QString importedModule(const FileModel &m, const LocalImport &imp, bool *relative) {
  *relative = imp.specifier.startsWith(QLatin1Char('.'));
  QString spec = imp.specifier;
  if (spec.startsWith(QLatin1String("@/")) || spec.startsWith(QLatin1String("~/"))) spec = spec.mid(2);
  const QString dir = QFileInfo(QDir::cleanPath(m.path)).path();
  return QDir::cleanPath(*relative ? dir + QLatin1Char('/') + spec : spec);
}

// Which analysed file each local import names (LocalImport::resolvedPath), so rules can
// tell a module that was analysed (and found to do nothing) from one that was not seen.
static void resolveImports(std::vector<FileModel> &models, const QStringList &analysed) {
  QHash<QString, QString> byKey;  // module key -> file
  QStringList paths = analysed;
  for (const FileModel &m : models) paths << m.path;
  for (const QString &p : std::as_const(paths)) {
    const QString clean = QDir::cleanPath(p);
    byKey.insert(withoutExtension(clean), p);
    const QString name = QFileInfo(clean).completeBaseName();
    if (name == QLatin1String("index") || name == QLatin1String("__init__")) byKey.insert(QFileInfo(clean).path(), p);
  }
  for (FileModel &m : models) {
    if (m.language == LanguageId::Go) continue;  // a Go import names a package folder
    for (LocalImport &imp : m.imports) {
      bool relative = false;
      const QString path = importedModule(m, imp, &relative);
      // `./cio.js` names cio.ts too; `./cio-signature.guard` is cio-signature.guard.ts.
      for (const QString &wanted : {path, withoutExtension(path)}) {
        if (!imp.resolvedPath.isEmpty()) break;
        imp.resolvedPath = byKey.value(wanted);
        if (!imp.resolvedPath.isEmpty() || relative) continue;
        for (auto it = byKey.cbegin(); it != byKey.cend() && imp.resolvedPath.isEmpty(); ++it)
          if (it.key().endsWith(QLatin1Char('/') + wanted)) imp.resolvedPath = it.value();
      }
    }
  }
}

void linkProject(std::vector<FileModel> &models, const QStringList &analysed) {
  resolveImports(models, analysed);
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
        // A Go import names a folder (a package), never a file: keep dots in its name.
        const bool goPackage = m.language == LanguageId::Go;
        // `@/lib/cio` and `~/lib/cio` (TS/Next.js path aliases for the source root) match
        // any module whose path ends with lib/cio.
        QString spec = imp->specifier;
        if (spec.startsWith(QLatin1String("@/")) || spec.startsWith(QLatin1String("~/"))) spec = spec.mid(2);
        const QString path = QDir::cleanPath(relative ? dir + QLatin1Char('/') + spec : spec);
        const QString wanted = goPackage ? path : withoutExtension(path);
        for (const Target &t : exporters) {
          if (goPackage != (t.file->language == LanguageId::Go)) continue;
          bool match = false;
          for (const QString &k : t.keys)
            match = match || k == wanted || (!relative && k.endsWith(QLatin1Char('/') + wanted)) ||
                    (goPackage && !relative && sameGoPackage(k, wanted));
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
        call.returnsPromise = client->returnsPromises;
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
                                  bool wholeProject, const QStringList &analysed) const {
  linkProject(models, analysed);
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
