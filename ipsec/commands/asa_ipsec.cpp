// ASA `crypto ipsec ikev2 ipsec-proposal`, `crypto ipsec profile`, header-less crypto maps
// (`crypto map M 10 set peer …`), dynamic maps and `crypto map M interface IF` (cisco-cli.md §3.4, §3.6).
#include <algorithm>
#include <string>

#include "grammar/config/node.hpp"
#include "grammar/config/render.hpp"
#include "ipsec/commands/commands.hpp"
#include "ipsec/commands/transforms.hpp"

namespace ravelin::ipsec::commands {

namespace {

std::string alternatives(const std::vector<AsaEspAlg>& table) {
  std::string out;
  for (const auto& a : table) {
    if (!out.empty()) out += '|';
    out += std::string(a.keyword);
  }
  return out;
}

std::vector<std::string> texts(const grammar::Value* v) {
  std::vector<std::string> out;
  if (v == nullptr) return out;
  if (v->is_list()) {
    for (const auto& i : v->items()) out.push_back(i.text());
  } else {
    out.push_back(v->text());
  }
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
  return out;
}

// The ASA prints ESP algorithms strongest first whatever the typed order (cisco-cli.md §3.4).
grammar::RenderHook canonical(const char* prefix, const std::vector<AsaEspAlg>& table) {
  return [prefix, &table](const grammar::config::Node& n, const grammar::config::RenderOptions&) {
    return std::string(prefix) + join(asa_canonical_order(texts(n.args().find("algs")), table));
  };
}

// AES-GCM/GMAC carry their own integrity: the ASA refuses a non-null integrity beside them. Checked from
// both lines, so no typing order can leave a proposal that its own running-config would not reload.
bool combined_with_integrity(const std::vector<std::string>& encryptions, const std::vector<std::string>& integrities) {
  bool combined = false;
  for (const auto& e : encryptions) {
    for (const auto& a : asa_esp_encryptions()) combined |= (a.keyword == e && a.combined);
  }
  bool only_null = std::all_of(integrities.begin(), integrities.end(), [](const std::string& s) { return s == "null"; });
  return combined && !only_null;
}

constexpr const char* kGcmIntegrityError = "ERROR: % Integrity must be null for AES-GCM and AES-GMAC encryption";

Status validate_integrity_with_gcm(const grammar::ValidateContext& c) {
  if (c.negate) return {};
  const auto* enc = c.parent.find("protocol esp encryption");
  if (enc == nullptr) return {};
  if (combined_with_integrity(texts(enc->args().find("algs")), texts(c.args.find("algs")))) {
    return make_error(kGcmIntegrityError);
  }
  return {};
}

Status validate_gcm_with_integrity(const grammar::ValidateContext& c) {
  if (c.negate) return {};
  const auto* integ = c.parent.find("protocol esp integrity");
  if (integ == nullptr) return {};
  if (combined_with_integrity(texts(c.args.find("algs")), texts(integ->args().find("algs")))) {
    return make_error(kGcmIntegrityError);
  }
  return {};
}

constexpr const char* kAsaPfs =
    "[{group1|group2|group5|group14|group15|group16|group19|group20|group21|group24}$group]";

void declare_asa_sa_settings(grammar::Scope& sc) {
  sc.leaf(std::string("set pfs ") + kAsaPfs, {.help = {{"pfs", "Specify pfs settings"}}});
  sc.leaf("set security-association lifetime seconds <120-2147483647>$seconds",
          {.id = "set security-association lifetime seconds",
           .help = {{"security-association", "Security association duration"}}});
  sc.leaf("set security-association lifetime kilobytes {<10-2147483647>|unlimited}$kilobytes",
          {.id = "set security-association lifetime kilobytes"});
  sc.leaf("set ikev2 ipsec-proposal WORD...$proposals",
          {.help = {{"ikev2", "Set IKEv2 options"}, {"ipsec-proposal", "Specify IKEv2 IPsec proposals"}}});
}

}  // namespace

// Help for the keywords `?` lists in the ASA IPsec commands whose declarations carry none.
static void declare_asa_ipsec_help(grammar::CommandSet& s) {
  const grammar::Help texts = {
      {"des", "DES algorithm"}, {"3des", "3DES algorithm"}, {"aes", "AES-128 algorithm"},
      {"aes-192", "AES-192 algorithm"}, {"aes-256", "AES-256 algorithm"},
      {"aes-gcm", "AES-GCM-128 authenticated encryption"}, {"aes-gcm-192", "AES-GCM-192 authenticated encryption"},
      {"aes-gcm-256", "AES-GCM-256 authenticated encryption"}, {"aes-gmac", "AES-GMAC-128 integrity only"},
      {"aes-gmac-192", "AES-GMAC-192 integrity only"}, {"aes-gmac-256", "AES-GMAC-256 integrity only"},
      {"null", "Null algorithm"}, {"md5", "set MD5 integrity algorithm"}, {"sha-1", "set SHA-1 integrity algorithm"},
      {"sha-256", "set SHA-256 integrity algorithm"}, {"sha-384", "set SHA-384 integrity algorithm"},
      {"sha-512", "set SHA-512 integrity algorithm"},
      {"set", "Specify settings"}, {"lifetime", "Security association lifetime"},
      {"seconds", "Security association duration in seconds"},
      {"kilobytes", "Security association duration in kilobytes"}, {"unlimited", "Disable volume-based rekey"},
      {"responder-only", "Do not initiate: only respond to the peer"},
      {"dynamic-map", "Configure a dynamic crypto map"}, {"ipsec", "Configure transform-set, IPSec SA lifetime and fragmentation"},
      {"security-association", "Security association parameters"}};
  for (const auto& [k, t] : texts) s.help(k, t);
  for (int g : {1, 2, 5, 14, 15, 16, 19, 20, 21, 24}) {
    s.help("group" + std::to_string(g), "D-H Group " + std::to_string(g));
  }
}

void declare_asa_ipsec(grammar::CommandSet& s) {
  s.help("crypto", "Configure IPSec, ISAKMP, Certification authority, key");
  declare_asa_ipsec_help(s);
  auto prop = s.list("crypto ipsec ikev2 ipsec-proposal WORD$name",
                     {.enters = "config-ipsec-proposal", .rank = rank::kTransformSet, .separator = false,
                      .help = {{"ikev2", "Configure IKEv2 policy"},
                               {"ipsec-proposal", "Configure an IKEv2 IPsec proposal"}}});
  prop.leaf("protocol esp encryption {" + alternatives(asa_esp_encryptions()) + "}...$algs",
            {.id = "protocol esp encryption",
             .help = {{"protocol", "Select protocol"}, {"esp", "Specify ESP protocol"},
                      {"encryption", "Specify ESP encryption algorithms"}},
             .validate = validate_gcm_with_integrity,
             .render = canonical("protocol esp encryption ", asa_esp_encryptions())});
  prop.leaf("protocol esp integrity {" + alternatives(asa_esp_integrities()) + "}...$algs",
            {.id = "protocol esp integrity",
             .help = {{"integrity", "Specify ESP integrity algorithms"}},
             .validate = validate_integrity_with_gcm,
             .render = canonical("protocol esp integrity ", asa_esp_integrities())});

  auto prof = s.list("crypto ipsec profile WORD$name",
                     {.enters = "config-ipsec-profile", .rank = rank::kIpsecProfile, .separator = false,
                      .help = {{"profile", "Configure an ipsec policy profile"}}});
  declare_asa_sa_settings(prof);
  prof.presence("responder-only");

  s.leaf("crypto ipsec security-association lifetime seconds <120-2147483647>$seconds",
         {.dflt = 28800, .id = "crypto ipsec security-association lifetime seconds", .rank = rank::kIpsecGlobal});
  s.leaf("crypto ipsec security-association lifetime kilobytes <10-2147483647>$kilobytes",
         {.dflt = int64_t{4608000}, .id = "crypto ipsec security-association lifetime kilobytes",
          .rank = rank::kIpsecGlobal});

  auto dyn = s.list("crypto dynamic-map WORD$name <1-65535>$seq",
                    {.header = false, .keys = {"name", "seq"}, .order = grammar::Order::Key,
                     .rank = rank::kDynamicMap, .separator = false});
  dyn.leaf("match address WORD$acl");
  declare_asa_sa_settings(dyn);

  auto map = s.list("crypto map WORD$name <1-65535>$seq",
                    {.header = false, .keys = {"name", "seq"}, .order = grammar::Order::Key,
                     .rank = rank::kCryptoMap, .separator = false,
                     .help = {{"map", "Configure a crypto map"}, {"$name", "Crypto map tag"}, {"$seq", "Sequence number"}}});
  map.leaf("match address WORD$acl", {.help = {{"match", "Match values"}, {"address", "Match address of packets to encrypt"}}});
  // The ASA prints `set peer A B ` with a trailing space (cisco-cli.md §3.6).
  map.leaf("set peer {A.B.C.D|WORD}...$peers",
           {.help = {{"set", "Specify crypto map settings"}, {"peer", "Set peer address"}},
            .render = [](const grammar::config::Node& n, const grammar::config::RenderOptions&) {
              return "set peer " + join(texts(n.args().find("peers"))) + " ";
            }});
  declare_asa_sa_settings(map);
  map.leaf("set connection-type {answer-only|originate-only|bidirectional}$type",
           {.help = {{"connection-type", "Specify connection type"}}});
  map.presence("set reverse-route", {.help = {{"reverse-route", "Enable reverse route injection"}}});
  map.presence("set nat-t-disable", {.help = {{"nat-t-disable", "Disable NAT-T for this map"}}});
  map.leaf("ipsec-isakmp dynamic WORD$dynamic", {.help = {{"ipsec-isakmp", "Specify IPSec with ISAKMP"}}});

  s.leaf_list("crypto map WORD$name interface WORD$nameif",
              {.keys = {"name"}, .id = "crypto map interface", .rank = rank::kCryptoMapInterface,
               .help = {{"interface", "Apply crypto map to an interface"}, {"$name", "Crypto map tag"},
                        {"$nameif", "Name of the interface (nameif)"}}});
}

}  // namespace ravelin::ipsec::commands
