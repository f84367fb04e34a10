// The ASA dialect against strongSwan: the same engine behind `crypto ikev2 policy`, tunnel-groups
// and an ASA crypto map, with the seed's algorithms (ASA: aes-256/sha256/group 5/prf sha256, ESP
// aes/sha-1). Both roles; strongSwan's view is compared with ravelin's SA-up line.
#include <gtest/gtest.h>

#include "tests/interop/strongswan/interop_fixture.hpp"

namespace ravelin::test::interop {
namespace {

class AsaDialect : public InteropTest {
 protected:
  std::string asa_config() const {
    const std::string me = pair_->a().outer4;
    const std::string peer = pair_->b().outer4;
    return "ASA Version 9.16(4)\nhostname asa\ninterface GigabitEthernet0/0\n nameif outside\n security-level 0\n"
           " ip address " + me + " 255.255.255.0\n"
           "access-list VPN extended permit ip 198.51.100.0 255.255.255.0 203.0.113.0 255.255.255.0\n"
           "crypto ipsec ikev2 ipsec-proposal P1\n protocol esp encryption aes\n protocol esp integrity sha-1\n"
           "crypto map CMAP 10 match address VPN\ncrypto map CMAP 10 set peer " + peer + "\n"
           "crypto map CMAP 10 set ikev2 ipsec-proposal P1\ncrypto map CMAP interface outside\n"
           "crypto ikev2 policy 10\n encryption aes-256\n integrity sha256\n group 5\n prf sha256\n"
           " lifetime seconds 86400\ncrypto ikev2 enable outside\n"
           "tunnel-group " + peer + " type ipsec-l2l\ntunnel-group " + peer + " ipsec-attributes\n"
           " ikev2 remote-authentication pre-shared-key " + psk_ + "\n"
           " ikev2 local-authentication pre-shared-key " + psk_ + "\n";
  }
  ::testing::AssertionResult start_asa() {
    RavelinOptions o;
    o.platform = "asa";
    o.config = asa_config();
    o.local_addresses = {pair_->a().outer4};
    o.interfaces = {"GigabitEthernet0/0=" + pair_->a().ns};
    return start_ravelin_options(std::move(o));
  }
  // strongSwan ESTABLISHED with an INSTALLED child, and ravelin logged the SA up.
  bool both_up() const {
    return swan_->established().has_value() && ravelin_->log().find("SA_UP") != std::string::npos;
  }
};

TEST_F(AsaDialect, AsaConfigAnswersStrongSwan) {
  ASSERT_TRUE(start_swan(swan_options()));
  ASSERT_TRUE(start_asa());
  auto r = swan_->initiate();
  ASSERT_TRUE(r.ok()) << r.output;
  ASSERT_TRUE(wait_until([&] { return both_up(); }, Millis(10000))) << diagnostics();
  auto sa = swan_->established();
  EXPECT_EQ(sa->algorithms, "AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_1536");
  ASSERT_EQ(sa->children.size(), 1u);
  EXPECT_EQ(sa->children[0].algorithms, "ESP:AES_CBC-128/HMAC_SHA1_96");
  EXPECT_EQ(sa->remote_id, pair_->a().outer4);
}

TEST_F(AsaDialect, AsaConfigInitiatesOnTraffic) {
  ASSERT_TRUE(start_swan(swan_options()));
  ASSERT_TRUE(start_asa());
  send_interesting_traffic();
  ASSERT_TRUE(wait_until([&] { return both_up(); }, Millis(10000))) << diagnostics();
  auto sa = swan_->established();
  EXPECT_FALSE(sa->local_is_initiator);
  EXPECT_EQ(sa->algorithms, "AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_1536");
  EXPECT_EQ(sa->children.at(0).remote_ts, pair_->a().net4);
}

}  // namespace
}  // namespace ravelin::test::interop
