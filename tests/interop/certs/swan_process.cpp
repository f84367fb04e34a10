// The strongSwan interop harness of tests/interop/strongswan (process.cpp), compiled into this group as
// well: one translation unit per harness file, each defined once per executable.
#include "tests/interop/strongswan/process.cpp"  // NOLINT(bugprone-suspicious-include)
