#pragma once
// The responder's CERTREQ in IKE_SA_INIT (RFC 7296 §1.2, §3.7).
#include <optional>

#include "ike/config/ike_config.hpp"
#include "ike/wire/message.hpp"
#include "platform/net/ip_address.hpp"

namespace ravelin::ike::engine {

// Before IKE_AUTH the responder does not know which profile the peer will match, so it names the trust
// anchors of every profile usable on `local` (`match address local`) that authenticates its peer by
// certificate: encoding 4 (X.509 signature), the SHA-1 hashes of the CAs' SubjectPublicKeyInfo, each
// once. nullopt when no such profile exists (PSK-only configurations send no CERTREQ).
[[nodiscard]] std::optional<wire::CertPayload> responder_certreq(const config::IkeConfig& cfg,
                                                                 const platform::IpAddress& local);

}  // namespace ravelin::ike::engine
