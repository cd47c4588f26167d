#!/usr/bin/env bash
# Renders a deploy's HTML report in headless Chromium and saves a screenshot next to it, to check that
# the page renders (it is self-contained: no scripts, no external files).
#   scripts/check-report-html.sh reports/<run-id>.html
# Needs Chromium (Debian: apt-get install chromium; Ubuntu: snap install chromium; macOS: brew install
# --cask chromium). CHROMIUM=/path/to/chrome uses another Chromium or Chrome.
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 reports/<run-id>.html" >&2
  exit 2
fi
if [ ! -f "$1" ]; then
  echo "error: $1: no such file" >&2
  echo "hint: give the HTML report a deploy wrote, e.g. reports/<run-id>.html" >&2
  exit 2
fi
browser="${CHROMIUM:-}"
if [ -z "$browser" ]; then
  for candidate in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$candidate" >/dev/null 2>&1; then
      browser="$candidate"
      break
    fi
  done
fi
if [ -z "$browser" ] || ! command -v "$browser" >/dev/null 2>&1; then
  echo "error: no Chromium found${CHROMIUM:+ at '$CHROMIUM'} (looked for chromium, chromium-browser, google-chrome)" >&2
  echo "hint: install it (Debian: apt-get install chromium; Ubuntu: snap install chromium; macOS: brew install --cask chromium), or set CHROMIUM=/path/to/chrome" >&2
  exit 2
fi
html="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
png="${html%.html}.png"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
rm -f "$png"
if ! "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --window-size=1200,1600 \
  --screenshot="$png" "file://$html" >"$profile/out.log" 2>&1; then
  cat "$profile/out.log" >&2
  echo "error: $browser failed to render $1 (its output is above)" >&2
  exit 1
fi
if [ ! -s "$png" ]; then
  cat "$profile/out.log" >&2
  echo "error: $browser wrote no screenshot of $1" >&2
  exit 1
fi
echo "rendered: $png"
