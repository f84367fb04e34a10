#!/usr/bin/env bash
# Unit tier: the module arrows hold for the tree, and the checker really catches a violation.
set -euo pipefail
src=${RAVELIN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
"$src/scripts/check-module-arrows" "$src"

# Negative control: a copy of the tree where platform includes grammar must be rejected.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp"/{platform,grammar,ipsec,ike,cli}
printf '#include "grammar/anything.hpp"\n' > "$tmp/platform/bad.hpp"
printf '#include <netlink/netlink.h>\n' > "$tmp/ike/bad.cpp"
if out=$("$src/scripts/check-module-arrows" "$tmp"); then
  echo "FAIL: checker accepted platform -> grammar"; exit 1
fi
grep -q "module 'platform' may not include 'grammar/anything.hpp'" <<<"$out"
grep -q "libnl header 'netlink/netlink.h' outside platform/linux/" <<<"$out"
echo "module_arrows: ok (tree clean, violations detected in the control tree)"
