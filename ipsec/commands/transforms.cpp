#include "ipsec/commands/transforms.hpp"

#include <algorithm>

namespace ravelin::ipsec::commands {

namespace {

using G = TransformGroup;

// IANA ids (RFC 7296 §3.3.2, IKEv2 registry): ENCR 2 DES, 3 3DES, 11 NULL, 12 AES-CBC, 20 AES-GCM-16,
// 21 NULL_AUTH_AES_GMAC; INTEG 1 HMAC-MD5-96, 2 HMAC-SHA1-96, 12/13/14 HMAC-SHA2-256/384/512.
const std::vector<TransformInfo> kIos = {
    {"ah-md5-hmac", G::Ah, 0, 1, 0, false, false, "AH-HMAC-MD5 transform"},
    {"ah-sha-hmac", G::Ah, 0, 2, 0, false, false, "AH-HMAC-SHA transform"},
    {"ah-sha256-hmac", G::Ah, 0, 12, 0, false, false, "AH-HMAC-SHA256 transform"},
    {"ah-sha384-hmac", G::Ah, 0, 13, 0, false, false, "AH-HMAC-SHA384 transform"},
    {"ah-sha512-hmac", G::Ah, 0, 14, 0, false, false, "AH-HMAC-SHA512 transform"},
    {"comp-lzs", G::Compression, 0, 0, 0, false, false,
     "IP Compression using the LZS compression algorithm"},
    {"esp-3des", G::EspCipher, 3, 0, 192, false, false, "ESP transform using 3DES(EDE) cipher (168 bits)"},
    {"esp-aes", G::EspCipher, 12, 0, 128, false, true, "ESP transform using AES cipher"},
    {"esp-des", G::EspCipher, 2, 0, 64, false, false, "ESP transform using DES cipher (56 bits)"},
    {"esp-gcm", G::EspCipher, 20, 0, 128, true, true, "ESP transform using GCM cipher"},
    {"esp-gmac", G::EspCipher, 21, 0, 128, true, false, "ESP transform using GMAC cipher"},
    {"esp-md5-hmac", G::EspAuth, 0, 1, 0, false, false, "ESP transform using HMAC-MD5 auth"},
    {"esp-null", G::EspCipher, 11, 0, 0, false, false, "ESP transform w/o cipher"},
    {"esp-seal", G::EspCipher, 0, 0, 160, false, false, "ESP transform using SEAL cipher (160 bits)"},
    {"esp-sha-hmac", G::EspAuth, 0, 2, 0, false, true, "ESP transform using HMAC-SHA auth"},
    {"esp-sha256-hmac", G::EspAuth, 0, 12, 0, false, true, "ESP transform using HMAC-SHA256 auth"},
    {"esp-sha384-hmac", G::EspAuth, 0, 13, 0, false, true, "ESP transform using HMAC-SHA384 auth"},
    {"esp-sha512-hmac", G::EspAuth, 0, 14, 0, false, true, "ESP transform using HMAC-SHA512 auth"},
};

const std::vector<AsaEspAlg> kAsaEnc = {
    {"aes-gcm-256", 20, 256, true}, {"aes-gcm-192", 20, 192, true}, {"aes-gcm", 20, 128, true},
    {"aes-256", 12, 256, false},    {"aes-192", 12, 192, false},    {"aes", 12, 128, false},
    {"3des", 3, 192, false},        {"des", 2, 64, false},          {"aes-gmac-256", 21, 256, true},
    {"aes-gmac-192", 21, 192, true}, {"aes-gmac", 21, 128, true},   {"null", 11, 0, false},
};

const std::vector<AsaEspAlg> kAsaInteg = {
    {"sha-512", 14, 0, false}, {"sha-384", 13, 0, false}, {"sha-256", 12, 0, false},
    {"sha-1", 2, 0, false},    {"md5", 1, 0, false},      {"null", 0, 0, false},
};

int group_order(G g) {
  switch (g) {
    case G::EspCipher: return 0;
    case G::EspAuth: return 1;
    case G::Ah: return 2;
    case G::Compression: return 3;
  }
  return 4;
}

std::string group_name(G g) {
  switch (g) {
    case G::Ah: return "AH";
    case G::EspCipher: return "ESP encryption";
    case G::EspAuth: return "ESP authentication";
    case G::Compression: return "compression";
  }
  return "";
}

}  // namespace

const std::vector<TransformInfo>& ios_transforms() { return kIos; }

const TransformInfo* find_ios_transform(std::string_view keyword) {
  for (const auto& t : kIos) {
    if (t.keyword == keyword) return &t;
  }
  return nullptr;
}

std::vector<uint16_t> key_sizes(std::string_view keyword) {
  if (keyword == "esp-aes" || keyword == "esp-gmac") return {128, 192, 256};
  if (keyword == "esp-gcm") return {128, 256};
  return {};
}

Status check_transform_set(const std::vector<TypedTransform>& set) {
  std::vector<const TransformInfo*> infos;
  for (const auto& t : set) {
    const auto* info = find_ios_transform(t.keyword);
    if (info == nullptr) return make_error("% Invalid transform " + t.keyword);
    for (const auto* seen : infos) {
      if (seen->group == info->group) {
        return make_error("% Invalid transform set: more than one " + group_name(info->group) +
                          " transform (" + std::string(seen->keyword) + ", " + t.keyword + ")");
      }
    }
    infos.push_back(info);
  }
  bool combined = std::any_of(infos.begin(), infos.end(), [](auto* i) { return i->combined; });
  bool auth = std::any_of(infos.begin(), infos.end(), [](auto* i) { return i->group == G::EspAuth; });
  if (combined && auth) {
    return make_error("% Invalid transform set: esp-gcm and esp-gmac take no ESP authentication transform");
  }
  bool protects = std::any_of(infos.begin(), infos.end(), [](auto* i) { return i->group != G::Compression; });
  if (!protects) return make_error("% Invalid transform set: an ESP or AH transform is required");
  return {};
}

std::string canonical_transform_words(std::vector<TypedTransform> set) {
  std::stable_sort(set.begin(), set.end(), [](const TypedTransform& a, const TypedTransform& b) {
    const auto* ia = find_ios_transform(a.keyword);
    const auto* ib = find_ios_transform(b.keyword);
    return group_order(ia ? ia->group : G::Compression) < group_order(ib ? ib->group : G::Compression);
  });
  std::string out;
  for (const auto& t : set) {
    if (!out.empty()) out += ' ';
    out += t.keyword;
    if (t.bits != 0) out += ' ' + std::to_string(t.bits);
  }
  return out;
}

std::string display_transform_words(const std::vector<TypedTransform>& set) {
  std::vector<TypedTransform> sorted = set;
  std::stable_sort(sorted.begin(), sorted.end(), [](const TypedTransform& a, const TypedTransform& b) {
    const auto* ia = find_ios_transform(a.keyword);
    const auto* ib = find_ios_transform(b.keyword);
    return group_order(ia ? ia->group : G::Compression) < group_order(ib ? ib->group : G::Compression);
  });
  std::string out;
  for (const auto& t : sorted) {
    if (!out.empty()) out += ' ';
    if (t.keyword == "esp-aes" && t.bits != 0 && t.bits != 128) {
      out += "esp-" + std::to_string(t.bits) + "-aes";  // IOS: "esp-256-aes" (reference §4.6)
    } else if ((t.keyword == "esp-gcm" || t.keyword == "esp-gmac") && t.bits != 0) {
      out += t.keyword + ' ' + std::to_string(t.bits);
    } else {
      out += t.keyword;
    }
  }
  return out;
}

const std::vector<AsaEspAlg>& asa_esp_encryptions() { return kAsaEnc; }
const std::vector<AsaEspAlg>& asa_esp_integrities() { return kAsaInteg; }

std::vector<std::string> asa_canonical_order(const std::vector<std::string>& typed,
                                             const std::vector<AsaEspAlg>& table) {
  std::vector<std::string> out;
  for (const auto& alg : table) {
    if (std::find(typed.begin(), typed.end(), alg.keyword) != typed.end()) out.emplace_back(alg.keyword);
  }
  return out;
}

}  // namespace ravelin::ipsec::commands
