// Expression facts: what kind of value an expression is, its string shape, whether it
// is a millisecond clock or request input, and the names it reads.
#include "adapters/javascript/extractor.h"

#include <QRegularExpression>

#include <functional>

namespace cio::js {

using ts::is;
using ts::type;

static Range innerRange(const Range &r) {
  Range c = r;
  c.startByte += 1;
  c.startColumn += 1;
  if (c.endByte > c.startByte) c.endByte -= 1;
  if (c.endColumn > 0) c.endColumn -= 1;
  return c;
}

QString Extractor::templateValue(TSNode n) const {
  // The literal parts as written, "{}" where a substitution stands.
  QString out;
  quint32 pos = ts_node_start_byte(n) + 1;
  const quint32 end = ts_node_end_byte(n) - 1;
  for (TSNode c : namedChildren(n)) {
    if (!is(c, "template_substitution")) continue;
    out += QString::fromUtf8(m_src.mid(pos, ts_node_start_byte(c) - pos));
    out += QStringLiteral("{}");
    pos = ts_node_end_byte(c);
  }
  if (end > pos) out += QString::fromUtf8(m_src.mid(pos, end - pos));
  return out;
}

bool Extractor::isStringy(TSNode n) const {
  n = unwrap(n);
  if (is(n, "string") || is(n, "template_string")) return true;
  if (is(n, "binary_expression") && text(field(n, "operator")) == QLatin1String("+"))
    return isStringy(field(n, "left")) || isStringy(field(n, "right"));
  return false;
}

void Extractor::flattenConcat(TSNode n, QString &out) const {
  n = unwrap(n);
  if (is(n, "string")) {
    out += stringContent(n);
  } else if (is(n, "template_string")) {
    out += templateValue(n);
  } else if (is(n, "binary_expression") && text(field(n, "operator")) == QLatin1String("+") && isStringy(n)) {
    flattenConcat(field(n, "left"), out);
    flattenConcat(field(n, "right"), out);
  } else {
    out += QStringLiteral("{}");
  }
}

// The bare variables among a dynamic string's dynamic parts: `a${x}`, 'a' + x,
// util.format('a%s', x).
void Extractor::dynamicVariables(TSNode n, std::vector<TSNode> &out, int depth) const {
  n = unwrap(n);
  if (depth > 200 || ts_node_is_null(n)) return;
  if (is(n, "identifier")) {
    out.push_back(n);
  } else if (is(n, "template_string")) {
    for (TSNode c : namedChildren(n))
      if (is(c, "template_substitution") && ts_node_named_child_count(c) == 1 &&
          is(unwrap(firstNamedChild(c)), "identifier"))
        out.push_back(unwrap(firstNamedChild(c)));
  } else if (is(n, "binary_expression") && text(field(n, "operator")) == QLatin1String("+")) {
    dynamicVariables(field(n, "left"), out, depth + 1);
    dynamicVariables(field(n, "right"), out, depth + 1);
  } else if (isFormatCall(n)) {
    const std::vector<TSNode> a = args(n);
    for (std::size_t i = 1; i < a.size(); ++i)
      if (is(unwrap(a[i]), "identifier")) out.push_back(unwrap(a[i]));
  }
}

bool Extractor::isFormatCall(TSNode n) const {
  if (!is(n, "call_expression")) return false;
  const TSNode fn = unwrap(field(n, "function"));
  const std::vector<TSNode> a = args(n);
  if (is(fn, "member_expression")) {
    const QString prop = text(field(fn, "property"));
    const QString obj = text(field(fn, "object"));
    return (prop == QLatin1String("format") || prop == QLatin1String("formatWithOptions")) &&
           (obj == QLatin1String("util") || obj.contains(QLatin1String("require('util')")) ||
            obj.contains(QLatin1String("require(\"util\")")));
  }
  if (is(fn, "identifier")) {
    const QString name = text(fn);
    if (name == QLatin1String("sprintf") || name == QLatin1String("vsprintf")) return true;
    if (name == QLatin1String("format") && !a.empty() && isStringLiteral(unwrap(a[0])))
      return stringContent(unwrap(a[0])).contains(QLatin1Char('%'));
  }
  return false;
}

QStringList Extractor::names(TSNode n) const {
  QStringList out;
  walk(n, [&](TSNode c) {
    const auto t = type(c);
    if (t == "identifier" || t == "shorthand_property_identifier" || t == "private_property_identifier") {
      out << text(c);
    } else if (t == "property_identifier") {
      // user.email.toLowerCase(): a case or blank normalisation reads the same value, so
      // the method is not a name (the value still ends in `email`).
      static const QStringList normalisers = {
          QStringLiteral("toLowerCase"),       QStringLiteral("toUpperCase"), QStringLiteral("toLocaleLowerCase"),
          QStringLiteral("toLocaleUpperCase"), QStringLiteral("trim"),        QStringLiteral("trimStart"),
          QStringLiteral("trimEnd"),           QStringLiteral("normalize")};
      const TSNode p = parentOf(c);
      const bool normaliser = is(p, "member_expression") && normalisers.contains(text(c));
      if (!normaliser && !(is(p, "pair") && ts_node_eq(field(p, "key"), c))) out << text(c);
    } else if (t == "subscript_expression") {
      // walk children by hand so the string key lands in order
      for (TSNode k : namedChildren(c)) {
        if (is(k, "string") && ts_node_eq(k, field(c, "index"))) out << stringContent(k);
        else out << names(k);
      }
      return false;
    } else if (t == "type_annotation" || t == "type_arguments") {
      return false;
    }
    return true;
  });
  return out;
}

bool Extractor::dateLike(TSNode n) const {
  n = unwrapAwait(n);
  if (is(n, "new_expression")) return text(field(n, "constructor")) == QLatin1String("Date");
  static const QRegularExpression re(QStringLiteral("(date|time|moment|dayjs|luxon|DateTime|At$|_at$)"),
                                     QRegularExpression::CaseInsensitiveOption);
  return re.match(text(n)).hasMatch();
}

bool Extractor::msClock(TSNode n, int depth) const {
  if (depth > 6) return false;
  n = unwrapAwait(n);
  const auto t = type(n);
  if (t == "number") {
    QString digits = text(n);
    digits.remove(QLatin1Char('_'));
    static const QRegularExpression re(QStringLiteral("^\\d{13}$"));
    return re.match(digits).hasMatch();
  }
  if (t == "call_expression") {
    const TSNode fn = unwrap(field(n, "function"));
    const std::vector<TSNode> a = args(n);
    if (is(fn, "member_expression")) {
      const TSNode obj = field(fn, "object");
      const QString o = text(obj), prop = text(field(fn, "property"));
      if (o == QLatin1String("Date") &&
          (prop == QLatin1String("now") || prop == QLatin1String("parse") || prop == QLatin1String("UTC")))
        return true;
      if (prop == QLatin1String("getTime") || prop == QLatin1String("toMillis")) return true;
      if (prop == QLatin1String("valueOf")) return dateLike(obj) || msClock(obj, depth + 1);
      if (prop == QLatin1String("toFixed") || prop == QLatin1String("toString") || prop == QLatin1String("toPrecision"))
        return msClock(obj, depth + 1);
      if ((o == QLatin1String("Math") &&
           (prop == QLatin1String("floor") || prop == QLatin1String("round") || prop == QLatin1String("ceil") ||
            prop == QLatin1String("trunc") || prop == QLatin1String("abs"))) ||
          (o == QLatin1String("Number") && (prop == QLatin1String("parseInt") || prop == QLatin1String("parseFloat"))))
        return !a.empty() && msClock(a[0], depth + 1);
      return false;
    }
    if (is(fn, "identifier")) {
      const QString f = text(fn);
      if (f == QLatin1String("Number") || f == QLatin1String("parseInt") || f == QLatin1String("parseFloat") ||
          f == QLatin1String("BigInt")) {
        if (a.empty()) return false;
        const TSNode x = unwrap(a[0]);
        return (is(x, "new_expression") && text(field(x, "constructor")) == QLatin1String("Date")) ||
               msClock(x, depth + 1);
      }
    }
    return false;
  }
  if (t == "unary_expression") {
    const QString op = text(field(n, "operator"));
    const TSNode arg = unwrap(field(n, "argument"));
    if (op == QLatin1String("+"))
      return (is(arg, "new_expression") && text(field(arg, "constructor")) == QLatin1String("Date")) ||
             msClock(arg, depth + 1);
    if (op == QLatin1String("~") || op == QLatin1String("-")) return msClock(arg, depth + 1);
    return false;
  }
  if (t == "binary_expression") {
    const QString op = text(field(n, "operator"));
    const TSNode l = field(n, "left"), r = field(n, "right");
    if (op == QLatin1String("+")) {
      if (isStringy(n)) return false;
      return msClock(l, depth + 1) != msClock(r, depth + 1);
    }
    if (op == QLatin1String("-")) return msClock(l, depth + 1) && !msClock(r, depth + 1);  // a - b of clocks is a duration
    if (op == QLatin1String("|") || op == QLatin1String(">>") || op == QLatin1String(">>>"))
      return text(r) == QLatin1String("0") && msClock(l, depth + 1);
    if (op == QLatin1String("||") || op == QLatin1String("??")) return msClock(l, depth + 1) || msClock(r, depth + 1);
    return false;
  }
  if (t == "ternary_expression")
    return msClock(field(n, "consequence"), depth + 1) || msClock(field(n, "alternative"), depth + 1);
  if (t == "identifier" || t == "shorthand_property_identifier") {
    const Decl *d = lookup(text(n), n);
    if (d && d->path.isEmpty() && !d->parameter && !ts_node_is_null(d->value) && !isFunction(d->value) &&
        !ts_node_eq(d->value, n))
      return msClock(d->value, depth + 1);
  }
  return false;
}

QString Extractor::secondsRewrite(TSNode n) const {
  const TSNode u = unwrap(n);
  if (is(u, "number")) {
    QString digits = text(u);
    digits.remove(QLatin1Char('_'));
    return digits.left(digits.size() - 3);
  }
  const auto t = type(n);
  const bool wrap = t == "binary_expression" || t == "ternary_expression" || t == "sequence_expression" ||
                    t == "assignment_expression" || t == "arrow_function";
  const QString inner = wrap ? QLatin1Char('(') + text(n) + QLatin1Char(')') : text(n);
  return QStringLiteral("Math.floor(%1 / 1000)").arg(inner);
}

TimeForm Extractor::timeForm(TSNode n, QString *rewrite, int depth) const {
  if (depth > 6) return TimeForm::None;
  n = unwrap(unwrapAwait(n));
  const auto t = type(n);
  if (t == "new_expression" && text(field(n, "constructor")) == QLatin1String("Date")) {
    *rewrite = QStringLiteral("Math.floor(%1.getTime() / 1000)").arg(text(n));
    return TimeForm::DateObject;
  }
  if (t == "call_expression") {
    const TSNode fn = unwrap(field(n, "function"));
    if (!is(fn, "member_expression")) return TimeForm::None;
    const QString prop = text(field(fn, "property"));
    const TSNode obj = field(fn, "object");
    if (prop == QLatin1String("toISOString") || prop == QLatin1String("toJSON") ||
        prop == QLatin1String("toUTCString") || prop == QLatin1String("toISO") ||
        (prop == QLatin1String("format") && dateLike(obj))) {
      // An exact rewrite exists only for a Date: d.toISOString() -> d.getTime()
      if (prop == QLatin1String("toISOString") && is(unwrap(obj), "new_expression"))
        *rewrite = QStringLiteral("Math.floor(%1.getTime() / 1000)").arg(text(unwrap(obj)));
      return TimeForm::IsoString;
    }
    return TimeForm::None;
  }
  if (t == "binary_expression" && text(field(n, "operator")) == QLatin1String("/")) {
    // A millisecond clock divided by 1000 and never floored: 1700000000.123
    const TSNode r = unwrap(field(n, "right"));
    if (is(r, "number") && text(r).remove(QLatin1Char('_')) == QLatin1String("1000") && msClock(field(n, "left"))) {
      *rewrite = QStringLiteral("Math.floor(%1)").arg(text(n));
      return TimeForm::FractionalSeconds;
    }
    return TimeForm::None;
  }
  if (t == "identifier" || t == "shorthand_property_identifier") {
    const Decl *d = lookup(text(n), n);
    if (d && d->path.isEmpty() && !d->parameter && !ts_node_is_null(d->value) && !isFunction(d->value) &&
        !ts_node_eq(d->value, n)) {
      // The rewrite of a variable's value would inline it: offer none.
      QString inlined;
      return timeForm(d->value, &inlined, depth + 1);
    }
  }
  return TimeForm::None;
}

// A parameter NestJS fills from the request: @Body() body, @Body('event') event,
// @Query() query, @Param('id') id, @Headers() headers.
bool Extractor::requestParameter(const Decl &d) const {
  if (!is(d.site, "required_parameter") && !is(d.site, "optional_parameter")) return false;
  static const QRegularExpression from(QStringLiteral("^@(Body|Query|Param|Headers)\\s*\\("));
  for (TSNode c : namedChildren(d.site))
    if (is(c, "decorator") && from.match(text(c)).hasMatch()) return true;
  return false;
}

static bool isRequestRoot(const QString &s) {
  return s == QLatin1String("req") || s == QLatin1String("request") || s == QLatin1String("ctx") ||
         s == QLatin1String("context") || s == QLatin1String("event");
}

// `root` followed by property path: is it request input?
bool Extractor::requestInputPath(TSNode root, const QStringList &path, int depth) const {
  root = unwrapAwait(root);
  if (requestInput(root, depth + 1)) return true;
  if (!is(root, "identifier") || path.isEmpty()) return false;
  static const QSet<QString> inputs{"body", "query", "params", "headers", "cookies", "rawBody", "files", "file"};
  const QString r = text(root);
  if (r == QLatin1String("req") || r == QLatin1String("request")) return inputs.contains(path[0]);
  if (r == QLatin1String("ctx") || r == QLatin1String("context")) {
    if (path[0] == QLatin1String("request") || path[0] == QLatin1String("req"))
      return path.size() > 1 && inputs.contains(path[1]);
    return path[0] == QLatin1String("query") || path[0] == QLatin1String("params");
  }
  if (r == QLatin1String("event"))
    return path[0] == QLatin1String("body") || path[0] == QLatin1String("queryStringParameters") ||
           path[0] == QLatin1String("pathParameters");
  return false;
}

bool Extractor::requestInput(TSNode n, int depth) const {
  if (depth > 6 || ts_node_is_null(n)) return false;
  n = unwrapAwait(n);
  const auto t = type(n);
  if (t == "member_expression" || t == "subscript_expression") {
    // Walk to the root of the chain, collecting the property path.
    QStringList path;
    TSNode cur = n;
    while (is(cur, "member_expression") || is(cur, "subscript_expression")) {
      if (is(cur, "member_expression")) {
        path.prepend(text(field(cur, "property")));
      } else {
        const TSNode idx = unwrap(field(cur, "index"));
        path.prepend(isStringLiteral(idx) ? stringContent(idx) : QStringLiteral("[]"));
      }
      cur = unwrapAwait(field(cur, "object"));
    }
    if (is(cur, "identifier") && isRequestRoot(text(cur))) {
      if (requestInputPath(cur, path, depth)) return true;
      return false;
    }
    return requestInput(cur, depth + 1);
  }
  if (t == "call_expression") {
    const TSNode fn = unwrap(field(n, "function"));
    // Conversions hand the value on: String(req.query.e), req.body.name.trim().
    static const QSet<QString> conversions{"String", "decodeURIComponent", "decodeURI", "unescape"};
    if (is(fn, "identifier") && conversions.contains(text(fn))) {
      const std::vector<TSNode> a = args(n);
      return !a.empty() && requestInput(a[0], depth + 1);
    }
    if (!is(fn, "member_expression")) return false;
    const QString prop = text(field(fn, "property"));
    static const QSet<QString> stringMethods{"toString", "trim", "toLowerCase", "toUpperCase", "normalize"};
    if (stringMethods.contains(prop)) return requestInput(field(fn, "object"), depth + 1);
    const TSNode obj = unwrap(field(fn, "object"));
    const QString o = norm(obj);
    const bool reqObj = o == QLatin1String("req") || o == QLatin1String("request") || o == QLatin1String("c.req") ||
                        o == QLatin1String("ctx.req") || o == QLatin1String("ctx.request");
    if (reqObj && (prop == QLatin1String("json") || prop == QLatin1String("formData") || prop == QLatin1String("text") ||
                   prop == QLatin1String("get") || prop == QLatin1String("header") || prop == QLatin1String("param") ||
                   prop == QLatin1String("query")))
      return true;
    if (prop == QLatin1String("get") && text(obj).contains(QLatin1String("searchParams"))) return true;
    // A server action's form: formData.get('event') with (formData: FormData).
    if ((prop == QLatin1String("get") || prop == QLatin1String("getAll")) && is(obj, "identifier")) {
      const Decl *d = lookup(text(obj), obj);
      if (d && d->parameter && d->path.isEmpty() && isServerAction(d->scope)) {
        const TSNode typeNode = firstNamedChild(field(d->site, "type"));
        if (text(typeNode) == QLatin1String("FormData")) return true;
      }
    }
    return false;
  }
  if (t == "identifier" || t == "shorthand_property_identifier") {
    const Decl *d = lookup(text(n), n);
    if (d && d->parameter) return requestParameter(*d);
    if (!d || ts_node_is_null(d->value) || isFunction(d->value) || ts_node_eq(d->value, n)) return false;
    return requestInputPath(d->value, d->path, depth + 1);
  }
  if (t == "binary_expression") {
    const QString op = text(field(n, "operator"));
    if (op == QLatin1String("||") || op == QLatin1String("??") || op == QLatin1String("+"))
      return requestInput(field(n, "left"), depth + 1) || requestInput(field(n, "right"), depth + 1);
    return false;
  }
  if (t == "ternary_expression")
    return requestInput(field(n, "consequence"), depth + 1) || requestInput(field(n, "alternative"), depth + 1);
  if (t == "template_string") {
    for (TSNode c : namedChildren(n))
      if (is(c, "template_substitution") && ts_node_named_child_count(c) > 0 &&
          requestInput(firstNamedChild(c), depth + 1))
        return true;
  }
  return false;
}

static QString compactText(QString t) {
  t.remove(QRegularExpression(QStringLiteral("\\s+")));
  t.replace(QStringLiteral("?."), QStringLiteral("."));
  return t;
}

// Validation that covers `value` (compact text): the same text, or a prefix of its path
// (validating `req.body` covers `req.body.event`; `validationResult(req)` covers all of `req`).
static bool covers(const QString &validated, const QString &value) {
  if (validated.isEmpty()) return false;
  return value == validated || value.startsWith(validated + QLatin1Char('.')) ||
         value.startsWith(validated + QLatin1Char('['));
}

// Fastify validates a request against the route's JSON schema before the handler runs:
// app.post('/e', { schema: { body: { properties: { event: { enum: [...] } } } } }, handler),
// fastify.route({ schema, handler }). Only a field the schema restricts to listed values
// (`enum`, `const`) is a vetted event name; `type: 'string'` admits any name.
bool Extractor::routeSchemaRestricts(TSNode n, const QStringList &values) const {
  const TSNode fn = enclosingFunction(n);
  if (ts_node_is_null(fn)) return false;
  std::vector<TSNode> schemas;
  const TSNode list = parentOf(fn);
  if (is(list, "arguments")) {
    for (TSNode a : namedChildren(list)) {
      if (ts_node_eq(a, fn)) break;
      const TSNode options = followObject(a);
      if (!ts_node_is_null(options)) schemas.push_back(followObject(objectPair(options, QStringLiteral("schema"))));
    }
  } else if (is(list, "pair") && propertyName(field(list, "key"), m_src) == QLatin1String("handler")) {
    schemas.push_back(followObject(objectPair(parentOf(list), QStringLiteral("schema"))));
  }
  // The request part and field the value reads: request.body.event, req.query['e'].
  static const QRegularExpression part(QStringLiteral(
      "^[A-Za-z_$][\\w$]*\\.(body|query|params|headers)(?:\\.([A-Za-z_$][\\w$]*)|\\[['\"`]([^'\"`]+)['\"`]\\])"
      "(?:$|[.\\[])"));
  for (TSNode schema : schemas) {
    if (ts_node_is_null(schema)) continue;
    for (const QString &v : values) {
      const auto m = part.match(v);
      if (!m.hasMatch()) continue;
      const QString where = m.captured(1);
      const QString key = m.captured(2).isEmpty() ? m.captured(3) : m.captured(2);
      QStringList schemaKeys{where};
      if (where == QLatin1String("query")) schemaKeys = {QStringLiteral("querystring"), QStringLiteral("query")};
      for (const QString &k : schemaKeys) {
        const TSNode section = followObject(objectPair(schema, k));
        const TSNode properties = followObject(objectPair(section, QStringLiteral("properties")));
        const TSNode fieldSchema = followObject(objectPair(properties, key));
        if (ts_node_is_null(fieldSchema)) continue;
        if (!ts_node_is_null(objectPair(fieldSchema, QStringLiteral("enum"))) ||
            !ts_node_is_null(objectPair(fieldSchema, QStringLiteral("const"))))
          return true;
      }
    }
  }
  return false;
}

// NestJS validates a @Body() DTO with its class-validator decorators (ValidationPipe): a
// field of a class in this file marked @IsIn([...]), @IsEnum(...) or @Equals(...) holds
// one of the listed values.
bool Extractor::dtoRestricts(TSNode n, const QStringList &values) const {
  static const QRegularExpression member(QStringLiteral("^([A-Za-z_$][\\w$]*)\\.([A-Za-z_$][\\w$]*)$"));
  for (const QString &v : values) {
    const auto m = member.match(v);
    if (!m.hasMatch()) continue;
    const Decl *d = lookup(m.captured(1), n);
    if (!d || !d->parameter || !requestParameter(*d)) continue;
    const QString typeName = text(firstNamedChild(field(d->site, "type")));
    if (typeName.isEmpty()) continue;
    bool found = false;
    static const ts::NodeTypes classes{"class_declaration"};
    walkTypes(classes, [&](TSNode c) {
      if (found || !is(c, "class_declaration") || text(field(c, "name")) != typeName) return !found;
      for (TSNode member : namedChildren(field(c, "body"))) {
        if (!is(member, "public_field_definition") || text(field(member, "name")) != m.captured(2)) continue;
        static const QRegularExpression restricting(QStringLiteral("^@(IsIn|IsEnum|Equals)\\s*\\("));
        for (TSNode dec : namedChildren(member))
          if (is(dec, "decorator") && restricting.match(text(dec)).hasMatch()) found = true;
      }
      return !found;
    });
    if (found) return true;
  }
  return false;
}

bool Extractor::validatedInput(TSNode n) const {
  n = unwrapAwait(n);
  // What the value is, as written and as assigned: `event` with `const { event } = req.body`
  // is also `req.body.event` and `req.body`.
  QStringList values{compactText(text(n))};
  if (is(n, "identifier") || is(n, "shorthand_property_identifier")) {
    const Decl *d = lookup(text(n), n);
    if (d && !d->parameter && !ts_node_is_null(d->value) && !isFunction(d->value)) {
      const QString base = compactText(text(unwrapAwait(d->value)));
      values << base;
      if (!d->path.isEmpty()) values << base + QLatin1Char('.') + d->path.join(QLatin1Char('.'));
    }
  }
  // Allow-list membership and schema / validator calls that take the value.
  static const QSet<QString> checks{"includes", "has",          "indexOf",       "hasOwnProperty", "hasOwn",
                                    "contains", "parse",        "safeParse",     "parseAsync",     "safeParseAsync",
                                    "validate", "validateSync", "validateAsync", "assert",         "check",
                                    "is",       "cast",         "test"};
  static const QRegularExpression validatorName(QStringLiteral("^(is[A-Z]|validate|assert|check|ensure|verify)"));
  const auto coveredBy = [&](TSNode arg) {
    const QString a = compactText(text(unwrapAwait(arg)));
    for (const QString &v : values)
      if (covers(a, v)) return true;
    return false;
  };
  const TSNode scope = scopeOf(n);
  const quint32 before = ts_node_start_byte(n);
  bool found = false;
  walk(scope, [&](TSNode c) {
    if (found || ts_node_start_byte(c) >= before) return false;
    if (is(c, "call_expression")) {
      const TSNode fn = unwrap(field(c, "function"));
      const QString name = is(fn, "member_expression") ? text(field(fn, "property")) : text(fn);
      static const QSet<QString> parsers{"JSON", "url", "URL", "querystring", "qs", "path", "Date", "Number"};
      if (is(fn, "member_expression") && parsers.contains(text(field(fn, "object")))) return true;
      if (checks.contains(name) || validatorName.match(name).hasMatch())
        for (TSNode a : args(c))
          if (coveredBy(a)) found = true;
    } else if (is(c, "binary_expression") && text(field(c, "operator")) == QLatin1String("in")) {
      if (coveredBy(field(c, "left"))) found = true;  // `event in EVENT_NAMES`
    } else if (is(c, "switch_statement")) {
      if (coveredBy(firstNamedChild(field(c, "value")))) found = true;
    }
    return !found;
  });
  if (found) return true;
  if (routeSchemaRestricts(n, values) || dtoRestricts(n, values)) return true;
  // Validation middleware on the route: app.post('/e', validate(schema), (req, res) => ...),
  // celebrate({...}), express-validator's body('event').isIn([...]), zValidator(...).
  const TSNode fn = enclosingFunction(n);
  const TSNode list = parentOf(fn);
  if (!ts_node_is_null(fn) && is(list, "arguments")) {
    static const QRegularExpression middleware(
        QStringLiteral("(?i)(validat|celebrate|checkschema|zvalidator|^body\\(|^query\\(|^param\\(|^check\\()"));
    for (TSNode a : namedChildren(list)) {
      if (ts_node_eq(a, fn)) break;
      if ((is(a, "call_expression") || is(a, "array") || is(a, "identifier")) &&
          middleware.match(compactText(text(a))).hasMatch())
        return true;
    }
  }
  return false;
}

Expr Extractor::expr(TSNode n) const {
  Expr e;
  if (ts_node_is_null(n)) return e;
  e.range = ts::range(n);
  e.text = text(n);
  const TSNode k = unwrapAwait(n);
  const auto t = type(k);
  bool namesDone = false;
  if (t == "string") {
    e.kind = ValueKind::StringLiteral;
    e.stringValue = stringContent(k);
    e.contentRange = innerRange(ts::range(k));
  } else if (t == "template_string") {
    e.stringValue = templateValue(k);
    if (isStringLiteral(k)) {
      e.kind = ValueKind::StringLiteral;
      e.contentRange = innerRange(ts::range(k));
    } else {
      e.kind = ValueKind::InterpolatedString;
    }
  } else if (t == "number") {
    e.kind = ValueKind::NumberLiteral;
  } else if (t == "binary_expression" && text(field(k, "operator")) == QLatin1String("+") && isStringy(k)) {
    // 'order_' + 'completed' is one constant name; a dynamic part makes it a concatenation.
    std::function<bool(TSNode)> constant = [&](TSNode x) {
      x = unwrap(x);
      if (is(x, "string")) return true;
      if (is(x, "template_string")) return isStringLiteral(x);
      if (is(x, "binary_expression") && text(field(x, "operator")) == QLatin1String("+"))
        return constant(field(x, "left")) && constant(field(x, "right"));
      return false;
    };
    e.kind = constant(k) ? ValueKind::StringLiteral : ValueKind::Concatenation;
    flattenConcat(k, e.stringValue);
  } else if (t == "call_expression" && isFormatCall(k)) {
    e.kind = ValueKind::FormatCall;
    const std::vector<TSNode> a = args(k);
    if (!a.empty() && isStringLiteral(unwrap(a[0]))) {
      QString fmt = stringContent(unwrap(a[0]));
      static const QRegularExpression spec(QStringLiteral("%[sdifjoOc]"));
      fmt.replace(spec, QStringLiteral("{}"));
      fmt.replace(QStringLiteral("%%"), QStringLiteral("%"));
      e.stringValue = fmt;
    }
    for (size_t i = 1; i < a.size(); ++i) e.names << names(a[i]);
    namesDone = true;
  } else if (t == "call_expression" || t == "new_expression") {
    e.kind = ValueKind::CallResult;
  } else if (t == "identifier" || t == "shorthand_property_identifier") {
    e.kind = ValueKind::Identifier;
  } else if (t == "member_expression" || t == "subscript_expression") {
    e.kind = ValueKind::Member;
  } else if (t == "object") {
    e.kind = ValueKind::ObjectLiteral;
  } else {
    e.kind = ValueKind::Other;
  }
  if (!namesDone) e.names = names(k);
  // One step of dataflow for the names: the local variables the value is or interpolates.
  std::vector<TSNode> variables;
  if (t == "identifier") variables.push_back(k);
  else if (e.isDynamicString()) dynamicVariables(k, variables);
  for (TSNode v : variables) {
    const Decl *d = lookup(text(v), v);
    if (!d || d->parameter || ts_node_is_null(d->value) || !d->declarator) continue;
    // `user.name ? 'a' : 'b'`: the value is one of the branches, the condition is not read into it.
    const TSNode value = unwrap(d->value);
    if (is(value, "ternary_expression") && d->path.isEmpty())
      e.assignedNames << names(field(value, "consequence")) << names(field(value, "alternative"));
    else e.assignedNames << names(d->value) << d->path;
  }
  e.millisecondClock = msClock(n);
  if (e.millisecondClock) e.secondsRewrite = secondsRewrite(n);
  e.requestInput = requestInput(n);
  if (e.requestInput) e.validatedInput = validatedInput(n);
  if (!e.millisecondClock) e.timeForm = timeForm(n, &e.unixSecondsRewrite);
  return e;
}

}  // namespace cio::js
