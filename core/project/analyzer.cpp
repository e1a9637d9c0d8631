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

namespace cio {

QString unreadableReason(const QByteArray &bytes) {
  const qsizetype probe = std::min<qsizetype>(bytes.size(), 8192);
  if (bytes.left(probe).contains('\0')) {
    if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF"))
      return QStringLiteral("UTF-16 text is not supported; save the file as UTF-8");
    return QStringLiteral("binary file");
  }
  QStringDecoder decoder(QStringDecoder::Utf8);
  (void)decoder.decode(bytes);
  if (decoder.hasError()) return QStringLiteral("invalid UTF-8");
  return QString();
}

Analyzer::Analyzer(Config config) : m_config(std::move(config)) {}

static bool touchesCustomerIo(const FileModel &m) {
  return !m.clients.empty() || !m.calls.empty() || !m.pendingCalls.empty() || !m.httpRequests.empty() ||
         !m.exports.empty() || m.handlesBounceWebhook;
}

AnalysisResult Analyzer::analyzeDocument(const Document &doc, const QString &path) const {
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
  } else {
    QFile f(file.path);
    const QFileInfo info(file.path);
    if (info.isDir()) {
      out.skipped = SkippedFile{shown, QStringLiteral("is a directory")};
      return out;
    }
    if (!info.isFile()) {
      out.skipped = SkippedFile{shown, QStringLiteral("not a regular file")};
      return out;
    }
    if (info.size() > limits.maxFileBytes) {
      out.skipped = SkippedFile{shown, QStringLiteral("larger than the %1-byte limit (%2 bytes)")
                                           .arg(limits.maxFileBytes)
                                           .arg(info.size())};
      return out;
    }
    if (!f.open(QIODevice::ReadOnly)) {
      out.skipped = SkippedFile{shown, QStringLiteral("cannot read: %1").arg(f.errorString())};
      return out;
    }
    bytes = f.read(limits.maxFileBytes + 1);
  }
  if (bytes.size() > limits.maxFileBytes) {
    out.skipped = SkippedFile{shown, QStringLiteral("larger than the %1-byte limit").arg(limits.maxFileBytes)};
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
  out.model = adapter->extract(doc, shown);
  if (touchesCustomerIo(*out.model) || !out.model->imports.empty()) out.source = std::move(bytes);
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
  for (Finding &f : raw) {
    const QByteArray src = sources.value(f.file);
    computeLineColumns(src, f);
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
