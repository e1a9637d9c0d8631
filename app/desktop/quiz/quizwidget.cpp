#include "quizwidget.h"

#include "quizsummary.h"

#include "language/language.h"
#include "lessons/lessonrepository.h"
#include "quiz/progressstore.h"

#include <Qsci/qscilexercpp.h>
#include <Qsci/qscilexerjavascript.h>
#include <Qsci/qscilexerpython.h>
#include <Qsci/qscilexerruby.h>
#include <Qsci/qsciscintilla.h>
#include <Qsci/qscistyle.h>

#include <QButtonGroup>
#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace cio::desktop {

namespace {

enum Marker { MarkedLine = 0, MarkedArrow = 1, RightLine = 2, WrongLine = 3 };
constexpr int kFindingIndicator = 8;

QString kindTitle(QuizQuestion::Kind kind) {
  switch (kind) {
    case QuizQuestion::Kind::MultipleChoice: return QStringLiteral("Multiple choice");
    case QuizQuestion::Kind::TrueFalse: return QStringLiteral("True or false?");
    case QuizQuestion::Kind::SpotTheLine: return QStringLiteral("Spot the line");
    case QuizQuestion::Kind::FixIt: return QStringLiteral("Fix it");
    default: return {};
  }
}

QsciLexer *lexerFor(const QString &language, QObject *parent) {
  if (language == QLatin1String("python")) return new QsciLexerPython(parent);
  if (language == QLatin1String("ruby")) return new QsciLexerRuby(parent);
  if (language == QLatin1String("go")) return new QsciLexerCPP(parent);  // close enough for colours
  return new QsciLexerJavaScript(parent);
}

QString htmlParagraphs(const QString &text) {
  QStringList out;
  for (const QString &p : text.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts))
    out << QStringLiteral("<p style=\"margin:0 0 6px 0\">%1</p>").arg(p.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
  return out.join(QString());
}

QFrame *panel(QWidget *parent, const QString &objectName) {
  auto *f = new QFrame(parent);
  f->setObjectName(objectName);
  f->setFrameShape(QFrame::StyledPanel);
  return f;
}

}  // namespace

QuizWidget::QuizWidget(const LessonRepository *repo, ProgressStore *progress, QWidget *parent)
    : QWidget(parent), m_repo(repo), m_progress(progress) {
  auto *root = new QVBoxLayout(this);
  root->setContentsMargins(18, 14, 18, 14);
  root->setSpacing(10);

  // Header: what is being taken, who is taking it, how far and how well.
  auto *header = new QHBoxLayout;
  auto *titles = new QVBoxLayout;
  m_title = new QLabel(this);
  QFont tf = m_title->font();
  tf.setPointSizeF(tf.pointSizeF() * 1.45);
  tf.setBold(true);
  m_title->setFont(tf);
  m_position = new QLabel(this);
  m_position->setStyleSheet(QStringLiteral("color:#57606a;"));
  titles->addWidget(m_title);
  titles->addWidget(m_position);
  header->addLayout(titles, 1);
  auto *who = new QVBoxLayout;
  auto *profileRow = new QHBoxLayout;
  profileRow->addWidget(new QLabel(QStringLiteral("Learner:"), this));
  m_profiles = new QComboBox(this);
  m_profiles->setMinimumWidth(140);
  m_profiles->setToolTip(QStringLiteral("Each learner's progress is saved separately"));
  profileRow->addWidget(m_profiles);
  auto *newProfile = new QPushButton(QStringLiteral("New learner\u2026"), this);
  newProfile->setEnabled(m_progress != nullptr);
  profileRow->addWidget(newProfile);
  who->addLayout(profileRow);
  m_score = new QLabel(this);
  m_score->setAlignment(Qt::AlignRight);
  QFont sf = m_score->font();
  sf.setBold(true);
  m_score->setFont(sf);
  who->addWidget(m_score);
  header->addLayout(who);
  root->addLayout(header);

  m_notice = new QLabel(this);
  m_notice->setObjectName(QStringLiteral("notice"));
  m_notice->setWordWrap(true);
  m_notice->setStyleSheet(QStringLiteral("background:#fff4ce; color:#5c4400; padding:6px; border-radius:4px;"));
  m_notice->hide();
  root->addWidget(m_notice);

  m_pages = new QStackedWidget(this);
  root->addWidget(m_pages, 1);

  // --- question page ---
  auto *qpage = new QWidget(m_pages);
  auto *ql = new QVBoxLayout(qpage);
  ql->setContentsMargins(0, 0, 0, 0);
  ql->setSpacing(8);
  m_kind = new QLabel(qpage);
  m_kind->setStyleSheet(QStringLiteral("color:#1f6feb; font-weight:bold;"));
  ql->addWidget(m_kind);
  m_prompt = new QLabel(qpage);
  m_prompt->setWordWrap(true);
  m_prompt->setTextInteractionFlags(Qt::TextSelectableByMouse);
  QFont pf = m_prompt->font();
  pf.setPointSizeF(pf.pointSizeF() * 1.2);
  m_prompt->setFont(pf);
  ql->addWidget(m_prompt);

  m_choices = new QWidget(qpage);
  m_choicesLayout = new QVBoxLayout(m_choices);
  m_choicesLayout->setContentsMargins(8, 4, 0, 4);
  m_choicesLayout->setSpacing(8);
  m_choiceGroup = new QButtonGroup(this);
  ql->addWidget(m_choices);

  m_editorHelp = new QLabel(qpage);
  m_editorHelp->setWordWrap(true);
  m_editorHelp->setStyleSheet(QStringLiteral("color:#57606a;"));
  ql->addWidget(m_editorHelp);
  m_editor = new QsciScintilla(qpage);
  m_editor->setUtf8(true);
  m_editor->setMarginType(0, QsciScintilla::NumberMargin);
  m_editor->setMarginWidth(0, QStringLiteral("0000"));
  m_editor->setMarginType(1, QsciScintilla::SymbolMargin);
  m_editor->setMarginWidth(1, 18);
  m_editor->setMarginSensitivity(0, true);
  m_editor->setMarginSensitivity(1, true);
  m_editor->setMarginMarkerMask(0, 0);
  m_editor->setMarginMarkerMask(1, 1 << MarkedArrow);
  m_editor->markerDefine(QsciScintilla::Background, MarkedLine);
  m_editor->setMarkerBackgroundColor(QColor(0xff, 0xe0, 0x8a), MarkedLine);
  m_editor->markerDefine(QsciScintilla::RightArrow, MarkedArrow);
  m_editor->setMarkerBackgroundColor(QColor(0xd9, 0x82, 0x00), MarkedArrow);
  m_editor->markerDefine(QsciScintilla::Background, RightLine);
  m_editor->setMarkerBackgroundColor(QColor(0xc8, 0xf0, 0xc8), RightLine);
  m_editor->markerDefine(QsciScintilla::Background, WrongLine);
  m_editor->setMarkerBackgroundColor(QColor(0xf8, 0xc8, 0xc8), WrongLine);
  m_editor->setTabWidth(2);
  m_editor->setIndentationsUseTabs(false);
  m_editor->setAutoIndent(true);
  m_editor->setMinimumHeight(180);
  m_editor->viewport()->installEventFilter(this);
  m_editor->indicatorDefine(QsciScintilla::SquiggleIndicator, kFindingIndicator);
  m_editor->setIndicatorForegroundColor(QColor(0xcf, 0x22, 0x2e), kFindingIndicator);
  m_editor->setAnnotationDisplay(QsciScintilla::AnnotationBoxed);
  {
    QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_annotationStyle =
        QsciStyle(210, QStringLiteral("finding"), QColor(0x8a, 0x1c, 0x1c), QColor(0xfd, 0xec, 0xea), f, true);
  }
  connect(m_editor, &QsciScintilla::marginClicked, this,
          [this](int, int line, Qt::KeyboardModifiers) { toggleLine(line + 1); });
  ql->addWidget(m_editor, 1);

  m_hintsFrame = panel(qpage, QStringLiteral("hints"));
  m_hintsFrame->setStyleSheet(QStringLiteral("#hints { background:#f3f6fa; border:1px solid #d0d7de; border-radius:4px; }"));
  auto *hl = new QVBoxLayout(m_hintsFrame);
  hl->setContentsMargins(10, 6, 10, 6);
  m_liveHints = new QLabel(m_hintsFrame);
  m_liveHints->setWordWrap(true);
  m_liveHints->setTextFormat(Qt::RichText);
  hl->addWidget(m_liveHints);
  m_hints = new QLabel(m_hintsFrame);
  m_hints->setWordWrap(true);
  m_hints->setTextFormat(Qt::RichText);
  hl->addWidget(m_hints);
  ql->addWidget(m_hintsFrame);

  m_feedback = panel(qpage, QStringLiteral("feedback"));
  auto *fl = new QVBoxLayout(m_feedback);
  fl->setContentsMargins(12, 8, 12, 8);
  m_feedbackHeadline = new QLabel(m_feedback);
  QFont hf = m_feedbackHeadline->font();
  hf.setBold(true);
  hf.setPointSizeF(hf.pointSizeF() * 1.15);
  m_feedbackHeadline->setFont(hf);
  fl->addWidget(m_feedbackHeadline);
  m_feedbackText = new QLabel(m_feedback);
  m_feedbackText->setWordWrap(true);
  m_feedbackText->setTextFormat(Qt::RichText);
  m_feedbackText->setTextInteractionFlags(Qt::TextSelectableByMouse);
  fl->addWidget(m_feedbackText);
  m_feedbackLink = new QLabel(m_feedback);
  m_feedbackLink->setTextFormat(Qt::RichText);
  connect(m_feedbackLink, &QLabel::linkActivated, this, [this](const QString &link) {
    // "lesson:CIO002#How to fix it"
    const QString rest = link.mid(link.indexOf(QLatin1Char(':')) + 1);
    const int hash = rest.indexOf(QLatin1Char('#'));
    Q_EMIT openLessonRequested(rest.left(hash), hash < 0 ? QString() : rest.mid(hash + 1));
  });
  fl->addWidget(m_feedbackLink);
  ql->addWidget(m_feedback);
  // Takes the free space when there is no editor, so choices sit under the prompt.
  m_spacer = new QWidget(qpage);
  m_spacer->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
  ql->addWidget(m_spacer, 1);

  auto *buttons = new QHBoxLayout;
  m_prevButton = new QPushButton(QStringLiteral("\u2190 Previous"), qpage);
  m_prevButton->setObjectName(QStringLiteral("previousButton"));
  m_prevButton->setToolTip(QStringLiteral("Previous question (Alt+Left)"));
  m_prevButton->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
  buttons->addWidget(m_prevButton);
  buttons->addStretch(1);
  m_hintButton = new QPushButton(QStringLiteral("Show hint"), qpage);
  m_hintButton->setObjectName(QStringLiteral("hintButton"));
  buttons->addWidget(m_hintButton);
  m_checkButton = new QPushButton(QStringLiteral("Check"), qpage);
  m_checkButton->setObjectName(QStringLiteral("checkButton"));
  m_checkButton->setDefault(true);
  m_checkButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
  m_checkButton->setToolTip(QStringLiteral("Check your answer (Ctrl+Enter)"));
  buttons->addWidget(m_checkButton);
  m_nextButton = new QPushButton(QStringLiteral("Next \u2192"), qpage);
  m_nextButton->setObjectName(QStringLiteral("nextButton"));
  m_nextButton->setToolTip(QStringLiteral("Next question (Alt+Right)"));
  m_nextButton->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
  buttons->addWidget(m_nextButton);
  ql->addLayout(buttons);
  m_pages->addWidget(qpage);

  // --- review page ---
  auto *rpage = new QWidget(m_pages);
  auto *rl = new QVBoxLayout(rpage);
  rl->setContentsMargins(0, 0, 0, 0);
  m_reviewSummary = new QLabel(rpage);
  m_reviewSummary->setWordWrap(true);
  m_reviewSummary->setTextFormat(Qt::RichText);
  rl->addWidget(m_reviewSummary);
  m_reviewList = new QListWidget(rpage);
  m_reviewList->setObjectName(QStringLiteral("reviewList"));
  m_reviewList->setWordWrap(true);
  m_reviewList->setSpacing(4);
  m_reviewList->setAlternatingRowColors(true);
  m_reviewList->setToolTip(QStringLiteral("Double-click a question to read its lesson"));
  connect(m_reviewList, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
    Q_EMIT openLessonRequested(item->data(Qt::UserRole).toString(), item->data(Qt::UserRole + 1).toString());
  });
  rl->addWidget(m_reviewList, 1);
  auto *rb = new QHBoxLayout;
  rb->addStretch(1);
  m_retryButton = new QPushButton(QStringLiteral("Practise the missed questions"), rpage);
  m_retryButton->setObjectName(QStringLiteral("retryButton"));
  rb->addWidget(m_retryButton);
  auto *exportButton = new QPushButton(QStringLiteral("Export summary\u2026"), rpage);
  exportButton->setObjectName(QStringLiteral("exportButton"));
  rb->addWidget(exportButton);
  rl->addLayout(rb);
  m_pages->addWidget(rpage);

  m_liveTimer = new QTimer(this);
  m_liveTimer->setSingleShot(true);
  m_liveTimer->setInterval(350);
  connect(m_liveTimer, &QTimer::timeout, this, &QuizWidget::updateLiveHints);
  connect(m_editor, &QsciScintilla::textChanged, this, [this] {
    if (m_session.current().question.kind == QuizQuestion::Kind::FixIt) m_liveTimer->start();
  });
  connect(m_choiceGroup, &QButtonGroup::idClicked, this, [this](int) { m_checkButton->setEnabled(true); });
  connect(m_checkButton, &QPushButton::clicked, this, &QuizWidget::check);
  connect(m_nextButton, &QPushButton::clicked, this, &QuizWidget::goNext);
  connect(m_prevButton, &QPushButton::clicked, this, &QuizWidget::goPrevious);
  connect(m_hintButton, &QPushButton::clicked, this, &QuizWidget::showNextHint);
  connect(newProfile, &QPushButton::clicked, this, &QuizWidget::addProfile);
  connect(m_profiles, &QComboBox::activated, this, &QuizWidget::onProfileActivated);
  connect(exportButton, &QPushButton::clicked, this, &QuizWidget::exportClicked);
  connect(m_retryButton, &QPushButton::clicked, this, [this] {
    const QList<QuizItem> missed = m_session.missed();
    if (!missed.isEmpty()) start(QuizSession::forItems(QStringLiteral("Practice: missed questions"), missed));
  });

  if (m_progress && !m_progress->message().isEmpty()) {
    m_notice->setText(m_progress->message());
    m_notice->show();
  }
  refreshProfiles();
  setFocusPolicy(Qt::StrongFocus);
}

void QuizWidget::start(QuizSession session) {
  m_session = std::move(session);
  m_session.setProgressStore(m_progress);
  showCurrent();
}

bool QuizWidget::startLesson(const QString &lessonId) {
  QuizSession s = QuizSession::forLesson(*m_repo, lessonId);
  if (!s.isValid()) return false;
  start(std::move(s));
  return true;
}

bool QuizWidget::startTrack(const QString &trackId) {
  QuizSession s = QuizSession::forTrack(*m_repo, trackId);
  if (!s.isValid()) return false;
  start(std::move(s));
  return true;
}

void QuizWidget::updateHeader() {
  m_title->setText(m_session.title());
  if (m_session.atEnd()) {
    m_position->setText(QStringLiteral("Finished: %1 questions").arg(m_session.count()));
  } else {
    const QuizItem &it = m_session.current();
    QString pos = QStringLiteral("Question %1 of %2").arg(m_session.currentIndex() + 1).arg(m_session.count());
    // A one-lesson quiz already names its lesson in the title.
    if (m_session.mode() != QuizSession::Mode::Lesson)
      pos += QStringLiteral("  \u00B7  %1 %2").arg(it.lessonId, it.lessonTitle);
    m_position->setText(pos);
  }
  m_score->setText(scoreText());
}

QString QuizWidget::scoreText() const {
  return QStringLiteral("Score: %1 / %2").arg(m_session.score()).arg(m_session.answeredCount());
}

void QuizWidget::showCurrent() {
  m_liveTimer->stop();
  if (!m_session.isValid()) {
    m_title->setText(QStringLiteral("No quiz"));
    m_position->clear();
    m_score->clear();
    return;
  }
  if (m_session.atEnd()) {
    showReview();
    return;
  }
  m_pages->setCurrentIndex(0);
  const QuizQuestion &q = m_session.current().question;
  m_marked.clear();
  m_revealed = false;
  m_hintsShown = 0;
  QString kind = kindTitle(q.kind).toUpper();
  // A track mixes snippet languages: say which one this code is in.
  if (!q.language.isEmpty()) {
    const Language &lang = LanguageRegistry::byKey(q.language);
    kind += QStringLiteral("  \u00B7  ") + (lang.isValid() ? lang.displayName : q.language).toUpper();
  }
  m_kind->setText(kind);
  m_prompt->setText(q.prompt);
  m_feedback->hide();

  // Choices (rebuilt for each question).
  for (QAbstractButton *b : m_choiceGroup->buttons()) {
    m_choiceGroup->removeButton(b);
    delete b;
  }
  const bool choice = q.kind == QuizQuestion::Kind::MultipleChoice || q.kind == QuizQuestion::Kind::TrueFalse;
  m_choices->setVisible(choice);
  if (choice) {
    const QStringList labels = q.kind == QuizQuestion::Kind::TrueFalse ? QStringList{QStringLiteral("True"), QStringLiteral("False")} : q.choices;
    for (int i = 0; i < labels.size(); ++i) {
      auto *b = new QRadioButton(labels[i], m_choices);
      b->setStyleSheet(QStringLiteral("QRadioButton { padding: 3px; }"));
      m_choiceGroup->addButton(b, i);
      m_choicesLayout->addWidget(b);
    }
  }

  const bool code = q.kind == QuizQuestion::Kind::SpotTheLine || q.kind == QuizQuestion::Kind::FixIt;
  m_editor->setVisible(code);
  m_spacer->setVisible(!code);
  m_editorHelp->setVisible(code);
  m_hintsFrame->setVisible(q.kind == QuizQuestion::Kind::FixIt);
  m_hintButton->setVisible(q.kind == QuizQuestion::Kind::FixIt);
  if (code) {
    QsciLexer *old = m_editor->lexer();
    QsciLexer *lexer = lexerFor(q.language, m_editor);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    lexer->setDefaultFont(mono);
    lexer->setFont(mono, -1);
    m_editor->setLexer(lexer);
    delete old;
    m_editor->setMarginsFont(mono);
    m_editor->setReadOnly(false);
    m_findings.clear();
    m_editor->setText(q.code);
    m_editor->clearAnnotations();
    const bool spot = q.kind == QuizQuestion::Kind::SpotTheLine;
    m_editor->setReadOnly(spot);
    m_editor->setCaretLineVisible(!spot);
    m_editor->setCaretLineBackgroundColor(QColor(0xf5, 0xf5, 0xf5));
    m_editorHelp->setText(spot ? QStringLiteral("Click the line (or its number) that holds the mistake; click again to unmark. "
                                                "Mark every such line, then press Check.")
                               : QStringLiteral("Edit the code to fix the mistake, then press Check. The analyzer's findings "
                                                "update below as you type; \u201CShow hint\u201D gives one step at a time."));
    paintMarkers();
  }
  m_hints->clear();
  m_hints->setVisible(false);
  if (q.kind == QuizQuestion::Kind::FixIt) {
    m_hintButton->setEnabled(!q.hints.isEmpty());
    updateLiveHints();
  }
  m_checkButton->setEnabled(q.kind != QuizQuestion::Kind::MultipleChoice && q.kind != QuizQuestion::Kind::TrueFalse);
  m_prevButton->setEnabled(m_session.currentIndex() > 0);
  m_nextButton->setText(m_session.currentIndex() + 1 == m_session.count() ? QStringLiteral("Finish \u2192")
                                                                          : QStringLiteral("Next \u2192"));
  updateHeader();
}

void QuizWidget::paintMarkers() {
  m_editor->markerDeleteAll();
  const QuizQuestion &q = m_session.current().question;
  if (m_revealed) {
    for (int l : q.lines) m_editor->markerAdd(l - 1, RightLine);
    for (int l : m_marked)
      if (!q.lines.contains(l)) m_editor->markerAdd(l - 1, WrongLine);
  } else {
    for (int l : m_marked) m_editor->markerAdd(l - 1, MarkedLine);
  }
  for (int l : m_marked) m_editor->markerAdd(l - 1, MarkedArrow);
}

bool QuizWidget::eventFilter(QObject *watched, QEvent *event) {
  // The boxes under the lines are wrapped to the editor's width.
  if (watched == m_editor->viewport() && event->type() == QEvent::Resize &&
      m_session.current().question.kind == QuizQuestion::Kind::FixIt)
    paintFindings();
  if (watched == m_editor->viewport() && event->type() == QEvent::MouseButtonRelease &&
      m_session.current().question.kind == QuizQuestion::Kind::SpotTheLine) {
    // Anywhere on the row counts, also right of the line's end (lineAt() only answers
    // over text).
    const QPoint p = static_cast<QMouseEvent *>(event)->position().toPoint();
    const long pos = m_editor->SendScintilla(QsciScintilla::SCI_POSITIONFROMPOINT,
                                             static_cast<unsigned long>(std::max(0, p.x())), static_cast<long>(p.y()));
    const int line =
        static_cast<int>(m_editor->SendScintilla(QsciScintilla::SCI_LINEFROMPOSITION, static_cast<unsigned long>(pos)));
    const long top = m_editor->SendScintilla(
        QsciScintilla::SCI_POINTYFROMPOSITION, 0UL,
        m_editor->SendScintilla(QsciScintilla::SCI_POSITIONFROMLINE, static_cast<unsigned long>(line)));
    const long height = m_editor->SendScintilla(QsciScintilla::SCI_TEXTHEIGHT, static_cast<unsigned long>(line));
    if (line >= 0 && p.y() >= top && p.y() < top + height) toggleLine(line + 1);
  }
  return QWidget::eventFilter(watched, event);
}

void QuizWidget::chooseAnswer(int index) {
  if (QAbstractButton *b = m_choiceGroup->button(index)) {
    b->setChecked(true);
    m_checkButton->setEnabled(true);
  }
}

void QuizWidget::toggleLine(int line) {
  if (m_session.current().question.kind != QuizQuestion::Kind::SpotTheLine || line < 1 || line > m_editor->lines()) return;
  if (m_marked.contains(line)) m_marked.remove(line);
  else m_marked.insert(line);
  m_revealed = false;
  paintMarkers();
}

void QuizWidget::setFixItCode(const QString &code) {
  m_editor->setText(code);
  updateLiveHints();
}

QString QuizWidget::fixItCode() const { return m_editor->text(); }

void QuizWidget::showNextHint() {
  const QuizQuestion &q = m_session.current().question;
  if (m_hintsShown >= q.hints.size()) return;
  ++m_hintsShown;
  QStringList lines;
  for (int i = 0; i < m_hintsShown; ++i)
    lines << QStringLiteral("<b>Hint %1:</b> %2").arg(i + 1).arg(q.hints[i].toHtmlEscaped());
  m_hints->setText(lines.join(QStringLiteral("<br>")));
  m_hints->setVisible(true);
  m_hintButton->setEnabled(m_hintsShown < q.hints.size());
  m_hintButton->setText(m_hintsShown < q.hints.size() ? QStringLiteral("Show hint %1 of %2").arg(m_hintsShown + 1).arg(q.hints.size())
                                                      : QStringLiteral("No more hints"));
}

void QuizWidget::updateLiveHints() {
  const QuizQuestion &q = m_session.current().question;
  if (q.kind != QuizQuestion::Kind::FixIt) return;
  const FixItResult r = checkFixIt(q, m_editor->text());
  QStringList items;
  if (r.syntaxErrors) items << QStringLiteral("<span style=\"color:#b42318\">The code does not parse yet (syntax error).</span>");
  for (const QString &f : r.ruleFindings) items << QStringLiteral("<span style=\"color:#b42318\">\u25CF</span> ") + f.toHtmlEscaped();
  for (const QString &f : r.otherFindings) items << QStringLiteral("<span style=\"color:#9a6700\">\u25CF</span> ") + f.toHtmlEscaped();
  const QString head = r.ruleFindings.isEmpty() && !r.syntaxErrors
                           ? QStringLiteral("<b>Analyzer:</b> no %1 finding any more.").arg(q.rule)
                           : QStringLiteral("<b>Analyzer:</b>");
  m_liveHints->setText(items.isEmpty() ? head : head + QStringLiteral("<br>") + items.join(QStringLiteral("<br>")));
  m_liveHints->setProperty("plainHints", r.ruleFindings + r.otherFindings);
  m_findings = r.findings;
  paintFindings();
  if (m_hintButton->text().isEmpty() || m_hintsShown == 0)
    m_hintButton->setText(QStringLiteral("Show hint 1 of %1").arg(q.hints.size()));
}

void QuizWidget::paintFindings() {
  // The findings in the code, as the playground draws them: a squiggle under the
  // expression and a box under its line.
  const auto length = static_cast<long>(m_editor->SendScintilla(QsciScintilla::SCI_GETLENGTH));
  m_editor->SendScintilla(QsciScintilla::SCI_SETINDICATORCURRENT, kFindingIndicator);
  m_editor->SendScintilla(QsciScintilla::SCI_INDICATORCLEARRANGE, 0L, length);
  m_editor->clearAnnotations();
  QMap<int, QStringList> perLine;
  for (const Finding &f : m_findings) {
    const long start = std::min<long>(f.range.startByte, length);
    const long len = std::max<long>(1, std::min<long>(f.range.endByte, length) - start);
    m_editor->SendScintilla(QsciScintilla::SCI_INDICATORFILLRANGE, start, std::min(len, length - start));
    perLine[f.line - 1] << QStringLiteral("%1  %2").arg(f.ruleId, f.message);
  }
  // Annotations do not wrap by themselves: wrap them to the visible width.
  const int charWidth = std::max(1, QFontMetrics(m_annotationStyle.font()).horizontalAdvance(QLatin1Char('M')));
  const int columns = std::max(
      30, (m_editor->viewport()->width() - m_editor->marginWidth(0) - m_editor->marginWidth(1)) / charWidth - 6);
  for (auto it = perLine.cbegin(); it != perLine.cend(); ++it) {
    // The box starts under the line's indentation.
    const int room = std::max(24, columns - m_editor->indentation(it.key()));
    QStringList wrapped;
    for (const QString &message : it.value()) {
      QString line;
      for (const QString &word : message.split(QLatin1Char(' '))) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > room) {
          wrapped << line;
          line = QStringLiteral("        ");  // under the message, past the rule id
        }
        line += (line.isEmpty() || line.endsWith(QLatin1Char(' ')) ? QString() : QStringLiteral(" ")) + word;
      }
      wrapped << line;
    }
    m_editor->annotate(it.key(), wrapped.join(QLatin1Char('\n')), m_annotationStyle);
  }
}

QStringList QuizWidget::liveHints() const { return m_liveHints->property("plainHints").toStringList(); }

void QuizWidget::check() {
  if (m_session.atEnd()) return;
  const QuizQuestion &q = m_session.current().question;
  QuizAnswer a;
  switch (q.kind) {
    case QuizQuestion::Kind::MultipleChoice: a = QuizAnswer::multipleChoice(m_choiceGroup->checkedId()); break;
    case QuizQuestion::Kind::TrueFalse: a = QuizAnswer::trueFalse(m_choiceGroup->checkedId() == 0); break;
    case QuizQuestion::Kind::SpotTheLine: a = QuizAnswer::spotLines(m_marked); break;
    case QuizQuestion::Kind::FixIt: a = QuizAnswer::fixIt(m_editor->text()); break;
    default: return;
  }
  if ((q.kind == QuizQuestion::Kind::MultipleChoice || q.kind == QuizQuestion::Kind::TrueFalse) && m_choiceGroup->checkedId() < 0)
    return;
  const bool firstTime = !m_session.currentAnswered();
  const QuizFeedback fb = m_session.answer(a);
  if (q.kind == QuizQuestion::Kind::SpotTheLine) {
    m_revealed = true;
    paintMarkers();
  }
  showFeedback(fb);
  if (firstTime) saveProgress();
  updateHeader();
}

void QuizWidget::saveProgress() {
  if (!m_progress) return;
  if (!m_progress->save()) {
    m_notice->setText(m_progress->message());
    m_notice->show();
  }
  Q_EMIT progressChanged();
}

void QuizWidget::showFeedback(const QuizFeedback &fb) {
  const QString colour = fb.correct ? QStringLiteral("#1a7f37") : QStringLiteral("#b42318");
  const QString bg = fb.correct ? QStringLiteral("#eefbf0") : QStringLiteral("#fff1f0");
  m_feedback->setStyleSheet(QStringLiteral("#feedback { background:%1; border:1px solid %2; border-radius:4px; }").arg(bg, colour));
  m_feedbackHeadline->setStyleSheet(QStringLiteral("color:%1").arg(colour));
  m_feedbackHeadline->setText((fb.correct ? QStringLiteral("\u2714 ") : QStringLiteral("\u2718 ")) + fb.headline);
  m_feedbackText->setText(htmlParagraphs(fb.text));
  m_feedbackText->setProperty("plain", fb.headline + QLatin1Char(' ') + fb.text);
  m_feedbackLink->setText(QStringLiteral("<a href=\"lesson:%1#%2\">Read \u201C%2\u201D in lesson %1 \u2192</a>")
                              .arg(fb.lessonId.toHtmlEscaped(), fb.section.toHtmlEscaped()));
  m_feedback->show();
}

QString QuizWidget::feedbackText() const { return m_feedbackText->property("plain").toString(); }
bool QuizWidget::feedbackVisible() const { return m_feedback->isVisibleTo(const_cast<QuizWidget *>(this)); }

void QuizWidget::goNext() {
  if (m_session.atEnd()) return;
  m_session.next();
  if (m_session.atEnd() && m_progress) saveProgress();  // per-lesson scores were recorded
  showCurrent();
}

void QuizWidget::goPrevious() {
  m_session.previous();
  showCurrent();
}

bool QuizWidget::showingReview() const { return m_pages->currentIndex() == 1; }

void QuizWidget::showReview() {
  m_pages->setCurrentIndex(1);
  updateHeader();
  QString text = QStringLiteral("<h2>You scored %1 of %2</h2>").arg(m_session.score()).arg(m_session.count());
  const int skipped = m_session.count() - m_session.answeredCount();
  if (skipped > 0)
    text += QStringLiteral("<p>%1 question%2 skipped without an answer.</p>").arg(skipped).arg(skipped == 1 ? QStringLiteral(" was") : QStringLiteral("s were"));
  const auto scores = m_session.scoresByLesson();
  if (scores.size() > 1) {
    QStringList rows;
    for (const QString &id : m_session.lessonIds())
      rows << QStringLiteral("%1: %2 / %3").arg(id).arg(scores[id].first).arg(scores[id].second);
    text += QStringLiteral("<p>") + rows.join(QStringLiteral(" &nbsp;\u00B7&nbsp; ")) + QStringLiteral("</p>");
  }
  const QList<QuizItem> missed = m_session.missed();
  text += missed.isEmpty() ? QStringLiteral("<p>Nothing to review: every question was right the first time.</p>")
                           : QStringLiteral("<p>Questions to review (they will come back first next time):</p>");
  m_reviewSummary->setText(text);
  m_reviewList->clear();
  for (const QuizItem &item : missed) {
    const QuizFeedback fb = gradeAnswer(item, QuizAnswer{});  // the explanation, without the learner's answer
    QString why = item.question.kind == QuizQuestion::Kind::MultipleChoice ? item.question.explanations.value(item.question.answer)
                  : item.question.kind == QuizQuestion::Kind::TrueFalse    ? fb.text
                  : item.question.kind == QuizQuestion::Kind::SpotTheLine  ? item.question.explanation
                                                                           : item.question.hints.join(QLatin1Char(' '));
    auto *row = new QListWidgetItem(QStringLiteral("%1 \u2014 %2\n%3\nRead: %4").arg(item.lessonId, item.question.prompt, why, fb.section));
    row->setData(Qt::UserRole, item.lessonId);
    row->setData(Qt::UserRole + 1, fb.section);
    m_reviewList->addItem(row);
  }
  m_reviewList->setVisible(!missed.isEmpty());
  m_retryButton->setVisible(!missed.isEmpty());
}

void QuizWidget::refreshProfiles() {
  m_profiles->clear();
  if (!m_progress) {
    m_profiles->addItem(QStringLiteral("(not saved)"));
    m_profiles->setEnabled(false);
    return;
  }
  m_profiles->addItems(m_progress->profiles());
  m_profiles->setCurrentText(m_progress->currentProfile());
}

void QuizWidget::onProfileActivated(int index) {
  if (!m_progress) return;
  m_progress->setCurrentProfile(m_profiles->itemText(index));
  saveProgress();
}

void QuizWidget::addProfile() {
  if (!m_progress) return;
  bool ok = false;
  const QString name = QInputDialog::getText(this, QStringLiteral("New learner"), QStringLiteral("Name of the learner:"),
                                             QLineEdit::Normal, QString(), &ok);
  if (!ok || !m_progress->setCurrentProfile(name)) return;
  refreshProfiles();
  saveProgress();
}

bool QuizWidget::exportSummary(const QString &path, QString *error) const {
  CompletionSummary s;
  s.learner = m_progress ? m_progress->currentProfile() : QStringLiteral("(anonymous)");
  s.title = m_session.title();
  s.date = QDate::currentDate();
  const auto scores = m_session.scoresByLesson();
  for (const QString &id : m_session.lessonIds())
    s.rows << SummaryRow{id, m_repo ? m_repo->lesson(id).title : QString(), scores[id].first, scores[id].second};
  return cio::desktop::exportSummary(s, path, error);
}

void QuizWidget::exportClicked() {
  const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export quiz summary"), QStringLiteral("quiz-summary.html"),
                                                    QStringLiteral("HTML (*.html);;PDF (*.pdf)"));
  if (path.isEmpty()) return;
  QString error;
  if (!exportSummary(path, &error)) QMessageBox::warning(this, QStringLiteral("Export failed"), error);
}

}  // namespace cio::desktop
