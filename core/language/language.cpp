#include "language/language.h"

#include <QFileInfo>
#include <QRegularExpression>

extern "C" {
const TSLanguage *tree_sitter_javascript();
const TSLanguage *tree_sitter_typescript();
const TSLanguage *tree_sitter_tsx();
const TSLanguage *tree_sitter_python();
const TSLanguage *tree_sitter_ruby();
const TSLanguage *tree_sitter_go();
}

namespace cio {

const std::vector<Language> &LanguageRegistry::all() {
  static const std::vector<Language> languages = {
      {LanguageId::JavaScript, QStringLiteral("javascript"), QStringLiteral("JavaScript"),
       {QStringLiteral("js"), QStringLiteral("mjs"), QStringLiteral("cjs"), QStringLiteral("jsx")},
       QStringLiteral("//"), QStringLiteral("javascript"), QStringLiteral("javascript"),
       tree_sitter_javascript},
      {LanguageId::TypeScript, QStringLiteral("typescript"), QStringLiteral("TypeScript"),
       {QStringLiteral("ts"), QStringLiteral("mts"), QStringLiteral("cts")},
       QStringLiteral("//"), QStringLiteral("typescript"), QStringLiteral("typescript"),
       tree_sitter_typescript},
      {LanguageId::Tsx, QStringLiteral("tsx"), QStringLiteral("TSX"), {QStringLiteral("tsx")},
       QStringLiteral("//"), QStringLiteral("typescript"), QStringLiteral("typescript"),
       tree_sitter_tsx},
      {LanguageId::Python, QStringLiteral("python"), QStringLiteral("Python"),
       {QStringLiteral("py"), QStringLiteral("pyi")}, QStringLiteral("#"),
       QStringLiteral("python"), QStringLiteral("python"), tree_sitter_python},
      {LanguageId::Ruby, QStringLiteral("ruby"), QStringLiteral("Ruby"),
       {QStringLiteral("rb"), QStringLiteral("rake"), QStringLiteral("ru")}, QStringLiteral("#"),
       QStringLiteral("ruby"), QStringLiteral("ruby"), tree_sitter_ruby},
      {LanguageId::Go, QStringLiteral("go"), QStringLiteral("Go"), {QStringLiteral("go")},
       QStringLiteral("//"), QStringLiteral("go"), QStringLiteral("go"), tree_sitter_go},
  };
  return languages;
}

static const Language &invalidLanguage() {
  static const Language invalid;
  return invalid;
}

const Language &LanguageRegistry::byId(LanguageId id) {
  for (const Language &l : all())
    if (l.id == id) return l;
  return invalidLanguage();
}

const Language &LanguageRegistry::byKey(const QString &key) {
  const QString k = key.toLower();
  for (const Language &l : all())
    if (l.key == k) return l;
  // Friendly aliases a user types on the command line.
  static const QList<QPair<QString, LanguageId>> aliases = {
      {QStringLiteral("js"), LanguageId::JavaScript}, {QStringLiteral("node"), LanguageId::JavaScript},
      {QStringLiteral("ts"), LanguageId::TypeScript}, {QStringLiteral("py"), LanguageId::Python},
      {QStringLiteral("rb"), LanguageId::Ruby},       {QStringLiteral("golang"), LanguageId::Go}};
  for (const auto &a : aliases)
    if (a.first == k) return byId(a.second);
  return invalidLanguage();
}

const Language &LanguageRegistry::forPath(const QString &path) {
  const QFileInfo info(path);
  const QString name = info.fileName().toLower();
  if (name == QLatin1String("rakefile") || name == QLatin1String("gemfile")) return byId(LanguageId::Ruby);
  const QString ext = info.suffix().toLower();
  for (const Language &l : all())
    if (l.extensions.contains(ext)) return l;
  return invalidLanguage();
}

const Language &LanguageRegistry::guess(const QString &text) {
  struct Clue {
    LanguageId id;
    QRegularExpression re;
  };
  static const QList<Clue> clues = {
      {LanguageId::Go, QRegularExpression(QStringLiteral(R"(^\s*package\s+\w+\s*$|\bfunc\s+\w*\s*\(|:=)"),
                                          QRegularExpression::MultilineOption)},
      {LanguageId::Python, QRegularExpression(QStringLiteral(R"(^\s*(def|class)\s+\w+.*:\s*$|^\s*from\s+[\w.]+\s+import\s|^\s*import\s+\w+\s*$)"),
                                              QRegularExpression::MultilineOption)},
      {LanguageId::Ruby, QRegularExpression(QStringLiteral(R"(^\s*(def\s+\w+[?!]?\s*(\(|$)|end\s*$|require\s+['"])|\bdo\s*\|)"),
                                            QRegularExpression::MultilineOption)},
      {LanguageId::TypeScript, QRegularExpression(QStringLiteral(R"(\binterface\s+\w+\s*\{|:\s*(string|number|boolean|Promise<)|\bimport\s+type\b)"))},
      {LanguageId::JavaScript, QRegularExpression(QStringLiteral(R"(\b(const|let|var)\s+\w+\s*=|=>|\brequire\(|\bimport\s+.*\bfrom\s+['"])"))},
  };
  LanguageId best = LanguageId::JavaScript;
  int bestCount = 0;
  for (const Clue &c : clues) {
    int count = 0;
    auto it = c.re.globalMatch(text);
    while (it.hasNext() && count < 50) {
      it.next();
      ++count;
    }
    if (count > bestCount) {
      bestCount = count;
      best = c.id;
    }
  }
  return byId(best);
}

}  // namespace cio
