#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer.
#
#   tests/sanitize.sh [CTEST ARGS...]     e.g. tests/sanitize.sh -R test_hostile
#
# Configures build-asan/ (Debug at -O1, gcc, -fsanitize=address,undefined for C and C++, so
# the tree-sitter runtime and the grammars' scanners are checked too), builds it and runs
# ctest; the first sanitizer report stops its test (halt_on_error=1) and fails the run.
# The desktop app and its GUI tests stay out (-DCIO_BUILD_APP=OFF): Qt Widgets itself is
# not instrumented, and they add build time for little analyzer coverage.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${CIO_ASAN_BUILD_DIR:-$root/build-asan}"
jobs="${CIO_ASAN_JOBS:-2}"
# -O1: unoptimised tree-sitter under ASan is ~15x slower, enough to hit the parse CPU
# limit on the hostile-input tests; -O1 keeps the reports exact (ASan's own advice).
flags="-O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"

cmake -S "$root" -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_C_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DCIO_BUILD_APP=OFF
cmake --build "$build" -j "$jobs"

# detect_leaks: Qt's global statics are reachable at exit, so LeakSanitizer stays on.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
ctest --test-dir "$build" --output-on-failure -j "$jobs" --timeout 1200 "$@"
