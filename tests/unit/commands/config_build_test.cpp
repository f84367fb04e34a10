// The IOS and ASA trees become one typed IkeConfig; the corrected site-to-site peers agree with each
// other; change sets name what changed.
#include <gtest/gtest.h>

#include <algorithm>

#include "cli/running_config.hpp"
#include "ike/config_build/build.hpp"
#include "tests/unit/commands/harness.hpp"

namespace ravelin::testing {
namespace {

using ike::config::IkeConfig;
namespace cb = ike::config_build;

platform::IpAddress ip(const char* s) { return *platform::IpAddress::parse(s); }

cb::Built load_and_build(Device& d, const std::string& text) {
  auto r = d.load(text);
  EXPECT_TRUE(r.errors.empty()) << errors_text(r);
  return cb::build(d.store.running().root(), d.set.dialect());
}

bool same_algorithms(const ike::config::IkeProposal& a, const ike::config::IkeProposal& b) {
  return a.encryption == b.encryption && a.integrity == b.integrity && a.prf == b.prf && a.groups == b.groups;
}

TEST(ConfigBuild, SiteToSitePeersAgreeOnEverythingTheyNegotiate) {
  Device ios(grammar::Dialect::Ios), asa(grammar::Dialect::Asa);
  auto i = load_and_build(ios, read_file(source_path("examples/site-to-site/ios-router.cfg")));
  auto a = load_and_build(asa, cli::strip_config_headers(read_file(source_path("examples/site-to-site/asa-firewall.cfg"))));
  const IkeConfig& ic = *i.config;
  const IkeConfig& ac = *a.config;

  ASSERT_EQ(ic.crypto_map.size(), 1u);
  ASSERT_EQ(ac.crypto_map.size(), 1u);
  const auto& ie = ic.crypto_map[0];
  const auto& ae = ac.crypto_map[0];
  EXPECT_EQ(ie.local_address, ip("198.51.100.1"));
  EXPECT_EQ(ae.local_address, ip("203.0.113.1"));
  EXPECT_EQ(ie.peers, std::vector<platform::IpAddress>{ae.local_address});
  EXPECT_EQ(ae.peers, std::vector<platform::IpAddress>{ie.local_address});
  // Mirror-image selectors: what one protects locally is the other's remote side.
  EXPECT_EQ(ie.local_ts, ae.remote_ts);
  EXPECT_EQ(ie.remote_ts, ae.local_ts);
  EXPECT_EQ(ie.local_ts.at(0), ipsec::ts::TrafficSelector::host(ip("192.168.1.100")));

  // IKE: the proposal the IOS policy offers is one the ASA accepts.
  auto offered = ic.proposals_for(ie.local_address);
  auto accepted = ac.proposals_for(ae.local_address);
  ASSERT_FALSE(offered.empty());
  ASSERT_FALSE(accepted.empty());
  EXPECT_TRUE(same_algorithms(*offered.front(), *accepted.front()));
  // ESP: the transform set equals the ipsec-proposal.
  const auto* ts = ic.find_transform_set(ie.transform_sets.at(0));
  const auto* prop = ac.find_transform_set(ae.transform_sets.at(0));
  ASSERT_TRUE(ts && prop);
  EXPECT_EQ(ts->encryption, prop->encryption);
  EXPECT_EQ(ts->integrity, prop->integrity);
  EXPECT_EQ(ts->mode, prop->mode);

  // Keys: what one signs with is what the other verifies.
  const auto* kr = ic.find_keyring(ic.find_profile(ie.profile)->keyring);
  const auto* akr = ac.find_keyring(ac.find_profile(ae.profile)->keyring);
  ASSERT_TRUE(kr && akr);
  EXPECT_EQ(kr->peers.at(0).address, platform::Prefix::host(ae.local_address));
  EXPECT_EQ(akr->peers.at(0).address, platform::Prefix::host(ie.local_address));
  EXPECT_EQ(kr->peers[0].pre_shared_key_local, akr->peers[0].pre_shared_key_remote);
  EXPECT_EQ(kr->peers[0].pre_shared_key_remote, akr->peers[0].pre_shared_key_local);
  EXPECT_TRUE(i.warnings.empty()) << i.warnings.front();
  EXPECT_TRUE(a.warnings.empty()) << a.warnings.front();
}

TEST(ConfigBuild, SeedIosMapIsNotUsedBecauseItsInterfaceHasNoAddress) {
  Device ios(grammar::Dialect::Ios);
  (void)ios.load(read_file(source_path("examples/seed/ios-router.cfg")));
  auto b = cb::build(ios.store.running().root(), grammar::Dialect::Ios);
  EXPECT_TRUE(b.config->crypto_map.empty());
  ASSERT_FALSE(b.warnings.empty());
  EXPECT_NE(b.warnings[0].find("crypto map CMAP 10: not applied to an interface with an address"), std::string::npos)
      << b.warnings[0];
  // The seed's proposal 10 is referenced by policy 1, so it is what proposals_for() offers first.
  auto offered = b.config->proposals_for(ip("101.1.1.100"));
  ASSERT_FALSE(offered.empty());
  EXPECT_EQ(offered.front()->name, "10");
  EXPECT_EQ(offered.front()->prf, std::vector<uint16_t>{ike::config::prf::kHmacSha256});  // follows integrity
}

TEST(ConfigBuild, SmartDefaultsAppearUnlessDisabled) {
  Device ios(grammar::Dialect::Ios);
  auto b = cb::build(ios.store.running().root(), grammar::Dialect::Ios);
  ASSERT_NE(b.config->find_proposal("default"), nullptr);
  EXPECT_EQ(b.config->find_proposal("default")->groups, (std::vector<uint16_t>{19, 14, 21, 5}));
  ASSERT_NE(b.config->find_transform_set("default"), nullptr);
  EXPECT_EQ(b.config->find_transform_set("default")->mode, ipsec::sa::Mode::Transport);
  (void)ios.load("no crypto ikev2 proposal default\nno crypto ipsec transform-set default\n");
  auto after = cb::build(ios.store.running().root(), grammar::Dialect::Ios);
  EXPECT_EQ(after.config->find_proposal("default"), nullptr);
  EXPECT_EQ(after.config->find_transform_set("default"), nullptr);
}

TEST(ConfigBuild, ChangeSetNamesTheModifiedAddedAndRemovedObjects) {
  Device ios(grammar::Dialect::Ios);
  auto before = load_and_build(ios, read_file(source_path("examples/site-to-site/ios-router.cfg")));
  (void)ios.load("crypto ikev2 profile IKEV2\n lifetime 3600\nno crypto map CMAP 10\n"
                 "crypto ipsec transform-set T2 esp-gcm 256\n");
  auto after = cb::build(ios.store.running().root(), grammar::Dialect::Ios);
  auto changes = cb::diff(*before.config, *after.config);
  EXPECT_EQ(cb::describe(changes), "~ profile IKEV2\n+ transform-set T2\n- crypto-map CMAP 10\n");
  EXPECT_TRUE(cb::diff(*after.config, *after.config).empty());
}

TEST(ConfigBuild, VtiBecomesAnyToAnyEntryNamedAfterTheTunnel) {
  Device ios(grammar::Dialect::Ios);
  auto b = load_and_build(ios,
                          "crypto ikev2 profile P\n match identity remote any\n authentication local pre-share key k\n"
                          " authentication remote pre-share key k\n"
                          "crypto ipsec profile V\n set ikev2-profile P\n set pfs group14\n"
                          "interface GigabitEthernet0/0\n ip address 198.51.100.1 255.255.255.0\n"
                          "interface Tunnel1\n tunnel source GigabitEthernet0/0\n tunnel destination 203.0.113.1\n"
                          " tunnel mode ipsec ipv4\n tunnel protection ipsec profile V\n");
  ASSERT_EQ(b.config->crypto_map.size(), 1u);
  const auto& e = b.config->crypto_map[0];
  EXPECT_EQ(e.map_name, "Tunnel1-head-0");
  EXPECT_EQ(e.local_address, ip("198.51.100.1"));
  EXPECT_EQ(e.peers.at(0), ip("203.0.113.1"));
  EXPECT_EQ(e.local_ts.at(0), ipsec::ts::TrafficSelector::any(platform::Family::V4));
  EXPECT_EQ(e.pfs_group, 14);
  EXPECT_EQ(e.profile, "P");
  // Inline keys become a keyring of the profile.
  const auto* kr = b.config->find_keyring(b.config->find_profile("P")->keyring);
  ASSERT_NE(kr, nullptr);
  EXPECT_EQ(kr->peers.at(0).pre_shared_key_local, "k");
}

}  // namespace
}  // namespace ravelin::testing
