// The presence table (RFC 7296 §1.2-§1.5 and §2.16 exchange layouts). One row list per
// (exchange, request/response); the engine never sees a message that fails it.
#include "ike/wire/presence.hpp"

#include <string>

namespace ravelin::ike::wire {
namespace {

using P = PayloadType;
constexpr uint8_t kMany = PresenceRule::kMany;

// IKE_SA_INIT travels in the clear: HDR, SAi1, KEi, Ni, [N+], [V+] (§1.2).
constexpr PresenceRule kInitRequest[] = {
    {P::Sa, 1, 1, false}, {P::Ke, 1, 1, false},       {P::Nonce, 1, 1, false},
    {P::Notify, 0, kMany, false}, {P::Vendor, 0, kMany, false},
};
// HDR, SAr1, KEr, Nr, [CERTREQ+], [N+], [V+].
constexpr PresenceRule kInitResponse[] = {
    {P::Sa, 1, 1, false},         {P::Ke, 1, 1, false},         {P::Nonce, 1, 1, false},
    {P::CertReq, 0, kMany, false}, {P::Notify, 0, kMany, false}, {P::Vendor, 0, kMany, false},
};
// SK {IDi, [CERT+], [CERTREQ+], [IDr], AUTH, SAi2, TSi, TSr, [CP], [N+], [V+], [EAP]} (§1.2, §2.16).
// IDi/AUTH are checked by the IKE_AUTH rule below because EAP rounds carry neither.
constexpr PresenceRule kAuthRequest[] = {
    {P::IdI, 0, 1, true},     {P::Cert, 0, 4, true}, {P::CertReq, 0, kMany, true}, {P::IdR, 0, 1, true},
    {P::Auth, 0, 1, true},    {P::Sa, 0, 1, true},   {P::TsI, 0, 1, true},         {P::TsR, 0, 1, true},
    {P::Cp, 0, 1, true},      {P::Notify, 0, kMany, true}, {P::Vendor, 0, kMany, true}, {P::Eap, 0, 1, true},
};
constexpr PresenceRule kAuthResponse[] = {
    {P::IdR, 0, 1, true}, {P::Cert, 0, 4, true},  {P::Auth, 0, 1, true}, {P::Sa, 0, 1, true},
    {P::TsI, 0, 1, true}, {P::TsR, 0, 1, true},   {P::Cp, 0, 1, true},   {P::Notify, 0, kMany, true},
    {P::Vendor, 0, kMany, true}, {P::Eap, 0, 1, true},
};
// SK {[N(REKEY_SA)], SA, Ni, [KEi], [TSi, TSr]} (§1.3); the response mirrors it.
constexpr PresenceRule kChild[] = {
    {P::Sa, 1, 1, true},  {P::Nonce, 1, 1, true}, {P::Ke, 0, 1, true},           {P::TsI, 0, 1, true},
    {P::TsR, 0, 1, true}, {P::Notify, 0, kMany, true}, {P::Vendor, 0, kMany, true},
};
// SK {[N], [D], [CP], ...} (§1.4).
constexpr PresenceRule kInformational[] = {
    {P::Notify, 0, kMany, true}, {P::Delete, 0, kMany, true}, {P::Cp, 0, 1, true}, {P::Vendor, 0, kMany, true},
};

Rejection fail(Counters& c, Reject code, std::string reason) {
  c.count(code);
  return Rejection{code, std::move(reason), NotifyType::InvalidSyntax, {}};
}

// §2.21: an error notify may be the whole response; IKE_SA_INIT may also answer COOKIE (§2.6).
// Only responses: an IKE_SA_INIT request that echoes a COOKIE still needs SA, KE and Ni.
bool relaxes_required(const Message& m) {
  if (!m.header.response) return false;
  for (const auto* n : m.notifies()) {
    if (is_error_notify(n->type) || n->type == NotifyType::Cookie) return true;
  }
  return false;
}

std::string what(const Message& m) {
  return std::string(exchange_name(m.header.exchange)) + (m.header.response ? " response" : " request");
}

// IKE_AUTH: a first round has ID + AUTH (or ID alone to ask for EAP, §2.16); EAP rounds carry EAP; the
// last EAP round carries AUTH alone. SA, TSi and TSr come together or not at all.
std::optional<Rejection> check_ike_auth(const Message& m, Counters& c, bool relaxed) {
  const P id = m.header.response ? P::IdR : P::IdI;
  const bool has_any = m.count(id) + m.count(P::Auth) + m.count(P::Eap) > 0;
  if (!has_any && !relaxed) return fail(c, Reject::PresenceMissing, what(m) + " without ID, AUTH or EAP");
  const size_t sa = m.count(P::Sa), tsi = m.count(P::TsI), tsr = m.count(P::TsR);
  if (sa != tsi || sa != tsr) return fail(c, Reject::PresenceMissing, what(m) + ": SA, TSi and TSr must come together");
  return std::nullopt;
}

}  // namespace

std::span<const PresenceRule> presence_rules(ExchangeType exchange, bool response) {
  switch (exchange) {
    case ExchangeType::IkeSaInit: return response ? std::span<const PresenceRule>(kInitResponse) : kInitRequest;
    case ExchangeType::IkeAuth: return response ? std::span<const PresenceRule>(kAuthResponse) : kAuthRequest;
    case ExchangeType::CreateChildSa: return kChild;
    case ExchangeType::Informational: return kInformational;
  }
  return {};
}

std::optional<Rejection> check_presence(const Message& m, Counters& c) {
  const auto rules = presence_rules(m.header.exchange, m.header.response);
  if (rules.empty()) return fail(c, Reject::UnknownExchange, "no presence rules for this exchange");
  for (const auto& p : m.payloads) {
    if (std::holds_alternative<UnknownPayload>(p.body)) continue;
    const PresenceRule* rule = nullptr;
    for (const auto& r : rules) rule = r.type == p.type ? &r : rule;
    if (rule == nullptr) {
      return fail(c, Reject::PresenceUnexpected, std::string(payload_name(p.type)) + " is not allowed in " + what(m));
    }
    if (rule->must_be_encrypted && !p.encrypted) {
      return fail(c, Reject::PresenceNotEncrypted, std::string(payload_name(p.type)) + " outside SK in " + what(m));
    }
  }
  const bool relaxed = relaxes_required(m);
  for (const auto& r : rules) {
    const size_t n = m.count(r.type);
    if (n > r.max) {
      return fail(c, Reject::PresenceTooMany,
                  std::to_string(n) + " " + std::string(payload_name(r.type)) + " payloads in " + what(m));
    }
    if (n < r.min && !relaxed) {
      return fail(c, Reject::PresenceMissing, what(m) + " without " + std::string(payload_name(r.type)));
    }
  }
  if (m.header.exchange == ExchangeType::IkeAuth) return check_ike_auth(m, c, relaxed);
  return std::nullopt;
}

}  // namespace ravelin::ike::wire
