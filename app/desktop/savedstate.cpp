#include "savedstate.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace cio::desktop {

QString keepCorruptFileAside(const QString &path, const QString &why, QString *asidePath) {
  const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss"));
  QString target = QStringLiteral("%1.corrupt-%2").arg(path, stamp);
  for (int n = 2; QFileInfo::exists(target); ++n) target = QStringLiteral("%1.corrupt-%2-%3").arg(path, stamp).arg(n);
  const QString shown = QDir::toNativeSeparators(path);
  if (!QFile::rename(path, target)) {
    if (asidePath) asidePath->clear();
    return QStringLiteral("%1 %2 and could not be moved aside: it is left as it is.").arg(shown, why);
  }
  if (asidePath) *asidePath = target;
  return QStringLiteral("%1 %2. It was kept as %3 and a fresh one was started; nothing was deleted.")
      .arg(shown, why, QDir::toNativeSeparators(target));
}

}  // namespace cio::desktop
