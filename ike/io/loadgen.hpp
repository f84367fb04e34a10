#pragma once
// The IKEv2 load generator behind `ravelin bench ike` (issue 10): one initiator engine (sans-IO, the
// same Engine the router runs) per source address, as if each address were one client host, all on one
// event loop. An engine holds one crypto-map entry per IKE SA (+ one child) it will set up; replies are
// routed back to their engine by our IKE SPI. (Engines never share a source address: an engine sends
// INITIAL_CONTACT with its first SA, and a responder honouring it would delete another engine's SAs
// from the same address and identity, RFC 7296 §2.4.) A closed loop keeps at most `concurrency` handshakes in
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
