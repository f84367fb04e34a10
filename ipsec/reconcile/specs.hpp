#pragma once
// Pure translations from what the engine and the crypto map describe to KernelIpsec specs.
#include <cstdint>
#include <vector>

#include "ipsec/sa/child_sa.hpp"
#include "platform/kernel_ipsec.hpp"
#include "platform/result.hpp"

namespace ravelin::ipsec::reconcile {

struct SaPair {
  platform::SaSpec inbound;   // remote → local, our SPI
  platform::SaSpec outbound;  // local → remote, the peer's SPI
};

// Both ESP SAs of a child bound to kernel `reqid`: XFRM algorithm, truncation, GCM salt, keys per
// direction, encapsulation ports and lifetimes. An error for algorithms XFRM cannot take here or keys
// whose length does not match the negotiated algorithm.
[[nodiscard]] Result<SaPair> make_sa_specs(const sa::ChildSa& child, uint32_t reqid);

// The out, in and fwd policies of one flow (selector local → remote) through local → remote.
[[nodiscard]] std::vector<platform::PolicySpec> make_policy_specs(const platform::Selector& outbound,
                                                                  const platform::IpAddress& local,
                                                                  const platform::IpAddress& remote,
                                                                  sa::Mode mode, uint32_t priority,
                                                                  uint32_t reqid);

[[nodiscard]] bool same_policy(const platform::PolicySpec& a, const platform::PolicySpec& b);

}  // namespace ravelin::ipsec::reconcile
