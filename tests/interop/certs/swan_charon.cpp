// The strongSwan interop harness of tests/interop/strongswan (charon.cpp), compiled into this group as
// well: one translation unit per harness file, each defined once per executable.
#include "tests/interop/strongswan/charon.cpp"  // NOLINT(bugprone-suspicious-include)
