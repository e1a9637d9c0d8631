#include "quiz/quizsession.h"

#include "language/language.h"
#include "lessons/lessonrepository.h"
#include "project/analyzer.h"
#include "quiz/progressstore.h"
#include "syntax/document.h"

#include <QRegularExpression>

#include <algorithm>

namespace cio {

namespace {

QString quoted(const QString &s) { return QStringLiteral("\u201C%1\u201D").arg(s); }

QString lineList(QList<int> lines) {
  std::sort(lines.begin(), lines.end());
  QStringList parts;
  for (int l : lines) parts << QString::number(l);
  // A spot-the-line question without lines is broken content (the loader reports it);
  // grading it must still not crash.
  if (parts.isEmpty()) return QStringLiteral("no line the question names");
  if (parts.size() == 1) return QStringLiteral("line ") + parts.first();
  const QString last = parts.takeLast();
  return QStringLiteral("lines %1 and %2").arg(parts.join(QStringLiteral(", ")), last);
}

// The lesson section a question sends the learner to: the one its own text names
// ("See the lesson section How to fix it."), else a sensible default for its kind.
QString sectionFor(const QuizQuestion &q) {
  static const QRegularExpression re(QStringLiteral("lesson section ([A-Za-z ]+?)\\.?\\s*$"));
  QStringList texts = q.hints;
  texts << q.explanation << q.why << q.explanations;
  for (const QString &t : texts) {
    const QRegularExpressionMatch m = re.match(t);
    if (m.hasMatch() && lessonHeadings().contains(m.captured(1).trimmed())) return m.captured(1).trimmed();
  }
  switch (q.kind) {
    case QuizQuestion::Kind::SpotTheLine:
    case QuizQuestion::Kind::FixIt: return QStringLiteral("How to fix it");
    default: return QStringLiteral("Why it matters");
  }
}

const Language &languageOf(const QuizQuestion &q) { return LanguageRegistry::byKey(q.language); }

bool isWordChar(QChar c) {
  return c.isLetterOrNumber() || c == QLatin1Char('_');
}

// Whether `code` holds `needle` the way a person would write it: spacing around
// punctuation and the quote style do not matter ("customer_id = user.id" holds
// "customer_id=user.id", "trial_started" holds 'trial_started'); a needle that starts
// with a line break must start a line (module level).
bool containsLoosely(const QString &code, const QString &needle) {
  QString text = needle;
  QString pattern;
  if (text.startsWith(QLatin1Char('\n'))) {
    pattern = QStringLiteral("(?m)^");
    text = text.mid(1);
  }
  text = text.trimmed();
  for (qsizetype i = 0; i < text.size(); ++i) {
    const QChar c = text[i];
    if (c.isSpace()) {
      const QChar before = text[i - 1];  // trimmed: a space is never first
      while (i + 1 < text.size() && text[i + 1].isSpace()) ++i;
      // "await cio" needs its space; "cio = x" reads the same as "cio=x".
      const bool between = isWordChar(before) && i + 1 < text.size() && isWordChar(text[i + 1]);
      pattern += between ? QStringLiteral("\\s+") : QStringLiteral("\\s*");
      continue;
    }
    pattern += c == QLatin1Char('\'') || c == QLatin1Char('"') ? QStringLiteral("['\"]")
                                                               : QRegularExpression::escape(QString(c));
    if (i + 1 < text.size() && !text[i + 1].isSpace() && (!isWordChar(c) || !isWordChar(text[i + 1])))
      pattern += QStringLiteral("\\s*");
  }
  return QRegularExpression(pattern).match(code).hasMatch();
}

}  // namespace

bool fixItContains(const QString &code, const QString &needle) {
  return containsLoosely(code, needle);
}

FixItResult checkFixIt(const QuizQuestion &question, const QString &code) {
  FixItResult r;
  const Language &lang = languageOf(question);
  if (!lang.isValid()) return r;
  const QByteArray utf8 = code.toUtf8();
  Document doc(lang, utf8);
  r.parsed = doc.parse();
  if (!r.parsed) return r;
  r.syntaxErrors = doc.hasSyntaxErrors();
  for (const QString &s : question.mustContain)
    if (!containsLoosely(code, s)) r.missing << s;
  // The whole project is this one file, as cio-lint would see it: CIO008 needs that.
  const QString path = QStringLiteral("quiz.%1").arg(lang.extensions.value(0, QStringLiteral("txt")));
  const AnalysisResult result = Analyzer().analyzeFiles({SourceFile{path, path, utf8}});
  if (!result.skipped.empty()) r.parsed = false;
  r.findings = result.findings;
  for (const Finding &f : result.findings) {
    const QString text = QStringLiteral("line %1: %2 (%3)").arg(f.line).arg(f.message, f.ruleId);
    (f.ruleId == question.rule ? r.ruleFindings : r.otherFindings) << text;
  }
  return r;
}

QuizFeedback gradeAnswer(const QuizItem &item, const QuizAnswer &answer, FixItResult *fixItOut) {
  const QuizQuestion &q = item.question;
  QuizFeedback fb;
  fb.lessonId = item.lessonId;
  fb.section = sectionFor(q);
  switch (q.kind) {
    case QuizQuestion::Kind::MultipleChoice: {
      fb.correct = answer.choice == q.answer;
      const QString right = q.choices.value(q.answer);
      if (fb.correct) {
        fb.text = q.explanations.value(q.answer);
      } else if (answer.choice < 0 || answer.choice >= q.choices.size()) {
        fb.text = QStringLiteral("No answer was chosen. The answer is %1: %2").arg(quoted(right), q.explanations.value(q.answer));
      } else {
        fb.text = QStringLiteral("You chose %1: %2\n\nThe answer is %3: %4")
                      .arg(quoted(q.choices.value(answer.choice)), q.explanations.value(answer.choice), quoted(right),
                           q.explanations.value(q.answer));
      }
      break;
    }
    case QuizQuestion::Kind::TrueFalse:
      fb.correct = answer.isTrue == q.answerTrue;
      fb.text = QStringLiteral("The statement is %1. %2").arg(q.answerTrue ? QStringLiteral("true") : QStringLiteral("false"), q.why);
      break;
    case QuizQuestion::Kind::SpotTheLine: {
      const QSet<int> expected(q.lines.begin(), q.lines.end());
      fb.correct = answer.lines == expected;
      QStringList parts;
      if (answer.lines.isEmpty()) {
        parts << QStringLiteral("No line was marked. The mistake is on %1.").arg(lineList(q.lines));
      } else if (!fb.correct) {
        QList<int> wrong, missing;
        for (int l : answer.lines)
          if (!expected.contains(l)) wrong << l;
        for (int l : q.lines)
          if (!answer.lines.contains(l)) missing << l;
        if (!wrong.isEmpty())
          parts << QStringLiteral("You marked %1, which %2 fine as written.")
                       .arg(lineList(wrong), wrong.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"));
        if (!missing.isEmpty()) parts << QStringLiteral("The mistake is on %1, which you did not mark.").arg(lineList(missing));
      }
      parts << q.explanation;
      fb.text = parts.join(QStringLiteral("\n\n"));
      break;
    }
    case QuizQuestion::Kind::FixIt: {
      const FixItResult r = checkFixIt(q, answer.code);
      if (fixItOut) *fixItOut = r;
      fb.correct = r.passed();
      QStringList parts;
      if (!r.parsed) {
        parts << QStringLiteral("The code could not be analysed.");
      } else if (r.syntaxErrors) {
        parts << QStringLiteral("The code has a syntax error; fix it so it parses, then check again.");
      }
      if (!r.ruleFindings.isEmpty())
        parts << QStringLiteral("The analyzer still reports %1:\n%2").arg(q.rule, r.ruleFindings.join(QLatin1Char('\n')));
      if (!r.missing.isEmpty()) {
        QStringList m;
        for (const QString &s : r.missing)
          m << (s.startsWith(QLatin1Char('\n'))
                    ? QStringLiteral("%1 at the start of a line (module level)").arg(quoted(s.mid(1)))
                    : quoted(s));
        parts << QStringLiteral("The exercise also asks for %1 (spacing and quote style do not matter).")
                     .arg(m.join(QStringLiteral(", ")));
      }
      if (fb.correct)
        parts << QStringLiteral("The analyzer no longer reports %1 and the fix has everything it needs.").arg(q.rule);
      fb.text = parts.join(QStringLiteral("\n\n"));
      break;
    }
    case QuizQuestion::Kind::Unknown: fb.text = QStringLiteral("This question cannot be graded."); break;
  }
  fb.headline = fb.correct ? QStringLiteral("Correct.") : QStringLiteral("Not quite.");
  return fb;
}

// --- session ---------------------------------------------------------------------------

void QuizSession::addLesson(const Lesson &lesson) {
  for (const QuizQuestion &q : lesson.quiz)
    if (q.kind != QuizQuestion::Kind::Unknown) m_items.append(QuizItem{lesson.id, lesson.title, q});
}

QuizSession QuizSession::forLesson(const LessonRepository &repo, const QString &lessonId) {
  QuizSession s;
  s.m_mode = Mode::Lesson;
  const Lesson l = repo.lesson(lessonId);
  if (!l.isValid()) return s;
  s.m_title = QStringLiteral("%1 %2").arg(l.id, l.title);
  s.addLesson(l);
  return s;
}

QList<QuizQuestion> QuizSession::trackQuestions(const Lesson &lesson, const QString &language) {
  QList<QuizQuestion> all, fitting;
  for (const QuizQuestion &q : lesson.quiz) {
    if (q.kind == QuizQuestion::Kind::Unknown) continue;
    all << q;
    const bool code = q.kind == QuizQuestion::Kind::SpotTheLine || q.kind == QuizQuestion::Kind::FixIt;
    if (!code || q.language == language) fitting << q;
  }
  // A lesson that only has exercises in other languages is still asked in full: a Ruby
  // snippet teaches a Node developer more than skipping the lesson.
  return language.isEmpty() || fitting.isEmpty() ? all : fitting;
}

QuizSession QuizSession::forTrack(const LessonRepository &repo, const QString &trackId) {
  const Track t = repo.track(trackId);
  if (!t.isValid()) return {};
  // A track is a learning path: each lesson's questions together, in the track's order.
  QuizSession s;
  for (const QString &id : t.lessonIds) {
    const Lesson l = repo.lesson(id);
    if (!l.isValid()) continue;
    for (const QuizQuestion &q : trackQuestions(l, t.language)) s.m_items.append(QuizItem{l.id, l.title, q});
  }
  s.m_mode = Mode::Track;
  s.m_trackId = t.id;
  s.m_title = QStringLiteral("Track: %1").arg(t.title);
  return s;
}

QuizSession QuizSession::forExam(const LessonRepository &repo, const QStringList &lessonIds) {
  QuizSession s;
  s.m_mode = Mode::Exam;
  s.m_title = QStringLiteral("Exam: %1").arg(lessonIds.join(QStringLiteral(", ")));
  // Mixed: one question of each lesson in turn (first questions of every lesson, then
  // the second ones, ...), so an exam does not read as the lessons' quizzes glued together.
  QList<QList<QuizItem>> perLesson;
  for (const QString &id : lessonIds) {
    const Lesson l = repo.lesson(id);
    if (!l.isValid()) continue;
    QuizSession one;
    one.addLesson(l);
    if (!one.m_items.isEmpty()) perLesson << one.m_items;
  }
  for (int round = 0; !perLesson.isEmpty(); ++round) {
    bool any = false;
    for (const QList<QuizItem> &items : perLesson)
      if (round < items.size()) {
        s.m_items << items[round];
        any = true;
      }
    if (!any) break;
  }
  return s;
}

QuizSession QuizSession::forReview(const LessonRepository &repo, const ProgressStore &progress,
                                   const QStringList &lessonIds, int limit) {
  const QuizSession all = forExam(repo, lessonIds);
  QList<QPair<QString, QString>> keys;
  for (const QuizItem &i : all.m_items) keys << qMakePair(i.lessonId, i.question.id);
  QuizSession s;
  s.m_mode = Mode::Review;
  s.m_title = QStringLiteral("Review");
  for (const auto &k : progress.reviewOrder(keys)) {
    if (limit > 0 && s.m_items.size() >= limit) break;
    for (const QuizItem &i : all.m_items)
      if (i.lessonId == k.first && i.question.id == k.second) s.m_items << i;
  }
  return s;
}

QuizSession QuizSession::forItems(const QString &title, const QList<QuizItem> &items) {
  QuizSession s;
  s.m_mode = Mode::Review;
  s.m_title = title;
  s.m_items = items;
  return s;
}

QStringList QuizSession::lessonIds() const {
  QStringList ids;
  for (const QuizItem &i : m_items)
    if (!ids.contains(i.lessonId)) ids << i.lessonId;
  return ids;
}

const QuizItem &QuizSession::current() const {
  static const QuizItem invalid;
  return atEnd() ? invalid : m_items.at(m_index);
}

QuizFeedback QuizSession::answer(const QuizAnswer &a) {
  if (atEnd()) return {};
  const QuizItem &item = m_items.at(m_index);
  const QuizFeedback fb = gradeAnswer(item, a);
  if (!m_results.contains(m_index)) {
    m_results.insert(m_index, fb.correct);
    if (m_progress) m_progress->recordAnswer(item.lessonId, item.question.id, fb.correct);
  }
  return fb;
}

void QuizSession::next() {
  if (m_index < m_items.size()) ++m_index;
  if (atEnd()) finish();
}

void QuizSession::previous() {
  if (m_index > 0) --m_index;
}

int QuizSession::score() const {
  return static_cast<int>(std::count(m_results.cbegin(), m_results.cend(), true));
}

QList<QuizItem> QuizSession::missed() const {
  QList<QuizItem> out;
  for (auto it = m_results.cbegin(); it != m_results.cend(); ++it)
    if (!it.value()) out << m_items.at(it.key());
  return out;
}

QMap<QString, QPair<int, int>> QuizSession::scoresByLesson() const {
  QMap<QString, QPair<int, int>> out;
  for (int i = 0; i < m_items.size(); ++i) {
    auto &s = out[m_items[i].lessonId];
    s.second += 1;
    if (m_results.value(i, false)) s.first += 1;
  }
  return out;
}

void QuizSession::finish() {
  if (m_finished || !m_progress) return;
  m_finished = true;
  const auto scores = scoresByLesson();
  for (auto it = scores.cbegin(); it != scores.cend(); ++it)
    m_progress->recordLessonScore(it.key(), it.value().first, it.value().second);
}

}  // namespace cio
