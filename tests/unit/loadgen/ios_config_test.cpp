// strongSwan-notation bench options -> the IOS startup-config of a daemon responder
// (ike/loadgen/ios_config): the text loads on the real IOS command set without a rejected line, and
// the IkeConfig it builds answers any peer with the same proposals and transform sets as
// `ravelin bench respond` (loadgen::responder_config), so both ravelin responders of scripts/bench-ike
// negotiate the same suite.
#include <gtest/gtest.h>

#include "cli/builtins.hpp"
#include "grammar/command_set.hpp"
#include "grammar/config/load.hpp"
#include "grammar/config/store.hpp"
#include "ike/commands/commands.hpp"
#include "ike/config_build/build.hpp"
#include "ike/loadgen/ios_config.hpp"

namespace ravelin::ike::loadgen {
namespace {

RespondOptions respond(std::vector<std::string> extra) {
  std::vector<std::string> args{"--listen", "192.0.2.2", "--psk", "bench-psk-0123"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto o = parse_respond_args(args);
  EXPECT_TRUE(o.ok()) << o.error().message;
  return o.ok() ? *o : RespondOptions{};
}

std::string text_of(const RespondOptions& o) {
  auto t = ios_responder_config(o);
  EXPECT_TRUE(t.ok()) << t.error().message;
  return t.ok() ? *t : "";
}

// Loads the text on the product's IOS command set; every line must be accepted.
config_build::Built load_ios(const std::string& text) {
  grammar::CommandSet set(grammar::Dialect::Ios);
  cli::register_builtins(set, {.default_hostname = "Router"});
  commands::declare_ios(set);
  grammar::config::ConfigStore store(set);
  auto rep = grammar::config::load(store, text);
  EXPECT_TRUE(rep.errors.empty()) << rep.errors.front().message << "\n" << text;
  return config_build::build(store.running().root(), grammar::Dialect::Ios);
}

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos;
}

TEST(IosResponderConfig, X25519GcmBecomesIosProposalTransformSetAndDynamicMap) {
  const auto t = text_of(respond({}));
  EXPECT_TRUE(has_line(t, " encryption aes-gcm-256")) << t;
  EXPECT_TRUE(has_line(t, " prf sha256")) << t;
  EXPECT_TRUE(has_line(t, " group 31")) << t;
  EXPECT_FALSE(has_line(t, " integrity sha256")) << t;
  EXPECT_TRUE(has_line(t, "crypto ipsec transform-set BENCH-1 esp-gcm 256")) << t;
  EXPECT_TRUE(has_line(t, "  address 0.0.0.0 0.0.0.0")) << t;
  EXPECT_TRUE(has_line(t, " match identity remote any")) << t;
  EXPECT_TRUE(has_line(t, "crypto map BENCH-MAP 65535 ipsec-isakmp dynamic BENCH-DYN")) << t;
  EXPECT_TRUE(has_line(t, " ip address 192.0.2.2 255.255.255.0")) << t;
}

TEST(IosResponderConfig, BuildsTheSameSuiteAsBenchRespondForAnyPeer) {
  for (const char* prop : {"aes256gcm16-prfsha256-x25519", "aes256-sha256-modp2048", "aes128-sha1-ecp256,aes256-sha512-modp3072"}) {
    for (const char* esp : {"aes256gcm16", "aes256-sha256", "aes128-sha1,aes128gcm16"}) {
      SCOPED_TRACE(std::string(prop) + " / " + esp);
      const auto o = respond({"--proposal", prop, "--esp", esp});
      const auto b = load_ios(text_of(o));
      const auto want = responder_config(o);
      ASSERT_TRUE(b.config);
      // The built config also holds IOS's smart-default proposal and transform set; the catch-all
      // policy BENCH offers only ours.
      const auto offered = b.config->proposals_for(o.listen.front());
      ASSERT_EQ(offered.size(), want.proposals.size());
      for (size_t i = 0; i < want.proposals.size(); ++i) {
        const auto& got = *offered[i];
        EXPECT_EQ(got.encryption, want.proposals[i].encryption);
        EXPECT_EQ(got.integrity, want.proposals[i].integrity);
        EXPECT_EQ(got.groups, want.proposals[i].groups);
        // IOS without a prf line uses the integrity algorithm's PRF: empty (derived) or equal.
        if (!want.proposals[i].prf.empty()) {
          EXPECT_EQ(got.prf, want.proposals[i].prf);
        }
      }
      const auto* e = b.config->map_entry_for_peer(*platform::IpAddress::parse("192.0.2.77"));
      ASSERT_NE(e, nullptr) << (b.warnings.empty() ? "" : b.warnings.front());
      EXPECT_TRUE(e->dynamic);
      EXPECT_EQ(e->local_address, o.listen.front());
      EXPECT_EQ(e->profile, "BENCH");
      ASSERT_EQ(e->transform_sets.size(), want.transform_sets.size());
      for (size_t i = 0; i < want.transform_sets.size(); ++i) {
        const auto* ts = b.config->find_transform_set(e->transform_sets[i]);
        ASSERT_NE(ts, nullptr) << e->transform_sets[i];
        EXPECT_EQ(ts->encryption, want.transform_sets[i].encryption);
        EXPECT_EQ(ts->integrity, want.transform_sets[i].integrity);
      }
    }
  }
}

TEST(IosResponderConfig, WildcardKeyringPeerHoldsThePskForBothFamilies) {
  const auto b = load_ios(text_of(respond({})));
  ASSERT_EQ(b.config->keyrings.size(), 1u);
  const auto& peers = b.config->keyrings.front().peers;
  ASSERT_EQ(peers.size(), 2u);
  for (const auto& p : peers) {
    ASSERT_TRUE(p.address.has_value()) << p.name;
    EXPECT_EQ(p.address->length(), 0) << p.name;
    EXPECT_EQ(p.pre_shared_key_local, "bench-psk-0123");
    EXPECT_EQ(p.pre_shared_key_remote, "bench-psk-0123");
  }
}

TEST(IosResponderConfig, NoChildPicksATransformSetTheGeneratorNeverProposes) {
  for (const char* esp : {"aes256gcm16", "aes128gcm16", "aes128gcm16,aes256-sha256"}) {
    SCOPED_TRACE(esp);
    const auto o = respond({"--esp", esp, "--no-child"});
    const auto b = load_ios(text_of(o));
    const auto* e = b.config->map_entry_for_peer(*platform::IpAddress::parse("192.0.2.77"));
    ASSERT_NE(e, nullptr);
    ASSERT_EQ(e->transform_sets.size(), 1u);
    const auto* ts = b.config->find_transform_set(e->transform_sets.front());
    ASSERT_NE(ts, nullptr);
    const auto& refuse = *ts;
    for (const auto& offered : o.esp_proposals.sets) {
      EXPECT_FALSE(refuse.encryption == offered.encryption && refuse.integrity == offered.integrity)
          << "the refusing set equals offered " << offered.name;
    }
  }
}

TEST(IosResponderConfig, EspPfsGroupBecomesSetPfs) {
  const auto t = text_of(respond({"--esp", "aes256-sha256-modp2048"}));
  EXPECT_TRUE(has_line(t, " set pfs group14")) << t;
  EXPECT_EQ(load_ios(t).config->crypto_map.front().pfs_group, 14);
}

TEST(IosResponderConfig, Ipv6ListenAddressGoesOnTheInterfaceAsIpv6) {
  const auto o = respond({"--listen", "2001:db8::2"});
  RespondOptions v6 = o;
  v6.listen = {*platform::IpAddress::parse("2001:db8::2")};
  const auto t = text_of(v6);
  EXPECT_TRUE(has_line(t, " ipv6 address 2001:db8::2/64")) << t;
  const auto b = load_ios(t);
  const auto* e = b.config->map_entry_for_peer(*platform::IpAddress::parse("2001:db8::77"));
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->local_address, v6.listen.front());
}

TEST(IosResponderConfig, WhatIosCannotExpressIsAnErrorNamingIt) {
  struct Case {
    std::vector<std::string> args;
    const char* says;
  };
  const std::vector<Case> cases{
      {{"--esp", "chacha20poly1305"}, "no ESP transform"},
      {{"--esp", "aes256-aes128-sha256"}, "one cipher and one integrity"},
      {{"--esp", "aes256gcm16-x25519"}, "`set pfs` has no group 31"},
      {{"--proposal", "chacha20poly1305-prfsha256-x25519"}, "no IKEv2 encryption keyword"},
      {{"--psk", "two words"}, "one word"},
  };
  for (const auto& c : cases) {
    auto o = parse_respond_args([&] {
      std::vector<std::string> a{"--listen", "192.0.2.2", "--psk", "k"};
      a.insert(a.end(), c.args.begin(), c.args.end());
      return a;
    }());
    ASSERT_TRUE(o.ok()) << o.error().message;
    auto t = ios_responder_config(*o);
    ASSERT_FALSE(t.ok()) << c.says;
    EXPECT_NE(t.error().message.find(c.says), std::string::npos) << t.error().message;
  }
}

}  // namespace
}  // namespace ravelin::ike::loadgen
