#pragma once
// The IOS build in sections, so that build_ios (everything) and IncrementalBuilder (only what a commit
// touched) assemble the same IkeConfig from the same code. Each section appends to `c`/`warnings` in
// the order build_ios uses.
#include <string>
#include <vector>

#include "ike/config_build/common.hpp"

namespace ravelin::ike::config_build::detail {

// `crypto ikev2 proposal|policy` (+ the smart defaults unless disabled).
void build_ios_proposals_and_policies(const Node& root, config::IkeConfig& c);
// One `crypto ikev2 keyring` entry, and one `peer` inside it.
[[nodiscard]] config::Keyring ios_keyring(const Node& keyring);
[[nodiscard]] config::KeyringPeer ios_keyring_peer(const Node& peer);
// PKI objects, then the profiles (their inline keys become keyrings appended to c.keyrings).
void build_ios_profiles(const Node& root, const std::vector<InterfaceInfo>& ifs, config::IkeConfig& c,
                        std::vector<std::string>& warnings);
// `crypto ipsec transform-set` entries (+ the smart default).
void build_ios_transform_sets(const Node& root, config::IkeConfig& c);

// What every crypto-map entry reads from outside its own subtree besides its ACL.
struct IosMapGlobals {
  uint32_t seconds = 3600;
  uint64_t kilobytes = 4608000;
  bool default_transform_set = true;
  friend bool operator==(const IosMapGlobals&, const IosMapGlobals&) = default;
};
[[nodiscard]] IosMapGlobals ios_map_globals(const Node& root);
// One `crypto map NAME SEQ` entry: its CryptoMapEntry values (one per proxy pair, or one per dynamic-map
// entry) appended to `out`, its problems to `warnings`.
void build_ios_map_entry(const Node& root, const Node& m, const std::vector<InterfaceInfo>& ifs,
                         const IosMapGlobals& g, std::vector<config::CryptoMapEntry>& out,
                         std::vector<std::string>& warnings);
// `interface TunnelN` + `tunnel protection ipsec profile P` entries.
void build_ios_vtis(const Node& root, const std::vector<InterfaceInfo>& ifs, const IosMapGlobals& g,
                    std::vector<config::CryptoMapEntry>& out, std::vector<std::string>& warnings);
// DPD, window, cookie challenge, NAT keepalive, SA limit.
void build_ios_globals(const Node& root, config::IkeConfig& c, std::vector<std::string>& warnings);

}  // namespace ravelin::ike::config_build::detail
