#!/usr/bin/env bash
# Short libFuzzer run over every target, for CI and for local soak runs.
#
#   tests/fuzz/run.sh [SECONDS_PER_TARGET]     (default 10)
#
# Configures build-fuzz/ with clang (-DCIO_FUZZ=ON), builds the targets, seeds each
# corpus from tests/fixtures (and the lessons' examples when present), runs each target
# for the given time and exits non-zero when any target crashed, leaked, timed out on
# one input or ran out of memory. Crash inputs are kept in build-fuzz/crashes/ (the
# last lines of the log name the file); once fixed, copy it into
# tests/fuzz/regressions/<target>/, which ctest replays (fuzz_replay_*) on every run.
# The corpora grow in build-fuzz/corpus/ across runs.
set -euo pipefail

seconds="${1:-10}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${CIO_FUZZ_BUILD_DIR:-$root/build-fuzz}"
jobs="${CIO_FUZZ_JOBS:-2}"

command -v clang++ >/dev/null || { echo "run.sh: clang++ is needed (apt-get install clang)" >&2; exit 2; }

cmake -S "$root" -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCIO_FUZZ=ON -DCIO_BUILD_APP=OFF -DCIO_BUILD_TESTS=OFF >"$build.configure.log" 2>&1 ||
  { cat "$build.configure.log"; exit 2; }
targets=(fuzz_javascript fuzz_typescript fuzz_tsx fuzz_python fuzz_ruby fuzz_go fuzz_config fuzz_suppressions
  fuzz_lessons fuzz_progress)
# CIO_FUZZ_TARGETS="fuzz_go fuzz_lessons" runs only those.
[ -n "${CIO_FUZZ_TARGETS:-}" ] && read -r -a targets <<<"$CIO_FUZZ_TARGETS"
cmake --build "$build" -j "$jobs" --target "${targets[@]}"

# Seeds: the fixtures of each language, the lessons' examples, and a few hand-made ones.
seed() {  # seed TARGET FIND-ARGS...
  local dir="$build/seeds/$1"; shift
  rm -rf "$dir"; mkdir -p "$dir"
  for base in "$root/tests/fixtures" "$root/lessons"; do
    [ -d "$base" ] && find "$base" -type f \( "$@" \) -size -64k -exec cp -t "$dir" {} + 2>/dev/null || true
  done
}
seed fuzz_javascript -name '*.js' -o -name '*.mjs' -o -name '*.cjs' -o -name '*.jsx'
seed fuzz_typescript -name '*.ts' -o -name '*.mts' -o -name '*.cts'
seed fuzz_tsx -name '*.tsx' -o -name '*.jsx'
seed fuzz_python -name '*.py'
seed fuzz_ruby -name '*.rb'
seed fuzz_go -name '*.go'
seed fuzz_config -name '.cio-lint.json' -o -name 'cio-lint*.json'
seed fuzz_suppressions -name '*.js' -o -name '*.py'
printf '%s' '{"rules":{"CIO010":"off","email-as-id":"error","CIO002":{"severity":"warning"}},"ignore":["test/**","**/*.spec.ts"],"maxFileBytes":5242880,"parseTimeoutMs":5000}' \
  >"$build/seeds/fuzz_config/full.json"
printf '%s' '// cio-lint-disable-next-line CIO002, email-as-id -- reason' >"$build/seeds/fuzz_suppressions/next.txt"
printf '%s' '/* a\n cio-lint-disable-file\n cio-lint-disable-line CIO004 */' >"$build/seeds/fuzz_suppressions/block.txt"
# A lesson seed is its files joined by NUL bytes, in the order fuzz_lessons.cpp splits them:
# lesson.json, lesson.md, quiz.json, order.json, tracks.json, examples/javascript/{wrong,correct}.js
rm -rf "$build/seeds/fuzz_lessons" "$build/seeds/fuzz_progress"
mkdir -p "$build/seeds/fuzz_lessons" "$build/seeds/fuzz_progress"
for lesson in "$root"/lessons/CIO*/; do
  [ -f "$lesson/lesson.json" ] || continue
  for f in "$lesson/lesson.json" "$lesson/lesson.md" "$lesson/quiz.json" "$root/lessons/order.json" \
      "$root/lessons/tracks.json" "$lesson"/examples/javascript/wrong.* "$lesson"/examples/javascript/correct.*; do
    [ -f "$f" ] && cat "$f"
    printf '\0'
  done >"$build/seeds/fuzz_lessons/$(basename "$lesson")"
done
printf '%s' '{"format":"cio-pitfalls-progress","version":1,"currentProfile":"ana","profiles":{"ana":{"lessonsRead":{"CIO002":"2026-01-01T00:00:00Z"},"questions":{"CIO002":{"q1":{"box":2,"attempts":3,"correct":2,"last":"2026-01-01T00:00:00Z"}}},"scores":{"CIO002":{"score":3,"total":4,"when":"2026-01-01T00:00:00Z"}}}}}' \
  >"$build/seeds/fuzz_progress/progress.json"
printf '%s' '{"version":1,"accepted":[{"file":"src/a.js","rule":"CIO004","line_hash":"0123456789abcdef","reason":"legacy ids"}]}' \
  >"$build/seeds/fuzz_progress/decisions.json"

# CIO_FUZZ_RUNS=N: N inputs per target from a fixed seed instead of a time budget, so the
# same tree gives the same run on any machine (CI uses this: a green run here is a green
# run there). Without it each target fuzzes for SECONDS_PER_TARGET with a random seed.
if [ -n "${CIO_FUZZ_RUNS:-}" ]; then
  budget=(-runs="$CIO_FUZZ_RUNS" -seed=1)
  seconds="$CIO_FUZZ_RUNS runs"
else
  budget=(-max_total_time="$seconds")
  seconds="${seconds}s"
fi

mkdir -p "$build/crashes" "$build/logs"
failed=()
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  mkdir -p "$corpus"
  echo "== $t: $seconds"
  # -timeout: one input taking over 10 s is a hang; -rss_limit_mb bounds memory.
  if ! "$build/fuzz/$t" "$corpus" "$build/seeds/$t" \
      "${budget[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$build/crashes/$t-" >"$build/logs/$t.log" 2>&1; then
    failed+=("$t")
    tail -n 40 "$build/logs/$t.log"
  else
    grep -E "stat::number_of_executed_units|stat::new_units_added" "$build/logs/$t.log" | tr '\n' ' '; echo
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]} (inputs in $build/crashes/)" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets x $seconds, no crash"
