#!/usr/bin/env bash
# cio-pitfalls benchmark: one command, one table (Markdown, on stdout).
#   tests/bench/run.sh [--files N]
# Builds cio-lint, the bench helpers and the app in build-bench/ (the project's default
# build type, RelWithDebInfo, as packaged; BENCH_BUILD_DIR picks another build folder),
# generates two deterministic corpora (realistic: 4 % of files touch Customer.io, some
# only through a local module that exports the client; dense: every file does), installs
# the peer tool ast-grep from npm (pinned in tests/bench/package-lock.json), then measures
# on the same corpus, in one run: the tree-sitter parse limit, cio-lint, ast-grep, the
# grep audit and the peak memory of each; live-edit latency; app startup.
# Needs: cmake, ninja, a C++ compiler, Qt 6 (as for the project), node + npm, GNU time
# (/usr/bin/time, Debian package "time"); xvfb-run (package "xvfb") for startup on X.
# cio-lint reads tests/bench/bench.cio-lint.json: defaults, but a parse timeout of 10 min
# instead of 5 s, so that a busy machine cannot make it skip the 5 MB bundle.
# Nothing here is a pass/fail test; timings are wall-clock, best of ROUNDS rounds in
# which the tools take turns (so that load from elsewhere hits them alike).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$(realpath -m "${BENCH_BUILD_DIR:-$root/build-bench}")"
rounds="${BENCH_ROUNDS:-3}"
files=3000
[ "${1:-}" = "--files" ] && files="$2"

need() { command -v "$1" >/dev/null || { echo "run.sh: $1 is missing ($2)" >&2; exit 2; }; }
need node "Node.js, for ast-grep and the scoring script"
need npm "npm installs ast-grep"
[ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }

cmake -S "$root" -B "$build" -G Ninja >/dev/null
cmake --build "$build" --target cio-lint cio_bench cio_bench_corpus >/dev/null
have_app=0
if cmake --build "$build" --target cio-pitfalls >/dev/null 2>&1 && [ -x "$build/bin/cio-pitfalls" ]; then have_app=1; fi

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

# The grep audit from the pitfall checklist: millisecond clocks next to created_at, a
# client constructed (anywhere), template-literal event names, awaited tracking calls.
# With a second argument each hit is tagged with its pipeline (P1..P4, for scoring).
grep_audit() {
  local d="$1" tag="${2:-}"
  pipeline() {
    local n="$1"
    shift
    if [ -n "$tag" ]; then
      grep -rn "$@" --include='*.js' --include='*.ts' "$d" | sed "s/^/P$n\t/" || true
    else
      grep -rn "$@" --include='*.js' --include='*.ts' "$d" || true
    fi
  }
  pipeline 1 -E 'created_at.*Date\.now\(\)'
  pipeline 2 'new TrackClient'
  pipeline 3 -E 'name: `[^`]*\$\{'
  pipeline 4 -E 'await [A-Za-z_.]*\.(track|identify)\('
}
export -f grep_audit

# Runs "$@" once; appends "seconds peak_kb" to the file named by $1.
timed() {
  local log="$1"
  shift
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -q -f "%M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || true
  t1=$(date +%s%N)
  echo "$(awk "BEGIN{printf \"%.3f\", ($t1 - $t0) / 1e9}") $(cat "$work/time.txt")" >>"$log"
}
best() { sort -n "$1" | head -1 | cut -d' ' -f1; }
peak() { sort -n -k2 "$1" | tail -1 | cut -d' ' -f2; }

echo "# cio-pitfalls benchmark"
echo
printf 'Machine: %s, %s cores, %s, %s GB RAM, %s\n' "$(uname -m)" "$(nproc)" \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" \
  "$(awk '/MemTotal/ {printf "%.0f", $2 / 1048576}' /proc/meminfo)" "$(. /etc/os-release && echo "$PRETTY_NAME")"
printf 'Build: %s (%s)\n' "$(grep -m1 CMAKE_BUILD_TYPE: "$build/CMakeCache.txt" | cut -d= -f2)" "$(c++ --version | head -1)"
printf 'Peers: ast-grep %s, %s\n' "$("$sg" --version | cut -d' ' -f2)" "$(grep --version | head -1)"
printf 'Command: tests/bench/run.sh --files %s (best of %s rounds)\n' "$files" "$rounds"
printf 'Load at start: %s\n\n' "$(uptime | sed 's/.*load average/load average/')"

for corpus in realistic dense; do
  d="$work/$corpus"
  bytes=$(find "$d" -type f \( -name '*.js' -o -name '*.ts' -o -name '*.py' -o -name '*.rb' -o -name '*.go' \) -printf '%s\n' |
    awk '{s+=$1} END {print s}')
  mb=$(awk "BEGIN{print $bytes / 1e6}")
  nfiles=$(find "$d" -type f ! -name expected.tsv | wc -l)
  ncio=$(grep -rilE 'customerio|lib/messaging|\.messaging' "$d" | grep -vc expected.tsv || true)
  for t in parse lint sg grep; do : >"$work/$corpus.$t.log"; done
  for _ in $(seq "$rounds"); do
    timed "$work/$corpus.parse.log" "$build/bench/cio_bench" parse "$d"
    timed "$work/$corpus.lint.log" "$build/bin/cio-lint" --format json --config "$here/bench.cio-lint.json" "$d"
    timed "$work/$corpus.sg.log" "$sg" scan -c "$here/ast-grep/sgconfig.yml" --json=compact "$d"
    timed "$work/$corpus.grep.log" bash -c "grep_audit '$d'"
  done
  "$build/bin/cio-lint" --format json --config "$here/bench.cio-lint.json" "$d" >"$work/$corpus.lint.json" 2>/dev/null || true
  "$sg" scan -c "$here/ast-grep/sgconfig.yml" --json=compact "$d" >"$work/$corpus.sg.json" 2>/dev/null || true
  grep_audit "$d" tag >"$work/$corpus.grep.txt"
  score() { node "$here/check_expected.mjs" "$1" "$2" "$d" || true; }
  s_lint="$(score cio-lint "$work/$corpus.lint.json")"
  s_sg="$(score ast-grep "$work/$corpus.sg.json")"
  s_grep="$(score grep "$work/$corpus.grep.txt")"
  t_parse=$(best "$work/$corpus.parse.log") t_lint=$(best "$work/$corpus.lint.log")
  t_sg=$(best "$work/$corpus.sg.log") t_grep=$(best "$work/$corpus.grep.log")
  rate() { awk "BEGIN{ if ($1 > 0) printf \"%.1f\", $mb / $1; else print \"> 100\" }"; }
  mib() { echo $(($(peak "$1") / 1024)); }
  printf '## %s corpus: %s files (%s touch Customer.io), %.1f MB\n\n' "$corpus" "$nfiles" "$ncio" "$mb"
  printf '| tool | seconds | MB/s | peak MB | planted pitfalls found |\n|---|---|---|---|---|\n'
  printf '| tree-sitter parse limit (every file, all cores) | %s | %s | %s | - |\n' "$t_parse" "$(rate "$t_parse")" "$(mib "$work/$corpus.parse.log")"
  printf '| cio-lint (full analysis) | %s | %s | %s | %s |\n' "$t_lint" "$(rate "$t_lint")" "$(mib "$work/$corpus.lint.log")" "$(echo "$s_lint" | head -1 | sed 's/^found //')"
  printf '| ast-grep scan (%s YAML rules) | %s | %s | %s | %s |\n' "$(ls "$here/ast-grep/rules" | wc -l)" "$t_sg" "$(rate "$t_sg")" "$(mib "$work/$corpus.sg.log")" "$(echo "$s_sg" | sed 's/^found //')"
  printf '| grep audit (4 pipelines) | %s | %s | %s | %s |\n\n' "$t_grep" "$(rate "$t_grep")" "$(mib "$work/$corpus.grep.log")" "$(echo "$s_grep" | sed 's/^found //')"
  awk "BEGIN{ g = ($t_grep > 0 ? $t_grep : 0.01); l = ($t_lint > 0 ? $t_lint : 0.01);
              printf \"- cio-lint throughput / parse limit: %.0f %%\n\", 100 * $t_parse / l;
              printf \"- cio-lint throughput / ast-grep: %.1fx\n\", $t_sg / l;
              printf \"- cio-lint time / grep audit time: %.1fx\n\", l / g }"
  echo "$s_lint" | tail -n +2 | sed 's/^/- cio-lint: /'
  echo
done

# Live edit: a 5,000-line file with Customer.io calls, one-character edits at random
# places, each analysed as the playground's worker does (incremental re-parse).
live="$work/live_edit.js"
{
  echo "const { TrackClient } = require('customerio-node');"
  echo "const cio = new TrackClient(process.env.SITE_ID, process.env.TRACK_KEY);"
  cat "$work"/realistic/web/src/module_*.js | grep -v "require('../lib/messaging')" | head -n 4997 || true
  echo "async function signup(user) { await cio.identify(user.id, { email: user.email, created_at: Date.now() }); }"
} >"$live"
echo "## Live edit ($(wc -l <"$live") lines, 500 one-character edits)"
echo
echo '```'
CIO_BENCH_FULL_TOO=1 "$build/bench/cio_bench" live-edit "$live" 500
echo '```'
echo

if [ "$have_app" = 1 ]; then
  echo "## Startup (process start to the end of the main window's first paint, empty profile)"
  echo
  echo '```'
  profile="$work/profile"
  rm -rf "$profile" && mkdir -p "$profile/xdg-runtime" && chmod 700 "$profile/xdg-runtime"
  app_env=(env HOME="$profile" XDG_CONFIG_HOME="$profile/config" XDG_DATA_HOME="$profile/data"
    XDG_CACHE_HOME="$profile/cache" XDG_RUNTIME_DIR="$profile/xdg-runtime")
  if command -v xvfb-run >/dev/null; then
    echo "X11 (Xvfb):"
    "${app_env[@]}" xvfb-run -a -s "-screen 0 1280x800x24" "$build/bench/cio_bench" startup "$build/bin/cio-pitfalls" 7 || true
  fi
  echo "offscreen platform:"
  "${app_env[@]}" QT_QPA_PLATFORM=offscreen "$build/bench/cio_bench" startup "$build/bin/cio-pitfalls" 7 || true
  echo '```'
  echo
fi
printf 'Load at end: %s\n' "$(uptime | sed 's/.*load average/load average/')"
