#!/bin/bash
# esp-selftest.sh: runs INSIDE the kernel VM (tests/kernel/vm/run-in-vm.sh). Proves that the guest
# kernel carries ESP traffic, independently of ravelin: two network namespaces joined by a veth
# pair, tunnel-mode ESP SAs and policies installed by hand with `ip xfrm`, a ping between the
# protected (inner) addresses, and the SAs' byte counters must grow at both ends. Done for
#   cbc(aes)-128 + hmac(sha1)-96        IPv4 in IPv4 (esp4, authenc)
#   rfc4106(gcm(aes))-128, 16-byte ICV  IPv6 in IPv6 (esp6, an AEAD)
# and with the SAs removed the policies must block the ping. Deliberately small (every step costs
# seconds under TCG on a loaded host): the algorithm and mode matrix belongs to the product's
# guest tests (tests/guest/); this only has to tell a broken harness from a broken product. When this fails, the harness or the
# guest kernel is broken, not ravelin. Addresses are documentation ranges that exist only in the VM.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/lib.sh"
rv_guest_only esp-selftest

P=rv$$
A=${P}a B=${P}b
fail() { echo "esp-selftest: FAIL: $*"; exit 1; }
rv_pair "$A" "$B" || fail "cannot set up the namespaces"

# policies INNER_A INNER_B OUTER_A OUTER_B: out and in policies at both ends ($MODE, $REQID)
policies() {
    local ia=$1 ib=$2 oa=$3 ob=$4
    ip -n "$A" -batch - <<EOT
xfrm policy add src $ia dst $ib dir out tmpl src $oa dst $ob proto esp reqid $REQID mode $MODE
xfrm policy add src $ib dst $ia dir in tmpl src $ob dst $oa proto esp reqid $REQID mode $MODE
EOT
    ip -n "$B" -batch - <<EOT
xfrm policy add src $ib dst $ia dir out tmpl src $ob dst $oa proto esp reqid $REQID mode $MODE
xfrm policy add src $ia dst $ib dir in tmpl src $oa dst $ob proto esp reqid $REQID mode $MODE
EOT
}

# states OUTER_A OUTER_B ALG: the SA pair (A->B spi 0x1001, B->A spi 0x2002) at both ends; ALG is
# one string of `ip xfrm state` algorithm arguments (ip -batch needs no shell quoting)
states() {
    local oa=$1 ob=$2 alg=${3//$'\n'/ } n
    for n in "$A" "$B"; do
        ip -n "$n" -batch - <<EOT || fail "the kernel refused an ESP SA ($alg): no ESP, or the module could not be loaded"
xfrm state add src $oa dst $ob proto esp spi 0x1001 reqid $REQID mode $MODE $alg
xfrm state add src $ob dst $oa proto esp spi 0x2002 reqid $REQID mode $MODE $alg
EOT
    done
}

bytes() { rv_sa_bytes "$@"; }

# check LABEL PING INNER_DST OUTER_A OUTER_B: ping through, both SAs of the A->B direction count it
check() {
    local label=$1 ping=$2 dst=$3 oa=$4 ob=$5 before after rx back
    before=$(bytes "$A" "$oa" "$ob" 0x1001)
    ip netns exec "$A" $ping -c 3 -i 0.2 -W 2 "$dst" > /dev/null || fail "$label: no ping reply from $dst"
    after=$(bytes "$A" "$oa" "$ob" 0x1001)
    rx=$(bytes "$B" "$oa" "$ob" 0x1001)
    back=$(bytes "$A" "$ob" "$oa" 0x2002)
    echo "esp-selftest: [${SECONDS}s] $label: ping ok; bytes A->B out at A $before -> $after, in at B $rx; B->A in at A $back"
    [[ $after -gt $before ]] || fail "$label: A's outbound SA counted nothing"
    [[ $rx -gt 0 ]] || fail "$label: B's inbound SA counted nothing"
    [[ $back -gt 0 ]] || fail "$label: the replies did not come back through ESP"
}

MODE=tunnel REQID=1
policies 198.51.100.0/24 203.0.113.0/24 192.0.2.1 192.0.2.2
states 192.0.2.1 192.0.2.2 "enc cbc(aes) 0x00112233445566778899aabbccddeeff
    auth-trunc hmac(sha1) 0x0011223344556677889900112233445566778899 96"
check "cbc(aes)+hmac(sha1)-96 IPv4" ping 203.0.113.1 192.0.2.1 192.0.2.2

policies 2001:db8:a::/48 2001:db8:b::/48 2001:db8::1 2001:db8::2
states 2001:db8::1 2001:db8::2 "aead rfc4106(gcm(aes)) 0x00112233445566778899aabbccddeeff01020304 128"
check "rfc4106(gcm(aes)) IPv6" "ping -6" 2001:db8:b::1 2001:db8::1 2001:db8::2

# negative control: with the policies in place and no SA, nothing may pass in clear
ip -n "$A" xfrm state flush
ip -n "$B" xfrm state flush
if ip netns exec "$A" ping -c 1 -W 1 203.0.113.1 > /dev/null 2>&1; then
    fail "a ping passed with the policies in place and no SA"
fi
echo "esp-selftest: without SAs the policies block the ping"

for m in esp4 esp6 xfrm_user; do
    grep -q "^$m " /proc/modules || fail "module $m was not autoloaded (see guest-init.sh)"
done
ip netns del "$A"
ip netns del "$B"
echo "esp-selftest: ESP works in the guest kernel $(uname -r) (${SECONDS}s)"
