#!/bin/bash
# guest.site_to_site (runs inside the kernel tier's VM, which has ESP): the shipped
# examples/site-to-site/ pair, brought up by two real ravelin processes in two network namespaces:
#
#   h1 192.168.1.100 ── ios-in [ravelin: ios-router.cfg] ios-out ══ESP══ asa-out [ravelin: asa-firewall.cfg] asa-in ── h2 192.168.2.100
#                      192.168.1.1              198.51.100.1      203.0.113.1                        192.168.2.1
#
# A ping from h1 to h2 makes the IOS side's kernel raise ACQUIRE, ravelin negotiates IKEv2 with the
# ASA side and installs the child SAs; the ping then passes through ESP. Proven on both sides:
# `show crypto ipsec sa` over the vty (ravelin connect) and `ip -s xfrm state` count packets, and
# both counts grow with more pings.
# Exit 77 (skipped) outside the VM, or when the kernel has no ESP.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=${RAVELIN_SOURCE_DIR:-$(cd "$HERE/../.." && pwd)}
BIN=${RAVELIN_BIN:-${RAVELIN_BUILD_DIR:-$SRC/build}/ravelin}
EX=$SRC/examples/site-to-site

[[ ${RAVELIN_VM_GUEST:-} == 1 ]] || { echo "SKIP: runs only inside the kernel tier's VM (tests/kernel/guest_suite.sh)"; exit 77; }
[[ $(id -u) == 0 ]] || { echo "SKIP: needs root"; exit 77; }
[[ -x $BIN ]] || { echo "FAIL: no ravelin binary at $BIN"; exit 1; }
for f in ios-router.cfg asa-firewall.cfg; do [[ -f $EX/$f ]] || { echo "FAIL: $EX/$f missing"; exit 1; }; done

P=rv$$s2s
NS=(h1 ios asa h2)
T=$(mktemp -d "${TMPDIR:-/tmp}/$P.XXXXXX")
PIDS=()
stop_all() {
    local p
    for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
    for p in "${PIDS[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$p" 2>/dev/null
        wait "$p" 2>/dev/null
    done
    PIDS=()
}
finish() {
    stop_all
    local n
    for n in "${NS[@]}"; do ip netns del "$P$n" 2>/dev/null; done
    rm -rf "$T"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

in_ns() { local n=$1; shift; ip netns exec "$P$n" "$@"; }
fail() {
    echo "FAIL: $*"
    for n in ios asa; do
        echo "--- $n: ravelin log"; tail -n 40 "$T/$n.log" 2>/dev/null
        echo "--- $n: ip -s xfrm state / policy"; in_ns "$n" ip -s xfrm state 2>&1 | sed -E 's/0x[0-9a-f]{16,}/<key>/g'  # keys never printed
        in_ns "$n" ip xfrm policy 2>&1
    done
    exit 1
}

# -- topology ---------------------------------------------------------------------------------
for n in "${NS[@]}"; do ip netns add "$P$n" || fail "cannot create namespace $P$n"; in_ns "$n" ip link set lo up; done
ip -n "${P}h1" link add h1 type veth peer name ios-in netns "${P}ios" &&
ip -n "${P}ios" link add ios-out type veth peer name asa-out netns "${P}asa" &&
ip -n "${P}asa" link add asa-in type veth peer name h2 netns "${P}h2" || fail "cannot create the veths"
in_ns h1 sh -c 'ip addr add 192.168.1.100/24 dev h1 && ip link set h1 up && ip route add default via 192.168.1.1' &&
in_ns h2 sh -c 'ip addr add 192.168.2.100/24 dev h2 && ip link set h2 up && ip route add default via 192.168.2.1' ||
    fail "cannot address the protected hosts"
# The routers' interfaces: the addresses of the configs, put there as an operator would before
# starting ravelin (ravelin applies its `ip address` lines too and adopts what is already there).
# The two outside subnets differ (198.51.100.0/24, 203.0.113.0/24): each router reaches the other
# on-link through the one veth, as across a provider's link, and routes everything else there.
in_ns ios sh -c 'ip addr add 198.51.100.1/24 dev ios-out && ip addr add 192.168.1.1/24 dev ios-in &&
                 ip link set ios-out up && ip link set ios-in up && ip route add 203.0.113.0/24 dev ios-out &&
                 ip route add default via 203.0.113.1 &&
                 sysctl -qw net.ipv4.ip_forward=1' &&
in_ns asa sh -c 'ip addr add 203.0.113.1/24 dev asa-out && ip addr add 192.168.2.1/24 dev asa-in &&
                 ip link set asa-out up && ip link set asa-in up && ip route add 198.51.100.0/24 dev asa-out &&
                 ip route add default via 198.51.100.1 &&
                 sysctl -qw net.ipv4.ip_forward=1' || fail "cannot address the routers"
in_ns ios ping -c1 -W2 203.0.113.1 >/dev/null || fail "the routers cannot reach each other in clear"

# -- ESP in this kernel? --------------------------------------------------------------------------
if ! in_ns ios ip xfrm state add src 127.0.0.1 dst 127.0.0.1 proto esp spi 0x100 mode tunnel \
        enc 'cbc(aes)' 0x00000000000000000000000000000000 auth-trunc 'hmac(sha1)' 0x0000000000000000000000000000000000000000 96 2>/dev/null; then
    echo "SKIP: this kernel has no ESP"; exit 77
fi
in_ns ios ip xfrm state flush

# -- the two routers ------------------------------------------------------------------------------
start_router() {  # NAME PLATFORM CONFIG OUTSIDE-ADDR MAP...
    local n=$1 platform=$2 cfg=$3 addr=$4; shift 4
    local maps=() m
    for m in "$@"; do maps+=(--interface "$m"); done
    cp "$EX/$cfg" "$T/$n.cfg"  # ravelin may `write memory`; the shipped file stays as it is
    ip netns exec "$P$n" "$BIN" --platform "$platform" --startup-config "$T/$n.cfg" --daemon --vty-socket "$T/$n.sock" \
        "${maps[@]}" --local-address "$addr" > "$T/$n.log" 2>&1 &
    PIDS+=($!)
}
start_router ios ios ios-router.cfg 198.51.100.1 GigabitEthernet0/0=ios-out GigabitEthernet0/1=ios-in
start_router asa asa asa-firewall.cfg 203.0.113.1 GigabitEthernet0/0=asa-out GigabitEthernet0/1=asa-in
for n in ios asa; do
    for _ in $(seq 1 100); do [[ -S $T/$n.sock ]] && break; sleep 0.1; done
    [[ -S $T/$n.sock ]] || fail "$n: no vty socket after 10 s"
done
show() { "$BIN" connect --vty-socket "$T/$1.sock" -c enable -c "$2" 2>&1; }
# Both must have taken their config: the crypto map is in the running-config.
for n in ios asa; do
    show "$n" "show running-config" | grep '^crypto map CMAP' >/dev/null || fail "$n: no crypto map in the running-config"
done

# -- the tunnel -----------------------------------------------------------------------------------
# The first packets only trigger ACQUIRE (the kernel drops them while IKE runs): bounded retries.
up=0
for _ in $(seq 1 30); do
    if in_ns h1 ping -c1 -W1 192.168.2.100 >/dev/null 2>&1; then up=1; break; fi
done
[[ $up == 1 ]] || fail "h1 cannot reach h2 through the tunnel within 30 attempts"
in_ns h1 ping -c3 -i0.2 -W2 192.168.2.100 >/dev/null || fail "pings after the tunnel came up were lost"

# The packets went through ESP: both routers have an inbound and an outbound SA that counted them.
xfrm_packets() {  # NS -> the packet counts of its SAs, one per line
    # "lifetime current:" is followed by "  84(bytes), 1(packets)"
    in_ns "$1" ip -s xfrm state | awk '/lifetime current:/ { getline; gsub(/[(),a-z]/, " "); print $2 }'
}
xfrm_sum() { xfrm_packets "$1" | awk '{ s += $1 } END { print s + 0 }'; }
show_counts() {  # NS -> "ENCAPS DECAPS" summed over `show crypto ipsec sa`
    show "$1" "show crypto ipsec sa" | awk -F'[:,]' '
        /#pkts encaps:/ { e += $2 } /#pkts decaps:/ { d += $2 } END { print e + 0, d + 0 }'
}
declare -A first_show first_xfrm
for n in ios asa; do
    read -r -a counts <<< "$(xfrm_packets "$n" | tr '\n' ' ')"  # the VM has no /dev/fd: no <(...)
    [[ ${#counts[@]} -ge 2 ]] || fail "$n: ${#counts[@]} SAs in the kernel, expected an inbound and an outbound one"
    for c in "${counts[@]}"; do [[ $c -gt 0 ]] || fail "$n: an SA counted no packets (ip -s xfrm state)"; done
    first_xfrm[$n]=$(xfrm_sum "$n")
    echo "$n: ip -s xfrm state: ${#counts[@]} SAs, packets ${counts[*]}"
done
# `show crypto ipsec sa` over the vty, when this build of ravelin has it in its shell.
show_missing=''
probe=$(show ios "show crypto ipsec sa")  # captured first: under pipefail, grep -q's early exit would count as a failure
if [[ $probe == *"Invalid input"* ]]; then
    show_missing="\`show crypto ipsec sa\` is not a command of this ravelin build (% Invalid input)"
fi
if [[ -z $show_missing ]]; then
    for n in ios asa; do
        read -r enc dec <<< "$(show_counts "$n")"
        [[ $enc -gt 0 && $dec -gt 0 ]] || { show "$n" "show crypto ipsec sa"; fail "$n: show crypto ipsec sa counts encaps=$enc decaps=$dec"; }
        first_show[$n]="$enc $dec"
        echo "$n: show crypto ipsec sa: encaps=$enc decaps=$dec"
    done
fi

in_ns h1 ping -c5 -i0.2 -W2 192.168.2.100 >/dev/null || fail "the second round of pings was lost"
for n in ios asa; do
    now=$(xfrm_sum "$n")
    # 5 requests and 5 replies each crossed one inbound and one outbound SA of every router
    [[ $now -ge $((first_xfrm[$n] + 10)) ]] || fail "$n: ip -s xfrm state packets ${first_xfrm[$n]} -> $now, expected +10"
    echo "$n: after 5 more pings: ip -s xfrm state packets ${first_xfrm[$n]} -> $now"
    [[ -n $show_missing ]] && continue
    read -r enc dec <<< "$(show_counts "$n")"
    read -r enc0 dec0 <<< "${first_show[$n]}"
    [[ $enc -ge $((enc0 + 5)) && $dec -ge $((dec0 + 5)) ]] ||
        fail "$n: show crypto ipsec sa did not grow by 5: encaps $enc0 -> $enc, decaps $dec0 -> $dec"
    echo "$n: after 5 more pings: show crypto ipsec sa encaps $enc0 -> $enc, decaps $dec0 -> $dec"
done

# -- clean stop: SIGTERM removes everything ravelin installed ------------------------------------
stop_all
for n in ios asa; do
    left=$(in_ns "$n" ip xfrm state; in_ns "$n" ip xfrm policy)
    [[ -z $left ]] || { echo "$left" | sed -E 's/0x[0-9a-f]{16,}/<key>/g'; fail "$n: XFRM state left after a clean stop"; }
done
if [[ -n $show_missing ]]; then
    echo "SKIP: the ESP tunnel works (pings, ip -s xfrm counters grew on both sides, clean stop), but $show_missing"
    exit 77
fi
echo "PASS: site-to-site tunnel between ravelin processes carried pings through ESP; counters grew on both sides"
exit 0
