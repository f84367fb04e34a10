#pragma once
// What one load-generator run measured, and its text form. The line `handshakes/s: N` is what
// scripts grep for.
#include <cstdint>
#include <string>
#include <vector>

namespace ravelin::ike::loadgen {

struct LoadReport {
  uint32_t requested = 0;
  uint32_t established = 0;      // successes: IKE SA + child (or IKE SA alone with --ike-only)
  uint32_t child_refused = 0;    // IKE SA up, child refused by the peer
  uint32_t failed = 0;           // negotiation failed (refused, timed out by retransmission, ...)
  uint32_t unfinished = 0;       // still negotiating (or never started) when the run's timeout hit
  double seconds = 0;            // first initiate to last completion, wall clock
  std::vector<double> latencies_ms;  // one per success: initiate -> SA (and child) up
  double cpu_seconds = 0;        // this process (user + system) over the setup phase
  uint64_t datagrams_sent = 0;
  uint64_t datagrams_received = 0;
  uint64_t retransmits = 0;
  // --delete
  bool deleted_phase = false;
  uint32_t deleted = 0;
  uint32_t delete_unfinished = 0;
  double delete_seconds = 0;
  std::vector<std::string> failure_samples;  // the first few distinct failure reasons

  [[nodiscard]] double handshakes_per_second() const;
};

// The q-quantile (0..1) of `values` by nearest rank; 0 for an empty set. Sorts a copy.
[[nodiscard]] double quantile(std::vector<double> values, double q);

// Multi-line, stable labels: "handshakes/s: 1234.5", "latency p50 ms: ...", "failed: 0", ...
[[nodiscard]] std::string format_report(const LoadReport& r);

}  // namespace ravelin::ike::loadgen
