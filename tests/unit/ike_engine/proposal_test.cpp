// Proposal construction and selection (RFC 7296 §2.7, §3.3), identity matching, NAT-D hashes and the
// per-SA state size budget, without running an exchange.
#include <gtest/gtest.h>

#include "ike/config/ike_config.hpp"
#include "ike/engine/ike_sa.hpp"
#include "ike/engine/nat.hpp"
#include "ike/engine/proposal.hpp"

namespace ravelin::ike::engine {
namespace {

using config::Encryption;
using wire::TransformType;

config::IkeProposal prop(std::vector<Encryption> e, std::vector<uint16_t> i, std::vector<uint16_t> g) {
  return {"p", std::move(e), std::move(i), {}, std::move(g)};
}

TEST(Proposal, MixedAeadAndCbcCiphersAreSplitIntoTwoWireProposals) {
  auto p = prop({{config::encr::kAesCbc, 256}, {config::encr::kAesGcm16, 256}}, {config::integ::kHmacSha256_128}, {19});
  auto w = ike_proposals({&p});
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].number, 1);
  EXPECT_EQ(w[1].number, 2);
  auto count = [](const wire::Proposal& x, TransformType t) {
    return std::count_if(x.transforms.begin(), x.transforms.end(), [&](const auto& tr) { return tr.type == t; });
  };
  EXPECT_EQ(count(w[0], TransformType::Integ), 1);
  EXPECT_EQ(count(w[1], TransformType::Integ), 0);  // AEAD: no INTEG transform (§3.3)
  EXPECT_EQ(count(w[1], TransformType::Prf), 1);     // PRF derived from the integrity algorithm
}

TEST(Proposal, SelectionFollowsOurOrderNotThePeers) {
  auto mine = prop({{config::encr::kAesCbc, 256}, {config::encr::kAesCbc, 128}}, {config::integ::kHmacSha256_128}, {20, 19});
  auto theirs = prop({{config::encr::kAesCbc, 128}, {config::encr::kAesCbc, 256}}, {config::integ::kHmacSha256_128}, {19, 20});
  auto sel = select(ike_proposals({&mine}), ike_proposals({&theirs}));
  ASSERT_TRUE(sel.ok());
  auto alg = ike_algorithms(sel->chosen);
  ASSERT_TRUE(alg.ok());
  EXPECT_EQ(alg->key_bits, 256);
  EXPECT_EQ(alg->group, wire::KeGroup::Ecp384);
}

TEST(Proposal, KeyLengthIsPartOfTheMatch) {
  auto mine = prop({{config::encr::kAesCbc, 256}}, {config::integ::kHmacSha256_128}, {19});
  auto theirs = prop({{config::encr::kAesCbc, 128}}, {config::integ::kHmacSha256_128}, {19});
  auto sel = select(ike_proposals({&mine}), ike_proposals({&theirs}));
  ASSERT_FALSE(sel.ok());
  EXPECT_NE(sel.error().message.find("peer offered AES-CBC-128"), std::string::npos) << sel.error().message;
  EXPECT_NE(sel.error().message.find("we accept AES-CBC-256"), std::string::npos) << sel.error().message;
}

TEST(Proposal, ResponseWithATransformWeNeverOfferedIsRejected) {
  auto mine = prop({{config::encr::kAesCbc, 256}}, {config::integ::kHmacSha256_128}, {19});
  auto other = prop({{config::encr::kAesCbc, 256}}, {config::integ::kHmacSha256_128}, {20});
  auto offered = ike_proposals({&mine});
  wire::SaPayload response{{ike_proposals({&other})[0]}};
  EXPECT_FALSE(check_response(offered, response).ok());
  wire::SaPayload two{{offered[0], offered[0]}};
  EXPECT_FALSE(check_response(offered, two).ok());  // exactly one proposal in a response
}

TEST(Proposal, EspProposalWithoutEsnFromThePeerMeansNoEsn) {
  config::TransformSet ts{"ts", {{config::encr::kAesGcm16, 256}}, {config::integ::kNone}, ipsec::sa::Mode::Tunnel};
  auto mine = esp_proposals({&ts}, 0, 0x1234);
  auto theirs = mine;
  std::erase_if(theirs[0].transforms, [](const auto& t) { return t.type == TransformType::Esn; });
  auto sel = select(mine, theirs);
  ASSERT_TRUE(sel.ok());
  auto alg = esp_algorithms(sel->chosen);
  ASSERT_TRUE(alg.ok());
  EXPECT_EQ(alg->encr_id, config::encr::kAesGcm16);
  EXPECT_EQ(alg->integ_id, 0);
}

TEST(Proposal, PfsGroupMustBeOfferedByBothSides) {
  config::TransformSet ts{"ts", {{config::encr::kAesCbc, 256}}, {config::integ::kHmacSha256_128}, ipsec::sa::Mode::Tunnel};
  EXPECT_FALSE(select(esp_proposals({&ts}, 19, 1), esp_proposals({&ts}, 0, 2)).ok());
  EXPECT_TRUE(select(esp_proposals({&ts}, 19, 1), esp_proposals({&ts}, 19, 2)).ok());
}

TEST(IdentityMatch, DomainMatchesOnLabelBoundariesOnly) {
  config::IdentityMatch m{config::IdentityMatch::Kind::FqdnDomain, std::nullopt, "example.com"};
  EXPECT_TRUE(m.matches({config::IdType::Fqdn, "r1.example.com"}));
  EXPECT_TRUE(m.matches({config::IdType::Fqdn, "EXAMPLE.com"}));
  EXPECT_FALSE(m.matches({config::IdType::Fqdn, "badexample.com"}));
  EXPECT_FALSE(m.matches({config::IdType::Rfc822, "x@example.com"}));
  config::IdentityMatch e{config::IdentityMatch::Kind::EmailDomain, std::nullopt, "example.com"};
  EXPECT_TRUE(e.matches({config::IdType::Rfc822, "vpn@example.com"}));
  config::IdentityMatch a{config::IdentityMatch::Kind::Address, platform::Prefix::parse("10.0.0.0/8"), ""};
  EXPECT_TRUE(a.matches(config::Identity::address(*platform::IpAddress::parse("10.1.2.3"))));
  EXPECT_FALSE(a.matches(config::Identity::address(*platform::IpAddress::parse("11.1.2.3"))));
}

TEST(NatDetection, HashCoversSpisAddressAndPortSoAnyRewriteIsSeen) {
  platform::Endpoint ep{*platform::IpAddress::parse("192.0.2.1"), 500};
  auto h = nat_hash(1, 2, ep);
  EXPECT_EQ(h.size(), 20u);  // SHA-1
  EXPECT_NE(h, nat_hash(1, 2, {ep.address, 4500}));
  EXPECT_NE(h, nat_hash(1, 3, ep));
  wire::Message m;
  add_nat_detection(m, 1, 2, ep, {*platform::IpAddress::parse("198.51.100.1"), 500});
  // Seen from the receiver: SOURCE is the sender's local, DESTINATION the receiver's local.
  auto same = check_nat_detection(m, 1, 2, {*platform::IpAddress::parse("198.51.100.1"), 500}, ep);
  ASSERT_TRUE(same);
  EXPECT_FALSE(same->local_behind_nat);
  EXPECT_FALSE(same->remote_behind_nat);
  auto natted = check_nat_detection(m, 1, 2, {*platform::IpAddress::parse("198.51.100.1"), 500},
                                    {*platform::IpAddress::parse("203.0.113.9"), 1024});
  ASSERT_TRUE(natted);
  EXPECT_TRUE(natted->remote_behind_nat);
  EXPECT_FALSE(check_nat_detection(wire::Message{}, 1, 2, ep, ep));
}

TEST(StateSize, AnEstablishedIkeSaStaysWellUnderTwoKibibytes) {
  // Issue 10's budget is 2 KiB per IKE SA at 100,000 SAs; the fixed part must leave room for keys,
  // one child and the cached response.
  EXPECT_LT(sizeof(IkeSa), 1024u);
  EXPECT_LT(sizeof(ChildState), 256u);
}

}  // namespace
}  // namespace ravelin::ike::engine
