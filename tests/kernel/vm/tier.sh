# vm/tier.sh: sourced by the kernel tier's ctest scripts (tests/kernel/*.sh).
#   tier_require  exit 77 (ctest: skipped) with the reason when QEMU or busybox is missing
#   tier_lock     one VM at a time from this tier (ctest -j2 would boot two: each takes a core and
#                 ~0.5 GB); waits for the other script's VM
#   tier_run ARGS run `run-in-vm.sh ARGS` in the background and wait for it, passing SIGINT,
#                 SIGTERM and SIGHUP on to it so that it stops its VM; sets TIER_RC
TIER_VM=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TIER_CACHE=${RAVELIN_VM_CACHE:-$HOME/.cache/ravelin-vm}

tier_require() {
    local q=${RAVELIN_VM_QEMU:-qemu-system-x86_64}
    command -v "$q" > /dev/null || { echo "SKIP: $q not found (apt-get install qemu-system-x86)"; exit 77; }
    local bb
    bb=$(command -v busybox) || { echo "SKIP: busybox not found (apt-get install busybox-static)"; exit 77; }
    # ldd exits 1 for a static program: no pipeline, it would fail under pipefail
    [[ $(LC_ALL=C ldd "$bb" 2>&1) == *'not a dynamic executable'* ]] ||
        { echo "SKIP: $bb is not statically linked (apt-get install busybox-static)"; exit 77; }
}

tier_lock() {
    mkdir -p "$TIER_CACHE"
    exec 7> "$TIER_CACHE/tier.lock"
    flock -w 900 7 || { echo "kernel tier: another kernel-tier VM held the lock for 900 s"; exit 1; }
}

TIER_PID=''
tier_stop() {
    [[ -n $TIER_PID ]] && kill -TERM "$TIER_PID" 2>/dev/null && wait "$TIER_PID" 2>/dev/null
    exit "$1"
}

tier_run() {
    trap 'tier_stop 130' INT
    trap 'tier_stop 143' TERM
    trap 'tier_stop 129' HUP
    "$TIER_VM/run-in-vm.sh" "$@" &
    TIER_PID=$!
    wait "$TIER_PID"
    TIER_RC=$?
    TIER_PID=''
    trap - INT TERM HUP
}
