// Every bundled grammar must be accepted by the tree-sitter runtime: an ABI mismatch
// builds and links fine and only fails here, at run time.
#include "language/language.h"
#include "syntax/document.h"

#include <QtTest>

using namespace cio;

class TestGrammars : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void everyLanguageParses_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("source");
    const QHash<QString, QByteArray> samples = {
        {QStringLiteral("javascript"), "const x = require('a'); x.track(1, {name: 'e'});\n"},
        {QStringLiteral("typescript"), "const n: number = 1; export function f(a: string): void {}\n"},
        {QStringLiteral("tsx"), "export const A = () => <div className=\"a\">{1}</div>;\n"},
        {QStringLiteral("python"), "from customerio import CustomerIO\ncio = CustomerIO('a', 'b')\n"},
        {QStringLiteral("ruby"), "$cio = Customerio::Client.new('a', 'b')\n$cio.track(1, 'e')\n"},
        {QStringLiteral("go"), "package main\nfunc main() { x := 1; _ = x }\n"},
    };
    for (const Language &l : LanguageRegistry::all()) {
      QVERIFY2(samples.contains(l.key), qPrintable(QStringLiteral("no sample for %1").arg(l.key)));
      QTest::newRow(qPrintable(l.key)) << l.key << samples.value(l.key);
    }
  }
  void everyLanguageParses() {
    QFETCH(QString, key);
    QFETCH(QByteArray, source);
    const Language &lang = LanguageRegistry::byKey(key);
    QVERIFY(lang.isValid());
    Document doc(lang, source);
    QVERIFY2(doc.parse(), qPrintable(doc.errorString()));
    QVERIFY(doc.tree());
    QVERIFY2(!doc.hasSyntaxErrors(), "sample should parse without errors");
  }
  void brokenCodeStillGivesATree() {
    Document doc(LanguageRegistry::byKey(QStringLiteral("javascript")), "function (((( {");
    QVERIFY(doc.parse());
    QVERIFY(doc.hasSyntaxErrors());
  }
  void extensionsMapToLanguages() {
    QCOMPARE(LanguageRegistry::forPath(QStringLiteral("a/b.mjs")).id, LanguageId::JavaScript);
    QCOMPARE(LanguageRegistry::forPath(QStringLiteral("x.TSX")).id, LanguageId::Tsx);
    QCOMPARE(LanguageRegistry::forPath(QStringLiteral("tasks.rake")).id, LanguageId::Ruby);
    QCOMPARE(LanguageRegistry::forPath(QStringLiteral("main.go")).id, LanguageId::Go);
    QVERIFY(!LanguageRegistry::forPath(QStringLiteral("README.md")).isValid());
  }
};

QTEST_GUILESS_MAIN(TestGrammars)
#include "test_grammars.moc"
