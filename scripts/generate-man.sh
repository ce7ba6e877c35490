#!/usr/bin/env bash
# Regenerates docs/man/h2audit.1 from the command definitions with
# swift-argument-parser's generate-manual plugin (one page, every subcommand).
set -euo pipefail
cd "$(dirname "$0")/.."
swift package --allow-writing-to-package-directory generate-manual --configuration debug --date "${MAN_DATE:-$(date +%F)}"
mkdir -p docs/man
cp .build/plugins/GenerateManual/outputs/h2audit/h2audit.1 docs/man/h2audit.1
echo "wrote docs/man/h2audit.1 (view: man -l docs/man/h2audit.1)"
