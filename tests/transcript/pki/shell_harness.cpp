// The shell harness of tests/transcript/shell (the command set ravelin builds, real cli::Session),
// compiled into this group as well: one definition per executable.
#include "tests/transcript/shell/harness.cpp"  // NOLINT(bugprone-suspicious-include)
