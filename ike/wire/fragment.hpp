#pragma once
// IKE message fragmentation (RFC 7383): splitting an SK-protected message into SKF datagrams, and a
// strict reassembler. Every fragment is authenticated on its own before it is stored; the number of
// fragments and the reassembled size are capped (the ASA/libreswan reassembly CVEs, anchors-ike §6).
#include <optional>
#include <span>
#include <vector>

#include "ike/crypto/random.hpp"
#include "ike/crypto/secret_bytes.hpp"
#include "ike/wire/sk.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::wire {

inline constexpr uint16_t kMaxFragments = 64;

// Encodes `message` as SKF fragments (§2.5) of at most `max_datagram` bytes each (IKE header
// included, non-ESP marker not). All payloads of `message` go inside. Error if it needs more than
// kMaxFragments or `max_datagram` leaves no room for data.
[[nodiscard]] Result<std::vector<Bytes>> encode_fragments(const Message& message, const SkKeys& keys,
                                                          crypto::Random& random, size_t max_datagram);

// Collects the fragments of one message (one Message ID). Feed every decoded datagram whose last
// payload is SKF; the engine keeps one reassembler per IKE SA and direction.
class FragmentReassembler {
 public:
  explicit FragmentReassembler(Limits limits = {}) : limits_(limits) {}

  // nullopt: stored (or a harmless duplicate), more fragments needed. A Decoded: either the whole
  // message (outer payloads of fragment 1 + the decrypted inner payloads, encrypted = true) or the
  // rejection of this fragment (counted). A fragment that fails its ICV is rejected and never stored.
  [[nodiscard]] std::optional<Decoded> add(const Message& outer, std::span<const uint8_t> datagram, const SkKeys& keys,
                                           Counters& counters);
  void reset();
  [[nodiscard]] size_t fragments_held() const;

 private:
  std::optional<Decoded> complete(Counters& counters);
  Limits limits_;
  std::optional<uint32_t> message_id_;
  uint16_t total_ = 0;
  std::vector<std::optional<crypto::SecretBytes>> parts_;
  size_t bytes_ = 0;
  Message first_;  // header and outer payloads of fragment 1
  PayloadType first_inner_ = PayloadType::None;
};

}  // namespace ravelin::ike::wire
