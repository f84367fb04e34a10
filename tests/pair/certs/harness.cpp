// The two-engine harness of tests/pair/engine, compiled into this group as well (one definition
// of Pair/Peer per executable; the certificate tests only add trustpoints and keys to its configs).
#include "tests/pair/engine/pair_harness.cpp"  // NOLINT(bugprone-suspicious-include)
