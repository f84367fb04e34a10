#include "ike/loadgen/ios_config.hpp"

#include <algorithm>
#include <array>

#include "ike/commands/algorithms.hpp"

namespace ravelin::ike::loadgen {

namespace {

// `crypto ikev2 proposal` keywords (IOS column of ike/commands/algorithms).
Result<std::string> ike_encryption(const config::Encryption& e) {
  for (const auto& a : commands::encryptions()) {
    if (a.id == e.id && a.bits == e.key_bits && !a.ios.empty()) return std::string(a.ios);
  }
  return make_error("IOS has no IKEv2 encryption keyword for transform " + std::to_string(e.id) + "/" +
                    std::to_string(e.key_bits) + " bits");
}

Result<std::string> ike_hash(uint16_t id, bool prf) {
  for (const auto& h : commands::hashes()) {
    if ((prf ? h.prf_id : h.integ_id) == id) return std::string(h.ios);
  }
  return make_error(std::string("IOS has no IKEv2 ") + (prf ? "prf" : "integrity") + " keyword for transform " +
                    std::to_string(id));
}

Result<std::string> proposal_block(const config::IkeProposal& p, const std::string& name) {
  std::string enc, integ, prf, groups;
  for (const auto& e : p.encryption) {
    auto k = ike_encryption(e);
    if (!k) return k.error();
    enc += " " + *k;
  }
  for (auto id : p.integrity) {
    auto k = ike_hash(id, false);
    if (!k) return k.error();
    integ += " " + *k;
  }
  for (auto id : p.prf) {
    auto k = ike_hash(id, true);
    if (!k) return k.error();
    prf += " " + *k;
  }
  for (auto g : p.groups) {
    if (!commands::find_group(g)) return make_error("IOS has no IKEv2 group " + std::to_string(g));
    groups += " " + std::to_string(g);
  }
  std::string out = "crypto ikev2 proposal " + name + "\n encryption" + enc + "\n";
  if (!integ.empty()) out += " integrity" + integ + "\n";
  // Without a prf line IOS uses the integrity algorithm as PRF, as RFC 7296 §3.3.2 proposals from
  // strongSwan's notation do; an AEAD proposal must name its PRF.
  if (!prf.empty()) out += " prf" + prf + "\n";
  return out + " group" + groups + "\n!\n";
}

struct EspKeyword {
  uint16_t id;
  std::string_view ios;
};
constexpr std::array<EspKeyword, 4> kEspIntegrity{{
    {config::integ::kHmacSha1_96, "esp-sha-hmac"},
    {config::integ::kHmacSha256_128, "esp-sha256-hmac"},
    {config::integ::kHmacSha384_192, "esp-sha384-hmac"},
    {config::integ::kHmacSha512_256, "esp-sha512-hmac"},
}};

// One IOS transform set holds one cipher and at most one ESP authentication transform.
Result<std::string> transform_line(const config::TransformSet& t) {
  if (t.encryption.size() != 1 || t.integrity.size() != 1) {
    return make_error("an IOS transform set holds one cipher and one integrity algorithm; split '" + t.name +
                      "' into several ESP proposals");
  }
  const auto& e = t.encryption.front();
  std::string out;
  if (e.id == config::encr::kAesCbc) {
    out = e.key_bits == 128 ? "esp-aes" : "esp-aes " + std::to_string(e.key_bits);
  } else if (e.id == config::encr::kAesGcm16 && (e.key_bits == 128 || e.key_bits == 256)) {
    out = e.key_bits == 128 ? "esp-gcm" : "esp-gcm 256";  // IOS esp-gcm has no 192-bit key
  } else {
    return make_error("IOS has no ESP transform for cipher " + std::to_string(e.id) + "/" + std::to_string(e.key_bits) +
                      " bits");
  }
  const uint16_t integ = t.integrity.front();
  if (integ == config::integ::kNone) return out;
  auto it = std::find_if(kEspIntegrity.begin(), kEspIntegrity.end(), [&](const EspKeyword& k) { return k.id == integ; });
  if (it == kEspIntegrity.end()) return make_error("IOS has no ESP integrity transform " + std::to_string(integ));
  return out + " " + std::string(it->ios);
}

bool proposes(const EspProposals& esp, const config::Encryption& e, uint16_t integ) {
  return std::any_of(esp.sets.begin(), esp.sets.end(), [&](const config::TransformSet& t) {
    return std::find(t.encryption.begin(), t.encryption.end(), e) != t.encryption.end() &&
           std::find(t.integrity.begin(), t.integrity.end(), integ) != t.integrity.end();
  });
}

// --no-child: a transform set the generator never proposes, so every child gets NO_PROPOSAL_CHOSEN.
std::string refusing_transform(const EspProposals& esp) {
  if (!proposes(esp, {config::encr::kAesGcm16, 128}, config::integ::kNone)) return "esp-gcm";
  return "esp-aes 192 esp-sha512-hmac";
}

// The groups of IOS `set pfs` (ipsec/commands/ios_transform_set.cpp): no Curve25519/448 there.
bool ios_pfs_group(uint16_t g) {
  constexpr std::array<uint16_t, 9> kGroups{1, 2, 5, 14, 15, 16, 19, 20, 21};
  return std::find(kGroups.begin(), kGroups.end(), g) != kGroups.end();
}

std::string dotted_mask(platform::Family fam) { return fam == platform::Family::V4 ? " 255.255.255.0" : "/64"; }

}  // namespace

Result<std::string> ios_responder_config(const RespondOptions& o) {
  if (o.listen.empty()) return make_error("no listening address (--listen)");
  if (o.psk.empty() || o.psk.find_first_of(" \t\r\n") != std::string::npos) {
    return make_error("the pre-shared key must be one word for an IOS keyring");
  }
  const auto& local = o.listen.front();
  std::string s = "hostname bench-responder\n!\n";
  std::string policy = "crypto ikev2 policy BENCH\n";
  for (size_t i = 0; i < o.ike_proposals.size(); ++i) {
    const std::string name = "BENCH-" + std::to_string(i + 1);
    auto block = proposal_block(o.ike_proposals[i], name);
    if (!block) return block.error();
    s += *block;
    policy += " proposal " + name + "\n";
  }
  s += policy + "!\n";
  s += "crypto ikev2 keyring BENCH\n peer ANY\n  address 0.0.0.0 0.0.0.0\n  pre-shared-key " + o.psk + "\n !\n";
  s += " peer ANY6\n  address ::/0\n  pre-shared-key " + o.psk + "\n !\n!\n";
  s += "crypto ikev2 profile BENCH\n match identity remote any\n authentication remote pre-share\n"
       " authentication local pre-share\n keyring local BENCH\n!\n";
  std::string sets;
  if (o.no_child) {
    s += "crypto ipsec transform-set BENCH-REFUSE " + refusing_transform(o.esp_proposals) + "\n mode tunnel\n!\n";
    sets = " BENCH-REFUSE";
  } else {
    for (size_t i = 0; i < o.esp_proposals.sets.size(); ++i) {
      auto line = transform_line(o.esp_proposals.sets[i]);
      if (!line) return line.error();
      const std::string name = "BENCH-" + std::to_string(i + 1);
      s += "crypto ipsec transform-set " + name + " " + *line + "\n mode tunnel\n!\n";
      sets += " " + name;
    }
  }
  s += "crypto dynamic-map BENCH-DYN 10\n set transform-set" + sets + "\n set ikev2-profile BENCH\n";
  if (const uint16_t g = o.esp_proposals.pfs_group; g != 0 && !o.no_child) {
    if (!ios_pfs_group(g)) return make_error("IOS `set pfs` has no group " + std::to_string(g));
    s += " set pfs group" + std::to_string(g) + "\n";
  }
  s += "!\ncrypto map BENCH-MAP 65535 ipsec-isakmp dynamic BENCH-DYN\n!\n";
  s += "interface GigabitEthernet0/0\n " + std::string(local.is_v4() ? "ip" : "ipv6") + " address " +
       local.to_string() + dotted_mask(local.family()) + "\n crypto map BENCH-MAP\n!\nend\n";
  return s;
}

}  // namespace ravelin::ike::loadgen
