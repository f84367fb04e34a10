#include "tests/interop/strongswan/ios_config.hpp"

#include <sstream>

namespace ravelin::test::interop {
namespace {

bool is_v6(const std::string& a) { return a.find(':') != std::string::npos; }

std::string host_match(const std::string& addr) {
  return is_v6(addr) ? addr + "/128" : addr + " 255.255.255.255";
}

}  // namespace

std::string render_ios(const IosConfig& c) {
  std::ostringstream s;
  s << "hostname ravelin\n!\n";
  for (const auto& l : c.global_extra) s << l << "\n";
  s << "crypto ikev2 proposal PROP\n";
  for (const auto& l : c.proposal) s << " " << l << "\n";
  s << "!\ncrypto ikev2 policy POL\n proposal PROP\n!\n"
    << "crypto ikev2 keyring KEYS\n peer SWAN\n  address " << (is_v6(c.peer_addr) ? c.peer_addr + "/128" : c.peer_addr)
    << "\n  pre-shared-key " << c.psk << "\n !\n!\n"
    << "crypto ikev2 profile PROF\n match identity remote "
    << (c.remote_match.empty() ? "address " + host_match(c.peer_addr) : c.remote_match) << "\n identity local "
    << (c.local_identity.empty() ? "address " + c.local_addr : c.local_identity) << "\n"
    << " authentication remote pre-share\n authentication local pre-share\n keyring local KEYS\n";
  for (const auto& l : c.profile_extra) s << " " << l << "\n";
  s << "!\ncrypto ipsec transform-set TSET " << c.transform << "\n mode tunnel\n!\n";
  auto entry_body = [&] {
    s << " set transform-set TSET\n set ikev2-profile PROF\n match address VPN\n";
    for (const auto& l : c.map_extra) s << " " << l << "\n";
  };
  if (c.dynamic_map) {
    s << "crypto dynamic-map DMAP 10\n";
    entry_body();
    s << "!\ncrypto map CMAP 10 ipsec-isakmp dynamic DMAP\n!\n";
  } else {
    s << "crypto map CMAP 10 ipsec-isakmp\n set peer " << c.peer_addr << "\n";
    entry_body();
    s << "!\n";
  }
  s << "interface " << c.interface << "\n";
  if (is_v6(c.local_addr)) {
    s << " ipv6 address " << c.local_addr << "/64\n";
  } else {
    s << " ip address " << c.local_addr << " 255.255.255.0\n";
  }
  s << " crypto map CMAP\n!\nip access-list extended VPN\n " << c.acl << "\n!\nend\n";
  return s.str();
}

}  // namespace ravelin::test::interop
