#!/usr/bin/env bash
# Renders a deploy's HTML report in headless Chromium and saves a screenshot next to it, to check that
# the page renders (it is self-contained: no scripts, no external files).
#   scripts/check-report-html.sh reports/<run-id>.html
# Needs Debian's chromium (apt-get install chromium).
set -euo pipefail
html="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
png="${html%.html}.png"
profile="$(mktemp -d)"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --window-size=1200,1600 \
  --screenshot="$png" "file://$html" >/dev/null 2>&1
rm -rf "$profile"
[ -s "$png" ] && echo "rendered: $png"
