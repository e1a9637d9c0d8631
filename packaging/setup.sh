#!/usr/bin/env bash
# Sets up a Debian 12 machine for cio-pitfalls, builds it, then runs what you ask for:
#   packaging/setup.sh run     install what is missing, build, launch the desktop app
#   packaging/setup.sh test    install what is missing, build, run the whole test suite
#   packaging/setup.sh build   install what is missing, build
# Idempotent and fast when everything is already there. Environment:
#   BUILD_DIR (default: build), CIO_WERROR=ON to make warnings fatal (CI sets it).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
action="${1:-build}"
shift || true
build_dir="${BUILD_DIR:-build}"

packages=(qt6-base-dev qt6-svg-dev libqscintilla2-qt6-dev libtree-sitter-dev cmake ninja-build pkg-config g++
  xvfb xauth imagemagick libgl-dev fonts-dejavu-core librsvg2-bin desktop-file-utils appstream dpkg-dev
  clang libclang-rt-14-dev strace)
# clang with its sanitizer runtime builds the libFuzzer targets (tests/fuzz/run.sh);
# strace lets the security tests watch every socket and exec of a scan.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v npm >/dev/null 2>&1; then
  # Node's own package bundles npm; Debian's npm conflicts with it. Only when neither is
  # there, take Debian's pair.
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  missing+=(npm)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

werror="${CIO_WERROR:-OFF}"
[ -n "${CI:-}" ] && werror=ON
cmake -S . -B "$build_dir" -G Ninja -DCIO_WERROR="$werror" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"

case "$action" in
  build) ;;
  test)
    export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
    ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)" "$@"
    ;;
  run)
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      echo "setup: no display found; starting the app under Xvfb (xvfb-run)" >&2
      exec xvfb-run -a -s "-screen 0 1280x800x24" "$build_dir/bin/cio-pitfalls" "$@"
    fi
    exec "$build_dir/bin/cio-pitfalls" "$@"
    ;;
  *)
    echo "usage: packaging/setup.sh run|test|build" >&2
    exit 2
    ;;
esac
