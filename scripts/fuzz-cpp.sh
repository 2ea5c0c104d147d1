#!/usr/bin/env bash
# Native fuzzing of the C++ indicator kernels and drivers, outside Node
# (native-cpp/fuzz/fuzz_kernels.cpp).
#
#   scripts/fuzz-cpp.sh [--time SECONDS] [--runs N] [--merge]
#       libFuzzer + ASan + UBSan (clang++). Installs Debian's clang and libclang-rt-14-dev
#       when clang++ or its fuzzer runtime is missing. Runs for SECONDS (default 60) or N
#       executions, on the committed seeds (native-cpp/fuzz/corpus) plus a working corpus
#       in build-fuzz/corpus, and prints the number of executions. --merge folds new
#       coverage back into the committed seed corpus (minimized).
#   scripts/fuzz-cpp.sh --replay [--no-sanitize] [FILES_OR_DIRS...]
#       No clang needed: builds the target with g++ as a plain program (ASan + UBSan unless
#       --no-sanitize) and runs the committed corpus plus any FILES_OR_DIRS once each, at
#       each SIMD level the CPU has.
#
# On x86-64 the indicator kernels are also built for AVX2 and AVX-512, as CMakeLists.txt
# does for the addon, and the many-series driver picks the best level this CPU has; set
# HEAN_SIMD=base|avx2 to fuzz a lower level (--no-clones builds the baseline only).
# Environment: CXX (replay compiler, default g++), FUZZ_JOBS (parallel compiles, default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/build-fuzz
SEEDS=$ROOT/native-cpp/fuzz/corpus

time_s=60 runs=-1 replay=0 merge=0 sanitize=1 clones=1
[ "$(uname -m)" = x86_64 ] || clones=0
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --time) time_s=$2; shift 2 ;;
    --runs) runs=$2; time_s=0; shift 2 ;;
    --replay) replay=1; shift ;;
    --no-sanitize) sanitize=0; shift ;;
    --merge) merge=1; shift ;;
    --no-clones) clones=0; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) extra+=("$1"); shift ;;
  esac
done

common=(-std=c++20 -g -O1 -fno-omit-frame-pointer -ffp-contract=off -fno-math-errno -DEIGEN_MPL2_ONLY
        -I"$ROOT/native-cpp/include" -isystem "$ROOT/native-cpp/vendor/eigen")
sfx=""
if [ "$clones" = 1 ]; then common+=(-DHEAN_ISA_CLONES); else sfx="-noclones"; fi
jobs=${FUZZ_JOBS:-1}

# Compiles every engine source into $1 with compiler $2 and flags $3..; skips up-to-date
# objects (a header change rebuilds everything).
build_objs() {
  local dir=$1 cxx=$2; shift 2
  mkdir -p "$dir"
  local stamp="$dir/.flags" flags="$cxx $*"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$flags" ]; then rm -f "$dir"/*.o; echo "$flags" >"$stamp"; fi
  local newest_hdr
  newest_hdr=$(ls -t "$ROOT"/native-cpp/include/hean/*.hpp | head -1)
  local pids=() jobs_list=()
  for src in "$ROOT"/native-cpp/src/*.cpp; do
    local base
    base=$(basename "${src%.cpp}")
    jobs_list+=("$src|$dir/$base.o|")
    # The AVX2 / AVX-512 builds of the indicator kernels (not the drivers or other modules).
    if [ "$clones" = 1 ] && [[ ! "$base" =~ ^(driver|registry|matrix|resample|backtest)$ ]]; then
      jobs_list+=("$src|$dir/$base.avx2.o|-DHEAN_ISA=2 -march=x86-64-v3 -mtune=generic")
      jobs_list+=("$src|$dir/$base.avx512.o|-DHEAN_ISA=3 -march=x86-64-v4 -mtune=generic")
    fi
  done
  for j in "${jobs_list[@]}"; do
    IFS='|' read -r src obj isa <<<"$j"
    if [ -f "$obj" ] && [ "$obj" -nt "$src" ] && [ "$obj" -nt "$newest_hdr" ]; then continue; fi
    # shellcheck disable=SC2086
    "$cxx" "$@" $isa -c "$src" -o "$obj" &
    pids+=($!)
    if [ ${#pids[@]} -ge "$jobs" ]; then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
  done
  for p in "${pids[@]}"; do wait "$p"; done
}

start=$(date +%s)
if [ "$replay" = 1 ]; then
  cxx=${CXX:-g++}
  san=()
  if [ "$sanitize" = 1 ]; then san=(-fsanitize=address,undefined -fno-sanitize-recover=undefined); fi
  dir="$OUT/replay-$(basename "$cxx")${san:+-san}$sfx"
  build_objs "$dir" "$cxx" "${common[@]}" "${san[@]}"
  "$cxx" "${common[@]}" "${san[@]}" -DHEAN_FUZZ_REPLAY "$ROOT/native-cpp/fuzz/fuzz_kernels.cpp" "$dir"/*.o -o "$dir/fuzz_kernels_replay" -lpthread
  echo "built $dir/fuzz_kernels_replay in $(( $(date +%s) - start ))s"
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
  # Every SIMD level the CPU has (HEAN_SIMD caps the level; a cap above the CPU's is the CPU's).
  levels=${HEAN_SIMD:-base avx2 avx512}
  [ "$clones" = 1 ] || levels=base
  for level in $levels; do
    HEAN_SIMD=$level "$dir/fuzz_kernels_replay" "$SEEDS" "${extra[@]}"
  done
  echo "replay done in $(( $(date +%s) - start ))s"
  exit 0
fi

# libFuzzer build: clang with its fuzzer runtime (Debian: clang + libclang-rt-14-dev).
probe_clang() {
  command -v clang++ >/dev/null || return 1
  local t
  t=$(mktemp -d)
  printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }\n' >"$t/p.cpp"
  clang++ -fsanitize=fuzzer,address,undefined "$t/p.cpp" -o "$t/p" >/dev/null 2>&1
  local rc=$?
  rm -rf "$t"
  return $rc
}
if ! probe_clang; then
  echo "== installing clang and its fuzzer/sanitizer runtimes (Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""
  [ "$(id -u)" != 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq clang libclang-rt-14-dev >/dev/null
  probe_clang || { echo "clang++ -fsanitize=fuzzer does not link" >&2; exit 1; }
fi

san=(-fsanitize=address,undefined -fno-sanitize-recover=undefined)
dir="$OUT/libfuzzer$sfx"
build_objs "$dir" clang++ "${common[@]}" "${san[@]}" -fsanitize=fuzzer-no-link
clang++ "${common[@]}" "${san[@]}" -fsanitize=fuzzer "$ROOT/native-cpp/fuzz/fuzz_kernels.cpp" "$dir"/*.o -o "$dir/fuzz_kernels" -lpthread
echo "built $dir/fuzz_kernels in $(( $(date +%s) - start ))s"

mkdir -p "$OUT/corpus" "$OUT/artifacts"
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
args=(-max_total_time="$time_s" -runs="$runs" -print_final_stats=1 -max_len=4096 -timeout=10 -rss_limit_mb=2048
      -artifact_prefix="$OUT/artifacts/")
log="$OUT/fuzz.log"
t0=$(date +%s)
set +e
"$dir/fuzz_kernels" "${args[@]}" "${extra[@]}" "$OUT/corpus" "$SEEDS" >"$log" 2>&1
rc=$?
grep -E "SIMD level|^#[0-9]+[[:space:]]+(INITED|DONE)|ERROR|invariant|SUMMARY|runtime error|^stat::|Test unit written" "$log" | head -40
set -e
secs=$(( $(date +%s) - t0 ))
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
echo "libFuzzer executions: ${execs:-unknown} in ${secs}s (exit $rc; log $log)"
if [ "$rc" != 0 ]; then
  echo "fuzz_kernels FAILED; reproducer in $OUT/artifacts/" >&2
  exit "$rc"
fi
if [ "$merge" = 1 ]; then
  "$dir/fuzz_kernels" -merge=1 "$SEEDS" "$OUT/corpus" >"$OUT/merge.log" 2>&1
  echo "seed corpus: $(ls "$SEEDS" | wc -l) files"
fi
