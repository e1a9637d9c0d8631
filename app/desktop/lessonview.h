#pragma once

#include "lessoncatalog.h"
#include "theme.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTextBrowser;

namespace cio::desktop {

class CodeEditor;

// One lesson: its text (Markdown) above, the wrong and the correct example side by side
// below, with the analyzer's own finding marked in the wrong one.
class LessonView : public QWidget {
  Q_OBJECT

 public:
  explicit LessonView(QWidget *parent = nullptr);

  void setLesson(const LessonInfo &lesson);
  const LessonInfo &lesson() const { return m_lesson; }
  // "javascript" (JS/TS), "python", "ruby", "go". False when the lesson has no example in it.
  bool setExampleLanguage(const QString &key);
  QString exampleLanguage() const;
  // Scrolls the lesson text so this section heading ("How to fix it") is at the top.
  // False when the lesson has no such heading.
  bool showSection(const QString &heading);
  void setTheme(const Theme &theme);

  CodeEditor *wrongEditor() const { return m_wrong; }
  CodeEditor *correctEditor() const { return m_correct; }
  QTextBrowser *textView() const { return m_text; }
  QComboBox *languageBox() const { return m_languageBox; }

  // The example folder key a language switcher slot shows for this lesson, or empty.
  static QString exampleKeyFor(const LessonInfo &lesson, const QString &slot);

 Q_SIGNALS:
  void tryInPlayground(const QString &code, const QString &languageKey);
  void quizRequested(const QString &lessonId);

 private:
  void showExamples();

  LessonInfo m_lesson;
  Theme m_theme;
  QLabel *m_title;
  QLabel *m_badge;
  QTextBrowser *m_text;
  QComboBox *m_languageBox;
  QPushButton *m_try;
  QPushButton *m_quiz;
  QLabel *m_wrongHeader;
  QLabel *m_correctHeader;
  CodeEditor *m_wrong;
  CodeEditor *m_correct;
  QString m_shownKey;
};

}  // namespace cio::desktop
