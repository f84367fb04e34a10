#pragma once
// Parsers for what the kernel sends on NETLINK_XFRM: SA and policy dump entries (NEWSA/NEWPOLICY)
// and the events ACQUIRE, EXPIRE and MAPPING. Pure functions over one whole netlink message; every
// length is checked before use, and anything malformed is an error value, never a crash.
#include <cstdint>
#include <span>

#include "platform/kernel_ipsec.hpp"

namespace ravelin::platform::linux {

[[nodiscard]] Result<InstalledSa> parse_sa(std::span<const uint8_t> message);
[[nodiscard]] Result<InstalledPolicy> parse_policy(std::span<const uint8_t> message);
// ACQUIRE, EXPIRE or MAPPING; any other message type is an error ("not an event").
[[nodiscard]] Result<KernelEvent> parse_event(std::span<const uint8_t> message);
// The reqid an event is about (for the ownership filter).
[[nodiscard]] uint32_t event_reqid(const KernelEvent& event);

}  // namespace ravelin::platform::linux
