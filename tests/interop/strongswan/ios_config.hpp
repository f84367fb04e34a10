#pragma once
// Interop harness: the IOS startup-config of the ravelin side of a case, rendered from a few knobs
// so every case states only what it changes from the seed (aes256-sha256-modp1536 / esp-aes
// esp-sha-hmac, address identities, one crypto map entry for 198.51.100.0/24 <-> 203.0.113.0/24).
#include <string>
#include <vector>

namespace ravelin::test::interop {

struct IosConfig {
  std::string local_addr = "192.0.2.1";
  std::string peer_addr = "192.0.2.2";
  std::vector<std::string> proposal = {"encryption aes-cbc-256", "integrity sha256", "group 5"};
  std::string transform = "esp-aes esp-sha-hmac";
  std::string local_identity;               // "" = "address <local_addr>"; e.g. "fqdn ravelin.example"
  std::string remote_match;                 // "" = "address <peer_addr> 255.255.255.255"
  std::string psk;
  std::vector<std::string> profile_extra;   // e.g. "lifetime 120", "dpd 10 2 periodic"
  std::vector<std::string> map_extra;       // e.g. "set pfs group19"
  std::vector<std::string> global_extra;    // e.g. "crypto ikev2 nat keepalive 5"
  std::string acl = "permit ip 198.51.100.0 0.0.0.255 203.0.113.0 0.0.0.255";
  bool dynamic_map = false;                 // responder-only entry without `set peer`
  std::string interface = "GigabitEthernet0/0";
};

std::string render_ios(const IosConfig& c);

}  // namespace ravelin::test::interop
