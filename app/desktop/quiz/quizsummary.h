#pragma once

#include <QDate>
#include <QList>
#include <QString>

namespace cio::desktop {

// One row of a completion summary.
struct SummaryRow {
  QString lessonId;
  QString lessonTitle;
  int score = 0;
  int total = 0;
};

struct CompletionSummary {
  QString learner;
  QString title;  // the track or quiz taken
  QDate date;
  QList<SummaryRow> rows;
};

// A small self-contained HTML page (for the learner or their manager).
QString summaryHtml(const CompletionSummary &summary);
// Writes HTML (".html"/".htm") through QTextDocumentWriter, or PDF (".pdf") through
// QPdfWriter. False with `*error` set when it cannot be written.
bool exportSummary(const CompletionSummary &summary, const QString &path, QString *error);

}  // namespace cio::desktop
