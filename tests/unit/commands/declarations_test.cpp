// The IOS and ASA command sets are sound declarations, and the seed configs load with exactly the
// problems the real devices report.
#include <gtest/gtest.h>

#include "tests/unit/commands/harness.hpp"

namespace ravelin::testing {
namespace {

TEST(CommandSets, IosDeclarationsHaveNoErrors) {
  Device d(grammar::Dialect::Ios);
  std::string all;
  for (const auto& e : d.set.errors()) all += e + "\n";
  EXPECT_TRUE(d.set.errors().empty()) << all;
}

TEST(CommandSets, AsaDeclarationsHaveNoErrors) {
  Device d(grammar::Dialect::Asa);
  std::string all;
  for (const auto& e : d.set.errors()) all += e + "\n";
  EXPECT_TRUE(d.set.errors().empty()) << all;
}

TEST(SeedConfigs, IosSeedReportsOnlyTheMissingTransformSet) {
  Device d(grammar::Dialect::Ios);
  auto r = d.load(read_file(source_path("examples/seed/ios-router.cfg")));
  ASSERT_EQ(r.errors.size(), 1u) << errors_text(r);
  EXPECT_EQ(r.errors[0].line, "set transform-set tset");
  EXPECT_EQ(r.errors[0].message, "ERROR: transform set with tag \"tset\" does not exist.");
  // The forgotten name: IOS takes `esp-aes` as the set's tag (cisco-cli.md §2.7).
  EXPECT_NE(d.store.running().root().entry("crypto ipsec transform-set", {"esp-aes"}), nullptr);
}

TEST(SeedConfigs, AsaSeedRejectsTheMisspelledPreSharedKeyLines) {
  Device d(grammar::Dialect::Asa);
  auto r = d.load(read_file(source_path("examples/seed/asa-firewall.cfg")));
  ASSERT_EQ(r.errors.size(), 2u) << errors_text(r);
  EXPECT_EQ(r.errors[0].line, "ikev2 local-authentication pre-share-key cisco");
  EXPECT_EQ(r.errors[1].line, "ikev2 remote-authentication pre-share-key cisco");
  EXPECT_NE(r.errors[0].message.find("Invalid input"), std::string::npos) << r.errors[0].message;
}

}  // namespace
}  // namespace ravelin::testing
