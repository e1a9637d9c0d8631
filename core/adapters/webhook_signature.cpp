#include "adapters/webhook_signature.h"

#include "syntax/node.h"

#include <QRegularExpression>
#include <QSet>

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

class Collector {
 public:
  Collector(TSNode root, const QByteArray &src, LanguageId language)
      : m_src(src), m_language(language), m_syntax(syntaxFor(language)) {
    ts::walk(root, [&](TSNode n) {
      if (isAny(n, m_syntax.strings))
        m_strings.push_back(n);  // interpolations are walked too
      else if (isAny(n, m_syntax.names))
        m_names.push_back(n);
      else if (is(n, m_syntax.comparison))
        m_comparisons.push_back(n);
      else if (is(n, m_syntax.call))
        m_calls.push_back(n);
      for (const Syntax::Assign &a : m_syntax.assignments)
        if (is(n, a.type)) m_assignments.push_back({n, a});
      if (isAny(n, m_syntax.definitions)) m_defined.insert(name(ts::field(n, "name")));
      return true;
    });
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
    for (TSNode n : m_names) {
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
    out.verifierNames = verifierNames();
    out.referencesVerifier = !out.verifierNames.isEmpty();
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

  // A verifier named but not defined here: a middleware, decorator or filter from
  // another module (other providers' verifiers do not count).
  QStringList verifierNames() const {
    QStringList out;
    static const QRegularExpression verifier(
        QStringLiteral("(verif|valid|check|require|ensure|authentic)[a-z0-9]*(signature|webhook)|"
                       "(signature|webhook)[a-z0-9]*(verif|valid|check|auth)"));
    static const QRegularExpression others(
        QStringLiteral("stripe|github|slack|twilio|shopify|svix|sendgrid|mailgun|postmark|paddle|hubspot|zendesk|"
                       "intercom|clerk|discord|telegram|paypal"));
    for (TSNode n : m_names) {
      const QString v = name(n);
      if (m_defined.contains(v)) continue;
      QString flat = v.toLower();
      flat.remove(QLatin1Char('_'));
      if (verifier.match(flat).hasMatch() && !others.match(flat).hasMatch() && !out.contains(v)) out << v;
    }
    return out;
  }

  const QByteArray &m_src;
  LanguageId m_language;
  const Syntax &m_syntax;
  std::vector<TSNode> m_strings, m_names, m_comparisons, m_calls;
  std::vector<std::pair<TSNode, Syntax::Assign>> m_assignments;
  QSet<QString> m_defined;
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
  Collector(root, src, language).run(model.webhookSignature);
}

}  // namespace cio
