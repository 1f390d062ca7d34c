#!/usr/bin/env bash
# Makes docs/screenshots/*.png from a fresh demo desk, in English, French and Arabic,
# at 1366x768 and 1024x768 (names ending in -1024), and in the other four
# languages at 1024x768, the smallest screen a desk has.
# Usage: tools/screenshots.sh [BUILD_DIR]   (after ./dev.sh build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
export QT_QPA_PLATFORM=offscreen
# At 1366x768 (the README's pictures), then the smallest screen a desk has, 1024x768.
for size in 1366x768 1024x768; do
  tag=""
  [ "$size" = 1024x768 ] && tag="-1024"
  "$build/app/gui/kpdesk" --lang en --screenshots docs/screenshots --screenshot-size "$size" --screenshot-suffix "$tag"
  for lang in fr ar; do
    "$build/app/gui/kpdesk" --lang "$lang" --screenshots docs/screenshots --screenshot-size "$size" \
      --screenshot-suffix "-$lang$tag"
  done
done
for lang in es pt ru zh; do
  "$build/app/gui/kpdesk" --lang "$lang" --screenshots docs/screenshots --screenshot-size 1024x768 \
    --screenshot-suffix "-$lang-1024"
done
# The first page of each case PDF, as a person sees it (pdftoppm: poppler-utils).
for pdf in docs/screenshots/case*.pdf; do
  if command -v pdftoppm >/dev/null; then
    pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$pdf" "${pdf%.pdf}-pdf"
  fi
  rm -f "$pdf"
done
ls docs/screenshots
