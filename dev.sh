#!/usr/bin/env bash
# KP Desk: set-up, build and run, on Debian 12.
#
#   ./dev.sh demo    install what is missing, build, open the workstation on a DEMO desk
#                    (without a display: the demo desk's verdicts in the terminal)
#   ./dev.sh test    install what is missing, build, run the whole test suite
#                    (normal build, then an AddressSanitizer + UBSan build)
#   ./dev.sh build   install what is missing and build only
#
# Needs root (or sudo) only when Debian packages are missing.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-multimedia-dev qt6-serialport-dev qt6-image-formats-plugins qt6-translations-l10n libgl-dev
  libzxing-dev libssl-dev zlib1g-dev libsqlite3-dev
  nginx-light openssl util-linux
)
JOBS=$(nproc)

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "== Installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  # Packages such as nginx-light start their service when installed; the tests
  # start their own servers, so keep services off during the install.
  local policy=/usr/sbin/policy-rc.d added_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod +x "$policy" && added_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  [ -n "$added_policy" ] && $sudo rm -f "$policy"
  return 0
}

build() { # build DIR [cmake options...]
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKPDESK_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j "$JOBS"
}

run_tests() { # run_tests DIR
  QT_QPA_PLATFORM=offscreen ctest --test-dir "$1" --output-on-failure -j "$JOBS" --timeout 600
}

cmd=${1:-}
case "$cmd" in
  demo)
    install_missing
    build build
    # The workstation on its demo desk (made on first run, marked DEMO on
    # screen); without a display, the same demo desk's verdicts in the terminal.
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      exec build/app/gui/kpdesk --demo "${@:2}"
    fi
    echo "(no display: showing the demo desk's verdicts in the terminal; run build/app/gui/kpdesk --demo on a desktop)"
    exec build/app/cli/kpdesk-cli demo "${@:2}"
    ;;
  test)
    install_missing
    echo "== Build and test"
    build build
    run_tests build
    echo "== AddressSanitizer + UndefinedBehaviorSanitizer build and test"
    build build-asan -DKPDESK_SANITIZE=ON -DKPDESK_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=Debug
    ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 run_tests build-asan
    ;;
  build)
    install_missing
    build build
    ;;
  *)
    sed -n '2,10p' "$0"
    exit 2
    ;;
esac
