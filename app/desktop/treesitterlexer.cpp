#include "treesitterlexer.h"

#include "highlighter.h"
#include "syntax/document.h"

#include <Qsci/qsciscintilla.h>
#include <QTimer>

#include <cstring>

namespace cio::desktop {

// Above this size colouring costs more than it helps (and huge files are read-only).
static constexpr qsizetype kMaxHighlightBytes = 2 * 1024 * 1024;

TreeSitterLexer::TreeSitterLexer(QObject *parent)
    : QsciLexerCustom(parent), m_language(&LanguageRegistry::byId(LanguageId::JavaScript)) {}

TreeSitterLexer::~TreeSitterLexer() = default;

QString TreeSitterLexer::description(int style) const {
  static const char *const names[StyleCount] = {
      "Default", "Keyword",  "String",   "Special string", "Number",   "Comment",   "Function", "Type",
      "Constant", "Built-in", "Property", "Parameter",      "Operator", "Punctuation", "Tag",    "Attribute"};
  if (style >= 0 && style < StyleCount) return QString::fromLatin1(names[style]);
  return QString();
}

void TreeSitterLexer::setSourceLanguage(const cio::Language &language) {
  if (&language == m_language) return;
  m_language = &language;
  m_doc.reset();
  m_styles.clear();
  if (editor()) editor()->recolor();
}

void TreeSitterLexer::setHighlightingEnabled(bool enabled) {
  if (enabled == m_enabled) return;
  m_enabled = enabled;
  m_doc.reset();
  m_styles.clear();
  if (editor()) editor()->recolor();
}

void TreeSitterLexer::setTheme(const Theme &theme, const QFont &font) {
  setDefaultPaper(theme.paper);
  setDefaultColor(theme.text);
  setDefaultFont(font);
  for (int s = 0; s < StyleCount; ++s) {
    QFont f = font;
    f.setItalic(theme.italic[s]);
    f.setBold(theme.bold[s]);
    setFont(f, s);
    setColor(theme.syntax[s], s);
    setPaper(theme.paper, s);
  }
}

void TreeSitterLexer::refresh(const char *text, qsizetype length) {
  const HighlightQuery *query = HighlightQuery::forLanguage(*m_language);
  if (!query || !m_enabled || length > kMaxHighlightBytes) {
    m_doc.reset();
    m_styles.assign(static_cast<size_t>(length), StyleDefault);
    return;
  }
  if (m_doc) {
    const QByteArray &old = m_doc->source();
    if (old.size() == length && std::memcmp(old.constData(), text, static_cast<size_t>(length)) == 0) return;
    // One edit from the first to the last differing byte: typing, pasting and undo all
    // change one contiguous span, which is exactly what tree-sitter wants to hear.
    const qsizetype common = std::min(old.size(), length);
    qsizetype prefix = 0;
    while (prefix < common && old.at(prefix) == text[prefix]) ++prefix;
    while (prefix > 0 && (static_cast<unsigned char>(old.at(prefix)) & 0xC0) == 0x80) --prefix;
    qsizetype suffix = 0;
    while (suffix < common - prefix && old.at(old.size() - 1 - suffix) == text[length - 1 - suffix]) ++suffix;
    m_doc->edit(static_cast<quint32>(prefix), static_cast<quint32>(old.size() - suffix),
                QByteArray(text + prefix, length - suffix - prefix));
    ++m_incrementalParses;
  } else {
    m_doc = std::make_unique<cio::Document>(*m_language, QByteArray(text, length));
    ++m_fullParses;
  }
  if (!m_doc->parse()) {
    m_doc.reset();
    m_styles.assign(static_cast<size_t>(length), StyleDefault);
    return;
  }
  m_styles = query->styles(m_doc->tree(), m_doc->source());
}

void TreeSitterLexer::styleText(int start, int end) {
  QsciScintilla *ed = editor();
  if (!ed || end <= start) return;
  const auto length = static_cast<qsizetype>(ed->SendScintilla(QsciScintillaBase::SCI_GETLENGTH));
  const char *text = reinterpret_cast<const char *>(ed->SendScintilla(QsciScintillaBase::SCI_GETCHARACTERPOINTER));
  const std::vector<unsigned char> before = m_styles;
  refresh(text, length);

  // A new tree can recolour text before `start` (a quote typed further down turns
  // earlier code into a string): restyle from the first byte whose style changed.
  int from = start;
  const size_t common = std::min(before.size(), m_styles.size());
  size_t firstDiff = 0;
  while (firstDiff < common && before[firstDiff] == m_styles[firstDiff]) ++firstDiff;
  if (static_cast<int>(firstDiff) < from) from = static_cast<int>(firstDiff);
  end = std::min<int>(end, static_cast<int>(m_styles.size()));
  if (from >= end) return;

  startStyling(from);
  int runStart = from;
  for (int i = from + 1; i <= end; ++i) {
    if (i == end || m_styles[i] != m_styles[runStart]) {
      setStyling(i - runStart, m_styles[runStart]);
      runStart = i;
    }
  }
  if (from < start) QTimer::singleShot(0, ed, [ed] { ed->viewport()->update(); });
}

}  // namespace cio::desktop
