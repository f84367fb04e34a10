#!/usr/bin/env bash
# fuzz-smoke tier: builds every libFuzzer target of tests/fuzz/ (*_fuzz.cpp) with clang-14 in its own
# CMake tree (-DRAVELIN_FUZZ=ON: every library instrumented with ASan + UBSan + coverage) and runs
# each for a few seconds over a scratch copy of its seed corpus. Any crash, leak, sanitizer report or
# broken invariant fails the test; the reproducer and log are kept and named. Exit 77 (skip) without
# clang-14.
# Env: RAVELIN_SOURCE_DIR, RAVELIN_BUILD_DIR (set by ctest); FUZZ_SMOKE_SECONDS (default 6 per target).
set -euo pipefail
src=${RAVELIN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${RAVELIN_BUILD_DIR:-$src/build}/fuzz-smoke
seconds=${FUZZ_SMOKE_SECONDS:-6}
cxx=$(command -v clang++-14 || true)
if [[ -z $cxx ]]; then echo "fuzz-smoke: clang++-14 not installed (scripts/install-deps installs it)"; exit 77; fi

targets=()
for f in "$src"/tests/fuzz/*_fuzz.cpp; do targets+=("$(basename "$f" .cpp)"); done
start=$SECONDS
if [[ ! -f $build/CMakeCache.txt ]]; then
  # The launcher adds -Wno-error (clang-only warnings are not this tier's business) and uses ccache.
  cmake -S "$src" -B "$build" -DCMAKE_CXX_COMPILER="$cxx" -DCCACHE_PROGRAM="$src/tests/fuzz/compile-launcher" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" -DRAVELIN_FUZZ=ON -DRAVELIN_BUILD_BENCH=OFF >"$build.configure.log" 2>&1 ||
    { cat "$build.configure.log"; exit 1; }
fi
if ! cmake --build "$build" -j 2 --target "${targets[@]}" >"$build.build.log" 2>&1; then
  grep -E "error|Error" "$build.build.log" | head -40
  echo "fuzz-smoke: building the fuzz targets failed (log: $build.build.log)"
  exit 1
fi
echo "fuzz-smoke: built ${#targets[@]} targets in $((SECONDS - start)) s"

status=0
for name in "${targets[@]}"; do
  work=$(mktemp -d "${TMPDIR:-/tmp}/rv-fuzz-$name.XXXXXX")
  cp -r "$src/tests/fuzz/corpus/$name/." "$work/" 2>/dev/null || true
  echo "== $name for ${seconds}s"
  rc=0
  # Run inside the scratch directory: the CLI targets may write files relative to it. A fixed seed
  # makes the smoke run repeatable (a slower machine runs a prefix of the same inputs); open-ended
  # exploration is `make fuzz`, whose findings become regression tests.
  (cd "$work" && "$build/tests/$name" -seed=1 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work/" "$work" >"$work.log" 2>&1) || rc=$?
  grep -E "stat::number_of_executed_units|==[0-9]+==ERROR|^SUMMARY|invariant|does not reload" "$work.log" || true
  if ((rc != 0)); then
    tail -40 "$work.log"
    echo "fuzz-smoke: $name exited $rc; reproducer and log kept in $work and $work.log"
    status=1
    continue
  fi
  rm -f "$work.log"
  rm -rf "$work"
done
exit $status
