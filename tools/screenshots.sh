#!/usr/bin/env bash
# Makes docs/screenshots/*.png from a fresh demo desk, in English, French and Arabic.
# Usage: tools/screenshots.sh [BUILD_DIR]   (after ./dev.sh build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
export QT_QPA_PLATFORM=offscreen
"$build/app/gui/kpdesk" --lang en --screenshots docs/screenshots
"$build/app/gui/kpdesk" --lang fr --screenshots docs/screenshots --screenshot-suffix -fr
"$build/app/gui/kpdesk" --lang ar --screenshots docs/screenshots --screenshot-suffix -ar
# The first page of each case PDF, as a person sees it (pdftoppm: poppler-utils).
for pdf in docs/screenshots/case*.pdf; do
  if command -v pdftoppm >/dev/null; then
    pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$pdf" "${pdf%.pdf}-pdf"
  fi
  rm -f "$pdf"
done
ls docs/screenshots
