#pragma once

// Facts about Go expressions and statements that the Go adapter needs: what kind of
// value an expression is, whether it is a millisecond clock or request input, which
// keys a map or struct literal writes, whether a call runs in a loop and whether that
// loop is throttled. Internal to the Go adapter (keeps tree_sitter/api.h private).

#include "model/model.h"
#include "syntax/node.h"

#include <QByteArray>
#include <QSet>
#include <QString>

#include <tree_sitter/api.h>

#include <vector>

namespace cio {

// One `key: value` of a composite literal.
struct GoKeyedValue {
  QString key;  // string keys without quotes, field names as written
  TSNode keyNode{};
  TSNode value{};
};

class GoFacts {
 public:
  static constexpr int kMaxDepth = 200;  // recursion bound over nested expressions

  // `index`: the tree's pre-order index (walks and parent lookups), outliving this.
  GoFacts(const QByteArray &source, TSNode root, const ts::TreeIndex &index);

  static bool isStringLiteral(TSNode n);
  // The value between the quotes/backticks, escapes left as written.
  static QString stringContent(TSNode n, const QByteArray &source);

  Expr expr(TSNode n) const;

  // The keyed elements of a composite literal (`map[string]any{...}`, `T{F: v}`).
  // False when an element is positional or a map key is not a string literal.
  bool keyedElements(TSNode literal, std::vector<GoKeyedValue> *out) const;
  Attribute attribute(const GoKeyedValue &kv) const;

  // The value last given to local variable `ident` before `use` in the same function
  // (`attrs := map[string]any{...}`), or a null node. `assigned` receives the keys set
  // afterwards (`attrs["plan"] = p`, `req.To = e`); `visible` turns false when the
  // variable is handed to another call or written with a computed key in between.
  TSNode localValue(TSNode ident, TSNode use, bool *visible, std::vector<GoKeyedValue> *assigned) const;

  // Attributes from a Pipelines Traits/Properties value: a map literal, or a builder
  // chain `analytics.NewTraits().SetEmail(e).Set("plan", p)`. False when not visible.
  bool pipelinesData(TSNode value, TSNode use, std::vector<Attribute> *out, int depth = 0) const;

  // Inside a loop over a collection (range over a slice/map, an index loop, a
  // condition loop such as `for rows.Next()`), not crossing the enclosing declaration.
  // A range over a channel or a ticker, and a bare `for {}`, are consumers, not bulk
  // loops. `throttled` is set when any enclosing loop body sleeps, waits on a limiter or
  // a ticker.
  bool inCollectionLoop(TSNode call, bool *throttled) const;

  // `evt.Metric == "bounced"`, `switch payload.EventType { case "email_bounced": }`.
  // The delivery-metric literals a comparison or switch matches against a webhook field
  // (`ev.Metric == "bounced"`, `case "delivered":`).
  std::vector<TSNode> comparedMetrics(TSNode n) const;

  // The auth scheme a function sets up: `req.SetBasicAuth(...)`, "Bearer "+key, "Basic "+...
  HttpAuth authOf(TSNode scope) const;
  bool references(TSNode scope, const QString &name) const;

 private:
  const QByteArray &m_src;
  TSNode m_root;
  const ts::TreeIndex *m_index;
  // The walks and parent lookups go through one pre-order index of the tree (one cursor
  // walk instead of one per walk; a parent in O(log n) instead of a search from the root).
  TSNode parentOf(TSNode n) const { return m_index->parent(n); }
  template <typename Pred>
  TSNode ancestor(TSNode n, Pred &&pred) const {
    return m_index->ancestor(n, std::forward<Pred>(pred));
  }
  template <typename Visit>
  void walk(TSNode from, Visit &&visit) const {
    m_index->walk(from, visit);
  }
  QSet<QString> m_channels;  // variables, parameters and fields of channel type, make(chan ...)
  QSet<QString> m_limiters;  // names assigned from rate.NewLimiter / ratelimit.New

  QString text(TSNode n) const;
  QStringList names(TSNode n, int depth = 0) const;
  bool msClock(TSNode n, QString *rewrite, int depth = 0) const;
  bool secondsClock(TSNode n, int depth = 0) const;
  bool timeValue(TSNode n, int depth = 0) const;
  TimeForm timeForm(TSNode n, QString *rewrite, int depth = 0) const;
  bool requestInput(TSNode n, int depth = 0) const;
  bool validatedInput(TSNode n) const;
  bool boundWithOneOf(TSNode n, TSNode scope) const;
  bool throttleIn(TSNode body) const;
  void dynamicString(TSNode n, QString *value, QStringList *names, int depth = 0) const;
  void dynamicVariables(TSNode n, std::vector<TSNode> &out, int depth = 0) const;
  TSNode paramType(TSNode at, const QString &name) const;
};

}  // namespace cio
