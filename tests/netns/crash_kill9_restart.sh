#!/usr/bin/env bash
# Issue 11, crash safety: kill -9 of a ravelin whose tunnel is up leaves its policies and larval
# SAs in the kernel, its vty socket file, and its SA on the peer. Restarted with the same startup-config it removes every
# stale XFRM state and policy before it installs its own (the policies come back with new kernel
# indexes, and no state is left until traffic), the next packet re-establishes the tunnel, the
# peer replaces its stale SA on INITIAL_CONTACT (RFC 7296 §2.4), and both sides show exactly one SA.
set -uo pipefail
crash_tag=k9
source "$(dirname "$0")/crash_common.bash"

# "index N" of every policy in the router's namespace, sorted.
policy_indexes() { ip -n "$na" -s xfrm policy | grep -o 'index [0-9]*' | sort; }

make_namespaces
start_asa
start_router
bring_up
before=$(policy_indexes)
[[ -n "$before" ]] || fail "no policy installed before the kill"

kill -KILL "$pida"
wait_exit "$pida"; pida=""
[[ $rc -eq 137 ]] || fail "exit status $rc after kill -9 (expected 137)"
# What a crash leaves: our policies (and the ping's larval states) are still in the kernel.
[[ "$(policy_indexes)" == "$before" ]] || fail "the kernel dropped our policies by itself?"
grep -q READY <<<"$(show b)" || fail "the ASA lost its SA without a DELETE: $(show b)"
stale_states=$(ip -n "$na" xfrm state | grep -c '^src')
[[ -S "$dir/a.sock" ]] || fail "kill -9 left no socket file (the restart below would not prove it replaces one)"

start_router
grep -q "RAVELIN-5-STALE_STATE: removed $stale_states SAs and" "$dir/a.err" ||
  fail "the start-up flush did not report the $stale_states stale states: $(grep STALE "$dir/a.err")"
after=$(policy_indexes)
[[ $(wc -l <<<"$after") -eq $(wc -l <<<"$before") ]] || fail "policy count changed: [$before] -> [$after]"
[[ -z "$(comm -12 <(echo "$before") <(echo "$after"))" ]] || fail "a stale policy survived: $(comm -12 <(echo "$before") <(echo "$after"))"
[[ -z "$(ip -n "$na" xfrm state)" ]] || fail "XFRM states before any traffic: $(ip -n "$na" xfrm state)"

bring_up
grep -q "INITIAL_CONTACT from peer" "$dir/b.err" || fail "the ASA did not drop its stale SA on INITIAL_CONTACT"
[[ $(sa_rows a 203.0.113.1) -eq 1 ]] || fail "not exactly one IKE SA on the router: $(show a)"
[[ $(sa_rows b 198.51.100.1) -eq 1 ]] || fail "not exactly one IKE SA on the ASA: $(show b)"
[[ $(grep -c "IKEV2-5-CHILD_SA_UP" "$dir/a.err") -eq 2 ]] || fail "no child SA after the restart"

for pid in "$pida" "$pidb"; do kill -TERM "$pid"; done
wait_exit "$pida"; pida=""
[[ $rc -eq 0 ]] || fail "router exit status $rc after SIGTERM"
wait_exit "$pidb"; pidb=""
[[ $rc -eq 0 ]] || fail "ASA exit status $rc after SIGTERM"
echo "crash_kill9_restart ok: $stale_states stale states and $(wc -l <<<"$before") policies replaced, one SA each side"
