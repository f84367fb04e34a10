#!/usr/bin/env bash
# fuzz-smoke tier: builds the IKE libFuzzer targets (tests/fuzz/ike_*_fuzz.cpp) with clang-14 straight
# from the codec and crypto sources (so the rest of ravelin need not build with clang) and runs each
# for a few seconds over a scratch copy of its seed corpus. Exit 77 (skip) without clang-14.
# Env: RAVELIN_SOURCE_DIR, RAVELIN_BUILD_DIR (set by ctest); FUZZ_SMOKE_SECONDS (default 8).
set -euo pipefail
src=${RAVELIN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${RAVELIN_BUILD_DIR:-$src/build}/fuzz-smoke
seconds=${FUZZ_SMOKE_SECONDS:-8}
cxx=$(command -v clang++-14 || true)
if [[ -z $cxx ]]; then echo "fuzz-smoke: clang++-14 not installed (scripts/install-deps installs it)"; exit 77; fi

mkdir -p "$build/obj"
flags=(-std=c++20 -O1 -g -I"$src" -fno-omit-frame-pointer -Wall -Wextra -Werror)
lib_flags=("${flags[@]}" -fsanitize=fuzzer-no-link,address,undefined)
exe_flags=("${flags[@]}" -fsanitize=fuzzer,address,undefined)

# Library objects: rebuilt when the source or any codec/crypto header is newer than the object.
newest_header=$(find "$src/ike/wire" "$src/ike/crypto" "$src/platform" -name '*.hpp' -printf '%T@\n' | sort -n | tail -1)
objs=()
pids=()
for f in "$src"/ike/wire/*.cpp "$src"/ike/crypto/*.cpp "$src"/platform/net/ip_address.cpp; do
  o="$build/obj/$(echo "${f#"$src"/}" | tr / _).o"
  objs+=("$o")
  if [[ -f $o && $o -nt $f ]] && awk -v a="$(stat -c %Y "$o")" -v b="$newest_header" 'BEGIN{exit !(a>b)}'; then continue; fi
  "$cxx" "${lib_flags[@]}" -c "$f" -o "$o" &
  pids+=($!)
  if ((${#pids[@]} >= 2)); then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
done
for p in "${pids[@]}"; do wait "$p"; done

status=0
for t in "$src"/tests/fuzz/ike_*_fuzz.cpp; do
  name=$(basename "$t" .cpp)
  "$cxx" "${exe_flags[@]}" "$t" "${objs[@]}" -lssl -lcrypto -o "$build/$name"
  work=$(mktemp -d "${TMPDIR:-/tmp}/rv-fuzz-$name.XXXXXX")
  cp -r "$src/tests/fuzz/corpus/$name/." "$work/" 2>/dev/null || true
  echo "== $name for ${seconds}s"
  rc=0
  "$build/$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/" "$work" >"$work.log" 2>&1 || rc=$?
  grep -E "stat::number_of_executed_units|==[0-9]+==ERROR|^SUMMARY" "$work.log" || true
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
