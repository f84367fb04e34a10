// The scripted initiator of the fuzz targets (tests/fuzz/responder_driver.cpp is not part of any
// library): compiled into this test executable exactly once, here.
#include "tests/fuzz/responder_driver.cpp"  // NOLINT(bugprone-suspicious-include)
