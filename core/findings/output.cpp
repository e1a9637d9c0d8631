#include "findings/output.h"

#include "rules/rule.h"

#include <QDir>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace cio {

namespace {

// A streaming JSON writer with stable key order (QJsonObject sorts keys, and reports
// read better with "tool" first) and two-space indentation.
class JsonWriter {
 public:
  QByteArray take() {
    m_out.append('\n');
    return std::move(m_out);
  }

  void beginObject() { open('{', true); }
  void endObject() { close('}'); }
  void beginArray() { open('[', false); }
  void endArray() { close(']'); }

  void key(const char *name) {
    separate();
    writeString(QString::fromLatin1(name));
    m_out.append(": ");
    m_afterKey = true;
  }
  void value(const QString &s) {
    separate();
    writeString(s);
  }
  void value(const char *s) { value(QString::fromUtf8(s)); }
  void value(qint64 n) {
    separate();
    m_out.append(QByteArray::number(n));
  }
  void value(int n) { value(static_cast<qint64>(n)); }
  void value(bool b) {
    separate();
    m_out.append(b ? "true" : "false");
  }

  template <typename T>
  void field(const char *name, const T &v) {
    key(name);
    value(v);
  }

 private:
  struct Level {
    bool empty = true;
  };

  void open(char bracket, bool /*isObject*/) {
    separate();
    m_out.append(bracket);
    m_levels.push_back(Level{});
  }
  void close(char bracket) {
    const bool wasEmpty = m_levels.back().empty;
    m_levels.pop_back();
    if (!wasEmpty) newline();
    m_out.append(bracket);
  }
  // Before a key, or a value that is not the value of a key: comma and new line.
  void separate() {
    if (m_afterKey) {
      m_afterKey = false;
      return;
    }
    if (m_levels.empty()) return;
    if (!m_levels.back().empty) m_out.append(',');
    m_levels.back().empty = false;
    newline();
  }
  void newline() {
    m_out.append('\n');
    m_out.append(QByteArray(static_cast<qsizetype>(m_levels.size()) * 2, ' '));
  }
  void writeString(const QString &s) {
    const QByteArray utf8 = s.toUtf8();
    m_out.append('"');
    for (qsizetype i = 0; i < utf8.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(utf8.at(i));
      switch (c) {
        case '"': m_out.append("\\\""); break;
        case '\\': m_out.append("\\\\"); break;
        case '\n': m_out.append("\\n"); break;
        case '\r': m_out.append("\\r"); break;
        case '\t': m_out.append("\\t"); break;
        case '\b': m_out.append("\\b"); break;
        case '\f': m_out.append("\\f"); break;
        default:
          if (c < 0x20) {
            m_out.append(QByteArray("\\u00") + QByteArray::number(c, 16).rightJustified(2, '0'));
          } else if (c == 0xE2 && i + 2 < utf8.size() && static_cast<unsigned char>(utf8.at(i + 1)) == 0x80 &&
                     (static_cast<unsigned char>(utf8.at(i + 2)) & 0xFE) == 0xA8) {
            // U+2028 / U+2029: valid JSON, but line ends to JavaScript; escaped.
            m_out.append(static_cast<unsigned char>(utf8.at(i + 2)) == 0xA8 ? "\\u2028" : "\\u2029");
            i += 2;
          } else {
            m_out.append(static_cast<char>(c));
          }
      }
    }
    m_out.append('"');
  }

  QByteArray m_out;
  std::vector<Level> m_levels;
  bool m_afterKey = false;
};

QString plural(qsizetype n, const char *one, const char *many) {
  return QStringLiteral("%1 %2").arg(n).arg(QString::fromLatin1(n == 1 ? one : many));
}

QString sarifLevel(Severity s) {
  switch (s) {
    case Severity::Error: return QStringLiteral("error");
    case Severity::Warning: return QStringLiteral("warning");
    case Severity::Info: return QStringLiteral("note");
  }
  return QStringLiteral("warning");
}

// GitHub's "problem.severity": error, warning or recommendation.
QString problemSeverity(Severity s) {
  return s == Severity::Info ? QStringLiteral("recommendation") : severityName(s);
}

bool isHexDigit(QChar c) {
  return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f')) ||
         (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
}

}  // namespace

QString toolName() { return QStringLiteral("cio-lint"); }
QString toolVersion() { return QStringLiteral(CIO_VERSION); }

// The project's home (as in the AppStream metainfo); lesson pages live under it.
QString informationUri() { return QStringLiteral("https://github.com/ciopitfalls/cio-pitfalls"); }

QString lessonUri(const QString &lessonId) {
  return informationUri() + QStringLiteral("/blob/main/lessons/%1/lesson.md").arg(lessonId);
}

std::vector<RuleDescriptor> builtinRuleDescriptors(const LessonTitleLookup &lessonTitle) {
  std::vector<RuleDescriptor> out;
  for (const auto &rule : builtinRules()) {
    const RuleInfo &info = rule->info();
    RuleDescriptor d;
    d.id = info.id;
    d.name = info.name;
    d.severity = info.defaultSeverity;
    d.summary = info.summary;
    d.lessonId = info.lessonId();
    d.title = lessonTitle ? lessonTitle(d.lessonId) : QString();
    d.helpUri = lessonUri(d.lessonId);
    out.push_back(std::move(d));
  }
  return out;
}

QString escapeControls(const QString &text) {
  const auto isControl = [](QChar c) {
    const ushort u = c.unicode();
    return (u < 0x20 && u != '\t') || (u >= 0x7f && u <= 0x9f);
  };
  if (std::none_of(text.cbegin(), text.cend(), isControl)) return text;
  QString out;
  out.reserve(text.size() + 8);
  for (const QChar c : text) {
    if (isControl(c)) out += QStringLiteral("\\x") + QStringLiteral("%1").arg(c.unicode(), 2, 16, QLatin1Char('0')).toUpper();
    else out += c;
  }
  return out;
}

QString maskSecrets(const QString &text) {
  // Site ids and Track/App API keys are hexadecimal (20 and 32 characters); a run of 16
  // or more hex digits that mixes digits and letters is masked. All-digit runs are
  // numbers (a 13-digit millisecond timestamp is a finding's subject, not a secret).
  static const QRegularExpression hexRun(QStringLiteral("(?<![A-Za-z0-9_])[0-9A-Fa-f]{16,}(?![A-Za-z0-9_])"));
  // Write keys, Basic credentials (base64 of "site:key") and bearer tokens: 24 or more
  // token characters with upper case, lower case and digits together. Identifiers
  // (camelCase, SCREAMING_CASE) rarely carry all three at that length.
  static const QRegularExpression token(QStringLiteral("(?<![A-Za-z0-9+/_=-])[A-Za-z0-9+/_=-]{24,}"));

  auto mask = [](const QString &s) { return s.left(4) + QStringLiteral("****"); };
  QString out = text;
  for (int pass = 0; pass < 2; ++pass) {
    const QRegularExpression &re = pass == 0 ? hexRun : token;
    QString result;
    qsizetype last = 0;
    auto it = re.globalMatch(out);
    while (it.hasNext()) {
      const QRegularExpressionMatch m = it.next();
      const QString s = m.captured();
      bool digit = false, lower = false, upper = false, letter = false;
      for (const QChar c : s) {
        digit = digit || c.isDigit();
        lower = lower || c.isLower();
        upper = upper || c.isUpper();
        letter = letter || (c.isLetter() && isHexDigit(c));
      }
      const bool secret = pass == 0 ? digit && letter : digit && lower && upper;
      if (!secret) continue;
      result += QStringView(out).mid(last, m.capturedStart() - last);
      result += mask(s);
      last = m.capturedEnd();
    }
    result += QStringView(out).mid(last);
    out = result;
  }
  return out;
}

QString sarifUri(const QString &path) {
  QString p = QDir::fromNativeSeparators(path);
  if (QDir::isAbsolutePath(p)) return QUrl::fromLocalFile(QDir::cleanPath(p)).toString(QUrl::FullyEncoded);
  p = QDir::cleanPath(p);
  while (p.startsWith(QLatin1String("./"))) p.remove(0, 2);
  return QString::fromLatin1(QUrl::toPercentEncoding(p, "/"));
}

// --- text ---------------------------------------------------------------------------

QByteArray formatText(const Report &report, const TextOptions &options) {
  const auto paint = [&](const QString &s, const char *code) {
    return options.color ? QStringLiteral("\x1b[%1m%2\x1b[0m").arg(QString::fromLatin1(code), s) : s;
  };
  const auto severityColor = [](Severity s) {
    return s == Severity::Error ? "1;31" : s == Severity::Warning ? "1;33" : "1;36";
  };
  QString out;
  int errors = 0, warnings = 0, infos = 0;
  for (const Finding &f : report.findings) {
    (f.severity == Severity::Error ? errors : f.severity == Severity::Warning ? warnings : infos)++;
    // Concatenated, not .arg()-chained: a file name may itself contain "%2".
    out += paint(escapeControls(f.file) + QLatin1Char(':') + QString::number(f.line) + QLatin1Char(':') +
                     QString::number(f.column) + QLatin1Char(':'),
                 "1");
    out += QLatin1Char(' ') + paint(severityName(f.severity) + QLatin1Char(':'), severityColor(f.severity));
    out += QLatin1Char(' ') + reportText(f.message);
    out += QLatin1Char(' ') + paint(QStringLiteral("[%1]").arg(f.ruleId), "2");
    out += QLatin1Char('\n');
    for (const Fix &fix : f.fixes) out += QStringLiteral("    fix: %1\n").arg(reportText(fix.title));
  }
  for (const SkippedFile &s : report.skipped)
    out += QStringLiteral("%1: %2 %3\n").arg(escapeControls(s.file), paint(QStringLiteral("skipped:"), "2"), escapeControls(s.reason));
  for (const QString &file : report.withSyntaxErrors)
    out += QStringLiteral("%1: %2 syntax errors; analysed as far as it parses, findings in the broken part may be "
                          "missing\n")
               .arg(escapeControls(file), paint(QStringLiteral("note:"), "2"));

  QString summary;
  const qsizetype total = static_cast<qsizetype>(report.findings.size());
  if (total == 0) {
    summary = QStringLiteral("no findings in %1").arg(plural(report.filesScanned, "file", "files"));
  } else {
    summary = QStringLiteral("%1 (%2, %3, %4 info) in %5")
                  .arg(plural(total, "finding", "findings"), plural(errors, "error", "errors"),
                       plural(warnings, "warning", "warnings"))
                  .arg(infos)
                  .arg(plural(report.filesScanned, "file", "files"));
  }
  if (!report.skipped.empty())
    summary += QStringLiteral(", %1 skipped").arg(static_cast<qsizetype>(report.skipped.size()));
  if (!report.withSyntaxErrors.isEmpty())
    summary += QStringLiteral(", %1 with syntax errors").arg(report.withSyntaxErrors.size());
  if (report.suppressedCount > 0) summary += QStringLiteral(", %1 suppressed").arg(report.suppressedCount);
  out += paint(summary, total == 0 ? "32" : "1") + QLatin1Char('\n');
  return out.toUtf8();
}

// --- JSON ---------------------------------------------------------------------------

QByteArray formatJson(const Report &report) {
  JsonWriter w;
  w.beginObject();
  w.field("tool", toolName());
  w.field("version", toolVersion());
  w.field("files_scanned", report.filesScanned);
  w.field("suppressed", report.suppressedCount);
  w.key("findings");
  w.beginArray();
  for (const Finding &f : report.findings) {
    w.beginObject();
    w.field("rule", f.ruleId);
    w.field("name", f.ruleName);
    w.field("severity", severityName(f.severity));
    w.field("file", f.file);
    w.field("line", f.line);
    w.field("column", f.column);
    w.field("end_line", f.endLine);
    w.field("end_column", f.endColumn);
    w.field("message", maskSecrets(f.message));
    w.field("lesson", f.lessonId);
    w.key("fixes");
    w.beginArray();
    for (const Fix &fix : f.fixes) {
      w.beginObject();
      w.field("title", maskSecrets(fix.title));
      w.key("edits");
      w.beginArray();
      for (const TextEdit &e : fix.edits) {
        w.beginObject();
        w.field("start_byte", static_cast<qint64>(e.range.startByte));
        w.field("end_byte", static_cast<qint64>(e.range.endByte));
        w.field("start_line", static_cast<qint64>(e.range.startRow) + 1);
        w.field("end_line", static_cast<qint64>(e.range.endRow) + 1);
        w.field("replacement", maskSecrets(e.replacement));
        w.endObject();
      }
      w.endArray();
      w.endObject();
    }
    w.endArray();
    if (!f.related.empty()) {
      w.key("related");
      w.beginArray();
      for (const auto &[file, line] : f.related) {
        w.beginObject();
        w.field("file", file);
        w.field("line", line);
        w.endObject();
      }
      w.endArray();
    }
    w.endObject();
  }
  w.endArray();
  w.key("skipped");
  w.beginArray();
  for (const SkippedFile &s : report.skipped) {
    w.beginObject();
    w.field("file", s.file);
    w.field("reason", s.reason);
    w.endObject();
  }
  w.endArray();
  // Analysed as far as they parse (tree-sitter recovers from syntax errors).
  w.key("syntax_errors");
  w.beginArray();
  for (const QString &file : report.withSyntaxErrors) w.value(file);
  w.endArray();
  w.endObject();
  return w.take();
}

// --- SARIF --------------------------------------------------------------------------

static void writeArtifactLocation(JsonWriter &w, const QString &file) {
  w.key("artifactLocation");
  w.beginObject();
  const QString uri = sarifUri(file);
  w.field("uri", uri);
  // Relative paths are relative to the checkout (GitHub resolves %SRCROOT% to it).
  if (!uri.startsWith(QLatin1String("file:"))) w.field("uriBaseId", "%SRCROOT%");
  w.endObject();
}

static void writeRegion(JsonWriter &w, const Finding &f) {
  w.key("region");
  w.beginObject();
  w.field("startLine", std::max(1, f.line));
  w.field("startColumn", std::max(1, f.column));
  if (f.endLine >= std::max(1, f.line)) {
    w.field("endLine", f.endLine);
    if (f.endColumn >= 1) w.field("endColumn", f.endColumn);
  }
  w.endObject();
}

QByteArray formatSarif(const Report &report, const std::vector<RuleDescriptor> &rules) {
  std::vector<RuleDescriptor> table = rules;
  for (const Finding &f : report.findings) {
    const bool known =
        std::any_of(table.begin(), table.end(), [&](const RuleDescriptor &d) { return d.id == f.ruleId; });
    if (known) continue;
    RuleDescriptor d;
    d.id = f.ruleId;
    d.name = f.ruleName;
    d.severity = f.severity;
    d.lessonId = f.lessonId.isEmpty() ? f.ruleId + QLatin1Char('-') + f.ruleName : f.lessonId;
    d.summary = f.ruleName;
    d.helpUri = lessonUri(d.lessonId);
    table.push_back(std::move(d));
  }
  auto ruleIndex = [&](const QString &id) {
    for (size_t i = 0; i < table.size(); ++i)
      if (table[i].id == id) return static_cast<int>(i);
    return -1;
  };

  JsonWriter w;
  w.beginObject();
  w.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  w.field("version", "2.1.0");
  w.key("runs");
  w.beginArray();
  w.beginObject();

  w.key("tool");
  w.beginObject();
  w.key("driver");
  w.beginObject();
  w.field("name", toolName());
  w.field("version", toolVersion());
  w.field("semanticVersion", toolVersion());
  w.field("informationUri", informationUri());
  w.key("rules");
  w.beginArray();
  for (const RuleDescriptor &d : table) {
    w.beginObject();
    w.field("id", d.id);
    w.field("name", d.name);
    w.key("shortDescription");
    w.beginObject();
    w.field("text", d.headline());
    w.endObject();
    w.key("fullDescription");
    w.beginObject();
    w.field("text", d.title.isEmpty() || d.title == d.summary ? d.summary : d.title + QStringLiteral(": ") + d.summary);
    w.endObject();
    w.field("helpUri", d.helpUri);
    w.key("help");
    w.beginObject();
    w.field("text", QStringLiteral("%1. See %2 or run `cio-lint --explain %3`.").arg(d.summary, d.helpUri, d.id));
    w.endObject();
    w.key("defaultConfiguration");
    w.beginObject();
    w.field("level", sarifLevel(d.severity));
    w.endObject();
    w.key("properties");
    w.beginObject();
    w.key("tags");
    w.beginArray();
    w.value("customer.io");
    w.value(d.name);
    w.endArray();
    w.field("problem.severity", problemSeverity(d.severity));
    w.endObject();
    w.endObject();
  }
  w.endArray();
  w.endObject();  // driver
  w.endObject();  // tool

  // Our columns count Unicode code points (SARIF's default is UTF-16 code units).
  w.field("columnKind", "unicodeCodePoints");

  w.key("results");
  w.beginArray();
  for (const Finding &f : report.findings) {
    w.beginObject();
    w.field("ruleId", f.ruleId);
    w.field("ruleIndex", ruleIndex(f.ruleId));
    w.field("level", sarifLevel(f.severity));
    w.key("message");
    w.beginObject();
    w.field("text", maskSecrets(f.message));
    w.endObject();
    if (!f.file.isEmpty()) {
      w.key("locations");
      w.beginArray();
      w.beginObject();
      w.key("physicalLocation");
      w.beginObject();
      writeArtifactLocation(w, f.file);
      writeRegion(w, f);
      w.endObject();
      w.endObject();
      w.endArray();
    }
    if (!f.related.empty()) {
      w.key("relatedLocations");
      w.beginArray();
      int id = 0;
      for (const auto &[file, line] : f.related) {
        w.beginObject();
        w.field("id", id++);
        w.key("physicalLocation");
        w.beginObject();
        writeArtifactLocation(w, file);
        w.key("region");
        w.beginObject();
        w.field("startLine", std::max(1, line));
        w.endObject();
        w.endObject();
        w.endObject();
      }
      w.endArray();
    }
    if (!f.fixes.empty()) {
      w.key("fixes");
      w.beginArray();
      for (const Fix &fix : f.fixes) {
        w.beginObject();
        w.key("description");
        w.beginObject();
        w.field("text", maskSecrets(fix.title));
        w.endObject();
        w.key("artifactChanges");
        w.beginArray();
        w.beginObject();
        writeArtifactLocation(w, f.file);
        w.key("replacements");
        w.beginArray();
        for (const TextEdit &e : fix.edits) {
          w.beginObject();
          // Byte offsets are exact; line/column regions would need the file's text.
          w.key("deletedRegion");
          w.beginObject();
          w.field("byteOffset", static_cast<qint64>(e.range.startByte));
          w.field("byteLength", static_cast<qint64>(e.range.endByte) - static_cast<qint64>(e.range.startByte));
          w.endObject();
          w.key("insertedContent");
          w.beginObject();
          w.field("text", maskSecrets(e.replacement));
          w.endObject();
          w.endObject();
        }
        w.endArray();
        w.endObject();
        w.endArray();
        w.endObject();
      }
      w.endArray();
    }
    w.endObject();
  }
  w.endArray();

  w.key("invocations");
  w.beginArray();
  w.beginObject();
  w.field("executionSuccessful", true);
  w.key("toolExecutionNotifications");
  w.beginArray();
  std::vector<SkippedFile> notes = report.skipped;
  for (const QString &file : report.withSyntaxErrors)
    notes.push_back({file, QString()});
  for (const SkippedFile &s : notes) {
    w.beginObject();
    w.field("level", "note");
    w.key("message");
    w.beginObject();
    w.field("text", s.reason.isEmpty()
                        ? QStringLiteral("syntax errors: analysed as far as it parses, findings may be missing")
                        : QStringLiteral("skipped: %1").arg(s.reason));
    w.endObject();
    w.key("locations");
    w.beginArray();
    w.beginObject();
    w.key("physicalLocation");
    w.beginObject();
    writeArtifactLocation(w, s.file);
    w.endObject();
    w.endObject();
    w.endArray();
    w.endObject();
  }
  w.endArray();
  w.endObject();
  w.endArray();

  w.endObject();  // run
  w.endArray();
  w.endObject();
  return w.take();
}

// --- rule list ----------------------------------------------------------------------

QByteArray formatRuleList(const std::vector<RuleDescriptor> &rules, bool json) {
  if (json) {
    JsonWriter w;
    w.beginArray();
    for (const RuleDescriptor &d : rules) {
      w.beginObject();
      w.field("id", d.id);
      w.field("name", d.name);
      w.field("severity", severityName(d.severity));
      w.field("summary", d.summary);
      w.field("title", d.headline());
      w.field("lesson", d.lessonId);
      w.field("help_uri", d.helpUri);
      w.endObject();
    }
    w.endArray();
    return w.take();
  }
  qsizetype nameWidth = 4;
  for (const RuleDescriptor &d : rules) nameWidth = std::max(nameWidth, d.name.size());
  QString out = QStringLiteral("%1  %2  %3  %4\n")
                    .arg(QStringLiteral("ID"), -6)
                    .arg(QStringLiteral("NAME"), -static_cast<int>(nameWidth))
                    .arg(QStringLiteral("SEVERITY"), -8)
                    .arg(QStringLiteral("SUMMARY"));
  for (const RuleDescriptor &d : rules)
    out += QStringLiteral("%1  %2  %3  %4\n")
               .arg(d.id, -6)
               .arg(d.name, -static_cast<int>(nameWidth))
               .arg(severityName(d.severity), -8)
               .arg(d.headline());
  return out.toUtf8();
}

}  // namespace cio
