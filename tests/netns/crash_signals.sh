#!/usr/bin/env bash
# Issue 11, crash safety: SIGTERM, SIGHUP and SIGINT (the daemon's three stop signals, cli/main_run.cpp)
# each stop a ravelin whose tunnel is up cleanly: the peer receives an INFORMATIONAL DELETE (its SA
# goes, its log says "deleted by peer"), every XFRM state and policy in our namespace is gone, the
# exit status is 0 and the vty socket file is removed. One round per signal against the same peer.
set -uo pipefail
crash_tag=sig
source "$(dirname "$0")/crash_common.bash"

make_namespaces
start_asa
round=0
for sig in TERM HUP INT; do
  round=$((round + 1))
  start_router
  bring_up
  [[ $(sa_rows a 203.0.113.1) -eq 1 ]] || fail "SIG$sig: not one IKE SA on the router: $(show a)"
  # Something of ours is in the kernel, so the emptiness checks below can fail.
  [[ -n "$(ip -n "$na" xfrm policy)" ]] || fail "SIG$sig: no policy installed before the stop"

  kill -"$sig" "$pida"
  wait_exit "$pida"; pida=""
  [[ $rc -eq 0 ]] || fail "SIG$sig: exit status $rc"
  [[ ! -e "$dir/a.sock" ]] || fail "SIG$sig: the vty socket file is left behind"
  [[ -z "$(ip -n "$na" xfrm policy)" ]] || fail "SIG$sig: policies left: $(ip -n "$na" xfrm policy)"
  [[ -z "$(ip -n "$na" xfrm state)" ]] || fail "SIG$sig: XFRM states left: $(ip -n "$na" xfrm state)"

  # The DELETE was sent before the sockets closed: the ASA drops the SA at once (no DPD timeout).
  gone=""
  for _ in $(seq 20); do
    grep -q READY <<<"$(show b)" || { gone=yes; break; }
    sleep 0.1
  done
  [[ -n "$gone" ]] || fail "SIG$sig: the ASA still has the SA 2 s after our stop: $(show b)"
  [[ $(grep -c "IKE SA down: deleted by peer" "$dir/b.err") -eq $round ]] ||
    fail "SIG$sig: the ASA did not log round $round's DELETE"
done

kill -TERM "$pidb"
wait_exit "$pidb"; pidb=""
[[ $rc -eq 0 ]] || fail "the ASA's exit status after SIGTERM was $rc"
echo "crash_signals ok: SIGTERM, SIGHUP and SIGINT each sent DELETE and left nothing behind"
