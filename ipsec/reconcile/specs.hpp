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

// One aligned block of ports in Selector form (see platform::Selector): `port` with `mask`.
struct PortBlock {
  uint16_t port = 0;
  uint16_t mask = 0;
  friend bool operator==(const PortBlock&, const PortBlock&) = default;
};

// The fewest aligned blocks that cover first..last exactly, in ascending order, like splitting an
// address range into prefixes: 0-65535 is one block (any port), 1024-2047 one, 1000-2000 eight.
// Empty when first > last.
[[nodiscard]] std::vector<PortBlock> port_blocks(uint16_t first, uint16_t last);

[[nodiscard]] bool same_policy(const platform::PolicySpec& a, const platform::PolicySpec& b);

}  // namespace ravelin::ipsec::reconcile
