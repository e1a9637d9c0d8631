#include "adapters/ruby/ruby_expr.h"

#include <QRegularExpression>
#include <QSet>

namespace cio::ruby {

using namespace cio::ts;

namespace {

Range span(TSNode first, TSNode last) {
  const Range a = range(first), b = range(last);
  return Range{a.startByte, b.endByte, a.startRow, a.startColumn, b.endRow, b.endColumn};
}

bool isThousand(TSNode n, const QByteArray &src) {
  if (!is(n, "integer") && !is(n, "float")) return false;
  const QString t = text(n, src).remove(QLatin1Char('_'));
  return t == QLatin1String("1000") || t == QLatin1String("1000.0") || t == QLatin1String("1e3") ||
         t == QLatin1String("1.0e3");
}

bool hasInterpolation(TSNode n) {
  for (TSNode c : namedKids(n))
    if (is(c, "interpolation")) return true;
  return false;
}

// printf-style directives -> "{}" so a format string reads like the other dynamic strings.
QString formatToBraces(const QString &fmt) {
  static const QRegularExpression directive(
      QStringLiteral(R"(%(?:<\w+>)?[-+ 0#]*\d*(?:\.\d+)?[sdifuxXoeEgGbBcpa]|%\{\w+\})"));
  QString out = fmt;
  out.replace(QLatin1String("%%"), QStringLiteral("\x01"));
  out.replace(directive, QStringLiteral("{}"));
  out.replace(QStringLiteral("\x01"), QStringLiteral("%"));
  return out;
}

// Methods that transform a value: their result is computed, not read.
bool isTransform(const QString &m) {
  static const QStringList methods = {
      QStringLiteral("downcase"), QStringLiteral("upcase"),     QStringLiteral("capitalize"),
      QStringLiteral("titleize"), QStringLiteral("underscore"), QStringLiteral("parameterize"),
      QStringLiteral("camelize"), QStringLiteral("humanize"),   QStringLiteral("tableize"),
      QStringLiteral("join"),     QStringLiteral("gsub"),       QStringLiteral("sub"),
      QStringLiteral("tr"),       QStringLiteral("squish"),     QStringLiteral("strip"),
      QStringLiteral("inspect"),  QStringLiteral("to_json"),    QStringLiteral("dasherize")};
  return methods.contains(m);
}

}  // namespace

QString compactText(TSNode n, const QByteArray &src) {
  const QString t = text(n, src);
  QString out;
  out.reserve(t.size());
  for (const QChar c : t)
    if (!c.isSpace()) out += c;
  return out;
}

TSNode unwrapParens(TSNode n) {
  while (is(n, "parenthesized_statements") && ts_node_named_child_count(n) == 1) n = ts_node_named_child(n, 0);
  return n;
}

std::optional<QString> literalString(TSNode n, const QByteArray &src) {
  n = unwrapParens(n);
  if (is(n, "simple_symbol")) return text(n, src).mid(1);
  if (is(n, "string") || is(n, "delimited_symbol")) {
    if (hasInterpolation(n)) return std::nullopt;
    QString v;
    for (TSNode c : namedKids(n)) v += text(c, src);
    return v;
  }
  return std::nullopt;
}

QString pairKey(TSNode key, const QByteArray &src) {
  if (is(key, "hash_key_symbol") || is(key, "identifier") || is(key, "constant")) return text(key, src);
  if (auto s = literalString(key, src)) return *s;
  return QString();
}

Expr ExprBuilder::build(TSNode node) const {
  Expr e;
  if (ts_node_is_null(node)) return e;
  const TSNode n = unwrapParens(node);
  e.range = range(node);
  e.text = text(node, m_src);
  const std::string_view t = type(n);
  if (t == "string" || t == "simple_symbol" || t == "delimited_symbol" || t == "chained_string") {
    classifyString(n, e);
  } else if (t == "integer" || t == "float") {
    e.kind = ValueKind::NumberLiteral;
  } else if (t == "identifier" || t == "constant" || t == "instance_variable" || t == "class_variable" ||
             t == "global_variable" || t == "scope_resolution" || t == "self") {
    e.kind = ValueKind::Identifier;
  } else if (t == "element_reference") {
    e.kind = ValueKind::Member;
  } else if (t == "hash") {
    e.kind = ValueKind::ObjectLiteral;
  } else if (t == "binary") {
    if (!concatenation(n, e) && !formatCall(n, e)) e.kind = ValueKind::Other;
  } else if (t == "call") {
    if (!formatCall(n, e)) {
      const TSNode receiver = field(n, "receiver");
      const bool bare = ts_node_is_null(field(n, "arguments")) && ts_node_is_null(field(n, "block"));
      // `user.email` is a method call in Ruby's grammar but reads an attribute.
      e.kind = !ts_node_is_null(receiver) && bare && !isTransform(text(field(n, "method"), m_src))
                   ? ValueKind::Member
                   : ValueKind::CallResult;
    }
  } else {
    e.kind = ValueKind::Other;
  }
  if (e.kind != ValueKind::StringLiteral && e.names.isEmpty() && !e.isDynamicString()) collectNames(n, e.names);
  // One step of dataflow for the names: the local variables the value is or interpolates.
  if (m_resolveLocal) {
    std::vector<TSNode> variables;
    if (t == "identifier") variables.push_back(n);
    else if (e.isDynamicString()) dynamicVariables(n, variables, 0);
    for (TSNode v : variables) {
      const TSNode rhs = unwrapParens(m_resolveLocal(v));
      if (ts_node_is_null(rhs)) continue;
      // `user.email ? "a" : "b"`: the value is one of the branches, the condition is not read into it.
      if (is(rhs, "conditional")) {
        collectNames(field(rhs, "consequence"), e.assignedNames);
        collectNames(field(rhs, "alternative"), e.assignedNames);
        continue;
      }
      collectNames(rhs, e.assignedNames);
    }
  }
  QString rewrite;
  e.millisecondClock = millisecondClock(n, &rewrite);
  if (e.millisecondClock) e.secondsRewrite = rewrite;
  else
    e.timeForm = timeForm(n, &e.unixSecondsRewrite);
  e.requestInput = requestInput(n);
  if (e.requestInput) e.validatedInput = validatedInput(n);
  return e;
}

void ExprBuilder::classifyString(TSNode n, Expr &e) const {
  if (is(n, "simple_symbol")) {
    e.kind = ValueKind::StringLiteral;
    e.stringValue = text(n, m_src).mid(1);
    Range r = range(n);
    r.startByte += 1;
    r.startColumn += 1;
    e.contentRange = r;
    return;
  }
  if (is(n, "chained_string")) {
    // "a" "b": literal when every part is.
    QString v;
    bool dynamic = false;
    for (TSNode part : namedKids(n)) {
      Expr p;
      classifyString(part, p);
      dynamic = dynamic || p.kind != ValueKind::StringLiteral;
      v += p.stringValue;
      if (p.kind != ValueKind::StringLiteral) collectNames(part, e.names);
    }
    e.kind = dynamic ? ValueKind::InterpolatedString : ValueKind::StringLiteral;
    e.stringValue = v;
    return;
  }
  const std::vector<TSNode> parts = namedKids(n);
  if (!hasInterpolation(n)) {
    e.kind = ValueKind::StringLiteral;
    QString v;
    for (TSNode c : parts) v += text(c, m_src);
    e.stringValue = v;
    if (!parts.empty()) {
      e.contentRange = span(parts.front(), parts.back());
    } else {
      Range r = range(n);  // empty string: the point before the closing quote
      r.startByte = r.endByte - 1;
      r.endByte = r.startByte;
      r.startRow = r.endRow;
      r.startColumn = r.endColumn - 1;
      r.endColumn = r.startColumn;
      e.contentRange = r;
    }
    return;
  }
  e.kind = ValueKind::InterpolatedString;
  QString v;
  for (TSNode c : parts) {
    if (is(c, "interpolation")) {
      v += QStringLiteral("{}");
      collectNames(c, e.names);
    } else {
      v += text(c, m_src);
    }
  }
  e.stringValue = v;
}

// The bare local variables among a dynamic string's dynamic parts: `"a#{x}"`, `"a" + x`,
// `"a%s" % x`, `"a%s" % [x, y]`, `format("a%s", x)`.
void ExprBuilder::dynamicVariables(TSNode n, std::vector<TSNode> &out, int depth) const {
  if (depth > 32) return;
  const TSNode holder = is(n, "call") ? field(n, "arguments") : n;
  for (TSNode c : namedKids(holder)) {
    c = unwrapParens(c);
    if (is(c, "identifier")) out.push_back(c);
    else if (is(c, "interpolation") || is(c, "string") || is(c, "chained_string") || is(c, "binary") || is(c, "array"))
      dynamicVariables(c, out, depth + 1);
  }
}

bool ExprBuilder::concatenation(TSNode n, Expr &e) const {
  if (text(field(n, "operator"), m_src) != QLatin1String("+")) return false;
  // Flatten the left-associative chain a + b + c.
  std::vector<TSNode> leaves;
  std::vector<TSNode> stack{n};
  while (!stack.empty()) {
    TSNode cur = unwrapParens(stack.back());
    stack.pop_back();
    if (is(cur, "binary") && text(field(cur, "operator"), m_src) == QLatin1String("+")) {
      stack.push_back(field(cur, "right"));
      stack.push_back(field(cur, "left"));
    } else {
      leaves.push_back(cur);
    }
  }
  bool anyString = false;
  for (TSNode l : leaves) anyString = anyString || is(l, "string") || is(l, "chained_string");
  if (!anyString) return false;
  e.kind = ValueKind::Concatenation;
  QString v;
  for (TSNode l : leaves) {
    if (is(l, "string") || is(l, "chained_string")) {
      Expr part;
      classifyString(l, part);
      v += part.stringValue;
      e.names += part.names;
    } else {
      v += QStringLiteral("{}");
      collectNames(l, e.names);
    }
  }
  e.stringValue = v;
  return true;
}

bool ExprBuilder::formatCall(TSNode n, Expr &e) const {
  if (is(n, "binary")) {
    if (text(field(n, "operator"), m_src) != QLatin1String("%")) return false;
    const auto fmt = literalString(field(n, "left"), m_src);
    if (!fmt || !is(unwrapParens(field(n, "left")), "string")) return false;
    e.kind = ValueKind::FormatCall;
    e.stringValue = formatToBraces(*fmt);
    collectNames(field(n, "right"), e.names);
    return true;
  }
  const TSNode receiver = field(n, "receiver");
  const QString method = text(field(n, "method"), m_src);
  if (method != QLatin1String("format") && method != QLatin1String("sprintf")) return false;
  if (!ts_node_is_null(receiver) && text(receiver, m_src) != QLatin1String("Kernel")) return false;
  e.kind = ValueKind::FormatCall;
  const std::vector<TSNode> args = namedKids(field(n, "arguments"));
  for (size_t i = 0; i < args.size(); ++i) {
    if (i == 0) {
      if (auto fmt = literalString(args[0], m_src)) {
        e.stringValue = formatToBraces(*fmt);
        continue;
      }
    }
    collectNames(args[i], e.names);
  }
  return true;
}

// Both walks below mark child nodes from their parent (pre-order visits the parent
// first) instead of asking a node for its parent: ts_node_parent costs O(depth).

void ExprBuilder::collectNames(TSNode root, QStringList &out) const {
  static const QStringList keyReaders = {QStringLiteral("fetch"), QStringLiteral("dig"), QStringLiteral("[]")};
  // user.email.downcase: a case or blank normalisation reads the same value, so the
  // method is not a name (the value still ends in `email`).
  static const QStringList normalisers = {QStringLiteral("downcase"), QStringLiteral("upcase"),
                                          QStringLiteral("strip"),    QStringLiteral("lstrip"),
                                          QStringLiteral("rstrip"),   QStringLiteral("squish"),
                                          QStringLiteral("chomp"),    QStringLiteral("unicode_normalize")};
  QSet<const void *> keys;  // literal keys read from a hash: params[:email], ENV["KEY"], dig(:a, :b)
  QSet<const void *> skipped;  // normalising method names
  walk(root, [&](TSNode n) {
    const std::string_view t = type(n);
    if (t == "call" && !ts_node_is_null(field(n, "receiver")) && normalisers.contains(text(field(n, "method"), m_src)))
      skipped.insert(field(n, "method").id);
    if (skipped.contains(n.id)) return true;
    if (t == "element_reference") {
      const TSNode object = field(n, "object");
      for (TSNode c : namedKids(n))
        if (!ts_node_eq(c, object)) keys.insert(c.id);
    } else if (t == "call" && keyReaders.contains(text(field(n, "method"), m_src))) {
      for (TSNode a : namedKids(field(n, "arguments"))) keys.insert(a.id);
    } else if (t == "identifier" || t == "constant") {
      out << text(n, m_src);
    } else if (t == "instance_variable" || t == "class_variable" || t == "global_variable") {
      QString v = text(n, m_src);
      while (v.startsWith(QLatin1Char('@')) || v.startsWith(QLatin1Char('$'))) v.remove(0, 1);
      out << v;
    } else if ((t == "simple_symbol" || t == "string") && keys.contains(n.id)) {
      if (auto v = literalString(n, m_src)) out << *v;
    }
    return true;
  });
}

// The value is request input (or a string built from it): `params[:event]`,
// `params.require(:user).permit(:plan)`, `request.body.read`, `"#{params[:kind]}_done"`,
// a local assigned one of those. A call that merely takes request input as an argument
// (`User.find(params[:id])`) returns something else.
bool ExprBuilder::requestInput(TSNode node, int depth) const {
  static const QStringList requestParts = {QStringLiteral("body"),
                                           QStringLiteral("params"),
                                           QStringLiteral("raw_post"),
                                           QStringLiteral("POST"),
                                           QStringLiteral("GET"),
                                           QStringLiteral("query_parameters"),
                                           QStringLiteral("request_parameters"),
                                           QStringLiteral("parameters")};
  // Methods that hand on (part of) the value they are called on.
  static const QSet<QString> passThrough = {QStringLiteral("require"),
                                            QStringLiteral("permit"),
                                            QStringLiteral("permit!"),
                                            QStringLiteral("fetch"),
                                            QStringLiteral("dig"),
                                            QStringLiteral("to_h"),
                                            QStringLiteral("to_unsafe_h"),
                                            QStringLiteral("to_hash"),
                                            QStringLiteral("slice"),
                                            QStringLiteral("except"),
                                            QStringLiteral("to_s"),
                                            QStringLiteral("to_str"),
                                            QStringLiteral("to_sym"),
                                            QStringLiteral("strip"),
                                            QStringLiteral("downcase"),
                                            QStringLiteral("upcase"),
                                            QStringLiteral("squish"),
                                            QStringLiteral("presence"),
                                            QStringLiteral("read"),
                                            QStringLiteral("to_i"),
                                            QStringLiteral("merge"),
                                            QStringLiteral("symbolize_keys"),
                                            QStringLiteral("deep_symbolize_keys"),
                                            QStringLiteral("with_indifferent_access")};
  const TSNode n = unwrapParens(node);
  if (ts_node_is_null(n) || depth > 6) return false;
  const std::string_view t = ts::type(n);
  if (t == "identifier") {
    const QString name = text(n, m_src);
    if (name == QLatin1String("params") || name.endsWith(QLatin1String("_params"))) return true;
    return m_resolveLocal && requestInput(m_resolveLocal(n), depth + 1);
  }
  if (t == "call") {
    const TSNode receiver = field(n, "receiver");
    const QString method = text(field(n, "method"), m_src);
    if (ts_node_is_null(receiver))
      return method == QLatin1String("params") || method.endsWith(QLatin1String("_params"));
    if (is(receiver, "identifier") && text(receiver, m_src) == QLatin1String("request") &&
        requestParts.contains(method))
      return true;
    // JSON.parse(request.body.read) (Sinatra, Rack, Roda): the parsed body
    const QString parser = compactText(receiver, m_src);
    if ((parser == QLatin1String("JSON") && (method == QLatin1String("parse") || method == QLatin1String("parse!"))) ||
        ((parser == QLatin1String("Oj") || parser == QLatin1String("MultiJson")) && method == QLatin1String("load"))) {
      const std::vector<TSNode> args = namedKids(field(n, "arguments"));
      return !args.empty() && requestInput(args[0], depth + 1);
    }
    return passThrough.contains(method) && requestInput(receiver, depth + 1);
  }
  if (t == "element_reference") return requestInput(field(n, "object"), depth + 1);
  if (t == "string" || t == "chained_string") {
    bool found = false;
    walk(n, [&](TSNode c) {
      if (found) return false;
      if (is(c, "interpolation"))
        for (TSNode k : namedKids(c))
          if (requestInput(k, depth + 1)) found = true;
      return !found;
    });
    return found;
  }
  if (t == "binary") return requestInput(field(n, "left"), depth + 1) || requestInput(field(n, "right"), depth + 1);
  if (t == "conditional")
    return requestInput(field(n, "consequence"), depth + 1) || requestInput(field(n, "alternative"), depth + 1);
  return false;
}

// Request input that the code checks before this use: an allow-list (`ALLOWED.include?(v)`,
// `v.in?(ALLOWED)`, `KNOWN.key?(v)`), a `case v` with literal whens, a validator or
// contract that takes it, or strong parameters (`permit` lists the keys it lets through).
bool ExprBuilder::validatedInput(TSNode node) const {
  const TSNode n = unwrapParens(node);
  if (ts_node_is_null(n)) return false;
  if (permitted(n, 0)) return true;
  QStringList values{compactText(n, m_src)};
  if (is(n, "identifier") && m_resolveLocal) {
    const TSNode rhs = unwrapParens(m_resolveLocal(n));
    if (!ts_node_is_null(rhs)) values << compactText(rhs, m_src);
  }
  const auto covered = [&](TSNode x) {
    const QString a = compactText(unwrapParens(x), m_src);
    if (a.isEmpty()) return false;
    for (const QString &v : values)
      if (v == a || v.startsWith(a + QLatin1Char('.')) || v.startsWith(a + QLatin1Char('['))) return true;
    return false;
  };
  TSNode scope = n;
  for (TSNode p = ts_node_parent(n); !ts_node_is_null(p); p = ts_node_parent(p)) {
    scope = p;
    if (is(p, "method") || is(p, "singleton_method") || is(p, "block") || is(p, "do_block") || is(p, "lambda")) break;
  }
  static const QSet<QString> membership = {QStringLiteral("include?"), QStringLiteral("member?"),
                                           QStringLiteral("key?"),     QStringLiteral("has_key?"),
                                           QStringLiteral("match?"),   QStringLiteral("fetch")};
  static const QRegularExpression validator(QStringLiteral("^(valid|validate|check|ensure|verify|assert|call$)"));
  const quint32 before = ts_node_start_byte(n);
  bool found = false;
  walk(scope, [&](TSNode c) {
    if (found || ts_node_start_byte(c) >= before) return false;
    if (is(c, "call")) {
      const QString method = text(field(c, "method"), m_src);
      const TSNode receiver = field(c, "receiver");
      if (method == QLatin1String("in?") && covered(receiver)) found = true;
      if (membership.contains(method) || validator.match(method).hasMatch())
        for (TSNode a : namedKids(field(c, "arguments")))
          if (covered(a)) found = true;
    } else if (is(c, "case")) {
      if (covered(field(c, "value"))) found = true;
    }
    return !found;
  });
  return found;
}

// Strong parameters with an allow-list: `params.require(:p).permit(:plan)`, that hash
// handed on (`.to_h.merge(id: ...)`, `[:plan]`), a local assigned it, or a `*_params`
// method of the same class (the Rails convention) that returns it. `permit!` lets every
// key through and `permit` with no key lets none: neither is an allow-list.
bool ExprBuilder::permitted(TSNode node, int depth) const {
  static const QSet<QString> handOn = {QStringLiteral("require"),
                                       QStringLiteral("fetch"),
                                       QStringLiteral("to_h"),
                                       QStringLiteral("to_hash"),
                                       QStringLiteral("slice"),
                                       QStringLiteral("except"),
                                       QStringLiteral("merge"),
                                       QStringLiteral("symbolize_keys"),
                                       QStringLiteral("dig"),
                                       QStringLiteral("deep_symbolize_keys"),
                                       QStringLiteral("with_indifferent_access")};
  const TSNode n = unwrapParens(node);
  if (ts_node_is_null(n) || depth > 6) return false;
  if (is(n, "element_reference")) return permitted(field(n, "object"), depth + 1);
  if (is(n, "identifier") && m_resolveLocal) {
    const TSNode rhs = m_resolveLocal(n);
    if (!ts_node_is_null(rhs)) return permitted(rhs, depth + 1);
  }
  const bool bare = is(n, "identifier") ||
                    (is(n, "call") && ts_node_is_null(field(n, "receiver")) && ts_node_is_null(field(n, "arguments")));
  if (bare) {
    const QString name = is(n, "identifier") ? text(n, m_src) : text(field(n, "method"), m_src);
    if (!name.endsWith(QLatin1String("_params"))) return false;
    const TSNode body = methodResult(n, name);
    return !ts_node_is_null(body) && permitted(body, depth + 1);
  }
  if (!is(n, "call")) return false;
  const QString method = text(field(n, "method"), m_src);
  if (method == QLatin1String("permit")) return !namedKids(field(n, "arguments")).empty();
  if (method == QLatin1String("merge"))  // .merge(id: current_user.id), not .merge(params[:extra])
    for (TSNode a : namedKids(field(n, "arguments")))
      if (requestInput(a)) return false;
  return handOn.contains(method) && permitted(field(n, "receiver"), depth + 1);
}

// The last expression of `def name` (no parameters) in the class or module around `use`.
TSNode ExprBuilder::methodResult(TSNode use, const QString &name) const {
  TSNode owner{};
  for (TSNode p = ts_node_parent(use); !ts_node_is_null(p); p = ts_node_parent(p))
    if (is(p, "class") || is(p, "module") || is(p, "program")) {
      owner = p;
      break;
    }
  if (ts_node_is_null(owner)) return TSNode{};
  TSNode found{};
  walk(owner, [&](TSNode c) {
    if (!ts_node_is_null(found)) return false;
    if (!ts_node_eq(c, owner) && (is(c, "class") || is(c, "module"))) return false;
    if (!is(c, "method")) return true;
    if (text(field(c, "name"), m_src) == name && ts_node_is_null(field(c, "parameters"))) {
      const std::vector<TSNode> kids = namedKids(c);
      TSNode last = kids.empty() ? TSNode{} : kids.back();
      if (is(last, "body_statement")) {
        const std::vector<TSNode> statements = namedKids(last);
        last = statements.empty() ? TSNode{} : statements.back();
      }
      if (!ts_node_is_null(last) && !ts_node_eq(last, field(c, "name"))) found = last;
    }
    return false;
  });
  return found;
}

bool ExprBuilder::temporal(TSNode n) const {
  static const QRegularExpression re(QStringLiteral(R"((?i)(time|date|now|_at\b|_on\b|clock))"));
  return re.match(text(n, m_src)).hasMatch();
}

// Time.now, Time.current, Time.zone.now, Time.new(...), Time.at(x), Time.utc(...),
// DateTime.now, Date.today, 3.days.ago, 1.week.from_now (ActiveSupport).
bool ExprBuilder::timeObject(TSNode node) const {
  const TSNode n = unwrapParens(node);
  if (!is(n, "call")) return false;
  const QString m = text(field(n, "method"), m_src);
  const QString recv = compactText(field(n, "receiver"), m_src);
  static const QStringList makers = {QStringLiteral("now"),   QStringLiteral("current"), QStringLiteral("new"),
                                     QStringLiteral("at"),    QStringLiteral("utc"),     QStringLiteral("gm"),
                                     QStringLiteral("local"), QStringLiteral("mktime"),  QStringLiteral("today")};
  if ((recv == QLatin1String("Time") || recv == QLatin1String("DateTime") || recv == QLatin1String("Date") ||
       recv == QLatin1String("Time.zone")) &&
      makers.contains(m))
    return true;
  if (m == QLatin1String("ago") || m == QLatin1String("from_now")) return true;
  // Time.now.utc, Time.current.beginning_of_day
  static const QStringList keepsTime = {QStringLiteral("utc"), QStringLiteral("localtime"),
                                        QStringLiteral("beginning_of_day"), QStringLiteral("end_of_day")};
  return keepsTime.contains(m) && timeObject(field(n, "receiver"));
}

TimeForm ExprBuilder::timeForm(TSNode node, QString *rewrite, int depth) const {
  if (depth > 32) return TimeForm::None;
  const TSNode n = unwrapParens(node);
  if (is(n, "identifier")) {
    const TSNode rhs = m_resolveLocal ? m_resolveLocal(n) : TSNode{};
    QString inlined;  // the rewrite of a variable's value would inline it: offer none
    return ts_node_is_null(rhs) ? TimeForm::None : timeForm(rhs, &inlined, depth + 1);
  }
  if (!is(n, "call")) return TimeForm::None;
  const bool isDate = compactText(n, m_src).startsWith(QLatin1String("Date."));
  if (timeObject(n)) {
    if (!isDate) *rewrite = text(n, m_src) + QStringLiteral(".to_i");
    return TimeForm::DateObject;
  }
  const QString m = text(field(n, "method"), m_src);
  const TSNode receiver = field(n, "receiver");
  if (ts_node_is_null(receiver)) return TimeForm::None;
  if (m == QLatin1String("to_f") && (timeObject(receiver) || temporal(receiver))) {
    *rewrite = text(receiver, m_src) + QStringLiteral(".to_i");
    return TimeForm::FractionalSeconds;
  }
  static const QStringList formats = {QStringLiteral("iso8601"),  QStringLiteral("xmlschema"),
                                      QStringLiteral("httpdate"), QStringLiteral("rfc2822"),
                                      QStringLiteral("rfc3339"),  QStringLiteral("strftime")};
  const bool stringOfTime = (m == QLatin1String("to_s") && timeObject(receiver)) ||
                            (formats.contains(m) && (timeObject(receiver) || temporal(receiver)));
  if (stringOfTime) {
    const std::vector<TSNode> args = namedKids(field(n, "arguments"));
    if (m == QLatin1String("strftime") && !args.empty()) {
      const auto fmt = literalString(args[0], m_src);
      if (fmt && fmt->trimmed() == QLatin1String("%s")) return TimeForm::None;  // seconds, as a string
    }
    if (timeObject(receiver) && !compactText(receiver, m_src).startsWith(QLatin1String("Date.")))
      *rewrite = text(receiver, m_src) + QStringLiteral(".to_i");
    return TimeForm::IsoString;
  }
  return TimeForm::None;
}

bool ExprBuilder::millisecondClock(TSNode node, QString *rewrite, int depth) const {
  // Bounded: hostile input can nest calls or chain local variables thousands deep.
  if (depth > 32) return false;
  TSNode n = unwrapParens(node);
  const std::string_view t = type(n);
  if (t == "integer") {
    QString digits = text(n, m_src).remove(QLatin1Char('_'));
    if (digits.size() != 13 || !digits.front().isDigit()) return false;
    for (QChar c : digits)
      if (!c.isDigit()) return false;
    if (rewrite) *rewrite = digits.left(10);
    return true;
  }
  if (t == "identifier") {
    // A local that holds a clock: ts = (Time.now.to_f * 1000).to_i ... created_at: ts
    // (the chain is bounded: each step resolves to an earlier assignment).
    const TSNode rhs = m_resolveLocal ? m_resolveLocal(n) : TSNode{};
    return !ts_node_is_null(rhs) && millisecondClock(rhs, nullptr, depth + 1);
  }
  if (t == "binary") {
    if (text(field(n, "operator"), m_src) != QLatin1String("*")) return false;
    TSNode l = field(n, "left"), r = field(n, "right");
    if (isThousand(l, m_src)) std::swap(l, r);
    if (!isThousand(r, m_src)) return false;
    l = unwrapParens(l);
    // T.to_i * 1000, T.to_f * 1000 where T is a time
    if (!is(l, "call")) return false;
    const QString m = text(field(l, "method"), m_src);
    const TSNode time = field(l, "receiver");
    if ((m == QLatin1String("to_i") || m == QLatin1String("to_f") || m == QLatin1String("to_r")) &&
        !ts_node_is_null(time) && temporal(time)) {
      if (rewrite) *rewrite = text(time, m_src) + QStringLiteral(".to_i");
      return true;
    }
    return false;
  }
  if (t != "call") return false;
  const QString m = text(field(n, "method"), m_src);
  const TSNode receiver = field(n, "receiver");
  const std::vector<TSNode> args = namedKids(field(n, "arguments"));
  static const QStringList rounding = {QStringLiteral("to_i"),  QStringLiteral("round"),
                                       QStringLiteral("floor"), QStringLiteral("ceil"),
                                       QStringLiteral("truncate"), QStringLiteral("to_int")};
  if (rounding.contains(m) && !ts_node_is_null(receiver)) return millisecondClock(receiver, rewrite, depth + 1);
  if ((m == QLatin1String("Integer") || m == QLatin1String("Float")) && ts_node_is_null(receiver) &&
      !args.empty())
    return millisecondClock(args[0], rewrite, depth + 1);
  if (m == QLatin1String("strftime") && !args.empty() && !ts_node_is_null(receiver)) {
    const auto fmt = literalString(args[0], m_src);
    if (fmt && (fmt->contains(QLatin1String("%Q")) || fmt->contains(QLatin1String("%s%L")))) {
      if (rewrite) *rewrite = text(receiver, m_src) + QStringLiteral(".to_i");
      return true;
    }
    return false;
  }
  if (m == QLatin1String("clock_gettime")) {
    for (TSNode a : args) {
      const QString unit = text(a, m_src);
      if (unit == QLatin1String(":millisecond") || unit == QLatin1String(":float_millisecond")) {
        if (rewrite) {
          QString whole = text(n, m_src);
          whole.replace(unit, QStringLiteral(":second"));
          *rewrite = whole;
        }
        return true;
      }
    }
  }
  return false;
}

}  // namespace cio::ruby
