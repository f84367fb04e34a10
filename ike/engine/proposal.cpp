#include "ike/engine/proposal.hpp"

#include <algorithm>
#include <array>

namespace ravelin::ike::engine {

using wire::Proposal;
using wire::ProtocolId;
using wire::Transform;
using wire::TransformType;

namespace {

bool aead(uint16_t encr) {
  return encr == config::encr::kAesGcm16 || encr == config::encr::kChaCha20Poly1305;
}

std::optional<uint16_t> key_bits_attr(uint16_t encr, uint16_t bits) {
  if (encr == config::encr::kChaCha20Poly1305) return std::nullopt;  // fixed key size, no attribute
  return bits;
}

// IOS derives the PRF from the integrity algorithm when a proposal names none.
uint16_t prf_for_integ(uint16_t integ) {
  switch (integ) {
    case config::integ::kHmacSha1_96: return config::prf::kHmacSha1;
    case config::integ::kHmacSha384_192: return config::prf::kHmacSha384;
    case config::integ::kHmacSha512_256: return config::prf::kHmacSha512;
    default: return config::prf::kHmacSha256;
  }
}

void add_split(std::vector<Proposal>& out, ProtocolId proto, const std::vector<config::Encryption>& encs,
               const std::vector<uint16_t>& integs, const std::vector<uint16_t>& prfs,
               const std::vector<uint16_t>& groups, bool esn, const wire::Bytes& spi) {
  // AEAD and non-AEAD ciphers cannot share a proposal (§3.3: AEAD proposals have no INTEG).
  for (bool want_aead : {false, true}) {
    Proposal p;
    p.protocol = proto;
    p.spi = spi;
    for (const auto& e : encs) {
      if (aead(e.id) == want_aead) p.transforms.push_back(Transform::make(TransformType::Encr, e.id, key_bits_attr(e.id, e.key_bits)));
    }
    if (p.transforms.empty()) continue;
    for (uint16_t f : prfs) p.transforms.push_back(Transform::make(TransformType::Prf, f));
    if (!want_aead) {
      for (uint16_t i : integs) {
        if (i != config::integ::kNone) p.transforms.push_back(Transform::make(TransformType::Integ, i));
      }
    }
    for (uint16_t g : groups) p.transforms.push_back(Transform::make(TransformType::Ke, g));
    if (esn) p.transforms.push_back(Transform::make(TransformType::Esn, static_cast<uint16_t>(wire::EsnId::NoEsn)));
    p.number = static_cast<uint8_t>(out.size() + 1);
    out.push_back(std::move(p));
  }
}

bool same_transform(const Transform& a, const Transform& b) {
  return a.type == b.type && a.id == b.id && a.key_length() == b.key_length();
}

bool has_type(const Proposal& p, TransformType t) {
  return std::any_of(p.transforms.begin(), p.transforms.end(), [&](const Transform& x) { return x.type == t; });
}

// One transform per type from `mine` (in my order) that `theirs` also lists; nullopt if a type fails.
std::optional<Proposal> match(const Proposal& mine, const Proposal& theirs) {
  if (mine.protocol != theirs.protocol) return std::nullopt;
  Proposal chosen;
  chosen.number = theirs.number;
  chosen.protocol = theirs.protocol;
  chosen.spi = theirs.spi;
  constexpr std::array kTypes{TransformType::Encr, TransformType::Prf, TransformType::Integ, TransformType::Ke,
                              TransformType::Esn};
  for (TransformType t : kTypes) {
    bool mine_has = has_type(mine, t);
    bool theirs_has = has_type(theirs, t);
    if (t == TransformType::Esn && !theirs_has) continue;  // absent ESN = no ESN
    if (mine_has != theirs_has) return std::nullopt;
    if (!mine_has) continue;
    const Transform* pick = nullptr;
    for (const auto& m : mine.transforms) {
      if (m.type != t) continue;
      auto it = std::find_if(theirs.transforms.begin(), theirs.transforms.end(),
                             [&](const Transform& x) { return same_transform(m, x); });
      if (it != theirs.transforms.end()) {
        pick = &*it;
        break;
      }
    }
    if (!pick) return std::nullopt;
    chosen.transforms.push_back(*pick);
  }
  return chosen;
}

std::string transform_text(const Transform& t) {
  switch (t.type) {
    case TransformType::Encr: {
      std::string n;
      switch (static_cast<wire::EncrId>(t.id)) {
        case wire::EncrId::AesCbc: n = "AES-CBC"; break;
        case wire::EncrId::AesGcm16: n = "AES-GCM"; break;
        case wire::EncrId::ChaCha20Poly1305: n = "CHACHA20-POLY1305"; break;
        default: n = "ENCR" + std::to_string(t.id);
      }
      if (auto k = t.key_length()) n += "-" + std::to_string(*k);
      return n;
    }
    case TransformType::Prf: return "PRF" + std::to_string(t.id);
    case TransformType::Integ: return "INTEG" + std::to_string(t.id);
    case TransformType::Ke: return "DH" + std::to_string(t.id);
    case TransformType::Esn: return t.id ? "ESN" : "NO-ESN";
  }
  return "?";
}

}  // namespace

std::vector<Proposal> ike_proposals(const std::vector<const config::IkeProposal*>& cfg) {
  std::vector<Proposal> out;
  for (const auto* p : cfg) {
    std::vector<uint16_t> prfs = p->prf;
    if (prfs.empty()) {
      for (uint16_t i : p->integrity) {
        uint16_t f = prf_for_integ(i);
        if (std::find(prfs.begin(), prfs.end(), f) == prfs.end()) prfs.push_back(f);
      }
      if (prfs.empty()) prfs.push_back(config::prf::kHmacSha256);
    }
    add_split(out, ProtocolId::Ike, p->encryption, p->integrity, prfs, p->groups, false, {});
  }
  return out;
}

std::vector<Proposal> esp_proposals(const std::vector<const config::TransformSet*>& sets, uint16_t pfs_group,
                                    uint32_t spi) {
  wire::Bytes spi_bytes{static_cast<uint8_t>(spi >> 24), static_cast<uint8_t>(spi >> 16),
                        static_cast<uint8_t>(spi >> 8), static_cast<uint8_t>(spi)};
  std::vector<uint16_t> groups;
  if (pfs_group != 0) groups.push_back(pfs_group);
  std::vector<Proposal> out;
  for (const auto* s : sets) add_split(out, ProtocolId::Esp, s->encryption, s->integrity, {}, groups, true, spi_bytes);
  return out;
}

Result<Selection> select(const std::vector<Proposal>& ours, const std::vector<Proposal>& offered) {
  for (const auto& mine : ours) {
    for (const auto& theirs : offered) {
      if (auto c = match(mine, theirs)) return Selection{std::move(*c)};
    }
  }
  return make_error("no proposal chosen: peer offered " + describe(offered) + "; we accept " + describe(ours));
}

Result<Selection> check_response(const std::vector<Proposal>& ours, const wire::SaPayload& response) {
  if (response.proposals.size() != 1) return make_error("response SA must carry exactly one proposal");
  const Proposal& r = response.proposals[0];
  for (const auto& mine : ours) {
    if (mine.protocol != r.protocol) continue;
    bool all = std::all_of(r.transforms.begin(), r.transforms.end(), [&](const Transform& t) {
      return std::any_of(mine.transforms.begin(), mine.transforms.end(),
                         [&](const Transform& m) { return same_transform(m, t); });
    });
    auto m = match(mine, r);  // also checks one transform of each type we need
    if (all && m) return Selection{r};
  }
  return make_error("responder chose " + describe({r}) + " which we did not offer");
}

Result<IkeAlgorithms> ike_algorithms(const Proposal& chosen) {
  IkeAlgorithms a;
  for (const auto& t : chosen.transforms) {
    switch (t.type) {
      case TransformType::Encr:
        a.encr = static_cast<wire::EncrId>(t.id);
        a.key_bits = t.key_length().value_or(256);
        break;
      case TransformType::Prf: a.prf = static_cast<wire::PrfId>(t.id); break;
      case TransformType::Integ: a.integ = static_cast<wire::IntegId>(t.id); break;
      case TransformType::Ke: a.group = static_cast<wire::KeGroup>(t.id); break;
      case TransformType::Esn: break;
    }
  }
  if (a.group == wire::KeGroup::None) return make_error("IKE proposal without a key exchange group");
  return a;
}

Result<ipsec::sa::EspAlgorithms> esp_algorithms(const Proposal& chosen) {
  ipsec::sa::EspAlgorithms a;
  for (const auto& t : chosen.transforms) {
    if (t.type == TransformType::Encr) {
      a.encr_id = t.id;
      a.encr_key_bits = t.key_length().value_or(256);
    } else if (t.type == TransformType::Integ) {
      a.integ_id = t.id;
    } else if (t.type == TransformType::Ke) {
      a.dh_group = t.id;
    } else if (t.type == TransformType::Esn && t.id != 0) {
      return make_error("extended sequence numbers are not supported");
    }
  }
  if (a.encr_id == 0) return make_error("ESP proposal without an encryption transform");
  return a;
}

std::vector<wire::KeGroup> offered_groups(const std::vector<Proposal>& ours) {
  std::vector<wire::KeGroup> out;
  for (const auto& p : ours) {
    for (const auto& t : p.transforms) {
      auto g = static_cast<wire::KeGroup>(t.id);
      if (t.type == TransformType::Ke && std::find(out.begin(), out.end(), g) == out.end()) out.push_back(g);
    }
  }
  return out;
}

std::string describe(const std::vector<Proposal>& proposals) {
  std::string out;
  for (const auto& p : proposals) {
    if (!out.empty()) out += ", ";
    std::string one;
    for (const auto& t : p.transforms) {
      if (t.type == TransformType::Esn) continue;
      if (!one.empty()) one += "/";
      one += transform_text(t);
    }
    out += one.empty() ? "(empty)" : one;
  }
  return out.empty() ? "nothing" : out;
}

}  // namespace ravelin::ike::engine
