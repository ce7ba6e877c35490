#!/usr/bin/env bash
# Runs the h2audit benchmark (release build) at two sizes and compares peak
# memory between them. Usage: scripts/benchmark.sh [SMALL] [LARGE]
set -euo pipefail
cd "$(dirname "$0")/.."
small=${1:-10000}
large=${2:-50000}
swift build -c release --product h2audit-bench >/dev/null
bench=.build/release/h2audit-bench
"$bench" run --sites "$small" --repeat 3 --events-baseline | tee /tmp/h2audit-bench-small.txt
"$bench" run --sites "$large" --repeat 1 | tee /tmp/h2audit-bench-large.txt
peak() { awk '/peak memory/ { print $(NF-1) }' "$1"; }
a=$(peak /tmp/h2audit-bench-small.txt); b=$(peak /tmp/h2audit-bench-large.txt)
python3 -c "print(f'peak memory: {$small} sites {$a} MiB, {$large} sites {$b} MiB, ratio {float($b)/float($a):.2f}')"
