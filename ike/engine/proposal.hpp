#pragma once
// SA payload construction from the configuration, and proposal selection (RFC 7296 §2.7, §3.3.6).
// The responder walks ITS OWN proposals in the configured preference order and, inside one, its own
// transform order; the first combination the peer also offered wins. A failure carries the text of
// both offers so `show`/debug can say why nothing matched.
#include <optional>
#include <string>
#include <vector>

#include "ike/config/ike_config.hpp"
#include "ike/wire/message.hpp"
#include "ipsec/sa/child_sa.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::engine {

struct IkeAlgorithms {
  wire::EncrId encr = wire::EncrId::AesCbc;
  uint16_t key_bits = 0;
  wire::PrfId prf = wire::PrfId::HmacSha2_256;
  wire::IntegId integ = wire::IntegId::None;
  wire::KeGroup group = wire::KeGroup::None;
  friend bool operator==(const IkeAlgorithms&, const IkeAlgorithms&) = default;
};

// The outcome of selecting from a peer's SA payload: the chosen transforms (one per type) and the
// peer's proposal (number and SPI) they came from.
struct Selection {
  wire::Proposal chosen;  // the peer's number and SPI with exactly one transform per type
};

[[nodiscard]] std::vector<wire::Proposal> ike_proposals(const std::vector<const config::IkeProposal*>& cfg);
// ESP proposals from transform sets; `pfs_group` adds a KE transform (CREATE_CHILD_SA with PFS).
[[nodiscard]] std::vector<wire::Proposal> esp_proposals(const std::vector<const config::TransformSet*>& sets,
                                                        uint16_t pfs_group, uint32_t spi);

// Selects from `offered` using `ours` as preference. Error text names both offers.
[[nodiscard]] Result<Selection> select(const std::vector<wire::Proposal>& ours,
                                       const std::vector<wire::Proposal>& offered);
// The initiator's check of a response: exactly one proposal whose transforms were all offered.
[[nodiscard]] Result<Selection> check_response(const std::vector<wire::Proposal>& ours,
                                               const wire::SaPayload& response);

[[nodiscard]] Result<IkeAlgorithms> ike_algorithms(const wire::Proposal& chosen);
[[nodiscard]] Result<ipsec::sa::EspAlgorithms> esp_algorithms(const wire::Proposal& chosen);

// Every group the proposals offer, in order (the initiator's INVALID_KE retry must pick one of these).
[[nodiscard]] std::vector<wire::KeGroup> offered_groups(const std::vector<wire::Proposal>& ours);
// "AES-CBC-256/SHA256/SHA256/DH19, AES-GCM-256/SHA384/DH20" for diagnostics.
[[nodiscard]] std::string describe(const std::vector<wire::Proposal>& proposals);

}  // namespace ravelin::ike::engine
