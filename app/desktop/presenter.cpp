#include "presenter.h"

#include "codeeditor.h"

#include "language/language.h"
#include "lessons/lesson.h"
#include "project/analyzer.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace cio::desktop {

namespace {

// Marker numbers above CodeEditor's own (severity icons and the lightbulb).
constexpr int kAnswerLine = 8;
constexpr int kWrongLine = 9;

QString languageLabel(const QString &key) {
  const cio::Language &l = LanguageRegistry::byKey(key);
  return l.isValid() ? l.displayName : key;
}

QString exampleKey(const cio::Lesson &lesson, const QString &wanted) {
  if (!wanted.isEmpty() && lesson.examples.contains(wanted)) return wanted;
  for (const QString &k : {QStringLiteral("javascript"), QStringLiteral("typescript")})
    if (lesson.examples.contains(k)) return k;
  return lesson.examples.isEmpty() ? QString() : lesson.examples.firstKey();
}

Slide codeSlide(const cio::Lesson &lesson, const QString &key, bool wrong) {
  Slide s;
  s.kind = Slide::Kind::Code;
  s.lessonId = lesson.id;
  s.lessonTitle = lesson.title;
  s.language = key;
  s.wrong = wrong;
  s.code = wrong ? lesson.examples.value(key).wrong : lesson.examples.value(key).correct;
  s.heading = (wrong ? QStringLiteral("\u2717 Wrong") : QStringLiteral("\u2713 Correct")) + QStringLiteral(" \u00B7 ") +
              languageLabel(key);
  s.markdown = wrong ? QStringLiteral("The analyzer's finding is marked where it reports it.")
                     : QStringLiteral("The same code, done right: the analyzer reports nothing.");
  return s;
}

QString kindLabel(QuizQuestion::Kind kind) {
  switch (kind) {
    case QuizQuestion::Kind::MultipleChoice:
      return QStringLiteral("Question");
    case QuizQuestion::Kind::TrueFalse:
      return QStringLiteral("True or false?");
    case QuizQuestion::Kind::SpotTheLine:
      return QStringLiteral("Spot the line");
    case QuizQuestion::Kind::FixIt:
      return QStringLiteral("Fix it");
    default:
      return {};
  }
}

Slide questionSlide(const cio::QuizItem &item) {
  Slide s;
  s.kind = Slide::Kind::Question;
  s.lessonId = item.lessonId;
  s.lessonTitle = item.lessonTitle;
  s.item = item;
  s.heading = kindLabel(item.question.kind);
  s.code = item.question.code;
  s.language = item.question.language;
  if (!s.language.isEmpty()) s.heading += QStringLiteral(" \u00B7 ") + languageLabel(s.language);
  return s;
}

QString esc(const QString &s) {
  return s.toHtmlEscaped();
}

}  // namespace

QList<Slide> lessonSlides(const cio::Lesson &lesson, const QString &language) {
  QList<Slide> out;
  Slide title;
  title.kind = Slide::Kind::Title;
  title.lessonId = lesson.id;
  title.lessonTitle = lesson.title;
  title.heading = lesson.title;
  title.markdown = QStringLiteral("%1\n\n`%2 %3` \u00B7 %4")
                       .arg(lesson.summary, lesson.id, lesson.name, cio::severityName(lesson.severity));
  out << title;
  const QString key = exampleKey(lesson, language);
  bool wrongShown = false;
  for (const auto &[heading, body] : lesson.sections) {
    if (heading == QLatin1String("References")) continue;
    Slide s;
    s.kind = Slide::Kind::Section;
    s.lessonId = lesson.id;
    s.lessonTitle = lesson.title;
    s.heading = heading;
    s.markdown = body;
    out << s;
    if (key.isEmpty()) continue;
    if (!wrongShown) {
      out << codeSlide(lesson, key, true);
      wrongShown = true;
    }
    if (heading == QLatin1String("How to fix it")) out << codeSlide(lesson, key, false);
  }
  for (const QuizQuestion &q : lesson.quiz)
    if (q.kind != QuizQuestion::Kind::Unknown) out << questionSlide(cio::QuizItem{lesson.id, lesson.title, q});
  return out;
}

QList<Slide> quizSlides(const cio::QuizSession &session) {
  QList<Slide> out;
  for (int i = 0; i < session.count(); ++i) out << questionSlide(session.item(i));
  return out;
}

PresenterView::PresenterView(QWidget *parent)
    : QWidget(parent),
      m_top(new QLabel(this)),
      m_position(new QLabel(this)),
      m_heading(new QLabel(this)),
      m_text(new QTextBrowser(this)),
      m_code(new CodeEditor(this)),
      m_footer(new QLabel(this)) {
  setObjectName(QStringLiteral("presenter"));
  setAutoFillBackground(true);
  setFocusPolicy(Qt::StrongFocus);
  m_heading->setWordWrap(true);
  m_text->setFrameShape(QFrame::NoFrame);
  m_text->setOpenLinks(false);
  m_text->setFocusPolicy(Qt::NoFocus);
  m_text->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_text->viewport()->setAutoFillBackground(false);
  m_text->setStyleSheet(QStringLiteral("QTextBrowser { background: transparent; }"));
  m_code->setReadOnly(true);
  m_code->setCaretLineVisible(false);
  m_code->setCaretWidth(0);
  m_code->setFocusPolicy(Qt::NoFocus);
  m_code->viewport()->setFocusPolicy(Qt::NoFocus);
  m_code->setMarginWidth(CodeEditor::FixMargin, 0);
  m_code->setWrapIndentMode(QsciScintilla::WrapIndentIndented);
  m_code->setWrapVisualFlags(QsciScintilla::WrapFlagByText);
  m_code->markerDefine(QsciScintilla::Background, kAnswerLine);
  m_code->markerDefine(QsciScintilla::Background, kWrongLine);
  m_footer->setText(
      QStringLiteral("\u2192 / Space: next \u00B7 \u2190: back \u00B7 Home / End \u00B7 Esc: leave presenter mode"));

  auto *top = new QHBoxLayout;
  top->addWidget(m_top, 1);
  top->addWidget(m_position);
  auto *layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(m_heading);
  layout->addWidget(m_text, 1);
  layout->addWidget(m_code, 3);
  layout->addWidget(m_footer);
  setTheme(Theme::light());
}

void PresenterView::setTheme(const Theme &theme) {
  m_theme = theme;
  QPalette p = palette();
  p.setColor(QPalette::Window, theme.paper);
  p.setColor(QPalette::WindowText, theme.text);
  p.setColor(QPalette::Text, theme.text);
  p.setColor(QPalette::Base, theme.paper);
  setPalette(p);
  m_text->setPalette(p);
  m_code->setTheme(theme);
  m_code->setMarkerBackgroundColor(theme.isDark ? QColor(0x1f, 0x4d, 0x2b) : QColor(0xc8, 0xf0, 0xc8), kAnswerLine);
  m_code->setMarkerBackgroundColor(theme.isDark ? QColor(0x5c, 0x24, 0x24) : QColor(0xf8, 0xc8, 0xc8), kWrongLine);
  const QString muted = theme.marginText.name();
  m_top->setStyleSheet(QStringLiteral("color:%1").arg(muted));
  m_position->setStyleSheet(QStringLiteral("color:%1").arg(muted));
  m_footer->setStyleSheet(QStringLiteral("color:%1").arg(muted));
  if (!m_slides.isEmpty()) render();
}

void PresenterView::setSlides(const QString &title, QList<Slide> slides, int start) {
  m_title = title;
  m_slides = std::move(slides);
  m_index = std::clamp(start, 0, std::max(0, count() - 1));
  m_revealed = false;
  render();
}

const Slide &PresenterView::currentSlide() const {
  static const Slide none;
  return m_slides.isEmpty() ? none : m_slides.at(m_index);
}

QString PresenterView::positionText() const {
  return QStringLiteral("%1 / %2").arg(m_index + 1).arg(count());
}

void PresenterView::next() {
  if (m_slides.isEmpty()) return;
  if (currentSlide().kind == Slide::Kind::Question && !m_revealed) {
    m_revealed = true;
    render();
    return;
  }
  if (m_index + 1 < count()) goTo(m_index + 1);
}

void PresenterView::previous() {
  if (m_slides.isEmpty()) return;
  if (currentSlide().kind == Slide::Kind::Question && m_revealed) {
    m_revealed = false;
    render();
    return;
  }
  if (m_index > 0) goTo(m_index - 1);
}

void PresenterView::goTo(int index) {
  if (index < 0 || index >= count()) return;
  m_index = index;
  m_revealed = false;
  render();
  Q_EMIT slideChanged(m_index);
}

void PresenterView::keyPressEvent(QKeyEvent *event) {
  switch (event->key()) {
    case Qt::Key_Right:
    case Qt::Key_Down:
    case Qt::Key_PageDown:
    case Qt::Key_Space:
    case Qt::Key_Return:
    case Qt::Key_Enter:
      next();
      return;
    case Qt::Key_Left:
    case Qt::Key_Up:
    case Qt::Key_PageUp:
    case Qt::Key_Backspace:
      previous();
      return;
    case Qt::Key_Home:
      goTo(0);
      return;
    case Qt::Key_End:
      goTo(count() - 1);
      return;
    case Qt::Key_Escape:
      Q_EMIT exitRequested();
      return;
    default:
      QWidget::keyPressEvent(event);
  }
}

QString PresenterView::questionHtml(const cio::QuizItem &item) const {
  const QuizQuestion &q = item.question;
  const QString good = m_theme.correctAccent.name();
  const QString bad = m_theme.wrongAccent.name();
  const QString muted = m_theme.marginText.name();
  QString html = QStringLiteral("<p>%1</p>").arg(esc(q.prompt));
  const auto choiceList = [&](const QStringList &labels, int answer) {
    QString out = QStringLiteral("<table cellpadding=\"4\">");
    for (int i = 0; i < labels.size(); ++i) {
      const QString letter = QString(QChar(u'A' + i));
      QString style, mark;
      if (m_revealed) {
        style = i == answer ? QStringLiteral("color:%1; font-weight:bold").arg(good)
                            : QStringLiteral("color:%1").arg(muted);
        mark = i == answer ? QStringLiteral(" \u2714") : QString();
      }
      out += QStringLiteral("<tr><td style=\"%1\"><b>%2</b></td><td style=\"%1\">%3%4</td></tr>")
                 .arg(style, letter, esc(labels[i]), mark);
    }
    return out + QStringLiteral("</table>");
  };
  const auto why = [&](const QString &text) {
    return QStringLiteral("<p style=\"color:%1\">%2</p>").arg(m_theme.text.name(), esc(text));
  };
  switch (q.kind) {
    case QuizQuestion::Kind::MultipleChoice:
      html += choiceList(q.choices, q.answer);
      if (m_revealed) html += why(q.explanations.value(q.answer));
      break;
    case QuizQuestion::Kind::TrueFalse:
      html += choiceList({QStringLiteral("True"), QStringLiteral("False")}, q.answerTrue ? 0 : 1);
      if (m_revealed) html += why(q.why);
      break;
    case QuizQuestion::Kind::SpotTheLine:
      if (m_revealed) {
        QStringList lines;
        for (int l : q.lines) lines << QString::number(l);
        html += QStringLiteral("<p style=\"color:%1\"><b>Line %2.</b> %3</p>")
                    .arg(bad, lines.join(QStringLiteral(", ")), esc(q.explanation));
      }
      break;
    case QuizQuestion::Kind::FixIt:
      if (m_revealed)
        html +=
            QStringLiteral(
                "<p style=\"color:%1\"><b>One fix</b> (changed lines in green): the analyzer no longer reports %2.</p>")
                .arg(good, esc(q.rule));
      break;
    default:
      break;
  }
  return html;
}

void PresenterView::render() {
  const Slide &s = currentSlide();
  const QString lesson = s.lessonId.isEmpty() ? QString() : QStringLiteral("%1  %2").arg(s.lessonId, s.lessonTitle);
  m_top->setText(m_title.isEmpty() || m_title.contains(s.lessonId)
                     ? lesson
                     : QStringLiteral("%1  \u00B7  %2").arg(m_title, lesson));
  m_position->setText(positionText());
  const bool wrongCode = s.kind == Slide::Kind::Code && s.wrong;
  const QColor headingColour =
      s.kind == Slide::Kind::Code ? (s.wrong ? m_theme.wrongAccent : m_theme.correctAccent) : m_theme.text;
  m_heading->setStyleSheet(QStringLiteral("color:%1").arg(headingColour.name()));
  m_heading->setText(s.heading);

  switch (s.kind) {
    case Slide::Kind::Title:
    case Slide::Kind::Section:
      m_text->setMarkdown(s.markdown);
      break;
    case Slide::Kind::Code:
      m_text->setMarkdown(s.markdown);
      break;
    case Slide::Kind::Question:
      m_text->setHtml(questionHtml(s.item));
      break;
  }

  const bool fixItSolution =
      s.kind == Slide::Kind::Question && m_revealed && s.item.question.kind == QuizQuestion::Kind::FixIt;
  const QString code = fixItSolution ? s.item.question.solution : s.code;
  m_code->setVisible(!code.isEmpty());
  if (!code.isEmpty()) {
    const cio::Language &lang = LanguageRegistry::byKey(s.language);
    m_code->setReadOnly(false);
    m_code->setSourceLanguage(lang);
    m_code->setText(code);
    m_code->setReadOnly(true);
    std::vector<cio::Finding> marks;
    if (wrongCode && lang.isValid()) {
      // The analyzer's own finding, as the lesson view shows it; a whole-project rule
      // (CIO008) needs the example read as a project.
      const QString file = QStringLiteral("wrong.%1").arg(lang.extensions.value(0));
      const QByteArray utf8 = m_code->utf8Text();
      cio::AnalysisResult r = cio::Analyzer().analyzeSource(file, utf8, lang);
      if (std::none_of(r.findings.begin(), r.findings.end(),
                       [&](const cio::Finding &f) { return f.ruleId == s.lessonId; }))
        r = cio::Analyzer().analyzeFiles({cio::SourceFile{file, file, utf8}});
      marks = r.findings;
    }
    m_code->setMarks(marks);
    if (s.kind == Slide::Kind::Question && m_revealed) {
      const QuizQuestion &q = s.item.question;
      if (q.kind == QuizQuestion::Kind::SpotTheLine)
        for (int l : q.lines) m_code->markerAdd(l - 1, kWrongLine);
      if (fixItSolution) {
        const QStringList before = q.code.split(QLatin1Char('\n'));
        const QStringList after = q.solution.split(QLatin1Char('\n'));
        for (int i = 0; i < after.size(); ++i)
          if (!before.contains(after[i])) m_code->markerAdd(i, kAnswerLine);
      }
    }
  }
  m_footer->setText(
      s.kind == Slide::Kind::Question && !m_revealed
          ? QStringLiteral("Space: show the answer \u00B7 \u2190: back \u00B7 Esc: leave presenter mode")
          : QStringLiteral(
                "\u2192 / Space: next \u00B7 \u2190: back \u00B7 Home / End \u00B7 Esc: leave presenter mode"));
  fitText();
  // Fit the code once the layout has given it its final size.
  QTimer::singleShot(0, this, [this] { fitCode(); });
  fitCode();
}

void PresenterView::resizeEvent(QResizeEvent *event) {
  QWidget::resizeEvent(event);
  if (!m_slides.isEmpty()) {
    fitText();
    fitCode();
  }
}

void PresenterView::showEvent(QShowEvent *event) {
  QWidget::showEvent(event);
  if (!m_slides.isEmpty()) render();
}

void PresenterView::fitText() {
  // Sizes follow the screen: a 1080-line projector gets about 40 px body text.
  const int h = std::max(300, height());
  const int w = std::max(400, width());
  const int margin = w / 24;
  layout()->setContentsMargins(margin, h / 30, margin, h / 40);
  layout()->setSpacing(h / 60);
  QFont small = font();
  small.setPixelSize(std::max(14, h / 40));
  m_top->setFont(small);
  m_position->setFont(small);
  m_footer->setFont(small);
  QFont heading = font();
  heading.setBold(true);
  heading.setPixelSize(std::max(26, h / 14));
  m_heading->setFont(heading);

  const bool code = m_code->isVisibleTo(this);
  const int base = std::clamp(h / 22, 18, 52);
  const int textWidth = w - 2 * margin - 8;
  // What is left under the heading for the text: all of it, or its share beside code.
  const int headingHeight = QFontMetrics(heading).lineSpacing() *
                            (m_heading->heightForWidth(textWidth) > QFontMetrics(heading).lineSpacing() * 1.5 ? 2 : 1);
  const int room = h - h / 30 - h / 40 - 4 * (h / 60) - 2 * QFontMetrics(small).lineSpacing() - headingHeight;
  const int textRoom = code ? room / 3 : room;
  QTextDocument *doc = m_text->document();
  doc->setDocumentMargin(0);
  int px = code ? base * 4 / 5 : base;
  for (;; px -= 2) {
    QFont f = font();
    f.setPixelSize(px);
    doc->setDefaultFont(f);
    // Paragraphs apart by half a line, as on a slide.
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
      QTextCursor c(b);
      QTextBlockFormat bf = b.blockFormat();
      bf.setBottomMargin(px / 2.0);
      c.setBlockFormat(bf);
    }
    doc->setTextWidth(textWidth);
    if (doc->size().height() <= textRoom || px <= 16) break;
  }
  m_textPx = px;
  const int docHeight = static_cast<int>(doc->size().height()) + 4;
  if (code) {
    m_text->setMinimumHeight(std::min(docHeight, textRoom));
    m_text->setMaximumHeight(std::min(docHeight, textRoom));
  } else {
    m_text->setMinimumHeight(0);
    m_text->setMaximumHeight(QWIDGETSIZE_MAX);
  }
}

void PresenterView::fitCode() {
  if (!m_code->isVisibleTo(this)) return;
  layout()->activate();
  // The editor's base font is 10 pt; zoom adds points to every style, margins and
  // annotations included. Largest size at which the longest line and every line fit.
  // Lines longer than kColumns wrap (indented under their start) rather than shrink every
  // line to a size nobody at the back can read.
  constexpr int kColumns = 80;
  const QStringList lines = m_code->text().split(QLatin1Char('\n'));
  int columns = 20;
  int rows = 1;
  for (const QString &l : lines) {
    columns = std::max(columns, static_cast<int>(l.size()));
    rows += 1 + static_cast<int>(l.size()) / (kColumns + 1);
  }
  m_code->setWrapMode(columns > kColumns ? QsciScintilla::WrapWord : QsciScintilla::WrapNone);
  columns = std::min(columns, kColumns);
  for (const cio::Finding &f : m_code->marks()) rows += 1 + static_cast<int>(f.message.size()) / 60;
  QFont base(QStringLiteral("DejaVu Sans Mono"));
  base.setStyleHint(QFont::Monospace);
  base.setPointSize(10);
  const QFontMetricsF fm(base);
  const double charW = fm.horizontalAdvance(QLatin1Char('M'));
  const double lineH = fm.lineSpacing();
  const QSize area = m_code->size();
  // Columns plus the line-number margin (5 characters) and the severity icon.
  const double byWidth = 10.0 * (area.width() - 30) / (charW * (columns + 7));
  const double byHeight = 10.0 * (area.height() - 8) / (lineH * rows);
  const int pt = std::clamp(static_cast<int>(std::min({byWidth, byHeight, 30.0})), 11, 30);
  m_code->zoomTo(pt - 10);
  m_code->setMarginWidth(CodeEditor::LineNumberMargin, QStringLiteral("000"));
}

int PresenterView::codePointSize() const {
  if (!m_code->isVisibleTo(const_cast<PresenterView *>(this))) return 0;
  return 10 + static_cast<int>(m_code->SendScintilla(QsciScintilla::SCI_GETZOOM));
}

QString PresenterView::visibleText() const {
  QString out = m_heading->text() + QLatin1Char('\n') + m_text->toPlainText();
  if (m_code->isVisibleTo(const_cast<PresenterView *>(this))) out += QLatin1Char('\n') + m_code->text();
  return out;
}

}  // namespace cio::desktop
