# guest/lib.sh: helpers for scripts that run INSIDE the kernel VM (source it; bash). Used by
# esp-selftest.sh, and meant for the end-to-end and strongSwan cases that run in the same VM.
#
#   rv_guest_only NAME          exit 2 unless inside the VM (on the host a script would leave
#                               namespaces and SAs behind)
#   rv_pair A B                 namespaces A and B joined by a veth pair, with the addresses below
#   rv_sa_bytes NS SRC DST [SPI]  bytes counted by the ESP SA SRC->DST in NS (the first one when no
#                               SPI is given), 0 when there is none
#   rv_wait SECONDS CMD...      run CMD every 0.1 s until it succeeds; fails after SECONDS
#
# rv_pair's addresses (documentation ranges, they exist only in the VM):
#               outer (veth)                 inner (on lo, "protected hosts")
#   A           192.0.2.1/24  2001:db8::1/64   198.51.100.1  2001:db8:a::1
#   B           192.0.2.2/24  2001:db8::2/64   203.0.113.1   2001:db8:b::1
# with routes to the other side's inner prefix (198.51.100.0/24, 203.0.113.0/24, 2001:db8:a::/48,
# 2001:db8:b::/48) via its outer address, source = the local inner address.

rv_guest_only() {
    [[ ${RAVELIN_VM_GUEST:-} == 1 && -d /run/rv/ctl ]] && return 0
    echo "$1: run this inside the VM: tests/kernel/vm/run-in-vm.sh ..." >&2
    exit 2
}

# _rv_side NS DEV OUTER4 OUTER6 INNER4 INNER6 PEER4 PEER6 PEER_NET4 PEER_NET6
_rv_side() {
    # one `ip -batch` per namespace: each `ip` process costs ~0.1 s under TCG. nodad on every IPv6
    # address, lo's too: until the DAD work item has run (late on a loaded host) an address is
    # tentative, and a route using it as `src` fails with "Invalid source address"
    ip -n "$1" -batch - <<EOT
link set lo up
link set $2 up
addr add $3/24 dev $2
addr add $4/64 dev $2 nodad
addr add $5/32 dev lo
addr add $6/128 dev lo nodad
route add $9 via $7 src $5
route add ${10} via $8 src $6
EOT
}

rv_pair() {
    local a=$1 b=$2
    ip netns add "$a" || return
    ip netns add "$b" || return
    # veth names: at most 15 characters
    ip link add "${a:0:12}-v" netns "$a" type veth peer name "${b:0:12}-v" netns "$b" || return
    _rv_side "$a" "${a:0:12}-v" 192.0.2.1 2001:db8::1 198.51.100.1 2001:db8:a::1 \
        192.0.2.2 2001:db8::2 203.0.113.0/24 2001:db8:b::/48 || return
    _rv_side "$b" "${b:0:12}-v" 192.0.2.2 2001:db8::2 203.0.113.1 2001:db8:b::1 \
        192.0.2.1 2001:db8::1 198.51.100.0/24 2001:db8:a::/48
}

rv_sa_bytes() {
    local spi=()
    [[ -n ${4:-} ]] && spi=(spi "$4")
    ip -n "$1" -s xfrm state list src "$2" dst "$3" proto esp "${spi[@]}" 2>/dev/null |
        awk '/lifetime current:/ { getline; sub(/\(.*/, "", $1); n = $1 + 0; exit } END { print n + 0 }'
}

rv_wait() {
    local limit=$(( $1 * 10 )) i
    shift
    for ((i = 0; i < limit; i++)); do
        "$@" && return 0
        sleep 0.1
    done
    "$@"
}
