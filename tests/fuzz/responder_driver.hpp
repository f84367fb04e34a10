#pragma once
// A scripted IKEv2 initiator in front of a real responder Engine (fake clock, deterministic randomness),
// shared by the stateful fuzzer (tests/fuzz/ike_responder_fuzz.cpp), its seed generator and the
// hardening tests. The initiator is built here from ike/wire and ike/crypto (not from the engine), so
// it knows SK_ei/SK_ai and can seal any payload chain the fuzzer invents: the responder then decrypts
// and processes bodies that no honest peer would send, inside an IKE SA in any state.
//
// Script format (what the fuzzer mutates): byte 0 = flags (bit 0: run IKE_SA_INIT first, bit 1: then a
// genuine IKE_AUTH), then records [op][len hi][len lo][len bytes] until the input ends:
//   op 0 raw datagram from the initiator (10.0.0.1:500)     op 4 genuine IKE_AUTH, data[0] = Message ID
//   op 1 raw datagram with our IKE SPIs patched in          op 5 raw datagram to/from port 4500
//   op 2 sealed: [exchange 34+x%4][flags: 1=R][msg id][first payload][inner chain]
//   op 3 advance the clock data[0] seconds, run due timers  op 6 raw datagram from spoofed 10.9.d0.d1
//   op 7 replay our n-th earlier datagram (n = data[0])
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ike/config/ike_config.hpp"
#include "ike/crypto/kdf.hpp"
#include "ike/crypto/key_exchange.hpp"
#include "ike/crypto/random.hpp"
#include "ike/crypto/sk_cipher.hpp"
#include "ike/engine/engine.hpp"
#include "ike/wire/codec.hpp"
#include "ike/wire/sk.hpp"
#include "tests/support/fake_clock.hpp"

namespace ravelin::fuzz {

inline constexpr const char* kDriverPsk = "fuzz-psk-7d3e";
inline constexpr uint64_t kInitiatorSpi = 0x1122334455667788ULL;

// Hands out increasing inbound ESP SPIs.
class DriverSpis final : public ike::engine::SpiAllocator {
 public:
  Result<uint32_t> allocate(const platform::IpAddress&, const platform::IpAddress&) override { return next_++; }

 private:
  uint32_t next_ = 0xb0000001u;
};

// The responder's configuration: PSK, AES-CBC-256/SHA-256/X25519 for IKE, one crypto-map entry
// protecting 192.168.2.0/24 (ours) <-> 192.168.1.0/24 (the initiator's).
ike::config::IkeConfig responder_config();

class ResponderDriver {
 public:
  explicit ResponderDriver(platform::Logger* logger = nullptr, uint64_t seed = 7);

  // IKE_SA_INIT { SAi1, KEi, Ni } --> ; <-- { SAr1, KEr, Nr }: derives SK_* on our side.
  bool init();
  // IKE_AUTH { IDi, AUTH, SAi2, TSi, TSr } --> with a correct PSK AUTH.
  ike::engine::Effects auth(uint32_t message_id = 1);
  // Seals `inner` (a payload chain starting with `first`) with SK_ei/SK_ai and delivers it.
  ike::engine::Effects sealed(ike::wire::ExchangeType exchange, bool response, uint32_t message_id,
                              ike::wire::PayloadType first, std::span<const uint8_t> inner);
  ike::engine::Effects message(const ike::wire::Message& m);  // protected with our keys, then delivered
  ike::engine::Effects raw(std::span<const uint8_t> bytes, const platform::Endpoint& from,
                           const platform::Endpoint& to);
  ike::engine::Effects advance(platform::Duration d);
  // Runs every timer until none is left (bounded: 20,000 firings or 4 simulated days). True when
  // the responder ends with no IKE SA left: nothing a peer sent keeps state alive forever.
  bool drain();
  // Runs the records of a script (no flags byte) and returns everything the responder did.
  ike::engine::Effects play(std::span<const uint8_t> records);
  // Runs a fuzz script (format above), then drain(). False when an invariant broke.
  bool run_script(std::span<const uint8_t> script);

  // Every SK-protected datagram the responder sent us decrypts with SK_er/SK_ar (or the count of those
  // that did not).
  [[nodiscard]] size_t undecryptable() const { return undecryptable_; }
  [[nodiscard]] bool keyed() const { return keys_ready_; }
  [[nodiscard]] uint64_t responder_spi() const { return spi_r_; }
  ike::engine::Engine& engine() { return *engine_; }
  test::FakeClock& clock() { return clock_; }
  [[nodiscard]] const std::vector<ike::engine::Datagram>& sent() const { return sent_; }
  [[nodiscard]] const std::vector<ike::engine::Datagram>& received() const { return received_; }
  [[nodiscard]] const ike::crypto::IkeSaKeys& keys() const { return keys_; }
  [[nodiscard]] const ike::config::IkeConfig& config() const { return *cfg_; }

  platform::Endpoint us{};    // 10.0.0.1:500
  platform::Endpoint them{};  // 10.0.0.2:500

 private:
  ike::engine::Effects note(ike::engine::Effects fx);
  ike::engine::Effects run_op(uint8_t op, std::span<const uint8_t> data);

  test::FakeClock clock_;
  ike::crypto::DeterministicRandom random_;
  ike::crypto::DeterministicRandom our_random_;
  DriverSpis spis_;
  std::shared_ptr<const ike::config::IkeConfig> cfg_;
  std::unique_ptr<ike::engine::Engine> engine_;
  std::unique_ptr<ike::crypto::KeyExchange> kex_;
  std::unique_ptr<ike::crypto::Prf> prf_;
  std::unique_ptr<ike::crypto::SkCipher> cipher_;
  ike::wire::Bytes init_request_, ni_, nr_;
  ike::crypto::IkeSaKeys keys_;
  uint64_t spi_r_ = 0;
  bool keys_ready_ = false;
  size_t undecryptable_ = 0;
  std::vector<ike::engine::Datagram> sent_;      // what we delivered, in order
  std::vector<ike::engine::Datagram> received_;  // what the responder sent
};

// Builds script records (for seed generation and tests).
void append_record(std::vector<uint8_t>& script, uint8_t op, std::span<const uint8_t> data);

}  // namespace ravelin::fuzz
