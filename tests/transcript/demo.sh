#!/usr/bin/env bash
# `make demo` without a terminal: the scripted session runs through the real binary and exits 0,
# the prompt follows `hostname`, the secret is saved hashed, and `check` accepts what was saved.
set -euo pipefail
build=${RAVELIN_BUILD_DIR:?}
src=${RAVELIN_SOURCE_DIR:?}
[[ -x "$build/ravelin" ]] || { echo "skip: $build/ravelin is not built"; exit 77; }
out=$("$src/scripts/demo" "$build" </dev/null 2>&1)
fail() { echo "demo.sh: $1"; echo "$out"; exit 1; }
grep -qx 'R1(config)#end' <<<"$out" || fail "prompt did not follow hostname"
grep -q '^enable secret 9 \$9\$' <<<"$out" || fail "secret not shown as type 9"
grep -q 'demo-secret' <<<"$(grep -v 'enable secret 0' <<<"$out")" && fail "clear-text secret printed"
grep -q ': 2 lines, no problems$' <<<"$out" || fail "check did not accept the saved file"
echo "demo ok"
