#!/usr/bin/env bash
# Makes docs/screenshots/*.png from a fresh demo desk, in English and French.
# Usage: tools/screenshots.sh [BUILD_DIR]   (after ./dev.sh build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
export QT_QPA_PLATFORM=offscreen
"$build/app/gui/kpdesk" --lang en --screenshots docs/screenshots
"$build/app/gui/kpdesk" --lang fr --screenshots docs/screenshots --screenshot-suffix -fr
ls docs/screenshots
