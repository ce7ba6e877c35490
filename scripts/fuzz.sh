#!/usr/bin/env bash
# Runs a libFuzzer target for a fixed time: scripts/fuzz.sh site|pack [SECONDS]
# Seeds come from sites/, roadmaps/ and the hostile corpus; crashes, hangs and
# out-of-memory inputs are copied to Tests/H2AuditTests/FuzzRegressions/TARGET/,
# which `swift test` replays. AddressSanitizer is on; leak detection is off:
# LeakSanitizer misreads Swift's spare-bit-tagged references in enums as leaks.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh site|pack [SECONDS]}
seconds=${2:-600}
case "$target" in site) product=FuzzSite ;; pack) product=FuzzPack ;; *) echo "unknown target $target"; exit 64 ;; esac
scratch=.build-fuzz
swift build -c release --product "$product" --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -parse-as-library
corpus=$scratch/corpus-$target
seeds=$scratch/seeds-$target
artifacts=$scratch/artifacts-$target/
rm -rf "$artifacts"  # only this run's failures are reported and copied
mkdir -p "$corpus" "$seeds" "$artifacts"
if [ "$target" = site ]; then
    cp sites/*.yaml Tests/H2AuditTests/Hostile/*.yaml "$seeds"/ 2>/dev/null || true
else
    cp roadmaps/*.yaml "$seeds"/
    grep -h -o "require: .*" roadmaps/*.yaml | sed 's/^require: //' | split -l 1 - "$seeds/expr-"
fi
ASAN_OPTIONS=detect_leaks=0 "$scratch/release/$product" "$corpus" "$seeds" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -detect_leaks=0 \
    -artifact_prefix="$artifacts" -print_final_stats=1 2>&1 | tail -n 25 || true
regressions=Tests/H2AuditTests/FuzzRegressions/$target
found=$(ls "$artifacts" 2>/dev/null | wc -l)
if [ "$found" -gt 0 ]; then
    cp "$artifacts"/* "$regressions"/
    echo "fuzz: $found failing input(s) copied to $regressions"
    exit 1
fi
echo "fuzz: $target ran ${seconds}s with no crash, hang or out-of-memory"
