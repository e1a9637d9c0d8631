#pragma once

#include <QString>
#include <QStringList>

#include <vector>

struct TSLanguage;

namespace cio {

// Every language the analyzer reads. A language is one adapter (core/adapters/).
enum class LanguageId { Unknown, JavaScript, TypeScript, Tsx, Python, Ruby, Go };

// JavaScript, TypeScript and TSX (JSX is parsed as JavaScript): one SDK, one ecosystem.
inline bool isJavaScriptFamily(LanguageId l) {
  return l == LanguageId::JavaScript || l == LanguageId::TypeScript || l == LanguageId::Tsx;
}

// One entry of the language registry: what a file extension maps to, which grammar
// parses it, how a comment starts, and which highlight query colours it.
struct Language {
  LanguageId id = LanguageId::Unknown;
  QString key;          // stable lower-case id: "javascript", "typescript", "tsx", ...
  QString displayName;  // "JavaScript", "TypeScript", ...
  QStringList extensions;  // without the dot, lower-case
  QString lineComment;     // "//" or "#"
  QString highlightQuery;  // resource name of the grammar's highlights.scm (app side)
  QString lessonFolder;    // example folder name in lessons: "javascript", "python", ...
  const TSLanguage *(*grammar)() = nullptr;

  bool isValid() const { return id != LanguageId::Unknown; }
};

class LanguageRegistry {
 public:
  static const std::vector<Language> &all();
  // Invalid Language (isValid() false) when nothing matches.
  static const Language &byId(LanguageId id);
  static const Language &byKey(const QString &key);
  static const Language &forPath(const QString &path);
  // A best guess for pasted text without a file name; JavaScript when nothing stands out.
  static const Language &guess(const QString &text);
};

}  // namespace cio
