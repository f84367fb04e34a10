#!/usr/bin/env bash
# Two ravelin processes, both IOS dialect, in two network namespaces: crypto map + IKEv2 profile +
# keyring on each side (mirror-image ACLs). Traffic from 192.168.1.100 to 192.168.2.100 hits router
# A's crypto-map policy, the kernel's ACQUIRE makes A initiate; both `show crypto ikev2 sa` show the
# SA READY with the configured algorithms; each side's `show crypto ipsec sa` outbound SPI is the
# other's inbound SPI; `clear crypto sa` on B removes only the child SAs (the IKE SA stays), `clear
# crypto session` removes the IKE SA and the next packet from A brings both back; SIGTERM stops both
# cleanly, leaving no policy behind.
# The host kernel has no ESP: child SAs are negotiated but not installed, and the kernel's ACQUIRE
# placeholder of a flow blocks a new ACQUIRE for net.core.xfrm_acq_expires (30 s by default). That
# sysctl is per network namespace, so this test sets it to 2 s in its own namespaces.
set -uo pipefail
# The namespaces, cleanup on every exit path, fail(), wait_socket and wait_exit of the crash tests
# (router A in namespace "a", B in "b"; B's log is labelled "asa" there).
crash_tag=i2i
# shellcheck source=tests/netns/crash_common.bash
source "$(dirname "$0")/crash_common.bash"

# router_config NAME MY_OUTSIDE PEER_OUTSIDE MY_HOST PEER_HOST MY_INSIDE_GW
router_config() {
  cat <<CFG
hostname $1
crypto ikev2 proposal PROP-AES256
 encryption aes-cbc-256
 integrity sha256
 group 14
crypto ikev2 policy POL-1
 proposal PROP-AES256
crypto ikev2 keyring KEY1
 peer other-router
  address $3
  pre-shared-key Ios2Ios-Test-Key
crypto ikev2 profile IKEV2
 match identity remote address $3 255.255.255.255
 identity local address $2
 authentication remote pre-share
 authentication local pre-share
 keyring local KEY1
crypto ipsec transform-set TSET esp-aes 256 esp-sha256-hmac
 mode tunnel
crypto map CMAP 10 ipsec-isakmp
 set peer $3
 set transform-set TSET
 set ikev2-profile IKEV2
 match address VPN
interface GigabitEthernet0/0
 ip address $2 255.255.255.0
 crypto map CMAP
interface GigabitEthernet0/1
 ip address $6 255.255.255.0
ip access-list extended VPN
 permit ip host $4 host $5
CFG
}
router_config router-a 198.51.100.1 203.0.113.1 192.168.1.100 192.168.2.100 192.168.1.1 >"$dir/a.cfg"
router_config router-b 203.0.113.1 198.51.100.1 192.168.2.100 192.168.1.100 192.168.2.1 >"$dir/b.cfg"

make_namespaces
for ns in "$na" "$nb"; do
  ip netns exec "$ns" sysctl -qw net.core.xfrm_acq_expires=2 || fail "cannot set xfrm_acq_expires in $ns"
done

for side in a b; do
  ns=$na; [[ $side == b ]] && ns=$nb
  ip netns exec "$ns" "$bin" --daemon --platform ios --vty-socket "$dir/$side.sock" \
    --startup-config "$dir/$side.cfg" \
    --interface "GigabitEthernet0/0=${p}${side}0" --interface GigabitEthernet0/1=lo 2>"$dir/$side.err" &
  if [[ $side == a ]]; then pida=$!; else pidb=$!; fi
  wait_socket "$dir/$side.sock"
done

ravelin() { local side=$1; shift; "$bin" connect --vty-socket "$dir/$side.sock" -c enable -c "$*"; }
both_ready() { grep -q READY <<<"$(ravelin a show crypto ikev2 sa)" && grep -q READY <<<"$(ravelin b show crypto ikev2 sa)"; }
# Pings from A's protected host until both sides are READY; at most $1 one-second tries.
bring_up() {
  for _ in $(seq "$1"); do
    ip netns exec "$na" ping -c 1 -W 1 -I 192.168.1.100 192.168.2.100 >/dev/null 2>&1
    both_ready && return 0
  done
  return 1
}
bring_up 15 || fail "no READY IKE SA on both sides after 15 tries: $(ravelin a show crypto ikev2 sa) / $(ravelin b show crypto ikev2 sa)"

# Each side names the other, with the algorithms both configured (AES-CBC-256, SHA256, group 14).
sa_a=$(ravelin a show crypto ikev2 sa) sa_b=$(ravelin b show crypto ikev2 sa)
grep -q "198.51.100.1/500 *203.0.113.1/500" <<<"$sa_a" || fail "A's SA does not name B: $sa_a"
grep -q "203.0.113.1/500 *198.51.100.1/500" <<<"$sa_b" || fail "B's SA does not name A: $sa_b"
for sa in "$sa_a" "$sa_b"; do
  grep -q "Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:14, Auth sign: PSK, Auth verify: PSK" <<<"$sa" ||
    fail "algorithms: $sa"
done
grep -q "Initiator of SA : Yes" <<<"$(ravelin a show crypto ikev2 sa detailed)" || fail "A did not initiate"
grep -q "Initiator of SA : No" <<<"$(ravelin b show crypto ikev2 sa detailed)" || fail "B initiated"

# SPIs cross-match: A's outbound is B's inbound and the other way round.
outbound() { sed -n 's/.*current outbound spi: 0x\([0-9A-F]*\)(.*/\1/p' <<<"$1" | grep -v '^0$' | head -1; }
inbound() { sed -n '/inbound esp sas:/{n;s/.*spi: 0x\([0-9A-F]*\)(.*/\1/p}' <<<"$1" | head -1; }
ipsec_a=$(ravelin a show crypto ipsec sa) ipsec_b=$(ravelin b show crypto ipsec sa)
out_a=$(outbound "$ipsec_a") in_a=$(inbound "$ipsec_a") out_b=$(outbound "$ipsec_b") in_b=$(inbound "$ipsec_b")
[[ -n "$out_a" && -n "$in_a" ]] || fail "no SPIs in A's show crypto ipsec sa: $ipsec_a"
[[ "$out_a" == "$in_b" && "$out_b" == "$in_a" ]] ||
  fail "SPIs do not cross: A out $out_a in $in_a, B out $out_b in $in_b"$'\n'"$ipsec_a"$'\n'"$ipsec_b"
grep -q "Ios2Ios-Test-Key" "$dir/a.err" "$dir/b.err" && fail "the pre-shared key appears in a log"

# `clear crypto sa` on B deletes only the IPsec SAs, as on IOS: B removes its child and sends a DELETE
# of its ESP SPI, A removes its half; the IKE SA stays READY on both sides.
# A vty on A with `terminal monitor` sees the log line of the peer's DELETE (cli/monitor.hpp).
{ printf 'enable\nterminal monitor\n'; sleep 2; printf 'show privilege\n'; } |
  "$bin" connect --vty-socket "$dir/a.sock" >"$dir/a.monitor" 2>&1 &
wpid=$!
sleep 0.5
ravelin b clear crypto sa >/dev/null || fail "clear crypto sa rejected"
gone=""
for _ in $(seq 40); do
  [[ -z "$(outbound "$(ravelin a show crypto ipsec sa)")" && -z "$(outbound "$(ravelin b show crypto ipsec sa)")" ]] &&
    { gone=yes; break; }
  sleep 0.25
done
[[ -n "$gone" ]] || fail "child SAs still up after clear crypto sa on B: $(ravelin a show crypto ipsec sa)"
both_ready || fail "clear crypto sa took the IKE SA down: $(ravelin a show crypto ikev2 sa)"
grep -q "child SA deleted by peer" "$dir/a.err" || fail "A did not log the peer's DELETE of the child"
wait "$wpid"
if grep -q "not available in this process" "$dir/a.monitor"; then
  echo "note: terminal monitor is not wired into this binary (cli/main_run.cpp); monitor delivery not checked"
else
  grep -q "^%IKEV2-5-CHILD_SA_DOWN: (SA ID = [0-9]*) child SA deleted by peer" "$dir/a.monitor" ||
    fail "the monitoring vty on A did not see the CHILD_SA_DOWN line: $(cat "$dir/a.monitor")"
fi

# `clear crypto session` on B deletes the IKE SA too; A's next packet negotiates afresh (new SPIs).
ravelin b clear crypto session >/dev/null || fail "clear crypto session rejected"
gone=""
for _ in $(seq 40); do
  grep -q READY <<<"$(ravelin a show crypto ikev2 sa)" || grep -q READY <<<"$(ravelin b show crypto ikev2 sa)" ||
    { gone=yes; break; }
  sleep 0.25
done
[[ -n "$gone" ]] || fail "IKE SAs still up after clear crypto session on B"
bring_up 15 || fail "no new SA after clear crypto session: $(ravelin a show crypto ikev2 sa) / $(ravelin b show crypto ikev2 sa)"
new_out_a=$(outbound "$(ravelin a show crypto ipsec sa)") new_in_b=$(inbound "$(ravelin b show crypto ipsec sa)")
[[ -n "$new_out_a" && "$new_out_a" != "$out_a" && "$new_out_a" == "$new_in_b" ]] ||
  fail "re-established child: A out $new_out_a (was $out_a), B in $new_in_b"

kill -TERM "$pida" "$pidb"
wait_exit "$pida"; rca=$rc; pida=""
wait_exit "$pidb"; rcb=$rc; pidb=""
[[ $rca -eq 0 && $rcb -eq 0 ]] || fail "exit status $rca/$rcb after SIGTERM"
[[ -z "$(ip -n "$na" xfrm policy)" && -z "$(ip -n "$nb" xfrm policy)" ]] || fail "policies left after a clean stop"
echo "ios_to_ios ok"
