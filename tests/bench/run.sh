#!/usr/bin/env bash
# cio-pitfalls benchmark: one command, prints one table.
#   tests/bench/run.sh [--files N]
# Builds Release binaries in build-bench/, generates two deterministic corpora
# (realistic: ~4 % of files touch Customer.io, some only through a local module that
# re-exports the client; dense: every file does), installs the peer tool ast-grep from
# npm (pinned in tests/bench/package-lock.json), then measures, on the same corpus:
# the tree-sitter parse limit, cio-lint, ast-grep, the grep audit, peak memory of each,
# live-edit latency and app startup. Nothing here is a pass/fail test.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${BENCH_BUILD_DIR:-$root/build-bench}"
files=3000
[ "${1:-}" = "--files" ] && files="$2"

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target cio-lint cio_bench cio_bench_corpus >/dev/null
if [ -x "$build/bin/cio-pitfalls" ] || cmake --build "$build" --target cio-pitfalls >/dev/null 2>&1; then have_app=1; else have_app=0; fi

peers="$build/bench-peers"
if [ ! -x "$peers/node_modules/@ast-grep/cli-linux-x64-gnu/ast-grep" ]; then
  mkdir -p "$peers"
  cp "$here/package.json" "$here/package-lock.json" "$peers/"
  (cd "$peers" && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
fi
sg="$peers/node_modules/@ast-grep/cli-linux-x64-gnu/ast-grep"

work="$build/bench-work"
mkdir -p "$work"
"$build/bench/cio_bench_corpus" --out "$work/realistic" --kind realistic --files "$files" >/dev/null
"$build/bench/cio_bench_corpus" --out "$work/dense" --kind dense --files $((files / 3)) >/dev/null

bytes_of() { find "$1" -type f \( -name '*.js' -o -name '*.ts' -o -name '*.py' -o -name '*.rb' -o -name '*.go' \) -printf '%s\n' | awk '{s+=$1} END {print s}'; }
# best of 3: prints "seconds peak_kb"
measure() {
  local best="" mem=0
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || true
    read -r s m <"$work/time.txt"
    if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then best=$s; fi
    [ "$m" -gt "$mem" ] && mem=$m
  done
  echo "$best $mem"
}
grep_audit() {
  local d="$1"
  grep -rnE 'created_at.*Date\.now\(\)' --include='*.js' --include='*.ts' "$d" || true
  grep -rn 'new TrackClient' --include='*.js' --include='*.ts' "$d" || true
  grep -rnE 'name: `[^`]*\$\{' --include='*.js' --include='*.ts' "$d" || true
  grep -rnE 'await [A-Za-z_.]*\.(track|identify)\(' --include='*.js' --include='*.ts' "$d" || true
}
export -f grep_audit

printf '\nMachine: %s, %s cores, %s\n' "$(uname -m)" "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf 'Command: tests/bench/run.sh --files %s\n\n' "$files"
for corpus in realistic dense; do
  d="$work/$corpus"
  mb=$(awk "BEGIN{print $(bytes_of "$d") / 1e6}")
  nfiles=$(find "$d" -type f ! -name expected.tsv | wc -l)
  read -r t_parse m_parse < <(measure "$build/bench/cio_bench" parse "$d")
  read -r t_lint m_lint < <(measure "$build/bin/cio-lint" --format json --no-config "$d")
  read -r t_sg m_sg < <(measure "$sg" scan -c "$here/ast-grep/sgconfig.yml" --json=compact "$d")
  read -r t_grep m_grep < <(measure bash -c "grep_audit '$d'")
  "$build/bin/cio-lint" --format json --no-config "$d" >"$work/$corpus.json" 2>/dev/null || true
  check="$(node "$here/check_expected.mjs" "$work/$corpus.json" "$d" || true)"
  rate() { awk "BEGIN{ if ($1 > 0) printf \"%.1f\", $mb / $1; else print \"inf\" }"; }
  printf '## %s corpus: %s files, %.1f MB\n' "$corpus" "$nfiles" "$mb"
  printf '| tool | seconds | MB/s | peak MB |\n|---|---|---|---|\n'
  printf '| tree-sitter parse limit (all cores) | %s | %s | %d |\n' "$t_parse" "$(rate "$t_parse")" $((m_parse / 1024))
  printf '| cio-lint (full analysis) | %s | %s | %d |\n' "$t_lint" "$(rate "$t_lint")" $((m_lint / 1024))
  printf '| ast-grep scan (3 rules x 2 languages) | %s | %s | %d |\n' "$t_sg" "$(rate "$t_sg")" $((m_sg / 1024))
  printf '| grep audit (4 pipelines) | %s | %s | %d |\n' "$t_grep" "$(rate "$t_grep")" $((m_grep / 1024))
  awk "BEGIN{ printf \"cio-lint / parse limit: %.2f (throughput ratio)\n\", $t_parse / $t_lint;
              printf \"cio-lint / ast-grep: %.2fx faster\n\", $t_sg / $t_lint;
              printf \"cio-lint time / grep audit time: %.2fx\n\", $t_lint / ($t_grep > 0 ? $t_grep : 0.01) }"
  echo "$check" | sed 's/^/pitfalls /'
  echo
done

# Live edit: a 5,000-line file with Customer.io calls, 500 one-character edits.
live="$work/live_edit.js"
{
  echo "const { TrackClient } = require('customerio-node');"
  echo "const cio = new TrackClient(process.env.SITE_ID, process.env.TRACK_KEY);"
  cat "$work"/realistic/web/src/module_*.js | grep -v "require('../lib/messaging')" | head -n 4990
  echo "async function signup(user) { await cio.identify(user.id, { email: user.email, created_at: Date.now() }); }"
} >"$live"
echo "## live edit ($(wc -l <"$live") lines, incremental re-parse + analysis per edit)"
"$build/bench/cio_bench" live-edit "$live" 500 | sed 's/^/    /'

if [ "$have_app" = 1 ]; then
  echo "## startup (process start to first painted main window)"
  for _ in 1 2 3; do
    XDG_RUNTIME_DIR="$work/xdg" QT_QPA_PLATFORM=offscreen CIO_PRINT_STARTUP=1 "$build/bin/cio-pitfalls" --quit-after-paint 2>/dev/null | grep first_paint_ms || true
  done | sed 's/^/    /'
fi
