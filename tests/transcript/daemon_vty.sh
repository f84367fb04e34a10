#!/usr/bin/env bash
# `ravelin --daemon`: sessions over the vty socket share the running-config, `write memory` saves
# back to the --startup-config file, `terminal monitor` shows another vty's CONFIG_I only to the
# monitoring session, SIGTERM stops the process cleanly and removes the socket.
set -uo pipefail
bin=${RAVELIN_BIN:?}
[[ -x "$bin" ]] || { echo "skip: $bin is not built"; exit 77; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/rv$$-daemon.XXXXXX")
sock="$dir/vty.sock"
cfg="$dir/startup-config"
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill -KILL "$pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
fail() { echo "daemon_vty.sh: $*"; exit 1; }

printf 'hostname FROMFILE\n' >"$cfg"
"$bin" --daemon --vty-socket "$sock" --startup-config "$cfg" 2>"$dir/stderr" &
pid=$!
for _ in $(seq 100); do [[ -S "$sock" ]] && break; sleep 0.05; done
[[ -S "$sock" ]] || fail "no vty socket after 5 s: $(cat "$dir/stderr")"

out=$("$bin" connect --vty-socket "$sock" -c "show version" -c enable -c "configure terminal" -c "hostname VIA-VTY" -c end)
[[ $? -eq 0 ]] || fail "connect -c failed: $out"
grep -q '^FROMFILE uptime is' <<<"$out" || fail "startup-config not loaded: $out"

# A second, fresh session sees the first one's change and saves it.
out=$("$bin" connect --vty-socket "$sock" -c enable -c "show running-config | include hostname" -c "write memory")
[[ $? -eq 0 ]] || fail "second session failed: $out"
grep -qx 'hostname VIA-VTY' <<<"$out" || fail "change not shared between sessions: $out"
grep -qx 'hostname VIA-VTY' "$cfg" || fail "write memory did not save back to $cfg"

"$bin" connect --vty-socket "$sock" -c "show running-config" >/dev/null
[[ $? -eq 1 ]] || fail "a privileged command at user EXEC was not rejected"

# `terminal monitor` (cli/monitor.hpp): two interactive sessions (stdin not a terminal: async lines are
# printed before the next input line), one monitoring; a third vty changes the config.
watch() {  # $1: the lines after `enable`; the session stays open ~2 s so async output can arrive
  { printf 'enable\n%s' "$1"; sleep 2; printf 'show privilege\n'; } | "$bin" connect --vty-socket "$sock" 2>&1
}
watch $'terminal monitor\n' >"$dir/watcher.out" & wpid=$!
watch $'terminal monitor\nterminal no monitor\n' >"$dir/stopped.out" & spid=$!
watch '' >"$dir/quiet.out" & qpid=$!
sleep 0.7
"$bin" connect --vty-socket "$sock" -c enable -c "configure terminal" -c "hostname MONITORED" -c end >/dev/null ||
  fail "config change for the monitor failed"
wait "$wpid" "$spid" "$qpid"
if grep -q "not available in this process" "$dir/watcher.out"; then
  # The binary provides no cli::Monitor yet (cli/main_run.cpp wires it): only the refusal is checked.
  echo "note: terminal monitor is not wired into this binary; monitor delivery not checked here"
else
  grep -q '^%SYS-5-CONFIG_I: Configured from console by vty[0-9]' "$dir/watcher.out" ||
    fail "the monitoring vty did not see the CONFIG_I: $(cat "$dir/watcher.out")"
  grep -q 'CONFIG_I' "$dir/quiet.out" && fail "a vty without terminal monitor saw a log line"
  grep -q 'CONFIG_I' "$dir/stopped.out" && fail "terminal no monitor did not stop the log lines"
fi
grep -q 'Current privilege level is 15' "$dir/quiet.out" || fail "the quiet session did not run: $(cat "$dir/quiet.out")"

kill -TERM "$pid"
for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
kill -0 "$pid" 2>/dev/null && fail "still running 5 s after SIGTERM"
wait "$pid"; rc=$?
pid=""
[[ $rc -eq 0 ]] || fail "exit status $rc after SIGTERM"
[[ -e "$sock" ]] && fail "socket left behind"
echo "daemon_vty ok"
