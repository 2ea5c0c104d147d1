#!/usr/bin/env bash
# Builds the C++ addon with AddressSanitizer + UndefinedBehaviorSanitizer (CMake option
# HEAN_SANITIZE, gcc) into build-asan/ and runs the whole vitest suite against it:
#
#   scripts/sanitize.sh [--build-only | --no-build] [vitest args...]
#
# --build-only stops after the build and --no-build skips it, so CI can build while other
# steps leave a core idle and run the suites later.
#
# Node itself is not instrumented, so the gcc runtimes (libasan, libubsan) are preloaded;
# the addon is picked through the loader's HEAN_CPP_ADDON override. ASAN_OPTIONS has
# detect_leaks=0 because Node and V8 keep allocations alive at exit by design (valgrind
# covers leaks: scripts/valgrind.sh). Any ASan report or undefined behaviour aborts the
# process (halt_on_error, -fno-sanitize-recover=undefined), which fails its test file.
# The Rust addon is the normal build (build/rust; `npm run build:rust` when missing).
# Environment: CMAKE_BUILD_PARALLEL_LEVEL (default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-1}
start=$(date +%s)
mode=all
case "${1:-}" in
  --build-only) mode=build; shift ;;
  --no-build) mode=test; shift ;;
esac

ASAN_RT=$(gcc -print-file-name=libasan.so)
UBSAN_RT=$(gcc -print-file-name=libubsan.so)
for rt in "$ASAN_RT" "$UBSAN_RT"; do
  if [ ! -e "$rt" ]; then
    echo "sanitizer runtime $rt not found (Debian: apt-get install libasan8 libubsan1, or the gcc package)" >&2
    exit 1
  fi
done

if [ "$mode" != test ]; then
  echo "== building the C++ addon with -fsanitize=address,undefined into build-asan/"
  mkdir -p build-asan
  npx --no-install cmake-js compile --out build-asan --config Release --CDHEAN_SANITIZE=ON >build-asan/sanitize-build.log 2>&1 || {
    tail -40 build-asan/sanitize-build.log >&2
    exit 1
  }
fi
ADDON=$ROOT/build-asan/Release/hean_cpp.node
# ldd's output goes to a file first: `ldd | grep -q` under pipefail fails at random when grep
# exits on the first match and ldd dies of SIGPIPE writing the rest (CI stop 24 hit it)
ldd "$ADDON" > build-asan/ldd.txt
if ! grep -q libasan build-asan/ldd.txt; then
  echo "$ADDON is not linked against libasan: HEAN_SANITIZE did not take effect" >&2
  exit 1
fi
echo "built in $(( $(date +%s) - start ))s"
# --build-only touches nothing but build-asan/: .ci/run runs it beside test:pack, whose
# `npm pack` rebuilds dist/
[ "$mode" = build ] && exit 0
if [ ! -f build/rust/hean_rust.node ]; then
  echo "== building the Rust addon (build/rust)"
  CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1} npm run build:rust >/dev/null
fi
[ -f dist/index.js ] || npm run build:ts >/dev/null  # some tests load dist/

export HEAN_CPP_ADDON=$ADDON
export LD_PRELOAD="$ASAN_RT $UBSAN_RT${LD_PRELOAD:+ $LD_PRELOAD}"
# alloc_dealloc_mismatch=0: the reference library the tests compare against (talib.node,
# a devDependency) frees malloc'd memory with delete[]; hean's own C++ is checked for
# that by the libFuzzer build (scripts/fuzz-cpp.sh), and addon.cpp does no raw new/delete
# but for the AsyncWorker Node-API deletes itself.
export ASAN_OPTIONS=detect_leaks=0:alloc_dealloc_mismatch=0:halt_on_error=1:abort_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

# The addon the package's loader picks is the instrumented one, in a process with ASan active.
node --input-type=module -e '
  const hean = await import("./dist/index.js");
  hean.sma(new Float64Array(10).fill(1), 3);
  const maps = (await import("node:fs")).readFileSync("/proc/self/maps", "utf8");
  if (!/libasan/.test(maps)) { console.error("libasan is not mapped"); process.exit(1); }
  if (!maps.includes(process.env.HEAN_CPP_ADDON)) { console.error("the loader did not pick $HEAN_CPP_ADDON"); process.exit(1); }
  console.log(`sanitized hean_cpp loaded through the package loader: ${hean.indicators().length} indicators`);
'

t0=$(date +%s)
echo "== vitest under ASan + UBSan"
set +e
# The quick soak is left out: ASan's quarantine keeps freed memory (up to 256 MiB, V8's
# array buffers included), so its RSS bound cannot hold here. It runs unsanitized in
# npm test, npm run soak and scripts/valgrind.sh.
npx --no-install vitest run --exclude test/soak.test.ts "$@"
rc=$?
set -e
echo "vitest under ASan + UBSan: exit $rc in $(( $(date +%s) - t0 ))s (total $(( $(date +%s) - start ))s)"
exit $rc
