#include "rules/placeholder_id.h"

#include "rules/facts.h"

#include <QRegularExpression>

namespace cio {

const RuleInfo &PlaceholderIdRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO020"), QStringLiteral("placeholder-id"), Severity::Warning,
                             QStringLiteral("a literal placeholder is used as the person id")};
  return info;
}

// Why a literal id is a placeholder, or empty when it looks like a real one.
static QString placeholderReason(const Expr &id) {
  if (id.kind == ValueKind::NumberLiteral) {
    bool ok = false;
    const qlonglong n = id.text.toLongLong(&ok);
    return ok && n >= 0 && n < 1000 ? QStringLiteral("a small number") : QString();
  }
  if (id.kind != ValueKind::StringLiteral) return QString();
  const QString v = id.stringValue;
  if (v.trimmed().isEmpty()) return QStringLiteral("empty");
  static const QRegularExpression words(
      QStringLiteral("^(none|null|nil|undefined|nan|guest|guests|test|testing|tester|anonymous|anon|unknown|user|"
                     "customer|visitor|default|nobody|someone|placeholder|dummy|demo|sample|temp|tmp|n/?a|"
                     "id|user_?id|customer_?id|todo|tbd|\\-|0+)$"),
      QRegularExpression::CaseInsensitiveOption);
  if (words.match(v.trimmed()).hasMatch()) return QStringLiteral("a placeholder");
  static const QRegularExpression smallNumber(QStringLiteral("^\\d{1,3}$"));
  if (smallNumber.match(v).hasMatch()) return QStringLiteral("a small number");
  if (v.contains(QLatin1Char(' '))) return QStringLiteral("a phrase with spaces");
  return QString();
}

void PlaceholderIdRule::check(const FileModel &file, const FindingSink &sink) const {
  if (facts::isTestFile(file.path)) return;
  for (const Call &c : file.calls) {
    // Anonymous events take an anonymous id, not a person; Pipelines calls are judged the same.
    if (!c.personId || c.op == Operation::TrackAnonymous) continue;
    const QString reason = placeholderReason(*c.personId);
    if (reason.isEmpty()) continue;
    sink.report(file.path, c.personId->range,
                QStringLiteral("the person id `%1` is %2: every call with it updates one shared profile, "
                               "so everybody's events and attributes pile up on one person; pass the "
                               "person's own stable id")
                    .arg(c.personId->text.left(40), reason));
  }
}

}  // namespace cio
