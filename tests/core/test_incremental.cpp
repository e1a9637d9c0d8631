// The playground's incremental path (IncrementalAnalyzer): after any sequence of edits it
// must report exactly what a fresh Analyzer::analyzeSource reports for the same text,
// while re-parsing incrementally.
#include "language/language.h"
#include "project/analyzer.h"
#include "project/incremental.h"

#include <QFile>
#include <QtTest>

using namespace cio;

namespace {

QStringList describe(const AnalysisResult &r) {
  QStringList out;
  for (const Finding &f : r.findings)
    out << QStringLiteral("%1 %2:%3-%4:%5 [%6,%7) %8")
               .arg(f.ruleId)
               .arg(f.line)
               .arg(f.column)
               .arg(f.endLine)
               .arg(f.endColumn)
               .arg(f.range.startByte)
               .arg(f.range.endByte)
               .arg(f.message);
  for (const SkippedFile &s : r.skipped) out << QStringLiteral("skipped %1").arg(s.reason);
  return out;
}

QByteArray readFixture(const QString &rel) {
  QFile f(QStringLiteral(CIO_FIXTURES_DIR "/") + rel);
  if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read fixture %s", qPrintable(rel));
  return f.readAll();
}

}  // namespace

class TestIncremental : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void diffFindsTheChangedSpan_data() {
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<int>("start");
    QTest::addColumn<int>("oldEnd");
    QTest::addColumn<int>("newEnd");
    QTest::newRow("insert") << QByteArray("abcdef") << QByteArray("abcXdef") << 3 << 3 << 4;
    QTest::newRow("delete") << QByteArray("abcdef") << QByteArray("abdef") << 2 << 3 << 2;
    QTest::newRow("replace") << QByteArray("abcdef") << QByteArray("abXYef") << 2 << 4 << 4;
    QTest::newRow("same") << QByteArray("abc") << QByteArray("abc") << 3 << 3 << 3;
    QTest::newRow("append") << QByteArray("abc") << QByteArray("abcd") << 3 << 3 << 4;
    QTest::newRow("from empty") << QByteArray() << QByteArray("abc") << 0 << 0 << 3;
    QTest::newRow("to empty") << QByteArray("abc") << QByteArray() << 0 << 3 << 0;
    // A repeated letter: the earliest position that explains the change.
    QTest::newRow("doubled") << QByteArray("aab") << QByteArray("aaab") << 2 << 2 << 3;
    // é (C3 A9) -> è (C3 A8): the edit covers the whole character, not its last byte.
    QTest::newRow("utf8 tail differs") << QByteArray("a\xC3\xA9z") << QByteArray("a\xC3\xA8z") << 1 << 3 << 3;
    // é (C3 A9) -> ĩ (C4 A9): the unchanged tail does not start inside a character.
    QTest::newRow("utf8 head differs") << QByteArray("a\xC3\xA9z") << QByteArray("a\xC4\xA9z") << 1 << 3 << 3;
  }
  void diffFindsTheChangedSpan() {
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    const TextChange c = diffText(before, after.constData(), after.size());
    QFETCH(int, start);
    QCOMPARE(c.start, qsizetype(start));
    QFETCH(int, oldEnd);
    QFETCH(int, newEnd);
    QCOMPARE(c.oldEnd, qsizetype(oldEnd));
    QCOMPARE(c.newEnd, qsizetype(newEnd));
    // Applying the change to `before` gives `after`.
    QByteArray rebuilt = before;
    rebuilt.replace(c.start, c.oldEnd - c.start, after.mid(c.start, c.newEnd - c.start));
    QCOMPARE(rebuilt, after);
  }

  // Random one-character edits (as typing does, including ones that break the syntax),
  // a pasted block and a deleted block: every step reports what a fresh analysis does.
  void editsGiveTheSameFindingsAsAFreshAnalysis_data() {
    QTest::addColumn<QString>("fixture");
    QTest::newRow("js") << QStringLiteral("javascript/millisecond_timestamp.ts");
    QTest::newRow("js clients") << QStringLiteral("javascript/client_per_request.js");
    QTest::newRow("python") << QStringLiteral("python/fastapi_app.py");
    QTest::newRow("ruby") << QStringLiteral("ruby/sinatra/app.rb");
    QTest::newRow("go") << QStringLiteral("go/http_handlers.go");
  }
  void editsGiveTheSameFindingsAsAFreshAnalysis() {
    QFETCH(QString, fixture);
    QByteArray text = readFixture(fixture);
    const Language &language = LanguageRegistry::forPath(fixture);
    QVERIFY(language.isValid());
    const QString path = QStringLiteral("playground/") + QFileInfo(fixture).fileName();
    const Analyzer fresh;
    IncrementalAnalyzer live;
    const AnalysisResult first = live.analyze(path, text, language);
    QVERIFY2(!first.findings.empty(), "the fixture has findings to lose");
    QCOMPARE(describe(first), describe(fresh.analyzeSource(path, text, language)));

    quint64 state = 7;
    const auto next = [&state](quint32 below) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      return static_cast<quint32>(state >> 33) % below;
    };
    const QByteArray alphabet = "x1 ;({})'\"`.\n_";
    for (int i = 0; i < 120; ++i) {
      const int pos = static_cast<int>(next(static_cast<quint32>(text.size())));
      if (i == 40) text.insert(pos, text.mid(0, 200));  // a paste
      else if (i == 80) text.remove(pos, 150);           // a cut
      else if (i % 2) text.remove(pos, 1);
      else text.insert(pos, alphabet.at(static_cast<int>(next(static_cast<quint32>(alphabet.size())))));
      // Never split a UTF-8 sequence (the editor never does): drop a broken one.
      if (!unreadableReason(text).isEmpty()) text = QString::fromUtf8(text).toUtf8();
      QCOMPARE(describe(live.analyze(path, text, language)), describe(fresh.analyzeSource(path, text, language)));
    }
    QCOMPARE(live.fullParses(), 1);
    QCOMPARE(live.incrementalParses(), 120);
  }

  void newLanguageOrPathParsesAfresh() {
    const QByteArray js = readFixture(QStringLiteral("javascript/millisecond_timestamp.ts"));
    const Language &ts = LanguageRegistry::forPath(QStringLiteral("a.ts"));
    const Language &js2 = LanguageRegistry::forPath(QStringLiteral("a.js"));
    IncrementalAnalyzer live;
    live.analyze(QStringLiteral("a.ts"), js, ts);
    live.analyze(QStringLiteral("a.ts"), js + "\n", ts);
    QCOMPARE(live.fullParses(), 1);
    QCOMPARE(live.incrementalParses(), 1);
    const AnalysisResult asJs = live.analyze(QStringLiteral("a.ts"), js, js2);
    QCOMPARE(live.fullParses(), 2);
    QCOMPARE(describe(asJs), describe(Analyzer().analyzeSource(QStringLiteral("a.ts"), js, js2)));
    live.analyze(QStringLiteral("b.ts"), js, js2);
    QCOMPARE(live.fullParses(), 3);
  }

  // Text that cannot be analysed is refused with analyzeSource's reason, and the next
  // good text is analysed in full again.
  void badTextIsRefusedThenRecovers() {
    const QByteArray js = readFixture(QStringLiteral("javascript/millisecond_timestamp.ts"));
    const Language &ts = LanguageRegistry::forPath(QStringLiteral("a.ts"));
    IncrementalAnalyzer live;
    live.analyze(QStringLiteral("a.ts"), js, ts);
    const QByteArray broken = js + QByteArray("\xFF\n", 2);
    const AnalysisResult bad = live.analyze(QStringLiteral("a.ts"), broken, ts);
    QVERIFY(bad.findings.empty());
    QCOMPARE(describe(bad), describe(Analyzer().analyzeSource(QStringLiteral("a.ts"), broken, ts)));
    QVERIFY(describe(bad).join(QString()).contains(QStringLiteral("invalid UTF-8")));
    const AnalysisResult good = live.analyze(QStringLiteral("a.ts"), js, ts);
    QCOMPARE(describe(good), describe(Analyzer().analyzeSource(QStringLiteral("a.ts"), js, ts)));
    QCOMPARE(live.fullParses(), 2);
  }

  // Lone CRs (old Mac line ends) are LFs to the analyzer: edits around them stay exact.
  // A file analysed on its own skips the statements that cannot change its findings,
  // so an edit far from the client must still be seen when it connects to the client
  // through a name: a helper that starts calling it, a route that awaits it.
  void editsConnectedThroughANameAreSeen() {
    const Language &js = LanguageRegistry::forPath(QStringLiteral("a.js"));
    const QByteArray head =
        "const { TrackClient } = require('customerio-node');\n"
        "const express = require('express');\n"
        "const app = express();\n"
        "const cio = new TrackClient(process.env.CIO_SITE_ID, process.env.CIO_TRACK_KEY);\n"
        "let EVENT = 'signed_up';\n"
        "function total(rows) { return rows.reduce((a, r) => a + r.amount, 0); }\n";
    QByteArray text = head +
                      "function later(user) { return total(user.orders); }\n"
                      "async function signup(user) { await cio.track(user.id, { name: EVENT }); }\n";
    IncrementalAnalyzer live;
    auto ruleIds = [&] {
      const AnalysisResult r = live.analyze(QStringLiteral("a.js"), text, js);
      QStringList ids;
      for (const Finding &f : r.findings) ids << QStringLiteral("%1@%2").arg(f.ruleId).arg(f.line);
      // Whatever the statement filter skipped, a whole-file extraction agrees.
      Document doc(js, text);
      if (!doc.parse()) qFatal("parse");
      QStringList whole;
      for (const Finding &f :
           Analyzer().analyzeDocument(doc, QStringLiteral("a.js"), Analyzer::Extraction::WholeFile).findings)
        whole << QStringLiteral("%1@%2").arg(f.ruleId).arg(f.line);
      if (ids != whole)
        qWarning("relevant statements: %s\nwhole file: %s", qPrintable(ids.join(' ')), qPrintable(whole.join(' ')));
      return ids == whole ? ids : QStringList{QStringLiteral("mismatch")};
    };
    QCOMPARE(ruleIds(), QStringList());

    // An unrelated helper starts sending a millisecond timestamp through the client.
    text.replace("function total(rows) { return rows.reduce((a, r) => a + r.amount, 0); }",
                 "function total(rows) { cio.identify('u1', { created_at: Date.now() }); return 0; }");
    QVERIFY(ruleIds().join(' ').contains(QLatin1String("CIO002@6")));

    // A route registered at the end of the file awaits the client (found through the
    // names `cio` and `app`, declared far above).
    text += "app.post('/signup', async (req, res) => { await cio.track(req.body.id, { name: 'x' }); res.end(); });\n";
    QVERIFY(ruleIds().join(' ').contains(QLatin1String("CIO007")));
    QCOMPARE(live.fullParses(), 1);
  }

  void loneCarriageReturns() {
    QByteArray text = readFixture(QStringLiteral("javascript/millisecond_timestamp.ts"));
    text.replace('\n', '\r');
    const Language &ts = LanguageRegistry::forPath(QStringLiteral("a.ts"));
    IncrementalAnalyzer live;
    live.analyze(QStringLiteral("a.ts"), text, ts);
    for (int pos : {10, 200, 500, static_cast<int>(text.size()) - 3}) {
      text.insert(pos, "\r ");
      QCOMPARE(describe(live.analyze(QStringLiteral("a.ts"), text, ts)),
               describe(Analyzer().analyzeSource(QStringLiteral("a.ts"), text, ts)));
    }
    QCOMPARE(live.fullParses(), 1);
    QVERIFY(!live.analyze(QStringLiteral("a.ts"), text, ts).findings.empty());
  }
};

QTEST_GUILESS_MAIN(TestIncremental)
#include "test_incremental.moc"
