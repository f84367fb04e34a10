#pragma once
// strongSwan's proposal notation (swanctl.conf `proposals` / `esp_proposals`), so that the load
// generator and a strongSwan peer are configured with the same strings:
//   "aes256gcm16-prfsha256-x25519"            one IKE proposal (AEAD + PRF + group)
//   "aes256-sha256-modp2048,aes128-sha1-ecp256" two IKE proposals, in preference order
//   "aes256gcm16", "aes128-sha1", "aes256-sha256-modp2048" (ESP; a group there means PFS)
// Keywords of a type may repeat inside one proposal ("aes256-aes128-sha256-x25519-ecp256").
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ike/config/ike_config.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::loadgen {

// Each proposal becomes one IkeProposal named "<prefix>-<n>" (n from 1).
[[nodiscard]] Result<std::vector<config::IkeProposal>> parse_ike_proposals(std::string_view text,
                                                                           std::string_view prefix = "bench");

struct EspProposals {
  std::vector<config::TransformSet> sets;  // named "<prefix>-<n>"
  uint16_t pfs_group = 0;                  // the first group named, 0 = none (only CREATE_CHILD_SA uses it)
};
[[nodiscard]] Result<EspProposals> parse_esp_proposals(std::string_view text, std::string_view prefix = "bench");

// strongSwan keyword for an IANA DH group ("x25519", "modp2048"), or "" when it has none.
[[nodiscard]] std::string_view group_keyword(uint16_t group);

}  // namespace ravelin::ike::loadgen
