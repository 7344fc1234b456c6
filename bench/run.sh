#!/usr/bin/env bash
# bench/run.sh -- connlint's performance benchmark (issue 11): connlint against `rg` and ast-grep.
#
# Usage: bench/run.sh [-n RUNS] [--variant plain|dense|both] [--tools LIST] [--no-fetch] [--no-build]
#   -n RUNS     timed runs per tool and variant (default 5, or $BENCH_RUNS); one extra warm-up run
#               per variant comes first and is discarded, so every timing is warm-cache.
#   --variant   plain: the corpus as fetched (a byte prefilter can skip most files);
#               dense: a copy where every source file constructs a client (bench/make-dense.sh),
#               which measures parsing and analysis; both (default).
#   --tools     comma-separated subset of connlint,rg,ast-grep to time (default: all three);
#               e.g. `--tools connlint,rg` for a quick regression check without ast-grep's minutes.
#   --no-fetch  do not run the fetch script (the corpus must be there already).
#   --no-build  do not run `cargo build --release` (target/release/connlint must exist).
# Environment:
#   CONNLINT_CORPUS  where the corpus lives (default bench/corpus; the dense copy goes beside it
#                    as "$CONNLINT_CORPUS-dense"). Both are plain folders outside git's view.
#   BENCH_RUNS       default for -n.
#   AST_GREP_VERSION @ast-grep/cli version installed from npm (default 0.41.1).
#   CONNLINT_BIN     time this connlint binary instead of building one (e.g. to compare builds).
#   BENCH_TIMER      gnu or python: force a timer (default: gnu when /usr/bin/time works).
#
# What it does:
#   1. fetches the corpus with bench/fetch-corpus.sh (a copy of the project's shared script,
#      pinned by bench/corpus-rust.Cargo.lock; idempotent, the first run takes minutes);
#   2. builds connlint in release mode;
#   3. installs ast-grep from npm into bench/.tools (gitignored) unless already there, and uses
#      `rg` from PATH or else `cargo install ripgrep --root bench/.tools` (no root needed);
#   4. times whole processes (wall, user+sys CPU, peak RSS), with GNU `/usr/bin/time` when present
#      (else apt-get installs Debian's `time` when running as root, else a python3 wrapper reads
#      getrusage(RUSAGE_CHILDREN)); wall time is also taken with bash's $EPOCHREALTIME for a
#      resolution finer than time's 10 ms:
#        connlint  connlint check CORPUS --format json -o TMPFILE
#        rg        rg -c MongoClient CORPUS                          (the floor: a text scan)
#        ast-grep  ast-grep scan -c bench/ast-grep/sgconfig.yml --json=stream CORPUS
#      The tools run interleaved (run i of every tool, then run i+1), so load from other processes
#      hits them alike and per-run ratios compare like with like;
#   5. prints a Markdown table per variant: median wall, median CPU, peak RSS (max over the runs)
#      and the ratios connlint/rg and connlint/ast-grep, each the median of the per-run ratios;
#      plus machine (nproc, CPU model), tool versions and date. Raw timings are kept in
#      bench/results/<date>.tsv (gitignored).
# Exit status: 0 when every run succeeded (connlint's exit 1 = "findings" counts as success).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
TOOLS="$HERE/.tools"
PY="${PYTHON:-python3}"
AST_GREP_VERSION="${AST_GREP_VERSION:-0.41.1}"

runs="${BENCH_RUNS:-5}"
variant=both
tools=connlint,rg,ast-grep
fetch=1
build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) runs="${2:?-n needs a number}"; shift 2 ;;
    --variant) variant="${2:?--variant needs plain, dense or both}"; shift 2 ;;
    --tools) tools="${2:?--tools needs a list}"; shift 2 ;;
    --no-fetch) fetch=0; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: -n wants a positive number, got $runs" >&2; exit 2; }
case "$variant" in plain|dense|both) ;; *) echo "run.sh: bad --variant $variant" >&2; exit 2 ;; esac
IFS=, read -r -a tool_list <<< "$tools"
for t in "${tool_list[@]}"; do
  case "$t" in connlint|rg|ast-grep) ;; *) echo "run.sh: unknown tool $t in --tools" >&2; exit 2 ;; esac
done
want() { [[ ",$tools," == *",$1,"* ]]; }

log() { printf '== %s\n' "$*" >&2; }

# --- 1. corpus -------------------------------------------------------------------------------
CORPUS="${CONNLINT_CORPUS:-$HERE/corpus}"
if [[ $fetch -eq 1 ]]; then
  log "corpus: $CORPUS (bench/fetch-corpus.sh)"
  "$HERE/fetch-corpus.sh" "$CORPUS" >&2
fi
[[ -d "$CORPUS" ]] || { echo "run.sh: no corpus at $CORPUS (drop --no-fetch)" >&2; exit 1; }
CORPUS="$(cd "$CORPUS" && pwd)"
variants=()
[[ "$variant" != dense ]] && variants+=(plain)
if [[ "$variant" != plain ]]; then
  log "dense corpus: $CORPUS-dense (bench/make-dense.sh)"
  "$HERE/make-dense.sh" "$CORPUS" >&2
  variants+=(dense)
fi

# --- 2. connlint -----------------------------------------------------------------------------
if [[ -n "${CONNLINT_BIN:-}" ]]; then
  build=0
fi
if [[ $build -eq 1 ]]; then
  log "cargo build --release -p connlint"
  (cd "$ROOT" && cargo build --release -p connlint >&2)
fi
[[ -n "${CONNLINT_BIN:-}" ]] || TARGET_DIR="$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps |
  "$PY" -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
CONNLINT="${CONNLINT_BIN:-$TARGET_DIR/release/connlint}"
[[ -x "$CONNLINT" ]] || { echo "run.sh: $CONNLINT missing (drop --no-build)" >&2; exit 1; }

# --- 3. rg and ast-grep ----------------------------------------------------------------------
SG="$TOOLS/node_modules/.bin/ast-grep"
if want ast-grep; then
  if [[ ! -x "$SG" ]] || [[ "$("$SG" --version 2>/dev/null)" != "ast-grep $AST_GREP_VERSION" ]]; then
    log "npm install --prefix bench/.tools @ast-grep/cli@$AST_GREP_VERSION"
    npm install --prefix "$TOOLS" --no-audit --no-fund "@ast-grep/cli@$AST_GREP_VERSION" >&2
  fi
  # The npm bin is a symlink to the native binary; resolve it so no node wrapper is timed.
  SG="$(readlink -f "$SG")"
fi
# rg is also used for the sanity line under the table, so it is always needed.
if command -v rg >/dev/null 2>&1; then
  RG="$(command -v rg)"
elif [[ -x "$TOOLS/bin/rg" ]]; then
  RG="$TOOLS/bin/rg"
else
  log "cargo install ripgrep --root bench/.tools (compiles, a few minutes)"
  cargo install --locked ripgrep --root "$TOOLS" >&2
  RG="$TOOLS/bin/rg"
fi

# --- 4. the timer ------------------------------------------------------------------------------
TIME=/usr/bin/time
if [[ ! -x "$TIME" ]] && [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  log "apt-get install time"
  apt-get install -y -q time >&2 || { apt-get update -q >&2 && apt-get install -y -q time >&2; } || true
fi
# GNU time's -f must work (busybox `time` has no -f).
if [[ "${BENCH_TIMER:-}" == python ]]; then
  timer=python
elif [[ -x "$TIME" ]] && "$TIME" -f '%e' -o /dev/null true 2>/dev/null; then
  timer=gnu
else
  timer=python
  log "no GNU /usr/bin/time: timing with a python3 getrusage wrapper"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/connlint-bench.XXXXXX")"
trap 'rm -rf -- "$WORK"' EXIT
mkdir -p "$HERE/results"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RAW="$HERE/results/$STAMP.tsv"
printf 'variant\ttool\trun\twall_s\tcpu_s\tmaxrss_kb\texit\n' > "$RAW"

# measure VARIANT TOOL RUN CMD... -- runs CMD once (stdout to $WORK/TOOL.out, stderr to a log) and
# appends a row to $RAW. Exit codes in $ok_codes of the tool count as success.
measure() {
  local v="$1" tool="$2" run="$3"; shift 3
  local out="$WORK/time.out" errlog="$WORK/$tool.stderr" stdout="$WORK/$tool.out" t0 t1 rc=0
  if [[ $timer == gnu ]]; then
    t0=$EPOCHREALTIME
    "$TIME" -f '%e %U %S %M %x' -o "$out" "$@" >"$stdout" 2>"$errlog" || true
    t1=$EPOCHREALTIME
    # time writes "Command exited with non-zero status N" before the format line on failure.
    read -r _ user sys rss rc < <(tail -n 1 "$out")
  else
    # Wall time is taken inside python, so its own start-up is not counted.
    "$PY" -c '
import resource, subprocess, sys, time
t0 = time.perf_counter()
rc = subprocess.call(sys.argv[3:], stdout=open(sys.argv[2], "wb"), stderr=open(sys.argv[1], "wb"))
t1 = time.perf_counter()
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(0, t1 - t0, r.ru_utime, r.ru_stime, r.ru_maxrss, rc)' "$errlog" "$stdout" "$@" > "$out" || true
    read -r t0 t1 user sys rss rc < "$out"
  fi
  case " $ok_codes " in
    *" $rc "*) ;;
    *) echo "run.sh: $tool exited with $rc on $v run $run: $*" >&2; sed -n '1,20p' "$errlog" >&2; exit 1 ;;
  esac
  awk -v v="$v" -v t="$tool" -v r="$run" -v t0="$t0" -v t1="$t1" -v u="$user" -v s="$sys" \
      -v m="$rss" -v x="$rc" 'BEGIN { printf "%s\t%s\t%s\t%.4f\t%.2f\t%d\t%s\n", v, t, r, t1 - t0, u + s, m, x }' >> "$RAW"
}

log "timing: $runs runs + 1 warm-up per tool and variant; raw results in $RAW"
for v in "${variants[@]}"; do
  dir="$CORPUS"; [[ $v == dense ]] && dir="$CORPUS-dense"
  for ((i = 0; i <= runs; i++)); do
    printf '   %s run %d/%d%s\n' "$v" "$i" "$runs" "$([[ $i -eq 0 ]] && echo ' (warm-up, discarded)')" >&2
    ok_codes="0 1"   # connlint: 1 = findings
    want connlint && measure "$v" connlint "$i" "$CONNLINT" check "$dir" --format json -o "$WORK/connlint.json"
    ok_codes="0 1"   # rg: 1 = no match
    want rg && measure "$v" rg "$i" "$RG" -c MongoClient "$dir"
    ok_codes="0"
    want ast-grep && measure "$v" ast-grep "$i" "$SG" scan -c "$HERE/ast-grep/sgconfig.yml" --json=stream "$dir"
  done
  # What each tool saw (a sanity check that they look at the same tree): connlint and rg are
  # run once more outside the timings (cheap), ast-grep's matches are counted from its last run.
  {
    printf '%s:' "$v"
    want connlint && printf ' connlint: %s;' "$("$CONNLINT" check "$dir" --format text --color never 2>&1 >/dev/null | tail -n 1)"
    want rg && printf ' rg: MongoClient in %s files;' "$("$RG" -l -0 MongoClient "$dir" | tr -cd '\0' | wc -c)"
    want ast-grep && printf ' ast-grep: %s matches' "$(wc -l < "$WORK/ast-grep.out")"
    echo
  } >> "$WORK/seen.txt" || true
done

# --- 5. report -------------------------------------------------------------------------------
cpu_model="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
{
  echo "## connlint benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- machine: $(nproc) CPUs, ${cpu_model:-unknown CPU}, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
  echo "- connlint: $("$CONNLINT" --version) ($CONNLINT; repository at commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))"
  echo "- $("$RG" --version | head -n 1)"
  want ast-grep && echo "- $("$SG" --version)"
  echo "- corpus: $CORPUS ($(find "$CORPUS" -path "$CORPUS/.work" -prune -o -type f \( -name '*.py' -o -name '*.rs' -o -name '*.js' -o -name '*.mjs' -o -name '*.cjs' -o -name '*.jsx' -o -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o -name '*.tsx' \) -printf x | wc -c) source files)"
  echo "- $runs timed runs per tool after one warm-up; timer: $([[ $timer == gnu ]] && echo "GNU time + \$EPOCHREALTIME" || echo "python3 getrusage")"
  [[ -f "$WORK/seen.txt" ]] && sed 's/^/- /' "$WORK/seen.txt"
  echo
  "$PY" "$HERE/table.py" "$RAW"
}
