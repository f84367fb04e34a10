// The ASA dialect against strongSwan: the same engine behind `crypto ikev2 policy`, tunnel-groups
// and an ASA crypto map, with the seed's algorithms (ASA: aes-256/sha256/group 5/prf sha256, ESP
// aes/sha-1). Both roles; strongSwan's view is compared with ravelin's SA-up line.
#include <gtest/gtest.h>

#include "tests/interop/strongswan/interop_fixture.hpp"
#include "tests/interop/strongswan/show_parse.hpp"

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

// ASA `show crypto ikev2 sa detail` read back and compared with strongSwan's own view of the SA:
// algorithms, role, and each child's SPIs crossed (our inbound is strongSwan's outbound).
TEST_F(AsaDialect, ShowDetailAgreesWithStrongSwan) {
  ASSERT_TRUE(start_swan(swan_options()));
  ASSERT_TRUE(start_asa());
  auto r = swan_->initiate();
  ASSERT_TRUE(r.ok()) << r.output;
  ASSERT_TRUE(wait_until([&] { return both_up(); }, Millis(10000))) << diagnostics();
  const auto shown = ravelin_->exec({"show crypto ikev2 sa detail"});
  auto sas = parse_asa_sas(shown.output);
  ASSERT_EQ(sas.size(), 1u) << shown.output;
  const RavelinSa& ours = sas[0];
  EXPECT_EQ(ours.status, "READY");
  EXPECT_EQ(ours.role, "RESPONDER");
  EXPECT_EQ(ours.encr, "AES-CBC");
  EXPECT_EQ(ours.keysize, 256);
  EXPECT_EQ(ours.hash, "SHA256");
  EXPECT_EQ(ours.group, 5);
  EXPECT_EQ(ours.session_id, ours.tunnel_id);
  auto swan = swan_->established();
  ASSERT_TRUE(swan.has_value());
  // strongSwan writes "192.0.2.2[4500]" (it moves to port 4500 after IKE_SA_INIT, §2.23), the ASA "192.0.2.2/4500".
  auto asa_endpoint = [](std::string e) {
    auto b = e.find('[');
    if (b == std::string::npos || e.back() != ']') return e;
    return e.substr(0, b) + "/" + e.substr(b + 1, e.size() - b - 2);
  };
  EXPECT_EQ(ours.local, asa_endpoint(swan->remote));
  EXPECT_EQ(ours.remote, asa_endpoint(swan->local));
  EXPECT_TRUE(ours.local.starts_with(pair_->a().outer4 + "/")) << ours.local;
  ASSERT_EQ(ours.children.size(), 1u) << shown.output;
  ASSERT_EQ(swan->children.size(), 1u);
  EXPECT_EQ(ours.children[0].spi_in, swan->children[0].spi_out);
  EXPECT_EQ(ours.children[0].spi_out, swan->children[0].spi_in);
  EXPECT_EQ(ours.children[0].local_selector, "198.51.100.0/0 - 198.51.100.255/65535");
  EXPECT_EQ(ours.children[0].remote_selector, "203.0.113.0/0 - 203.0.113.255/65535");
}

// ASA `clear crypto ipsec sa` deletes only the child: strongSwan gets INFORMATIONAL { D(ESP) },
// removes its child SA and keeps the IKE SA, which `show crypto ikev2 sa detail` still lists READY.
TEST_F(AsaDialect, ClearIpsecSaDeletesOnlyTheChildAtStrongSwan) {
  ASSERT_TRUE(start_swan(swan_options()));
  ASSERT_TRUE(start_asa());
  auto r = swan_->initiate();
  ASSERT_TRUE(r.ok()) << r.output;
  ASSERT_TRUE(wait_until([&] { return both_up(); }, Millis(10000))) << diagnostics();
  const auto cleared = ravelin_->exec({"clear crypto ipsec sa"});
  ASSERT_TRUE(cleared.ok()) << cleared.output;
  auto child_gone_ike_kept = [&] {
    auto sas = swan_->list_sas();
    return sas.size() == 1 && sas[0].state == "ESTABLISHED" && sas[0].children.empty();
  };
  ASSERT_TRUE(wait_until(child_gone_ike_kept, Millis(5000))) << diagnostics();
  auto ours = parse_asa_sas(ravelin_->exec({"show crypto ikev2 sa detail"}).output);
  ASSERT_EQ(ours.size(), 1u);
  EXPECT_EQ(ours[0].status, "READY");
  EXPECT_TRUE(ours[0].children.empty());
}

// The parser itself on the layout of ike/commands/show_sa_asa.cpp (GC1), two SAs, one without keysize.
TEST(AsaShowParse, ReadsEverySessionWithItsChildren) {
  const std::string text =
      "\nIKEv2 SAs:\n\n"
      "Session-id:1, Status:UP-ACTIVE, IKE count:1, CHILD count:1\n\n"
      "Tunnel-id Local                   Remote                Status         Role\n"
      "        1 10.0.0.1/500           10.0.0.2/500           READY    RESPONDER\n"
      "      Encr: AES-CBC, keysize: 256, Hash: SHA256, DH Grp:5, Auth sign: PSK, Auth verify: PSK\n"
      "      Life/Active Time: 86400/12 sec\n"
      "      Session-id: 1\n"
      "Child sa: local selector  192.168.1.0/0 - 192.168.1.255/65535\n"
      "          remote selector 192.168.2.0/0 - 192.168.2.255/65535\n"
      "          ESP spi in/out: 0xC1A2B3D4/0x0000BEEF\n"
      "\nSession-id:2, Status:UP-IN-NEGOTIATION, IKE count:1, CHILD count:0\n\n"
      "Tunnel-id Local                   Remote                Status         Role\n"
      "        2 10.0.0.1/4500          10.0.0.3/4500          IN-NEG   INITIATOR\n"
      "      Encr: 3DES, Hash: SHA96, DH Grp:2, Auth sign: PSK, Auth verify: PSK\n";
  auto sas = parse_asa_sas(text);
  ASSERT_EQ(sas.size(), 2u);
  EXPECT_EQ(sas[0].tunnel_id, 1);
  EXPECT_EQ(sas[0].role, "RESPONDER");
  EXPECT_FALSE(sas[0].initiator);
  EXPECT_EQ(sas[0].keysize, 256);
  EXPECT_EQ(sas[0].session_id, 1);
  ASSERT_EQ(sas[0].children.size(), 1u);
  EXPECT_EQ(sas[0].children[0].remote_selector, "192.168.2.0/0 - 192.168.2.255/65535");
  EXPECT_EQ(sas[0].children[0].spi_in, "c1a2b3d4");
  EXPECT_EQ(sas[0].children[0].spi_out, "0000beef");
  EXPECT_EQ(sas[1].status, "IN-NEG");
  EXPECT_TRUE(sas[1].initiator);
  EXPECT_EQ(sas[1].encr, "3DES");
  EXPECT_EQ(sas[1].keysize, 0);
  EXPECT_EQ(sas[1].group, 2);
  EXPECT_TRUE(sas[1].children.empty());
  EXPECT_TRUE(parse_asa_sas("\nThere are no IKEv2 SAs\n").empty());
}

}  // namespace
}  // namespace ravelin::test::interop
