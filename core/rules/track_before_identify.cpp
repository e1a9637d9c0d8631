#include "rules/track_before_identify.h"

#include "rules/facts.h"

#include <QHash>
#include <QSet>

namespace cio {

const RuleInfo &TrackBeforeIdentifyRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO003"), QStringLiteral("track-before-identify"), Severity::Error,
                             QStringLiteral("an event is tracked for a person before that person is identified")};
  return info;
}

void TrackBeforeIdentifyRule::check(const FileModel &file, const FindingSink &sink) const {
  // Calls are grouped per function; within one, source order is execution order.
  QHash<int, std::vector<const Call *>> byFunction;
  for (const Call &c : file.calls)
    if (c.personId) byFunction[c.functionId].push_back(&c);
  for (auto it = byFunction.cbegin(); it != byFunction.cend(); ++it) {
    std::vector<const Call *> calls = it.value();
    std::sort(calls.begin(), calls.end(),
              [](const Call *a, const Call *b) { return a->range.startByte < b->range.startByte; });
    QSet<QString> identified;
    std::vector<const Call *> early;  // tracks for ids not identified yet
    for (const Call *c : calls) {
      const QString id = facts::sameValueKey(*c->personId);
      if (c->op == Operation::Identify) {
        identified.insert(id);
        for (const Call *t : early)
          if (facts::sameValueKey(*t->personId) == id && t->sdk == c->sdk)
            sink.report(file.path, t->range,
                        QStringLiteral("`%1` is tracked before it is identified a few lines below, so the event "
                                       "reaches Customer.io before the person's email and attributes do")
                            .arg(c->personId->text.left(60)));
        early.erase(std::remove_if(early.begin(), early.end(),
                                   [&](const Call *t) { return facts::sameValueKey(*t->personId) == id; }),
                    early.end());
      } else if ((c->op == Operation::Track || c->op == Operation::Page) && !identified.contains(id)) {
        early.push_back(c);
      }
    }
  }
}

}  // namespace cio
