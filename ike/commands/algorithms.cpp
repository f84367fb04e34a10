#include "ike/commands/algorithms.hpp"

namespace ravelin::ike::commands {

namespace {

// IANA: ENCR 2 DES, 3 3DES, 12 AES-CBC, 20 AES-GCM-16; INTEG 1 MD5-96, 2 SHA1-96, 12/13/14 SHA2;
// PRF 1 MD5, 2 SHA1, 5/6/7 SHA2 (RFC 7296 §3.3.2, RFC 4868).
const std::vector<EncrAlg> kEncr = {
    {"3des", "3des", 3, 192, false, "3DES", "Triple DES"},
    {"aes-cbc-128", "aes", 12, 128, false, "AES-CBC-128", "AES-CBC-128"},
    {"aes-cbc-192", "aes-192", 12, 192, false, "AES-CBC-192", "AES-CBC-192"},
    {"aes-cbc-256", "aes-256", 12, 256, false, "AES-CBC-256", "AES-CBC-256"},
    {"aes-gcm-128", "aes-gcm", 20, 128, true, "AES-GCM-128", "Combined-mode, 128 bit key, 16 byte ICV"},
    {"", "aes-gcm-192", 20, 192, true, "AES-GCM-192", "Combined-mode, 192 bit key, 16 byte ICV"},
    {"aes-gcm-256", "aes-gcm-256", 20, 256, true, "AES-GCM-256", "Combined-mode, 256 bit key, 16 byte ICV"},
    {"des", "des", 2, 64, false, "DES", "DES"},
};

const std::vector<HashAlg> kHash = {
    {"md5", "md5", 1, 1, "MD596", "MD5", "Message Digest 5"},
    {"sha1", "sha", 2, 2, "SHA96", "SHA1", "Secure Hash Standard"},
    {"sha256", "sha256", 12, 5, "SHA256", "SHA256", "Secure Hash Standard 2 (256 bit)"},
    {"sha384", "sha384", 13, 6, "SHA384", "SHA384", "Secure Hash Standard 2 (384 bit)"},
    {"sha512", "sha512", 14, 7, "SHA512", "SHA512", "Secure Hash Standard 2 (512 bit)"},
};

// Groups the crypto layer implements (ike/crypto/key_exchange.hpp); 24 is not among them.
const std::vector<DhGroup> kGroups = {
    {1, "DH_GROUP_768_MODP/Group 1", "DH 768 MODP"},
    {2, "DH_GROUP_1024_MODP/Group 2", "DH 1024 MODP"},
    {5, "DH_GROUP_1536_MODP/Group 5", "DH 1536 MODP"},
    {14, "DH_GROUP_2048_MODP/Group 14", "DH 2048 MODP"},
    {15, "DH_GROUP_3072_MODP/Group 15", "DH 3072 MODP"},
    {16, "DH_GROUP_4096_MODP/Group 16", "DH 4096 MODP"},
    {19, "DH_GROUP_256_ECP/Group 19", "DH 256 ECP"},
    {20, "DH_GROUP_384_ECP/Group 20", "DH 384 ECP"},
    {21, "DH_GROUP_521_ECP/Group 21", "DH 521 ECP"},
    {31, "DH_GROUP_CURVE25519/Group 31", "DH 256 Curve25519"},
    {32, "DH_GROUP_CURVE448/Group 32", "DH 448 Curve448"},
};

}  // namespace

const std::vector<EncrAlg>& encryptions() { return kEncr; }
const std::vector<HashAlg>& hashes() { return kHash; }
const std::vector<DhGroup>& groups() { return kGroups; }

const EncrAlg* find_encr(std::string_view keyword, bool asa) {
  for (const auto& e : kEncr) {
    if ((asa ? e.asa : e.ios) == keyword && !keyword.empty()) return &e;
  }
  return nullptr;
}

const HashAlg* find_hash(std::string_view keyword, bool asa) {
  for (const auto& h : kHash) {
    if ((asa ? h.asa : h.ios) == keyword) return &h;
  }
  return nullptr;
}

const DhGroup* find_group(uint16_t group) {
  for (const auto& g : kGroups) {
    if (g.group == group) return &g;
  }
  return nullptr;
}

std::string encr_alternatives(bool asa) {
  std::string out;
  for (const auto& e : kEncr) {
    auto k = asa ? e.asa : e.ios;
    if (k.empty()) continue;
    out += (out.empty() ? "" : "|") + std::string(k);
  }
  return "{" + out + "}";
}

std::string hash_alternatives(bool asa) {
  std::string out;
  for (const auto& h : kHash) out += (out.empty() ? "" : "|") + std::string(asa ? h.asa : h.ios);
  return "{" + out + "}";
}

std::string group_alternatives(bool) {
  std::string out;
  for (const auto& g : kGroups) out += (out.empty() ? "" : "|") + std::to_string(g.group);
  return "{" + out + "}";
}

const DefaultProposal& ios_default_proposal() {
  static const DefaultProposal p{{"aes-cbc-256"}, {"sha512", "sha384"}, {"sha512", "sha384"}, {"19", "14", "21", "5"}};
  return p;
}

}  // namespace ravelin::ike::commands
