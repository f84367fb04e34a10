// The interop harness (tests/interop/strongswan/) compiled into this guest executable: one
// source of truth for both tiers.
#include "tests/interop/strongswan/ravelin_peer.cpp"
