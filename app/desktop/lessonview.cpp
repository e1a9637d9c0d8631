#include "lessonview.h"

#include "codeeditor.h"
#include "project/analyzer.h"
#include "rules/rule.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTextBlock>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace cio::desktop {

namespace {
// The language switcher's slots; JS/TS shows JavaScript and falls back to TypeScript.
const QList<QPair<QString, QString>> &slots_() {
  static const QList<QPair<QString, QString>> s = {{QStringLiteral("javascript"), QStringLiteral("JS/TS")},
                                                   {QStringLiteral("python"), QStringLiteral("Python")},
                                                   {QStringLiteral("ruby"), QStringLiteral("Ruby")},
                                                   {QStringLiteral("go"), QStringLiteral("Go")}};
  return s;
}

QString slotForKey(const QString &key) {
  const cio::Language &l = LanguageRegistry::byKey(key);
  if (!l.isValid()) return QString();
  switch (l.id) {
    case LanguageId::JavaScript:
    case LanguageId::TypeScript:
    case LanguageId::Tsx: return QStringLiteral("javascript");
    default: return l.lessonFolder;
  }
}
}  // namespace

QString LessonView::exampleKeyFor(const LessonInfo &lesson, const QString &slot) {
  const QString s = slotForKey(slot);
  if (s == QLatin1String("javascript")) {
    for (const QString &k : {QStringLiteral("javascript"), QStringLiteral("typescript")})
      if (lesson.examples.contains(k)) return k;
    return QString();
  }
  return lesson.examples.contains(s) ? s : QString();
}

LessonView::LessonView(QWidget *parent)
    : QWidget(parent),
      m_title(new QLabel(this)),
      m_badge(new QLabel(this)),
      m_text(new QTextBrowser(this)),
      m_languageBox(new QComboBox(this)),
      m_try(new QPushButton(QIcon(QStringLiteral(":/icons/playground.svg")), tr("Try it in the &playground"), this)),
      m_quiz(new QPushButton(QIcon(QStringLiteral(":/icons/quiz.svg")), tr("Take the &quiz"), this)),
      m_wrongHeader(new QLabel(this)),
      m_correctHeader(new QLabel(this)),
      m_wrong(new CodeEditor(this)),
      m_correct(new CodeEditor(this)) {
  QFont titleFont = m_title->font();
  titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
  titleFont.setBold(true);
  m_title->setFont(titleFont);
  m_title->setWordWrap(true);
  m_badge->setTextFormat(Qt::RichText);

  m_text->setOpenLinks(false);
  m_text->setFrameShape(QFrame::NoFrame);
  connect(m_text, &QTextBrowser::anchorClicked, this, [](const QUrl &url) {
    if (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https")) QDesktopServices::openUrl(url);
  });

  for (const auto &s : slots_()) m_languageBox->addItem(s.second, s.first);
  m_languageBox->setToolTip(tr("Example language"));
  connect(m_languageBox, &QComboBox::activated, this, [this] { showExamples(); });
  m_try->setToolTip(tr("Copy the wrong example into the playground and edit it live"));
  connect(m_try, &QPushButton::clicked, this, [this] {
    if (m_shownKey.isEmpty()) return;
    Q_EMIT tryInPlayground(m_lesson.examples.value(m_shownKey).wrong, m_shownKey);
  });

  m_try->setObjectName(QStringLiteral("tryInPlayground"));
  m_quiz->setObjectName(QStringLiteral("takeQuiz"));
  m_quiz->setToolTip(tr("Answer this lesson's questions; your progress is saved"));
  connect(m_quiz, &QPushButton::clicked, this, [this] {
    if (m_lesson.isValid()) Q_EMIT quizRequested(m_lesson.id);
  });

  for (CodeEditor *e : {m_wrong, m_correct}) {
    e->setReadOnly(true);
    e->setCaretLineVisible(false);
    // Two examples side by side are narrow: wrap long lines (indented, with a mark at
    // the break) so the line that matters is never hidden behind a horizontal scroll.
    e->setWrapMode(QsciScintilla::WrapWord);
    e->setWrapIndentMode(QsciScintilla::WrapIndentIndented);
    e->setWrapVisualFlags(QsciScintilla::WrapFlagByText, QsciScintilla::WrapFlagNone);
  }
  m_correct->setMarginWidth(CodeEditor::FixMargin, 0);
  m_wrong->setMarginWidth(CodeEditor::FixMargin, 0);
  m_wrong->setAccessibleName(tr("Wrong example"));
  m_correct->setAccessibleName(tr("Correct example"));

  auto *header = new QHBoxLayout;
  header->addWidget(m_title, 1);
  header->addWidget(m_badge, 0, Qt::AlignTop);
  header->addWidget(m_quiz, 0, Qt::AlignTop);

  auto *exampleBar = new QHBoxLayout;
  auto *examplesLabel = new QLabel(tr("<b>Examples</b>"), this);
  exampleBar->addWidget(examplesLabel);
  exampleBar->addWidget(m_languageBox);
  exampleBar->addStretch(1);
  exampleBar->addWidget(m_try);

  const auto column = [this](QLabel *label, CodeEditor *editor) {
    auto *w = new QWidget(this);
    auto *l = new QVBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->setSpacing(2);
    label->setTextFormat(Qt::RichText);
    l->addWidget(label);
    l->addWidget(editor, 1);
    return w;
  };
  auto *examples = new QSplitter(Qt::Horizontal, this);
  examples->addWidget(column(m_wrongHeader, m_wrong));
  examples->addWidget(column(m_correctHeader, m_correct));
  examples->setChildrenCollapsible(false);

  auto *bottom = new QWidget(this);
  auto *bottomLayout = new QVBoxLayout(bottom);
  bottomLayout->setContentsMargins(0, 0, 0, 0);
  bottomLayout->addLayout(exampleBar);
  bottomLayout->addWidget(examples, 1);

  auto *split = new QSplitter(Qt::Vertical, this);
  split->addWidget(m_text);
  split->addWidget(bottom);
  // The text is what a newcomer reads first: give it as much room as the examples.
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 1);
  split->setChildrenCollapsible(false);

  auto *layout = new QVBoxLayout(this);
  layout->setContentsMargins(12, 8, 8, 8);
  layout->addLayout(header);
  layout->addWidget(split, 1);
  setTheme(Theme::light());
  setLesson(LessonInfo{});
}

void LessonView::setTheme(const Theme &theme) {
  m_theme = theme;
  m_wrong->setTheme(theme);
  m_correct->setTheme(theme);
  m_wrongHeader->setText(
      QStringLiteral("<span style='color:%1; font-weight:600'>✗ Wrong</span>").arg(theme.wrongAccent.name()));
  m_correctHeader->setText(
      QStringLiteral("<span style='color:%1; font-weight:600'>✓ Correct</span>").arg(theme.correctAccent.name()));
  if (m_lesson.isValid()) setLesson(LessonInfo(m_lesson));
}

void LessonView::setLesson(const LessonInfo &lesson) {
  m_lesson = lesson;
  if (!lesson.isValid()) {
    m_title->setText(tr("Lessons"));
    m_badge->clear();
    m_text->setMarkdown(tr("Pick a lesson on the left. Each one explains a Customer.io integration mistake, "
                           "shows it next to the right way, and marks the mistake exactly as the analyzer "
                           "finds it in your code."));
    m_wrong->clear();
    m_correct->clear();
    m_try->setEnabled(false);
    m_quiz->setEnabled(false);
    return;
  }
  m_quiz->setEnabled(true);
  m_title->setText(lesson.title.isEmpty() ? lesson.name : lesson.title);
  const QColor c = lesson.severity == cio::Severity::Error     ? m_theme.error
                   : lesson.severity == cio::Severity::Warning ? m_theme.warning
                                                               : m_theme.info;
  m_badge->setText(QStringLiteral("<span style='color:%1; font-weight:600'>%2</span>&nbsp;&nbsp;<code>%3 %4</code>")
                       .arg(c.name(), cio::severityName(lesson.severity), lesson.id, lesson.name));
  // The title is shown above in large type: drop the Markdown's own leading heading.
  QString markdown = lesson.markdown.isEmpty() ? lesson.summary : lesson.markdown;
  if (markdown.startsWith(QLatin1String("# "))) markdown = markdown.mid(markdown.indexOf(QLatin1Char('\n')) + 1);
  m_text->setMarkdown(markdown);

  // Slots without an example in this lesson are shown but disabled.
  auto *model = qobject_cast<QStandardItemModel *>(m_languageBox->model());
  for (int i = 0; i < m_languageBox->count(); ++i)
    if (model) model->item(i)->setEnabled(!exampleKeyFor(lesson, m_languageBox->itemData(i).toString()).isEmpty());
  if (exampleKeyFor(lesson, m_languageBox->currentData().toString()).isEmpty()) {
    for (int i = 0; i < m_languageBox->count(); ++i)
      if (!exampleKeyFor(lesson, m_languageBox->itemData(i).toString()).isEmpty()) {
        m_languageBox->setCurrentIndex(i);
        break;
      }
  }
  showExamples();
}

bool LessonView::setExampleLanguage(const QString &key) {
  const QString slot = slotForKey(key);
  const int i = m_languageBox->findData(slot);
  if (i < 0 || exampleKeyFor(m_lesson, slot).isEmpty()) return false;
  m_languageBox->setCurrentIndex(i);
  showExamples();
  return true;
}

QString LessonView::exampleLanguage() const { return m_shownKey; }

bool LessonView::showSection(const QString &heading) {
  for (QTextBlock b = m_text->document()->begin(); b.isValid(); b = b.next()) {
    if (b.blockFormat().headingLevel() == 0 || b.text().trimmed() != heading) continue;
    // To the end first, so the heading can land at the top of the view.
    m_text->verticalScrollBar()->setValue(m_text->verticalScrollBar()->maximum());
    QTextCursor c(b);
    m_text->setTextCursor(c);
    m_text->ensureCursorVisible();
    return true;
  }
  return false;
}

void LessonView::showExamples() {
  m_shownKey = exampleKeyFor(m_lesson, m_languageBox->currentData().toString());
  m_try->setEnabled(!m_shownKey.isEmpty());
  if (m_shownKey.isEmpty()) {
    m_wrong->clear();
    m_correct->clear();
    m_wrong->setMarks({});
    return;
  }
  const LessonExample ex = m_lesson.examples.value(m_shownKey);
  const cio::Language &lang = LanguageRegistry::byKey(m_shownKey);
  for (CodeEditor *e : {m_wrong, m_correct}) {
    e->setReadOnly(false);
    e->setSourceLanguage(lang);
  }
  m_wrong->setText(ex.wrong);
  m_correct->setText(ex.correct);
  m_wrong->setReadOnly(true);
  m_correct->setReadOnly(true);
  // The mark is the analyzer's own finding, so the lesson shows exactly what the
  // playground would show for the same code. Examples are small: analyse right here.
  const QString file = QStringLiteral("wrong.%1").arg(lang.extensions.value(0));
  const QByteArray code = m_wrong->utf8Text();
  cio::AnalysisResult r = cio::Analyzer().analyzeSource(file, code, lang);
  // Absence rules (CIO008) never judge a snippet: the rest of a project may hold the
  // bounce handler. The lesson's example is a whole project, so read it as one.
  const bool ruleFound = std::any_of(r.findings.begin(), r.findings.end(),
                                     [this](const cio::Finding &f) { return f.ruleId == m_lesson.id; });
  if (!ruleFound && cio::findRule(m_lesson.id)) r = cio::Analyzer().analyzeFiles({cio::SourceFile{file, file, code}});
  m_wrong->setMarks(r.findings);
  m_correct->setMarks({});
  // Bring the mistake into view, with its annotation box under it.
  if (!r.findings.empty()) {
    const int line = r.findings.front().line - 1;
    m_wrong->ensureLineVisible(line + 4);
    m_wrong->ensureLineVisible(std::max(0, line - 2));
  }
}

}  // namespace cio::desktop
