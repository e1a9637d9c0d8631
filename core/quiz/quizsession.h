#pragma once

// A self-paced quiz: questions from one lesson, a track, or a mixed exam, taken one at a
// time in order, graded with immediate feedback that points to the lesson section to read.
// Qt Core only: the desktop app and tests drive it the same way.

#include "findings/finding.h"
#include "lessons/lesson.h"

#include <QList>
#include <QMap>
#include <QPair>
#include <QSet>
#include <QString>
#include <QStringList>

#include <vector>

namespace cio {

class LessonRepository;
class ProgressStore;

struct QuizItem {
  QString lessonId;     // "CIO002"
  QString lessonTitle;  // for the header and the review
  QuizQuestion question;

  bool isValid() const { return !lessonId.isEmpty(); }
};

// What the learner gave for one question; only the field of its kind is read.
struct QuizAnswer {
  int choice = -1;       // MultipleChoice: index into choices
  bool isTrue = false;   // TrueFalse
  QSet<int> lines;       // SpotTheLine: 1-based lines the learner clicked
  QString code;          // FixIt: the learner's edited code

  static QuizAnswer multipleChoice(int index) { QuizAnswer a; a.choice = index; return a; }
  static QuizAnswer trueFalse(bool value) { QuizAnswer a; a.isTrue = value; return a; }
  static QuizAnswer spotLines(QSet<int> l) { QuizAnswer a; a.lines = std::move(l); return a; }
  static QuizAnswer fixIt(QString c) { QuizAnswer a; a.code = std::move(c); return a; }
};

struct QuizFeedback {
  bool correct = false;
  QString headline;  // "Correct." / "Not quite."
  QString text;      // why, in plain words (may hold several paragraphs separated by \n\n)
  QString lessonId;
  QString section;   // the lesson.md heading to read ("How to fix it")
};

// Fix-it grading: the learner's code must parse without syntax errors, the analyzer must
// report nothing of the question's rule, and every mustContain string must be present.
struct FixItResult {
  bool parsed = false;
  bool syntaxErrors = false;
  QStringList ruleFindings;  // "line 7: <message>" for the question's rule
  QStringList otherFindings; // same for other rules (shown as hints, never fail the check)
  QStringList missing;       // mustContain strings that are absent
  std::vector<Finding> findings;  // everything the analyzer reported, for editor marks
  bool passed() const { return parsed && !syntaxErrors && ruleFindings.isEmpty() && missing.isEmpty(); }
};

// Whether fix-it code holds one of the exercise's mustContain strings, as a person would
// write it: spacing around punctuation and the quote style do not matter; a string that
// starts with "\n" must start a line.
bool fixItContains(const QString &code, const QString &needle);

// Runs the analyzer as cio-lint would on a project made of this one file, so project-level
// rules (CIO008) grade correctly.
FixItResult checkFixIt(const QuizQuestion &question, const QString &code);

// Grades one answer without a session (also used by the session).
QuizFeedback gradeAnswer(const QuizItem &item, const QuizAnswer &answer, FixItResult *fixIt = nullptr);

class QuizSession {
 public:
  enum class Mode { Lesson, Track, Exam, Review };

  QuizSession() = default;

  // Every question of one lesson, in quiz.json order.
  static QuizSession forLesson(const LessonRepository &repo, const QString &lessonId);
  // Every question of every lesson of a track, in the track's order; a track with a
  // language leaves out the code exercises written in other languages.
  static QuizSession forTrack(const LessonRepository &repo, const QString &trackId);
  // The questions of `lesson` a track in `language` asks: concept questions and code
  // exercises in that language (all of them for an empty language, or where the lesson
  // has none in it), in quiz.json order.
  static QList<QuizQuestion> trackQuestions(const Lesson &lesson, const QString &language);
  // A mixed exam over the chosen lessons, every question: the lessons' first questions in
  // the order given, then their second ones, and so on.
  static QuizSession forExam(const LessonRepository &repo, const QStringList &lessonIds);
  // The chosen lessons' questions in Leitner order (missed ones first), at most `limit`.
  static QuizSession forReview(const LessonRepository &repo, const ProgressStore &progress,
                               const QStringList &lessonIds, int limit = 10);
  // Exactly these questions (e.g. the ones missed in the last session, to practise).
  static QuizSession forItems(const QString &title, const QList<QuizItem> &items);

  bool isValid() const { return !m_items.isEmpty(); }
  Mode mode() const { return m_mode; }
  QString title() const { return m_title; }  // "CIO002 Millisecond timestamps", "Track: Node.js backend"
  QString trackId() const { return m_trackId; }
  QStringList lessonIds() const;  // in question order, each once

  int count() const { return m_items.size(); }
  int currentIndex() const { return m_index; }
  bool atEnd() const { return m_index >= m_items.size(); }
  const QuizItem &current() const;
  const QuizItem &item(int index) const { return m_items.at(index); }

  // Grades the current question (the first answer counts for the score; a later answer
  // to the same question only gives feedback). Records it in `progress` when one is set.
  QuizFeedback answer(const QuizAnswer &answer);
  bool isAnswered(int index) const { return m_results.contains(index); }
  bool isCorrect(int index) const { return m_results.value(index, false); }
  bool currentAnswered() const { return isAnswered(m_index); }
  void next();
  void previous();

  int score() const;          // first answers that were right
  int answeredCount() const { return m_results.size(); }
  QList<QuizItem> missed() const;  // questions answered wrong first time, in quiz order
  // lessonId -> (right, asked) for the questions of this session.
  QMap<QString, QPair<int, int>> scoresByLesson() const;

  // Progress is recorded as answers come in and the per-lesson scores when the session
  // reaches its end (finish()). Not owned.
  void setProgressStore(ProgressStore *store) { m_progress = store; }
  void finish();

 private:
  void addLesson(const Lesson &lesson);

  Mode m_mode = Mode::Lesson;
  QString m_title;
  QString m_trackId;
  QList<QuizItem> m_items;
  QMap<int, bool> m_results;  // index -> first answer right
  int m_index = 0;
  ProgressStore *m_progress = nullptr;
  bool m_finished = false;
};

}  // namespace cio
