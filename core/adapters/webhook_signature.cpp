#include "adapters/webhook_signature.h"

#include "syntax/node.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace cio {

using ts::is;

namespace {

// The node types that carry the facts, per grammar.
struct Syntax {
  std::vector<const char *> strings;
  const char *comparison = "";  // a binary comparison node
  struct Assign {
    const char *type, *target, *value;
  };
  std::vector<Assign> assignments;
  std::vector<const char *> names;  // identifier leaves (and Ruby's symbols)
  const char *call = "";
  const char *callee = "";                // field of `call` holding the function
  std::vector<const char *> definitions;  // nodes whose `name` field defines a function
};

const Syntax &syntaxFor(LanguageId language) {
  static const Syntax js{{"string", "template_string"},
                         "binary_expression",
                         {{"variable_declarator", "name", "value"}, {"assignment_expression", "left", "right"}},
                         {"identifier", "property_identifier", "shorthand_property_identifier_pattern"},
                         "call_expression",
                         "function",
                         {"function_declaration", "generator_function_declaration", "method_definition"}};
  static const Syntax python{
      {"string"}, "comparison_operator",  {{"assignment", "left", "right"}}, {"identifier"}, "call",
      "function", {"function_definition"}};
  static const Syntax ruby{{"string"},
                           "binary",
                           {{"assignment", "left", "right"}, {"operator_assignment", "left", "right"}},
                           {"identifier", "instance_variable", "simple_symbol"},
                           "call",
                           "method",
                           {"method", "singleton_method"}};
  static const Syntax go{{"interpreted_string_literal", "raw_string_literal"},
                         "binary_expression",
                         {{"short_var_declaration", "left", "right"},
                          {"assignment_statement", "left", "right"},
                          {"var_spec", "name", "value"}},
                         {"identifier", "field_identifier"},
                         "call_expression",
                         "function",
                         {"function_declaration", "method_declaration"}};
  switch (language) {
    case LanguageId::Python:
      return python;
    case LanguageId::Ruby:
      return ruby;
    case LanguageId::Go:
      return go;
    default:
      return js;
  }
}

bool isAny(TSNode n, const std::vector<const char *> &types) {
  for (const char *t : types)
    if (is(n, t)) return true;
  return false;
}

// A string literal's value: quotes (and Python's prefixes) stripped, escapes left alone.
QString literalValue(const QString &written) {
  QString v = written;
  static const QRegularExpression prefix(QStringLiteral("^[rRbBuUfF]{1,2}(?=['\"])"));
  v.remove(prefix);
  static const QRegularExpression quotes(QStringLiteral("^(\"\"\"|'''|[\"'`])|(\"\"\"|'''|[\"'`])$"));
  return v.remove(quotes);
}

bool contains(TSNode outer, TSNode inner) {
  return ts_node_start_byte(outer) <= ts_node_start_byte(inner) && ts_node_end_byte(inner) <= ts_node_end_byte(outer);
}

// What the collector files each node type under, per grammar and symbol: one load per
// node instead of a type-name comparison per category.
enum Kind : unsigned short {
  kString = 1,
  kName = 2,
  kComparison = 4,
  kCall = 8,
  kAssignment = 16,
  kDefinition = 32,
  kModule = 64,     // Ruby modules and Go package clauses name the verifiers a file defines
  kPackage = 128,
  kFunction = 256,  // a function or lambda (named node): a name assigned one is defined by it
};
struct CollectedTypes {
  std::unique_ptr<ts::SymbolSet> all;  // every symbol with a kind, for walkTypes
  std::vector<unsigned short> kinds;   // by symbol
  std::vector<signed char> assignment;  // by symbol: its shape in Syntax::assignments, or -1
  unsigned short kindOf(TSSymbol s) const { return s < kinds.size() ? kinds[s] : 0; }
};
const CollectedTypes &collectedTypes(const TSLanguage *grammar, const Syntax &syntax) {
  thread_local std::vector<std::pair<const TSLanguage *, CollectedTypes>> cache;
  for (const auto &[g, set] : cache)
    if (g == grammar) return set;
  CollectedTypes types;
  const uint32_t count = ts_language_symbol_count(grammar);
  types.kinds.assign(count, 0);
  types.assignment.assign(count, -1);
  std::vector<std::string_view> all;
  for (uint32_t s = 0; s < count; ++s) {
    const char *name = ts_language_symbol_name(grammar, static_cast<TSSymbol>(s));
    if (!name) continue;
    const std::string_view n(name);
    const auto in = [&](const std::vector<const char *> &list) {
      return std::any_of(list.begin(), list.end(), [&](const char *t) { return n == t; });
    };
    unsigned short k = 0;
    if (in(syntax.strings)) k |= kString;
    if (in(syntax.names)) k |= kName;
    if (n == syntax.comparison) k |= kComparison;
    if (n == syntax.call) k |= kCall;
    if (in(syntax.definitions)) k |= kDefinition;
    if (n == "module") k |= kModule;
    if (n == "package_clause") k |= kPackage;
    if ((n == "arrow_function" || n == "function_expression" || n == "function" || n == "lambda" ||
         n == "func_literal") &&
        ts_language_symbol_type(grammar, static_cast<TSSymbol>(s)) == TSSymbolTypeRegular)
      k |= kFunction;
    for (size_t a = 0; a < syntax.assignments.size(); ++a)
      if (n == syntax.assignments[a].type) {
        k |= kAssignment;
        types.assignment[s] = static_cast<signed char>(a);
      }
    types.kinds[s] = k;
    if (k) all.push_back(n);
  }
  types.all = std::make_unique<ts::SymbolSet>(grammar, all);
  cache.emplace_back(grammar, std::move(types));
  return cache.back().second;
}

// The ASCII letters of `v` lower-cased, '_' and '.' left out (as verifierLike flattens a
// name), into `out`; false when `v` has a byte verifierLike must judge itself (non-ASCII,
// whose case mapping is Unicode's) or is too long for `out`.
template <size_t N>
bool flattenAscii(std::string_view v, char (&out)[N], std::string_view &flat) {
  size_t n = 0;
  for (char c : v) {
    if (static_cast<unsigned char>(c) >= 0x80 || n == N) return false;
    if (c == '_' || c == '.') continue;
    out[n++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  flat = std::string_view(out, n);
  return true;
}

// False only where verifierLike(v, branded) is false too, from the bytes alone: a name
// shorter than its patterns, or one that spells neither "signature" nor "webhook" (nor,
// branded, starts with cio/customerio). Every identifier of a file is asked.
bool mayBeVerifier(std::string_view v, bool branded) {
  if (v.size() < (branded ? 7u : 12u)) return false;  // bytes >= UTF-16 units
  char buffer[128];
  std::string_view flat;
  if (!flattenAscii(v, buffer, flat)) return true;
  if (flat.find("signature") != std::string_view::npos || flat.find("webhook") != std::string_view::npos) return true;
  return branded && (flat.starts_with("cio") || flat.starts_with("customerio"));
}

// False only where a string literal cannot be one of the four signature/timestamp header
// names once its quotes are gone: ASCII, and longer than any of them with quotes and
// prefix (28), or without "cio" in any case.
bool mayBeHeaderName(std::string_view raw) {
  for (char c : raw)
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  if (raw.size() > 28) return false;
  for (size_t i = 0; i + 3 <= raw.size(); ++i)
    if ((raw[i] | 0x20) == 'c' && (raw[i + 1] | 0x20) == 'i' && (raw[i + 2] | 0x20) == 'o') return true;
  return false;
}

class Collector {
 public:
  // With `index`, only the nodes it holds are looked at, found by symbol.
  Collector(TSNode root, const ts::TreeIndex *index, const QByteArray &src, LanguageId language)
      : m_src(src), m_language(language), m_syntax(syntaxFor(language)) {
    const CollectedTypes &types = collectedTypes(ts_tree_language(root.tree), m_syntax);
    std::vector<TSNode> definedNames;  // the `name` of each definition
    auto visit = [&](TSNode n, TSSymbol symbol) {
      const unsigned short k = types.kindOf(symbol);
      // An identifier leaf is none of the other types looked for. Only the names and
      // strings run() can use are kept (a minified bundle has millions of identifiers).
      if (k & kName) {
        const std::string_view v = nameBytes(n);
        if (v.size() == kHeaderParameterLength) m_parameterNames.push_back(n);
        if (mayBeVerifier(v, false)) m_verifierNames.push_back(n);
        return true;
      }
      if (k & kString) {
        if (mayBeHeaderName(bytesOf(n))) m_strings.push_back(n);  // interpolations are walked too
      } else if (k & kComparison) {
        m_comparisons.push_back(n);
      } else if (k & kCall) {
        m_calls.push_back(n);
      }
      if (k & kAssignment) m_assignments.push_back({n, m_syntax.assignments[types.assignment[symbol]]});
      // A function assigned to a name defines it too: `exports.verifyCioSignature = (req,
      // res, next) => ...`, `const verify = function (...) {...}`. Asked of each function
      // (few) rather than of each assignment's value (a minified bundle has millions).
      if (k & kFunction) {
        const TSNode parent = index ? index->parent(n) : ts_node_parent(n);
        const TSSymbol ps = ts_node_is_null(parent) ? 0 : ts_node_symbol(parent);
        if (!ts_node_is_null(parent) && (types.kindOf(ps) & kAssignment)) {
          const Syntax::Assign &a = m_syntax.assignments[types.assignment[ps]];
          if (ts_node_eq(ts::field(parent, a.value), n)) {
            TSNode target = ts::field(parent, a.target);
            if (is(target, "member_expression")) target = ts::field(target, "property");
            definedNames.push_back(target);
          }
        }
      }
      if (k & kDefinition) definedNames.push_back(ts::field(n, "name"));
      if (language == LanguageId::Ruby && (k & kModule)) m_modules << lastSegment(text(ts::field(n, "name")));
      if (language == LanguageId::Go && (k & kPackage))
        for (TSNode c : ts::namedChildren(n)) m_package = text(c);
      return true;
    };
    if (index)
      index->walkTypes(*types.all, visit);
    else
      ts::walk(root, [&](TSNode n) { return visit(n, ts_node_symbol(n)); });
    // Only a name that may read as a verifier is ever asked for (collectVerifiers); in Go,
    // qualified by a package name that may be the verifier-like part.
    for (TSNode n : definedNames)
      if (language == LanguageId::Go || mayBeVerifier(nameBytes(n), true)) m_defined.insert(name(n));
  }

  void run(WebhookSignature &out) {
    std::vector<TSNode> signatureReads, timestampReads;
    QSet<QString> signatureNames, timestampNames;
    for (TSNode s : m_strings) {
      const QString v = literalValue(text(s)).toLower();
      const bool signature = v == QLatin1String("x-cio-signature") || v == QLatin1String("http_x_cio_signature");
      const bool timestamp = v == QLatin1String("x-cio-timestamp") || v == QLatin1String("http_x_cio_timestamp");
      if (!signature && !timestamp) continue;
      (signature ? signatureReads : timestampReads).push_back(s);
      // const { 'x-cio-signature': sig } = req.headers
      const TSNode p = ts_node_parent(s);
      if (is(p, "pair_pattern")) collectNames(ts::field(p, "value"), signature ? signatureNames : timestampNames);
    }
    // FastAPI reads headers into parameters of the same name: x_cio_signature: str = Header()
    TSNode signatureParameter{}, timestampParameter{};
    for (TSNode n : m_parameterNames) {
      const QString v = name(n).toLower();
      if (v == QLatin1String("x_cio_signature")) {
        signatureNames.insert(name(n));
        if (ts_node_is_null(signatureParameter)) signatureParameter = n;
      } else if (v == QLatin1String("x_cio_timestamp")) {
        timestampNames.insert(name(n));
        if (ts_node_is_null(timestampParameter)) timestampParameter = n;
      }
    }
    if (signatureReads.empty() && !ts_node_is_null(signatureParameter)) signatureReads.push_back(signatureParameter);
    if (timestampReads.empty() && !ts_node_is_null(timestampParameter)) timestampReads.push_back(timestampParameter);
    for (TSNode s : signatureReads) out.headerReads.push_back(ts::range(s));
    out.readsTimestamp = !timestampReads.empty();
    collectVerifiers(out);
    if (signatureReads.empty()) return;

    propagate(signatureReads, signatureNames);
    propagate(timestampReads, timestampNames);
    for (TSNode c : m_calls)
      if (isConstantTimeCompare(c)) out.constantTimeCompare = true;
    for (TSNode c : m_comparisons) {
      const auto [left, op, right] = comparison(c);
      if (ts_node_is_null(left) || ts_node_is_null(right)) continue;
      const bool equality = op == QLatin1String("==") || op == QLatin1String("===") || op == QLatin1String("!=") ||
                            op == QLatin1String("!==");
      const bool relational = op == QLatin1String("<") || op == QLatin1String(">") || op == QLatin1String("<=") ||
                              op == QLatin1String(">=");
      if (relational &&
          (refersTo(left, timestampReads, timestampNames) || refersTo(right, timestampReads, timestampNames)))
        out.timestampTolerance = true;
      if (!equality || trivial(left) || trivial(right)) continue;
      if (refersTo(left, signatureReads, signatureNames) || refersTo(right, signatureReads, signatureNames))
        out.plainCompares.push_back({ts::range(c), rewrite(left, op, right)});
    }
    // Go's bytes.Equal stops at the first differing byte: hmac.Equal is the same call.
    if (m_language == LanguageId::Go) {
      for (TSNode c : m_calls) {
        const TSNode callee = ts::field(c, m_syntax.callee);
        if (!is(callee, "selector_expression") || text(ts::field(callee, "operand")) != QLatin1String("bytes") ||
            text(ts::field(callee, "field")) != QLatin1String("Equal") || !refersTo(c, signatureReads, signatureNames))
          continue;
        const QString fix = m_src.contains("\"crypto/hmac\"")
                                ? QStringLiteral("hmac.Equal") + text(ts::field(c, "arguments"))
                                : QString();
        out.plainCompares.push_back({ts::range(c), fix});
      }
    }
    // Node's Buffer comparisons stop at the first differing byte too:
    // expected.equals(Buffer.from(sig, 'hex')), Buffer.compare(a, b) === 0.
    if (isJavaScriptFamily(m_language)) {
      for (TSNode c : m_calls) {
        const TSNode callee = ts::field(c, m_syntax.callee);
        if (!is(callee, "member_expression")) continue;
        const QString method = text(ts::field(callee, "property"));
        const bool equals = method == QLatin1String("equals");
        const bool compare =
            method == QLatin1String("compare") && text(ts::field(callee, "object")) == QLatin1String("Buffer");
        if (!equals && !compare) continue;
        if (!refersTo(c, signatureReads, signatureNames) || onlyThroughParameters(c, signatureReads, signatureNames))
          continue;
        // Buffer.compare(a, b) === 0: the comparison is the test.
        TSNode at = c;
        const TSNode p = ts_node_parent(c);
        if (compare && is(p, m_syntax.comparison)) at = p;
        out.plainCompares.push_back({ts::range(at), QString()});
      }
    }
  }

 private:
  QString text(TSNode n) const { return ts::text(n, m_src); }
  std::string_view bytesOf(TSNode n) const {
    if (ts_node_is_null(n)) return {};
    const quint32 s = ts_node_start_byte(n);
    return std::string_view(m_src.constData() + s, ts_node_end_byte(n) - s);
  }
  // name(n)'s bytes: without a Ruby symbol's colon.
  std::string_view nameBytes(TSNode n) const {
    std::string_view v = bytesOf(n);
    if (!v.empty() && v.front() == ':') v.remove_prefix(1);
    return v;
  }
  QString name(TSNode n) const {
    QString v = text(n);
    if (v.startsWith(QLatin1Char(':'))) v.remove(0, 1);  // Ruby symbol
    return v;
  }

  void collectNames(TSNode n, QSet<QString> &out) const {
    if (ts_node_is_null(n)) return;
    ts::walk(n, [&](TSNode c) {
      if (isAny(c, m_syntax.names)) out.insert(name(c));
      return true;
    });
  }

  bool refersTo(TSNode n, const std::vector<TSNode> &reads, const QSet<QString> &names) const {
    for (TSNode r : reads)
      if (contains(n, r)) return true;
    if (names.isEmpty()) return false;
    bool found = false;
    ts::walk(n, [&](TSNode c) {
      if (found) return false;
      if (isAny(c, m_syntax.names) && names.contains(name(c))) found = true;
      return true;
    });
    return found;
  }

  // The signature names are file-wide: a function whose parameters merely share a name
  // with them (`function sortKeys(a, b) { return Buffer.compare(a, b) }`) compares
  // something else.
  bool onlyThroughParameters(TSNode call, const std::vector<TSNode> &reads, const QSet<QString> &names) const {
    for (TSNode r : reads)
      if (contains(call, r)) return false;
    TSNode fn = ts_node_parent(call);
    while (!ts_node_is_null(fn) && !is(fn, "function_declaration") && !is(fn, "function_expression") &&
           !is(fn, "function") && !is(fn, "arrow_function") && !is(fn, "method_definition"))
      fn = ts_node_parent(fn);
    if (ts_node_is_null(fn)) return false;
    QSet<QString> params;
    collectNames(ts::field(fn, "parameters"), params);
    collectNames(ts::field(fn, "parameter"), params);
    bool other = false;
    ts::walk(call, [&](TSNode c) {
      if (isAny(c, m_syntax.names) && names.contains(name(c)) && !params.contains(name(c))) other = true;
      return !other;
    });
    return !other;
  }

  // Variables assigned from a header read, or from a variable that was: sig = header;
  // buf = Buffer.from(sig). A fixed point over the file's assignments.
  void propagate(const std::vector<TSNode> &reads, QSet<QString> &names) const {
    for (int round = 0; round < 4; ++round) {
      const qsizetype before = names.size();
      for (const auto &[node, shape] : m_assignments) {
        const TSNode value = ts::field(node, shape.value);
        if (!ts_node_is_null(value) && refersTo(value, reads, names))
          collectNames(ts::field(node, shape.target), names);
      }
      if (names.size() == before) break;
    }
  }

  struct Comparison {
    TSNode left{};
    QString op;
    TSNode right{};
  };
  Comparison comparison(TSNode c) const {
    if (m_language != LanguageId::Python)
      return {ts::field(c, "left"), text(ts::field(c, "operator")), ts::field(c, "right")};
    // Python: operand (operator operand)+; only a single comparison is read.
    std::vector<TSNode> operands;
    QString op;
    for (TSNode k : ts::children(c)) {
      if (ts_node_is_named(k))
        operands.push_back(k);
      else
        op = text(k);
    }
    if (operands.size() != 2) return {};
    return {operands[0], op, operands[1]};
  }

  // A literal, or a length: `sig == null`, `len(sig) != 64`, `sig.length !== expected.length`.
  bool trivial(TSNode n) const {
    if (isAny(n, m_syntax.strings)) return true;
    static const QRegularExpression literal(
        QStringLiteral("^(null|undefined|nil|None|true|false|True|False|\\d+|\"\"|'')$|\\.(length|size|bytesize)$|"
                       "^(len|length)\\(|^typeof "));
    return literal.match(text(n).trimmed()).hasMatch();
  }

  bool isConstantTimeCompare(TSNode call) const {
    const QString callee = text(ts::field(call, m_syntax.callee));
    static const QRegularExpression re(
        QStringLiteral("(^|[.:])(timingSafeEqual|compare_digest|secure_compare|fixed_length_secure_compare|"
                       "variable_size_secure_compare|ConstantTimeCompare)$|^hmac\\.Equal$"));
    return re.match(callee).hasMatch();
  }

  QString rewrite(TSNode left, const QString &op, TSNode right) const {
    const bool negated = op.startsWith(QLatin1Char('!'));
    const QString l = text(left), r = text(right);
    switch (m_language) {
      case LanguageId::Python:
        if (!m_src.contains("import hmac")) return QString();
        return QStringLiteral("%1hmac.compare_digest(%2, %3)").arg(negated ? QStringLiteral("not ") : QString(), l, r);
      case LanguageId::Ruby:
        return QStringLiteral("%1Rack::Utils.secure_compare(%2, %3)")
            .arg(negated ? QStringLiteral("!") : QString(), l, r);
      case LanguageId::Go:
        if (!m_src.contains("\"crypto/hmac\"")) return QString();
        return QStringLiteral("%1hmac.Equal([]byte(%2), []byte(%3))")
            .arg(negated ? QStringLiteral("!") : QString(), l, r);
      default:
        // crypto.timingSafeEqual throws on buffers of different lengths: no one-expression
        // rewrite keeps the comparison's meaning.
        return QString();
    }
  }

  static QString lastSegment(const QString &v) { return v.mid(v.lastIndexOf(QLatin1Char(':')) + 1); }

  // A name that reads as a Customer.io signature check (other providers' verifiers do
  // not count): verify_webhook_signature, requireCioSignature; with `branded`, also a
  // module or middleware named after Customer.io (CustomerioSignature, cioauth.Verify),
  // which a plain variable such as `cioSignature` (the header's value) is not.
  static bool verifierLike(const QString &v, bool branded = false) {
    static const QRegularExpression verifier(
        QStringLiteral("(verif|valid|check|require|ensure|authentic)[a-z0-9]*(signature|webhook)|"
                       "(signature|webhook)[a-z0-9]*(verif|valid|check|auth)"));
    static const QRegularExpression brand(
        QStringLiteral("^(cio|customerio)[a-z0-9]*(signature|hmac|auth|verif|guard)"));
    static const QRegularExpression others(
        QStringLiteral("stripe|github|slack|twilio|shopify|svix|sendgrid|mailgun|postmark|paddle|hubspot|zendesk|"
                       "intercom|clerk|discord|telegram|paypal"));
    // The shortest names the patterns take: "validwebhook" (12), "cioauth" (7). Every
    // identifier of a file comes here: most are turned away before any regex runs.
    if (v.size() < (branded ? 7 : 12)) return false;
    QString flat = v.toLower();
    flat.remove(QLatin1Char('_'));
    flat.remove(QLatin1Char('.'));
    const bool named = flat.contains(QLatin1String("signature")) || flat.contains(QLatin1String("webhook"));
    const bool brandLike =
        branded && (flat.startsWith(QLatin1String("cio")) || flat.startsWith(QLatin1String("customerio")));
    if (!named && !brandLike) return false;
    return (verifier.match(flat).hasMatch() || (branded && brand.match(flat).hasMatch())) &&
           !others.match(flat).hasMatch();
  }

  // Verifiers named but not defined here (a middleware, decorator, filter or concern from
  // another module), and the verifier-like code this file defines for others to use.
  void collectVerifiers(WebhookSignature &out) const {
    QStringList referenced;
    const auto reference = [&](const QString &v, bool branded = false) {
      if (!m_defined.contains(v) && !m_modules.contains(v) && verifierLike(v, branded) && !referenced.contains(v))
        referenced << v;
    };
    for (TSNode n : m_verifierNames) reference(name(n));
    for (TSNode c : m_calls) {
      const TSNode callee = ts::field(c, m_syntax.callee);
      if (m_language == LanguageId::Ruby && text(ts::field(c, "method")) == QLatin1String("include") &&
          ts_node_is_null(ts::field(c, "receiver"))) {
        // include CustomerioSignature: a concern whose before_action runs first
        for (TSNode a : ts::namedChildren(ts::field(c, "arguments")))
          if (is(a, "constant") || is(a, "scope_resolution")) reference(lastSegment(text(a)), true);
      } else if (m_language == LanguageId::Go && is(callee, "selector_expression") &&
                 is(ts::field(callee, "operand"), "identifier")) {
        // cioauth.Verify(h): a middleware from a package of the project
        reference(text(ts::field(callee, "operand")) + QLatin1Char('.') + text(ts::field(callee, "field")), true);
      }
    }
    out.verifierNames = referenced;
    QStringList defined;
    for (const QString &v : m_defined)
      if (!v.isEmpty()) {
        const QString qualified =
            m_language == LanguageId::Go && !m_package.isEmpty() ? m_package + QLatin1Char('.') + v : v;
        if (!verifierLike(qualified, true)) continue;
        defined << qualified;
        if (qualified != v) defined << v;  // the same package's files call it unqualified
      }
    for (const QString &v : m_modules)
      if (verifierLike(v, true)) defined << v;
    defined.sort();
    out.verifierDefinitions = defined;
  }

  // x_cio_signature, x_cio_timestamp: FastAPI's header parameters.
  static constexpr size_t kHeaderParameterLength = 15;

  const QByteArray &m_src;
  LanguageId m_language;
  const Syntax &m_syntax;
  std::vector<TSNode> m_strings;  // string literals that may be a header name
  std::vector<TSNode> m_parameterNames;  // identifiers as long as a header parameter
  std::vector<TSNode> m_verifierNames;   // identifiers that may name a verifier
  std::vector<TSNode> m_comparisons, m_calls;
  std::vector<std::pair<TSNode, Syntax::Assign>> m_assignments;
  QSet<QString> m_defined;
  QStringList m_modules;  // Ruby modules defined here (concerns), by their last name
  QString m_package;      // Go: the package clause
};

}  // namespace

bool isDeliveryMetric(const QString &value) {
  static const QSet<QString> metrics{"created", "attempted", "sent",     "delivered",     "opened",
                                     "clicked", "converted", "bounced",  "spammed",       "unsubscribed",
                                     "dropped", "failed",    "deferred", "undeliverable", "subscribed"};
  if (value.startsWith(QLatin1String("email_"))) return metrics.contains(value.mid(6));
  if (value.startsWith(QLatin1String("customer_")))
    return value == QLatin1String("customer_subscribed") || value == QLatin1String("customer_unsubscribed");
  return metrics.contains(value) && value != QLatin1String("subscribed");
}

void collectWebhookSignature(TSNode root, const QByteArray &src, LanguageId language, FileModel &model) {
  Collector(root, nullptr, src, language).run(model.webhookSignature);
}

void collectWebhookSignature(const ts::TreeIndex &index, TSNode root, const QByteArray &src, LanguageId language,
                             FileModel &model) {
  Collector(root, &index, src, language).run(model.webhookSignature);
}

}  // namespace cio
