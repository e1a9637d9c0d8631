#pragma once

#include "language/language.h"
#include "theme.h"

#include <Qsci/qscilexercustom.h>

#include <memory>
#include <vector>

namespace cio {
class Document;
}

namespace cio::desktop {

// Colours an editor with the grammar's highlights.scm. Keeps its own syntax tree and
// re-parses incrementally: each styling request diffs the editor's bytes against the
// last parsed text and hands tree-sitter one edit covering the change.
class TreeSitterLexer : public QsciLexerCustom {
  Q_OBJECT

 public:
  explicit TreeSitterLexer(QObject *parent = nullptr);
  ~TreeSitterLexer() override;

  const char *language() const override { return "tree-sitter"; }
  QString description(int style) const override;
  void styleText(int start, int end) override;

  void setSourceLanguage(const cio::Language &language);
  const cio::Language &sourceLanguage() const { return *m_language; }
  void setTheme(const Theme &theme, const QFont &font);
  // Off for huge files: everything stays in the default style.
  void setHighlightingEnabled(bool enabled);

  // How many full and incremental parses ran (tests check that edits stay incremental).
  int fullParses() const { return m_fullParses; }
  int incrementalParses() const { return m_incrementalParses; }

 private:
  void refresh(const char *text, qsizetype length);

  const cio::Language *m_language;
  std::unique_ptr<cio::Document> m_doc;
  std::vector<unsigned char> m_styles;
  bool m_enabled = true;
  int m_fullParses = 0;
  int m_incrementalParses = 0;
};

}  // namespace cio::desktop
