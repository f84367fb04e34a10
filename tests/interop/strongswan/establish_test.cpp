// IKE_SA_INIT + IKE_AUTH with a real strongSwan 5.9.8 peer, ravelin as responder and as initiator,
// for the seed's proposal and two modern suites. Both sides must agree on the SPI pair, on the
// algorithms (our `show crypto ikev2 sa detailed` against `swanctl --list-sas`) and on the child.
#include <gtest/gtest.h>

#include "tests/interop/strongswan/interop_fixture.hpp"

namespace ravelin::test::interop {
namespace {

struct Suite {
  const char* name;
  std::vector<std::string> ios_proposal;  // crypto ikev2 proposal body
  std::string ios_transform;              // crypto ipsec transform-set body
  std::vector<std::string> ios_map_extra; // e.g. set pfs
  std::string swan_ike;                   // swanctl proposals
  std::string swan_esp;                   // swanctl esp_proposals
  std::string swan_ike_selected;          // as swanctl --list-sas prints the IKE SA
  std::string swan_esp_selected;          // ... and the child
  std::string ios_encr;                   // as our show prints it
  int ios_keysize;
  std::string ios_prf;
  std::string ios_hash;
  int ios_group;
};

const Suite kSuites[] = {
    // The seed's: IOS proposal aes-cbc-256/sha256/group 5 with esp-aes esp-sha-hmac.
    {"seed", {"encryption aes-cbc-256", "integrity sha256", "group 5"}, "esp-aes esp-sha-hmac", {},
     "aes256-sha256-modp1536", "aes128-sha1", "AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_1536",
     "ESP:AES_CBC-128/HMAC_SHA1_96", "AES-CBC", 256, "SHA256", "SHA256", 5},
    // AEAD: no integrity transform in either SA (RFC 7296 §3.3.3); IOS needs an explicit prf.
    {"gcm_ecp384", {"encryption aes-gcm-256", "prf sha384", "group 20"}, "esp-gcm 256", {},
     "aes256gcm16-prfsha384-ecp384", "aes256gcm16", "AES_GCM_16-256/PRF_HMAC_SHA2_384/ECP_384",
     "ESP:AES_GCM_16-256", "AES-GCM", 256, "SHA384", "None", 20},
    // Curve25519 for the IKE SA and PFS for the child (IOS has no group31 for `set pfs`: ecp256).
    // The first child is keyed from the IKE SA (§1.2), so PFS shows only at a rekey (lifecycle tests).
    {"x25519_pfs", {"encryption aes-cbc-128", "integrity sha256", "group 31"}, "esp-aes esp-sha256-hmac",
     {"set pfs group19"}, "aes128-sha256-x25519", "aes128-sha256-ecp256",
     "AES_CBC-128/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/CURVE_25519", "ESP:AES_CBC-128/HMAC_SHA2_256_128", "AES-CBC",
     128, "SHA256", "SHA256", 31},
};

void PrintTo(const Suite& s, std::ostream* os) { *os << s.name; }

enum class Role { Responder, Initiator };

class Establish : public InteropTest, public ::testing::WithParamInterface<std::tuple<Suite, Role>> {};

TEST_P(Establish, BothSidesAgreeOnSpisAlgorithmsAndChild) {
  const auto& [suite, role] = GetParam();
  CharonOptions swan = swan_options();
  swan.ike_proposals = suite.swan_ike;
  swan.esp_proposals = suite.swan_esp;
  ASSERT_TRUE(start_swan(swan));
  IosConfig ios = ios_config();
  ios.proposal = suite.ios_proposal;
  ios.transform = suite.ios_transform;
  ios.map_extra = suite.ios_map_extra;
  ASSERT_TRUE(start_ravelin(ios));

  if (role == Role::Responder) {
    // strongSwan: IKE_SA_INIT { SA, KE, Ni } -->, IKE_AUTH { IDi, AUTH, SAi2, TSi, TSr } -->
    auto r = swan_->initiate();
    ASSERT_TRUE(r.ok()) << r.output;
  } else {
    // Traffic hits the crypto map's policy -> kernel ACQUIRE -> ravelin initiates.
    send_interesting_traffic();
  }
  ASSERT_TRUE(wait_established());

  EXPECT_EQ(swan_sa_.local_is_initiator, role == Role::Responder);
  EXPECT_EQ(ravelin_sa_.initiator, role == Role::Initiator);
  EXPECT_EQ(swan_sa_.algorithms, suite.swan_ike_selected);
  ASSERT_EQ(swan_sa_.children.size(), 1u);
  EXPECT_EQ(swan_sa_.children[0].algorithms, suite.swan_esp_selected);
  EXPECT_EQ(swan_sa_.children[0].local_ts, pair_->b().net4);
  EXPECT_EQ(swan_sa_.children[0].remote_ts, pair_->a().net4);
  EXPECT_EQ(ravelin_sa_.encr, suite.ios_encr);
  EXPECT_EQ(ravelin_sa_.keysize, suite.ios_keysize);
  EXPECT_EQ(ravelin_sa_.prf, suite.ios_prf);
  EXPECT_EQ(ravelin_sa_.hash, suite.ios_hash);
  EXPECT_EQ(ravelin_sa_.group, suite.ios_group);
  EXPECT_EQ(ravelin_sa_.local_id, pair_->a().outer4);
  EXPECT_EQ(ravelin_sa_.remote_id, pair_->b().outer4);
  EXPECT_EQ(swan_sa_.remote_id, pair_->a().outer4);
}

INSTANTIATE_TEST_SUITE_P(
    StrongSwan, Establish,
    ::testing::Combine(::testing::ValuesIn(kSuites), ::testing::Values(Role::Responder, Role::Initiator)),
    [](const ::testing::TestParamInfo<Establish::ParamType>& info) {
      return std::string(std::get<0>(info.param).name) +
             (std::get<1>(info.param) == Role::Responder ? "_RavelinResponds" : "_RavelinInitiates");
    });

}  // namespace
}  // namespace ravelin::test::interop
