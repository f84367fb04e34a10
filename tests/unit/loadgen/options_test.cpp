// `ravelin bench ike` / `bench respond` arguments and the configurations built from them.
#include <gtest/gtest.h>

#include "ike/loadgen/options.hpp"
#include "ike/loadgen/report.hpp"

namespace ravelin::ike::loadgen {
namespace {

using Args = std::vector<std::string>;

platform::IpAddress ip(const char* s) { return *platform::IpAddress::parse(s); }

TEST(LoadArgs, DefaultsNeedOnlyThePeer) {
  auto o = parse_load_args({"--peer", "192.0.2.2"});
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_EQ(o->peer, ip("192.0.2.2"));
  EXPECT_EQ(o->port, 500);
  EXPECT_EQ(o->natt_port, 4500);
  EXPECT_EQ(o->count, 100u);
  EXPECT_EQ(o->concurrency, 32u);
  EXPECT_FALSE(o->del);
  ASSERT_EQ(o->ike_proposals.size(), 1u);
  EXPECT_EQ(o->ike_proposals[0].groups, std::vector<uint16_t>{31});
  ASSERT_EQ(o->esp_proposals.sets.size(), 1u);
}

TEST(LoadArgs, EveryOptionIsApplied) {
  auto o = parse_load_args({"--peer", "10.1.0.1", "--port", "20500", "--count", "5000", "--concurrency", "64",
                            "--proposal", "aes256-sha256-modp2048", "--esp", "aes256-sha256", "--psk", "k3y",
                            "--delete", "--ike-only", "--source", "10.2.0.1-10.2.0.3", "--source", "10.3.0.9",
                            "--timeout", "30", "--quiet"});
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_EQ(o->port, 20500);
  EXPECT_EQ(o->natt_port, 20501);  // another IKE port: NAT-T defaults to the next one
  EXPECT_EQ(o->count, 5000u);
  EXPECT_EQ(o->concurrency, 64u);
  EXPECT_EQ(o->psk, "k3y");
  EXPECT_TRUE(o->del);
  EXPECT_TRUE(o->ike_only);
  EXPECT_TRUE(o->quiet);
  EXPECT_EQ(o->timeout_seconds, 30u);
  EXPECT_EQ(o->sources, (std::vector<platform::IpAddress>{ip("10.2.0.1"), ip("10.2.0.2"), ip("10.2.0.3"), ip("10.3.0.9")}));
  EXPECT_EQ(o->ike_proposals[0].groups, std::vector<uint16_t>{14});
}

TEST(LoadArgs, ErrorsNameTheOption) {
  struct Case {
    Args args;
    std::string needle;
  };
  for (const auto& c : std::vector<Case>{
           {{}, "--peer"},
           {{"--peer", "nonsense"}, "--peer"},
           {{"--peer", "10.0.0.1", "--count", "0"}, "--count"},
           {{"--peer", "10.0.0.1", "--count", "12x"}, "--count"},
           {{"--peer", "10.0.0.1", "--port", "70000"}, "--port"},
           {{"--peer", "10.0.0.1", "--port"}, "--port needs a value"},
           {{"--peer", "10.0.0.1", "--frobnicate"}, "'--frobnicate'"},
           {{"--peer", "10.0.0.1", "--proposal", "aes256-x25519"}, "--proposal"},
           {{"--peer", "10.0.0.1", "--esp", "des"}, "--esp"},
           {{"--peer", "10.0.0.1", "--psk", ""}, "--psk"},
           {{"--peer", "10.0.0.1", "--source", "2001:db8::1"}, "family"},
           {{"--peer", "10.0.0.1", "--port", "600", "--natt-port", "600"}, "--natt-port"},
       }) {
    auto o = parse_load_args(c.args);
    ASSERT_FALSE(o.ok()) << c.needle;
    EXPECT_NE(o.error().message.find(c.needle), std::string::npos) << o.error().message;
  }
}

TEST(LoadArgs, RemoteTsIsAPrefix) {
  auto o = parse_load_args({"--peer", "10.0.0.1", "--remote-ts", "203.0.113.0/24"});
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_EQ(o->remote_ts, *platform::Prefix::parse("203.0.113.0/24"));
  EXPECT_FALSE(parse_load_args({"--peer", "10.0.0.1", "--remote-ts", "203.0.113.0"}).ok());
  EXPECT_EQ(inner_address(0), ip("10.0.0.1"));
  EXPECT_EQ(inner_address(65535), ip("10.1.0.0"));
}

TEST(AddressRange, SingleRangeAndErrors) {
  EXPECT_EQ(parse_address_range("2001:db8::5")->size(), 1u);
  auto r = parse_address_range("10.0.0.254-10.0.1.1");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (std::vector<platform::IpAddress>{ip("10.0.0.254"), ip("10.0.0.255"), ip("10.0.1.0"), ip("10.0.1.1")}));
  EXPECT_FALSE(parse_address_range("10.0.0.9-10.0.0.1").ok());
  EXPECT_FALSE(parse_address_range("10.0.0.0-10.1.0.0").ok());  // 65537 addresses
  EXPECT_FALSE(parse_address_range("10.0.0.1-").ok());
  EXPECT_FALSE(parse_address_range("2001:db8::1-2001:db8::2").ok());
}

TEST(RespondArgs, ListenIsRequiredAndNoChildIsAFlag) {
  EXPECT_FALSE(parse_respond_args({"--port", "500"}).ok());
  auto o = parse_respond_args({"--listen", "192.0.2.2", "--no-child", "--seconds", "9", "--ready-file", "/tmp/x"});
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_TRUE(o->no_child);
  EXPECT_EQ(o->seconds, 9u);
  EXPECT_EQ(o->ready_file, "/tmp/x");
  EXPECT_EQ(o->natt_port, 4500);
}

TEST(InitiatorConfig, OneEntryPerSaWithHostSelectorsAndRotatingSources) {
  auto o = parse_load_args({"--peer", "192.0.2.2", "--psk", "s3cret"});
  ASSERT_TRUE(o.ok());
  std::vector<platform::IpAddress> src{ip("192.0.2.10"), ip("192.0.2.11")};
  auto c = initiator_config(*o, src, 3, 7);
  ASSERT_EQ(c.crypto_map.size(), 3u);
  EXPECT_EQ(c.crypto_map[0].local_address, src[0]);
  EXPECT_EQ(c.crypto_map[1].local_address, src[1]);
  EXPECT_EQ(c.crypto_map[2].local_address, src[0]);
  EXPECT_EQ(c.crypto_map[1].id(), bench_entry_id(2));
  EXPECT_NE(bench_entry_id(1), bench_entry_id(2));
  // SA number 7 + 1 protects 10.0.0.9, never an IKE address, toward the default remote network.
  EXPECT_EQ(c.crypto_map[1].local_ts, ipsec::ts::TrafficSelectors{ipsec::ts::TrafficSelector::host(ip("10.0.0.9"))});
  EXPECT_EQ(c.crypto_map[1].remote_ts, ipsec::ts::TrafficSelectors{ipsec::ts::TrafficSelector::from_prefix(
                                           *platform::Prefix::parse("198.51.100.0/24"))});
  EXPECT_EQ(c.crypto_map[0].peers, std::vector<platform::IpAddress>{ip("192.0.2.2")});
  ASSERT_NE(c.find_profile(c.crypto_map[0].profile), nullptr);
  const auto* kr = c.find_keyring("bench");
  ASSERT_NE(kr, nullptr);
  EXPECT_EQ(kr->peers.at(0).pre_shared_key_local, "s3cret");
  EXPECT_EQ(c.proposals_for(src[0]).size(), 1u);
  EXPECT_NE(c.find_transform_set(c.crypto_map[0].transform_sets.at(0)), nullptr);
}

TEST(ResponderConfig, DynamicEntryAcceptsAnyPeerAndNoChildDropsTheTransformSets) {
  auto o = parse_respond_args({"--listen", "192.0.2.2"});
  ASSERT_TRUE(o.ok());
  auto c = responder_config(*o);
  ASSERT_EQ(c.crypto_map.size(), 1u);
  EXPECT_TRUE(c.crypto_map[0].dynamic);
  EXPECT_TRUE(c.crypto_map[0].peers.empty());
  EXPECT_EQ(c.map_entry_for_peer(ip("203.0.113.77")), &c.crypto_map[0]);
  EXPECT_FALSE(c.crypto_map[0].transform_sets.empty());
  const auto* kr = c.find_keyring("bench");
  ASSERT_NE(kr, nullptr);
  EXPECT_TRUE(kr->peers.at(0).address->contains(ip("203.0.113.77")));
  o->no_child = true;
  EXPECT_TRUE(responder_config(*o).crypto_map[0].transform_sets.empty());
}

TEST(Report, QuantileIsNearestRank) {
  std::vector<double> v{5, 1, 4, 2, 3, 6, 7, 8, 9, 10};
  EXPECT_EQ(quantile(v, 0.5), 5);
  EXPECT_EQ(quantile(v, 0.99), 10);
  EXPECT_EQ(quantile(v, 0.0), 1);
  EXPECT_EQ(quantile({}, 0.5), 0);
}

TEST(Report, TextHasTheHandshakeRateLineAndNoSecrets) {
  LoadReport r;
  r.requested = 10;
  r.established = 10;
  r.seconds = 2;
  r.latencies_ms = {1, 2, 3};
  r.failure_samples = {"peer answered NO_PROPOSAL_CHOSEN"};
  auto s = format_report(r);
  EXPECT_NE(s.find("handshakes/s: 5.0\n"), std::string::npos) << s;
  EXPECT_NE(s.find("latency p50 ms: 2.00\n"), std::string::npos) << s;
  EXPECT_NE(s.find("failure: peer answered NO_PROPOSAL_CHOSEN\n"), std::string::npos) << s;
  EXPECT_EQ(s.find("deleted"), std::string::npos);
}

}  // namespace
}  // namespace ravelin::ike::loadgen
