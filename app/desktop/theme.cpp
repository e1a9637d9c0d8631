#include "theme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace cio::desktop {

QString themeModeName(ThemeMode mode) {
  switch (mode) {
    case ThemeMode::System: return QStringLiteral("system");
    case ThemeMode::Light: return QStringLiteral("light");
    case ThemeMode::Dark: return QStringLiteral("dark");
  }
  return QString();
}

bool parseThemeMode(const QString &name, ThemeMode *out) {
  const QString n = name.trimmed().toLower();
  if (n == QLatin1String("system") || n == QLatin1String("auto")) *out = ThemeMode::System;
  else if (n == QLatin1String("light")) *out = ThemeMode::Light;
  else if (n == QLatin1String("dark")) *out = ThemeMode::Dark;
  else return false;
  return true;
}

Theme Theme::light() {
  Theme t;
  t.isDark = false;
  t.paper = QColor(0xffffff);
  t.text = QColor(0x1f2328);
  t.caretLine = QColor(0xf3f6fa);
  t.selection = QColor(0xcfe3ff);
  t.marginPaper = QColor(0xf6f8fa);
  t.marginText = QColor(0x8c959f);
  t.error = QColor(0xd1242f);
  t.warning = QColor(0xbf8700);
  t.info = QColor(0x0969da);
  t.errorPaper = QColor(0xffebe9);
  t.warningPaper = QColor(0xfff8c5);
  t.infoPaper = QColor(0xddf4ff);
  t.wrongAccent = QColor(0xcf222e);
  t.correctAccent = QColor(0x1a7f37);
  t.syntax = {QColor(0x1f2328), QColor(0xcf222e), QColor(0x0a3069), QColor(0x116329),
              QColor(0x0550ae), QColor(0x6e7781), QColor(0x8250df), QColor(0x953800),
              QColor(0x0550ae), QColor(0x0550ae), QColor(0x0550ae), QColor(0x953800),
              QColor(0xcf222e), QColor(0x57606a), QColor(0x116329), QColor(0x0550ae)};
  t.italic[StyleComment] = true;
  return t;
}

Theme Theme::dark() {
  Theme t;
  t.isDark = true;
  t.paper = QColor(0x0d1117);
  t.text = QColor(0xe6edf3);
  t.caretLine = QColor(0x161b22);
  t.selection = QColor(0x264f78);
  t.marginPaper = QColor(0x0d1117);
  t.marginText = QColor(0x6e7681);
  t.error = QColor(0xff7b72);
  t.warning = QColor(0xd29922);
  t.info = QColor(0x58a6ff);
  t.errorPaper = QColor(0x3d1518);
  t.warningPaper = QColor(0x3a2d0a);
  t.infoPaper = QColor(0x0c2d4d);
  t.wrongAccent = QColor(0xff7b72);
  t.correctAccent = QColor(0x3fb950);
  t.syntax = {QColor(0xe6edf3), QColor(0xff7b72), QColor(0xa5d6ff), QColor(0x7ee787),
              QColor(0x79c0ff), QColor(0x8b949e), QColor(0xd2a8ff), QColor(0xffa657),
              QColor(0x79c0ff), QColor(0x79c0ff), QColor(0x79c0ff), QColor(0xffa657),
              QColor(0xff7b72), QColor(0xb1bac4), QColor(0x7ee787), QColor(0x79c0ff)};
  t.italic[StyleComment] = true;
  return t;
}

static QPalette darkPalette() {
  QPalette p;
  const QColor window(0x1c2128), base(0x0d1117), text(0xe6edf3), button(0x22272e), mid(0x444c56);
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, QColor(0x161b22));
  p.setColor(QPalette::ToolTipBase, QColor(0x2d333b));
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::PlaceholderText, QColor(0x768390));
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, button);
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::BrightText, QColor(0xff7b72));
  p.setColor(QPalette::Light, QColor(0x2d333b));
  p.setColor(QPalette::Midlight, QColor(0x2d333b));
  p.setColor(QPalette::Mid, mid);
  p.setColor(QPalette::Dark, QColor(0x15191e));
  p.setColor(QPalette::Shadow, QColor(Qt::black));
  p.setColor(QPalette::Highlight, QColor(0x316dca));
  p.setColor(QPalette::HighlightedText, QColor(0xffffff));
  p.setColor(QPalette::Link, QColor(0x58a6ff));
  p.setColor(QPalette::LinkVisited, QColor(0xbc8cff));
  for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
    p.setColor(QPalette::Disabled, role, QColor(0x636e7b));
  return p;
}

static QPalette lightPalette() {
  QPalette p = QStyleFactory::create(QStringLiteral("Fusion"))->standardPalette();
  p.setColor(QPalette::Window, QColor(0xf6f8fa));
  p.setColor(QPalette::Base, QColor(0xffffff));
  p.setColor(QPalette::AlternateBase, QColor(0xf6f8fa));
  p.setColor(QPalette::Highlight, QColor(0x0969da));
  p.setColor(QPalette::Link, QColor(0x0969da));
  return p;
}

Theme applyThemeMode(QApplication &app, ThemeMode mode) {
  // Fusion draws the same everywhere and honours any palette we give it.
  app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
  switch (mode) {
    case ThemeMode::Dark: app.setPalette(darkPalette()); break;
    case ThemeMode::Light: app.setPalette(lightPalette()); break;
    // An empty palette resolves nothing: Qt falls back to the platform theme's palette.
    case ThemeMode::System: app.setPalette(QPalette()); break;
  }
  return themeForPalette();
}

Theme themeForPalette() {
  const QPalette p = QApplication::palette();
  return p.color(QPalette::Base).lightness() < 128 ? Theme::dark() : Theme::light();
}

}  // namespace cio::desktop
