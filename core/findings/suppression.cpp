#include "findings/suppression.h"

#include <QRegularExpression>

namespace cio {

std::vector<Suppression> parseSuppressions(const QString &commentText, int commentLine) {
  static const QRegularExpression re(
      QStringLiteral(R"(cio-lint-disable-(next-line|line|file)\b([^\n]*))"));
  std::vector<Suppression> out;
  auto it = re.globalMatch(commentText);
  int lineOffset = 0;
  qsizetype counted = 0;  // lines are counted up to here (matches come in order)
  while (it.hasNext()) {
    const QRegularExpressionMatch m = it.next();
    // A block comment may span lines: count the lines before the match, incrementally
    // (recounting from the start for each match is quadratic on a hostile comment).
    lineOffset += static_cast<int>(QStringView(commentText).sliced(counted, m.capturedStart() - counted).count(QLatin1Char('\n')));
    counted = m.capturedStart();
    Suppression s;
    const QString kind = m.captured(1);
    s.scope = kind == QLatin1String("file") ? Suppression::Scope::File
              : kind == QLatin1String("line") ? Suppression::Scope::Line
                                              : Suppression::Scope::NextLine;
    const int here = commentLine + lineOffset;
    s.line = s.scope == Suppression::Scope::File ? 0 : s.scope == Suppression::Scope::Line ? here : here + 1;
    QString rest = m.captured(2);
    const int reason = rest.indexOf(QLatin1String("--"));
    if (reason >= 0) rest.truncate(reason);
    // Words: what the list holds between spaces, commas, semicolons, slashes and bars,
    // without the punctuation a comment closes with (*/, -->, }); a word without a letter
    // or digit is no word.
    static const QRegularExpression wordRe(QStringLiteral(R"([^\s,;/|]*[A-Za-z0-9][^\s,;/|]*)"));
    static const QRegularExpression idRe(QStringLiteral(R"(^(CIO\d{3}|[a-z]+(?:-[a-z]+)+)$)"),
                                         QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression edges(QStringLiteral(R"(^[^A-Za-z0-9]+|[^A-Za-z0-9]+$)"));
    auto words = wordRe.globalMatch(rest);
    while (words.hasNext()) {
      const QString word = words.next().captured(0).remove(edges);
      if (idRe.match(word).hasMatch())
        s.rules.insert(word.size() == 6 && word.startsWith(QLatin1String("cio"), Qt::CaseInsensitive) ? word.toUpper()
                                                                                                     : word.toLower());
      else
        s.unknown << word;
    }
    out.push_back(std::move(s));
  }
  return out;
}

SuppressionSet::SuppressionSet(const std::vector<Comment> &comments) {
  for (const Comment &c : comments) {
    if (!c.text.contains(QLatin1String("cio-lint-disable"))) continue;
    auto parsed = parseSuppressions(c.text, static_cast<int>(c.range.startRow) + 1);
    m_items.insert(m_items.end(), parsed.begin(), parsed.end());
  }
}

bool SuppressionSet::suppresses(const Finding &f) const {
  for (const Suppression &s : m_items) {
    if (s.scope != Suppression::Scope::File && s.line != f.line) continue;
    if (s.everyRule() || s.rules.contains(f.ruleId) || s.rules.contains(f.ruleName)) return true;
  }
  return false;
}

}  // namespace cio
