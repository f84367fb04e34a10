#pragma once
// Two full engines in one process: a fake network between them, a fake clock, deterministic
// randomness, counting SPI allocators and a recording kernel per side. No sockets, no root, no wall time.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ike/config/ike_config.hpp"
#include "ike/crypto/random.hpp"
#include "ike/engine/engine.hpp"
#include "tests/support/fake_clock.hpp"
#include "tests/support/fake_network.hpp"

namespace ravelin::test {

// Hands out 0xc0000001, 0xc0000002, ... (a distinct range per peer so SPIs never collide by accident).
class CountingSpis final : public ike::engine::SpiAllocator {
 public:
  explicit CountingSpis(uint32_t first) : next_(first) {}
  Result<uint32_t> allocate(const platform::IpAddress&, const platform::IpAddress&) override { return next_++; }

 private:
  uint32_t next_;
};

// What a KernelIpsec would hold after executing the engine's install/remove effects, by inbound SPI.
struct RecordingKernel {
  std::map<uint32_t, ipsec::sa::ChildSa> sas;
  size_t installs = 0;
  size_t removals = 0;
  void apply(const ike::engine::Effects& fx);
};

struct Peer {
  Peer(std::string name, platform::IpAddress address, uint64_t seed, uint32_t first_spi,
       ike::engine::EngineSettings settings = {});
  // A fresh engine with a new random stream, as after a process restart (the kernel is kept).
  void restart(uint64_t seed);
  std::string name;
  platform::IpAddress address;
  std::unique_ptr<ike::crypto::DeterministicRandom> random;
  CountingSpis spis;
  RecordingKernel kernel;
  ike::engine::EngineSettings settings;
  std::unique_ptr<ike::engine::Engine> engine;
  std::vector<ike::engine::Event> events;
  ike::engine::KeylogSink* keylog = nullptr;  // set, then restart(), to record keys
  // NAT keepalives that reached this peer (the runtime drops them before the engine, so does the harness).
  std::vector<ike::engine::Datagram> keepalives_in;
  [[nodiscard]] bool saw(ike::engine::EventKind kind, const std::string& text_part = "") const;
  [[nodiscard]] std::string events_text() const;
};

// A minimal, complete site-to-site configuration between `self` and `peer`: one IKEv2 proposal,
// profile matching the peer's address identity, a keyring with the PSK, one transform set and a crypto
// map entry protecting 192.168.<site>.0/24 <-> 192.168.<peer site>.0/24.
struct SiteOptions {
  std::string psk = "cisco123";
  std::string peer_psk;  // what we expect from the peer (defaults to psk)
  std::vector<ike::config::Encryption> encryption{{ike::config::encr::kAesCbc, 256}};
  std::vector<uint16_t> integrity{ike::config::integ::kHmacSha256_128};
  std::vector<uint16_t> groups{19};
  std::vector<ike::config::Encryption> esp_encryption{{ike::config::encr::kAesCbc, 256}};
  std::vector<uint16_t> esp_integrity{ike::config::integ::kHmacSha256_128};
  uint16_t pfs_group = 0;
  uint32_t ike_lifetime = 86400;
  uint32_t child_lifetime = 3600;
};
ike::config::IkeConfig site_config(const platform::IpAddress& self, const platform::IpAddress& peer, int site,
                                   int peer_site, const SiteOptions& o = {});

class Pair {
 public:
  Pair();
  Peer a;  // 10.0.0.1, site 1
  Peer b;  // 10.0.0.2, site 2
  FakeClock clock;
  FakeNetwork net;

  void configure(const ike::config::IkeConfig& ca, const ike::config::IkeConfig& cb);
  void configure(const SiteOptions& oa = {}, const SiteOptions& ob = {});
  // A initiates for its (only) crypto-map entry.
  void initiate_from_a();
  void initiate_from_b();
  // Feeds effects of `from` to its kernel, event log and the network.
  void absorb(Peer& from, ike::engine::Effects fx);
  // Runs the simulation (deliveries and timers in time order) for `d` of simulated time.
  void run_for(platform::Duration d);
  // Runs until `done()` holds or `limit` of simulated time passes; returns done().
  bool run_until(const std::function<bool()>& done, platform::Duration limit = std::chrono::seconds(600));
  [[nodiscard]] bool both_ready() const;
  // A initiates; true once both IKE SAs are READY with one child in each kernel (10 s simulated at most).
  bool establish_one_child();
  // Every child SA A's kernel holds has a twin at B with SPIs and keys crossed, and vice versa.
  [[nodiscard]] bool kernels_agree(std::string* why = nullptr) const;
  uint32_t map_entry_a() const { return map_a_; }

 private:
  bool step(platform::TimePoint limit);
  Peer& peer_for(const platform::IpAddress& a);
  uint32_t map_a_ = 0;
  uint32_t map_b_ = 0;
};

// Every pair of (IKE SA at A, IKE SA at B) agrees on SPIs; each engine's children match its kernel.
bool engines_match_kernels(const Peer& p, std::string* why = nullptr);

}  // namespace ravelin::test
