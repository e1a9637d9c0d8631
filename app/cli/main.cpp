// cio-lint: finds Customer.io integration pitfalls in source files and folders.
// Everything it reports comes from cio_core; this file only reads options, picks the
// configuration, and writes the chosen format. Exit codes: 0 clean, 1 findings at or
// above --fail-on, 2 usage, configuration or I/O error.
#include "findings/output.h"
#include "findings/report_html.h"
#include "lessons/lessonformat.h"
#include "lessons/lessonrepository.h"
#include "project/analyzer.h"
#include "project/config.h"
#include "project/scanner.h"
#include "rules/rule.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>

#include <unistd.h>

using namespace cio;

namespace {

enum ExitCode { ExitClean = 0, ExitFindings = 1, ExitError = 2 };

void writeOut(const QByteArray &bytes) {
  std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
  std::fflush(stdout);
}

void writeErr(const QString &line) {
  const QByteArray bytes = (line + QLatin1Char('\n')).toUtf8();
  std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
  std::fflush(stderr);
}

// Every exit after output goes through here: a report that could not be written (a full
// disk, a closed pipe) must not look like a clean run.
int finish(int code) {
  if (std::ferror(stdout)) {
    writeErr(QStringLiteral("cio-lint: cannot write to standard output"));
    return ExitError;
  }
  return code;
}

int usageError(const QString &message) {
  writeErr(QStringLiteral("cio-lint: %1").arg(message));
  writeErr(QStringLiteral("Try 'cio-lint --help' for more information."));
  return ExitError;
}

// Folders given with --lessons, added after CIO_LESSONS_PATH (so they win).
QStringList &lessonFolders() {
  static QStringList folders;
  return folders;
}

// The lessons compiled into the binary, overridden or extended by folders on disk
// (CIO_LESSONS_PATH, then --lessons): titles for --list-rules and SARIF, the full text
// for --explain. A lesson that cannot be read is reported once on stderr.
const LessonRepository &lessons() {
  static const LessonRepository repo = [] {
    LessonRepository r;
    r.addSearchPathsFromEnvironment();
    for (const QString &folder : lessonFolders()) r.addSearchPath(folder);
    for (const QString &e : r.errors()) writeErr(QStringLiteral("cio-lint: warning: %1").arg(e));
    return r;
  }();
  return repo;
}

LessonTitleLookup lessonTitles() {
  return [](const QString &id) { return lessons().lesson(id).title; };
}

QString helpText(const QCommandLineParser &parser) {
  QString text = parser.helpText();
  // Qt names the program as invoked (build/bin/cio-lint); the help names it plainly.
  const qsizetype eol = text.indexOf(QLatin1Char('\n'));
  const qsizetype options = text.indexOf(QLatin1String(" [options]"));
  if (options > 0 && options < eol) text.replace(0, options, QStringLiteral("Usage: cio-lint"));
  text += QStringLiteral(R"(
Files are analysed as given. Folders are walked: node_modules, .git, dist, build and
vendor are never entered, .gitignore files and the config's "ignore" globs are
honoured, symbolic links are not followed, and only files with a supported extension
(.js .mjs .cjs .jsx .ts .mts .cts .tsx .py .pyi .rb .rake .go) are read. Binary files,
invalid UTF-8, files over the size limit, FIFOs and devices are listed as skipped.

Configuration:
  By default cio-lint reads the nearest .cio-lint.json: in the first folder given (the
  current folder when only files are given) or a parent, up to the repository root.
  Its "ignore" globs are relative to the folder it is in. Example:
    {
      "rules": { "CIO010": "off", "email-as-id": "error" },
      "ignore": ["test/fixtures/**", "**/*.spec.ts"],
      "maxFileBytes": 5242880
    }
  An invalid configuration is an error (exit code 2).

Findings are reported with paths relative to the folder scanned (paths as given for
files; prefixed with the folder when several folders are scanned).

Exit codes:
  0  no finding at or above the --fail-on level
  1  at least one finding at or above the --fail-on level
  2  usage error, invalid configuration, or a path that does not exist
     (the other paths are still analysed and reported)
  Skipped files (binary, too large, unreadable) do not change the exit code.

--fail-on defaults to "info": any finding fails the run. Use "--fail-on error" to
fail only on errors, "--fail-on none" never to fail on findings.

Examples:
  cio-lint .                                   scan the current folder
  cio-lint src/ lib/customerio.js              a folder and a file
  cio-lint --format sarif . > cio-lint.sarif   for GitHub code scanning
  cio-lint --format json --fail-on error .     machine-readable, fail on errors only
  cio-lint --config ci/cio-lint.json .         another configuration file
  cio-lint --list-rules                        the rules, with default severities
  cio-lint --explain CIO002                    what a rule detects and why

Colour is used when standard output is a terminal and NO_COLOR is not set.
)");
  return text;
}

bool parseByteSize(const QString &text, qint64 *out) {
  QString t = text.trimmed().toUpper();
  qint64 factor = 1;
  if (t.endsWith(QLatin1Char('B'))) t.chop(1);
  if (t.endsWith(QLatin1Char('K'))) factor = 1024;
  else if (t.endsWith(QLatin1Char('M'))) factor = 1024 * 1024;
  else if (t.endsWith(QLatin1Char('G'))) factor = 1024LL * 1024 * 1024;
  if (factor != 1) t.chop(1);
  bool ok = false;
  const qint64 n = t.toLongLong(&ok);
  // Capped like the config's maxFileBytes (tree-sitter offsets are 32-bit); the check
  // also keeps n * factor from overflowing.
  if (!ok || n < 1 || n > 2147483647LL / factor) return false;
  *out = n * factor;
  return true;
}

// The nearest folder with a .cio-lint.json, from `start` up to the enclosing repository
// root (a folder with .git) or the file system root; empty when there is none.
QString findConfigDir(const QString &start) {
  QDir dir(QFileInfo(start).absoluteFilePath());
  for (int depth = 0; depth < 256; ++depth) {
    if (QFileInfo::exists(dir.filePath(QString::fromLatin1(Config::fileName)))) return dir.path();
    if (QFileInfo::exists(dir.filePath(QStringLiteral(".git"))) || !dir.cdUp()) break;
  }
  return QString();
}

int explainRule(const QString &idOrName, const QString &language, bool color) {
  QString text, error;
  if (!cio::explainRule(lessons(), idOrName, language, color, &text, &error)) {
    writeErr(QStringLiteral("cio-lint: %1 (see cio-lint --list-rules)").arg(error));
    return ExitError;
  }
  if (!text.endsWith(QLatin1Char('\n'))) text += QLatin1Char('\n');
  writeOut(text.toUtf8());
  return ExitClean;
}

}  // namespace

int main(int argc, char **argv) {
  QCoreApplication app(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("cio-lint"));
  QCoreApplication::setApplicationVersion(toolVersion());

  QCommandLineParser parser;
  parser.setApplicationDescription(
      QStringLiteral("Finds Customer.io integration pitfalls (millisecond timestamps, emails as ids, "
                     "tracking before identify, ...) in JavaScript/TypeScript, Python, Ruby and Go code."));
  const QCommandLineOption formatOpt({QStringLiteral("f"), QStringLiteral("format")},
                                     QStringLiteral("Output format: text (default), json, sarif, html or markdown (review reports)."),
                                     QStringLiteral("FORMAT"), QStringLiteral("text"));
  const QCommandLineOption configOpt(QStringLiteral("config"),
                                     QStringLiteral("Read the configuration from FILE instead of .cio-lint.json."),
                                     QStringLiteral("FILE"));
  const QCommandLineOption noConfigOpt(QStringLiteral("no-config"),
                                       QStringLiteral("Ignore every configuration file: all rules on, defaults."));
  const QCommandLineOption failOnOpt(
      QStringLiteral("fail-on"),
      QStringLiteral("Exit with 1 when a finding is at or above LEVEL: info (default), warning, error, none."),
      QStringLiteral("LEVEL"), QStringLiteral("info"));
  const QCommandLineOption maxSizeOpt(
      QStringLiteral("max-file-size"),
      QStringLiteral("Skip files larger than BYTES (suffixes K, M, G allowed; default 5M)."), QStringLiteral("BYTES"));
  const QCommandLineOption noGitignoreOpt(QStringLiteral("no-gitignore"),
                                          QStringLiteral("Scan files that .gitignore files exclude."));
  const QCommandLineOption colorOpt(QStringLiteral("color"),
                                    QStringLiteral("Colour text output: auto (default), always, never."),
                                    QStringLiteral("WHEN"), QStringLiteral("auto"));
  const QCommandLineOption listRulesOpt(QStringLiteral("list-rules"),
                                        QStringLiteral("List the rules (id, name, severity, summary) and exit."));
  const QCommandLineOption explainOpt(QStringLiteral("explain"),
                                      QStringLiteral("Explain one rule (id or name) and exit."), QStringLiteral("RULE"));
  const QCommandLineOption langOpt(QStringLiteral("lang"),
                                   QStringLiteral("With --explain: the language of the examples (javascript, "
                                                  "typescript, python, ruby, go; default javascript)."),
                                   QStringLiteral("LANGUAGE"), QStringLiteral("javascript"));
  const QCommandLineOption lessonsOpt(QStringLiteral("lessons"),
                                      QStringLiteral("A lessons folder whose lessons override or extend the built-in "
                                                     "ones (for --explain and titles); may be repeated."),
                                      QStringLiteral("DIR"));
  const QCommandLineOption versionOpt({QStringLiteral("v"), QStringLiteral("version")},
                                      QStringLiteral("Print the version and exit."));
  const QCommandLineOption helpOpt({QStringLiteral("h"), QStringLiteral("help")},
                                   QStringLiteral("Print this help and exit."));
  parser.addOptions({formatOpt, configOpt, noConfigOpt, failOnOpt, maxSizeOpt, noGitignoreOpt, colorOpt, listRulesOpt,
                     explainOpt, langOpt, lessonsOpt, versionOpt, helpOpt});
  parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Files or folders to analyse."),
                               QStringLiteral("PATH..."));

  if (!parser.parse(QCoreApplication::arguments())) return usageError(parser.errorText());
  if (parser.isSet(helpOpt)) {
    writeOut(helpText(parser).toUtf8());
    return finish(ExitClean);
  }
  if (parser.isSet(versionOpt)) {
    writeOut(QStringLiteral("cio-lint %1\n").arg(toolVersion()).toUtf8());
    return finish(ExitClean);
  }

  for (const QString &folder : parser.values(lessonsOpt)) {
    if (!QFileInfo(folder).isDir()) return usageError(QStringLiteral("--lessons: %1 is not a folder").arg(folder));
    lessonFolders() << folder;
  }

  const QString format = parser.value(formatOpt).toLower();
  const bool reviewFormat = format == QLatin1String("html") || format == QLatin1String("markdown");
  if (format != QLatin1String("text") && format != QLatin1String("json") && format != QLatin1String("sarif") && !reviewFormat)
    return usageError(
        QStringLiteral("unknown format \"%1\" (expected text, json, sarif, html or markdown)").arg(format));

  if (parser.isSet(listRulesOpt)) {
    writeOut(formatRuleList(builtinRuleDescriptors(lessonTitles()), format == QLatin1String("json")));
    return finish(ExitClean);
  }
  if (parser.isSet(explainOpt)) {
    const QString when = parser.value(colorOpt).toLower();
    const bool color = when == QLatin1String("always") ||
                       (when == QLatin1String("auto") && ::isatty(STDOUT_FILENO) && qEnvironmentVariableIsEmpty("NO_COLOR"));
    return finish(explainRule(parser.value(explainOpt), parser.value(langOpt), color));
  }

  const QString failOn = parser.value(failOnOpt).toLower();
  Severity failLevel = Severity::Info;
  const bool neverFail = failOn == QLatin1String("none");
  if (!neverFail && !parseSeverity(failOn, &failLevel))
    return usageError(QStringLiteral("--fail-on expects error, warning, info or none, not \"%1\"").arg(failOn));

  const QString color = parser.value(colorOpt).toLower();
  if (color != QLatin1String("auto") && color != QLatin1String("always") && color != QLatin1String("never"))
    return usageError(QStringLiteral("--color expects auto, always or never, not \"%1\"").arg(color));

  std::optional<qint64> maxFileBytes;
  if (parser.isSet(maxSizeOpt)) {
    qint64 n = 0;
    if (!parseByteSize(parser.value(maxSizeOpt), &n))
      return usageError(
          QStringLiteral("--max-file-size expects a positive number of bytes up to 2147483647, not \"%1\"").arg(parser.value(maxSizeOpt)));
    maxFileBytes = n;
  }

  if (parser.isSet(configOpt) && parser.isSet(noConfigOpt))
    return usageError(QStringLiteral("--config and --no-config cannot be used together"));

  const QStringList paths = parser.positionalArguments();
  if (paths.isEmpty()) return usageError(QStringLiteral("no PATH given (to scan the current folder: cio-lint .)"));

  // The configuration: --config FILE, else the nearest .cio-lint.json from the first
  // folder given (or the current folder) up to the repository root.
  Config config;
  QString configDir;  // where a discovered .cio-lint.json lives
  if (parser.isSet(configOpt)) {
    const QString file = parser.value(configOpt);
    QFile f(file);
    if (!QFileInfo(file).isFile() || !f.open(QIODevice::ReadOnly)) {
      writeErr(QStringLiteral("cio-lint: %1: cannot read the configuration: %2")
                   .arg(file, QFileInfo::exists(file) ? f.errorString() : QStringLiteral("no such file")));
      return ExitError;
    }
    QString why;
    auto parsed = Config::parse(f.read(1024 * 1024), &why);
    if (!parsed) {
      writeErr(QStringLiteral("cio-lint: %1: invalid configuration: %2").arg(file, why));
      return ExitError;
    }
    config = *parsed;
    config.sourcePath = file;
  } else if (!parser.isSet(noConfigOpt)) {
    QString start = QStringLiteral(".");
    for (const QString &p : paths)
      if (QFileInfo(p).isDir()) {
        start = p;
        break;
      }
    configDir = findConfigDir(start);
    if (!configDir.isEmpty()) {
      QString why;
      auto loaded = Config::loadFromDirectory(configDir, &why);
      if (!loaded) {
        writeErr(QStringLiteral("cio-lint: invalid configuration: %1").arg(why));
        return ExitError;
      }
      config = *loaded;
    }
  }
  if (maxFileBytes) config.limits.maxFileBytes = *maxFileBytes;

  Scanner scanner(config);
  scanner.setUseGitignore(!parser.isSet(noGitignoreOpt));
  scanner.setConfigBase(configDir);
  const ScanResult scan = scanner.scan(paths);
  for (const QString &e : scan.errors) writeErr(QStringLiteral("cio-lint: %1").arg(e));

  const Analyzer analyzer(config);
  AnalysisResult result = analyzer.analyzeFiles(scan.files);
  std::vector<EventEntry> events;
  if (reviewFormat) events = eventCatalogue(result.models);

  Report report;
  report.filesScanned = result.filesScanned;
  report.suppressedCount = result.suppressedCount;
  report.findings = std::move(result.findings);
  report.skipped = scan.skipped;
  report.skipped.insert(report.skipped.end(), result.skipped.begin(), result.skipped.end());
  std::sort(report.skipped.begin(), report.skipped.end(), [](const SkippedFile &a, const SkippedFile &b) {
    return a.file != b.file ? a.file < b.file : a.reason < b.reason;
  });

  if (reviewFormat) {
    ReviewReport review;
    review.title = paths.size() == 1 ? QDir(QFileInfo(paths.first()).absoluteFilePath()).dirName()
                                     : QStringLiteral("%1 paths").arg(paths.size());
    review.report = report;
    review.events = std::move(events);
    review.lessonTitle = lessonTitles();
    QHash<QString, QString> onDisk;
    for (const SourceFile &f : scan.files) onDisk.insert(f.displayPath, f.path);
    review.readSource = [&onDisk](const QString &file) {
      QFile in(onDisk.value(file, file));
      return in.open(QIODevice::ReadOnly) ? in.read(16 * 1024 * 1024) : QByteArray();
    };
    writeOut(format == QLatin1String("html") ? formatHtml(review) : formatMarkdown(review));
  } else if (format == QLatin1String("json")) {
    writeOut(formatJson(report));
  } else if (format == QLatin1String("sarif")) {
    writeOut(formatSarif(report, builtinRuleDescriptors(lessonTitles())));
  } else {
    TextOptions options;
    options.color = color == QLatin1String("always") ||
                    (color == QLatin1String("auto") && ::isatty(STDOUT_FILENO) &&
                     qEnvironmentVariableIsEmpty("NO_COLOR") && qgetenv("TERM") != "dumb");
    writeOut(formatText(report, options));
  }
  if (!scan.errors.isEmpty()) return finish(ExitError);
  const bool failing = !neverFail && std::any_of(report.findings.begin(), report.findings.end(),
                                                 [&](const Finding &f) { return f.severity >= failLevel; });
  return finish(failing ? ExitFindings : ExitClean);
}
