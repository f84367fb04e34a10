// Clean failures against strongSwan: a wrong pre-shared key and a proposal mismatch leave nothing
// half-open on either side and ravelin's failure line says why; a wider selector from strongSwan
// is narrowed to the crypto map's ACL (RFC 7296 §2.9).
#include <gtest/gtest.h>

#include "tests/interop/strongswan/interop_fixture.hpp"

namespace ravelin::test::interop {
namespace {

using Failure = InteropTest;

bool no_ravelin_sa(const RavelinPeer& r) { return parse_ravelin_sas(r.show_sa_detailed()).empty(); }

bool contains_icase(std::string hay, std::string needle) {
  auto low = [](std::string& x) {
    for (auto& c : x) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  low(hay);
  low(needle);
  return hay.find(needle) != std::string::npos;
}

// IKE_AUTH { IDi, AUTH(wrong key) } --> <-- { N(AUTHENTICATION_FAILED) }
TEST_F(Failure, WrongPskFromStrongSwanIsRefusedAndNothingStays) {
  CharonOptions swan = swan_options();
  swan.psk = "not-the-" + psk_;
  ASSERT_TRUE(start_swan(swan));
  ASSERT_TRUE(start_ravelin(ios_config()));
  auto r = swan_->initiate(Millis(10000));
  EXPECT_FALSE(r.ok()) << r.output;
  EXPECT_NE(r.output.find("AUTHENTICATION_FAILED"), std::string::npos) << r.output;
  EXPECT_TRUE(wait_until([&] { return no_ravelin_sa(*ravelin_); }, Millis(5000))) << ravelin_->show_sa_detailed();
  EXPECT_TRUE(swan_->list_sas().empty()) << swan_->swanctl({"--list-sas"}).output;
  const std::string log = ravelin_->log();
  EXPECT_NE(log.find("192.0.2.2"), std::string::npos) << "failure line names the peer:\n" << log;
  EXPECT_TRUE(contains_icase(log, "authentication")) << "failure line says authentication failed:\n" << log;
  EXPECT_EQ(log.find(swan.psk), std::string::npos) << "a pre-shared key leaked into the log";
  EXPECT_EQ(log.find(psk_), std::string::npos) << "a pre-shared key leaked into the log";
}

// Our IKE_AUTH { AUTH(wrong key) } --> strongSwan answers N(AUTHENTICATION_FAILED).
TEST_F(Failure, WrongPskFromRavelinIsReportedAndNothingStays) {
  CharonOptions swan = swan_options();
  swan.psk = "not-the-" + psk_;
  ASSERT_TRUE(start_swan(swan));
  ASSERT_TRUE(start_ravelin(ios_config()));
  send_interesting_traffic();
  // strongSwan 5.9.8 logs the notify as N(AUTH_FAILED).
  EXPECT_TRUE(wait_until([&] { return swan_->log().find("N(AUTH_FAILED)") != std::string::npos; }, Millis(8000)));
  EXPECT_TRUE(wait_until([&] { return contains_icase(ravelin_->log(), "AUTHENTICATION_FAILED"); }, Millis(5000)))
      << ravelin_->log();
  EXPECT_TRUE(wait_until([&] { return no_ravelin_sa(*ravelin_) && swan_->list_sas().empty(); }, Millis(5000)))
      << diagnostics();
}

// IKE_SA_INIT { SA(aes128-sha1-modp2048) } --> <-- { N(NO_PROPOSAL_CHOSEN) }
TEST_F(Failure, IkeProposalMismatchAnswersNoProposalChosenAndListsBothSides) {
  CharonOptions swan = swan_options();
  swan.ike_proposals = "aes128-sha1-modp2048";
  ASSERT_TRUE(start_swan(swan));
  ASSERT_TRUE(start_ravelin(ios_config()));
  auto r = swan_->initiate(Millis(10000));
  EXPECT_FALSE(r.ok()) << r.output;
  EXPECT_NE(r.output.find("NO_PROPOSAL_CHOSEN"), std::string::npos) << r.output;
  EXPECT_TRUE(no_ravelin_sa(*ravelin_)) << ravelin_->show_sa_detailed();
  EXPECT_TRUE(swan_->list_sas().empty());
  const std::string log = ravelin_->log();
  // What was offered (AES-CBC-128, SHA1, group 14) and what is configured (AES-CBC-256, group 5).
  EXPECT_NE(log.find("AES-CBC-128"), std::string::npos) << "the offered cipher is named:\n" << log;
  EXPECT_NE(log.find("DH14"), std::string::npos) << "the offered group is named:\n" << log;
  EXPECT_NE(log.find("AES-CBC-256"), std::string::npos) << "the configured cipher is named:\n" << log;
  EXPECT_NE(log.find("DH5"), std::string::npos) << "the configured group is named:\n" << log;
}

// IKE_AUTH { SAi2(aes256gcm16) ... } --> <-- { IDr, AUTH, N(NO_PROPOSAL_CHOSEN) }: the IKE SA stays.
TEST_F(Failure, EspProposalMismatchKeepsTheIkeSaWithoutAChild) {
  CharonOptions swan = swan_options();
  swan.esp_proposals = "aes256gcm16";
  ASSERT_TRUE(start_swan(swan));
  ASSERT_TRUE(start_ravelin(ios_config()));
  auto r = swan_->initiate(Millis(10000));
  EXPECT_FALSE(r.ok()) << r.output;
  EXPECT_NE(r.output.find("NO_PROPOSAL_CHOSEN"), std::string::npos) << r.output;
  auto sas = swan_->list_sas();
  ASSERT_EQ(sas.size(), 1u) << swan_->swanctl({"--list-sas"}).output;
  EXPECT_EQ(sas[0].state, "ESTABLISHED");
  EXPECT_TRUE(sas[0].children.empty());
  EXPECT_TRUE(wait_until([&] { return ready_sas(ravelin_->show_sa_detailed()).size() == 1; }, Millis(3000)))
      << ravelin_->show_sa_detailed();
}

// TSi = 198.51.100.0/22 and TSr = 0.0.0.0/0 from strongSwan: we answer with the ACL's /24s.
TEST_F(Failure, WiderSelectorsFromStrongSwanAreNarrowedToTheAcl) {
  CharonOptions swan = swan_options();
  swan.local_ts = "0.0.0.0/0";
  swan.remote_ts = "198.51.100.0/22";
  ASSERT_TRUE(start_swan(swan));
  ASSERT_TRUE(start_ravelin(ios_config()));
  auto r = swan_->initiate();
  ASSERT_TRUE(r.ok()) << r.output;
  ASSERT_TRUE(wait_established());
  ASSERT_EQ(swan_sa_.children.size(), 1u);
  EXPECT_EQ(swan_sa_.children[0].local_ts, pair_->b().net4);
  EXPECT_EQ(swan_sa_.children[0].remote_ts, pair_->a().net4);
}

// Selectors that do not overlap the ACL at all: TS_UNACCEPTABLE, the IKE SA stays without a child.
TEST_F(Failure, DisjointSelectorsAreRefusedWithTsUnacceptable) {
  CharonOptions swan = swan_options();
  swan.local_ts = "10.99.0.0/16";
  ASSERT_TRUE(start_swan(swan));
  ASSERT_TRUE(start_ravelin(ios_config()));
  auto r = swan_->initiate(Millis(10000));
  EXPECT_FALSE(r.ok()) << r.output;
  EXPECT_NE(r.output.find("TS_UNACCEPTABLE"), std::string::npos) << r.output;
  EXPECT_TRUE(wait_until([&] { return ravelin_->log().find("10.99.0.0") != std::string::npos; }, Millis(3000)))
      << "the failure line names the refused selector:\n" << ravelin_->log();
}

}  // namespace
}  // namespace ravelin::test::interop
