#pragma once
// What the sans-IO engine asks its runtime to do. Every engine entry point returns one of these; the
// runtime (ike/io, or a test's fake network and recording kernel) executes it.
#include <cstdint>
#include <string>
#include <vector>

#include "ipsec/sa/child_sa.hpp"
#include "platform/net/ip_address.hpp"

namespace ravelin::ike::engine {

struct Datagram {
  platform::Endpoint local;   // source: one of our addresses and port 500 or 4500
  platform::Endpoint remote;  // destination
  std::vector<uint8_t> bytes; // a whole IKE message (no non-ESP marker; the runtime adds it on 4500)
  // A NAT keepalive (RFC 3948 §2.3): `bytes` is the single octet 0xFF and goes out on the NAT-T port
  // WITHOUT the non-ESP marker (it is not IKE).
  bool keepalive = false;
};

// Remove a child SA from the kernel: both directions, identified by their SPIs.
struct ChildSaRemoval {
  uint32_t inbound_spi = 0;
  uint32_t outbound_spi = 0;
  platform::IpAddress local;
  platform::IpAddress remote;
  std::string reason;
};

enum class EventKind : uint8_t {
  IkeSaUp,
  IkeSaDown,
  ChildSaUp,
  ChildSaDown,
  Failure,  // a negotiation failed; `text` says which side offered what and why it did not match
};

struct Event {
  EventKind kind = EventKind::Failure;
  uint32_t tunnel_id = 0;  // 0 when no IKE SA exists (e.g. an IKE_SA_INIT refused before state)
  std::string text;
};

struct Effects {
  std::vector<Datagram> datagrams;
  std::vector<ipsec::sa::ChildSa> install;   // in order: install before the matching removals run
  std::vector<ChildSaRemoval> remove;
  std::vector<Event> events;

  void append(Effects&& other);
  [[nodiscard]] bool empty() const { return datagrams.empty() && install.empty() && remove.empty() && events.empty(); }
};

}  // namespace ravelin::ike::engine
