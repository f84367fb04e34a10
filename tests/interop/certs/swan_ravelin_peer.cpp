// The strongSwan interop harness of tests/interop/strongswan (ravelin_peer.cpp), compiled into this group as
// well: one translation unit per harness file, each defined once per executable.
#include "tests/interop/strongswan/ravelin_peer.cpp"  // NOLINT(bugprone-suspicious-include)
