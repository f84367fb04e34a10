#include "ike/loadgen/notation.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "ike/crypto/key_exchange.hpp"

namespace ravelin::ike::loadgen {

namespace {

struct Keyword {
  std::string_view word;
  uint16_t id;
  uint16_t bits;  // encryption only
};

// strongSwan's names (src/libstrongswan/crypto/proposal/proposal_keywords_static.txt), restricted to
// what our crypto suite implements.
constexpr std::array<Keyword, 11> kEncryption{{
    {"aes", config::encr::kAesCbc, 128},
    {"aes128", config::encr::kAesCbc, 128},
    {"aes192", config::encr::kAesCbc, 192},
    {"aes256", config::encr::kAesCbc, 256},
    {"aes128gcm16", config::encr::kAesGcm16, 128},
    {"aes192gcm16", config::encr::kAesGcm16, 192},
    {"aes256gcm16", config::encr::kAesGcm16, 256},
    {"aes128gcm128", config::encr::kAesGcm16, 128},  // strongSwan alias: ICV length in bits
    {"aes192gcm128", config::encr::kAesGcm16, 192},
    {"aes256gcm128", config::encr::kAesGcm16, 256},
    {"chacha20poly1305", config::encr::kChaCha20Poly1305, 256},
}};

constexpr std::array<Keyword, 8> kIntegrity{{
    {"sha", config::integ::kHmacSha1_96, 0},
    {"sha1", config::integ::kHmacSha1_96, 0},
    {"sha256", config::integ::kHmacSha256_128, 0},
    {"sha2_256", config::integ::kHmacSha256_128, 0},
    {"sha384", config::integ::kHmacSha384_192, 0},
    {"sha2_384", config::integ::kHmacSha384_192, 0},
    {"sha512", config::integ::kHmacSha512_256, 0},
    {"sha2_512", config::integ::kHmacSha512_256, 0},
}};

constexpr std::array<Keyword, 4> kPrf{{
    {"prfsha1", config::prf::kHmacSha1, 0},
    {"prfsha256", config::prf::kHmacSha256, 0},
    {"prfsha384", config::prf::kHmacSha384, 0},
    {"prfsha512", config::prf::kHmacSha512, 0},
}};

constexpr std::array<Keyword, 13> kGroups{{
    {"modp768", 1, 0},     {"modp1024", 2, 0},  {"modp1536", 5, 0},   {"modp2048", 14, 0},
    {"modp3072", 15, 0},   {"modp4096", 16, 0}, {"ecp256", 19, 0},    {"ecp384", 20, 0},
    {"ecp521", 21, 0},     {"curve25519", 31, 0}, {"x25519", 31, 0},  {"curve448", 32, 0},
    {"x448", 32, 0},
}};

template <size_t N>
std::optional<Keyword> lookup(const std::array<Keyword, N>& table, std::string_view word) {
  auto it = std::find_if(table.begin(), table.end(), [&](const Keyword& k) { return k.word == word; });
  if (it == table.end()) return std::nullopt;
  return *it;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t pos = text.find(sep, start);
    out.push_back(text.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

bool is_aead(uint16_t encr) { return encr == config::encr::kAesGcm16 || encr == config::encr::kChaCha20Poly1305; }

// One proposal's keywords, sorted by transform type.
struct Parsed {
  std::vector<config::Encryption> encryption;
  std::vector<uint16_t> integrity;
  std::vector<uint16_t> prf;
  std::vector<uint16_t> groups;
  bool esn = false;
};

template <typename T>
void add_unique(std::vector<T>& v, const T& x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

Result<Parsed> parse_one(std::string_view text, bool esp) {
  Parsed p;
  if (text.empty()) return make_error("empty proposal");
  for (auto word : split(text, '-')) {
    const std::string w(word);
    if (word.empty()) return make_error("empty keyword in proposal '" + std::string(text) + "'");
    if (auto k = lookup(kEncryption, word)) {
      add_unique(p.encryption, config::Encryption{k->id, k->bits});
    } else if (auto i = lookup(kIntegrity, word)) {
      add_unique(p.integrity, i->id);
    } else if (auto f = lookup(kPrf, word); f && !esp) {
      add_unique(p.prf, f->id);
    } else if (auto g = lookup(kGroups, word)) {
      if (!crypto::is_supported_group(static_cast<crypto::KeGroup>(g->id))) {
        return make_error("group '" + w + "' is not supported by this build");
      }
      add_unique(p.groups, g->id);
    } else if (esp && (word == "noesn" || word == "esn")) {
      p.esn |= word == "esn";
    } else {
      return make_error("unknown " + std::string(esp ? "ESP" : "IKE") + " algorithm '" + w + "' in '" +
                        std::string(text) + "'");
    }
  }
  if (p.encryption.empty()) return make_error("proposal '" + std::string(text) + "' names no encryption algorithm");
  const bool aead = is_aead(p.encryption.front().id);
  for (const auto& e : p.encryption) {
    if (is_aead(e.id) != aead) {
      return make_error("proposal '" + std::string(text) + "' mixes AEAD and non-AEAD ciphers (RFC 7296 §3.3)");
    }
  }
  if (aead && !p.integrity.empty()) {
    return make_error("proposal '" + std::string(text) + "' names an integrity algorithm for an AEAD cipher");
  }
  if (!aead && p.integrity.empty()) {
    return make_error("proposal '" + std::string(text) + "' needs an integrity algorithm (e.g. sha256)");
  }
  return p;
}

}  // namespace

Result<std::vector<config::IkeProposal>> parse_ike_proposals(std::string_view text, std::string_view prefix) {
  std::vector<config::IkeProposal> out;
  for (auto one : split(text, ',')) {
    auto p = parse_one(one, false);
    if (!p) return p.error();
    if (p->groups.empty()) return make_error("IKE proposal '" + std::string(one) + "' names no key exchange group");
    // An AEAD IKE proposal carries no integrity transform, so its PRF cannot be derived (strongSwan
    // refuses such a proposal as well).
    if (p->integrity.empty() && p->prf.empty()) {
      return make_error("IKE proposal '" + std::string(one) + "' with an AEAD cipher needs a PRF (e.g. prfsha256)");
    }
    config::IkeProposal prop;
    prop.name = std::string(prefix) + "-" + std::to_string(out.size() + 1);
    prop.encryption = std::move(p->encryption);
    prop.integrity = std::move(p->integrity);
    prop.prf = std::move(p->prf);
    prop.groups = std::move(p->groups);
    out.push_back(std::move(prop));
  }
  return out;
}

Result<EspProposals> parse_esp_proposals(std::string_view text, std::string_view prefix) {
  EspProposals out;
  for (auto one : split(text, ',')) {
    auto p = parse_one(one, true);
    if (!p) return p.error();
    if (p->esn) return make_error("ESP proposal '" + std::string(one) + "': extended sequence numbers are not supported");
    if (!p->groups.empty() && out.pfs_group == 0) out.pfs_group = p->groups.front();
    config::TransformSet ts;
    ts.name = std::string(prefix) + "-" + std::to_string(out.sets.size() + 1);
    ts.encryption = std::move(p->encryption);
    ts.integrity = p->integrity.empty() ? std::vector<uint16_t>{config::integ::kNone} : std::move(p->integrity);
    ts.mode = ipsec::sa::Mode::Tunnel;
    out.sets.push_back(std::move(ts));
  }
  return out;
}

std::string_view group_keyword(uint16_t group) {
  for (const auto& g : kGroups) {
    if (g.id == group && g.word != "curve25519" && g.word != "curve448") return g.word;
  }
  return {};
}

}  // namespace ravelin::ike::loadgen
