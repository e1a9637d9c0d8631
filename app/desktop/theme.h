#pragma once

#include <QColor>
#include <QString>

#include <array>

class QApplication;

namespace cio::desktop {

// Colour classes the tree-sitter highlighter assigns (capture names map onto these).
enum HighlightStyle : unsigned char {
  StyleDefault,
  StyleKeyword,
  StyleString,
  StyleStringSpecial,
  StyleNumber,
  StyleComment,
  StyleFunction,
  StyleType,
  StyleConstant,
  StyleBuiltin,
  StyleProperty,
  StyleParameter,
  StyleOperator,
  StylePunctuation,
  StyleTag,
  StyleAttribute,
  StyleCount
};

// What the user asked for; System follows the platform palette.
enum class ThemeMode { System, Light, Dark };

QString themeModeName(ThemeMode mode);
bool parseThemeMode(const QString &name, ThemeMode *out);

// Every colour the editors and the finding marks use, for one light or dark look.
struct Theme {
  bool isDark = false;
  QColor paper, text, caretLine, selection, marginPaper, marginText;
  QColor error, warning, info;                        // squiggles and icons
  QColor errorPaper, warningPaper, infoPaper;         // annotation boxes
  QColor wrongAccent, correctAccent;                  // lesson example headers
  std::array<QColor, StyleCount> syntax;
  std::array<bool, StyleCount> italic{};
  std::array<bool, StyleCount> bold{};

  static Theme light();
  static Theme dark();
};

// Applies the mode to the application (Fusion style; a dark or light palette when forced,
// the platform palette for System) and returns the editor theme that matches it.
Theme applyThemeMode(QApplication &app, ThemeMode mode);
// The editor theme that matches the current application palette.
Theme themeForPalette();

}  // namespace cio::desktop
