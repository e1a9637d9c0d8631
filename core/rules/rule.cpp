#include "rules/rule.h"

namespace cio {

void FindingSink::report(const QString &file, const Range &range, const QString &message, std::vector<Fix> fixes,
                         std::vector<std::pair<QString, int>> related) const {
  Finding f;
  f.ruleId = m_info.id;
  f.ruleName = m_info.name;
  f.severity = m_info.defaultSeverity;
  f.file = file;
  f.range = range;
  f.message = message;
  f.lessonId = m_info.lessonId();
  f.fixes = std::move(fixes);
  f.related = std::move(related);
  m_emit(std::move(f));
}

const Rule *findRule(const QString &idOrName) {
  for (const auto &r : builtinRules())
    if (r->info().id.compare(idOrName, Qt::CaseInsensitive) == 0 || r->info().name == idOrName) return r.get();
  return nullptr;
}

}  // namespace cio
