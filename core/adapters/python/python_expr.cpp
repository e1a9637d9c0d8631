#include "adapters/python/python_expr.h"

#include <QRegularExpression>

#include <cmath>

namespace cio::python {

using ts::field;
using ts::is;
using ts::namedChildren;

TSNode Assignments::valueBefore(int scope, const QString &name, quint32 before) const {
  for (int s : {scope, -1}) {
    const auto byName = m_byScope.constFind(s);
    if (byName == m_byScope.cend()) continue;
    const auto values = byName->constFind(name);
    if (values == byName->cend()) continue;
    TSNode best{};
    for (const TSNode &v : *values)
      if (ts_node_start_byte(v) < before) best = v;
    if (!ts_node_is_null(best)) return best;
    if (s == -1) break;
  }
  return TSNode{};
}

TSNode unwrap(TSNode n, bool awaitToo) {
  while (!ts_node_is_null(n)) {
    if (is(n, "parenthesized_expression") || (awaitToo && is(n, "await"))) {
      TSNode inner{};
      for (TSNode c : namedChildren(n))
        if (!is(c, "comment")) {
          inner = c;
          break;
        }
      if (ts_node_is_null(inner)) return n;
      n = inner;
      continue;
    }
    return n;
  }
  return n;
}

static bool isIdentifierLike(const QString &s) {
  static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
  return re.match(s).hasMatch();
}

// --- strings --------------------------------------------------------------------------

QString ExprReader::plainString(TSNode node) const {
  QString value;
  bool dynamic = false;
  node = unwrap(node);
  if (!is(node, "string") && !is(node, "concatenated_string")) return QString();
  if (!stringValue(node, value, dynamic) || dynamic) return QString();
  return value.isNull() ? QStringLiteral("") : value;
}

bool ExprReader::stringValue(TSNode node, QString &value, bool &dynamic, std::vector<TSNode> *dynamicParts) const {
  node = unwrap(node);
  if (is(node, "string")) {
    for (TSNode c : ts::children(node)) {
      if (is(c, "string_content")) {
        value += text(c);
      } else if (is(c, "interpolation")) {
        value += QStringLiteral("{}");
        dynamic = true;
        if (dynamicParts) dynamicParts->push_back(field(c, "expression"));
      }
    }
    return true;
  }
  if (is(node, "concatenated_string")) {
    for (TSNode c : namedChildren(node))
      if (is(c, "string")) stringValue(c, value, dynamic, dynamicParts);
    return true;
  }
  if (is(node, "binary_operator")) {
    const QString op = text(field(node, "operator"));
    const TSNode left = unwrap(field(node, "left")), right = unwrap(field(node, "right"));
    if (op == QLatin1String("+")) {
      // A concatenation when at least one side is a string.
      std::vector<TSNode> parts;
      // Iterative: a `+` chain nests to the left, as deep as it is long.
      std::vector<TSNode> stack{node};
      while (!stack.empty()) {
        const TSNode n = unwrap(stack.back());
        stack.pop_back();
        if (is(n, "binary_operator") && text(field(n, "operator")) == QLatin1String("+") && parts.size() < 1000) {
          stack.push_back(field(n, "right"));
          stack.push_back(field(n, "left"));
        } else {
          parts.push_back(n);
        }
      }
      bool anyString = false;
      for (TSNode p : parts) anyString = anyString || is(p, "string") || is(p, "concatenated_string");
      if (!anyString) return false;
      for (TSNode p : parts) {
        if (is(p, "string") || is(p, "concatenated_string")) {
          stringValue(p, value, dynamic, dynamicParts);
        } else {
          value += QStringLiteral("{}");
          dynamic = true;
          if (dynamicParts) dynamicParts->push_back(p);
        }
      }
      return true;
    }
    if (op == QLatin1String("%") && (is(left, "string") || is(left, "concatenated_string"))) {
      QString fmt;
      bool inner = false;
      stringValue(left, fmt, inner, dynamicParts);
      static const QRegularExpression spec(
          QStringLiteral(R"(%(\([^)]*\))?[-#0 +]*(\d+|\*)?(\.(\d+|\*))?[sdifrxXeEgGcoau])"));
      fmt.replace(spec, QStringLiteral("{}"));
      fmt.replace(QStringLiteral("%%"), QStringLiteral("%"));
      value += fmt;
      dynamic = true;
      if (dynamicParts) dynamicParts->push_back(right);
      return true;
    }
    return false;
  }
  if (is(node, "call")) {
    const TSNode fn = field(node, "function");
    if (is(fn, "attribute") && text(field(fn, "attribute")) == QLatin1String("format")) {
      const TSNode obj = unwrap(field(fn, "object"));
      if (is(obj, "string") || is(obj, "concatenated_string")) {
        QString fmt;
        bool inner = false;
        stringValue(obj, fmt, inner, dynamicParts);
        static const QRegularExpression placeholder(QStringLiteral(R"(\{[^{}]*\})"));
        fmt.replace(QStringLiteral("{{"), QStringLiteral("\x01"));
        fmt.replace(QStringLiteral("}}"), QStringLiteral("\x02"));
        fmt.replace(placeholder, QStringLiteral("{}"));
        fmt.replace(QChar(1), QStringLiteral("{{"));
        fmt.replace(QChar(2), QStringLiteral("}}"));
        value += fmt;
        dynamic = true;
        if (dynamicParts)
          for (TSNode a : namedChildren(field(node, "arguments")))
            if (!is(a, "comment")) dynamicParts->push_back(is(a, "keyword_argument") ? field(a, "value") : a);
        return true;
      }
    }
  }
  return false;
}

// --- names ----------------------------------------------------------------------------

void ExprReader::collectNames(TSNode n, QStringList &out, int depth) const {
  // Bounded: names deep inside a pathological expression add nothing a rule could use.
  if (ts_node_is_null(n) || depth > 64) return;
  const std::string_view t = ts::type(n);
  if (t == "comment") return;
  if (t == "identifier") {
    out << text(n);
    return;
  }
  if (t == "attribute") {
    collectNames(field(n, "object"), out, depth + 1);
    out << text(field(n, "attribute"));
    return;
  }
  if (t == "subscript") {
    collectNames(field(n, "value"), out, depth + 1);
    const TSNode key = field(n, "subscript");
    const QString s = plainString(key);
    if (!s.isNull()) out << s;
    else collectNames(key, out, depth + 1);
    return;
  }
  if (t == "call") {
    // user.email.lower(): a case or blank normalisation reads the same value, so the
    // method is not a name (the value still ends in `email`).
    static const QStringList normalisers = {QStringLiteral("lower"),  QStringLiteral("upper"),
                                            QStringLiteral("strip"),  QStringLiteral("lstrip"),
                                            QStringLiteral("rstrip"), QStringLiteral("casefold")};
    const TSNode fn = field(n, "function");
    if (is(fn, "attribute") && normalisers.contains(text(field(fn, "attribute"))))
      collectNames(field(fn, "object"), out, depth + 1);
    else collectNames(fn, out, depth + 1);
    for (TSNode a : namedChildren(field(n, "arguments"))) {
      if (is(a, "keyword_argument")) {
        collectNames(field(a, "value"), out, depth + 1);
        continue;
      }
      // os.getenv("CIO_API_KEY"), request.args.get("email"): the key is what is read.
      const QString s = plainString(a);
      if (!s.isNull()) {
        if (isIdentifierLike(s)) out << s;
        continue;
      }
      collectNames(a, out, depth + 1);
    }
    return;
  }
  if (t == "string") {
    for (TSNode c : namedChildren(n))
      if (is(c, "interpolation")) collectNames(field(c, "expression"), out, depth + 1);
    return;
  }
  if (t == "keyword_argument") {
    collectNames(field(n, "value"), out, depth + 1);
    return;
  }
  if (t == "pair") {
    collectNames(field(n, "value"), out, depth + 1);
    return;
  }
  if (t == "lambda") {
    collectNames(field(n, "body"), out, depth + 1);
    return;
  }
  for (TSNode c : namedChildren(n)) collectNames(c, out, depth + 1);
}

// --- clocks ---------------------------------------------------------------------------

// Calls that round a clock to whole units without changing the unit.
static bool isWholeSecondsWrapper(const QString &callee) {
  static const QStringList wrappers = {QStringLiteral("int"),        QStringLiteral("round"),
                                       QStringLiteral("math.floor"), QStringLiteral("math.ceil"),
                                       QStringLiteral("math.trunc"), QStringLiteral("floor")};
  return wrappers.contains(callee);
}

bool ExprReader::isSecondsClock(TSNode n) const {
  n = unwrap(n);
  if (!is(n, "call")) return false;
  const TSNode fn = field(n, "function");
  const QString callee = compact(text(fn));
  static const QStringList clocks = {QStringLiteral("time.time"), QStringLiteral("time"),
                                     QStringLiteral("time.mktime"), QStringLiteral("mktime"),
                                     QStringLiteral("calendar.timegm"), QStringLiteral("timegm")};
  if (clocks.contains(callee)) return true;
  // int(time.time()), round(dt.timestamp()): still seconds, so `* 1000` makes milliseconds.
  if (isWholeSecondsWrapper(callee)) {
    const std::vector<TSNode> args = namedChildren(field(n, "arguments"));
    return args.size() == 1 && isSecondsClock(args[0]);
  }
  // dt.timestamp(), datetime.now().timestamp(), arrow.utcnow().timestamp()
  return is(fn, "attribute") && text(field(fn, "attribute")) == QLatin1String("timestamp");
}

bool ExprReader::isNanosecondClock(TSNode n) const {
  n = unwrap(n);
  if (!is(n, "call")) return false;
  const QString callee = compact(text(field(n, "function")));
  return callee == QLatin1String("time.time_ns") || callee == QLatin1String("time_ns");
}

// datetime.now(), datetime.utcnow(), datetime(2024, 1, 1), date.today(), timezone.now()
bool ExprReader::isDateObject(TSNode n) const {
  n = unwrap(n, true);
  if (!is(n, "call")) return false;
  QString callee = compact(text(field(n, "function")));
  if (callee.startsWith(QLatin1String("datetime.datetime")) || callee.startsWith(QLatin1String("datetime.date")))
    callee = callee.mid(9);  // datetime.datetime.now -> datetime.now
  static const QStringList makers = {QStringLiteral("datetime"),
                                     QStringLiteral("datetime.now"),
                                     QStringLiteral("datetime.utcnow"),
                                     QStringLiteral("datetime.fromtimestamp"),
                                     QStringLiteral("datetime.fromisoformat"),
                                     QStringLiteral("date"),
                                     QStringLiteral("date.today"),
                                     QStringLiteral("timezone.now"),
                                     QStringLiteral("arrow.utcnow"),
                                     QStringLiteral("arrow.now"),
                                     QStringLiteral("pendulum.now")};
  return makers.contains(callee);
}

TimeForm ExprReader::timeForm(TSNode node, int scope, QString *rewrite, int depth) const {
  const TSNode n = unwrap(node, true);
  if (ts_node_is_null(n) || depth > 4) return TimeForm::None;
  if (isDateObject(n)) {
    const QString callee = compact(text(field(n, "function")));
    if (!callee.endsWith(QLatin1String("date")) && !callee.endsWith(QLatin1String("date.today")))
      *rewrite = QStringLiteral("int(%1.timestamp())").arg(text(n));
    return TimeForm::DateObject;
  }
  static const QStringList whole = {QStringLiteral("int"), QStringLiteral("round"), QStringLiteral("math.floor"),
                                    QStringLiteral("math.ceil"), QStringLiteral("math.trunc"), QStringLiteral("floor")};
  if (isSecondsClock(n) && !whole.contains(compact(text(field(n, "function"))))) {  // time.time(): a float
    *rewrite = QStringLiteral("int(%1)").arg(text(n));
    return TimeForm::FractionalSeconds;
  }
  if (is(n, "call")) {
    const TSNode fn = field(n, "function");
    if (!is(fn, "attribute")) return TimeForm::None;
    const QString method = text(field(fn, "attribute"));
    if (method == QLatin1String("isoformat") || method == QLatin1String("strftime")) {
      const TSNode obj = field(fn, "object");
      if (isDateObject(obj) && !text(obj).contains(QLatin1String("date(")) &&
          !compact(text(obj)).endsWith(QLatin1String("date.today()")))
        *rewrite = QStringLiteral("int(%1.timestamp())").arg(text(obj));
      return method == QLatin1String("strftime") && text(n).contains(QLatin1String("%s")) ? TimeForm::None
                                                                                          : TimeForm::IsoString;
    }
    return TimeForm::None;
  }
  if (is(n, "identifier")) {
    const TSNode v = m_assignments.valueBefore(scope, text(n), ts_node_start_byte(n));
    QString inlined;  // the rewrite of a variable's value would inline it: offer none
    if (!ts_node_is_null(v) && !ts_node_eq(v, n)) return timeForm(v, scope, &inlined, depth + 1);
  }
  return TimeForm::None;
}

static double numberValue(const QString &literal, bool *ok) {
  QString s = literal;
  s.remove(QLatin1Char('_'));
  return s.toDouble(ok);
}

bool ExprReader::isMillisecondClock(TSNode node, int scope, QString *rewrite, int depth) const {
  const TSNode n = unwrap(node, true);
  if (ts_node_is_null(n) || depth > 4) return false;
  const std::string_view t = ts::type(n);
  if (t == "integer") {
    QString digits = text(n);
    digits.remove(QLatin1Char('_'));
    if (digits.size() == 13 && digits.front() != QLatin1Char('0')) {
      if (rewrite) *rewrite = digits.left(10);
      return true;
    }
    return false;
  }
  if (t == "binary_operator") {
    const QString op = text(field(n, "operator"));
    const TSNode l = unwrap(field(n, "left")), r = unwrap(field(n, "right"));
    auto isNumber = [&](TSNode x, double want) {
      x = unwrap(x);
      if (is(x, "binary_operator") && text(field(x, "operator")) == QLatin1String("**")) {
        bool ok1 = false, ok2 = false;
        const double b = numberValue(text(field(x, "left")), &ok1), e = numberValue(text(field(x, "right")), &ok2);
        return ok1 && ok2 && b == 10 && std::abs(std::pow(10.0, e) - want) < 0.5;
      }
      if (!is(x, "integer") && !is(x, "float")) return false;
      bool ok = false;
      const double v = numberValue(text(x), &ok);
      return ok && v == want;
    };
    if (op == QLatin1String("*")) {
      TSNode clock{};
      if (isSecondsClock(l) && isNumber(r, 1000)) clock = l;
      else if (isSecondsClock(r) && isNumber(l, 1000)) clock = r;
      if (!ts_node_is_null(clock)) {
        const bool whole = isWholeSecondsWrapper(compact(text(field(clock, "function"))));
        if (rewrite) *rewrite = whole ? text(clock) : QStringLiteral("int(%1)").arg(text(clock));
        return true;
      }
      return false;
    }
    if ((op == QLatin1String("//") || op == QLatin1String("/")) && isNanosecondClock(l) && isNumber(r, 1e6)) {
      if (rewrite) *rewrite = QStringLiteral("%1 // 1_000_000_000").arg(text(l));
      return true;
    }
    return false;
  }
  if (t == "call") {
    const QString callee = compact(text(field(n, "function")));
    static const QStringList wrappers = {QStringLiteral("int"),        QStringLiteral("round"),
                                         QStringLiteral("float"),      QStringLiteral("math.floor"),
                                         QStringLiteral("math.ceil"),  QStringLiteral("math.trunc"),
                                         QStringLiteral("floor"),      QStringLiteral("str")};
    if (!wrappers.contains(callee)) return false;
    std::vector<TSNode> args;
    for (TSNode a : namedChildren(field(n, "arguments")))
      if (!is(a, "comment")) args.push_back(a);
    if (args.size() != 1) return false;
    return isMillisecondClock(args[0], scope, rewrite, depth + 1);
  }
  if (t == "identifier") {
    const TSNode v = m_assignments.valueBefore(scope, text(n), ts_node_start_byte(n));
    if (ts_node_is_null(v)) return false;
    const bool ms = isMillisecondClock(v, scope, nullptr, depth + 1);
    if (ms && rewrite) rewrite->clear();  // the fix belongs where the value is computed
    return ms;
  }
  return false;
}

// --- request input ----------------------------------------------------------------------

bool ExprReader::isRequestInput(TSNode node, int scope, int depth) const {
  TSNode n = unwrap(node, true);
  if (ts_node_is_null(n) || depth > 4) return false;
  // A dynamic string is request input when one of its dynamic parts is.
  if (is(n, "string") || is(n, "binary_operator") || is(n, "concatenated_string")) {
    QString v;
    bool dyn = false;
    std::vector<TSNode> parts;
    if (stringValue(n, v, dyn, &parts)) {
      for (TSNode p : parts)
        if (isRequestInput(p, scope, depth + 1)) return true;
    }
    return false;
  }
  // json.loads(request.body), dict(request.form)
  if (is(n, "call")) {
    const QString callee = compact(text(field(n, "function")));
    if (callee == QLatin1String("json.loads") || callee == QLatin1String("dict") ||
        callee == QLatin1String("str")) {
      for (TSNode a : namedChildren(field(n, "arguments")))
        if (!is(a, "comment") && !is(a, "keyword_argument")) return isRequestInput(a, scope, depth + 1);
      return false;
    }
  }
  QStringList chain;  // attribute names from the root outwards, reversed below
  TSNode cur = n;
  for (;;) {
    cur = unwrap(cur, true);
    if (is(cur, "attribute")) {
      chain.prepend(text(field(cur, "attribute")));
      cur = field(cur, "object");
    } else if (is(cur, "subscript")) {
      const QString key = plainString(field(cur, "subscript"));
      if (!key.isNull()) chain.prepend(QLatin1Char('[') + key);
      cur = field(cur, "value");
    } else if (is(cur, "call")) {
      cur = field(cur, "function");
    } else {
      break;
    }
  }
  if (!is(cur, "identifier")) return false;
  QString root = text(cur);
  if (root == QLatin1String("self") && !chain.isEmpty() && chain.front() == QLatin1String("request")) {
    root = chain.takeFirst();
  }
  static const QStringList inputs = {
      QStringLiteral("json"),      QStringLiteral("get_json"), QStringLiteral("form"),
      QStringLiteral("args"),      QStringLiteral("values"),   QStringLiteral("data"),
      QStringLiteral("POST"),      QStringLiteral("GET"),      QStringLiteral("body"),
      QStringLiteral("query_params"), QStringLiteral("files"), QStringLiteral("query"),
      QStringLiteral("path_params"), QStringLiteral("params"), QStringLiteral("get_data")};
  if (root == QLatin1String("request") || root == QLatin1String("req"))
    return !chain.isEmpty() && inputs.contains(chain.front());
  if (m_isBodyParam && m_isBodyParam(scope, root)) return true;
  const TSNode v = m_assignments.valueBefore(scope, root, ts_node_start_byte(cur));
  if (ts_node_is_null(v)) return false;
  return isRequestInput(v, scope, depth + 1);
}

// --- the whole expression ---------------------------------------------------------------

Expr ExprReader::read(TSNode node, int scope) const {
  Expr e;
  if (ts_node_is_null(node)) return e;
  e.range = ts::range(node);
  e.text = text(node);
  const TSNode n = unwrap(node, true);
  const std::string_view t = ts::type(n);

  QString value;
  bool dynamic = false;
  std::vector<TSNode> parts;
  if (stringValue(n, value, dynamic, &parts)) {
    e.stringValue = value;
    if (!dynamic) {
      e.kind = ValueKind::StringLiteral;
      if (is(n, "string")) {
        TSNode start{}, end{};
        for (TSNode c : ts::children(n)) {
          if (is(c, "string_start")) start = c;
          if (is(c, "string_end")) end = c;
        }
        if (!ts_node_is_null(start) && !ts_node_is_null(end)) {
          Range r;
          r.startByte = ts_node_end_byte(start);
          r.endByte = ts_node_start_byte(end);
          const TSPoint s = ts_node_end_point(start), en = ts_node_start_point(end);
          r.startRow = s.row;
          r.startColumn = s.column;
          r.endRow = en.row;
          r.endColumn = en.column;
          e.contentRange = r;
        }
      }
    } else if (is(n, "string") || is(n, "concatenated_string")) {
      e.kind = ValueKind::InterpolatedString;
    } else if (is(n, "call")) {
      e.kind = ValueKind::FormatCall;
    } else if (text(field(n, "operator")) == QLatin1String("%")) {
      e.kind = ValueKind::FormatCall;
    } else {
      e.kind = ValueKind::Concatenation;
    }
    if (dynamic)
      for (TSNode p : parts) collectNames(p, e.names);
  } else {
    if (t == "integer" || t == "float") e.kind = ValueKind::NumberLiteral;
    else if (t == "identifier") e.kind = ValueKind::Identifier;
    else if (t == "attribute" || t == "subscript") e.kind = ValueKind::Member;
    else if (t == "dictionary") e.kind = ValueKind::ObjectLiteral;
    else if (t == "call") {
      const QString callee = text(field(n, "function"));
      e.kind = callee == QLatin1String("dict") ? ValueKind::ObjectLiteral : ValueKind::CallResult;
    } else e.kind = ValueKind::Other;
    collectNames(n, e.names);
  }
  // One step of dataflow for the names: the local variables the value is or interpolates.
  std::vector<TSNode> variables;
  if (t == "identifier") variables.push_back(n);
  else if (dynamic)
    for (TSNode p : parts)
      if (is(unwrap(p), "identifier")) variables.push_back(unwrap(p));
  for (TSNode v : variables) {
    const TSNode value = unwrap(m_assignments.valueBefore(scope, text(v), ts_node_start_byte(v)));
    if (ts_node_is_null(value)) continue;
    // `"a" if user.email else "b"`: the value is one of the branches, the condition is not read into it.
    if (is(value, "conditional_expression")) {
      const std::vector<TSNode> kids = namedChildren(value);
      if (kids.size() == 3) {
        collectNames(kids[0], e.assignedNames);
        collectNames(kids[2], e.assignedNames);
      }
      continue;
    }
    collectNames(value, e.assignedNames);
  }
  QString rewrite;
  e.millisecondClock = isMillisecondClock(node, scope, &rewrite);
  if (e.millisecondClock) e.secondsRewrite = rewrite;
  else
    e.timeForm = timeForm(node, scope, &e.unixSecondsRewrite);
  e.requestInput = isRequestInput(node, scope);
  if (e.requestInput && m_isValidated) e.validatedInput = m_isValidated(scope, node);
  return e;
}

}  // namespace cio::python
