#pragma once

#include "findings/finding.h"
#include "language/language.h"
#include "theme.h"

#include <QTimer>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QListView;
class QSplitter;

namespace cio::desktop {

class CodeEditor;
class FindingsModel;
class LiveAnalyzer;

// The live playground: type, paste, open or drop code and see the analyzer's findings
// as you type. The buffer is autosaved and comes back on the next start.
class Playground : public QWidget {
  Q_OBJECT

 public:
  // Files above this size open read-only, without live analysis.
  static constexpr qint64 kMaxLiveBytes = 5 * 1024 * 1024;
  // Larger files are refused with a message instead of being opened.
  static constexpr qint64 kMaxOpenBytes = 64 * 1024 * 1024;

  explicit Playground(QWidget *parent = nullptr);
  ~Playground() override;

  CodeEditor *editor() const { return m_editor; }
  FindingsModel *findingsModel() const { return m_findings; }
  LiveAnalyzer *liveAnalyzer() const { return m_analyzer; }
  QComboBox *languageBox() const { return m_languageBox; }
  // The line under the editor: counts of findings, or why there are none.
  QString statusText() const;
  QString bannerText() const;

  void setTheme(const Theme &theme);

  // Asks before replacing text the user typed; returns false when they decline. The
  // default asks with a message box; tests answer programmatically.
  void setConfirmHandler(std::function<bool(const QString &question)> handler) { m_confirm = std::move(handler); }
  // Reports a file that cannot be opened. The default shows a message box.
  void setErrorHandler(std::function<void(const QString &title, const QString &text)> handler) {
    m_error = std::move(handler);
  }

  // Opens a source file into the buffer. Returns false (buffer untouched) when the user
  // declines to drop unsaved text or the file cannot be read as source.
  bool openFile(const QString &path);
  // Replaces the buffer with `text` (lesson examples); asks first like openFile().
  bool loadText(const QString &text, const cio::Language &language);
  bool save();
  bool saveAs(const QString &path = {});
  void newBuffer();

  const cio::Language &language() const;
  void setLanguage(const cio::Language &language, bool pinned);
  QString filePath() const { return m_path; }
  bool hasUnsavedText() const;

  // Applies one fix of one finding as a single undoable edit.
  bool applyFix(int findingIndex, int fixIndex);
  bool gotoFinding(bool forward);

  // Autosave: where, whether something is pending, write it now, read it back.
  void setAutosaveEnabled(bool enabled) { m_autosaveEnabled = enabled; }
  QString autosavePath() const { return m_autosavePath; }
  void setAutosavePath(const QString &path) { m_autosavePath = path; }
  bool flushAutosave();
  // Reads the autosave back. A damaged one is kept aside (savedstate.h) and
  // autosaveNotice() says so; false when nothing was restored.
  bool restoreAutosave();
  QString autosaveNotice() const { return m_autosaveNotice; }

  // True when no analysis is queued or running.
  bool isAnalysisIdle() const;

 Q_SIGNALS:
  void lessonRequested(const QString &ruleId);
  void statusMessage(const QString &text);
  void filePathChanged(const QString &path);
  void analysisIdle();

 protected:
  bool eventFilter(QObject *watched, QEvent *event) override;

 private:
  void onTextChanged();
  void onAnalysisFinished(const std::vector<cio::Finding> &findings, const QByteArray &source,
                          const QString &skipped, qint64 elapsedMs);
  // An empty `notLiveReason` keeps live analysis on; otherwise the buffer is read-only
  // and the reason is shown above it.
  void setBuffer(const QByteArray &utf8, const cio::Language &language, bool pinned, const QString &path,
                 bool modified, const QString &notLiveReason = {});
  void setLiveAnalysis(bool on, const QString &reason);
  void reanalyzeNow();
  void syncLanguageBox();
  QString analysisPath() const;
  bool confirmDiscard(const QString &what);
  void showError(const QString &title, const QString &text);
  void updateStatus();

  CodeEditor *m_editor;
  FindingsModel *m_findings;
  LiveAnalyzer *m_analyzer;
  QComboBox *m_languageBox;
  QLabel *m_status;
  QLabel *m_banner;
  QListView *m_list;
  QSplitter *m_splitter;
  QTimer m_autosaveTimer;
  QString m_autosavePath;
  bool m_autosaveEnabled = true;
  QString m_autosaveNotice;
  QString m_path;
  bool m_languagePinned = false;
  bool m_liveAnalysis = true;
  bool m_loading = false;
  bool m_unsaved = false;  // the buffer holds text the user typed and has not saved
  bool m_analyzing = false;
  qint64 m_lastElapsed = 0;
  QString m_lastSkipped;  // why the last analysis skipped the text, or empty
  std::function<bool(const QString &)> m_confirm;
  std::function<void(const QString &, const QString &)> m_error;
};

}  // namespace cio::desktop
