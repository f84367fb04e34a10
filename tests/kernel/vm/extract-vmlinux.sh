#!/bin/bash
# extract-vmlinux.sh BZIMAGE > vmlinux
# Writes the uncompressed ELF kernel that an x86 bzImage carries (Debian's is xz-compressed), like
# the kernel's own scripts/extract-vmlinux. QEMU boots that ELF through its PVH entry point, which
# skips about 3 s of in-guest xz decompression under TCG.
set -euo pipefail
img=${1:?usage: extract-vmlinux.sh BZIMAGE}
export LC_ALL=C

# try MAGIC DECOMPRESSOR...: the payload starts at one of the first offsets where MAGIC occurs and
# decompresses to an ELF file (7f 45 4c 46); other occurrences are coincidences.
try() {
    local magic=$1 off head
    shift
    for off in $(grep -abo "$magic" "$img" 2>/dev/null | cut -d: -f1 | head -n 5); do
        head=$(tail -c +$((off + 1)) "$img" | "$@" 2>/dev/null | head -c 4 | od -An -tx1 | tr -d ' \n' || true)
        if [[ $head == 7f454c46 ]]; then
            # the payload is followed by other data: the decompressor complains, the ELF is whole
            tail -c +$((off + 1)) "$img" | "$@" 2>/dev/null || true
            return 0
        fi
    done
    return 1
}

XZ=(xz); command -v xz >/dev/null || XZ=(busybox xz)
try $'\xfd7zXZ' "${XZ[@]}" -dc && exit 0
try $'\x1f\x8b\x08' gzip -dc && exit 0
command -v zstd >/dev/null && try $'\x28\xb5\x2f\xfd' zstd -dc && exit 0
echo "extract-vmlinux: no xz, gzip or zstd payload holding an ELF kernel in $img" >&2
exit 1
