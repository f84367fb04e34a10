# Shared by tests/netns/crash_*.sh (sourced, not a test itself): two namespaces joined by a veth, the
# router of examples/site-to-site in namespace A and the ASA in namespace B, as tests/netns/site_to_site.sh
# lays them out. Every process started is recorded and stopped by its pid; the namespaces and the
# scratch directory go on every exit path (the EXIT trap). The host kernel has no ESP: child SAs are
# negotiated but not installed, so "traffic" means the ACQUIRE of a ping bringing the SAs up.
bin=${RAVELIN_BIN:?}
src=${RAVELIN_SOURCE_DIR:?}
[[ -x "$bin" ]] || { echo "skip: $bin is not built"; exit 77; }
[[ $(id -u) -eq 0 ]] || { echo "skip: needs root for network namespaces"; exit 77; }
command -v ip >/dev/null || { echo "skip: iproute2 missing"; exit 77; }
command -v ping >/dev/null || { echo "skip: ping missing (iputils-ping)"; exit 77; }

p="rv$$${crash_tag:?}"
na="${p}a" nb="${p}b"
dir=$(mktemp -d "${TMPDIR:-/tmp}/rv$$-crash.XXXXXX")
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
  echo "${crash_tag}: $*"
  echo "--- router stderr"; cat "$dir/a.err" 2>/dev/null
  echo "--- asa stderr"; cat "$dir/b.err" 2>/dev/null
  exit 1
}

make_namespaces() {
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
}

# Waits (at most 10 s) until the vty socket accepts a session: the process has flushed stale state,
# loaded its config and installed its policies before it listens (cli/main_run.cpp). A file left by a
# killed process does not count: nobody accepts on it.
wait_socket() {
  for _ in $(seq 100); do
    [[ -S "$1" ]] && "$bin" connect --vty-socket "$1" -c enable >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  fail "no vty session on $1 after 10 s"
}

# Starts side $1 (a = the IOS router in $na, b = the ASA in $nb) and records its pid in pida/pidb. Its
# stderr is appended, so a restart keeps the first run's log above the second's; a socket file left
# by a killed run stays: the new process must replace it.
start_side() {
  local ns platform cfg
  if [[ $1 == a ]]; then ns=$na platform=ios cfg=ios-router.cfg; else ns=$nb platform=asa cfg=asa-firewall.cfg; fi
  ip netns exec "$ns" "$bin" --daemon --platform "$platform" --vty-socket "$dir/$1.sock" \
    --startup-config "$src/examples/site-to-site/$cfg" \
    --interface "GigabitEthernet0/0=${p}${1}0" --interface GigabitEthernet0/1=lo 2>>"$dir/$1.err" &
  if [[ $1 == a ]]; then pida=$!; else pidb=$!; fi
  wait_socket "$dir/$1.sock"
}
start_router() { start_side a; }
start_asa() { start_side b; }

show() { "$bin" connect --vty-socket "$dir/$1.sock" -c enable -c "show crypto ikev2 sa"; }

# Pings from the router's inside address until both sides show a READY IKE SA (at most 30 tries of 1 s).
bring_up() {
  for _ in $(seq 30); do
    ip netns exec "$na" ping -c 1 -W 1 -I 192.168.1.100 192.168.2.100 >/dev/null 2>&1
    grep -q READY <<<"$(show a)" && grep -q READY <<<"$(show b)" && return 0
  done
  fail "no READY IKE SA on both sides after 30 tries: $(show a) / $(show b)"
}

# Waits (at most 5 s) for pid $1 to end and sets `rc` to its exit status (not in a subshell: `wait`
# needs the parent shell; the caller clears its pid variable).
wait_exit() {
  for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.05; done
  kill -0 "$1" 2>/dev/null && fail "process $1 still running 5 s after the signal"
  wait "$1"
  rc=$?
}

# The number of IKE SA rows that name the peer (IOS: one line per SA with "peer/500").
sa_rows() { grep -c "$2/500" <<<"$(show "$1")"; }
