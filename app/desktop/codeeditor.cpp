#include "codeeditor.h"

#include "treesitterlexer.h"

#include <Qsci/qscistyle.h>
#include <Qsci/qscistyledtext.h>
#include <QApplication>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QFrame>
#include <QIcon>
#include <QLabel>
#include <QMenu>
#include <QScreen>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace cio::desktop {

namespace {
enum Marker { ErrorMarker = 1, WarningMarker = 2, InfoMarker = 3, FixMarker = 4 };
enum Indicator { ErrorIndicator = 20, WarningIndicator = 21, InfoIndicator = 22 };

int markerFor(cio::Severity s) {
  switch (s) {
    case cio::Severity::Error: return ErrorMarker;
    case cio::Severity::Warning: return WarningMarker;
    case cio::Severity::Info: return InfoMarker;
  }
  return InfoMarker;
}

int indicatorFor(cio::Severity s) {
  switch (s) {
    case cio::Severity::Error: return ErrorIndicator;
    case cio::Severity::Warning: return WarningIndicator;
    case cio::Severity::Info: return InfoIndicator;
  }
  return InfoIndicator;
}

QString iconName(cio::Severity s) {
  return QStringLiteral(":/icons/%1.svg").arg(cio::severityName(s));
}

QFont editorFont() {
  QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
  f.setFamily(QStringLiteral("DejaVu Sans Mono"));
  f.setStyleHint(QFont::Monospace);
  f.setPointSize(10);
  return f;
}
}  // namespace

CodeEditor::CodeEditor(QWidget *parent) : QsciScintilla(parent), m_lexer(new TreeSitterLexer(this)) {
  setUtf8(true);  // positions are UTF-8 byte offsets, the same as tree-sitter's
  setLexer(m_lexer);
  setTabWidth(2);
  setIndentationsUseTabs(false);
  setAutoIndent(true);
  setBraceMatching(SloppyBraceMatch);
  setCaretLineVisible(true);
  setEolMode(EolUnix);
  setScrollWidthTracking(true);
  setScrollWidth(1);
  SendScintilla(SCI_SETHSCROLLBAR, 1);

  setMarginType(LineNumberMargin, NumberMargin);
  setMarginLineNumbers(LineNumberMargin, true);
  setMarginType(SeverityMargin, SymbolMargin);
  setMarginWidth(SeverityMargin, 20);
  setMarginMarkerMask(SeverityMargin, (1 << ErrorMarker) | (1 << WarningMarker) | (1 << InfoMarker));
  setMarginType(FixMargin, SymbolMargin);
  setMarginWidth(FixMargin, 18);
  setMarginMarkerMask(FixMargin, 1 << FixMarker);
  setMarginSensitivity(FixMargin, true);
  setMarginSensitivity(SeverityMargin, true);
  connect(this, &QsciScintilla::marginClicked, this, &CodeEditor::onMarginClicked);
  setAnnotationDisplay(AnnotationBoxed);

  for (int ind : {ErrorIndicator, WarningIndicator, InfoIndicator}) indicatorDefine(SquiggleIndicator, ind);

  // Hover: Scintilla reports a dwell after the mouse rests for this long.
  SendScintilla(SCI_SETMOUSEDWELLTIME, 450);
  connect(this, &QsciScintillaBase::SCN_DWELLSTART, this, &CodeEditor::showPopup);
  m_popup = new QFrame(this, Qt::ToolTip);
  m_popup->setFrameShape(QFrame::StyledPanel);
  auto *popupLayout = new QVBoxLayout(m_popup);
  popupLayout->setContentsMargins(10, 8, 10, 8);
  m_popupLabel = new QLabel(m_popup);
  m_popupLabel->setTextFormat(Qt::RichText);
  m_popupLabel->setWordWrap(true);
  m_popupLabel->setMaximumWidth(460);
  m_popupLabel->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
  popupLayout->addWidget(m_popupLabel);
  connect(m_popupLabel, &QLabel::linkActivated, this, [this](const QString &link) {
    m_popup->hide();
    if (link.startsWith(QLatin1String("lesson:"))) Q_EMIT lessonRequested(link.mid(7));
    else if (link.startsWith(QLatin1String("fix:"))) {
      const QStringList parts = link.mid(4).split(QLatin1Char('/'));
      if (parts.size() == 2) Q_EMIT fixRequested(parts[0].toInt(), parts[1].toInt());
    }
  });
  m_popupHide = new QTimer(this);
  m_popupHide->setSingleShot(true);
  m_popupHide->setInterval(500);
  connect(m_popupHide, &QTimer::timeout, this, [this] {
    if (m_popup->underMouse()) m_popupHide->start();
    else m_popup->hide();
  });
  connect(this, &QsciScintillaBase::SCN_DWELLEND, m_popupHide, qOverload<>(&QTimer::start));

  m_rewrap = new QTimer(this);
  m_rewrap->setSingleShot(true);
  m_rewrap->setInterval(80);
  connect(m_rewrap, &QTimer::timeout, this, [this] { setMarks(std::vector<cio::Finding>(m_marks)); });

  setTheme(Theme::light());
}

CodeEditor::~CodeEditor() = default;

void CodeEditor::setSourceLanguage(const cio::Language &language) { m_lexer->setSourceLanguage(language); }

const cio::Language &CodeEditor::sourceLanguage() const { return m_lexer->sourceLanguage(); }

void CodeEditor::setHighlightingEnabled(bool enabled) { m_lexer->setHighlightingEnabled(enabled); }

void CodeEditor::defineMarkers() {
  const qreal dpr = devicePixelRatioF();
  // Scintilla draws RGBA markers at image size / scale: render at device pixels.
  SendScintilla(SCI_RGBAIMAGESETSCALE, static_cast<unsigned long>(qRound(dpr * 100)));
  const auto image = [dpr](const QString &name) {
    return QIcon(name).pixmap(QSize(14, 14), dpr).toImage();
  };
  markerDefine(image(iconName(cio::Severity::Error)), ErrorMarker);
  markerDefine(image(iconName(cio::Severity::Warning)), WarningMarker);
  markerDefine(image(iconName(cio::Severity::Info)), InfoMarker);
  markerDefine(image(QStringLiteral(":/icons/lightbulb.svg")), FixMarker);
}

void CodeEditor::setTheme(const Theme &theme) {
  m_theme = theme;
  const QFont font = editorFont();
  m_lexer->setTheme(theme, font);
  setPaper(theme.paper);
  setColor(theme.text);
  setCaretForegroundColor(theme.text);
  setCaretLineBackgroundColor(theme.caretLine);
  setSelectionBackgroundColor(theme.selection);
  setSelectionForegroundColor(theme.text);
  setMarginsBackgroundColor(theme.marginPaper);
  setMarginsForegroundColor(theme.marginText);
  setMarginsFont(font);
  setFoldMarginColors(theme.marginPaper, theme.marginPaper);
  setMatchedBraceBackgroundColor(theme.selection);
  setMatchedBraceForegroundColor(theme.text);
  setMarginWidth(LineNumberMargin, QStringLiteral("0000"));
  setIndicatorForegroundColor(theme.error, ErrorIndicator);
  setIndicatorForegroundColor(theme.warning, WarningIndicator);
  setIndicatorForegroundColor(theme.info, InfoIndicator);
  m_popup->setStyleSheet(QStringLiteral("QFrame { background: %1; color: %2; border: 1px solid %3; border-radius: 4px; }"
                                        "QLabel { border: none; } a { color: %4; }")
                             .arg(theme.caretLine.name(), theme.text.name(), theme.marginText.name(),
                                  theme.info.name()));
  defineMarkers();
  setMarks(std::vector<cio::Finding>(m_marks));  // annotation styles follow the theme
}

QByteArray CodeEditor::utf8Text() const {
  const auto length = static_cast<qsizetype>(SendScintilla(SCI_GETLENGTH));
  const char *p = reinterpret_cast<const char *>(SendScintilla(SCI_GETCHARACTERPOINTER));
  return QByteArray(p, length);
}

QString CodeEditor::annotationLine(const cio::Finding &f) {
  return QStringLiteral("%1  %2  %3").arg(f.ruleId, cio::severityName(f.severity), f.message);
}

QString CodeEditor::wrapAnnotation(const QString &text, int columns) {
  // Continuation lines start under the message, after "CIO002  error  ".
  const int indent = static_cast<int>(text.indexOf(QLatin1String("  "), text.indexOf(QLatin1String("  ")) + 2)) + 2;
  // Narrow editors (the lesson examples) cannot spare the indent.
  const QString pad(columns >= 70 ? std::clamp(indent, 0, columns / 2) : 2, QLatin1Char(' '));
  QStringList lines;
  QString current;
  for (const QString &word : text.split(QLatin1Char(' '))) {
    const QString candidate = current.isEmpty() ? word : current + QLatin1Char(' ') + word;
    if (candidate.size() > columns && !current.trimmed().isEmpty()) {
      lines << current;
      current = pad + word;
    } else {
      current = candidate;
    }
  }
  lines << current;
  return lines.join(QLatin1Char('\n'));
}

void CodeEditor::resizeEvent(QResizeEvent *event) {
  QsciScintilla::resizeEvent(event);
  // Annotations are wrapped to the width: wrap them again once resizing settles.
  if (!m_marks.empty()) m_rewrap->start();
}

void CodeEditor::setMarks(const std::vector<cio::Finding> &findings) {
  m_marks = findings;
  const auto docLength = static_cast<long>(SendScintilla(SCI_GETLENGTH));
  for (int ind : {ErrorIndicator, WarningIndicator, InfoIndicator}) {
    SendScintilla(SCI_SETINDICATORCURRENT, ind);
    SendScintilla(SCI_INDICATORCLEARRANGE, 0L, docLength);
  }
  markerDeleteAll();
  clearAnnotations();

  const QFont font = editorFont();
  const auto styleFor = [&](cio::Severity s) {
    QColor fg = s == cio::Severity::Error ? m_theme.error : s == cio::Severity::Warning ? m_theme.warning : m_theme.info;
    if (!m_theme.isDark) fg = fg.darker(125);
    const QColor bg = s == cio::Severity::Error     ? m_theme.errorPaper
                      : s == cio::Severity::Warning ? m_theme.warningPaper
                                                    : m_theme.infoPaper;
    // Fixed style numbers, one per severity, so re-theming reuses them.
    const int number = 200 + static_cast<int>(s);
    return QsciStyle(number, cio::severityName(s), fg, bg, font, true);
  };

  // Annotations do not wrap by themselves: wrap them at the visible width, indented
  // under the message so the rule id column stays clean.
  // Advances are fractional: measure many characters for an honest average.
  const double charWidth =
      std::max(1.0, static_cast<double>(SendScintilla(SCI_TEXTWIDTH, STYLE_DEFAULT, QByteArray(100, 'M').constData())) / 100.0);
  int textLeft = 0;
  for (int m = 0; m < 3; ++m) textLeft += marginWidth(m);
  const int columns = std::max(24, static_cast<int>((viewport()->width() - textLeft) / charWidth) - 8);

  // Most severe first on each line; one margin icon per line, for the most severe.
  std::vector<size_t> order(m_marks.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [this](size_t a, size_t b) {
    return static_cast<int>(m_marks[a].severity) > static_cast<int>(m_marks[b].severity);
  });
  std::map<int, QList<QsciStyledText>> perLine;
  for (size_t i : order) {
    const cio::Finding &f = m_marks[i];
    const long start = std::min<long>(f.range.startByte, docLength);
    long length = std::min<long>(f.range.endByte, docLength) - start;
    if (length <= 0) length = std::min<long>(1, docLength - start);
    SendScintilla(SCI_SETINDICATORCURRENT, indicatorFor(f.severity));
    SendScintilla(SCI_INDICATORFILLRANGE, start, length);
    const int line = static_cast<int>(SendScintilla(SCI_LINEFROMPOSITION, start));
    QList<QsciStyledText> &texts = perLine[line];
    if (texts.isEmpty()) markerAdd(line, markerFor(f.severity));
    // Only where the lightbulb margin is shown: Scintilla paints a marker that no margin
    // displays as the line's background (a white bar in the dark theme's lesson view).
    if (!f.fixes.empty() && marginWidth(FixMargin) > 0 && !(markersAtLine(line) & (1u << FixMarker)))
      markerAdd(line, FixMarker);
    const QString text = (texts.isEmpty() ? QString() : QStringLiteral("\n")) + wrapAnnotation(annotationLine(f), columns);
    texts.append(QsciStyledText(text, styleFor(f.severity)));
  }
  for (const auto &[line, texts] : perLine) annotate(line, texts);
}

std::vector<int> CodeEditor::marksAt(int bytePos, bool wholeLine) const {
  std::vector<int> out;
  const int line = static_cast<int>(SendScintilla(SCI_LINEFROMPOSITION, static_cast<unsigned long>(bytePos)));
  for (size_t i = 0; i < m_marks.size(); ++i) {
    const cio::Range &r = m_marks[i].range;
    const bool inside = static_cast<quint32>(bytePos) >= r.startByte && static_cast<quint32>(bytePos) <= r.endByte;
    const bool onLine =
        wholeLine && SendScintilla(SCI_LINEFROMPOSITION, static_cast<unsigned long>(r.startByte)) == line;
    if (inside || onLine) out.push_back(static_cast<int>(i));
  }
  return out;
}

bool CodeEditor::gotoMark(bool forward) {
  if (m_marks.empty()) return false;
  std::vector<quint32> starts;
  for (const cio::Finding &f : m_marks) starts.push_back(f.range.startByte);
  std::sort(starts.begin(), starts.end());
  const auto pos = static_cast<quint32>(SendScintilla(SCI_GETCURRENTPOS));
  quint32 target;
  if (forward) {
    auto it = std::upper_bound(starts.begin(), starts.end(), pos);
    target = it == starts.end() ? starts.front() : *it;
  } else {
    auto it = std::lower_bound(starts.begin(), starts.end(), pos);
    target = it == starts.begin() ? starts.back() : *std::prev(it);
  }
  SendScintilla(SCI_GOTOPOS, static_cast<unsigned long>(target));
  const int line = static_cast<int>(SendScintilla(SCI_LINEFROMPOSITION, static_cast<unsigned long>(target)));
  ensureLineVisible(line + 3);
  ensureLineVisible(line);
  return true;
}

QString CodeEditor::markDetails(int index) const {
  const cio::Finding &f = m_marks.at(static_cast<size_t>(index));
  QString html = QStringLiteral("<p><b>%1</b> %2 <span style='opacity:0.7'>(%3)</span></p><p>%4</p>")
                     .arg(f.ruleId.toHtmlEscaped(), f.ruleName.toHtmlEscaped(),
                          cio::severityName(f.severity), f.message.toHtmlEscaped());
  if (m_explain) {
    const QString more = m_explain(f.ruleId);
    if (!more.isEmpty()) html += QStringLiteral("<p>%1</p>").arg(more.toHtmlEscaped());
  }
  for (size_t k = 0; k < f.fixes.size(); ++k)
    // The lightbulb as the margin draws it: an emoji would need a colour-emoji font.
    html += QStringLiteral(
                "<p><img src=':/icons/lightbulb.svg' width='14' height='14'> "
                "<a href='fix:%1/%2'>Quick fix: %3</a></p>")
                .arg(index)
                .arg(k)
                .arg(f.fixes[k].title.toHtmlEscaped());
  html += QStringLiteral("<p><a href='lesson:%1'>Open lesson %1 →</a></p>").arg(f.ruleId.toHtmlEscaped());
  return html;
}

void CodeEditor::showPopup(int position, int x, int y) {
  if (position < 0) return;
  const std::vector<int> hits = marksAt(position, false);
  if (hits.empty()) return;
  QStringList parts;
  for (int i : hits) parts << markDetails(i);
  m_popupLabel->setText(parts.join(QStringLiteral("<hr>")));
  m_popup->adjustSize();
  const int lineHeight = static_cast<int>(SendScintilla(SCI_TEXTHEIGHT, 0L));
  m_popup->move(viewport()->mapToGlobal(QPoint(x, y + lineHeight)));
  m_popup->show();
  m_popupHide->stop();
}

void CodeEditor::onMarginClicked(int margin, int line, Qt::KeyboardModifiers) {
  const auto lineStart = static_cast<int>(SendScintilla(SCI_POSITIONFROMLINE, static_cast<unsigned long>(line)));
  const std::vector<int> hits = marksAt(lineStart, true);
  if (hits.empty()) return;
  if (margin == FixMargin) {
    // One fix on the line: apply it. Several: let the user pick.
    std::vector<std::pair<int, int>> fixes;
    for (int i : hits)
      for (size_t k = 0; k < m_marks[static_cast<size_t>(i)].fixes.size(); ++k) fixes.emplace_back(i, static_cast<int>(k));
    if (fixes.size() == 1) {
      Q_EMIT fixRequested(fixes[0].first, fixes[0].second);
      return;
    }
  }
  QMenu menu(this);
  addMarkActions(&menu, hits);
  const int y = static_cast<int>(SendScintilla(SCI_POINTYFROMPOSITION, 0L, static_cast<long>(lineStart)));
  menu.exec(viewport()->mapToGlobal(QPoint(0, y + textHeight(line))));
}

void CodeEditor::addMarkActions(QMenu *menu, const std::vector<int> &indices) {
  for (int i : indices) {
    const cio::Finding &f = m_marks[static_cast<size_t>(i)];
    for (size_t k = 0; k < f.fixes.size(); ++k) {
      QAction *a = menu->addAction(QIcon(QStringLiteral(":/icons/lightbulb.svg")),
                                   tr("Quick fix: %1").arg(f.fixes[k].title));
      a->setObjectName(QStringLiteral("quickFix"));
      connect(a, &QAction::triggered, this, [this, i, k] { Q_EMIT fixRequested(i, static_cast<int>(k)); });
    }
    const QString ruleId = f.ruleId;
    QAction *lesson = menu->addAction(QIcon(iconName(f.severity)), tr("Open lesson %1 (%2)").arg(f.ruleId, f.ruleName));
    connect(lesson, &QAction::triggered, this, [this, ruleId] { Q_EMIT lessonRequested(ruleId); });
  }
}

void CodeEditor::contextMenuEvent(QContextMenuEvent *event) {
  QMenu *menu = createStandardContextMenu();
  if (!menu) return;
  long pos;
  if (event->reason() == QContextMenuEvent::Mouse) {
    const QPoint p = viewport()->mapFromGlobal(event->globalPos());
    pos = static_cast<long>(SendScintilla(SCI_POSITIONFROMPOINT, static_cast<unsigned long>(p.x()), static_cast<long>(p.y())));
  } else {
    pos = static_cast<long>(SendScintilla(SCI_GETCURRENTPOS));
  }
  const std::vector<int> hits = marksAt(static_cast<int>(pos), true);
  if (!hits.empty()) {
    QAction *first = menu->actions().value(0);
    QMenu marks;
    addMarkActions(&marks, hits);
    const QList<QAction *> actions = marks.actions();
    for (QAction *a : actions) {
      a->setParent(menu);
      menu->insertAction(first, a);
    }
    menu->insertSeparator(first);
  }
  menu->exec(event->globalPos());
  delete menu;
}

bool CodeEditor::event(QEvent *event) {
  if (event->type() == QEvent::ScreenChangeInternal) defineMarkers();
  return QsciScintilla::event(event);
}

}  // namespace cio::desktop
