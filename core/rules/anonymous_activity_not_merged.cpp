#include "rules/anonymous_activity_not_merged.h"

#include "rules/facts.h"

#include <algorithm>

namespace cio {

const RuleInfo &AnonymousActivityNotMergedRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO021"), QStringLiteral("anonymous-activity-not-merged"),
                             Severity::Warning,
                             QStringLiteral("anonymous events are tracked, but no identify passes their anonymous id")};
  return info;
}

// An anonymous event without an anonymous id is an invite event (sent to
// data.recipient): it never belongs to a profile, so there is nothing to merge.
static bool hasAnonymousId(const Call &c) {
  if (!c.anonymousId) return false;
  const Expr &id = *c.anonymousId;
  if (id.kind == ValueKind::StringLiteral) return !id.stringValue.isEmpty();
  const QString t = id.text.trimmed();
  return t != QLatin1String("None") && t != QLatin1String("nil") && t != QLatin1String("null") &&
         t != QLatin1String("undefined") && t != QLatin1String("\"\"");
}

static bool onlyRequestDataHidden(const Call &c) {
  if (c.spreadAttributes.empty()) return false;
  for (const Expr &e : c.spreadAttributes)
    if (!e.requestInput) return false;
  return true;
}

static bool passesAnonymousId(const Call &c) {
  for (const Attribute &a : c.attributes)
    if (a.key == QLatin1String("anonymous_id")) return true;
  return false;
}

void AnonymousActivityNotMergedRule::checkProject(const ProjectModel &project, const FindingSink &sink) const {
  // "No identify anywhere passes it" needs the whole project, not a snippet.
  if (!project.wholeProject) return;
  std::vector<std::pair<const FileModel *, const Call *>> anonymous, identifies;
  for (const FileModel &f : project.files) {
    // A test's calls never run in production: an identify there that passes
    // anonymous_id merges nothing, and its anonymous events are fake visitors.
    if (facts::isTestFile(f.path)) continue;
    for (const Call &c : f.calls) {
      if (c.sdk != Sdk::Track) continue;  // Data Pipelines and the browser snippets merge on their own
      if (c.op == Operation::TrackAnonymous && hasAnonymousId(c)) anonymous.emplace_back(&f, &c);
      if (c.op == Operation::Identify) {
        if (passesAnonymousId(c)) return;
        // Attributes the code does not show (a variable, a spread, **kwargs) may carry it,
        // unless all that is hidden is the request body copied in (CIO019's finding): a
        // client-sent anonymous_id there would merge by accident, not by design.
        if (!c.attributesFullyVisible && !onlyRequestDataHidden(c)) return;
        identifies.emplace_back(&f, &c);
      }
      // A batch can hold identify operations with anonymous_id that the model does not list.
      if (c.op == Operation::Batch) return;
    }
  }
  // Without any identify here, people are identified elsewhere (another service, the
  // browser): this project is no evidence that nobody merges.
  if (anonymous.empty() || identifies.empty()) return;
  const auto byPlace = [](const auto &a, const auto &b) {
    return std::tie(a.first->path, a.second->range.startByte) < std::tie(b.first->path, b.second->range.startByte);
  };
  std::sort(anonymous.begin(), anonymous.end(), byPlace);
  std::sort(identifies.begin(), identifies.end(), byPlace);
  std::vector<std::pair<QString, int>> related;
  for (const auto &[f, c] : identifies)
    if (related.size() < 20) related.emplace_back(f->path, static_cast<int>(c->range.startRow) + 1);
  const auto &[file, call] = anonymous.front();
  sink.report(file->path, call->range,
              QStringLiteral("anonymous events are tracked (%1 place%2) but no identify passes `anonymous_id` "
                             "(%3 identify call%4): the anonymous activity never joins the person who signs "
                             "up, so it cannot trigger or personalise their campaigns; pass the visitor's "
                             "anonymous id as `anonymous_id` when you identify them")
                  .arg(anonymous.size())
                  .arg(anonymous.size() == 1 ? QString() : QStringLiteral("s"))
                  .arg(identifies.size())
                  .arg(identifies.size() == 1 ? QString() : QStringLiteral("s")),
              {}, std::move(related));
}

}  // namespace cio
