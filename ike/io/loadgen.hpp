#pragma once
// The IKEv2 load generator behind `ravelin bench ike` (issue 10): many initiator engines (sans-IO,
// the same Engine the router runs) share one UDP socket pair per source address and one event loop.
// Each engine holds up to `per-engine` crypto-map entries, one IKE SA (+ one child) each; replies are
// routed back to their engine by our IKE SPI. A closed loop keeps at most `concurrency` handshakes in
// flight until `count` have finished, then (--delete) tears them all down the same way.
#include <memory>

#include <boost/asio/io_context.hpp>

#include "ike/loadgen/options.hpp"
#include "ike/loadgen/report.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::io {

class LoadGenerator {
 public:
  LoadGenerator(boost::asio::io_context& io, loadgen::LoadOptions options);
  ~LoadGenerator();
  LoadGenerator(const LoadGenerator&) = delete;
  LoadGenerator& operator=(const LoadGenerator&) = delete;

  // Binds the sockets and runs `io` until the run is complete or its timeout passes. The error names
  // what could not be set up (a source address that cannot be bound, no route to the peer).
  [[nodiscard]] Result<loadgen::LoadReport> run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ravelin::ike::io
