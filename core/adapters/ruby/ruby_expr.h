#pragma once

// Expression facts for Ruby (internal to the Ruby adapter): literal or dynamic string,
// millisecond clock, request input, the names an expression reads.

#include "model/model.h"
#include "syntax/node.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace cio::ruby {

// Named children; none for a null node (optional fields are often absent).
inline std::vector<TSNode> namedKids(TSNode n) {
  return ts_node_is_null(n) ? std::vector<TSNode>{} : ts::namedChildren(n);
}

// Source text of a node with all whitespace removed: receivers are compared in this
// form ("Cio.client", "Rails.application.config.x.cio").
QString compactText(TSNode n, const QByteArray &src);

// `(expr)` with one statement inside -> expr; other nodes unchanged.
TSNode unwrapParens(TSNode n);

// The value of a plain string or symbol literal (`"a"`, `'a'`, `:a`, `:"a"`); empty
// optional for anything dynamic or non-literal.
std::optional<QString> literalString(TSNode n, const QByteArray &src);

// Key of a hash pair as written without quotes or colons: `email:`, `:email =>`,
// `"email" =>` -> "email". Empty for computed keys.
QString pairKey(TSNode key, const QByteArray &src);

class ExprBuilder {
 public:
  // `resolveLocal(identifier)` returns the right-hand side of the last assignment to
  // that local variable before it in the same function (or a null node): it lets a
  // variable that holds a millisecond clock count as one.
  ExprBuilder(const QByteArray &src, std::function<TSNode(TSNode)> resolveLocal)
      : m_src(src), m_resolveLocal(std::move(resolveLocal)) {}

  Expr build(TSNode n) const;

  // True when the expression is a clock in milliseconds; `rewrite` receives the same
  // clock in whole seconds when a mechanical rewrite exists.
  bool millisecondClock(TSNode n, QString *rewrite) const { return millisecondClock(n, rewrite, 0); }
  // A Time/Date object, an ISO/formatted string of one, or fractional seconds (CIO018);
  // `rewrite` receives whole seconds when a mechanical rewrite exists.
  TimeForm timeForm(TSNode n, QString *rewrite, int depth = 0) const;

 private:
  bool millisecondClock(TSNode n, QString *rewrite, int depth) const;
  void classifyString(TSNode n, Expr &e) const;
  bool concatenation(TSNode n, Expr &e) const;
  bool formatCall(TSNode n, Expr &e) const;
  void collectNames(TSNode n, QStringList &out) const;
  void dynamicVariables(TSNode n, std::vector<TSNode> &out, int depth) const;
  bool requestInput(TSNode n, int depth = 0) const;
  bool validatedInput(TSNode n) const;
  bool permitted(TSNode n, int depth) const;
  TSNode methodResult(TSNode use, const QString &name) const;
  bool temporal(TSNode n) const;
  bool timeObject(TSNode n) const;

  const QByteArray &m_src;
  std::function<TSNode(TSNode)> m_resolveLocal;
};

}  // namespace cio::ruby
