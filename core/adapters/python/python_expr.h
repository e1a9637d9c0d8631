#pragma once

// Expression facts for Python (internal to the Python adapter): string kinds, names,
// millisecond clocks and request input. Dataflow is limited to simple assignments
// (`name = value`) earlier in the same function or at module scope.

#include "model/model.h"
#include "syntax/node.h"

#include <QHash>

#include <functional>
#include <vector>

namespace cio::python {

// `name = value` assignments by scope (function id, -1 for module scope), in source order.
class Assignments {
 public:
  void add(int scope, const QString &name, TSNode value) { m_byScope[scope][name].push_back(value); }
  // The value last assigned to `name` before byte `before` in `scope`, else at module
  // scope; a null node when there is none.
  TSNode valueBefore(int scope, const QString &name, quint32 before) const;

 private:
  QHash<int, QHash<QString, std::vector<TSNode>>> m_byScope;
};

class ExprReader {
 public:
  ExprReader(const QByteArray &src, const Assignments &assignments) : m_src(src), m_assignments(assignments) {}

  // Parameters that carry a request body (FastAPI models): tells whether `name` is one in
  // function `scope`.
  void setBodyParamTest(std::function<bool(int scope, const QString &name)> test) { m_isBodyParam = std::move(test); }
  // Request input that the function checks first (allow-list, validator, schema): sets
  // Expr::validatedInput.
  void setValidationTest(std::function<bool(int scope, TSNode node)> test) { m_isValidated = std::move(test); }

  Expr read(TSNode node, int scope) const;

  // Strings: the literal value with `{}` for dynamic parts; false when `node` is not a
  // string-like expression. `dynamic` is set when a part is computed at run time.
  bool stringValue(TSNode node, QString &value, bool &dynamic, std::vector<TSNode> *dynamicParts = nullptr) const;
  // A plain string literal's value (no interpolation), else a null QString.
  QString plainString(TSNode node) const;

  bool isMillisecondClock(TSNode node, int scope, QString *rewrite, int depth = 0) const;
  bool isRequestInput(TSNode node, int scope, int depth = 0) const;
  TimeForm timeForm(TSNode node, int scope, QString *rewrite, int depth = 0) const;
  void collectNames(TSNode node, QStringList &out, int depth = 0) const;

 private:
  QString text(TSNode n) const { return ts::text(n, m_src); }
  bool isSecondsClock(TSNode n) const;
  bool isNanosecondClock(TSNode n) const;
  bool isDateObject(TSNode n) const;

  const QByteArray &m_src;
  const Assignments &m_assignments;
  std::function<bool(int, const QString &)> m_isBodyParam;
  std::function<bool(int, TSNode)> m_isValidated;
};

// Source text without blanks, so `self .cio` and `self.cio` compare equal.
inline QString compact(QString s) {
  s.remove(QLatin1Char(' '));
  s.remove(QLatin1Char('\n'));
  s.remove(QLatin1Char('\t'));
  return s;
}

// Strips parentheses (and `await`, when `awaitToo`).
TSNode unwrap(TSNode n, bool awaitToo = false);

}  // namespace cio::python
