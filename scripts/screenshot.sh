#!/usr/bin/env bash
# Renders the client pages (regime diff, site comparison, site audit report)
# and prints each with headless Chromium, with the network disabled (the pages
# must render from the file alone): a PNG screenshot and an A4 PDF through the
# print CSS; with poppler-utils, the PDF's page count and a PNG of its first
# two pages too, to look at the printed layout. The README's docs/compare.png
# and docs/site-audit.pdf are copies of compare-readme.png and audit.pdf.
# Installs Debian's chromium (and poppler-utils) if missing and possible.
# Usage: scripts/screenshot.sh [OUTDIR]   (default: out/)
set -euo pipefail
cd "$(dirname "$0")/.."
outdir=${1:-out}
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)
if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq && apt-get install -y -qq chromium poppler-utils >/dev/null || true
    fi
fi
if ! command -v chromium >/dev/null 2>&1; then
    echo "screenshot.sh: chromium is not installed and could not be installed (apt-get install chromium)" >&2
    exit 69
fi
swift build --product h2audit >/dev/null
bin=.build/debug/h2audit
asof=2026-11-23
"$bin" diff kr jp --format html --output "$outdir/diff.html"
"$bin" check sites/kr-ulsan-onsite-electrolysis-hrs.yaml sites/jp-tokyo-offsite-urban-hrs.yaml \
    --regime kr,jp --compare --format html --output "$outdir/compare.html" --as-of "$asof" || [ $? -eq 1 ]
"$bin" check sites/kr-ulsan-onsite-electrolysis-hrs.yaml --format html --output "$outdir/audit.html" --as-of "$asof" || [ $? -eq 1 ]

# No network: a dead proxy for every request; a page that needs one shows it.
chrome=(chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --proxy-server=127.0.0.1:9
        --proxy-bypass-list='<-loopback>' --run-all-compositor-stages-before-draw --virtual-time-budget=5000)
for page in diff compare audit; do
    "${chrome[@]}" --window-size=1280,2000 --screenshot="$outdir/$page.png" "file://$outdir/$page.html" 2>/dev/null
    "${chrome[@]}" --no-pdf-header-footer --print-to-pdf="$outdir/$page.pdf" "file://$outdir/$page.html" 2>/dev/null
    test -s "$outdir/$page.png" && test -s "$outdir/$page.pdf"
    line="$outdir/$page.png $outdir/$page.pdf"
    if command -v pdfinfo >/dev/null 2>&1; then
        pages=$(pdfinfo "$outdir/$page.pdf" | awk '/^Pages:/ {print $2}')
        pdftoppm -png -r 60 -f 1 -l 2 "$outdir/$page.pdf" "$outdir/$page-print"
        line="$line ($pages pages; $outdir/$page-print-*.png)"
    fi
    echo "$line"
done
# The README's picture: the compare page down to the binding fix, at 0.7 scale.
"${chrome[@]}" --force-device-scale-factor=0.7 --window-size=1280,2350 --screenshot="$outdir/compare-readme.png" \
    "file://$outdir/compare.html" 2>/dev/null
echo "$outdir/compare-readme.png (docs/compare.png; docs/site-audit.pdf is $outdir/audit.pdf)"
