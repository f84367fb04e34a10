#!/bin/bash
# ctest kernel.fetch_kernel: vm/fetch-kernel.sh and vm/extract-vmlinux.sh on the host, no VM and no
# network. apt-cache and apt-get are replaced by fakes on PATH that serve a tiny kernel package
# built here (a bzImage-like file with an xz-compressed ELF payload), to prove that:
#   - the ABI package is whatever linux-image-amd64 depends on (nothing pinned);
#   - stale lists (naming an ABI package the mirror dropped) or empty lists lead to exactly one
#     `apt-get update` and a retry; when that does not help, a clear error and no half cache;
#   - the result has VERSION, an ELF vmlinux and a modules.dep; a second call fetches nothing.
# Exit 77 (skipped) when busybox, dpkg-deb or xz is missing.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for t in busybox dpkg-deb xz; do
    command -v "$t" > /dev/null || { echo "SKIP: $t not found"; exit 77; }
done
T=$(mktemp -d "${TMPDIR:-/tmp}/rv$$-fetch.XXXXXX")
trap 'rm -rf "$T"' EXIT
failures=0
bad() { echo "FAIL - $1: $2"; failures=$((failures + 1)); }

NEW=9.9.9-rvtest-amd64
# the package: boot/vmlinuz-$NEW = junk + xz(ELF) + junk, like a bzImage; an empty module tree
mkpkg() {
    local r=$T/pkg
    mkdir -p "$r/DEBIAN" "$r/boot" "$r/lib/modules/$NEW/kernel"
    printf 'Package: linux-image-%s\nVersion: 1\nArchitecture: all\nMaintainer: test <t@example.org>\nDescription: test kernel\n' \
        "$NEW" > "$r/DEBIAN/control"
    { printf '\x7fELF\x02\x01\x01'; head -c 4000 /dev/zero; echo rv-kernel-body; } > "$T/elf"
    { head -c 700 /dev/urandom | tr -d '\375\037\050'; xz -c "$T/elf"; head -c 300 /dev/zero; } \
        > "$r/boot/vmlinuz-$NEW"
    : > "$r/lib/modules/$NEW/modules.order"
    dpkg-deb --build -Zgzip "$r" "$T/linux-image-${NEW}_1_all.deb" > /dev/null
}

# fakes: apt-cache names $T/lists (stale: an old ABI; empty: nothing) until `apt-get update` ran;
# apt-get download serves only the new package; every call is logged
mkfakes() {
    mkdir -p "$T/bin"
    cat > "$T/bin/apt-cache" <<EOT
#!/bin/bash
echo "apt-cache \$*" >> $T/calls
[[ \$1 == depends && \$2 == linux-image-amd64 ]] || exit 100
echo linux-image-amd64
if [[ -e $T/updated ]]; then echo "  Depends: linux-image-$NEW"
elif [[ \$(cat $T/lists) == stale ]]; then echo "  Depends: linux-image-9.9.8-gone-amd64"
fi
EOT
    cat > "$T/bin/apt-get" <<EOT
#!/bin/bash
echo "apt-get \$*" >> $T/calls
case \$* in
    *update*) [[ \$(cat $T/lists) == broken ]] || touch $T/updated; exit 0 ;;
    *download*linux-image-$NEW) cp $T/linux-image-${NEW}_1_all.deb . ; exit 0 ;;
    *download*) echo "E: Unable to locate package \${@: -1}" >&2; exit 100 ;;
esac
exit 100
EOT
    chmod +x "$T/bin/apt-cache" "$T/bin/apt-get"
}

# fetch CASE LISTS: a fresh cache, lists in state LISTS (fresh|stale|empty|broken)
fetch() {
    rm -f "$T/updated" "$T/calls"
    echo "$2" > "$T/lists"
    [[ $2 == fresh ]] && touch "$T/updated"
    DEST=$T/cache-$1/linux
    OUT=$(PATH=$T/bin:$PATH "$HERE/vm/fetch-kernel.sh" "$DEST" 2> "$T/$1.err")
    RC=$?
    UPDATES=$(grep -c 'apt-get update' "$T/calls" 2>/dev/null)
}

check_tree() {
    [[ $OUT == "$NEW" ]] || bad "$1" "printed '$OUT', want $NEW"
    [[ $(cat "$DEST/VERSION" 2>/dev/null) == "$NEW" ]] || bad "$1" "no VERSION"
    cmp -s "$T/elf" "$DEST/boot/vmlinux-$NEW" || bad "$1" "vmlinux is not the ELF payload"
    [[ -f $DEST/lib/modules/$NEW/modules.dep ]] || bad "$1" "no modules.dep (busybox depmod)"
}

mkpkg
mkfakes
fetch fresh fresh
[[ $RC == 0 ]] || { bad fresh "status $RC"; cat "$T/fresh.err"; }
check_tree fresh
[[ $UPDATES == 0 ]] || bad fresh "ran apt-get update with fresh lists"
PATH=$T/bin:$PATH "$HERE/vm/fetch-kernel.sh" "$DEST" > /dev/null 2>&1
[[ $(grep -c download "$T/calls") == 1 ]] || bad fresh "a second call downloaded again"
[[ $failures == 0 ]] && echo "ok - fresh lists: fetched $NEW, ELF vmlinux, modules.dep; second call cached"

for lists in stale empty; do
    f0=$failures
    fetch "$lists" "$lists"
    [[ $RC == 0 ]] || { bad "$lists" "status $RC"; cat "$T/$lists.err"; }
    check_tree "$lists"
    [[ $UPDATES == 1 ]] || bad "$lists" "apt-get update ran $UPDATES times, want 1"
    [[ $failures == "$f0" ]] && echo "ok - $lists lists: one apt-get update, then $NEW"
done

f0=$failures
fetch broken broken
[[ $RC != 0 ]] || bad broken "succeeded without a package"
[[ $UPDATES == 1 ]] || bad broken "apt-get update ran $UPDATES times, want 1"
grep -q 'fetch-kernel: ' "$T/broken.err" || bad broken "no error message"
[[ ! -e $DEST && ! -e $DEST.partial ]] || bad broken "left a cache behind"
[[ $failures == "$f0" ]] && echo "ok - lists that update cannot fix: status $RC, one update, no cache left"

# extract-vmlinux on something without a payload
head -c 5000 /dev/zero > "$T/empty.img"
if "$HERE/vm/extract-vmlinux.sh" "$T/empty.img" > /dev/null 2>&1; then
    bad extract "succeeded on an image with no payload"
else
    echo "ok - extract-vmlinux refuses an image without a payload"
fi
echo "fetch_kernel: $failures failures"
[[ $failures == 0 ]]
