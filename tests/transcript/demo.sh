#!/usr/bin/env bash
# `make demo` (host part): the seed's router and ASA, two ravelin processes in two namespaces, bring
# up their tunnel; the operator output shows the SA READY on both sides and no secret.
set -uo pipefail
build=${RAVELIN_BUILD_DIR:?}
src=${RAVELIN_SOURCE_DIR:?}
[[ -x "$build/ravelin" ]] || { echo "skip: $build/ravelin is not built"; exit 77; }
[[ $(id -u) -eq 0 ]] || { echo "skip: the demo needs root (network namespaces)"; exit 77; }
command -v ping >/dev/null || { echo "skip: ping missing (iputils-ping)"; exit 77; }
out=$(RAVELIN_DEMO_NO_VM=1 timeout 120 "$src/scripts/demo" "$build" </dev/null 2>&1)
rc=$?
fail() { echo "demo.sh: $1"; echo "$out"; exit 1; }
[[ $rc -eq 0 ]] || fail "scripts/demo exited $rc"
[[ $(grep -c "READY" <<<"$out") -ge 2 ]] || fail "the SA is not READY on both sides"
grep -q "ios-router# show crypto ikev2 sa" <<<"$out" || fail "no show output of the router"
grep -q "Site2Site-Demo-Key" <<<"$out" && fail "the pre-shared key was printed"
grep -q "result: tunnel" <<<"$out" || fail "no result line"
grep -q "asa-firewall# show crypto ipsec sa" <<<"$out" || fail "no show crypto ipsec sa of the ASA"
grep -q "outbound SPI 0x[0-9A-F]* is the ASA's inbound SPI" <<<"$out" || fail "SPIs of the two sides do not match"
echo "demo ok"
