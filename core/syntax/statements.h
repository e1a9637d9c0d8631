#pragma once

// Which top-level statements of one file an adapter has to look at. A file analysed on
// its own (the playground, lessons, quizzes, a pasted snippet) is mostly code that never
// touches Customer.io: a 5,000-line module with one client re-analysed on every keystroke
// must not walk the other 4,990 lines. Internal to core.
//
// A statement matters when its text names something the rules look at (an SDK, a host,
// a webhook field, a browser global: the adapter's triggers), or when it is connected to
// such a statement through a module-level name: it declares a name a statement that
// matters uses, or it uses a name such a statement declares or uses. Names that only
// come from an import of a package or module that is not Customer.io's connect
// backwards only (the import is kept, the other users of `lodash` are not).

#include <tree_sitter/api.h>

#include <QByteArray>

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace cio::ts {

// Hash of an identifier's bytes. Two names that collide only make more statements
// matter, never fewer.
std::uint64_t nameHash(std::string_view name);

struct TopLevelStatement {
  TSNode node{};
  std::vector<std::uint64_t> declares;  // nameHash of each module-level name it binds
  bool importOnly = false;              // an import (or require) of something that is not Customer.io
  bool kept = false;                    // always indexed (directives, imports, comments); no trigger
};

// The named children of `root`, in order.
std::vector<TSNode> topLevelNodes(TSNode root);

// Lower-cased `triggers` (ASCII) searched case-insensitively in each statement's text.
// Returns the nodes to index, in source order: the kept statements and every statement
// that matters (see above).
// `assigned` (optional) gives the names a statement that matters assigns without
// declaring them (`tracker = new TrackClient()` inside a function, `globalThis.cio = …`):
// every other statement that mentions one of them matters too.
std::vector<TSNode> relevantStatements(const QByteArray &src, const std::vector<TopLevelStatement> &statements,
                                       const std::vector<std::string_view> &triggers,
                                       const std::function<std::vector<QByteArray>(TSNode)> &assigned = {});

}  // namespace cio::ts
