#pragma once
// NAT detection (RFC 7296 §2.23): NAT_DETECTION_SOURCE_IP / _DESTINATION_IP carry
// SHA-1(SPIi | SPIr | IP address | port); a mismatch on receipt means a NAT rewrote that side.
#include <optional>

#include "ike/wire/message.hpp"
#include "platform/net/ip_address.hpp"

namespace ravelin::ike::engine {

[[nodiscard]] wire::Bytes nat_hash(uint64_t spi_i, uint64_t spi_r, const platform::Endpoint& ep);

// Adds both notifies as the sender sees its endpoints.
void add_nat_detection(wire::Message& m, uint64_t spi_i, uint64_t spi_r, const platform::Endpoint& local,
                       const platform::Endpoint& remote);

struct NatResult {
  bool local_behind_nat = false;   // their DESTINATION hash does not match our local endpoint
  bool remote_behind_nat = false;  // their SOURCE hash does not match the address the packet came from
};
// nullopt when the peer sent no NAT-D notifies (then no NAT-T, §2.23).
[[nodiscard]] std::optional<NatResult> check_nat_detection(const wire::Message& m, uint64_t spi_i, uint64_t spi_r,
                                                           const platform::Endpoint& local,
                                                           const platform::Endpoint& remote);

}  // namespace ravelin::ike::engine
