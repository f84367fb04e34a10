#pragma once
// The IOS startup-config of a ravelin daemon that answers the load generator the way
// `ravelin bench respond` does (issue 10: measure the product, not a bench harness): the same
// strongSwan-notation --proposal/--esp strings become `crypto ikev2 proposal` and
// `crypto ipsec transform-set` lines, a wildcard keyring peer holds the PSK, an IKEv2 profile matches
// any identity, and a dynamic crypto map (`crypto map M 65535 ipsec-isakmp dynamic D`) on the
// listening interface answers every peer.
#include <string>

#include "ike/loadgen/options.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::loadgen {

// The config for `ravelin --daemon --platform ios --dataplane none --local-address A --startup-config F`,
// A = o.listen.front() (the interface address of the crypto map). With o.no_child the dynamic map's
// transform set is one no proposal of o.esp names, so every child is refused with NO_PROPOSAL_CHOSEN
// (IKE only, as strongSwan without kernel ESP). Errors name what IOS cannot express (ChaCha20,
// several ciphers in one ESP proposal, ESN). The text holds the PSK: write it to an owner-only file.
[[nodiscard]] Result<std::string> ios_responder_config(const RespondOptions& o);

}  // namespace ravelin::ike::loadgen
