#!/usr/bin/env bash
# Installs the .deb for real with apt, as a user would, and runs both programs from the
# installed files; then removes it again. It changes the machine, so it only runs where
# that is wanted: as root with CI set (CI's machine), or with CIO_APT_INSTALL_TEST=1.
# Anywhere else it exits 77, which ctest reports as skipped.
set -euo pipefail
build="$1"
if [ "$(id -u)" -ne 0 ] || { [ -z "${CI:-}" ] && [ "${CIO_APT_INSTALL_TEST:-}" != 1 ]; }; then
  echo "skipped: installs system-wide; runs as root under CI=true or CIO_APT_INSTALL_TEST=1"
  exit 77
fi
if dpkg-query -W -f='${Status}' cio-pitfalls 2>/dev/null | grep -q "install ok installed"; then
  echo "skipped: a cio-pitfalls package is already installed here; not replacing it"
  exit 77
fi
work="$(mktemp -d)"
cleanup() {
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq cio-pitfalls >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; exit 1; }
deb="$(ls "$work"/out/*.deb)"
# apt resolves the Depends line from the configured archives; with everything already
# installed it needs no network.
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; exit 1; }
dpkg-query -W -f='${Package} ${Version} ${Status}\n' cio-pitfalls

# The menu entry and its icon, where a desktop looks for them.
app=io.github.ciopitfalls.CioPitfalls
desktop-file-validate "/usr/share/applications/$app.desktop"
grep -q '^Name=cio-pitfalls$' "/usr/share/applications/$app.desktop"
icon="$(sed -n 's/^Icon=//p' "/usr/share/applications/$app.desktop")"
[ -e "/usr/share/icons/hicolor/scalable/apps/$icon.svg" ] || { echo "no scalable icon for $icon"; exit 1; }
[ -e "/usr/share/icons/hicolor/48x48/apps/$icon.png" ] || { echo "no 48x48 icon for $icon"; exit 1; }
man -w cio-lint >/dev/null

command -v cio-lint | grep -q '^/usr/bin/cio-lint$'
cio-lint --version
mkdir -p "$work/sample"
printf '%s\n' "const { TrackClient } = require('customerio-node');" \
  "const cio = new TrackClient(process.env.CIO_SITE_ID, process.env.CIO_TRACK_API_KEY);" \
  "exports.paid = (o) => cio.track(o.customerId, { name: 'order_paid', data: { paid_at: Date.now() } });" \
  >"$work/sample/paid.js"
set +e
out="$(cio-lint --format json --fail-on none "$work/sample")"
code=$?
set -e
[ "$code" -eq 0 ] || { echo "cio-lint --fail-on none exited $code"; exit 1; }
grep -q '"CIO002"' <<<"$out" || { echo "the installed cio-lint missed CIO002: $out"; exit 1; }

export HOME="$work/home" XDG_RUNTIME_DIR="$work/xdg"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
QT_QPA_PLATFORM=offscreen cio-pitfalls --lesson CIO002 --screenshot "$work/shot.png"
[ -s "$work/shot.png" ] || { echo "the installed app made no screenshot"; exit 1; }
echo "installed with apt; both programs run from /usr/bin"
