#!/usr/bin/env bash
# valgrind memcheck over a few thousand mixed calls into both addons
# (scripts/valgrind-calls.mjs through dist/), with suppressions for Node/V8's own
# allocations kept until exit (scripts/valgrind-node.supp).
#
#   scripts/valgrind.sh [rounds]      (default 5; each round is ~600 native calls)
#
# Clean means: no invalid read/write, no use of uninitialised values, no invalid free, and
# no definite leak, anywhere in the process after the suppressions (which only match
# allocations made directly by node/libstdc++ on Node's behalf; nothing allocated by
# hean_cpp.node or hean_rust.node is suppressed). The verdict is valgrind's exit code
# (--error-exitcode) plus a check that no reported stack goes through a hean addon.
# Uses the normal builds (build/Release, build/rust, dist/); builds any that is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
rounds=${1:-5}
command -v valgrind >/dev/null || { echo "valgrind is not installed (Debian: apt-get install valgrind)" >&2; exit 1; }
[ -f build/Release/hean_cpp.node ] || CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-1} npm run build:cpp >/dev/null
[ -f build/rust/hean_rust.node ] || CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1} npm run build:rust >/dev/null
[ -f dist/index.js ] || npm run build:ts >/dev/null

mkdir -p build/valgrind
log=build/valgrind/memcheck.log
start=$(date +%s)
set +e
valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
  --track-origins=yes --smc-check=all-non-file --num-callers=40 --error-exitcode=99 \
  --suppressions="$ROOT/scripts/valgrind-node.supp" --gen-suppressions=all --log-file="$log" \
  node --max-semi-space-size=64 scripts/valgrind-calls.mjs "$rounds"
rc=$?
set -e
secs=$(( $(date +%s) - start ))
grep -E "ERROR SUMMARY|definitely lost|indirectly lost|in use at exit" "$log" | sed 's/^==[0-9]*== //'
hean_frames=$(grep -cE "hean_(cpp|rust)\.node" "$log" || true)
echo "valgrind: exit $rc in ${secs}s; report stacks through a hean addon: $hean_frames (log $log)"
# The one suppressed leak is napi-rs's registration-time references: fixed size.
supp_bytes=$(sed -n 's/.*suppressed: \([0-9,]*\) bytes.*/\1/p' "$log" | tr -d , | head -1)
if [ "${supp_bytes:-0}" -gt 120 ]; then
  echo "suppressed leaks grew to $supp_bytes bytes (expected at most 120: napi-rs class references)" >&2
  rc=1
fi
if [ "$rc" != 0 ] || [ "$hean_frames" != 0 ]; then
  echo "valgrind found errors (see $log)" >&2
  exit 1
fi
echo "valgrind memcheck: clean"
