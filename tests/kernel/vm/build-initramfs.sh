#!/bin/bash
# build-initramfs.sh KROOT OUT.cpio.gz
#
# The guest's initramfs for the kernel unpacked in KROOT (fetch-kernel.sh):
#   /init            guest-init.sh (stage 1 runs from here)
#   /bin/busybox     the host's static busybox (package busybox-static)
#   /lib/modules/V/  the modules below and their modules.dep closure, with a fresh modules.dep
# About 0.5 s to build, about 3 MB.
set -euo pipefail

KROOT=${1:?usage: build-initramfs.sh KROOT OUT.cpio.gz}
OUT=${2:?usage: build-initramfs.sh KROOT OUT.cpio.gz}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ver=$(cat "$KROOT/VERSION")
MD=$KROOT/lib/modules/$ver
BUSYBOX=$(command -v busybox || true)
# static: the initramfs has no libc (ldd is in libc-bin, which every Debian has; `file` may be absent)
# (ldd exits 1 for a static program: no pipeline, it would fail under pipefail)
[[ -n $BUSYBOX && $(LC_ALL=C ldd "$BUSYBOX" 2>&1) == *'not a dynamic executable'* ]] || {
    echo "build-initramfs: no static busybox (apt-get install busybox-static)" >&2; exit 1; }

# Everything the guest may ever load. Only the boot set is loaded by stage 1; the rest autoloads
# when the kernel asks (request_module -> /proc/sys/kernel/modprobe, see guest-init.sh).
WANT=(
    # boot: virtio PCI, 9p (host /usr, /etc and the shared folders), overlayfs (writable /etc)
    virtio_pci 9pnet_virtio 9p overlay virtio_rng
    # the IPsec data plane
    xfrm_user xfrm_interface xfrm_ipcomp esp4 esp6 ah4 ah6 ipcomp ipcomp6
    xfrm4_tunnel xfrm6_tunnel ip_vti ip6_vti esp4_offload esp6_offload
    # test plumbing: links, shaping, tunnels, nftables for NAT tests
    veth dummy tun sch_netem ip6_tunnel ipip nf_tables nft_nat nft_masq nft_chain_nat
)

stage=$(mktemp -d "${TMPDIR:-/tmp}/ravelin-initramfs.XXXXXX")
trap 'rm -rf "$stage"' EXIT

# every crypto algorithm module (templates, generic and x86 code): which ones an SA needs depends
# on the algorithm the test picks, and the kernel loads them by name on demand
(cd "$MD" && find kernel/crypto kernel/arch/x86/crypto kernel/lib/crypto -name '*.ko' 2>/dev/null) \
    > "$stage/crypto.list"
# closure over modules.dep; module names treat - and _ alike
awk -v want="${WANT[*]}" -v crypto="$stage/crypto.list" '
    function norm(p,   n) { n = p; sub(/.*\//, "", n); sub(/\.ko$/, "", n); gsub(/-/, "_", n); return n }
    function add(p,   i, k, d) {
        if (p in seen) return
        seen[p] = 1; print p
        k = split(deps[p], d, " ")
        for (i = 1; i <= k; i++) add(d[i])
    }
    { p = $1; sub(/:$/, "", p); $1 = ""; deps[p] = $0; path[norm(p)] = p }
    END {
        k = split(want, w, " ")
        for (i = 1; i <= k; i++) {
            n = w[i]; gsub(/-/, "_", n)
            if (n in path) add(path[n])
            else printf "build-initramfs: note: no module %s (built in?)\n", w[i] > "/dev/stderr"
        }
        while ((getline p < crypto) > 0) add(p)
    }' "$MD/modules.dep" > "$stage/modules.list"

R=$stage/root
mkdir -p "$R/bin" "$R/dev" "$R/proc" "$R/sys" "$R/newroot" "$R/lib/modules/$ver"
cp "$BUSYBOX" "$R/bin/busybox"
ln -s busybox "$R/bin/sh"
install -m 755 "$HERE/guest-init.sh" "$R/init"
(cd "$MD" && tar -cf - -T "$stage/modules.list") | tar -xf - -C "$R/lib/modules/$ver"
for f in modules.order modules.builtin modules.builtin.modinfo; do
    [[ -f $MD/$f ]] && cp "$MD/$f" "$R/lib/modules/$ver/"
done
"$BUSYBOX" depmod -b "$R" "$ver"
# /dev/console gives /init a console before devtmpfs is mounted (mknod needs root; the init
# copes without it)
mknod -m 600 "$R/dev/console" c 5 1 2>/dev/null || true

mkdir -p "$(dirname "$OUT")"
(cd "$R" && find . | LC_ALL=C sort | "$BUSYBOX" cpio -o -H newc 2>/dev/null) | gzip -1 > "$OUT.tmp.$$"
mv "$OUT.tmp.$$" "$OUT"
echo "build-initramfs: $OUT: $(wc -l < "$stage/modules.list") modules, $(du -h "$OUT" | cut -f1)" >&2
