#pragma once
// The responder's choice for a requested CHILD_SA (IKE_AUTH or CREATE_CHILD_SA): which crypto-map
// entry covers the peer and its selectors after narrowing (RFC 7296 §2.9), and which ESP proposal
// (§2.7). A refusal names the notify to answer with and a diagnostic.
#include <string>
#include <variant>

#include "ike/config/ike_config.hpp"
#include "ike/engine/proposal.hpp"
#include "ipsec/ts/traffic_selector.hpp"

namespace ravelin::ike::engine {

struct ChildRequest {
  const wire::SaPayload* sa = nullptr;
  ipsec::ts::TrafficSelectors tsi;  // the initiator's side
  ipsec::ts::TrafficSelectors tsr;  // the responder's side
  bool transport = false;           // USE_TRANSPORT_MODE
  uint16_t pfs_group = 0;           // KE group of the request, 0 = none
  bool in_ike_auth = false;         // the first child: no KE, PFS does not apply (§1.2)
};

struct ChildPlan {
  const config::CryptoMapEntry* entry = nullptr;
  Selection selection;                  // the initiator's proposal number and SPI, our transforms
  ipsec::ts::TrafficSelectors tsi, tsr; // narrowed
  ipsec::sa::EspAlgorithms algorithms;
  ipsec::sa::Mode mode = ipsec::sa::Mode::Tunnel;
};

struct ChildRefusal {
  wire::NotifyType notify = wire::NotifyType::NoProposalChosen;
  std::string reason;
};

// `map_entry_hint` (non-zero for a rekey) pins the entry the old child came from.
[[nodiscard]] std::variant<ChildPlan, ChildRefusal> plan_responder_child(const config::IkeConfig& cfg,
                                                                         const platform::IpAddress& peer,
                                                                         const ChildRequest& req,
                                                                         uint32_t map_entry_hint);

}  // namespace ravelin::ike::engine
