// Rekeys started by ravelin's own timers against strongSwan. IOS's smallest lifetimes are 120 s
// (profile `lifetime`, crypto map `set security-association lifetime seconds`); ravelin rekeys at
// 9/10 of that minus up to 5 % jitter, so this one case waits about 110 s (the longest of the tier)
// and covers both rekeys, the child one with PFS (`set pfs group5` against strongSwan's
// aes128-sha1-modp1536). strongSwan's own rekey timers (hours) stay far away.
#include <gtest/gtest.h>

#include "tests/interop/strongswan/interop_fixture.hpp"

namespace ravelin::test::interop {
namespace {

using RavelinRekey = InteropTest;

// CREATE_CHILD_SA { SA, Ni, KEi, N(REKEY_SA), TSi, TSr } --> and CREATE_CHILD_SA { SA, Ni, KEi } -->
TEST_F(RavelinRekey, IkeAndChildSaAreRekeyedByRavelinAtTheirLifetimes) {
  CharonOptions swan = swan_options();
  swan.esp_proposals = "aes128-sha1-modp1536";
  ASSERT_TRUE(start_swan(swan));
  IosConfig ios = ios_config();
  ios.profile_extra = {"lifetime 120"};
  ios.map_extra = {"set security-association lifetime seconds 120", "set pfs group5"};
  ASSERT_TRUE(start_ravelin(ios));
  auto r = swan_->initiate();
  ASSERT_TRUE(r.ok()) << r.output;
  ASSERT_TRUE(wait_established());
  const SwanIkeSa first = swan_sa_;
  bool both = wait_until(
      [&] {
        auto s = swan_->established();
        if (!s || s->spi_i == first.spi_i) return false;
        for (const auto& c : s->children) {  // replaced children linger as REKEYED/DELETED
          if (c.state == "INSTALLED" && c.spi_in != first.children.at(0).spi_in) return true;
        }
        return false;
      },
      Millis(140000), Millis(1000));
  ASSERT_TRUE(both) << diagnostics();
  ASSERT_TRUE(wait_established(Millis(5000)));
  const std::string log = swan_->log();
  EXPECT_NE(log.find("parsed CREATE_CHILD_SA request"), std::string::npos) << "the requests came from us";
  EXPECT_EQ(log.find("generating CREATE_CHILD_SA request"), std::string::npos) << "strongSwan did not rekey itself";
  EXPECT_NE(log.find("selected proposal: ESP:AES_CBC_128/HMAC_SHA1_96/MODP_1536"), std::string::npos)
      << "our child rekey carried KE for PFS";
  EXPECT_TRUE(wait_until([&] { return swan_->list_sas().size() == 1; }, Millis(5000)))
      << "the old IKE SA is gone on strongSwan's side:\n" << swan_->swanctl({"--list-sas"}).output;
  EXPECT_EQ(parse_ravelin_sas(ravelin_->show_sa_detailed()).size(), 1u) << ravelin_->show_sa_detailed();
}

}  // namespace
}  // namespace ravelin::test::interop
