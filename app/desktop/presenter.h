#pragma once

// Presenter mode (F5): a lead runs an onboarding session from a projector. One lesson
// section or quiz question per screen, in type large enough to read from the back of a
// room; the keyboard moves on and back; Esc returns to the app.

#include "theme.h"

#include "quiz/quizsession.h"

#include <QList>
#include <QString>
#include <QWidget>

class QLabel;
class QTextBrowser;

namespace cio {
struct Lesson;
}

namespace cio::desktop {

class CodeEditor;

struct Slide {
  enum class Kind { Title, Section, Code, Question };
  Kind kind = Kind::Section;
  QString lessonId;
  QString lessonTitle;
  QString heading;
  QString markdown;  // Title and Section: the body; Code: a one-line caption
  // Code: an example; Question: the question's own snippet, if any.
  QString code;
  QString language;  // lesson example folder name: "javascript", "python", ...
  bool wrong = false;
  cio::QuizItem item;  // Question
};

// The slides of one lesson: a title slide, each section of lesson.md (references left
// out), the wrong example after the first section and the correct one after "How to fix
// it" (in `language` when the lesson has it, else the first it has), then its quiz.
QList<Slide> lessonSlides(const cio::Lesson &lesson, const QString &language = {});
// One slide per question of a quiz session, in its order.
QList<Slide> quizSlides(const cio::QuizSession &session);

class PresenterView : public QWidget {
  Q_OBJECT

 public:
  explicit PresenterView(QWidget *parent = nullptr);

  void setSlides(const QString &title, QList<Slide> slides, int start = 0);
  void setTheme(const Theme &theme);

  int count() const { return static_cast<int>(m_slides.size()); }
  int currentIndex() const { return m_index; }
  const Slide &currentSlide() const;
  // A question slide is shown first without its answer; the next key press reveals it.
  bool answerRevealed() const { return m_revealed; }
  QString positionText() const;

  // Right, Down, Page Down, Space, Enter: reveal the answer, else the next slide.
  void next();
  // Left, Up, Page Up, Backspace: hide the answer, else the previous slide.
  void previous();
  void goTo(int index);

  QLabel *headingLabel() const { return m_heading; }
  QTextBrowser *textView() const { return m_text; }
  CodeEditor *codeView() const { return m_code; }
  // What is on the screen, as plain text (heading and body), for tests.
  QString visibleText() const;
  // The code's font size in points after fitting (0 when no code is shown).
  int codePointSize() const;
  int textPixelSize() const { return m_textPx; }

 Q_SIGNALS:
  void exitRequested();
  void slideChanged(int index);

 protected:
  void keyPressEvent(QKeyEvent *event) override;
  void resizeEvent(QResizeEvent *event) override;
  void showEvent(QShowEvent *event) override;

 private:
  void render();
  void fitText();
  void fitCode();
  QString questionHtml(const cio::QuizItem &item) const;

  QList<Slide> m_slides;
  QString m_title;
  int m_index = 0;
  bool m_revealed = false;
  int m_textPx = 28;
  Theme m_theme;
  QLabel *m_top;
  QLabel *m_position;
  QLabel *m_heading;
  QTextBrowser *m_text;
  CodeEditor *m_code;
  QLabel *m_footer;
};

}  // namespace cio::desktop
