#pragma once

// The app's own saved files (settings, lessons read, the playground autosave): one that
// cannot be read is never overwritten or dropped silently. It is renamed aside, next to
// where it was, and the returned message tells the user what happened and where it went.

#include <QString>

namespace cio::desktop {

// Renames `path` to "<path>.corrupt-<UTC time>" (a number appended if that exists) and
// returns a sentence for the user naming both files and `why` ("is not valid JSON").
// When the rename fails the message says so; the caller must then not save over it.
QString keepCorruptFileAside(const QString &path, const QString &why, QString *asidePath = nullptr);

}  // namespace cio::desktop
