// Inputs the fuzz targets found (tests/fuzz/, docs/HARDENING.md), kept as named regression tests.
// A bug whose fix belongs to another area skips with "known bug: ..." while it is present and
// becomes an ordinary assertion the moment it is fixed.
#include <gtest/gtest.h>

#include "grammar/config/load.hpp"
#include "tests/unit/commands/harness.hpp"

namespace ravelin::testing {
namespace {

// cli_matcher_fuzz, 2026-11-23: typing the integrity before an AES-GCM encryption was accepted, but the
// running-config then renders encryption first and its own reload refuses the integrity line, so
// `write memory` + reboot would lose it (render -> load -> render must be the identity).
TEST(FuzzRegression, AsaIpsecProposalWithGcmAndIntegrityReloadsAsTyped) {
  Device d(grammar::Dialect::Asa);
  d.type("crypto ipsec ikev2 ipsec-proposal P");
  d.type("protocol esp integrity sha-256");
  const std::string typed = d.type("protocol esp encryption aes-gcm-256");
  const std::string text = d.render();
  Device fresh(grammar::Dialect::Asa);
  const auto report = fresh.load(text);
  // Fixed: the encryption line is now refused beside a non-null integrity, as the integrity line
  // already was beside AES-GCM, so what is accepted always reloads.
  EXPECT_NE(typed.find("Integrity must be null"), std::string::npos) << typed;
  EXPECT_TRUE(report.errors.empty()) << errors_text(report);
  EXPECT_EQ(fresh.render(), text);
}

}  // namespace
}  // namespace ravelin::testing
