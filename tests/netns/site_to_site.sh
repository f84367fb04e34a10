#!/usr/bin/env bash
# Two ravelin processes in two network namespaces bring up examples/site-to-site (the IOS router and
# the ASA) on real UDP: traffic from 192.168.1.100 to 192.168.2.100 hits the router's crypto-map
# policy, the kernel's ACQUIRE makes it initiate, both sides show the IKE SA READY and a child SA.
# The host kernel has no ESP, so the child SAs are negotiated but "not installed" (the kernel tier
# checks real ESP). A clean stop (SIGTERM) leaves no policy behind.
set -uo pipefail
bin=${RAVELIN_BIN:?}
src=${RAVELIN_SOURCE_DIR:?}
[[ -x "$bin" ]] || { echo "skip: $bin is not built"; exit 77; }
[[ $(id -u) -eq 0 ]] || { echo "skip: needs root for network namespaces"; exit 77; }
command -v ip >/dev/null || { echo "skip: iproute2 missing"; exit 77; }
command -v ping >/dev/null || { echo "skip: ping missing (iputils-ping)"; exit 77; }

p="rv$$s"
na="${p}a" nb="${p}b"
dir=$(mktemp -d "${TMPDIR:-/tmp}/rv$$-s2s.XXXXXX")
pida="" pidb=""
cleanup() {
  [[ -n "$pida" ]] && kill -KILL "$pida" 2>/dev/null
  [[ -n "$pidb" ]] && kill -KILL "$pidb" 2>/dev/null
  ip netns del "$na" 2>/dev/null
  ip netns del "$nb" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
fail() {
  echo "site_to_site.sh: $*"
  echo "--- router stderr"; cat "$dir/a.err" 2>/dev/null
  echo "--- asa stderr"; cat "$dir/b.err" 2>/dev/null
  exit 1
}

ip netns add "$na" && ip netns add "$nb" || fail "cannot create namespaces"
ip link add "${p}a0" netns "$na" type veth peer name "${p}b0" netns "$nb" || fail "cannot create veth"
ip -n "$na" link set lo up; ip -n "$nb" link set lo up
ip -n "$na" addr add 198.51.100.1/24 dev "${p}a0"; ip -n "$na" addr add 192.168.1.100/32 dev lo
ip -n "$nb" addr add 203.0.113.1/24 dev "${p}b0"; ip -n "$nb" addr add 192.168.2.100/32 dev lo
ip -n "$na" link set "${p}a0" up; ip -n "$nb" link set "${p}b0" up
ip -n "$na" route add 203.0.113.0/24 dev "${p}a0"
ip -n "$nb" route add 198.51.100.0/24 dev "${p}b0"
ip -n "$na" route add 192.168.2.100/32 dev "${p}a0" src 192.168.1.100
ip -n "$nb" route add 192.168.1.100/32 dev "${p}b0" src 192.168.2.100

ip netns exec "$na" "$bin" --daemon --platform ios --vty-socket "$dir/a.sock" \
  --startup-config "$src/examples/site-to-site/ios-router.cfg" \
  --interface "GigabitEthernet0/0=${p}a0" --interface GigabitEthernet0/1=lo 2>"$dir/a.err" &
pida=$!
ip netns exec "$nb" "$bin" --daemon --platform asa --vty-socket "$dir/b.sock" \
  --startup-config "$src/examples/site-to-site/asa-firewall.cfg" \
  --interface "GigabitEthernet0/0=${p}b0" --interface GigabitEthernet0/1=lo 2>"$dir/b.err" &
pidb=$!
for _ in $(seq 100); do [[ -S "$dir/a.sock" && -S "$dir/b.sock" ]] && break; sleep 0.05; done
[[ -S "$dir/a.sock" && -S "$dir/b.sock" ]] || fail "no vty sockets after 5 s"

# The crypto map's policies are in the router's kernel, owned by ravelin (reqid 0x5256....).
pol=$(ip -n "$na" xfrm policy)
grep -q "src 192.168.1.100/32 dst 192.168.2.100/32" <<<"$pol" || fail "no outbound policy: $pol"
grep -q "reqid 1381367808\|reqid 0x5256" <<<"$pol" || grep -q "reqid 13813" <<<"$pol" || fail "policy not in the owned reqid range: $pol"

# `debug crypto ikev2 keylog PATH` (issue 5): Wireshark's key tables, 0600, only on request.
"$bin" connect --vty-socket "$dir/a.sock" -c enable -c "debug crypto ikev2 keylog $dir/keys" >/dev/null ||
  fail "debug crypto ikev2 keylog was rejected"

show() { "$bin" connect --vty-socket "$dir/$1.sock" -c enable -c "show crypto ikev2 sa"; }
ready=""
for _ in $(seq 30); do
  ip netns exec "$na" ping -c 1 -W 1 -I 192.168.1.100 192.168.2.100 >/dev/null 2>&1
  if grep -q READY <<<"$(show a)" && grep -q -i "READY" <<<"$(show b)"; then ready=yes; break; fi
done
[[ -n "$ready" ]] || fail "no READY IKE SA on both sides after 30 tries: $(show a) / $(show b)"
grep -q "203.0.113.1/500" <<<"$(show a)" || fail "router's SA does not name the ASA: $(show a)"
grep -q "IKEV2-5-CHILD_SA_UP" "$dir/a.err" || fail "no child SA on the router"
grep -q "IKEV2-5-CHILD_SA_UP" "$dir/b.err" || fail "no child SA on the ASA"
grep -q "Site2Site-Demo-Key" "$dir/a.err" "$dir/b.err" && fail "the pre-shared key appears in a log"
# One IKE row (ISPI,RSPI,SK_ei,SK_er,"ENC",SK_ai,SK_ar,"INTEG") and two ESP rows, owner-only.
grep -qE '^[0-9a-f]{16},[0-9a-f]{16},[0-9a-f]+,[0-9a-f]+,"AES-CBC-256 \[RFC3602\]",' "$dir/keys" ||
  fail "no IKE key row: $(cat "$dir/keys" 2>/dev/null | cut -c1-40)"
[[ $(grep -c '"IPv4","' "$dir/keys.esp_sa") -eq 2 ]] || fail "not two ESP key rows"
grep -q "KEYLOG_ON: .*$dir/keys" "$dir/a.err" || fail "switching the key log on was not announced in the log"
[[ $(stat -c %a "$dir/keys") == 600 && $(stat -c %a "$dir/keys.esp_sa") == 600 ]] || fail "key files not 0600"
grep -q "Site2Site-Demo-Key" "$dir/keys" "$dir/keys.esp_sa" && fail "the pre-shared key is in the key log"

# Config changes while the SA is up (as on IOS): taking the crypto map off the interface removes its
# policies and tears the SAs down on both sides; putting it back, the next packet brings them up.
conf() { "$bin" connect --vty-socket "$dir/a.sock" -c enable -c "configure terminal" \
  -c "interface GigabitEthernet0/0" -c "$1" -c end >/dev/null || fail "config change '$1' rejected"; }
conf "no crypto map CMAP"
gone=""
for _ in $(seq 40); do
  grep -q READY <<<"$(show a)" || grep -q READY <<<"$(show b)" || { gone=yes; break; }
  sleep 0.25
done
[[ -n "$gone" ]] || fail "SAs still up after 'no crypto map CMAP': $(show a) / $(show b)"
grep -q "CONFIG_TEARDOWN" "$dir/a.err" || fail "the teardown was not logged"
[[ -z "$(ip -n "$na" xfrm policy)" ]] || fail "policies left after 'no crypto map': $(ip -n "$na" xfrm policy)"
conf "crypto map CMAP"
# Without ESP the first ping's ACQUIRE placeholder (SPI 0) never turns into an SA, and the kernel sends
# no new ACQUIRE for the flow until it expires (net.core.xfrm_acq_expires, 30 s): allow 45 tries.
ready=""
for _ in $(seq 45); do
  ip netns exec "$na" ping -c 1 -W 1 -I 192.168.1.100 192.168.2.100 >/dev/null 2>&1
  if grep -q READY <<<"$(show a)" && grep -q READY <<<"$(show b)"; then ready=yes; break; fi
done
[[ -n "$ready" ]] || fail "no new SA after the crypto map came back: $(show a) / $(show b)"

for pid in "$pida" "$pidb"; do kill -TERM "$pid"; done
for _ in $(seq 100); do kill -0 "$pida" 2>/dev/null || kill -0 "$pidb" 2>/dev/null || break; sleep 0.05; done
wait "$pida"; rca=$?; pida=""
wait "$pidb"; rcb=$?; pidb=""
[[ $rca -eq 0 && $rcb -eq 0 ]] || fail "exit status $rca/$rcb after SIGTERM"
[[ -z "$(ip -n "$na" xfrm policy)" ]] || fail "policies left after a clean stop: $(ip -n "$na" xfrm policy)"
echo "site_to_site ok"
