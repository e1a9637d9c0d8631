#!/usr/bin/env bash
# Builds the .deb with CPack, unpacks it into a private root (dpkg -x: no change to the
# machine), and runs both programs from the unpacked files.
set -euo pipefail
build="$1"
src="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; exit 1; }
deb="$(ls "$work"/out/*.deb)"
echo "built $(basename "$deb")"

fields="$(dpkg-deb -f "$deb" Package Version Depends)"
echo "$fields"
grep -q '^Depends: .*libqt6core6' <<<"$fields" || { echo "Depends lacks the Qt libraries (dpkg-shlibdeps)"; exit 1; }
grep -q "^Depends: .*libqt6svg6" <<<"$fields" || { echo "Depends lacks libqt6svg6 (the SVG icon plugins)"; exit 1; }

root="$work/root"
dpkg -x "$deb" "$root"
for f in usr/bin/cio-lint usr/bin/cio-pitfalls \
         usr/share/applications/io.github.ciopitfalls.CioPitfalls.desktop \
         usr/share/metainfo/io.github.ciopitfalls.CioPitfalls.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/io.github.ciopitfalls.CioPitfalls.svg \
         usr/share/icons/hicolor/48x48/apps/io.github.ciopitfalls.CioPitfalls.png \
         usr/share/man/man1/cio-lint.1.gz \
         usr/share/bash-completion/completions/cio-lint; do
  [ -e "$root/$f" ] || { echo "missing from the package: $f"; exit 1; }
done

"$root/usr/bin/cio-lint" --version
# Lint a sample with a pitfall from the installed binary: it must be found.
mkdir -p "$work/sample"
cat >"$work/sample/signup.js" <<'JS'
const { TrackClient } = require('customerio-node');
const cio = new TrackClient(process.env.CIO_SITE_ID, process.env.CIO_TRACK_API_KEY);
async function signup(user) {
  await cio.identify(user.id, { email: user.email, created_at: Date.now() });
}
module.exports = { signup };
JS
set +e
out="$("$root/usr/bin/cio-lint" --format json "$work/sample")"
code=$?
set -e
echo "$out"
[ "$code" -eq 1 ] || { echo "expected exit 1 (findings), got $code"; exit 1; }
grep -q '"CIO002"' <<<"$out" || { echo "the installed cio-lint did not report CIO002"; exit 1; }

export XDG_RUNTIME_DIR="$work/xdg" HOME="$work/home"
mkdir -p "$XDG_RUNTIME_DIR" "$HOME"
chmod 700 "$XDG_RUNTIME_DIR"
QT_QPA_PLATFORM=offscreen "$root/usr/bin/cio-pitfalls" --screenshot "$work/shot.png"
[ -s "$work/shot.png" ] || { echo "no screenshot from the installed app"; exit 1; }
echo "installed programs run"
