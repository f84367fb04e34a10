// IkeConfig::map_entry_for_peer: static entries by peer and sequence, dynamic entries as the fallback.
#include <gtest/gtest.h>

#include "ike/config/ike_config.hpp"

namespace ravelin::ike::config {
namespace {

platform::IpAddress ip(const char* text) { return *platform::IpAddress::parse(text); }

CryptoMapEntry entry(uint32_t seq, std::vector<platform::IpAddress> peers, bool dynamic = false) {
  CryptoMapEntry e;
  e.map_name = "CMAP";
  e.seq = seq;
  e.peers = std::move(peers);
  e.dynamic = dynamic;
  return e;
}

TEST(MapEntryForPeer, LowestSequenceStaticEntryNamingThePeerWins) {
  IkeConfig c;
  c.crypto_map = {entry(20, {ip("192.0.2.1")}), entry(10, {ip("192.0.2.9"), ip("192.0.2.1")}),
                  entry(5, {ip("192.0.2.7")})};
  const auto* e = c.map_entry_for_peer(ip("192.0.2.1"));
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->seq, 10u);
}

TEST(MapEntryForPeer, DynamicEntryIsUsedOnlyWhenNoStaticEntryNamesThePeer) {
  IkeConfig c;
  c.crypto_map = {entry(65535, {}, true), entry(65000, {}, true), entry(10, {ip("192.0.2.1")})};
  ASSERT_NE(c.map_entry_for_peer(ip("192.0.2.1")), nullptr);
  EXPECT_EQ(c.map_entry_for_peer(ip("192.0.2.1"))->seq, 10u);
  const auto* any = c.map_entry_for_peer(ip("198.51.100.4"));
  ASSERT_NE(any, nullptr);
  EXPECT_TRUE(any->dynamic);
  EXPECT_EQ(any->seq, 65000u);
}

TEST(MapEntryForPeer, UnknownPeerWithoutDynamicEntryFindsNothing) {
  IkeConfig c;
  c.crypto_map = {entry(10, {ip("192.0.2.1")})};
  EXPECT_EQ(c.map_entry_for_peer(ip("198.51.100.4")), nullptr);
}

}  // namespace
}  // namespace ravelin::ike::config
