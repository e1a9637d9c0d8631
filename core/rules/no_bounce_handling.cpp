#include "rules/no_bounce_handling.h"

#include "rules/facts.h"

namespace cio {

const RuleInfo &NoBounceHandlingRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO008"), QStringLiteral("no-bounce-handling"), Severity::Warning,
                             QStringLiteral("the project sends email but never handles bounces")};
  return info;
}

void NoBounceHandlingRule::check(const FileModel &, const FindingSink &) const {}

static bool sendsEmail(const Call &c) {
  if (c.op == Operation::SendEmail) return true;
  if (c.op != Operation::Identify) return false;
  for (const Attribute &a : c.attributes)
    if (a.key.compare(QLatin1String("email"), Qt::CaseInsensitive) == 0) return true;
  return false;
}

void NoBounceHandlingRule::checkProject(const ProjectModel &project, const FindingSink &sink) const {
  // Concluding "handled nowhere" needs the whole project, not a snippet.
  if (!project.wholeProject) return;
  std::vector<std::pair<const FileModel *, const Call *>> senders;
  for (const FileModel &f : project.files) {
    if (f.handlesBounceWebhook) return;
    for (const Call &c : f.calls) {
      if (c.op == Operation::Suppress) return;
      if (sendsEmail(c)) senders.emplace_back(&f, &c);
    }
  }
  if (senders.empty()) return;
  std::sort(senders.begin(), senders.end(), [](const auto &a, const auto &b) {
    return std::tie(a.first->path, a.second->range.startByte) < std::tie(b.first->path, b.second->range.startByte);
  });
  std::vector<std::pair<QString, int>> related;
  for (size_t i = 1; i < senders.size() && related.size() < 20; ++i)
    related.emplace_back(senders[i].first->path, static_cast<int>(senders[i].second->range.startRow) + 1);
  sink.report(senders.front().first->path, senders.front().second->range,
              QStringLiteral("this project sends email (%1 place%2) but handles no bounce: no reporting "
                             "webhook reads `bounced`, so your code never learns which addresses are dead "
                             "and keeps using them")
                  .arg(senders.size())
                  .arg(senders.size() == 1 ? QString() : QStringLiteral("s")),
              {}, std::move(related));
}

}  // namespace cio
