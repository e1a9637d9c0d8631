#include "project/analyzer.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char **argv) {
  QCoreApplication app(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("cio-lint"));
  QCoreApplication::setApplicationVersion(QStringLiteral(CIO_VERSION));
  QTextStream(stdout) << "cio-lint " << CIO_VERSION << Qt::endl;
  return 0;
}
