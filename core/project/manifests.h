#pragma once

// Which version of the Customer.io SDK a project installs, read from its dependency
// manifests (lockfiles first). Cheap and forgiving: plain text matching on files up to
// a few megabytes, and a malformed or unreadable manifest simply names no version.

#include "language/language.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace cio {

struct SdkVersion {
  QString version;  // as the manifest states it: "2.1.0", "3.0", "<3"
  QString source;   // the manifest's file name: "package-lock.json"
  bool isValid() const { return !version.isEmpty(); }
};

// The version of this language's Customer.io SDK (customerio-node, customerio,
// the customerio gem, go-customerio) that `content` names, given the manifest's file
// name, or an empty string when it names none (or the file is not a manifest).
QString sdkVersionInManifest(const QString &fileName, const QByteArray &content, LanguageId language);

// The major version a stated version pins: "2.1.0" -> 2, "^3.0.0" -> 3, "<3" -> 2,
// "v3.11.0" -> 3; -1 when it does not say.
int sdkMajorVersion(const QString &version);

// Looks for manifests in `dir` and its parents (stopping at a repository root or after
// a few levels) and returns the nearest one's SDK version. `cache` (by folder and
// language) keeps a scan from reading the same manifests once per file.
SdkVersion findSdkVersion(const QString &dir, LanguageId language, QHash<QString, SdkVersion> *cache = nullptr);

}  // namespace cio
