#include "rules/unhandled_promise.h"

namespace cio {

const RuleInfo &UnhandledPromiseRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO014"), QStringLiteral("unhandled-promise"), Severity::Error,
                             QStringLiteral("an SDK call's promise is neither awaited, returned, stored nor caught")};
  return info;
}

void UnhandledPromiseRule::check(const FileModel &file, const FindingSink &sink) const {
  for (const Call &c : file.calls) {
    if (!c.returnsPromise || c.promiseHandled) continue;
    std::vector<Fix> fixes;
    if (!c.rejectionHandler.isEmpty()) {
      Range end = c.range;
      end.startByte = end.endByte;
      end.startRow = end.endRow;
      end.startColumn = end.endColumn;
      fixes.push_back(Fix{QStringLiteral("log a failed request: append %1").arg(c.rejectionHandler),
                          {TextEdit{end, c.rejectionHandler}}});
    }
    sink.report(file.path, c.range,
                QStringLiteral("the promise from `%1()` has no rejection handler: when the request fails, the "
                               "unhandled rejection ends a Node 15+ process; await it, return it or add a .catch()")
                    .arg(c.method),
                std::move(fixes));
  }
}

}  // namespace cio
