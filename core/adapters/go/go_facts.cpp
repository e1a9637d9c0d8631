#include "adapters/go/go_facts.h"

#include "adapters/webhook_signature.h"
#include "syntax/node.h"

#include <QRegularExpression>

namespace cio {

using ts::field;
using ts::is;
using ts::namedChildren;

namespace {

bool isFunctionNode(TSNode n) {
  return is(n, "function_declaration") || is(n, "method_declaration") || is(n, "func_literal");
}
bool isDeclaration(TSNode n) { return is(n, "function_declaration") || is(n, "method_declaration"); }

// Methods that read a request: net/http, gin, echo, chi, fiber.
const QSet<QString> &requestReaders() {
  static const QSet<QString> s{
      QStringLiteral("FormValue"), QStringLiteral("PostFormValue"), QStringLiteral("URL"),
      QStringLiteral("Form"),      QStringLiteral("PostForm"),      QStringLiteral("Body"),
      QStringLiteral("MultipartForm"), QStringLiteral("Header"),    QStringLiteral("Param"),
      QStringLiteral("Params"),    QStringLiteral("Query"),         QStringLiteral("DefaultQuery"),
      QStringLiteral("DefaultPostForm"), QStringLiteral("GetQuery"), QStringLiteral("GetPostForm"),
      QStringLiteral("QueryParam"), QStringLiteral("QueryParams"),  QStringLiteral("FormParams"),
      QStringLiteral("GetHeader"), QStringLiteral("Cookie"),        QStringLiteral("Get"),
      QStringLiteral("Body"),      QStringLiteral("Queries"),       QStringLiteral("AllParams")};
  return s;
}

// Calls that hand back their argument's value in another shape: an email stays an email.
const QSet<QString> &passThrough() {
  static const QSet<QString> s{QStringLiteral("strings.ToLower"), QStringLiteral("strings.ToUpper"),
                               QStringLiteral("strings.TrimSpace"), QStringLiteral("strings.Trim"),
                               QStringLiteral("strings.Clone"), QStringLiteral("string"),
                               QStringLiteral("fmt.Sprint")};
  return s;
}

// Decoders that fill a struct from the request body.
bool isBodyDecoder(const QString &method) {
  return method == QLatin1String("Decode") || method.startsWith(QLatin1String("Bind")) ||
         method.startsWith(QLatin1String("ShouldBind")) || method == QLatin1String("BodyParser");
}

QString snakeCase(const QString &camel) {
  QString out;
  for (int i = 0; i < camel.size(); ++i) {
    const QChar c = camel[i];
    if (c.isUpper()) {
      const bool prevLower = i > 0 && camel[i - 1].isLower();
      const bool nextLower = i + 1 < camel.size() && camel[i + 1].isLower() && i > 0 && camel[i - 1].isUpper();
      if (!out.isEmpty() && (prevLower || nextLower)) out += QLatin1Char('_');
      out += c.toLower();
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

GoFacts::GoFacts(const QByteArray &source, TSNode root, const ts::TreeIndex &index)
    : m_src(source), m_root(root), m_index(&index) {
  walk(m_root, [&](TSNode n) {
    if (is(n, "parameter_declaration") || is(n, "var_spec") || is(n, "field_declaration")) {
      const bool chan = is(field(n, "type"), "channel_type");
      if (chan)
        for (uint32_t i = 0; i < ts_node_child_count(n); ++i) {
          const char *f = ts_node_field_name_for_child(n, i);
          if (f && std::strcmp(f, "name") == 0) m_channels.insert(text(ts_node_child(n, i)));
        }
    }
    if (is(n, "short_var_declaration") || is(n, "assignment_statement") || is(n, "var_spec")) {
      const TSNode right = field(n, is(n, "var_spec") ? "value" : "right");
      const auto values = namedChildren(right);
      if (values.size() == 1) {
        const QString v = text(values[0]);
        QString target;
        if (is(n, "var_spec"))
          target = text(field(n, "name"));
        else if (const auto left = namedChildren(field(n, "left")); !left.empty())
          target = text(left[0]);
        if (v.startsWith(QLatin1String("make(chan"))) m_channels.insert(target);
        if (v.contains(QLatin1String("rate.NewLimiter")) || v.contains(QLatin1String("ratelimit.New")))
          m_limiters.insert(target);
      }
    }
    return true;
  });
}

QString GoFacts::text(TSNode n) const { return ts::text(n, m_src); }

bool GoFacts::isStringLiteral(TSNode n) { return is(n, "interpreted_string_literal") || is(n, "raw_string_literal"); }

QString GoFacts::stringContent(TSNode n, const QByteArray &source) {
  if (!isStringLiteral(n)) return QString();
  const QByteArray b = ts::bytes(n, source);
  return b.size() >= 2 ? QString::fromUtf8(b.mid(1, b.size() - 2)) : QString();
}

// --- names -------------------------------------------------------------------------------

QStringList GoFacts::names(TSNode n, int depth) const {
  // Generated code can nest expressions thousands deep: stop long before the stack does.
  if (ts_node_is_null(n) || depth > kMaxDepth) return {};
  const auto t = ts::type(n);
  if (t == "identifier" || t == "field_identifier" || t == "package_identifier" || t == "type_identifier")
    return {text(n)};
  if (t == "selector_expression") return names(field(n, "operand"), depth + 1) << text(field(n, "field"));
  if (t == "index_expression") {
    QStringList out = names(field(n, "operand"), depth + 1);
    const TSNode index = field(n, "index");
    if (isStringLiteral(index)) out << stringContent(index, m_src);
    else out << names(index, depth + 1);
    return out;
  }
  if (t == "call_expression") {
    const TSNode fn = field(n, "function");
    QStringList out = names(fn, depth + 1);
    const bool through = passThrough().contains(text(fn));
    for (TSNode a : namedChildren(field(n, "arguments"))) {
      if (isStringLiteral(a)) out << stringContent(a, m_src);
      else if (through) out << names(a, depth + 1);
    }
    return out;
  }
  if (t == "parenthesized_expression" || t == "unary_expression" || t == "type_conversion_expression" ||
      t == "type_assertion_expression") {
    const TSNode inner = field(n, "operand");
    if (!ts_node_is_null(inner)) return names(inner, depth + 1);
    const auto kids = namedChildren(n);
    return kids.empty() ? QStringList() : names(kids[0], depth + 1);
  }
  if (t == "binary_expression") return names(field(n, "left"), depth + 1) << names(field(n, "right"), depth + 1);
  return {};
}

// --- clocks ------------------------------------------------------------------------------

static bool isNumber(TSNode n, const QByteArray &src, std::initializer_list<const char *> values) {
  if (!is(n, "int_literal") && !is(n, "float_literal")) return false;
  QByteArray b = ts::bytes(n, src);
  b.replace("_", "");
  for (const char *v : values)
    if (b == v) return true;
  return false;
}

// `X.Unix()`: a clock in seconds.
bool GoFacts::secondsClock(TSNode n, int depth) const {
  if (depth > kMaxDepth) return false;
  if (is(n, "parenthesized_expression")) {
    const auto kids = namedChildren(n);
    return !kids.empty() && secondsClock(kids[0], depth + 1);
  }
  if (!is(n, "call_expression")) return false;
  const TSNode fn = field(n, "function");
  if (is(fn, "identifier") && (text(fn).startsWith(QLatin1String("int")) || text(fn).startsWith(QLatin1String("float")))) {
    const auto args = namedChildren(field(n, "arguments"));
    return args.size() == 1 && secondsClock(args[0], depth + 1);
  }
  return is(fn, "selector_expression") && text(field(fn, "field")) == QLatin1String("Unix") &&
         ts_node_named_child_count(field(n, "arguments")) == 0;
}

// A time.Time value: time.Now(), time.Date(...), time.Unix(s, 0), and methods that keep
// one (t.UTC(), t.Add(d), t.AddDate(...), t.Truncate(d), t.In(loc)).
bool GoFacts::timeValue(TSNode n, int depth) const {
  if (ts_node_is_null(n) || depth > kMaxDepth) return false;
  if (is(n, "parenthesized_expression")) {
    const auto kids = namedChildren(n);
    return !kids.empty() && timeValue(kids[0], depth + 1);
  }
  if (!is(n, "call_expression")) return false;
  const TSNode fn = field(n, "function");
  if (!is(fn, "selector_expression")) return false;
  const QString callee = text(fn);
  if (callee == QLatin1String("time.Now") || callee == QLatin1String("time.Date") ||
      callee == QLatin1String("time.Unix") || callee == QLatin1String("time.UnixMilli"))
    return true;
  static const QStringList keeps = {QStringLiteral("UTC"),     QStringLiteral("Local"),    QStringLiteral("Add"),
                                    QStringLiteral("AddDate"), QStringLiteral("Truncate"), QStringLiteral("Round"),
                                    QStringLiteral("In")};
  return keeps.contains(text(field(fn, "field"))) && timeValue(field(fn, "operand"), depth + 1);
}

TimeForm GoFacts::timeForm(TSNode n, QString *rewrite, int depth) const {
  if (ts_node_is_null(n) || depth > 4) return TimeForm::None;
  if (is(n, "parenthesized_expression")) {
    const auto kids = namedChildren(n);
    return kids.empty() ? TimeForm::None : timeForm(kids[0], rewrite, depth + 1);
  }
  if (timeValue(n)) {
    *rewrite = text(n) + QStringLiteral(".Unix()");
    return TimeForm::DateObject;
  }
  if (is(n, "call_expression")) {
    const TSNode fn = field(n, "function");
    if (is(fn, "selector_expression")) {
      const QString m = text(field(fn, "field"));
      const TSNode operand = field(fn, "operand");
      // t.Format(time.RFC3339) / t.Format("2006-01-02"): a layout only a time.Time takes
      const auto args = namedChildren(field(n, "arguments"));
      const QString layout = args.size() == 1 ? text(args[0]) : QString();
      const bool timeLayout = layout.startsWith(QLatin1String("time.")) || layout.contains(QLatin1String("2006"));
      if (((m == QLatin1String("Format") || m == QLatin1String("String") || m == QLatin1String("MarshalText")) &&
           timeValue(operand)) ||
          (m == QLatin1String("Format") && timeLayout)) {
        *rewrite = text(operand) + QStringLiteral(".Unix()");
        return TimeForm::IsoString;
      }
    }
    return TimeForm::None;
  }
  if (is(n, "binary_expression") && text(field(n, "operator")) == QLatin1String("/")) {
    // float64(t.UnixMilli()) / 1000, float64(t.UnixNano()) / 1e9: seconds with a fraction
    const TSNode l = field(n, "left"), r = field(n, "right");
    const bool floatLeft = is(l, "call_expression") && text(field(l, "function")).startsWith(QLatin1String("float"));
    const QString left = text(l);
    const bool fine = left.contains(QLatin1String("UnixMilli")) || left.contains(QLatin1String("UnixNano")) ||
                      left.contains(QLatin1String("UnixMicro"));
    if (floatLeft && fine && isNumber(r, m_src, {"1000", "1e3", "1e6", "1000000", "1e9", "1000000000"})) {
      const int dot = left.indexOf(QLatin1String(".Unix"));
      const QString operand = left.mid(left.indexOf(QLatin1Char('(')) + 1, dot - left.indexOf(QLatin1Char('(')) - 1);
      // float64(x.UnixNano()) / 1e9 is seconds only for 1e9 and UnixNano etc.; whole seconds: x.Unix()
      if (!operand.isEmpty()) *rewrite = operand + QStringLiteral(".Unix()");
      return TimeForm::FractionalSeconds;
    }
    return TimeForm::None;
  }
  if (is(n, "identifier") && depth == 0) {
    bool visible = true;
    const TSNode v = localValue(n, n, &visible, nullptr);
    QString inlined;  // the rewrite of a variable's value would inline it: offer none
    if (!ts_node_is_null(v)) return timeForm(v, &inlined, depth + 1);
  }
  return TimeForm::None;
}

// Millisecond (and finer) clocks. time.Now().UnixNano() and UnixMicro() are counted too:
// Customer.io reads a number of that size as seconds just the same, only further in the
// future, and the fix (`.Unix()`) is the same.
bool GoFacts::msClock(TSNode n, QString *rewrite, int depth) const {
  if (ts_node_is_null(n) || depth > 4) return false;
  const auto t = ts::type(n);
  if (t == "parenthesized_expression") {
    const auto kids = namedChildren(n);
    return !kids.empty() && msClock(kids[0], rewrite, depth + 1);
  }
  if (t == "int_literal") {
    QByteArray b = ts::bytes(n, m_src);
    b.replace("_", "");
    static const QRegularExpression thirteen(QStringLiteral("^[1-9]\\d{12}$"));
    if (!thirteen.match(QString::fromLatin1(b)).hasMatch()) return false;
    if (rewrite) *rewrite = QString::fromLatin1(b.left(10));
    return true;
  }
  if (t == "call_expression") {
    const TSNode fn = field(n, "function");
    const auto args = namedChildren(field(n, "arguments"));
    if (is(fn, "selector_expression") && args.empty()) {
      const QString m = text(field(fn, "field"));
      if (m == QLatin1String("UnixMilli") || m == QLatin1String("UnixNano") || m == QLatin1String("UnixMicro")) {
        if (rewrite) *rewrite = text(field(fn, "operand")) + QLatin1String(".Unix()");
        return true;
      }
    }
    // int64(x), float64(x): a conversion keeps the unit
    if (is(fn, "identifier") && args.size() == 1 &&
        (text(fn).startsWith(QLatin1String("int")) || text(fn).startsWith(QLatin1String("uint")) ||
         text(fn).startsWith(QLatin1String("float")))) {
      QString inner;
      if (!msClock(args[0], &inner, depth + 1)) return false;
      if (rewrite) *rewrite = inner.isEmpty() ? QString() : text(fn) + QLatin1Char('(') + inner + QLatin1Char(')');
      return true;
    }
    return false;
  }
  if (t == "binary_expression") {
    const QString op = text(field(n, "operator"));
    const TSNode l = field(n, "left"), r = field(n, "right");
    if (op == QLatin1String("*")) {
      // time.Now().Unix() * 1000
      const bool thousand = isNumber(r, m_src, {"1000", "1e3"}) || isNumber(l, m_src, {"1000", "1e3"});
      const TSNode clock = isNumber(r, m_src, {"1000", "1e3"}) ? l : r;
      if (thousand && secondsClock(clock)) {
        if (rewrite) *rewrite = text(clock);
        return true;
      }
      return false;
    }
    if (op == QLatin1String("/")) {
      QString inner;
      if (!msClock(l, &inner, depth + 1)) return false;
      const QString divisor = text(r).remove(QLatin1Char(' '));
      const QString left = text(l);
      const bool nanos = left.contains(QLatin1String("UnixNano"));
      const bool micros = left.contains(QLatin1String("UnixMicro"));
      // nanoseconds / 1e6 = milliseconds (still wrong); / 1e9 = seconds (right)
      if (nanos && (isNumber(r, m_src, {"1e6", "1000000"}) || divisor.contains(QLatin1String("Millisecond")))) {
        if (rewrite) *rewrite = inner;
        return true;
      }
      if (micros && isNumber(r, m_src, {"1e3", "1000"})) {
        if (rewrite) *rewrite = inner;
        return true;
      }
      return false;
    }
    return false;
  }
  if (t == "identifier" && depth == 0) {
    // `ts := time.Now().UnixMilli()` earlier in the same function
    bool visible = true;
    const TSNode v = localValue(n, n, &visible, nullptr);
    if (!ts_node_is_null(v) && msClock(v, nullptr, depth + 1)) {
      if (rewrite) rewrite->clear();
      return true;
    }
  }
  return false;
}

// --- request input ---------------------------------------------------------------------------

// The declared type of parameter `name` of a function around `at`, or null.
TSNode GoFacts::paramType(TSNode at, const QString &name) const {
  for (TSNode f = ancestor(at, isFunctionNode); !ts_node_is_null(f); f = ancestor(f, isFunctionNode)) {
    for (const char *list : {"parameters", "receiver"}) {
      for (TSNode p : namedChildren(field(f, list))) {
        for (uint32_t i = 0; i < ts_node_child_count(p); ++i) {
          const char *fn = ts_node_field_name_for_child(p, i);
          if (fn && std::strcmp(fn, "name") == 0 && text(ts_node_child(p, i)) == name) return field(p, "type");
        }
      }
    }
  }
  return TSNode{};
}

bool GoFacts::requestInput(TSNode n, int depth) const {
  if (ts_node_is_null(n) || depth > 3) return false;
  const auto t = ts::type(n);
  if (t == "parenthesized_expression" || t == "unary_expression") {
    const TSNode inner = field(n, "operand");
    const auto kids = namedChildren(n);
    return requestInput(ts_node_is_null(inner) && !kids.empty() ? kids[0] : inner, depth + 1);
  }
  if (t == "call_expression") {
    const TSNode fn = field(n, "function");
    if (passThrough().contains(text(fn))) {
      for (TSNode a : namedChildren(field(n, "arguments")))
        if (requestInput(a, depth + 1)) return true;
      return false;
    }
    // Router helpers handed the request: chi.URLParam(r, "id"), mux.Vars(r)["id"]
    if (is(fn, "selector_expression")) {
      const QString helper = text(field(fn, "field"));
      if (helper == QLatin1String("URLParam") || helper == QLatin1String("Vars") ||
          helper == QLatin1String("URLParamFromCtx"))
        for (TSNode a : namedChildren(field(n, "arguments")))
          if (is(a, "identifier")) {
            QString type = text(paramType(a, text(a)));
            type.remove(QLatin1Char(' '));
            if (type == QLatin1String("*http.Request")) return true;
          }
    }
    return is(fn, "selector_expression") && requestInput(fn, depth + 1);
  }
  if (t == "index_expression") return requestInput(field(n, "operand"), depth + 1);
  if (t == "selector_expression" || t == "identifier") {
    // the root of the chain and the first member read from it
    TSNode root = n, first{};
    while (!ts_node_is_null(root) && !is(root, "identifier")) {
      if (is(root, "selector_expression")) {
        first = field(root, "field");
        root = field(root, "operand");
      } else if (is(root, "call_expression")) {
        root = field(root, "function");
      } else if (is(root, "index_expression") || is(root, "parenthesized_expression")) {
        const auto inner = namedChildren(root);
        root = is(root, "index_expression") ? field(root, "operand") : inner.empty() ? TSNode{} : inner.front();
      } else {
        return false;
      }
    }
    if (ts_node_is_null(root)) return false;
    const QString name = text(root);
    QString type = text(paramType(n, name));
    type.remove(QLatin1Char(' '));
    const bool requestObject = type == QLatin1String("*http.Request") || type == QLatin1String("*gin.Context") ||
                               type == QLatin1String("echo.Context") || type == QLatin1String("*fiber.Ctx");
    // r.PathValue("id"): a Go 1.22 pattern's wildcard
    if (requestObject)
      return !ts_node_is_null(first) &&
             (requestReaders().contains(text(first)) || text(first) == QLatin1String("PathValue"));
    // a struct decoded from the body: json.NewDecoder(r.Body).Decode(&req), c.ShouldBindJSON(&req)
    const TSNode scope = ancestor(n, isDeclaration);
    if (ts_node_is_null(scope)) return false;
    bool decoded = false, assigned = false;
    walk(scope, [&](TSNode c) {
      if (decoded || assigned) return false;
      if (is(c, "call_expression")) {
        const TSNode fn = field(c, "function");
        if (is(fn, "selector_expression") && isBodyDecoder(text(field(fn, "field")))) {
          for (TSNode a : namedChildren(field(c, "arguments"))) {
            QString at = text(a);
            at.remove(QLatin1Char(' '));
            if (at == QLatin1Char('&') + name) decoded = true;
          }
        }
      }
      if (t == "identifier" && is(c, "short_var_declaration")) {
        const auto left = namedChildren(field(c, "left"));
        const auto right = namedChildren(field(c, "right"));
        for (size_t i = 0; i < left.size() && i < right.size(); ++i)
          if (text(left[i]) == name && ts_node_start_byte(c) < ts_node_start_byte(n) && requestInput(right[i], depth + 1))
            assigned = true;
        if (right.size() == 1 && !left.empty() && text(left[0]) == name &&
            ts_node_start_byte(c) < ts_node_start_byte(n) && requestInput(right[0], depth + 1))
          assigned = true;
      }
      return true;
    });
    return decoded || assigned;
  }
  return false;
}

// Request input that the function checks before this use: an allow-list
// (`slices.Contains(allowed, v)`, `if _, ok := allowed[v]; ok`), a `switch v` with
// literal cases, a validator (`validate.Struct(req)`, `req.Validate()`, `re.MatchString(v)`).
bool GoFacts::validatedInput(TSNode n) const {
  const auto compactOf = [&](TSNode x) {
    QString t = text(x);
    t.remove(QRegularExpression(QStringLiteral("\\s+")));
    if (t.startsWith(QLatin1Char('&'))) t.remove(0, 1);
    return t;
  };
  QStringList values{compactOf(n)};
  if (is(n, "identifier")) {
    bool visible = true;
    const TSNode v = localValue(n, n, &visible, nullptr);
    if (!ts_node_is_null(v)) values << compactOf(v);
  }
  const auto covered = [&](TSNode x) {
    const QString a = compactOf(x);
    if (a.isEmpty()) return false;
    for (const QString &v : values)
      if (v == a || v.startsWith(a + QLatin1Char('.')) || v.startsWith(a + QLatin1Char('['))) return true;
    return false;
  };
  const TSNode scope = ts::ancestor(n, isDeclaration);
  if (ts_node_is_null(scope)) return false;
  if (boundWithOneOf(n, scope)) return true;
  if (is(n, "identifier")) {
    bool visible = true;
    const TSNode v = localValue(n, n, &visible, nullptr);
    if (!ts_node_is_null(v) && boundWithOneOf(v, scope)) return true;
  }
  static const QRegularExpression validator(
      QStringLiteral("^(Contains|Has|Match|Valid|Validate|Struct$|Var$|Check|Ensure|Verify|Is[A-Z])"));
  const quint32 before = ts_node_start_byte(n);
  bool found = false;
  ts::walk(scope, [&](TSNode c) {
    if (found || ts_node_start_byte(c) >= before) return false;
    if (is(c, "call_expression")) {
      const TSNode fn = field(c, "function");
      const QString name = is(fn, "selector_expression") ? text(field(fn, "field")) : text(fn);
      if (validator.match(name).hasMatch()) {
        if (is(fn, "selector_expression") && covered(field(fn, "operand"))) found = true;  // req.Validate()
        for (TSNode a : namedChildren(field(c, "arguments")))
          if (covered(a)) found = true;
      }
    } else if (is(c, "index_expression")) {
      // a lookup in a map of allowed values: allowed[v]
      if (covered(field(c, "index")) && !covered(field(c, "operand"))) found = true;
    } else if (is(c, "expression_switch_statement")) {
      if (covered(field(c, "value"))) found = true;
    }
    return !found;
  });
  return found;
}

// `b.Event` where gin bound `b` (c.ShouldBindJSON(&b), c.Bind(&b)) into a struct whose
// Event field's binding tag restricts it to a list: `binding:"required,oneof=signup purchase"`.
// gin validates binding tags when it binds; `required` alone lets any name through.
bool GoFacts::boundWithOneOf(TSNode n, TSNode scope) const {
  if (!is(n, "selector_expression") || !is(field(n, "operand"), "identifier")) return false;
  const QString var = text(field(n, "operand")), member = text(field(n, "field"));
  const quint32 before = ts_node_start_byte(n);
  QString typeName;
  bool bound = false, overwritten = false;
  walk(scope, [&](TSNode c) {
    if (ts_node_start_byte(c) >= before) return false;
    if (is(c, "assignment_statement"))  // b.Event = c.Query("event"): no longer what gin checked
      for (TSNode target : namedChildren(field(c, "left")))
        if (is(target, "selector_expression") && text(field(target, "operand")) == var &&
            text(field(target, "field")) == member)
          overwritten = true;
    if (is(c, "var_spec") && text(field(c, "name")) == var) {
      typeName = text(field(c, "type"));
      const auto values = namedChildren(field(c, "value"));
      if (typeName.isEmpty() && !values.empty() && is(values[0], "composite_literal"))
        typeName = text(field(values[0], "type"));
    } else if (is(c, "short_var_declaration")) {
      const auto left = namedChildren(field(c, "left"));
      const auto right = namedChildren(field(c, "right"));
      if (left.size() == 1 && right.size() == 1 && text(left[0]) == var) {
        TSNode value = right[0];
        if (is(value, "unary_expression")) value = field(value, "operand");
        if (is(value, "composite_literal")) typeName = text(field(value, "type"));
      }
    } else if (is(c, "call_expression")) {
      const TSNode fn = field(c, "function");
      const QString method = is(fn, "selector_expression") ? text(field(fn, "field")) : QString();
      if (method.startsWith(QLatin1String("ShouldBind")) || method.startsWith(QLatin1String("Bind")) ||
          method == QLatin1String("MustBindWith"))
        for (TSNode a : namedChildren(field(c, "arguments"))) {
          QString at = text(a);
          at.remove(QLatin1Char(' '));
          if (at == QLatin1Char('&') + var) bound = true;
        }
    }
    return true;
  });
  if (!bound || overwritten || typeName.isEmpty()) return false;
  static const QRegularExpression bindingTag(QStringLiteral("\\bbinding:\"([^\"]*)\""));
  static const QRegularExpression oneOf(QStringLiteral("(^|,)oneof=[^,]+"));
  bool restricted = false;
  walk(m_root, [&](TSNode c) {
    if (restricted) return false;
    if (!is(c, "type_spec")) return true;
    if (text(field(c, "name")) != typeName || !is(field(c, "type"), "struct_type")) return false;
    walk(field(c, "type"), [&](TSNode d) {
      if (!is(d, "field_declaration")) return true;
      bool named = false;
      for (uint32_t i = 0; i < ts_node_child_count(d); ++i) {
        const char *fname = ts_node_field_name_for_child(d, i);
        if (fname && std::strcmp(fname, "name") == 0 && text(ts_node_child(d, i)) == member) named = true;
      }
      const auto m = bindingTag.match(text(field(d, "tag")));
      if (named && m.hasMatch() && oneOf.match(m.captured(1)).hasMatch()) restricted = true;
      return false;
    });
    return false;
  });
  return restricted;
}

// --- strings -----------------------------------------------------------------------------

void GoFacts::dynamicString(TSNode n, QString *value, QStringList *dynamicNames, int depth) const {
  if (depth > kMaxDepth) {
    *value += QLatin1String("{}");
  } else if (is(n, "binary_expression") && text(field(n, "operator")) == QLatin1String("+")) {
    dynamicString(field(n, "left"), value, dynamicNames, depth + 1);
    dynamicString(field(n, "right"), value, dynamicNames, depth + 1);
  } else if (isStringLiteral(n)) {
    *value += stringContent(n, m_src);
  } else if (is(n, "parenthesized_expression") && ts_node_named_child_count(n) == 1) {
    dynamicString(ts_node_named_child(n, 0), value, dynamicNames, depth + 1);
  } else {
    *value += QLatin1String("{}");
    *dynamicNames << names(n);
  }
}

// The bare variables among the operands of a `+` concatenation.
void GoFacts::dynamicVariables(TSNode n, std::vector<TSNode> &out, int depth) const {
  if (depth > kMaxDepth) return;
  if (is(n, "identifier")) {
    out.push_back(n);
  } else if (is(n, "binary_expression") && text(field(n, "operator")) == QLatin1String("+")) {
    dynamicVariables(field(n, "left"), out, depth + 1);
    dynamicVariables(field(n, "right"), out, depth + 1);
  } else if (is(n, "parenthesized_expression") && ts_node_named_child_count(n) == 1) {
    dynamicVariables(ts_node_named_child(n, 0), out, depth + 1);
  }
}

static bool containsString(TSNode n, int depth = 0) {
  if (GoFacts::isStringLiteral(n)) return true;
  if (depth > GoFacts::kMaxDepth) return false;
  if (is(n, "binary_expression") && ts::type(field(n, "operator")) == "+")
    return containsString(field(n, "left"), depth + 1) || containsString(field(n, "right"), depth + 1);
  if (is(n, "parenthesized_expression") && ts_node_named_child_count(n) == 1)
    return containsString(ts_node_named_child(n, 0), depth + 1);
  return false;
}

Expr GoFacts::expr(TSNode n) const {
  Expr e;
  if (ts_node_is_null(n)) return e;
  e.range = ts::range(n);
  e.text = text(n);
  const auto t = ts::type(n);
  if (isStringLiteral(n)) {
    e.kind = ValueKind::StringLiteral;
    e.stringValue = stringContent(n, m_src);
    Range c = e.range;
    c.startByte += 1;
    c.startColumn += 1;
    c.endByte -= 1;
    c.endColumn -= 1;
    e.contentRange = c;
  } else if (t == "int_literal" || t == "float_literal" || t == "imaginary_literal") {
    e.kind = ValueKind::NumberLiteral;
  } else if (t == "binary_expression") {
    if (text(field(n, "operator")) == QLatin1String("+") && containsString(n)) {
      e.kind = ValueKind::Concatenation;
      dynamicString(n, &e.stringValue, &e.names);
    } else {
      e.kind = ValueKind::Other;
      e.names = names(n);
    }
  } else if (t == "call_expression") {
    const TSNode fn = field(n, "function");
    const QString callee = text(fn);
    const auto args = namedChildren(field(n, "arguments"));
    if ((callee == QLatin1String("fmt.Sprintf") || callee == QLatin1String("fmt.Errorf")) && !args.empty() &&
        isStringLiteral(args[0])) {
      e.kind = ValueKind::FormatCall;
      static const QRegularExpression verb(QStringLiteral("%[-+# 0]*(?:\\[\\d+\\])?[\\d*]*(?:\\.[\\d*]*)?[a-zA-Z]"));
      QString fmt = stringContent(args[0], m_src);
      fmt.replace(QLatin1String("%%"), QLatin1String("\x01"));
      fmt.replace(verb, QStringLiteral("{}"));
      fmt.replace(QLatin1Char('\x01'), QLatin1Char('%'));
      e.stringValue = fmt;
      for (size_t i = 1; i < args.size(); ++i) e.names << names(args[i]);
    } else if ((callee == QLatin1String("fmt.Sprint") || callee == QLatin1String("fmt.Sprintln") ||
                callee == QLatin1String("strings.Join")) &&
               !args.empty()) {
      e.kind = ValueKind::FormatCall;
      for (TSNode a : args) {
        if (isStringLiteral(a)) {
          e.stringValue += stringContent(a, m_src);
        } else {
          e.stringValue += QLatin1String("{}");
          e.names << names(a);
        }
      }
    } else {
      e.kind = ValueKind::CallResult;
      e.names = names(n);
    }
  } else if (t == "identifier") {
    e.kind = ValueKind::Identifier;
    e.names = {e.text};
  } else if (t == "selector_expression" || t == "index_expression") {
    e.kind = ValueKind::Member;
    e.names = names(n);
  } else if (t == "composite_literal") {
    e.kind = ValueKind::ObjectLiteral;
  } else if (t == "parenthesized_expression" && ts_node_named_child_count(n) == 1) {
    TSNode core = n;
    while (is(core, "parenthesized_expression") && ts_node_named_child_count(core) == 1)
      core = ts_node_named_child(core, 0);
    Expr inner = expr(core);
    inner.range = e.range;
    inner.text = e.text;
    inner.contentRange.reset();
    return inner;
  } else if (t == "unary_expression" || t == "type_conversion_expression") {
    e.kind = t == "unary_expression" ? ValueKind::Other : ValueKind::CallResult;
    e.names = names(n);
  } else {
    e.kind = ValueKind::Other;
  }
  // One step of dataflow for the names: the local variables the value is or interpolates.
  std::vector<TSNode> variables;
  if (t == "identifier") variables.push_back(n);
  else if (e.kind == ValueKind::Concatenation) dynamicVariables(n, variables);
  else if (e.kind == ValueKind::FormatCall)
    for (TSNode a : namedChildren(field(n, "arguments")))
      if (is(a, "identifier")) variables.push_back(a);
  for (TSNode v : variables) {
    bool visible = true;
    const TSNode value = localValue(v, v, &visible, nullptr);
    if (ts_node_is_null(value)) continue;
    // A formatted value reads its arguments: eventName := fmt.Sprintf("by_%s", email)
    const QString callee = is(value, "call_expression") ? text(field(value, "function")) : QString();
    if (callee.startsWith(QLatin1String("fmt.Sprint")) || callee == QLatin1String("strings.Join"))
      for (TSNode a : namedChildren(field(value, "arguments"))) e.assignedNames << names(a);
    else e.assignedNames << names(value);
  }
  QString rewrite;
  if (msClock(n, &rewrite)) {
    e.millisecondClock = true;
    e.secondsRewrite = rewrite;
  } else {
    e.timeForm = timeForm(n, &e.unixSecondsRewrite);
  }
  e.requestInput = requestInput(n);
  if (e.requestInput) e.validatedInput = validatedInput(n);
  return e;
}

// --- literals and locals --------------------------------------------------------------------

bool GoFacts::keyedElements(TSNode literal, std::vector<GoKeyedValue> *out) const {
  if (is(literal, "unary_expression")) literal = field(literal, "operand");
  if (!is(literal, "composite_literal")) return false;
  bool visible = true;
  for (TSNode el : namedChildren(field(literal, "body"))) {
    if (is(el, "comment")) continue;
    if (!is(el, "keyed_element")) {
      visible = false;
      continue;
    }
    TSNode key = field(el, "key"), value = field(el, "value");
    if (is(key, "literal_element") && ts_node_named_child_count(key) == 1) key = ts_node_named_child(key, 0);
    if (is(value, "literal_element") && ts_node_named_child_count(value) == 1) value = ts_node_named_child(value, 0);
    GoKeyedValue kv;
    kv.keyNode = key;
    kv.value = value;
    if (isStringLiteral(key)) {
      kv.key = stringContent(key, m_src);
    } else {
      kv.key = text(key);
      // a struct field name is a fixed key; a constant or variable map key is not visible
      const auto type = field(literal, "type");
      if (is(type, "map_type") || !is(key, "identifier")) visible = false;
    }
    out->push_back(kv);
  }
  return visible;
}

Attribute GoFacts::attribute(const GoKeyedValue &kv) const {
  return Attribute{kv.key, ts::range(kv.keyNode), expr(kv.value), false};
}

TSNode GoFacts::localValue(TSNode ident, TSNode use, bool *visible, std::vector<GoKeyedValue> *assigned) const {
  const QString name = text(ident);
  const TSNode scope = ancestor(use, isFunctionNode);
  if (ts_node_is_null(scope)) return TSNode{};
  const quint32 useAt = ts_node_start_byte(use);
  TSNode value{}, declaration{};
  walk(scope, [&](TSNode c) {
    if (ts_node_start_byte(c) >= useAt) return false;
    if (is(c, "short_var_declaration") || is(c, "assignment_statement") || is(c, "var_spec")) {
      std::vector<TSNode> left;
      if (is(c, "var_spec")) {
        for (uint32_t i = 0; i < ts_node_child_count(c); ++i) {
          const char *f = ts_node_field_name_for_child(c, i);
          if (f && std::strcmp(f, "name") == 0) left.push_back(ts_node_child(c, i));
        }
      } else {
        left = namedChildren(field(c, "left"));
      }
      const auto right = namedChildren(field(c, is(c, "var_spec") ? "value" : "right"));
      for (size_t i = 0; i < left.size() && i < right.size(); ++i)
        if (is(left[i], "identifier") && text(left[i]) == name) {
          value = right[i];
          declaration = c;
        }
    }
    return true;
  });
  if (ts_node_is_null(value)) return TSNode{};
  if (is(value, "unary_expression")) value = field(value, "operand");
  // what happens to the variable between its declaration and the use
  const quint32 from = ts_node_end_byte(declaration);
  walk(scope, [&](TSNode c) {
    if (ts_node_end_byte(c) <= from) return false;
    if (ts_node_start_byte(c) >= useAt) return false;
    if (is(c, "assignment_statement")) {
      for (TSNode l : namedChildren(field(c, "left"))) {
        const auto right = namedChildren(field(c, "right"));
        const TSNode v = right.empty() ? TSNode{} : right[0];
        if (is(l, "index_expression") && text(field(l, "operand")) == name) {
          const TSNode key = field(l, "index");
          if (isStringLiteral(key)) {
            if (assigned) assigned->push_back({stringContent(key, m_src), key, v});
          } else {
            *visible = false;
          }
        } else if (is(l, "selector_expression") && text(field(l, "operand")) == name) {
          if (assigned) assigned->push_back({text(field(l, "field")), field(l, "field"), v});
        }
      }
    } else if (is(c, "call_expression") && !ts_node_eq(c, use)) {
      for (TSNode a : namedChildren(field(c, "arguments"))) {
        QString at = text(a);
        at.remove(QLatin1Char(' ')).remove(QLatin1Char('&'));
        if (at == name) *visible = false;
      }
    }
    return true;
  });
  return value;
}

bool GoFacts::pipelinesData(TSNode value, TSNode use, std::vector<Attribute> *out, int depth) const {
  if (ts_node_is_null(value) || depth > 4) return false;  // `x := y; y := x` chains end here
  if (is(value, "identifier")) {
    bool visible = true;
    std::vector<GoKeyedValue> assigned;
    const TSNode v = localValue(value, use, &visible, &assigned);
    const bool ok = pipelinesData(v, use, out, depth + 1);
    for (const GoKeyedValue &kv : assigned) out->push_back(attribute(kv));
    return ok && visible;
  }
  if (is(value, "composite_literal")) {
    std::vector<GoKeyedValue> kvs;
    const bool ok = keyedElements(value, &kvs);
    for (const GoKeyedValue &kv : kvs) out->push_back(attribute(kv));
    return ok;
  }
  // analytics.NewTraits().SetEmail(e).Set("plan", p)
  std::vector<Attribute> chain;
  TSNode n = value;
  while (is(n, "call_expression")) {
    const TSNode fn = field(n, "function");
    if (!is(fn, "selector_expression")) return false;
    const QString m = text(field(fn, "field"));
    const auto args = namedChildren(field(n, "arguments"));
    if (m == QLatin1String("NewTraits") || m == QLatin1String("NewProperties")) {
      for (auto it = chain.rbegin(); it != chain.rend(); ++it) out->push_back(*it);
      return true;
    }
    if (m == QLatin1String("Set") && args.size() == 2 && isStringLiteral(args[0])) {
      chain.push_back({stringContent(args[0], m_src), ts::range(args[0]), expr(args[1])});
    } else if (m.startsWith(QLatin1String("Set")) && args.size() == 1) {
      chain.push_back({snakeCase(m.mid(3)), ts::range(field(fn, "field")), expr(args[0])});
    } else {
      return false;
    }
    n = field(fn, "operand");
  }
  return false;
}

// --- loops -------------------------------------------------------------------------------------

bool GoFacts::throttleIn(TSNode body) const {
  static const QRegularExpression limiterName(QStringLiteral("limit|throttl|bucket"),
                                              QRegularExpression::CaseInsensitiveOption);
  bool found = false;
  walk(body, [&](TSNode c) {
    if (found) return false;
    if (is(c, "call_expression")) {
      const TSNode fn = field(c, "function");
      const QString callee = text(fn);
      if (callee == QLatin1String("time.Sleep")) found = true;
      if (is(fn, "selector_expression")) {
        const QString m = text(field(fn, "field"));
        const QString recv = text(field(fn, "operand"));
        const bool limiterCall = m == QLatin1String("Wait") || m == QLatin1String("WaitN") ||
                                 m == QLatin1String("Take") || m == QLatin1String("Allow") ||
                                 m == QLatin1String("Reserve");
        if (limiterCall && (m_limiters.contains(recv) || limiterName.match(recv).hasMatch())) found = true;
      }
    } else if (is(c, "unary_expression") && text(field(c, "operator")) == QLatin1String("<-")) {
      const QString operand = text(field(c, "operand"));
      if (operand.endsWith(QLatin1String(".C")) || operand.startsWith(QLatin1String("time.After")) ||
          operand.startsWith(QLatin1String("time.Tick")))
        found = true;
    }
    return true;
  });
  return found;
}

bool GoFacts::inCollectionLoop(TSNode call, bool *throttled) const {
  bool inLoop = false;
  for (TSNode p = parentOf(call); !ts_node_is_null(p) && !isDeclaration(p); p = parentOf(p)) {
    if (!is(p, "for_statement")) continue;
    const TSNode body = field(p, "body");
    if (throttleIn(body)) *throttled = true;
    TSNode clause{};
    for (TSNode c : namedChildren(p))
      if (!ts_node_eq(c, body) && !is(c, "comment")) clause = c;
    if (ts_node_is_null(clause)) continue;  // for { ... }: a server or consumer loop
    if (is(clause, "range_clause")) {
      const TSNode right = field(clause, "right");
      const QString r = text(right);
      if (r.endsWith(QLatin1String(".C")) || r.startsWith(QLatin1String("time.Tick"))) {
        *throttled = true;  // one pass per tick
        continue;
      }
      // a worker draining a channel (a variable, parameter or struct field)
      const QString channel = is(right, "selector_expression") ? text(field(right, "field")) : r;
      if (m_channels.contains(channel)) continue;
    }
    inLoop = true;
  }
  return inLoop;
}

// --- webhooks, raw HTTP ------------------------------------------------------------------------

std::vector<TSNode> GoFacts::comparedMetrics(TSNode n) const {
  // A bounce next to any metric-like field; other metrics are common words
  // (status == "failed"), so only next to a `Metric` / `EventType`.
  static const QRegularExpression bounceSubject(QStringLiteral("metric|event|type|status"),
                                                QRegularExpression::CaseInsensitiveOption);
  static const QRegularExpression metricSubject(QStringLiteral("metric|event_?type"),
                                                QRegularExpression::CaseInsensitiveOption);
  auto metricLiteral = [&](TSNode s, TSNode subject) {
    if (!isStringLiteral(s)) return false;
    const QString v = stringContent(s, m_src);
    if (!isDeliveryMetric(v)) return false;
    const bool bounce = v == QLatin1String("bounced") || v == QLatin1String("email_bounced");
    // A query parameter (a stats page's ?metric=clicked) is no webhook payload.
    static const QRegularExpression query(QStringLiteral("Query\\(|FormValue\\(|URL\\."));
    const QString t = text(subject);
    return (bounce ? bounceSubject : metricSubject).match(t).hasMatch() && (bounce || !query.match(t).hasMatch());
  };
  std::vector<TSNode> out;
  if (is(n, "binary_expression")) {
    const QString op = text(field(n, "operator"));
    if (op != QLatin1String("==") && op != QLatin1String("!=")) return out;
    const TSNode l = field(n, "left"), r = field(n, "right");
    if (metricLiteral(l, r)) out.push_back(l);
    if (metricLiteral(r, l)) out.push_back(r);
  } else if (is(n, "expression_switch_statement")) {
    const TSNode value = field(n, "value");
    for (TSNode c : namedChildren(n)) {
      if (!is(c, "expression_case")) continue;
      for (TSNode v : namedChildren(field(c, "value")))
        if (metricLiteral(v, value)) out.push_back(v);
    }
  }
  return out;
}

HttpAuth GoFacts::authOf(TSNode scope) const {
  HttpAuth auth = HttpAuth::Unknown;
  walk(scope, [&](TSNode c) {
    if (auth != HttpAuth::Unknown) return false;
    if (is(c, "call_expression")) {
      const TSNode fn = field(c, "function");
      if (is(fn, "selector_expression") && text(field(fn, "field")) == QLatin1String("SetBasicAuth"))
        auth = HttpAuth::Basic;
    } else if (isStringLiteral(c)) {
      const QString v = stringContent(c, m_src);
      if (v.startsWith(QLatin1String("Bearer")))
        auth = HttpAuth::Bearer;
      else if (v.startsWith(QLatin1String("Basic ")))
        auth = HttpAuth::Basic;
      return false;
    }
    return true;
  });
  return auth;
}

bool GoFacts::references(TSNode scope, const QString &name) const {
  bool found = false;
  walk(scope, [&](TSNode c) {
    if (found) return false;
    if (is(c, "identifier") && text(c) == name) found = true;
    return true;
  });
  return found;
}

}  // namespace cio
