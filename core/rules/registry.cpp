#include "rules/rule.h"

namespace cio {

// One line per rule, sorted by id. Registration is explicit: no static self-registration.
const std::vector<std::unique_ptr<Rule>> &builtinRules() {
  static const std::vector<std::unique_ptr<Rule>> rules = [] {
    std::vector<std::unique_ptr<Rule>> r;
    return r;
  }();
  return rules;
}

}  // namespace cio
