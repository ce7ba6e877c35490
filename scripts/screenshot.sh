#!/usr/bin/env bash
# Renders the consultant HTML reports and screenshots them with headless
# Chromium, to check that they render offline. Installs Debian's chromium if
# it is missing. Usage: scripts/screenshot.sh [OUTDIR]   (default: out/)
set -euo pipefail
cd "$(dirname "$0")/.."
outdir=${1:-out}
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)
if ! command -v chromium >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
swift build --product h2audit >/dev/null
bin=.build/debug/h2audit
"$bin" diff kr jp --format html --output "$outdir/diff.html"
"$bin" check sites/kr-ulsan-onsite-electrolysis-hrs.yaml sites/jp-tokyo-offsite-urban-hrs.yaml \
    --regime kr,jp --compare --format html --output "$outdir/compare.html" --as-of 2026-06-01 || [ $? -eq 1 ]
for page in diff compare; do
    # No network: the pages must render from the file alone.
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --proxy-server=127.0.0.1:9 \
        --window-size=1280,2400 --screenshot="$outdir/$page.png" "file://$outdir/$page.html" 2>/dev/null
    test -s "$outdir/$page.png"
    echo "$outdir/$page.png"
done
