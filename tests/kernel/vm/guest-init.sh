#!/bin/sh
# guest-init.sh: PID 1 of the ravelin kernel VM; build-initramfs.sh copies it to /init. Runs under
# the initramfs' static busybox. run-in-vm.sh is the host side; the two talk through the control
# folder shared over 9p (tag rvctl): params, shares, env, cmd in; started, out, rc back.
#
# Stage 1 (/init in the initramfs): load virtio + 9p + overlay, mount the control folder, build the
# guest root on a tmpfs, then switch_root:
#   /usr  host /usr over 9p, read-only                       (host programs and libraries)
#   /etc  overlay of host /etc (9p, read-only) + tmpfs        (writable, the host's is untouched)
#   /bin /sbin /lib /lib64 ...  the host's symlinks into usr/ (merged /usr)
#   /tmp /run /var /root /home  empty, on the root tmpfs
#   each shared folder (tags rvshN) at its host path
# Busybox and the modules stay in /run/rv/modroot, and /proc/sys/kernel/modprobe points at a
# wrapper that runs busybox modprobe chrooted there: the kernel's request_module() then loads
# esp4, xfrm_user, veth, ... on demand, as udev/kmod would on a normal system.
# Stage 2 (PID 1 in the new root): run ctl/cmd with stdout+stderr appended to ctl/out (the host
# streams that file), write its status to ctl/rc, sync, reboot -f (QEMU runs with -no-reboot).
export PATH=/bin:/usr/sbin:/usr/bin:/sbin

P9="trans=virtio,version=9p2000.L,msize=262144"
B=/bin/busybox
K=/run/rv

log() {
    read -r up _ < /proc/uptime 2>/dev/null || up='?'
    echo "rv-init[$up]: $*"
}

die() {
    log "FATAL: $*"
    for d in $K/ctl /ctl; do echo 125 > $d/rc 2>/dev/null && break; done
    $B sync
    $B reboot -f
    $B sleep 10
}

# mount_shares ROOT: "TAG MODE PATH" lines of ctl/shares, parents before children
mount_shares() {
    [ -f /ctl/shares ] || return 0
    while read -r tag mode path; do
        [ -n "$tag" ] || continue
        mkdir -p "$1$path" 2>/dev/null
        # cache=mmap: coherent enough for read-write use, and allows shared writable mmap
        o="$P9,cache=mmap"; [ "$mode" = ro ] && o="$P9,cache=loose,ro"
        mount -t 9p -o "$o" "$tag" "$1$path" || die "cannot mount $tag at $path"
    done < /ctl/shares
}

# make_root ROOT: the tmpfs root with /usr, /etc and the shared folders
make_root() {
    R=$1
    mount -t tmpfs -o mode=755 rvroot "$R" || die "cannot mount the root tmpfs"
    for l in $RV_ROOTLINKS; do ln -s "${l#*=}" "$R/${l%%=*}"; done
    mkdir -p "$R/usr" "$R/etc" "$R/proc" "$R/sys" "$R/dev" "$R/run" "$R/tmp" "$R/root" \
        "$R/home" "$R/mnt" "$R/var/tmp" "$R/var/lib" "$R/var/log" "$R/var/cache" "$R/var/spool"
    chmod 1777 "$R/tmp" "$R/var/tmp"
    ln -s /run "$R/var/run"
    ln -s /run/lock "$R/var/lock"
    # cache=loose: fast; host changes to /usr during a run are not seen
    mount -t 9p -o "$P9,cache=loose,ro" rvusr "$R/usr" || die "cannot mount rvusr"
    mkdir -p "$R$K/etc.lower" "$R$K/etc.upper" "$R$K/etc.work" "$R$K/ctl"
    mount -t 9p -o "$P9,cache=loose,ro" rvetc "$R$K/etc.lower" || die "cannot mount rvetc"
    mount -t overlay -o "lowerdir=$R$K/etc.lower,upperdir=$R$K/etc.upper,workdir=$R$K/etc.work" \
        rvetc "$R/etc" || die "cannot mount the /etc overlay"
    mount_shares "$R"
}

# module_autoload ROOT: busybox + modules in ROOT/run/rv, used as the kernel's modprobe helper
module_autoload() {
    M=$1$K
    mkdir -p "$M/bin" "$M/modroot/bin" "$M/modroot/lib"
    cp /bin/busybox "$M/bin/busybox"
    cp /init "$M/init"
    cp /bin/busybox "$M/modroot/bin/busybox"
    cp -a /lib/modules "$M/modroot/lib/"
    printf '#!%s/bin/busybox sh\nexec %s/bin/busybox chroot %s/modroot /bin/busybox modprobe "$@"\n' \
        $K $K $K > "$M/bin/modprobe"
    chmod 755 "$M/bin/modprobe"
    echo $K/bin/modprobe > /proc/sys/kernel/modprobe
}

stage1() {
    /bin/busybox mount -t devtmpfs devtmpfs /dev
    [ -c /dev/console ] && exec </dev/console >/dev/console 2>&1
    /bin/busybox --install -s /bin
    mount -t proc proc /proc
    mount -t sysfs sysfs /sys
    log "stage1 ($(uname -r))"
    # PCI drivers are not autoloaded without udev: load the boot set by hand
    modprobe -a virtio_pci 9pnet_virtio 9p overlay virtio_rng || die "modprobe of the boot set failed"
    mkdir -p /ctl
    mount -t 9p -o "$P9,cache=none" rvctl /ctl || die "cannot mount rvctl"
    . /ctl/params
    make_root /newroot
    module_autoload /newroot
    if [ -n "$RV_PRELOAD" ]; then
        modprobe -a $RV_PRELOAD || die "cannot preload $RV_PRELOAD"
    fi
    umount /ctl
    # cache=none: every write to ctl/out reaches the host file at once
    mount -t 9p -o "$P9,cache=none" rvctl /newroot$K/ctl || die "cannot remount rvctl"
    log "stage1 done"
    mount --move /dev /newroot/dev
    mount --move /proc /newroot/proc
    mount --move /sys /newroot/sys
    exec switch_root /newroot $K/bin/busybox sh $K/init stage2
    die "switch_root failed"
}

# run_command: ctl/cmd under the guest-side timeout; sets rc to its exit status
run_command() {
    to=${RV_GUEST_TIMEOUT:-0}
    SETSID=
    if [ "${RV_INTERACTIVE:-0}" = 1 ]; then
        # the second serial port is wired to the host terminal; a new session makes it the
        # controlling terminal, so job control and Ctrl-C work
        IN=/dev/ttyS1 OUT=/dev/ttyS1 SETSID="$B setsid -c"
        [ -c $OUT ] || die "no $OUT for the interactive terminal"
        $B stty -F $OUT sane
    else
        IN=/dev/null OUT=$K/ctl/out
    fi
    : > $K/ctl/started
    read -r t0 _ < /proc/uptime
    if [ "$to" -gt 0 ] 2>/dev/null; then
        $B timeout -s TERM -k 5 "$to" $SETSID /bin/sh $K/ctl/cmd <$IN >>$OUT 2>&1
    else
        $SETSID /bin/sh $K/ctl/cmd <$IN >>$OUT 2>&1
    fi
    rc=$?
    read -r t1 _ < /proc/uptime
    # busybox timeout passes on the killed child's 143/137; say 124 like coreutils' timeout
    if [ "$to" -gt 0 ] 2>/dev/null && { [ $rc -eq 143 ] || [ $rc -eq 137 ]; } &&
        [ $(( ${t1%.*} - ${t0%.*} )) -ge "$to" ]; then
        log "stage2: the command ran past ${to}s"
        rc=124
    fi
}

stage2() {
    export PATH=$K/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
    $B mkdir -p /dev/pts /dev/shm /run/lock
    $B mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts /dev/pts
    $B mount -t tmpfs -o mode=1777 shm /dev/shm
    $B hostname rv-guest
    $B ip link set lo up
    . $K/ctl/params
    # the command's environment: a clean one plus the variables the host passed (ctl/env)
    export HOME=/root TERM=dumb LANG=C.UTF-8 USER=root LOGNAME=root SHELL=/bin/sh RAVELIN_VM_GUEST=1
    [ -f $K/ctl/env ] && . $K/ctl/env
    log "stage2: running the command"
    run_command
    log "stage2: the command exited with $rc"
    echo "$rc" > $K/ctl/rc
    $B sync
    $B reboot -f
    $B sleep 10
}

case "$1" in
    stage2) B=$K/bin/busybox; stage2 ;;
    *) stage1 ;;
esac
