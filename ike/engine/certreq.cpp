// The responder's CERTREQ in IKE_SA_INIT (RFC 7296 §3.7): the CAs behind every certificate profile.
#include "ike/engine/certreq.hpp"

#include <algorithm>
#include <set>

namespace ravelin::ike::engine {

namespace {
bool usable_on(const config::Profile& p, const platform::IpAddress& local) {
  return p.match_address_local.empty() ||
         std::find(p.match_address_local.begin(), p.match_address_local.end(), local) != p.match_address_local.end();
}

// The trustpoints a profile verifies with: the named ones, or every trustpoint when it names none.
std::vector<const config::Trustpoint*> verify_points(const config::IkeConfig& cfg, const config::Profile& p) {
  std::vector<const config::Trustpoint*> out;
  if (p.trustpoints_verify.empty()) {
    for (const auto& t : cfg.trustpoints) out.push_back(&t);
    return out;
  }
  for (const auto& name : p.trustpoints_verify) {
    if (const auto* t = cfg.find_trustpoint(name)) out.push_back(t);
  }
  return out;
}
}  // namespace

std::optional<wire::CertPayload> responder_certreq(const config::IkeConfig& cfg, const platform::IpAddress& local) {
  bool any = false;
  std::set<wire::Bytes> seen;
  wire::CertPayload req{static_cast<uint8_t>(wire::CertEncoding::X509Signature), {}};
  for (const auto& p : cfg.profiles) {
    if (p.authentication_remote == config::AuthMethod::PreShare || !usable_on(p, local)) continue;
    any = true;
    for (const auto* tp : verify_points(cfg, p)) {
      for (const auto& ca : tp->ca_certificates) {
        if (!ca) continue;
        auto h = ca->spki_sha1();
        if (seen.insert(h).second) req.data.insert(req.data.end(), h.begin(), h.end());
      }
    }
  }
  if (!any) return std::nullopt;
  return req;
}

}  // namespace ravelin::ike::engine
