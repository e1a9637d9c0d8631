#include "adapters/javascript.h"

#include "adapters/javascript/extractor.h"
#include "syntax/statements.h"

#include <QSet>

namespace cio {

FileModel JavaScriptAdapter::extract(const Document &doc, const QString &path) const {
  if (!doc.tree()) {
    FileModel model;
    model.path = path;
    model.language = doc.language().id;
    return model;
  }
  return js::Extractor(doc, path).run();
}

std::optional<FileModel> JavaScriptAdapter::extractWithin(const Document &doc, const QString &path,
                                                          int maxDepth) const {
  if (!doc.tree()) return extract(doc, path);
  ts::TreeIndex index(ts_tree_root_node(doc.tree()), maxDepth);
  if (index.tooDeep()) return std::nullopt;
  return js::Extractor(doc, path, std::move(index)).run();
}

namespace {

// What a statement must name for the extractor to find anything in it: the SDKs, hosts
// and snippet globals (as in mayMentionCustomerIo), what a reporting webhook handler
// reads or checks, the browser globals and directives of CIO016. Lower case.
const std::vector<std::string_view> &triggers() {
  static const std::vector<std::string_view> t{
      "customerio", "customer.io", "customer_io", "customer-io", "cioanalytics", "_cio", "cio-signature",
      "cio_signature", "cio-timestamp", "cio_timestamp", "metric", "event_type", "eventtype", "delivery_id", "bounced",
      "spammed", "dropped", "delivered", "unsubscribed", "window", "document", "localstorage", "sessionstorage",
      "navigator", "use client", "use server",
      // Verifiers of reporting webhooks, as the signature collector recognises them by
      // name, and the middleware a router applies to every route after it.
      "signature", "webhook", "hmac", "cioauth", "cio_auth", "cioguard", "cio_guard", "cioverif", "cio_verif", ".use("};
  return t;
}

void addNames(TSNode n, const QByteArray &src, std::vector<std::uint64_t> &out) {
  if (ts_node_is_null(n)) return;
  ts::walk(n, [&](TSNode c) {
    const auto t = ts::type(c);
    if (t == "identifier" || t == "shorthand_property_identifier_pattern" || t == "type_identifier") {
      const quint32 s = ts_node_start_byte(c);
      out.push_back(ts::nameHash(std::string_view(src.constData() + s, ts_node_end_byte(c) - s)));
      return false;
    }
    // A computed key is a use. (A default value's names count as declared: one more
    // statement matters, none fewer.)
    return t != "computed_property_name";
  });
}

// The module-level names `n` binds, and whether it only imports a module.
void declarations(TSNode n, const QByteArray &src, ts::TopLevelStatement &out) {
  const auto t = ts::type(n);
  if (t == "export_statement") {
    const TSNode d = ts::field(n, "declaration");
    if (!ts_node_is_null(d)) declarations(d, src, out);
    return;
  }
  if (t == "ambient_declaration") {
    for (TSNode c : ts::namedChildren(n)) declarations(c, src, out);
    return;
  }
  if (t == "import_statement") {
    out.importOnly = true;
    out.kept = true;  // browser modules and React hooks are judged from the imports
    for (TSNode c : ts::namedChildren(n))
      if (ts::is(c, "import_clause") || ts::is(c, "import_require_clause")) addNames(c, src, out.declares);
    return;
  }
  // A `var` in a top-level block, `if`, `try`, loop or label is module-scoped.
  if (t == "if_statement" || t == "try_statement" || t == "statement_block" || t == "for_statement" ||
      t == "for_in_statement" || t == "labeled_statement" || t == "while_statement" || t == "do_statement" ||
      t == "switch_statement") {
    ts::walk(n, [&](TSNode c) {
      if (ts::is(c, "variable_declarator")) addNames(ts::field(c, "name"), src, out.declares);
      return true;
    });
    return;
  }
  if (t == "lexical_declaration" || t == "variable_declaration") {
    bool requiresOnly = true;
    for (TSNode d : ts::namedChildren(n)) {
      if (!ts::is(d, "variable_declarator")) continue;
      addNames(ts::field(d, "name"), src, out.declares);
      TSNode v = ts::field(d, "value");
      if (ts::is(v, "await_expression") && ts_node_named_child_count(v) > 0) v = ts_node_named_child(v, 0);
      const TSNode fn = ts::field(v, "function");
      requiresOnly = requiresOnly && ts::is(v, "call_expression") &&
                     (ts::is(fn, "import") || ts::text(fn, src) == QLatin1String("require"));
    }
    out.importOnly = requiresOnly && !out.declares.empty();
    return;
  }
  if (t == "expression_statement") {
    // x = ..., exports.x = ..., module.exports.x = ...: the target's first and last name.
    const TSNode e = ts_node_named_child_count(n) ? ts_node_named_child(n, 0) : TSNode{};
    if (!ts::is(e, "assignment_expression") && !ts::is(e, "augmented_assignment_expression")) return;
    TSNode left = ts::field(e, "left");
    if (ts::is(left, "member_expression")) {
      const TSNode p = ts::field(left, "property");
      const quint32 s = ts_node_start_byte(p);
      if (!ts_node_is_null(p))
        out.declares.push_back(ts::nameHash(std::string_view(src.constData() + s, ts_node_end_byte(p) - s)));
    }
    while (ts::is(left, "member_expression") || ts::is(left, "subscript_expression")) left = ts::field(left, "object");
    if (ts::is(left, "identifier")) addNames(left, src, out.declares);
    return;
  }
  if (t == "comment" || t == "hash_bang_line" || t == "html_comment") {
    out.kept = true;
    return;
  }
  // Functions, classes, interfaces, types, enums, namespaces: their name.
  addNames(ts::field(n, "name"), src, out.declares);
}

// The names `statement` assigns without declaring them anywhere in it: implicit globals
// (`tracker = new TrackClient()` in a function) and properties of the global object
// (`globalThis.cio = …`, `self.cio`, `global.cio`).
std::vector<QByteArray> assignedNames(TSNode statement, const QByteArray &src) {
  std::vector<QByteArray> assigned;
  QSet<QByteArray> declared;
  ts::walk(statement, [&](TSNode c) {
    const auto t = ts::type(c);
    if (t == "variable_declarator" || t == "required_parameter" || t == "optional_parameter") {
      ts::walk(ts::field(c, t == "variable_declarator" ? "name" : "pattern"), [&](TSNode x) {
        if (ts::is(x, "identifier") || ts::is(x, "shorthand_property_identifier_pattern"))
          declared.insert(ts::bytes(x, src));
        return true;
      });
    } else if (t == "formal_parameters") {
      for (TSNode p : ts::namedChildren(c))
        if (ts::is(p, "identifier")) declared.insert(ts::bytes(p, src));
    } else if (t == "arrow_function") {
      const TSNode p = ts::field(c, "parameter");
      if (ts::is(p, "identifier")) declared.insert(ts::bytes(p, src));
    } else if (t == "assignment_expression" || t == "augmented_assignment_expression") {
      const TSNode left = ts::field(c, "left");
      if (ts::is(left, "identifier")) {
        assigned.push_back(ts::bytes(left, src));
      } else if (ts::is(left, "member_expression")) {
        const QByteArray object = ts::bytes(ts::field(left, "object"), src);
        if (object == "globalThis" || object == "global" || object == "self" || object == "window")
          assigned.push_back(ts::bytes(ts::field(left, "property"), src));
      }
    }
    return true;
  });
  std::vector<QByteArray> out;
  for (const QByteArray &a : assigned)
    if (!declared.contains(a)) out.push_back(a);
  return out;
}

}  // namespace

std::optional<FileModel> JavaScriptAdapter::extractAlone(const Document &doc, const QString &path, int maxDepth) const {
  if (!doc.tree()) return extract(doc, path);
  const TSNode root = ts_tree_root_node(doc.tree());
  const QByteArray &src = doc.source();
  std::vector<ts::TopLevelStatement> statements;
  for (TSNode n : ts::topLevelNodes(root)) {
    ts::TopLevelStatement s;
    s.node = n;
    declarations(n, src, s);
    statements.push_back(std::move(s));
  }
  const auto assigned = [&src](TSNode n) { return assignedNames(n, src); };
  ts::TreeIndex index(root, ts::relevantStatements(src, statements, triggers(), assigned), maxDepth);
  if (index.tooDeep()) return std::nullopt;
  return js::Extractor(doc, path, std::move(index)).run();
}

}  // namespace cio
