#!/bin/bash
# run-in-vm.sh [--shell | -i] [--] COMMAND [ARG...]
#
# Boots Debian 12's stock kernel (ESP, AH and XFRM as modules; this host's kernel may have no ESP)
# under QEMU in software emulation (TCG), runs COMMAND in it as root, streams its output (stdout
# and stderr merged) to stdout, powers the VM off and exits with COMMAND's exit status.
#
# In the VM: the host's /usr (read-only) and /etc (read-only, with a writable tmpfs overlay) over
# 9p, so host programs and libraries run unchanged; this repository, the current folder and
# $RAVELIN_BUILD_DIR read-write, each at its host path; COMMAND runs in the current folder;
# /tmp /run /var /root are empty. No network card: only lo and what COMMAND creates (netns, veth).
# Modules load on demand. COMMAND's stdin is /dev/null and its stdout a file (stdio is fully
# buffered, as in CI). RAVELIN_VM_GUEST=1 is set for COMMAND.
#
#   --shell        an interactive `bash -i` on this terminal (debugging); exit leaves the VM
#   -i             COMMAND gets this terminal instead of the streamed file
#
# Exit status: COMMAND's; 124 when it ran past RAVELIN_VM_TIMEOUT; 125 when the VM failed (could
# not be prepared or booted, kernel panic or oops, host-side timeout), with the end of the VM's
# console log on stderr; 129/130/131/143 when this script was stopped by a signal (the VM is
# stopped and its files removed). Killed outright (SIGKILL), it still takes its VM down with it.
#
# Environment (all optional):
#   RAVELIN_VM_TIMEOUT=240      seconds COMMAND may run (then 124)
#   RAVELIN_VM_BOOT_TIMEOUT=60  seconds the VM may take to reach COMMAND (normally 3-5 s);
#                               the host-side hard limit is their sum plus 10
#   RAVELIN_VM_SMP=2 RAVELIN_VM_MEM=512   vCPUs, MiB of guest memory (128 at least)
#   RAVELIN_VM_ENV="A B"        host variables passed to COMMAND (RAVELIN_BIN, RAVELIN_BUILD_DIR
#                               and RAVELIN_SOURCE_DIR always are, when set)
#   RAVELIN_VM_SHARE_RW="D.." RAVELIN_VM_SHARE_RO="D.."   more host folders, each at its path
#   RAVELIN_VM_CACHE=~/.cache/ravelin-vm   the kernel (fetched at first use) and initramfs
#   RAVELIN_VM_KERNEL=$RAVELIN_VM_CACHE/linux   an unpacked kernel tree (see fetch-kernel.sh)
#   RAVELIN_VM_PRELOAD="esp4 .."  modules to load at boot (normally none: they autoload)
#   RAVELIN_VM_DEBUG=1          show the VM's console log (kernel + init) on stderr
#   RAVELIN_VM_APPEND="..."     more kernel command line
#   RAVELIN_VM_TB_SIZE=64       TCG translation cache in MiB (QEMU's RSS is ~0.5 GB without)
#   RAVELIN_VM_QEMU=qemu-system-x86_64
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/../../.." && pwd -P)

INTERACTIVE=0
while [[ $# -gt 0 ]]; do
    case $1 in
        --shell) INTERACTIVE=1; shift; [[ $# -gt 0 ]] || set -- bash -i; break ;;
        -i) INTERACTIVE=1; shift ;;
        --) shift; break ;;
        -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) break ;;
    esac
done
[[ $# -gt 0 ]] || { echo "usage: run-in-vm.sh [--shell | -i] [--] COMMAND [ARG...]" >&2; exit 2; }

TIMEOUT=${RAVELIN_VM_TIMEOUT:-240}
BOOT_TIMEOUT=${RAVELIN_VM_BOOT_TIMEOUT:-60}
CACHE=${RAVELIN_VM_CACHE:-$HOME/.cache/ravelin-vm}
KROOT=${RAVELIN_VM_KERNEL:-$CACHE/linux}
QEMU=${RAVELIN_VM_QEMU:-qemu-system-x86_64}
DEBUG=${RAVELIN_VM_DEBUG:-0}

fail() { echo "run-in-vm: $*" >&2; exit 125; }
for n in TIMEOUT BOOT_TIMEOUT; do
    [[ ${!n} =~ ^[1-9][0-9]*$ ]] || fail "RAVELIN_VM_$n must be a positive number of seconds"
done
command -v "$QEMU" >/dev/null || fail "$QEMU not found (apt-get install qemu-system-x86)"
command -v busybox >/dev/null || fail "busybox not found (apt-get install busybox-static)"

# prepare_images: sets VMLINUX and INITRD, fetching and building what the cache lacks. The
# initramfs is keyed on the scripts that make it, so editing them rebuilds it.
prepare_images() {
    mkdir -p "$CACHE"
    exec 9>"$CACHE/.lock"
    flock -w 600 9 || fail "cannot lock $CACHE"
    [[ -s $KROOT/VERSION ]] || "$HERE/fetch-kernel.sh" "$KROOT" >/dev/null || fail "fetch-kernel.sh failed"
    local ver key
    ver=$(cat "$KROOT/VERSION")
    VMLINUX=$KROOT/boot/vmlinux-$ver
    if [[ ! -s $VMLINUX ]]; then
        "$HERE/extract-vmlinux.sh" "$KROOT/boot/vmlinuz-$ver" > "$VMLINUX.tmp" || fail "extract-vmlinux.sh failed"
        mv "$VMLINUX.tmp" "$VMLINUX"
    fi
    key=$(cat "$HERE/build-initramfs.sh" "$HERE/guest-init.sh" "$(command -v busybox)" | sha1sum | cut -c1-12)
    INITRD=$CACHE/initramfs-$ver-$key.cpio.gz
    if [[ ! -s $INITRD ]]; then
        local log
        log=$("$HERE/build-initramfs.sh" "$KROOT" "$INITRD" 2>&1) || { echo "$log" >&2; fail "build-initramfs.sh failed"; }
    fi
    touch "$INITRD"
    # other versions may still be in use by a run of another checkout: drop only old ones
    find "$CACHE" -maxdepth 1 -name 'initramfs-*.cpio.gz' -mtime +2 -delete 2>/dev/null || true
    exec 9>&-
}

CTL='' QPID='' TPID=''
# cleanup: stop `timeout` (it passes SIGTERM on to QEMU), then QEMU itself by its pid file, the
# output streamer, and remove the control folder. Runs on every exit, signals included.
cleanup() {
    local p qemu_pid=''
    [[ -n $CTL && -s $CTL/qemu.pid ]] && qemu_pid=$(cat "$CTL/qemu.pid")
    for p in $QPID $TPID; do
        kill -0 "$p" 2>/dev/null || continue
        kill "$p" 2>/dev/null || true
        for _ in $(seq 1 25); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$p" 2>/dev/null || true
    done
    # only if that pid is still our QEMU (its command line names our control folder)
    if [[ -n $qemu_pid ]] && grep -qF "$CTL" "/proc/$qemu_pid/cmdline" 2>/dev/null; then
        kill -9 "$qemu_pid" 2>/dev/null || true
    fi
    if [[ -n $CTL ]]; then rm -rf "$CTL"; fi
    return 0   # under set -e a false last test would replace the exit status
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 131' QUIT
trap 'exit 143' TERM

sq() { local s=${1//\'/\'\\\'\'}; printf "'%s'" "$s"; }   # POSIX sh single quotes
qopt() { printf '%s' "${1//,/,,}"; }                       # a QEMU option value

# write_params: what guest-init.sh sources in stage 1 and 2
write_params() {
    local l t links=''
    for l in /*; do   # merged /usr: the host's /bin -> usr/bin etc. are recreated in the guest
        [[ -L $l ]] || continue
        t=$(readlink "$l"); t=${t#/}
        [[ $t == usr/* ]] && links+=" ${l#/}=$t"
    done
    {
        echo "RV_ROOTLINKS=$(sq "${links# }")"
        echo "RV_PRELOAD=$(sq "${RAVELIN_VM_PRELOAD:-}")"
        echo "RV_GUEST_TIMEOUT=$(sq "$TIMEOUT")"
        echo "RV_INTERACTIVE=$(sq "$INTERACTIVE")"
    } > "$CTL/params"
}

# share_list: "MODE PATH" lines, parents first, without folders already inside a share of the
# same mode; a host not merged into /usr gets its /bin, /lib... read-only
share_list() {
    local d
    {
        for d in /bin /sbin /lib /lib32 /lib64 /libx32; do
            [[ -d $d && ! -L $d ]] && echo "ro $d"
        done
        echo "rw $REPO"
        echo "rw $WORK"
        [[ -n ${RAVELIN_BUILD_DIR:-} && -d ${RAVELIN_BUILD_DIR:-} ]] &&
            echo "rw $(cd "$RAVELIN_BUILD_DIR" && pwd -P)"
        for d in ${RAVELIN_VM_SHARE_RW:-}; do echo "rw $(cd "$d" && pwd -P)"; done
        for d in ${RAVELIN_VM_SHARE_RO:-}; do echo "ro $(cd "$d" && pwd -P)"; done
    } | awk '{ m = $1; sub(/^[a-z]+ /, ""); print length($0) "\t" m "\t" $0 }' | sort -n -s |
        awk -F'\t' '{
            for (i = 1; i <= n; i++)
                if (mode[i] == $2 && ($3 == path[i] || index($3, path[i] "/") == 1 || path[i] == "/")) next
            n++; mode[n] = $2; path[n] = $3; print $2 " " $3
        }'
}

# write_shares: ctl/shares ("TAG MODE PATH") for the guest, SHARE_ARGS for QEMU
write_shares() {
    local tag mode path ro
    share_list | awk '{ print "rvsh" NR-1, $0 }' > "$CTL/shares"
    SHARE_ARGS=()
    while read -r tag mode path; do
        [[ $path != / ]] || fail "refusing to share / with the VM"
        ro=''; [[ $mode == ro ]] && ro=,readonly=on
        SHARE_ARGS+=(-virtfs "local,path=$(qopt "$path"),mount_tag=$tag,security_model=none,multidevs=remap$ro")
    done < "$CTL/shares"
}

# write_command: ctl/env (exported variables) and ctl/cmd (cd + exec, POSIX-quoted)
write_command() {
    local v a
    : > "$CTL/env"
    for v in RAVELIN_BIN RAVELIN_BUILD_DIR RAVELIN_SOURCE_DIR ${RAVELIN_VM_ENV:-}; do
        [[ $v =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || fail "RAVELIN_VM_ENV: bad variable name '$v'"
        [[ -v $v ]] && echo "export $v=$(sq "${!v}")" >> "$CTL/env"
    done
    {
        echo "cd $(sq "$WORK") || exit 125"
        printf 'exec'
        for a in "$@"; do printf ' %s' "$(sq "$a")"; done
        echo
    } > "$CTL/cmd"
    : > "$CTL/out"
}

# start_vm: QEMU under a host-side `timeout`, in the background (QPID)
start_vm() {
    # PVH boot of the ELF vmlinux; acpi=noirq skips ACPI interrupt-link evaluation (~1 s under
    # TCG); cryptomgr.notests skips the crypto self-tests; panic=-1 oops=panic + -no-reboot turn
    # any kernel crash into the end of QEMU. TCG only: on hosts whose KVM is PVM-only, -accel kvm
    # runs this kernel >10x slower or not at all.
    local append="console=ttyS0 quiet loglevel=4 panic=-1 oops=panic acpi=noirq cryptomgr.notests"
    append+=" tsc=reliable no_timer_check i8042.noaux i8042.nokbd i8042.nopnp mitigations=off"
    append+=" ${RAVELIN_VM_APPEND:-}"
    local terminal=(-serial null) fg=()
    if [[ $INTERACTIVE == 1 ]]; then
        # ttyS1 = this terminal, raw (Ctrl-C goes to the guest); --foreground keeps QEMU in the
        # terminal's process group so it may read it
        terminal=(-chardev stdio,id=term,signal=off -serial chardev:term)
        fg=(--foreground)
        exec 8<&0
    else
        exec 8</dev/null
    fi
    # --pdeathsig: should this script be killed outright (SIGKILL, no trap runs), `timeout` gets
    # SIGTERM and passes it on to QEMU, so no VM outlives its runner
    local guard=()
    command -v setpriv > /dev/null && guard=(setpriv --pdeathsig TERM)
    "${guard[@]}" timeout "${fg[@]}" -k 5 $((TIMEOUT + BOOT_TIMEOUT + 10)) "$QEMU" \
        -pidfile "$CTL/qemu.pid" -name ravelin-vm \
        -M pc -accel "tcg${RAVELIN_VM_TB_SIZE:+,tb-size=$RAVELIN_VM_TB_SIZE}" -cpu max \
        -smp "${RAVELIN_VM_SMP:-2}" -m "${RAVELIN_VM_MEM:-512}" \
        -nodefaults -no-user-config -no-reboot -display none \
        -kernel "$VMLINUX" -initrd "$INITRD" -append "$append" \
        -chardev "file,id=con,path=$(qopt "$CTL/console.log")" -serial chardev:con \
        "${terminal[@]}" \
        -device virtio-rng-pci \
        -virtfs "local,path=$(qopt "$CTL"),mount_tag=rvctl,security_model=none" \
        -virtfs "local,path=/usr,mount_tag=rvusr,security_model=none,multidevs=remap,readonly=on" \
        -virtfs "local,path=/etc,mount_tag=rvetc,security_model=none,multidevs=remap,readonly=on" \
        "${SHARE_ARGS[@]}" <&8 &
    QPID=$!
    exec 8<&-
}

# watch_boot: the guest creates ctl/started just before COMMAND; stop a VM that never gets there
watch_boot() {
    for _ in $(seq 1 $((BOOT_TIMEOUT * 5))); do
        [[ -e $CTL/started ]] && return 0
        kill -0 "$QPID" 2>/dev/null || return 0
        sleep 0.2
    done
    if [[ ! -e $CTL/started ]] && kill -0 "$QPID" 2>/dev/null; then
        echo "run-in-vm: the VM did not reach the command within ${BOOT_TIMEOUT}s; stopping it" >&2
        kill "$QPID" 2>/dev/null || true
    fi
}

console_tail() {
    [[ $DEBUG != 0 ]] && return 0   # already shown whole
    echo "----- VM console (last 40 lines) -----" >&2
    tail -n 40 "$CTL/console.log" >&2 || true
}

# --- main ---------------------------------------------------------------------------------------
WORK=$(pwd -P)
for d in ${RAVELIN_VM_SHARE_RW:-} ${RAVELIN_VM_SHARE_RO:-}; do
    [[ -d $d ]] || fail "cannot share $d: not a folder"
done
prepare_images
CTL=$(mktemp -d "${TMPDIR:-/tmp}/ravelin-vm.XXXXXX")
write_params
write_shares
write_command "$@"
start_vm
if [[ $INTERACTIVE != 1 ]]; then
    # stream COMMAND's output while the VM runs; tail ends shortly after QEMU does
    tail -f -s 0.2 --pid="$QPID" -c +1 "$CTL/out" &
    TPID=$!
fi
watch_boot
set +e
wait "$QPID"
qrc=$?
set -e
QPID=''
[[ -n $TPID ]] && wait "$TPID" || true
TPID=''

if [[ $DEBUG != 0 ]]; then
    echo "----- VM console -----" >&2
    cat "$CTL/console.log" >&2
fi
if [[ -s $CTL/rc ]]; then
    rc=$(cat "$CTL/rc")
    [[ $rc == 125 ]] && grep -q 'rv-init.*FATAL' "$CTL/console.log" && console_tail
    exit "$rc"
fi
how="QEMU exit status $qrc"
[[ $qrc == 124 || $qrc == 137 ]] && how="host-side timeout after $((TIMEOUT + BOOT_TIMEOUT + 10))s"
grep -q 'Kernel panic\|Oops\|BUG:' "$CTL/console.log" 2>/dev/null && how="kernel panic or oops"
echo "run-in-vm: the VM ended without an exit status for the command ($how)" >&2
console_tail
exit 125
