#pragma once
// Snapshots of a REAL established IKEv2 SA: two engines of the pair-test harness complete
// IKE_SA_INIT + IKE_AUTH over the fake network; the clock then moves a known number of seconds so
// the active time is exact. The harness source is compiled into this test (show_sa_pair.cpp) because
// it lives in the pair tier.
#include <chrono>
#include <cstdio>
#include <string>

#include "ike/engine/snapshot.hpp"
#include "tests/pair/engine/pair_harness.hpp"

namespace ravelin::test {

struct EstablishedPair {
  Pair pair;
  // Establishes A(initiator, 10.0.0.1) <-> B(responder, 10.0.0.2) and advances `active` seconds.
  // Returns false (with the event logs in *why) when the handshake did not complete.
  bool establish(const SiteOptions& o, std::chrono::seconds active, std::string* why);
  // The configurations establish() gave A and B (what a Dataplane's config() returns).
  [[nodiscard]] ike::config::IkeConfigPtr config_a() const;
  [[nodiscard]] ike::config::IkeConfigPtr config_b() const;
  SiteOptions options;
};

// "%016llX" of an IKE SPI, as IOS prints it.
inline std::string ios_spi(uint64_t spi) {
  char b[24];
  std::snprintf(b, sizeof b, "%016llX", static_cast<unsigned long long>(spi));
  return b;
}

// Replaces every `{KEY}` of `text` by the value (goldens keep SPIs symbolic: they come from the
// deterministic random stream, which other engine changes may shift).
std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace ravelin::test
