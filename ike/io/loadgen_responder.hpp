#pragma once
// `ravelin bench respond`: a ravelin responder for many peers in its own process, the engine over the
// router's Asio runtime with no dataplane, so that a benchmark can measure its CPU per handshake
// (/proc/PID/stat) exactly as it does strongSwan's charon. Configured by responder_config().
#include <cstdint>
#include <string>

#include "ike/loadgen/options.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::io {

struct RespondSummary {
  uint64_t ike_sa_established = 0;
  uint64_t child_sa_established = 0;
  uint64_t failures = 0;
  uint64_t datagrams_in = 0;
  uint64_t datagrams_out = 0;
  size_t ike_sas_held = 0;  // at the end
  double cpu_seconds = 0;   // this process, user + system
};

// Runs until SIGINT/SIGTERM or `seconds`; writes `ready_file` (if set) once the sockets are bound.
[[nodiscard]] Result<RespondSummary> run_responder(const loadgen::RespondOptions& options);
[[nodiscard]] std::string format_summary(const RespondSummary& s);

}  // namespace ravelin::ike::io
