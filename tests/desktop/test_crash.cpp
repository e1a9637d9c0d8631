// SIGKILL at any moment: the test starts itself again as a child process that runs the
// real MainWindow (its own data and config folders), types into the playground or
// answers quiz questions without pause, and reports each step on stdout. The parent
// kills it with SIGKILL at different moments and checks what is on disk:
//   - the playground autosave parses, its text is exactly what was typed up to some key,
//     and at most one second of typing is missing (the child types one key per 10 ms
//     timer tick, so a second is at most 100 keys; a busy machine slows the typing and
//     the saving alike, so the bound does not depend on the machine's speed);
//   - the quiz progress parses and holds every answer the child reported as given;
//   - a restarted child restores the autosave and goes on from there.
#include "codeeditor.h"
#include "mainwindow.h"
#include "playground.h"
#include "quiz/progressstore.h"
#include "quiz/quizwidget.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <unistd.h>
#include <algorithm>
#include <csignal>
#include <functional>

using namespace cio::desktop;

namespace {

// The text the child types, key by key: letters, digits and spaces only (no brackets or
// quotes the editor could auto-close, no newline it could auto-indent).
QChar keyAt(int i) {
  static const QString keys = QStringLiteral("the quick brown fox jumps over the lazy dog 0123456789 ");
  return keys.at(i % keys.size());
}
QString typedText(int from, int count) {
  QString s;
  for (int i = from; i < from + count; ++i) s += keyAt(i);
  return s;
}

constexpr int kKeyIntervalMs = 10;
constexpr int kKeysPerSecond = 1000 / kKeyIntervalMs;

// Unbuffered, one line per event: everything written before the kill reaches the parent.
void report(const QByteArray &line) {
  const QByteArray out = line + '\n';
  (void)!::write(STDOUT_FILENO, out.constData(), static_cast<size_t>(out.size()));
}

void setUpApp() {
  QApplication::setApplicationName(QStringLiteral("cio-pitfalls"));
  QApplication::setOrganizationName(QStringLiteral("cio-pitfalls"));
}

// Child: restores the autosave, then types for ever.
int childPlayground() {
  setUpApp();
  MainWindow w;
  w.resize(1000, 700);
  w.show();
  w.showPlayground();
  Playground *p = w.playground();
  CodeEditor *editor = p->editor();
  const QString restored = editor->text();
  report("autosave " + p->autosavePath().toUtf8());
  report("restored " + QByteArray::number(restored.size()));
  editor->setFocus();
  editor->SendScintilla(QsciScintillaBase::SCI_DOCUMENTEND);
  int typed = restored.size();
  QTimer keys;
  keys.setInterval(kKeyIntervalMs);
  QObject::connect(&keys, &QTimer::timeout, [&] {
    QTest::keyClick(editor, keyAt(typed).toLatin1());
    ++typed;
    report("typed " + QByteArray::number(typed));
  });
  keys.start();
  return QApplication::exec();
}

// Child: answers every question of every lesson, over and over.
int childQuiz() {
  setUpApp();
  MainWindow w;
  w.show();
  QuizWidget *quiz = w.quiz();
  report("progress " + cio::ProgressStore::defaultPath().toUtf8());
  const QStringList lessons = cio::LessonRepository().lessonIds();
  int lesson = 0;
  int answers = 0;
  QTimer step;
  step.setInterval(0);
  QObject::connect(&step, &QTimer::timeout, [&] {
    if (!quiz->session().isValid() || quiz->session().atEnd()) {
      w.startQuiz(lessons.at(lesson));
      lesson = (lesson + 1) % static_cast<int>(lessons.size());
      return;
    }
    const cio::QuizItem item = quiz->session().current();
    const cio::QuizQuestion &q = item.question;
    // Two right, one wrong: Leitner boxes move both ways.
    const bool right = answers % 3 != 2;
    switch (q.kind) {
      case cio::QuizQuestion::Kind::MultipleChoice:
        quiz->chooseAnswer(right ? q.answer : (q.answer + 1) % std::max<int>(1, static_cast<int>(q.choices.size())));
        break;
      case cio::QuizQuestion::Kind::TrueFalse:
        quiz->chooseAnswer(q.answerTrue == right ? 0 : 1);
        break;
      case cio::QuizQuestion::Kind::SpotTheLine:
        for (int line : q.lines) quiz->toggleLine(line);
        if (!right) quiz->toggleLine(q.lines.value(0, 1));
        break;
      case cio::QuizQuestion::Kind::FixIt:
        quiz->setFixItCode(right ? q.solution : q.code);
        break;
      case cio::QuizQuestion::Kind::Unknown:
        break;
    }
    quiz->check();  // saves the progress before returning
    if (quiz->session().currentAnswered()) {
      ++answers;
      report("answered " + item.lessonId.toUtf8() + ' ' + q.id.toUtf8());
    }
    quiz->goNext();
  });
  step.start();
  return QApplication::exec();
}

}  // namespace

class TestCrash : public QObject {
  Q_OBJECT

 public:
  explicit TestCrash(QString self) : m_self(std::move(self)) {}

 private:
  QString m_self;
  QTemporaryDir m_home;

  struct Child {
    std::unique_ptr<QProcess> process;
    QByteArray output;
    QList<QByteArray> lines() const { return output.split('\n'); }
    // The last "<key> <value>" line for key.
    QByteArray last(const QByteArray &key) const {
      QByteArray value;
      for (const QByteArray &l : lines())
        if (l.startsWith(key + ' ')) value = l.mid(key.size() + 1);
      return value;
    }
  };

  Child start(const QString &mode) {
    Child c;
    c.process = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("CIO_CRASH_CHILD"), mode);
    c.process->setProcessEnvironment(env);
    c.process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    c.process->start(m_self, {});
    return c;
  }

  // Waits (bounded, on output, not on time) until `done` holds for the child's output.
  static bool waitFor(Child &c, const std::function<bool(const Child &)> &done) {
    QElapsedTimer t;
    t.start();
    while (!done(c)) {
      if (t.elapsed() > 240'000 || c.process->state() == QProcess::NotRunning) return false;
      c.process->waitForReadyRead(1000);
      c.output += c.process->readAllStandardOutput();
    }
    return true;
  }

  static void killHard(Child &c) {
    ::kill(static_cast<pid_t>(c.process->processId()), SIGKILL);
    c.process->waitForFinished(30'000);
    c.output += c.process->readAllStandardOutput();  // lines written before it died
  }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_home.isValid()); }

  void playgroundLosesAtMostTheLastSecond() {
    int expectedStart = 0;  // what the next child must restore
    // Kill points in keys typed by that child: early (the first autosave may not even
    // have happened: nothing may be lost from before the previous kill), and later ones.
    for (int keysThisRound : {40, 2 * kKeysPerSecond + 17, 3 * kKeysPerSecond + 71}) {
      Child c = start(QStringLiteral("playground"));
      QVERIFY(waitFor(c, [](const Child &x) { return !x.last("restored").isEmpty(); }));
      const int restored = c.last("restored").toInt();
      // Everything saved before the last kill came back.
      QCOMPARE(restored, expectedStart);
      QVERIFY(waitFor(c, [&](const Child &x) { return x.last("typed").toInt() >= restored + keysThisRound; }));
      killHard(c);
      QCOMPARE(c.process->exitStatus(), QProcess::CrashExit);
      const int typed = c.last("typed").toInt();

      QFile f(QString::fromUtf8(c.last("autosave")));
      QString text;  // no file yet: killed before the first autosave, nothing saved
      if (f.exists()) {
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
        QJsonParseError err{};
        const QJsonObject saved = QJsonDocument::fromJson(f.readAll(), &err).object();
        QVERIFY2(err.error == QJsonParseError::NoError, qPrintable(err.errorString()));  // never corrupt
        text = saved.value(QStringLiteral("text")).toString();
      }
      // Exactly the keys typed, in order, up to some key (the child may have typed one
      // more than it could report).
      QVERIFY(text.size() <= typed + 1);
      QCOMPARE(text, typedText(0, static_cast<int>(text.size())));
      QVERIFY(text.size() >= restored);
      QVERIFY2(typed - text.size() <= kKeysPerSecond,
               qPrintable(QStringLiteral("%1 keys typed, %2 saved").arg(typed).arg(text.size())));
      qInfo("killed after %d keys typed; %lld saved, %lld lost", typed, static_cast<long long>(text.size()),
            static_cast<long long>(typed - text.size()));
      expectedStart = static_cast<int>(text.size());
    }
  }

  void quizProgressLosesNothing() {
    for (int answersThisRound : {1, 25, 60}) {
      Child c = start(QStringLiteral("quiz"));
      const auto answered = [](const Child &x) {
        int n = 0;
        for (const QByteArray &l : x.lines()) n += l.startsWith("answered ");
        return n;
      };
      QVERIFY(waitFor(c, [&](const Child &x) { return answered(x) >= answersThisRound; }));
      killHard(c);
      QCOMPARE(c.process->exitStatus(), QProcess::CrashExit);

      // Every answer reported is in the file: attempts per question at least as many.
      QHash<QPair<QString, QString>, int> attempts;
      for (const QByteArray &l : c.lines())
        if (l.startsWith("answered ")) {
          const QList<QByteArray> parts = l.split(' ');
          ++attempts[{QString::fromUtf8(parts.value(1)), QString::fromUtf8(parts.value(2))}];
        }
      cio::ProgressStore store(QString::fromUtf8(c.last("progress")));
      QVERIFY2(store.load(), qPrintable(store.message()));  // never corrupt, never moved aside
      for (auto it = attempts.begin(); it != attempts.end(); ++it) {
        const int recorded = store.question(it.key().first, it.key().second).attempts;
        QVERIFY2(recorded >= it.value() + m_quizAttempts.value(it.key()),
                 qPrintable(QStringLiteral("%1/%2: %3 answers reported, %4 recorded")
                                .arg(it.key().first, it.key().second)
                                .arg(it.value() + m_quizAttempts.value(it.key()))
                                .arg(recorded)));
      }
      int reported = 0;
      for (auto it = attempts.begin(); it != attempts.end(); ++it) {
        m_quizAttempts[it.key()] += it.value();
        reported += it.value();
      }
      qInfo("killed after %d answers reported; every one is in the progress file", reported);
    }
  }

 private:
  QHash<QPair<QString, QString>, int> m_quizAttempts;  // across rounds
};

int main(int argc, char **argv) {
  const QByteArray mode = qgetenv("CIO_CRASH_CHILD");
  if (!mode.isEmpty()) {
    QApplication app(argc, argv);
    return mode == "quiz" ? childQuiz() : childPlayground();
  }
  QApplication app(argc, argv);
  QStandardPaths::setTestModeEnabled(true);
  TestCrash test(QCoreApplication::applicationFilePath());
  return QTest::qExec(&test, argc, argv);
}

#include "test_crash.moc"
