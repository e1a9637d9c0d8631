#pragma once

#include "findings/finding.h"
#include "language/language.h"
#include "theme.h"

#include <Qsci/qsciscintilla.h>

#include <functional>
#include <vector>

class QLabel;
class QFrame;
class QTimer;

namespace cio::desktop {

class TreeSitterLexer;

// A QScintilla editor that colours code with tree-sitter and paints the finding marks it
// is handed (squiggle, margin icon, boxed annotation, lightbulb). It owns no findings:
// whoever owns them calls setMarks() again when they change.
class CodeEditor : public QsciScintilla {
  Q_OBJECT

 public:
  enum Margin { LineNumberMargin = 0, SeverityMargin = 1, FixMargin = 2 };

  explicit CodeEditor(QWidget *parent = nullptr);
  ~CodeEditor() override;

  void setSourceLanguage(const cio::Language &language);
  const cio::Language &sourceLanguage() const;
  void setTheme(const Theme &theme);
  const Theme &theme() const { return m_theme; }
  void setHighlightingEnabled(bool enabled);
  TreeSitterLexer *syntaxLexer() const { return m_lexer; }

  // The document as UTF-8 bytes, the coordinates findings and tree-sitter use.
  QByteArray utf8Text() const;

  // Replaces all marks. Byte ranges refer to the current text.
  void setMarks(const std::vector<cio::Finding> &findings);
  const std::vector<cio::Finding> &marks() const { return m_marks; }
  // Moves the cursor to the next/previous mark (wrapping); false when there is none.
  bool gotoMark(bool forward);
  // Indices of marks whose range covers the byte position (or that start on its line
  // when `wholeLine`).
  std::vector<int> marksAt(int bytePos, bool wholeLine) const;
  // The popup text for one mark (rich text), as hovering shows it.
  QString markDetails(int index) const;
  // How a finding reads in the boxed annotation under its line.
  static QString annotationLine(const cio::Finding &finding);
  // Word-wraps an annotation to `columns`, continuation lines indented under the message.
  static QString wrapAnnotation(const QString &text, int columns);

  // Supplies the longer explanation shown on hover (the lesson summary).
  void setExplanationProvider(std::function<QString(const QString &ruleId)> provider) {
    m_explain = std::move(provider);
  }

 Q_SIGNALS:
  void fixRequested(int markIndex, int fixIndex);
  void lessonRequested(const QString &ruleId);

 protected:
  void contextMenuEvent(QContextMenuEvent *event) override;
  bool event(QEvent *event) override;
  void resizeEvent(QResizeEvent *event) override;

 private:
  void defineMarkers();
  void showPopup(int position, int x, int y);
  void onMarginClicked(int margin, int line, Qt::KeyboardModifiers state);
  void addMarkActions(QMenu *menu, const std::vector<int> &indices);

  TreeSitterLexer *m_lexer;
  Theme m_theme;
  std::vector<cio::Finding> m_marks;
  std::function<QString(const QString &)> m_explain;
  QFrame *m_popup = nullptr;
  QLabel *m_popupLabel = nullptr;
  QTimer *m_popupHide = nullptr;
  QTimer *m_rewrap = nullptr;
};

}  // namespace cio::desktop
