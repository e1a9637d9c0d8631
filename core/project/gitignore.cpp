#include "project/gitignore.h"

#include <QStringList>

namespace cio {

// A bracket expression starting at `i` (the '['). Returns the regex class and moves `i`
// to the closing ']', or returns an empty string when the bracket is not closed (then
// '[' is a literal character, as in git).
static QString bracketClass(const QString &glob, qsizetype &i) {
  qsizetype j = i + 1;
  bool negated = false;
  if (j < glob.size() && (glob.at(j) == QLatin1Char('!') || glob.at(j) == QLatin1Char('^'))) {
    negated = true;
    ++j;
  }
  QString body;
  bool first = true;
  for (; j < glob.size(); ++j) {
    const QChar c = glob.at(j);
    if (c == QLatin1Char(']') && !first) break;
    first = false;
    if (c == QLatin1Char('\\') && j + 1 < glob.size()) {
      body += QLatin1Char('\\') + glob.at(++j);
    } else if (c == QLatin1Char('[') || c == QLatin1Char(']') || c == QLatin1Char('^') || c == QLatin1Char('\\')) {
      body += QLatin1Char('\\') + c;
    } else {
      body += c;
    }
  }
  if (j >= glob.size()) return QString();
  i = j;
  // A class never matches the path separator.
  return negated ? QStringLiteral("[^/%1]").arg(body) : QStringLiteral("(?!/)[%1]").arg(body);
}

QString gitGlobToRegex(const QString &glob) {
  if (glob == QLatin1String("**")) return QStringLiteral(".*");
  QString re;
  const qsizetype n = glob.size();
  for (qsizetype i = 0; i < n; ++i) {
    const QChar c = glob.at(i);
    if (c == QLatin1Char('*') && i + 1 < n && glob.at(i + 1) == QLatin1Char('*')) {
      const bool atSegmentStart = i == 0 || glob.at(i - 1) == QLatin1Char('/');
      const bool slashAfter = i + 2 < n && glob.at(i + 2) == QLatin1Char('/');
      const bool atEnd = i + 2 == n;
      if (atSegmentStart && slashAfter) {
        // "**/" at the start or "/**/" in the middle: zero or more whole folders.
        re += QLatin1String("(?:.*/)?");
        i += 2;
        continue;
      }
      if (atSegmentStart && atEnd) {
        // "a/**": everything inside a.
        re += QLatin1String(".*");
        ++i;
        continue;
      }
      // Two asterisks elsewhere ("a**b") act as one.
      while (i + 1 < n && glob.at(i + 1) == QLatin1Char('*')) ++i;
      re += QLatin1String("[^/]*");
    } else if (c == QLatin1Char('*')) {
      re += QLatin1String("[^/]*");
    } else if (c == QLatin1Char('?')) {
      re += QLatin1String("[^/]");
    } else if (c == QLatin1Char('[')) {
      const QString cls = bracketClass(glob, i);
      re += cls.isEmpty() ? QStringLiteral("\\[") : cls;
    } else if (c == QLatin1Char('\\') && i + 1 < n) {
      re += QRegularExpression::escape(QString(glob.at(++i)));
    } else {
      re += QRegularExpression::escape(QString(c));
    }
  }
  return re;
}

void IgnoreRules::addFile(const QString &baseDir, const QByteArray &content) {
  const QString text = QString::fromUtf8(content);
  for (QString line : text.split(QLatin1Char('\n'))) {
    if (line.endsWith(QLatin1Char('\r'))) line.chop(1);
    addPattern(baseDir, line);
  }
}

void IgnoreRules::addPattern(const QString &baseDir, const QString &rawLine) {
  QString line = rawLine;
  // Trailing spaces are dropped unless the last one is escaped.
  while (line.endsWith(QLatin1Char(' ')) && !line.endsWith(QLatin1String("\\ "))) line.chop(1);
  if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) return;
  Pattern p;
  p.base = baseDir;
  if (line.startsWith(QLatin1Char('!'))) {
    p.negated = true;
    line.remove(0, 1);
  } else if (line.startsWith(QLatin1String("\\!")) || line.startsWith(QLatin1String("\\#"))) {
    line.remove(0, 1);
  }
  if (line.endsWith(QLatin1Char('/'))) {
    p.dirOnly = true;
    while (line.endsWith(QLatin1Char('/'))) line.chop(1);
  }
  if (line.isEmpty()) return;
  // A slash at the start or in the middle anchors the pattern to its .gitignore's folder.
  const bool anchored = line.contains(QLatin1Char('/'));
  if (line.startsWith(QLatin1Char('/'))) line.remove(0, 1);
  const QString body = gitGlobToRegex(line);
  p.re = QRegularExpression(anchored ? QStringLiteral("^%1$").arg(body) : QStringLiteral("^(?:.*/)?%1$").arg(body));
  if (!p.re.isValid()) return;  // a malformed line is ignored, as git ignores what it cannot use
  m_patterns.push_back(std::move(p));
}

bool IgnoreRules::isIgnored(const QString &relativePath, bool isDir) const {
  bool ignored = false;
  for (const Pattern &p : m_patterns) {
    if (p.dirOnly && !isDir) continue;
    if (ignored != p.negated) continue;  // cannot change the outcome
    QStringView rel(relativePath);
    if (!p.base.isEmpty()) {
      if (!relativePath.startsWith(p.base) || relativePath.size() <= p.base.size() ||
          relativePath.at(p.base.size()) != QLatin1Char('/'))
        continue;
      rel = rel.mid(p.base.size() + 1);
    }
    if (p.re.match(rel).hasMatch()) ignored = !p.negated;
  }
  return ignored;
}

}  // namespace cio
