// The strongSwan interop harness of tests/interop/strongswan (show_parse.cpp), compiled into this group as
// well: one translation unit per harness file, each defined once per executable.
#include "tests/interop/strongswan/show_parse.cpp"  // NOLINT(bugprone-suspicious-include)
