#pragma once

// Review reports (HTML and Markdown) and the event catalogue: pure functions shared by
// the desktop app's review mode and `cio-lint --format html|markdown`. No Widgets, no
// disk: file contents come through a callback the caller provides.

#include "findings/output.h"
#include "model/model.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace cio {

// One event name the project sends (track / anonymous track calls).
struct EventEntry {
  QString name;        // the literal value, or the expression as written when dynamic
  bool dynamic = false;
  int calls = 0;
  QStringList files;   // sorted, unique
  QString convention;  // see namingConvention()
  QString duplicateKey;  // nearDuplicateKey(name); shared by near-duplicates
  bool hasNearDuplicate = false;  // another entry has the same duplicateKey
};

// "snake_case", "camelCase", "PascalCase", "kebab-case", "Title Case", "lowercase",
// "UPPER_CASE", "mixed" for a literal; "dynamic" is the caller's business.
QString namingConvention(const QString &name);
// Letters and digits only, lower-cased: "UserSignedUp", "user-signed-up" and
// "user_signed_up" all give "usersignedup".
QString nearDuplicateKey(const QString &name);
// Every event name in the models, sorted by name (dynamic ones last).
std::vector<EventEntry> eventCatalogue(const std::vector<FileModel> &models);

// A reviewer's accepted finding, listed apart in reports.
struct AcceptedFinding {
  Finding finding;
  QString reason;
};

struct ReviewReport {
  QString title;  // "node-service"
  Report report;  // open findings, skipped files, counts
  std::vector<AcceptedFinding> accepted;
  std::vector<EventEntry> events;
  LessonTitleLookup lessonTitle;  // may be empty
  // The bytes of a finding's file (by Finding::file), for code excerpts; may be empty.
  std::function<QByteArray(const QString &file)> readSource;
};

// A self-contained HTML page (inline CSS, no scripts, no external resources). Everything
// taken from the scanned code is HTML-escaped and has credentials masked.
QByteArray formatHtml(const ReviewReport &review);
// The same content as GitHub-flavoured Markdown.
QByteArray formatMarkdown(const ReviewReport &review);

}  // namespace cio
