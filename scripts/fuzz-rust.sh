#!/usr/bin/env bash
# Fuzzing of the Rust core (hean-core) with cargo-fuzz (libFuzzer + ASan, nightly Rust):
# decimal strings and JS numbers onto a grid, snapshot restore, L2 book snapshots and
# deltas, the risk engine under hostile event sequences, and the smart order router.
# Harnesses: native-rust/fuzz/src.
#
#   scripts/fuzz-rust.sh [--time SECONDS] [--runs N] [--merge] [TARGET...]
#       Each TARGET (default: decimal snapshot book risk router) runs for SECONDS (default 60) or
#       N executions, then prints its execution count. Installs the nightly toolchain
#       (rustup) and cargo-fuzz (crates.io) when missing. --merge minimizes the committed
#       corpus (native-rust/fuzz/corpus/TARGET) with what the run found.
#   scripts/fuzz-rust.sh --replay
#       Stable Rust, no sanitizer: runs the committed corpus through the same harnesses
#       (cargo test in native-rust/fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
FUZZ=$ROOT/native-rust/fuzz
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1}

time_s=60 runs=-1 merge=0 replay=0
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --time) time_s=$2; shift 2 ;;
    --runs) runs=$2; time_s=0; shift 2 ;;
    --merge) merge=1; shift ;;
    --replay) replay=1; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -eq 0 ] && targets=(decimal snapshot book risk router)

if [ "$replay" = 1 ]; then
  cargo test --manifest-path "$FUZZ/Cargo.toml" --no-default-features --release -- --nocapture 2>&1 | grep -E "ran clean|test result|panicked|FAILED"
  exit "${PIPESTATUS[0]}"
fi

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "== installing the nightly Rust toolchain (rustup)"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz (crates.io)"
  cargo install cargo-fuzz --locked
fi

cd "$ROOT/native-rust"
total=0
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  work="$ROOT/build-fuzz/rust-corpus/$t"
  mkdir -p "$work"
  log="$ROOT/build-fuzz/rust-$t.log"
  start=$(date +%s)
  set +e
  # Debug assertions (overflow checks) on, as in the tests: an overflow is a finding.
  cargo +nightly fuzz run --debug-assertions "$t" "$work" "fuzz/corpus/$t" -- \
    -max_total_time="$time_s" -runs="$runs" -print_final_stats=1 -max_len=4096 -timeout=5 -rss_limit_mb=2048 >"$log" 2>&1
  rc=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  echo "$t: ${execs:-?} executions in $(( $(date +%s) - start ))s (exit $rc; log $log)"
  if [ "$rc" != 0 ]; then
    grep -E "panicked|ERROR|SUMMARY|Test unit written|assertion" "$log" | head -20 >&2
    exit "$rc"
  fi
  total=$(( total + ${execs:-0} ))
  if [ "$merge" = 1 ]; then
    tmp=$(mktemp -d)
    cargo +nightly fuzz run --debug-assertions "$t" "$tmp" "fuzz/corpus/$t" "$work" -- -merge=1 >"$ROOT/build-fuzz/rust-$t-merge.log" 2>&1
    rm -rf "fuzz/corpus/$t" && mv "$tmp" "fuzz/corpus/$t"
    echo "$t: corpus $(ls "fuzz/corpus/$t" | wc -l) files"
  fi
done
echo "cargo-fuzz executions, all targets: $total"
