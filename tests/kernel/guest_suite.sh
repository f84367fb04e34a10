#!/bin/bash
# ctest kernel.guest_suite: boots ONE VM with Debian's ESP-capable kernel and runs in it the harness
# self-test (ESP SAs by hand, ping through, counters grow) and then every ctest test labelled
# `guest` in $RAVELIN_BUILD_DIR (tests/guest/<group>/*.cpp: real SAs through ravelin's libnl code).
# A self-test failure is reported as a harness failure, distinct from a failing guest test.
# Exit 77 (skipped) when qemu-system-x86_64 or busybox is missing. By hand, from the repo root:
#   RAVELIN_BUILD_DIR=build tests/kernel/guest_suite.sh
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/vm/tier.sh"
tier_require

REPO=$(cd "$HERE/../.." && pwd -P)
export RAVELIN_BUILD_DIR=${RAVELIN_BUILD_DIR:-$REPO/build}
RAVELIN_BUILD_DIR=$(cd "$RAVELIN_BUILD_DIR" 2>/dev/null && pwd -P) ||
    { echo "guest_suite: RAVELIN_BUILD_DIR does not exist"; exit 1; }
[[ -f $RAVELIN_BUILD_DIR/CTestTestfile.cmake ]] ||
    { echo "guest_suite: $RAVELIN_BUILD_DIR is not a configured build dir"; exit 1; }

# A guest test whose executable is not built shows up only as "guest_<group>_NOT_BUILT" (no
# label): without this check the suite would pass saying there are no guest tests.
missing=$(ctest --test-dir "$RAVELIN_BUILD_DIR" -N 2>/dev/null |
    sed -n 's/^ *Test *#[0-9]*: \(guest_[A-Za-z0-9_]*\)_NOT_BUILT$/\1/p' | sort -u | tr '\n' ' ')
if [[ -n $missing ]]; then
    echo "guest_suite: FAILED: guest test executables not built: $missing"
    echo "  build them first: cmake --build $RAVELIN_BUILD_DIR --target ${missing% }"
    exit 1
fi

tier_lock
start=$SECONDS
# limits: each guest test 120 s (inside), the VM 600 s + 90 s to boot, ctest's 900 s outside
cd "$REPO"
RAVELIN_VM_TIMEOUT=${RAVELIN_VM_TIMEOUT:-600} RAVELIN_VM_BOOT_TIMEOUT=${RAVELIN_VM_BOOT_TIMEOUT:-90} \
    RAVELIN_VM_ENV="${RAVELIN_VM_ENV:-} RAVELIN_GUEST_TEST_TIMEOUT" \
    tier_run "$HERE/guest/suite.sh"
took=$((SECONDS - start))
case $TIER_RC in
    0) echo "guest_suite: passed in ${took}s (one VM)"; exit 0 ;;
    1) echo "guest_suite: FAILED: guest tests failed (ESP itself works in the VM) after ${took}s" ;;
    3) echo "guest_suite: HARNESS FAILURE: the ESP self-test failed in the VM; see above" ;;
    124) echo "guest_suite: FAILED: the run in the VM exceeded ${RAVELIN_VM_TIMEOUT:-600}s" ;;
    125) echo "guest_suite: HARNESS FAILURE: the VM could not run the suite (see the console above)" ;;
    *) echo "guest_suite: FAILED with status $TIER_RC after ${took}s" ;;
esac
exit 1
