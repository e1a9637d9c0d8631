// Review mode, offscreen: a whole fixture project scanned in the background, the
// Problems tree, filtering, grouping, opening a finding, cancelling a scan.

#include "codeeditor.h"
#include "mainwindow.h"
#include "project/analyzer.h"
#include "project/scanner.h"
#include "reviewpanel.h"

#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProgressBar>
#include <QSet>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace cio::desktop;

namespace {

const QString kMixed = QStringLiteral(CIO_FIXTURES_DIR "/projects/mixed-service");
const QString kNode = QStringLiteral(CIO_FIXTURES_DIR "/projects/node-service");

// What the analyzer itself says about a folder, to compare the panel with.
cio::AnalysisResult analyzeFolder(const QString &dir) {
  cio::ScanResult scan = cio::Scanner().scan({dir});
  cio::AnalysisResult r = cio::Analyzer().analyzeFiles(scan.files);
  for (auto &s : scan.skipped) r.skipped.push_back(s);
  return r;
}

bool copyTree(const QString &from, const QString &to) {
  if (!QDir().mkpath(to)) return false;
  QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString src = it.next();
    const QString dst = to + QLatin1Char('/') + QDir(from).relativeFilePath(src);
    if (!QDir().mkpath(QFileInfo(dst).path()) || !QFile::copy(src, dst)) return false;
  }
  return true;
}

bool scanAndWait(ReviewPanel &panel, const QString &dir) {
  QSignalSpy done(&panel, &ReviewPanel::scanFinished);
  if (!panel.startScan(dir)) return false;
  return done.wait(120000) && !done.first().first().toBool();
}

// Finding rows under every group (skipped files excluded).
int findingRows(const QAbstractItemModel *m) {
  int n = 0;
  for (int g = 0; g < m->rowCount(); ++g) {
    const QModelIndex head = m->index(g, 0);
    for (int r = 0; r < m->rowCount(head); ++r)
      if (m->index(r, 0, head).data(ReviewPanel::KindRole).toInt() == ReviewPanel::FindingRowKind) ++n;
  }
  return n;
}

QModelIndex groupNamed(const QAbstractItemModel *m, const QString &prefix) {
  for (int g = 0; g < m->rowCount(); ++g)
    if (m->index(g, 0).data().toString().startsWith(prefix)) return m->index(g, 0);
  return {};
}

}  // namespace

class TestReview : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void panelShowsEveryFindingOfTheProject() {
    const cio::AnalysisResult expected = analyzeFolder(kMixed);
    QVERIFY2(expected.findings.size() >= 5, "the mixed-service fixture plants several pitfalls");
    ReviewPanel panel;
    QSignalSpy progress(&panel, &ReviewPanel::scanProgress);
    QVERIFY(scanAndWait(panel, kMixed));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(panel.result().findings.size(), expected.findings.size());
    const QAbstractItemModel *m = panel.problemsModel();
    QCOMPARE(findingRows(m), static_cast<int>(expected.findings.size()));
    // Each planted language shows up as a file group.
    for (const QString &file : {QStringLiteral("web/signup.js"), QStringLiteral("worker/sync.py"),
                                QStringLiteral("billing/invoices.rb"), QStringLiteral("mailer/notify.go")})
      QVERIFY2(groupNamed(m, file + QStringLiteral(" (")).isValid(), qPrintable(file));
    // The millisecond timestamp in signup.js is a row with its line.
    bool cio002 = false;
    const QModelIndex js = groupNamed(m, QStringLiteral("web/signup.js"));
    for (int r = 0; r < m->rowCount(js); ++r)
      if (m->index(r, ReviewPanel::RuleColumn, js).data().toString() == QLatin1String("CIO002") &&
          m->index(r, ReviewPanel::LineColumn, js).data().toString() == QLatin1String("9"))
        cio002 = true;
    QVERIFY(cio002);
    // The binary file is listed with its reason.
    const QModelIndex skipped = groupNamed(m, QStringLiteral("Skipped files"));
    QVERIFY(skipped.isValid());
    bool logo = false;
    for (int r = 0; r < m->rowCount(skipped); ++r)
      if (m->index(r, ReviewPanel::FileColumn, skipped).data().toString() == QLatin1String("web/logo.js")) {
        logo = true;
        QVERIFY(!m->index(r, ReviewPanel::MessageColumn, skipped).data().toString().isEmpty());
      }
    QVERIFY(logo);
    QCOMPARE(panel.progressBar()->value(), panel.totalFiles());
  }

  void filteringAndGroupingCount() {
    ReviewPanel panel;
    QVERIFY(scanAndWait(panel, kMixed));
    const auto &all = panel.result().findings;
    QSet<QString> rules, files;
    int errors = 0, cio002 = 0, timestampText = 0;
    for (const cio::Finding &f : all) {
      rules.insert(f.ruleId);
      files.insert(f.file);
      if (f.severity == cio::Severity::Error) ++errors;
      if (f.ruleId == QLatin1String("CIO002")) ++cio002;
      if (f.message.contains(QLatin1String("millisecond"), Qt::CaseInsensitive) ||
          f.file.contains(QLatin1String("millisecond"), Qt::CaseInsensitive) ||
          f.ruleName.contains(QLatin1String("millisecond"), Qt::CaseInsensitive))
        ++timestampText;
    }
    const QAbstractItemModel *m = panel.problemsModel();
    const int skippedGroups = panel.result().skipped.empty() ? 0 : 1;
    QCOMPARE(m->rowCount(), static_cast<int>(files.size()) + skippedGroups);

    panel.setGrouping(ReviewPanel::Grouping::ByRule);
    QCOMPARE(m->rowCount(), static_cast<int>(rules.size()) + skippedGroups);
    const QModelIndex g2 = groupNamed(m, QStringLiteral("CIO002"));
    QVERIFY(g2.isValid());
    QCOMPARE(m->rowCount(g2), cio002);
    QVERIFY(g2.data().toString().endsWith(QStringLiteral("(%1)").arg(cio002)));

    panel.setSeverityFilter(static_cast<int>(cio::Severity::Error));
    QCOMPARE(findingRows(m), errors);
    panel.setSeverityFilter(-1);
    panel.setRuleFilter(QStringLiteral("CIO002"));
    QCOMPARE(findingRows(m), cio002);
    QCOMPARE(m->rowCount(), 1 + skippedGroups);
    panel.setRuleFilter({});
    panel.setTextFilter(QStringLiteral("millisecond"));
    QCOMPARE(findingRows(m), timestampText);
    panel.setTextFilter({});
    QCOMPARE(findingRows(m), static_cast<int>(all.size()));

    // Sorting by line inside a group.
    panel.setGrouping(ReviewPanel::Grouping::ByFile);
    panel.problemsView()->sortByColumn(ReviewPanel::LineColumn, Qt::DescendingOrder);
    const QModelIndex js = groupNamed(m, QStringLiteral("web/signup.js"));
    QVERIFY(m->rowCount(js) >= 2);
    QVERIFY(m->index(0, ReviewPanel::LineColumn, js).data(ReviewPanel::SortRole).toInt() >=
            m->index(1, ReviewPanel::LineColumn, js).data(ReviewPanel::SortRole).toInt());
  }

  void doubleClickOpensTheFileAtTheLine() {
    ReviewPanel panel;
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(scanAndWait(panel, kMixed));
    const QAbstractItemModel *m = panel.problemsModel();
    const QModelIndex group = groupNamed(m, QStringLiteral("worker/sync.py"));
    QVERIFY(group.isValid());
    const QModelIndex row = m->index(0, ReviewPanel::MessageColumn, group);
    const int line = row.data(ReviewPanel::LineRole).toInt();
    QVERIFY(line > 0);
    QTreeView *view = panel.problemsView();
    view->scrollTo(row);
    const QPoint at = view->visualRect(row).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
    QTRY_VERIFY(panel.currentEditor() != nullptr);
    CodeEditor *editor = panel.currentEditor();
    QCOMPARE(editor->property("cioFile").toString(), QStringLiteral("worker/sync.py"));
    int cursorLine = -1, col = -1;
    editor->getCursorPosition(&cursorLine, &col);
    QCOMPARE(cursorLine + 1, line);
    QCOMPARE(editor->sourceLanguage().id, cio::LanguageId::Python);
    // The same marks as the playground: this file's findings.
    int expected = 0;
    for (const cio::Finding &f : panel.result().findings)
      if (f.file == QLatin1String("worker/sync.py")) ++expected;
    QCOMPARE(static_cast<int>(editor->marks().size()), expected);
    QVERIFY(editor->isReadOnly());
  }

  void cancelStopsAScanHalfWay() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray code =
        "const { TrackClient } = require('customerio-node');\n"
        "const cio = new TrackClient(process.env.CIO_SITE_ID, process.env.CIO_API_KEY);\n"
        "exports.f = (u) => cio.identify(u.id, { email: u.email, created_at: Date.now() });\n";
    for (int i = 0; i < 200; ++i) {
      QFile f(dir.filePath(QStringLiteral("f%1.js").arg(i)));
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(code);
    }
    ReviewPanel panel;
    panel.setPerFileDelayForTesting(20);
    QSignalSpy progress(&panel, &ReviewPanel::scanProgress);
    QSignalSpy done(&panel, &ReviewPanel::scanFinished);
    QVERIFY(panel.startScan(dir.path()));
    QVERIFY(panel.isScanning());
    QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && progress.last().at(0).toInt() >= 1, 60000);
    panel.cancelScan();
    QVERIFY(done.wait(60000));
    QCOMPARE(done.first().first().toBool(), true);
    QVERIFY(!panel.isScanning());
    QCOMPARE(panel.totalFiles(), 200);
    QVERIFY2(panel.result().filesScanned < 200, qPrintable(QString::number(panel.result().filesScanned)));
  }

  void eventCatalogueGroupsNearDuplicates() {
    ReviewPanel panel;
    QVERIFY(scanAndWait(panel, kMixed));
    QHash<QString, cio::EventEntry> byName;
    for (const cio::EventEntry &e : panel.events()) byName.insert(e.name, e);
    for (const char *name : {"UserSignedUp", "user-signed-up", "user_signed_up", "PlanUpgraded"})
      QVERIFY2(byName.contains(QLatin1String(name)), name);
    QCOMPARE(byName.value(QStringLiteral("UserSignedUp")).convention, QStringLiteral("PascalCase"));
    QCOMPARE(byName.value(QStringLiteral("user-signed-up")).convention, QStringLiteral("kebab-case"));
    QCOMPARE(byName.value(QStringLiteral("user_signed_up")).convention, QStringLiteral("snake_case"));
    QCOMPARE(byName.value(QStringLiteral("user_signed_up")).files, QStringList{QStringLiteral("worker/sync.py")});
    QVERIFY(byName.value(QStringLiteral("UserSignedUp")).hasNearDuplicate);
    QVERIFY(!byName.value(QStringLiteral("PlanUpgraded")).hasNearDuplicate);
    bool dynamic = false;
    for (const cio::EventEntry &e : panel.events())
      if (e.dynamic && e.convention == QLatin1String("dynamic") && e.files.contains(QStringLiteral("billing/invoices.rb"))) dynamic = true;
    QVERIFY(dynamic);
    // The view: one near-duplicate group of three names, first.
    QTreeWidget *view = panel.eventsView();
    QVERIFY(view->topLevelItemCount() >= 3);
    QCOMPARE(view->topLevelItem(0)->childCount(), 3);
    QVERIFY(view->topLevelItem(0)->text(0).contains(QLatin1String("usersignedup")));

    QCOMPARE(cio::namingConvention(QStringLiteral("userSignedUp")), QStringLiteral("camelCase"));
    QCOMPARE(cio::namingConvention(QStringLiteral("User Signed Up")), QStringLiteral("Title Case"));
    QCOMPARE(cio::nearDuplicateKey(QStringLiteral("User Signed-Up_2")), QStringLiteral("usersignedup2"));
  }

  void htmlReportEscapesTheScannedCode() {
    ReviewPanel panel;
    QVERIFY(scanAndWait(panel, kMixed));
    panel.setLessonTitleLookup([](const QString &id) { return QStringLiteral("Lesson title of %1").arg(id.section(QLatin1Char('-'), 0, 0)); });
    QTemporaryDir dir;
    const QString html = dir.filePath(QStringLiteral("r.html")), md = dir.filePath(QStringLiteral("r.md"));
    QVERIFY(panel.exportReport(html));
    QVERIFY(panel.exportReport(md));
    QFile h(html), m(md);
    QVERIFY(h.open(QIODevice::ReadOnly) && m.open(QIODevice::ReadOnly));
    const QByteArray page = h.readAll(), text = m.readAll();
    QVERIFY(page.startsWith("<!DOCTYPE html>"));
    QVERIFY2(!page.contains("<script"), "markup from the scanned code must be escaped");
    QVERIFY(page.contains("&lt;script&gt;"));
    QVERIFY(!page.contains("src=\"http") && !page.contains("href=\"http"));  // readable offline
    for (const cio::Finding &f : panel.result().findings) {
      QVERIFY(page.contains(QStringLiteral("%1 <b>%2</b>:%3").arg(f.ruleId, f.file).arg(f.line).toUtf8()));
      if (!f.lessonId.isEmpty()) QVERIFY(page.contains(QStringLiteral("Lesson title of %1").arg(f.ruleId).toUtf8()));
      QVERIFY(text.contains(QStringLiteral("%1 `%2:%3`").arg(f.ruleId, f.file).arg(f.line).toUtf8()));
    }
    QVERIFY(page.contains("<span class=\"mark\">"));
    QVERIFY(page.contains("web/logo.js"));  // skipped files are listed
  }

  void acceptedFindingsSurviveARescan() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = dir.filePath(QStringLiteral("mixed"));
    QVERIFY(copyTree(kMixed, root));
    ReviewPanel panel;
    QVERIFY(scanAndWait(panel, root));
    int target = -1;
    for (int i = 0; i < static_cast<int>(panel.result().findings.size()); ++i)
      if (panel.result().findings[static_cast<size_t>(i)].ruleId == QLatin1String("CIO002") &&
          panel.result().findings[static_cast<size_t>(i)].file == QLatin1String("web/signup.js"))
        target = i;
    QVERIFY(target >= 0);
    const cio::Finding accepted = panel.result().findings[static_cast<size_t>(target)];
    QVERIFY(panel.acceptFinding(target, QStringLiteral("legacy consumer reads ms")));
    QVERIFY(QFile::exists(root + QStringLiteral("/.cio-review.json")));

    // Lines move: two lines inserted at the top of the file.
    QFile js(root + QStringLiteral("/web/signup.js"));
    QVERIFY(js.open(QIODevice::ReadOnly));
    const QByteArray code = js.readAll();
    js.close();
    QVERIFY(js.open(QIODevice::WriteOnly | QIODevice::Truncate));
    js.write("// moved\n// down\n" + code);
    js.close();

    QVERIFY(scanAndWait(panel, root));
    int still = -1;
    for (int i = 0; i < static_cast<int>(panel.result().findings.size()); ++i)
      if (panel.isAccepted(i)) still = i;
    QVERIFY(still >= 0);
    QCOMPARE(panel.result().findings[static_cast<size_t>(still)].ruleId, accepted.ruleId);
    QCOMPARE(panel.result().findings[static_cast<size_t>(still)].line, accepted.line + 2);
    QCOMPARE(panel.acceptedReason(still), QStringLiteral("legacy consumer reads ms"));
    // Reports list it apart.
    const cio::ReviewReport report = panel.reviewReport();
    QCOMPARE(report.accepted.size(), size_t(1));
    QCOMPARE(report.report.findings.size() + 1, panel.result().findings.size());
    QVERIFY(cio::formatHtml(report).contains("legacy consumer reads ms"));
    // Dimmed in the tree, with the reason.
    bool shown = false;
    const QAbstractItemModel *m = panel.problemsModel();
    const QModelIndex group = groupNamed(m, QStringLiteral("web/signup.js"));
    for (int r = 0; r < m->rowCount(group); ++r)
      if (m->index(r, ReviewPanel::MessageColumn, group).data().toString().contains(QLatin1String("accepted: legacy"))) shown = true;
    QVERIFY(shown);

    // A corrupt decisions file is kept aside and reported.
    QFile bad(root + QStringLiteral("/.cio-review.json"));
    QVERIFY(bad.open(QIODevice::WriteOnly | QIODevice::Truncate));
    bad.write("{ not json");
    bad.close();
    QVERIFY(scanAndWait(panel, root));
    QVERIFY(!panel.decisionsWarning().isEmpty());
    QVERIFY(QFile::exists(root + QStringLiteral("/.cio-review.json.corrupt")));
    for (int i = 0; i < static_cast<int>(panel.result().findings.size()); ++i) QVERIFY(!panel.isAccepted(i));
  }

  void mainWindowReviewsTheNodeService() {
    WindowOptions options;
    options.ephemeral = true;
    MainWindow window(options);
    QSignalSpy done(window.review(), &ReviewPanel::scanFinished);
    QVERIFY(window.openFolder(kNode));
    QCOMPARE(window.tabs()->currentWidget(), static_cast<QWidget *>(window.review()));
    QVERIFY(done.wait(120000));
    QVERIFY(findingRows(window.review()->problemsModel()) > 0);
    QVERIFY(!window.openFolder(kNode + QStringLiteral("/package.json")));
  }
};

QTEST_MAIN(TestReview)
#include "test_review.moc"
