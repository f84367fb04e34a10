// The strongSwan interop harness of tests/interop/strongswan (ios_config.cpp), compiled into this group as
// well: one translation unit per harness file, each defined once per executable.
#include "tests/interop/strongswan/ios_config.cpp"  // NOLINT(bugprone-suspicious-include)
