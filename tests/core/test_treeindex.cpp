// ts::TreeIndex (core/syntax/node.h) against the runtime's public API: the index is
// filled by reading the pinned runtime's subtrees directly (core/syntax/ts_flatten.c),
// and every adapter trusts it to hold exactly the nodes, parents, subtree extents and
// depth a TSTreeCursor walk gives. (Not ts_node_parent: 0.22's search from the root
// picks a wrong parent for some zero-width and error nodes, one reason the index exists.) Checked on every fixture and
// lesson example, on broken copies of them, and on shapes that stress the runtime's layout (long repetitions, 70,000
// comments in a row, JSX aliases, deep nesting).
#include "language/language.h"
#include "syntax/document.h"
#include "syntax/node.h"

#include <QDirIterator>
#include <QFile>
#include <QtTest>

#include <vector>

using namespace cio;

namespace {

struct RefNode {
  TSNode node;
  int parent;  // index, or -1
  int depth;
};

// The cursor's pre-order walk, with each node's parent and depth: the reference.
std::vector<RefNode> cursorWalk(TSNode root) {
  std::vector<RefNode> out;
  std::vector<int> open;
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  for (;;) {
    out.push_back(
        {ts_tree_cursor_current_node(&cursor), open.empty() ? -1 : open.back(), static_cast<int>(open.size())});
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      open.push_back(static_cast<int>(out.size()) - 1);
      continue;
    }
    bool moved = false;
    while (!moved) {
      if (!open.empty() && ts_tree_cursor_goto_next_sibling(&cursor)) {
        moved = true;
        break;
      }
      if (open.empty() || !ts_tree_cursor_goto_parent(&cursor)) break;
      open.pop_back();
    }
    if (!moved) break;
  }
  ts_tree_cursor_delete(&cursor);
  return out;
}

bool same(TSNode a, TSNode b) {
  return a.id == b.id && a.tree == b.tree && a.context[0] == b.context[0] && a.context[1] == b.context[1] &&
         a.context[2] == b.context[2] && a.context[3] == b.context[3];
}

QString where(TSNode n) {
  return QStringLiteral("%1 at byte %2").arg(QString::fromUtf8(ts_node_type(n))).arg(ts_node_start_byte(n));
}

// Compares the index of `root` with the reference; empty when they agree.
QString compare(const ts::TreeIndex &index, TSNode root, const std::vector<RefNode> &ref) {
  // The walk visits the reference's nodes, in its order.
  std::vector<TSNode> walked;
  index.walk(root, [&](TSNode n) {
    walked.push_back(n);
    return true;
  });
  if (walked.size() != ref.size())
    return QStringLiteral("index walks %1 nodes, the cursor %2").arg(walked.size()).arg(ref.size());
  int maxDepth = 0;
  for (size_t i = 0; i < ref.size(); ++i) {
    if (!same(walked[i], ref[i].node))
      return QStringLiteral("node %1: index has %2, cursor %3").arg(i).arg(where(walked[i]), where(ref[i].node));
    if (ts_node_symbol(walked[i]) != ts_node_symbol(ref[i].node))
      return QStringLiteral("node %1: symbol differs").arg(i);
    maxDepth = std::max(maxDepth, ref[i].depth);
    const TSNode p = index.parent(ref[i].node);
    const TSNode expected = ref[i].parent < 0 ? TSNode{} : ref[ref[i].parent].node;
    if (ref[i].parent < 0 ? !ts_node_is_null(p) : !same(p, expected))
      return QStringLiteral("node %1 (%2): wrong parent").arg(i).arg(where(ref[i].node));
  }
  if (index.depth() != maxDepth) return QStringLiteral("depth %1, cursor %2").arg(index.depth()).arg(maxDepth);
  // Subtree extents: skipping the children of some nodes skips the same nodes.
  const auto skipSome = [](TSNode n) { return ts_node_start_byte(n) % 3 != 1; };
  std::vector<TSNode> skipped, expectedSkipped;
  index.walk(root, [&](TSNode n) {
    skipped.push_back(n);
    return skipSome(n);
  });
  ts::walk(root, [&](TSNode n) {
    expectedSkipped.push_back(n);
    return skipSome(n);
  });
  if (skipped.size() != expectedSkipped.size())
    return QStringLiteral("a walk that skips subtrees visits %1 nodes, the cursor %2")
        .arg(skipped.size())
        .arg(expectedSkipped.size());
  for (size_t i = 0; i < skipped.size(); ++i)
    if (!same(skipped[i], expectedSkipped[i])) return QStringLiteral("skipping walk differs at node %1").arg(i);
  return QString();
}

QList<QString> sourceFiles(const QString &dir) {
  QList<QString> out;
  QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString p = it.next();
    const Language &l = LanguageRegistry::forPath(p);
    if (l.id != LanguageId::Unknown) out << p;
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

class TestTreeIndex : public QObject {
  Q_OBJECT

  void check(const Language &language, const QByteArray &source) {
    Document doc(language, source);
    QVERIFY(doc.parse());
    const TSNode root = ts_tree_root_node(doc.tree());
    const std::vector<RefNode> ref = cursorWalk(root);
    const ts::TreeIndex index(root);
    QVERIFY(!index.tooDeep());
    const QString why = compare(index, root, ref);
    QVERIFY2(why.isEmpty(), qPrintable(why));

    // At a limit one below the depth, the index gives up; at the depth, it does not.
    int maxDepth = 0;
    for (const RefNode &r : ref) maxDepth = std::max(maxDepth, r.depth);
    if (maxDepth > 0) {
      const ts::TreeIndex shallow(root, maxDepth - 1);
      QVERIFY(shallow.tooDeep());
      QCOMPARE(shallow.depth(), maxDepth);
    }
    QVERIFY(!ts::TreeIndex(root, maxDepth).tooDeep());

    // Only some top-level statements (as statements.h selects them): the root and their
    // subtrees, nothing else.
    std::vector<TSNode> some;
    bool take = true;  // every other child of the root
    for (const RefNode &r : ref)
      if (r.parent == 0) {
        if (take) some.push_back(r.node);
        take = !take;
      }
    const ts::TreeIndex partial(root, some);
    std::vector<TSNode> expected{root};
    for (TSNode c : some)
      ts::walk(c, [&](TSNode n) {
        expected.push_back(n);
        return true;
      });
    std::vector<TSNode> walked;
    partial.walk(root, [&](TSNode n) {
      walked.push_back(n);
      return true;
    });
    QCOMPARE(walked.size(), expected.size());
    for (size_t i = 0; i < walked.size(); ++i) QVERIFY2(same(walked[i], expected[i]), qPrintable(where(expected[i])));
    for (TSNode c : some) QVERIFY(ts_node_eq(partial.parent(c), root));
  }

 private Q_SLOTS:
  void fixturesAndLessons_data() {
    QTest::addColumn<QString>("path");
    for (const QString &dir : {QStringLiteral(CIO_FIXTURES_DIR), QStringLiteral(CIO_SOURCE_DIR "/lessons")})
      for (const QString &p : sourceFiles(dir))
        QTest::newRow(qPrintable(QDir(CIO_SOURCE_DIR).relativeFilePath(p))) << p;
  }
  void fixturesAndLessons() {
    QFETCH(QString, path);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray source = f.readAll();
    const Language &language = LanguageRegistry::forPath(path);
    check(language, source);
    // Broken copies: cut in the middle, and with every 7th byte dropped (error nodes,
    // missing nodes, extras in odd places).
    check(language, source.left(source.size() / 2));
    QByteArray mangled;
    for (qsizetype i = 0; i < source.size(); ++i)
      if (i % 7 != 3) mangled += source[i];
    check(language, mangled);
  }

  void stressShapes_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QByteArray>("source");
    QByteArray calls, comments, jsx, nested, ruby, python, go, bundle;
    for (int i = 0; i < 20000; ++i) calls += "a" + QByteArray::number(i) + "(x);\n";
    for (int i = 0; i < 70000; ++i) comments += "// c\n";
    comments += "f();\n";
    jsx = "const A = () => <div className=\"a\">{items.map(i => <Item key={i} {...p} />)}<>frag</></div>;\n";
    nested = QByteArray(3000, '[') + "1" + QByteArray(3000, ']') + ";\n";
    ruby = "class A\n  def b(x) = x\n  <<~SQL\n    select #{x}\n  SQL\nend\n%w[a b].each { |w| puts w }\n";
    python = "def f(*a, **k):\n    return [x async for x in g() if x]\n@dec\nclass C: pass\nprint(f'{a!r:>{w}}')\n";
    go = "package m\nfunc f[T any](x T) (T, error) { return x, nil }\nvar _ = map[string][]int{\"a\": {1}}\n";
    for (int i = 0; i < 3000; ++i) bundle += "var a" + QByteArray::number(i) + "=function(t,n){return t},b={x:1};";
    QTest::newRow("20,000 statements") << "javascript" << calls;
    QTest::newRow("70,000 comment lines") << "javascript" << comments;
    QTest::newRow("jsx aliases") << "tsx" << jsx;
    QTest::newRow("3,000 nested brackets") << "javascript" << nested;
    QTest::newRow("minified line") << "javascript" << ("!function(e){" + bundle + "}(window);");
    QTest::newRow("ruby") << "ruby" << ruby;
    QTest::newRow("python") << "python" << python;
    QTest::newRow("go") << "go" << go;
    QTest::newRow("typescript") << "typescript"
                                << QByteArray(
                                       "enum E { A = 1 }\nabstract class C<T> implements I { private x?: T; }\n"
                                       "type U = { [k in keyof T]: T[k] };\nlet v = <any>w as unknown;\n");
  }
  void stressShapes() {
    QFETCH(QString, language);
    QFETCH(QByteArray, source);
    check(LanguageRegistry::byKey(language), source);
  }
};

QTEST_GUILESS_MAIN(TestTreeIndex)
#include "test_treeindex.moc"
