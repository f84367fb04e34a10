#!/bin/bash
# fetch-kernel.sh [DEST]
#
# Puts Debian's stock kernel (the linux-image-<abi>-amd64 package that linux-image-amd64 depends
# on; it has esp4, esp6, xfrm_user and 9p as modules) unpacked into DEST, without installing
# anything on the host: `apt-get download` + `dpkg -x`. The .deb ships no modules.dep and the host
# may have no kmod, so `busybox depmod` writes one. The uncompressed ELF vmlinux is extracted
# next to the bzImage for QEMU's PVH boot.
#
# Result: DEST/VERSION, DEST/boot/vmlinux-<ver>, DEST/boot/vmlinuz-<ver>, DEST/lib/modules/<ver>/.
# Prints the kernel version. Does nothing when DEST/VERSION exists (delete DEST to refetch).
# The ABI name is never pinned: the mirror drops old ABI packages after security updates.
# Not the -cloud-amd64 flavour: it has no 9p. Needs apt-get, dpkg, busybox; about 70 MB download.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DEST=${1:-${RAVELIN_VM_CACHE:-$HOME/.cache/ravelin-vm}/linux}
META=linux-image-amd64

if [[ -s $DEST/VERSION ]]; then
    cat "$DEST/VERSION"
    exit 0
fi
BUSYBOX=$(command -v busybox || true)
[[ -n $BUSYBOX ]] || { echo "fetch-kernel: busybox not found (apt-get install busybox-static)" >&2; exit 1; }

# resolve: the one linux-image-<abi>-amd64 package the meta package depends on
resolve() {
    apt-cache depends "$META" 2>/dev/null |
        awk '/Depends: linux-image-[0-9]/ { print $2; exit }'
}

# download PKG into the current folder. APT::Sandbox::User=root: the private mktemp folder is
# not writable by _apt, and apt would otherwise warn that it downloads unsandboxed.
download() {
    apt-get download -q -o APT::Sandbox::User=root "$1" >&2
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ravelin-kernel.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

dep=$(resolve)
if [[ -z $dep ]] || ! download "$dep"; then
    # empty or stale package lists (the ABI package named there is gone from the mirror):
    # refresh them once and retry
    echo "fetch-kernel: refreshing the package lists (apt-get update)" >&2
    apt-get update -q >&2 || { echo "fetch-kernel: apt-get update failed (needs root)" >&2; exit 1; }
    dep=$(resolve)
    [[ -n $dep ]] || { echo "fetch-kernel: apt knows no $META" >&2; exit 1; }
    download "$dep" || { echo "fetch-kernel: cannot download $dep" >&2; exit 1; }
fi

ver=${dep#linux-image-}
rm -rf "$DEST.partial"
mkdir -p "$DEST.partial"
dpkg -x "$tmp/${dep}"_*.deb "$DEST.partial"
[[ -f $DEST.partial/boot/vmlinuz-$ver ]] || { echo "fetch-kernel: $dep has no boot/vmlinuz-$ver" >&2; exit 1; }
"$BUSYBOX" depmod -b "$DEST.partial" "$ver"
"$HERE/extract-vmlinux.sh" "$DEST.partial/boot/vmlinuz-$ver" > "$DEST.partial/boot/vmlinux-$ver"
echo "$ver" > "$DEST.partial/VERSION"
rm -rf "$DEST"
mv "$DEST.partial" "$DEST"
echo "$ver"
