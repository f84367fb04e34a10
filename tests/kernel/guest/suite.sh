#!/bin/bash
# guest/suite.sh: the kernel tier's work INSIDE the VM (tests/kernel/guest_suite.sh boots the VM).
#   1. the harness self-test (esp-selftest.sh): ESP by hand with `ip xfrm`;
#   2. every ctest test labelled `guest` in $RAVELIN_BUILD_DIR (tests/guest/<group>/*.cpp).
# Exit status: 0 all passed; 1 a guest test failed (a product bug); 3 the self-test failed (the
# harness or the guest kernel is broken: the guest tests' results would mean nothing).
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[[ ${RAVELIN_VM_GUEST:-} == 1 ]] || { echo "guest/suite.sh: run this inside the VM" >&2; exit 2; }
B=${RAVELIN_BUILD_DIR:?guest/suite.sh: RAVELIN_BUILD_DIR is not set}
[[ -f $B/CTestTestfile.cmake ]] || { echo "guest/suite.sh: $B is not a configured build dir" >&2; exit 1; }

echo "== harness self-test: ESP SAs by hand =="
if ! "$HERE/esp-selftest.sh"; then
    echo "guest/suite.sh: HARNESS FAILURE: ESP does not work in the VM; guest tests not run"
    exit 3
fi

# The host may be running ctest in the same build dir at this moment: keep this run's ctest logs
# (Testing/Temporary/LastTest.log ...) on a tmpfs inside the VM instead of the shared folder.
mkdir -p "$B/Testing"
mount -t tmpfs rv-ctest "$B/Testing" || { echo "guest/suite.sh: cannot mount a tmpfs on $B/Testing"; exit 3; }

n=$(ctest --test-dir "$B" -N -L '^guest$' 2>&1 | awk '/^Total Tests:/ { print $3 }')
if [[ ${n:-0} == 0 ]]; then
    echo "== no tests labelled 'guest' in $B: only the harness self-test ran =="
    exit 0
fi
echo "== $n guest tests (ctest -L '^guest\$' in $B) =="
# each test has its own limit, well inside the VM's and the tier's
ctest --test-dir "$B" -L '^guest$' --output-on-failure --timeout "${RAVELIN_GUEST_TEST_TIMEOUT:-120}" \
    || exit 1
exit 0
