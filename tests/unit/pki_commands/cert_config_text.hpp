#pragma once
// Certificate site-to-site configurations as an operator types them (ASA `crypto ca` + tunnel-group,
// IOS `crypto pki` + ikev2 profile), loaded into a command set and built into an IkeConfig with the
// key pair the key store would give. Shared by unit_pki_commands and pair_certs.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "ike/commands/pki.hpp"
#include "ike/config_build/build.hpp"
#include "ike/config_build/build_pki.hpp"
#include "tests/unit/commands/harness.hpp"

namespace ravelin::testing {

// `crypto pki|ca certificate chain TP` holding one certificate, as IOS prints it.
inline std::string chain_block(const std::string& head, const std::string& tp, const ike::crypto::Certificate& cert,
                               bool ca) {
  std::string out = head + " certificate chain " + tp + "\n";
  for (const auto& l : ike::config_build::chain_lines(cert, ca)) out += l + "\n";
  return out;
}

// One site of the pair harness: we are `self` (site N protects 192.168.N.0/24), the peer is `peer`.
struct CertSiteText {
  std::string self = "10.0.0.1";
  std::string peer = "10.0.0.2";
  int site = 1;
  int peer_site = 2;
  // ASA: what follows `ikev2 local-authentication` / `ikev2 remote-authentication`.
  std::string asa_local = "certificate ME";
  std::string asa_remote = "certificate";
  // IOS: the profile's methods.
  std::string ios_local = "rsa-sig";
  std::string ios_remote = "rsa-sig";
};

inline std::string site_net(int site) { return "192.168." + std::to_string(site) + ".0"; }

// An ASA L2L crypto-map site authenticating with the trustpoint ME (its certificate) and trusting ROOT.
inline std::string asa_cert_site(const CertSiteText& s, const ike::crypto::Certificate& ca,
                                 const ike::crypto::Certificate& mine) {
  return "interface GigabitEthernet0/0\n nameif outside\n security-level 0\n ip address " + s.self +
         " 255.255.255.0\n"
         "access-list VPN extended permit ip " + site_net(s.site) + " 255.255.255.0 " + site_net(s.peer_site) + " 255.255.255.0\n"
         "crypto ipsec ikev2 ipsec-proposal P\n protocol esp encryption aes-256\n protocol esp integrity sha-256\n"
         "crypto map OUT 10 match address VPN\ncrypto map OUT 10 set peer " + s.peer + "\n"
         "crypto map OUT 10 set ikev2 ipsec-proposal P\ncrypto map OUT interface outside\n"
         "crypto ca trustpoint ROOT\n enrollment terminal\n"
         "crypto ca trustpoint ME\n enrollment terminal\n keypair K\n" +
         chain_block("crypto ca", "ROOT", ca, true) + chain_block("crypto ca", "ME", mine, false) +
         "crypto ikev2 policy 10\n encryption aes-256\n integrity sha256\n group 19\n prf sha256\n"
         "crypto ikev2 enable outside\n"
         "tunnel-group " + s.peer + " type ipsec-l2l\n"
         "tunnel-group " + s.peer + " ipsec-attributes\n"
         " ikev2 remote-authentication " + s.asa_remote + "\n ikev2 local-authentication " + s.asa_local + "\n";
}

// An IOS crypto-map site: profile selected by a certificate map on the peer's DN (`subject-name co
// PEER_CN`), signing with trustpoint ME and verifying with ROOT.
inline std::string ios_cert_site(const CertSiteText& s, const std::string& peer_cn, const ike::crypto::Certificate& ca,
                                 const ike::crypto::Certificate& mine) {
  return "interface Ethernet0\n ip address " + s.self + " 255.255.255.0\n!\n"
         "crypto pki trustpoint ROOT\n enrollment terminal\n revocation-check none\n!\n"
         "crypto pki trustpoint ME\n enrollment terminal\n revocation-check none\n keypair K\n!\n" +
         chain_block("crypto pki", "ROOT", ca, true) + "!\n" + chain_block("crypto pki", "ME", mine, false) + "!\n" +
         "crypto pki certificate map PEER 10\n subject-name co " + peer_cn + "\n!\n"
         "crypto ikev2 proposal P\n encryption aes-cbc-256\n integrity sha256\n group 19\n!\n"
         "crypto ikev2 policy POL\n proposal P\n!\n"
         "crypto ikev2 profile PROF\n match certificate PEER\n identity local dn\n"
         " authentication remote " + s.ios_remote + "\n authentication local " + s.ios_local + "\n"
         " pki trustpoint ME sign\n pki trustpoint ROOT verify\n!\n"
         "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac\n!\n"
         "crypto map CMAP 10 ipsec-isakmp\n set peer " + s.peer + "\n set transform-set TS\n"
         " set ikev2-profile PROF\n match address VPN\n!\n"
         "interface Ethernet0\n crypto map CMAP\n!\n"
         "ip access-list extended VPN\n permit ip " + site_net(s.site) + " 0.0.0.255 " + site_net(s.peer_site) + " 0.0.0.255\n!\n";
}

// Declares the PKI family unless the command-family harness already did (as cli/main_commands.cpp).
inline void ensure_pki(grammar::CommandSet& set) {
  const bool asa = set.dialect() == grammar::Dialect::Asa;
  if (set.top_level(asa ? "crypto ca trustpoint" : "crypto pki trustpoint") != nullptr) return;
  if (asa) {
    ike::commands::declare_asa_pki(set);
  } else {
    ike::commands::declare_ios_pki(set);
  }
}

// A device of either dialect with the PKI commands declared.
struct PkiTextDevice : Device {
  explicit PkiTextDevice(grammar::Dialect d) : Device(d) { ensure_pki(set); }
};

// Loads `text` (no line may fail), builds the IkeConfig and adds `key` as key pair "K".
inline ike::config_build::Built build_text(grammar::Dialect d, const std::string& text,
                                           std::shared_ptr<const ike::crypto::PrivateKey> key) {
  PkiTextDevice dev(d);
  auto r = dev.load(text);
  EXPECT_TRUE(r.errors.empty()) << errors_text(r);
  auto built = ike::config_build::build(dev.store.running().root(), d);
  auto cfg = std::make_shared<ike::config::IkeConfig>(*built.config);
  if (key) cfg->key_pairs.push_back({"K", std::move(key)});
  built.config = cfg;
  return built;
}

}  // namespace ravelin::testing
