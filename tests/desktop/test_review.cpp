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
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProgressBar>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

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

QByteArray readAll(const QString &path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes) {
  QDir().mkpath(QFileInfo(path).path());
  QFile f(path);
  return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

int findingIndex(const ReviewPanel &panel, const QString &file, const QString &rule) {
  const auto &all = panel.result().findings;
  for (int i = 0; i < static_cast<int>(all.size()); ++i)
    if (all[static_cast<size_t>(i)].file == file && all[static_cast<size_t>(i)].ruleId == rule) return i;
  return -1;
}

// "rule file:line" of every finding, to compare two results.
QStringList signatures(const std::vector<cio::Finding> &findings) {
  QStringList out;
  for (const cio::Finding &f : findings)
    out << QStringLiteral("%1 %2:%3 %4").arg(f.ruleId, f.file).arg(f.line).arg(f.message);
  out.sort();
  return out;
}

QTreeWidgetItem *treeItem(QTreeWidget *tree, const QString &text) {
  for (QTreeWidgetItemIterator it(tree); *it; ++it)
    if ((*it)->text(0) == text) return *it;
  return nullptr;
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
    // A reviewer can fix what they find: the editor takes edits.
    QVERIFY(!editor->isReadOnly());
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

  // A 10,000-file repository, generated here: the rows of the first files arrive while
  // the scan still runs, the scan completes, and only the files that touch Customer.io
  // keep their text in memory.
  void tenThousandFilesStreamIn() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray pitfall =
        "const { TrackClient } = require('customerio-node');\n"
        "const cio = new TrackClient(process.env.CIO_SITE_ID, process.env.CIO_API_KEY);\n"
        "exports.f = (u) => cio.identify(u.id, { email: u.email, created_at: Date.now() });\n";
    qint64 touchingBytes = 0;
    for (int i = 0; i < 20; ++i) {
      QVERIFY(writeAll(dir.filePath(QStringLiteral("a/f%1.js").arg(i, 2, 10, QLatin1Char('0'))), pitfall));
      touchingBytes += pitfall.size();
    }
    for (int i = 0; i < 9980; ++i)
      QVERIFY(writeAll(dir.filePath(QStringLiteral("pkg%1/m%2.js").arg(i / 100, 3, 10, QLatin1Char('0')).arg(i)),
                       QByteArrayLiteral("export function add(a, b) {\n  return a + b; // plain code\n}\n")));
    ReviewPanel panel;
    // A pause per file keeps the scan long enough to watch it, on any machine.
    panel.setPerFileDelayForTesting(1);
    QSignalSpy done(&panel, &ReviewPanel::scanFinished);
    int ticks = 0;
    QTimer tick;
    connect(&tick, &QTimer::timeout, &panel, [&] { ++ticks; });
    tick.start(10);
    QVERIFY(panel.startScan(dir.path()));
    // Rows stream in: the first files' findings are in the tree before the scan ends.
    QTRY_VERIFY_WITH_TIMEOUT(findingRows(panel.problemsModel()) > 0 || !done.isEmpty(), 300000);
    QVERIFY2(done.isEmpty(), "rows appeared only when the scan had ended");
    QVERIFY(panel.isScanning());
    QVERIFY(ticks > 0);  // the GUI thread kept running its timers
    QVERIFY(done.wait(600000));
    QCOMPARE(done.first().first().toBool(), false);
    QCOMPARE(panel.totalFiles(), 10000);
    QCOMPARE(panel.result().filesScanned, 10000);
    int cio002 = 0;
    for (const cio::Finding &f : panel.result().findings)
      if (f.ruleId == QLatin1String("CIO002")) ++cio002;
    QCOMPARE(cio002, 20);
    QCOMPARE(findingRows(panel.problemsModel()), static_cast<int>(panel.result().findings.size()));
    QVERIFY2(panel.retainedSourceBytes() <= touchingBytes, qPrintable(QString::number(panel.retainedSourceBytes())));
    QTreeWidgetItem *folder = treeItem(panel.fileTree(), QStringLiteral("a/"));
    QVERIFY(folder);
    QCOMPARE(folder->childCount(), 20);
  }

  void fileTreeShowsFoldersWithCounts() {
    ReviewPanel panel;
    QVERIFY(scanAndWait(panel, kMixed));
    QHash<QString, int> perFile;
    for (const cio::Finding &f : panel.result().findings) perFile[f.file]++;
    QTreeWidget *tree = panel.fileTree();
    for (const QString &folder :
         {QStringLiteral("web"), QStringLiteral("worker"), QStringLiteral("billing"), QStringLiteral("mailer")}) {
      QTreeWidgetItem *it = treeItem(tree, folder + QLatin1Char('/'));
      QVERIFY2(it, qPrintable(folder));
      QVERIFY(it->isExpanded());
      int sum = 0;
      for (int c = 0; c < it->childCount(); ++c) {
        QTreeWidgetItem *file = it->child(c);
        const QString path = folder + QLatin1Char('/') + file->text(0);
        QCOMPARE(file->text(1).toInt(), perFile.value(path));
        sum += file->text(1).toInt();
      }
      QCOMPARE(it->text(1).toInt(), sum);
    }
    // A chain of single folders reads as one row, so file names stay readable.
    QTemporaryDir deep;
    QVERIFY(writeAll(deep.filePath(QStringLiteral("billing/app/services/notify.rb")),
                     "require \"customerio\"\n$cio = Customerio::Client.new(ENV[\"A\"], ENV[\"B\"])\n"
                     "$cio.track(1, \"invoice-paid\", at: (Time.now.to_f * 1000).to_i)\n"));
    ReviewPanel deepPanel;
    QVERIFY(scanAndWait(deepPanel, deep.path()));
    QCOMPARE(deepPanel.fileTree()->topLevelItemCount(), 1);
    QTreeWidgetItem *chain = deepPanel.fileTree()->topLevelItem(0);
    QCOMPARE(chain->text(0), QStringLiteral("billing/app/services/"));
    QCOMPARE(chain->childCount(), 1);
    QCOMPARE(chain->child(0)->text(0), QStringLiteral("notify.rb"));
    QCOMPARE(chain->text(1).toInt(), static_cast<int>(deepPanel.result().findings.size()));
    QVERIFY(chain->text(1).toInt() >= 1);

    // Filters apply to the tree as to the Problems list.
    panel.setRuleFilter(QStringLiteral("CIO002"));
    int cio002 = 0;
    for (const cio::Finding &f : panel.result().findings)
      if (f.ruleId == QLatin1String("CIO002")) ++cio002;
    int inTree = 0;
    for (int t = 0; t < tree->topLevelItemCount(); ++t) inTree += tree->topLevelItem(t)->text(1).toInt();
    QCOMPARE(inTree, cio002);
    panel.setRuleFilter({});
    // Activating a file opens it at its first finding.
    QTreeWidgetItem *py = treeItem(tree, QStringLiteral("sync.py"));
    QVERIFY(py);
    Q_EMIT tree->itemActivated(py, 0);
    QVERIFY(panel.currentEditor());
    QCOMPARE(panel.currentEditor()->property("cioFile").toString(), QStringLiteral("worker/sync.py"));
    int line = 0, col = 0;
    panel.currentEditor()->getCursorPosition(&line, &col);
    int first = 1 << 30;
    for (const cio::Finding &f : panel.result().findings)
      if (f.file == QLatin1String("worker/sync.py")) first = std::min(first, f.line);
    QCOMPARE(line + 1, first);
  }

  void quickFixIsAnUndoableEditThatIsSaved() {
    QTemporaryDir dir;
    const QString root = dir.filePath(QStringLiteral("mixed"));
    QVERIFY(copyTree(kMixed, root));
    ReviewPanel panel;
    QVERIFY(scanAndWait(panel, root));
    const int i = findingIndex(panel, QStringLiteral("web/signup.js"), QStringLiteral("CIO002"));
    QVERIFY(i >= 0);
    const cio::Finding f = panel.result().findings[static_cast<size_t>(i)];
    QVERIFY(!f.fixes.empty());
    CodeEditor *editor = panel.openLocation(f.file, f.line);
    QVERIFY(editor);
    const QByteArray original = editor->utf8Text();
    QCOMPARE(original, readAll(root + QStringLiteral("/web/signup.js")));
    int mark = -1;
    for (int m = 0; m < static_cast<int>(editor->marks().size()); ++m)
      if (editor->marks()[static_cast<size_t>(m)].ruleId == QLatin1String("CIO002")) mark = m;
    QVERIFY(mark >= 0);
    const int tab = panel.editorTabs()->indexOf(editor);
    QCOMPARE(panel.editorTabs()->tabText(tab), QStringLiteral("signup.js"));
    // The lightbulb's menu emits this.
    Q_EMIT editor->fixRequested(mark, 0);
    QCOMPARE(editor->utf8Text(), cio::applyFix(original, f.fixes[0]));
    QVERIFY(editor->isModified());
    QCOMPARE(panel.editorTabs()->tabText(tab), QStringLiteral("signup.js ●"));
    QVERIFY(panel.hasUnsavedEdits());
    // The buffer is re-analysed with the project: the fixed finding goes, the disk is untouched.
    QTRY_VERIFY_WITH_TIMEOUT(findingIndex(panel, QStringLiteral("web/signup.js"), QStringLiteral("CIO002")) < 0, 60000);
    QCOMPARE(readAll(root + QStringLiteral("/web/signup.js")), original);
    // Undo takes it back in one step.
    editor->undo();
    QCOMPARE(editor->utf8Text(), original);
    QVERIFY(!editor->isModified());
    QCOMPARE(panel.editorTabs()->tabText(tab), QStringLiteral("signup.js"));
    QTRY_VERIFY_WITH_TIMEOUT(
        findingIndex(panel, QStringLiteral("web/signup.js"), QStringLiteral("CIO002")) >= 0 && !panel.isScanning(),
        60000);
    editor->redo();
    QVERIFY(editor->isModified());
    QVERIFY(panel.save(editor));
    QCOMPARE(readAll(root + QStringLiteral("/web/signup.js")), cio::applyFix(original, f.fixes[0]));
    QVERIFY(!editor->isModified());
    QCOMPARE(panel.editorTabs()->tabText(tab), QStringLiteral("signup.js"));

    // Closing a tab with edits asks; Cancel keeps the tab and the edit, Discard drops it.
    editor->append(QStringLiteral("\n// more\n"));
    QVERIFY(editor->isModified());
    QStringList asked;
    panel.setUnsavedPrompt([&](const QString &file) {
      asked << file;
      return QMessageBox::Cancel;
    });
    QVERIFY(!panel.closeEditor(tab));
    QCOMPARE(panel.editorTabs()->count(), 1);
    QCOMPARE(asked, QStringList{QStringLiteral("web/signup.js")});
    QVERIFY(!panel.maybeSaveAll());  // opening another folder or quitting is refused too
    QVERIFY(!panel.startScan(root));
    QVERIFY(editor->utf8Text().endsWith("// more\n"));
    panel.setUnsavedPrompt([](const QString &) { return QMessageBox::Save; });
    QVERIFY(panel.maybeSaveAll());
    QVERIFY(readAll(root + QStringLiteral("/web/signup.js")).endsWith("// more\n"));
    editor->append(QStringLiteral("// gone\n"));
    panel.setUnsavedPrompt([](const QString &) { return QMessageBox::Discard; });
    QVERIFY(panel.closeEditor(panel.editorTabs()->indexOf(editor)));
    QCOMPARE(panel.editorTabs()->count(), 0);
    QVERIFY(!readAll(root + QStringLiteral("/web/signup.js")).contains("// gone"));
  }

  void suppressionCommentInTheFilesCommentSyntax() {
    QTemporaryDir dir;
    const QString root = dir.filePath(QStringLiteral("mixed"));
    QVERIFY(copyTree(kMixed, root));
    ReviewPanel panel;
    QVERIFY(scanAndWait(panel, root));
    const int suppressedBefore = panel.result().suppressedCount;
    struct Case {
      QString file, rule, comment;
    };
    const QList<Case> cases = {{QStringLiteral("worker/sync.py"), QStringLiteral("CIO002"), QStringLiteral("#")},
                               {QStringLiteral("web/signup.js"), QStringLiteral("CIO002"), QStringLiteral("//")}};
    for (const Case &c : cases) {
      const int i = findingIndex(panel, c.file, c.rule);
      QVERIFY2(i >= 0, qPrintable(c.file));
      const cio::Finding f = panel.result().findings[static_cast<size_t>(i)];
      QVERIFY(panel.insertSuppression(i, QStringLiteral("legacy  reader")));
      CodeEditor *editor = panel.currentEditor();
      QCOMPARE(editor->property("cioFile").toString(), c.file);
      const QString line = editor->text(f.line - 1);
      const QString indent =
          editor->text(f.line).left(editor->text(f.line).indexOf(QRegularExpression(QStringLiteral("\\S"))));
      QCOMPARE(line, indent + c.comment + QStringLiteral(" cio-lint-disable-next-line ") + c.rule +
                         QStringLiteral(" -- legacy reader\n"));
      QVERIFY(editor->isModified());
      const QByteArray edited = editor->utf8Text();
      editor->undo();
      QCOMPARE(editor->utf8Text(), readAll(root + QLatin1Char('/') + c.file));
      editor->redo();
      QCOMPARE(editor->utf8Text(), edited);
      QVERIFY(panel.save(editor));
      // Wait for the re-analysis of the saved file.
      QTRY_VERIFY_WITH_TIMEOUT(!panel.isScanning() && findingIndex(panel, c.file, c.rule) < 0, 60000);
    }
    QCOMPARE(panel.result().suppressedCount, suppressedBefore + 2);
    // The analyzer itself agrees: the comments are real suppressions.
    QCOMPARE(analyzeFolder(root).suppressedCount, suppressedBefore + 2);
  }

  void changedFilesAloneAreReanalysed() {
    QTemporaryDir dir;
    const QString root = dir.filePath(QStringLiteral("mixed"));
    QVERIFY(copyTree(kMixed, root));
    ReviewPanel panel;
    panel.setWatchDebounce(100);
    QVERIFY(scanAndWait(panel, root));
    QVERIFY(!panel.lastScanWasIncremental());
    const int target = findingIndex(panel, QStringLiteral("web/signup.js"), QStringLiteral("CIO002"));
    QVERIFY(target >= 0);
    const int acceptedLine = panel.result().findings[static_cast<size_t>(target)].line;
    QVERIFY(panel.acceptFinding(target, QStringLiteral("reads ms")));
    QSignalSpy done(&panel, &ReviewPanel::scanFinished);
    // Let the write of .cio-review.json settle (it changes nothing that is analysed).
    QTest::qWait(400);
    done.clear();

    // An edit on disk that moves the accepted finding down two lines.
    const QString js = root + QStringLiteral("/web/signup.js");
    QVERIFY(writeAll(js, "// moved\n// down\n" + readAll(js)));
    QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty() && panel.lastScanFileCount() == 1 && !panel.isScanning(), 60000);
    QVERIFY(panel.lastScanWasIncremental());
    int accepted = -1;
    for (int i = 0; i < static_cast<int>(panel.result().findings.size()); ++i)
      if (panel.isAccepted(i)) accepted = i;
    QVERIFY(accepted >= 0);
    QCOMPARE(panel.result().findings[static_cast<size_t>(accepted)].line, acceptedLine + 2);
    QCOMPARE(signatures(panel.result().findings), signatures(analyzeFolder(root).findings));

    // A new file with a pitfall, then a deleted one.
    done.clear();
    QVERIFY(writeAll(root + QStringLiteral("/web/extra.js"),
                     "const { TrackClient } = require('customerio-node');\n"
                     "const cio = new TrackClient(process.env.CIO_SITE_ID, process.env.CIO_API_KEY);\n"
                     "exports.f = (u) => cio.identify(u.id, { created_at: Date.now() });\n"));
    QTRY_VERIFY_WITH_TIMEOUT(findingIndex(panel, QStringLiteral("web/extra.js"), QStringLiteral("CIO002")) >= 0, 60000);
    QVERIFY(panel.lastScanWasIncremental());
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isScanning(), 60000);
    QVERIFY(QFile::remove(root + QStringLiteral("/worker/sync.py")));
    QTRY_VERIFY_WITH_TIMEOUT(findingIndex(panel, QStringLiteral("worker/sync.py"), QStringLiteral("CIO002")) < 0,
                             60000);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isScanning(), 60000);
    QCOMPARE(signatures(panel.result().findings), signatures(analyzeFolder(root).findings));
    QVERIFY(!treeItem(panel.fileTree(), QStringLiteral("sync.py")));
    QVERIFY(treeItem(panel.fileTree(), QStringLiteral("extra.js")));
    // Still accepted after all that.
    bool still = false;
    for (int i = 0; i < static_cast<int>(panel.result().findings.size()); ++i)
      if (panel.isAccepted(i) && panel.acceptedReason(i) == QLatin1String("reads ms")) still = true;
    QVERIFY(still);
  }

  // The cache behind re-scans gives what a whole scan gives, also when the module that
  // exports the client changes (files passed over before must be looked at again).
  void incrementalAnalysisMatchesAFullScan() {
    QTemporaryDir dir;
    const QString root = dir.filePath(QStringLiteral("node"));
    QVERIFY(copyTree(kNode, root));
    cio::Scanner scanner;
    cio::ScanCache cache;
    cio::Analyzer analyzer;
    const cio::ScanResult scan = scanner.scan({root});
    const cio::AnalysisResult first = analyzer.analyzeFiles(scan.files, {}, nullptr, {}, &cache);
    QVERIFY(cache.complete);
    QCOMPARE(signatures(first.findings), signatures(analyzeFolder(root).findings));
    // Rename the exported client's module: the importers now reach no client.
    std::vector<cio::SourceFile> changed;
    for (const cio::SourceFile &f : scan.files)
      if (f.displayPath == QLatin1String("lib/customerio.js")) changed.push_back(f);
    QCOMPARE(changed.size(), size_t(1));
    const QByteArray lib = readAll(changed[0].path);
    QVERIFY(writeAll(changed[0].path, "// emptied\n"));
    cio::AnalysisResult later = analyzer.updateFiles(cache, changed, {});
    QVERIFY(signatures(later.findings) != signatures(first.findings));  // the change matters
    QCOMPARE(signatures(later.findings), signatures(analyzeFolder(root).findings));
    QVERIFY(writeAll(changed[0].path, lib));
    later = analyzer.updateFiles(cache, changed, {});
    QCOMPARE(signatures(later.findings), signatures(first.findings));
    QCOMPARE(later.filesScanned, first.filesScanned);
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
