#include "rules/inconsistent_event_name.h"

#include "rules/facts.h"

#include <QMap>

namespace cio {

const RuleInfo &InconsistentEventNameRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO010"), QStringLiteral("inconsistent-event-name"), Severity::Info,
                             QStringLiteral("an event name is not snake_case or near-duplicates another")};
  return info;
}

static bool isLiteralEventName(const Call &c) {
  return facts::isEventOperation(c.op) && c.eventName && c.eventName->kind == ValueKind::StringLiteral &&
         !c.eventName->stringValue.isEmpty();
}

void InconsistentEventNameRule::check(const FileModel &file, const FindingSink &sink) const {
  for (const Call &c : file.calls) {
    if (!isLiteralEventName(c)) continue;
    const QString name = c.eventName->stringValue;
    if (facts::isSnakeCase(name)) continue;
    // Personal data in the name is CIO012's finding.
    if (facts::containsEmailAddress(name) || facts::containsPhoneNumber(name)) continue;
    const QString snake = facts::toSnakeCase(name);
    std::vector<Fix> fixes;
    if (c.eventName->contentRange && !snake.isEmpty())
      fixes.push_back(Fix{QStringLiteral("rename to %1").arg(snake), {TextEdit{*c.eventName->contentRange, snake}}});
    sink.report(file.path, c.eventName->range,
                QStringLiteral("event name \"%1\" is not snake_case (\"%2\"); mixed conventions split one event "
                               "into several in segments and reports")
                    .arg(name, snake),
                std::move(fixes));
  }
}

void InconsistentEventNameRule::checkProject(const ProjectModel &project, const FindingSink &sink) const {
  // Near-duplicates among names that are each snake_case (the others are reported per
  // call above): "user_signed_up" next to "user_signedup".
  struct Use {
    const FileModel *file;
    const Call *call;
  };
  QMap<QString, QMap<QString, std::vector<Use>>> groups;  // key -> spelling -> uses
  for (const FileModel &f : project.files)
    for (const Call &c : f.calls)
      if (isLiteralEventName(c)) groups[facts::nearDuplicateKey(c.eventName->stringValue)][c.eventName->stringValue].push_back({&f, &c});
  for (const auto &spellings : groups) {
    if (spellings.size() < 2) continue;
    // The most used spelling is the reference; the others are reported.
    QString reference;
    size_t most = 0;
    for (auto it = spellings.cbegin(); it != spellings.cend(); ++it)
      if (facts::isSnakeCase(it.key()) && it.value().size() > most) {
        most = it.value().size();
        reference = it.key();
      }
    if (reference.isEmpty()) continue;
    for (auto it = spellings.cbegin(); it != spellings.cend(); ++it) {
      if (it.key() == reference || !facts::isSnakeCase(it.key())) continue;
      const Use ref = spellings.value(reference).front();
      for (const Use &u : it.value()) {
        // The rename replaces the string's content; a name spelled in pieces ('a' + 'b')
        // has no single content range, and replacing the whole expression would drop the quotes.
        std::vector<Fix> fixes;
        if (u.call->eventName->contentRange)
          fixes.push_back(Fix{QStringLiteral("rename to %1").arg(reference),
                              {TextEdit{*u.call->eventName->contentRange, reference}}});
        sink.report(u.file->path, u.call->eventName->range,
                    QStringLiteral("event name \"%1\" nearly duplicates \"%2\"; pick one spelling so both land "
                                   "in the same segments")
                        .arg(it.key(), reference),
                    std::move(fixes), {{ref.file->path, static_cast<int>(ref.call->range.startRow) + 1}});
      }
    }
  }
}

}  // namespace cio
