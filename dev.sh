#!/usr/bin/env bash
# KP Desk: set-up, build and run, on Debian 12.
#
#   ./dev.sh demo    install what is missing, build, open the workstation on a DEMO desk
#                    (without a display: the demo desk's verdicts in the terminal)
#   ./dev.sh test    install what is missing, build with clang, AddressSanitizer +
#                    UBSan + fuzzing coverage (build-san), run the whole test suite
#                    there and each fuzz target for 20 s; meanwhile gcc builds the
#                    product as users build it (build), warnings as errors.
#                    About 22 minutes on 2 cores from a fresh clone (CI: 1295-1480 s; README).
#   ./dev.sh build   install what is missing and build everything with gcc
#                    (product, tests and benchmarks in build)
#   ./dev.sh fuzz [SECONDS] [TARGET...]
#                    build the libFuzzer targets (clang, ASan + UBSan) in build-san and
#                    run each for SECONDS (default 60) on its corpus (docs/fuzzing.md)
#
# Needs root (or sudo) only when Debian packages are missing.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-multimedia-dev qt6-serialport-dev qt6-image-formats-plugins qt6-translations-l10n libgl-dev
  libzxing-dev libjpeg62-turbo-dev libssl-dev zlib1g-dev libsqlite3-dev
  nginx-light openssl util-linux
  appstream man-db groff-base
  postgresql-15 libqt6sql6-psql libpq-dev
  clang libclang-rt-14-dev
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

# Line tables only (-g1): backtraces keep file and line, and the hundred test
# executables link in a fraction of the time full debug information takes.
build() { # build DIR [cmake options...]
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKPDESK_WERROR=ON \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" "$@" >/dev/null
  cmake --build "$dir" -j "$JOBS" "${BUILD_TARGETS[@]}"
}
BUILD_TARGETS=()

run_tests() { # run_tests DIR
  QT_QPA_PLATFORM=offscreen ctest --test-dir "$1" --output-on-failure -j "$JOBS" --timeout 600
}

FUZZ_TARGETS=(fuzz_kp1 fuzz_cose fuzz_record fuzz_cert_envelope fuzz_sync_index fuzz_bundle fuzz_barcode_image fuzz_kpmsg fuzz_csr)

# The sanitizer build (clang): AddressSanitizer + UBSan + libFuzzer coverage in
# everything, so one build serves both the test suite under the sanitizers and
# the fuzz targets (-O1: the suite runs about twice as fast as at -O0).
build_san() { # build_san [--target T]
  local BUILD_TARGETS=("$@")
  build build-san -DCMAKE_CXX_COMPILER=clang++ -DKPDESK_FUZZ=ON -DKPDESK_BUILD_BENCH=OFF \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1"
}

fuzz_max_len() {
  case $1 in
    fuzz_bundle) echo 65536 ;;
    fuzz_barcode_image) echo 32768 ;;
    fuzz_kpmsg) echo 65536 ;;
    *) echo 8192 ;;
  esac
}

# run_fuzzers SECONDS [TARGET...]: each target for SECONDS, $JOBS at a time,
# on its corpus in build-san/run/corpus (seeded from the test fixtures);
# a crash, a leak or a slow input fails the run and leaves its input in
# build-san/run/artifacts.
run_fuzzers() {
  local seconds=$1; shift
  local targets=("$@")
  [ ${#targets[@]} -eq 0 ] && targets=("${FUZZ_TARGETS[@]}")
  local work=$PWD/build-san/run
  rm -rf build-san/seeds
  QT_QPA_PLATFORM=offscreen build-san/fuzz/kpdesk_fuzz_seeds build-san/seeds
  mkdir -p "$work/artifacts" "$work/logs"
  local failed=() batch=() t
  run_one() {
    mkdir -p "$work/corpus/$1"
    cp -n build-san/seeds/"$1"/* "$work/corpus/$1/" 2>/dev/null || true
    ASAN_OPTIONS=abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      nice -n 10 build-san/fuzz/"$1" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2560 \
      -max_len="$(fuzz_max_len "$1")" -print_final_stats=1 -artifact_prefix="$work/artifacts/$1-" \
      "$work/corpus/$1" >"$work/logs/$1.log" 2>&1
  }
  for t in "${targets[@]}" ""; do
    if [ -n "$t" ]; then
      run_one "$t" & batch+=("$t:$!")
    fi
    if [ ${#batch[@]} -ge "$JOBS" ] || { [ -z "$t" ] && [ ${#batch[@]} -gt 0 ]; }; then
      for b in "${batch[@]}"; do
        if wait "${b#*:}"; then
          echo "   ${b%%:*}: $(grep -E '^#[0-9]+[[:space:]]+DONE' "$work/logs/${b%%:*}.log" | tail -1)"
        else
          failed+=("${b%%:*}")
          echo "== ${b%%:*} FAILED ($work/logs/${b%%:*}.log):"
          tail -40 "$work/logs/${b%%:*}.log"
        fi
      done
      batch=()
    fi
  done
  [ ${#failed[@]} -eq 0 ] || { echo "== Fuzz targets failed: ${failed[*]}"; return 1; }
}

cmd=${1:-}
case "$cmd" in
  demo)
    install_missing
    BUILD_TARGETS=(--target kpdesk kpdesk-cli)
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
    # One build runs the suite: clang with the sanitizers (every test under
    # ASan + UBSan, warnings as errors). gcc, the compiler `./dev.sh demo`
    # builds with, builds the product (kpdesk, kpdesk-cli) with its own
    # warnings as errors, at the lowest priority from start to end: it takes
    # the CPU the clang build, the suite (tests that wait on child processes,
    # servers and timers) and the fuzzers leave idle (README, "Tests").
    mkdir -p build
    echo "== gcc builds the product meanwhile, at the lowest priority (build/gcc-product.log)"
    ( renice -n 19 -p "$BASHPID" >/dev/null; BUILD_TARGETS=(--target kpdesk kpdesk-cli); build build ) \
      >build/gcc-product.log 2>&1 &
    gcc_pid=$!
    status=0
    echo "== AddressSanitizer + UndefinedBehaviorSanitizer build (clang): product, tests, fuzz targets"
    if build_san; then
      echo "== Test suite under the sanitizers"
      ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        run_tests build-san || status=1
      echo "== Fuzz targets, 20 s each (./dev.sh fuzz runs them longer)"
      run_fuzzers 20 || status=1
    else
      status=1
    fi
    echo "== gcc build of the product (warnings as errors)"
    if wait "$gcc_pid"; then
      tail -1 build/gcc-product.log
    else
      status=1
      echo "== gcc build FAILED (build/gcc-product.log):"
      grep -E -A12 'error:|FAILED' build/gcc-product.log | head -60 || tail -40 build/gcc-product.log
    fi
    exit $status
    ;;
  fuzz)
    install_missing
    build_san --target kpdesk_fuzzers
    run_fuzzers "${2:-60}" "${@:3}"
    ;;
  build)
    install_missing
    build build
    ;;
  *)
    sed -n '2,17p' "$0"
    exit 2
    ;;
esac
