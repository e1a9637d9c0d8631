#include "highlighter.h"

#include <QFile>
#include <QHash>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <tree_sitter/api.h>

#include <algorithm>

namespace cio::desktop {

Q_LOGGING_CATEGORY(lcHighlight, "cio.highlight")

namespace {

// One text predicate of a pattern: #match?, #not-match?, #eq?, #not-eq?, #any-of?.
struct Predicate {
  enum Op { Match, NotMatch, Eq, NotEq, AnyOf } op = Match;
  uint32_t capture = 0;
  bool argIsCapture = false;
  uint32_t argCapture = 0;
  QString argString;
  QRegularExpression re;
  QStringList anyOf;
};

struct Capture {
  uint32_t start, end;
  uint32_t pattern;
  HighlightStyle style;
};

// The highlight query files a language is made of, most specific first. TypeScript's
// query only adds to JavaScript's (the grammar package says so in its tree-sitter.json).
QStringList queryNames(const cio::Language &language) {
  switch (language.id) {
    case LanguageId::JavaScript: return {QStringLiteral("javascript"), QStringLiteral("jsx")};
    case LanguageId::TypeScript: return {QStringLiteral("typescript"), QStringLiteral("javascript")};
    case LanguageId::Tsx:
      return {QStringLiteral("typescript"), QStringLiteral("javascript"), QStringLiteral("jsx")};
    case LanguageId::Python:
    case LanguageId::Ruby:
    case LanguageId::Go: return {language.highlightQuery};
    case LanguageId::Unknown: break;
  }
  return {};
}

}  // namespace

struct HighlightQuery::Private {
  TSQuery *query = nullptr;
  std::vector<HighlightStyle> captureStyles;   // by capture id
  std::vector<bool> captureIgnored;            // "_name" helper captures
  std::vector<std::vector<Predicate>> predicates;  // by pattern index

  ~Private() {
    if (query) ts_query_delete(query);
  }

  QString captureName(uint32_t id) const {
    uint32_t len = 0;
    const char *name = ts_query_capture_name_for_id(query, id, &len);
    return QString::fromUtf8(name, len);
  }

  QString stringValue(uint32_t id) const {
    uint32_t len = 0;
    const char *s = ts_query_string_value_for_id(query, id, &len);
    return QString::fromUtf8(s, len);
  }

  void readPredicates() {
    const uint32_t patterns = ts_query_pattern_count(query);
    predicates.resize(patterns);
    for (uint32_t p = 0; p < patterns; ++p) {
      uint32_t count = 0;
      const TSQueryPredicateStep *steps = ts_query_predicates_for_pattern(query, p, &count);
      uint32_t i = 0;
      while (i < count) {
        // A predicate runs from a String step (its name) to a Done step.
        uint32_t endOf = i;
        while (endOf < count && steps[endOf].type != TSQueryPredicateStepTypeDone) ++endOf;
        if (steps[i].type == TSQueryPredicateStepTypeString) {
          const QString name = stringValue(steps[i].value_id);
          const TSQueryPredicateStep *args = steps + i + 1;
          const uint32_t argc = endOf - i - 1;
          Predicate pr;
          bool known = true;
          if (name == QLatin1String("match?") || name == QLatin1String("not-match?"))
            pr.op = name.startsWith(QLatin1String("not")) ? Predicate::NotMatch : Predicate::Match;
          else if (name == QLatin1String("eq?") || name == QLatin1String("not-eq?"))
            pr.op = name.startsWith(QLatin1String("not")) ? Predicate::NotEq : Predicate::Eq;
          else if (name == QLatin1String("any-of?"))
            pr.op = Predicate::AnyOf;
          else
            known = false;
          if (known && argc >= 2 && args[0].type == TSQueryPredicateStepTypeCapture) {
            pr.capture = args[0].value_id;
            if (pr.op == Predicate::AnyOf) {
              for (uint32_t a = 1; a < argc; ++a)
                if (args[a].type == TSQueryPredicateStepTypeString) pr.anyOf << stringValue(args[a].value_id);
            } else if (args[1].type == TSQueryPredicateStepTypeCapture) {
              pr.argIsCapture = true;
              pr.argCapture = args[1].value_id;
            } else {
              pr.argString = stringValue(args[1].value_id);
              if (pr.op == Predicate::Match || pr.op == Predicate::NotMatch) pr.re.setPattern(pr.argString);
            }
            predicates[p].push_back(std::move(pr));
          } else if (name == QLatin1String("is-not?") || name == QLatin1String("is?")) {
            // Scope predicates need locals.scm bookkeeping we do not do: a pattern that
            // depends on them would paint every identifier, so it is left out.
            ts_query_disable_pattern(query, p);
          }
        }
        i = endOf + 1;
      }
    }
  }

  bool passes(const TSQueryMatch &m, const QByteArray &source) const {
    const auto textOf = [&](uint32_t captureId, QString *out) {
      for (uint16_t c = 0; c < m.capture_count; ++c) {
        if (m.captures[c].index != captureId) continue;
        const uint32_t s = ts_node_start_byte(m.captures[c].node), e = ts_node_end_byte(m.captures[c].node);
        *out = QString::fromUtf8(source.constData() + s, static_cast<qsizetype>(e - s));
        return true;
      }
      return false;
    };
    for (const Predicate &pr : predicates[m.pattern_index]) {
      QString text;
      if (!textOf(pr.capture, &text)) continue;
      switch (pr.op) {
        case Predicate::Match:
          if (!pr.re.match(text).hasMatch()) return false;
          break;
        case Predicate::NotMatch:
          if (pr.re.match(text).hasMatch()) return false;
          break;
        case Predicate::Eq:
        case Predicate::NotEq: {
          QString other = pr.argString;
          if (pr.argIsCapture && !textOf(pr.argCapture, &other)) continue;
          if ((text == other) != (pr.op == Predicate::Eq)) return false;
          break;
        }
        case Predicate::AnyOf:
          if (!pr.anyOf.contains(text)) return false;
          break;
      }
    }
    return true;
  }
};

HighlightQuery::HighlightQuery(std::unique_ptr<Private> p) : d(std::move(p)) {}
HighlightQuery::~HighlightQuery() = default;

HighlightStyle HighlightQuery::styleForCapture(const QString &name) {
  const auto is = [&](const char *prefix) {
    const QLatin1String p(prefix);
    return name == p || name.startsWith(p + QLatin1Char('.'));
  };
  if (is("comment")) return StyleComment;
  if (is("string.special") || is("escape") || is("string.regex") || is("string.escape")) return StyleStringSpecial;
  if (is("string") || is("character")) return StyleString;
  if (is("number") || is("float")) return StyleNumber;
  if (is("keyword") || is("conditional") || is("repeat") || is("include") || is("exception"))
    return StyleKeyword;
  if (is("function.builtin") || is("function.method.builtin")) return StyleBuiltin;
  if (is("function") || is("method")) return StyleFunction;
  if (is("constructor") || is("type")) return StyleType;
  if (is("constant.builtin") || is("boolean")) return StyleConstant;
  if (is("constant")) return StyleConstant;
  if (is("variable.builtin")) return StyleBuiltin;
  if (is("variable.parameter") || is("parameter")) return StyleParameter;
  if (is("property") || is("field")) return StyleProperty;
  if (is("operator")) return StyleOperator;
  if (is("punctuation")) return StylePunctuation;
  if (is("tag")) return StyleTag;
  if (is("attribute") || is("label")) return StyleAttribute;
  return StyleDefault;  // variable, embedded, anything unknown
}

const HighlightQuery *HighlightQuery::forLanguage(const cio::Language &language) {
  // Compiled once per language for the life of the program; only the GUI thread asks.
  static QHash<int, std::shared_ptr<HighlightQuery>> cache;
  const int key = static_cast<int>(language.id);
  if (auto it = cache.constFind(key); it != cache.constEnd()) return it->get();

  std::shared_ptr<HighlightQuery> result;
  QByteArray source;
  for (const QString &name : queryNames(language)) {
    QFile f(QStringLiteral(":/highlight/%1.scm").arg(name));
    if (f.open(QIODevice::ReadOnly)) source += f.readAll() + '\n';
  }
  if (!source.isEmpty() && language.grammar) {
    uint32_t errorOffset = 0;
    TSQueryError error = TSQueryErrorNone;
    TSQuery *q = ts_query_new(language.grammar(), source.constData(), static_cast<uint32_t>(source.size()),
                              &errorOffset, &error);
    if (!q) {
      qCWarning(lcHighlight) << "highlight query for" << language.key << "does not compile: error" << error
                             << "at byte" << errorOffset;
    } else {
      auto p = std::make_unique<Private>();
      p->query = q;
      const uint32_t captures = ts_query_capture_count(q);
      for (uint32_t c = 0; c < captures; ++c) {
        const QString name = p->captureName(c);
        p->captureStyles.push_back(styleForCapture(name));
        p->captureIgnored.push_back(name.startsWith(QLatin1Char('_')));
      }
      p->readPredicates();
      result.reset(new HighlightQuery(std::move(p)));
    }
  }
  cache.insert(key, result);
  return result.get();
}

std::vector<unsigned char> HighlightQuery::styles(const TSTree *tree, const QByteArray &source) const {
  std::vector<unsigned char> out(static_cast<size_t>(source.size()), StyleDefault);
  if (!tree) return out;
  std::vector<Capture> captures;
  TSQueryCursor *cursor = ts_query_cursor_new();
  ts_query_cursor_exec(cursor, d->query, ts_tree_root_node(tree));
  TSQueryMatch m;
  while (ts_query_cursor_next_match(cursor, &m)) {
    if (!d->passes(m, source)) continue;
    for (uint16_t c = 0; c < m.capture_count; ++c) {
      const uint32_t id = m.captures[c].index;
      if (d->captureIgnored[id]) continue;
      const uint32_t s = ts_node_start_byte(m.captures[c].node), e = ts_node_end_byte(m.captures[c].node);
      if (e > s) captures.push_back({s, e, m.pattern_index, d->captureStyles[id]});
    }
  }
  ts_query_cursor_delete(cursor);

  // One winner per node: the latest pattern with a real colour, else the default.
  std::sort(captures.begin(), captures.end(), [](const Capture &a, const Capture &b) {
    return std::tie(a.start, a.end, a.pattern) < std::tie(b.start, b.end, b.pattern);
  });
  std::vector<Capture> winners;
  for (size_t i = 0; i < captures.size();) {
    size_t j = i;
    Capture best = captures[i];
    for (; j < captures.size() && captures[j].start == captures[i].start && captures[j].end == captures[i].end; ++j)
      if (captures[j].style != StyleDefault || best.style == StyleDefault) best = captures[j];
    winners.push_back(best);
    i = j;
  }
  // Outer nodes first, so inner nodes paint over them.
  std::stable_sort(winners.begin(), winners.end(),
                   [](const Capture &a, const Capture &b) { return a.end - a.start > b.end - b.start; });
  for (const Capture &c : winners)
    std::fill(out.begin() + c.start, out.begin() + std::min<size_t>(c.end, out.size()), c.style);
  return out;
}

}  // namespace cio::desktop
