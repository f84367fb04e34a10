#pragma once
// The Boost.Asio runtime around the sans-IO engine: UDP sockets on the IKE port (500) and the NAT-T
// port (4500, with the 4-byte non-ESP marker of RFC 3948 §2.2) for each local address, IPv4 and IPv6,
// and one steady timer armed for engine.next_deadline(). Everything runs on the caller's io_context
// (docs/ARCHITECTURE.md: one event loop), so the engine needs no lock.
#include <functional>
#include <memory>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "ike/engine/engine.hpp"
#include "platform/net/ip_address.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::io {

struct RuntimeOptions {
  std::vector<platform::IpAddress> local_addresses;  // one socket pair per address
  uint16_t ike_port = 500;    // `--ike-port` (unprivileged runs use e.g. 20500)
  uint16_t natt_port = 4500;  // `--natt-port`
};

struct RuntimeCounters {
  uint64_t received = 0;
  uint64_t sent = 0;
  uint64_t send_errors = 0;
  uint64_t dropped_non_ike = 0;  // 4500 datagrams without the non-ESP marker (ESP in UDP is the kernel's)
  uint64_t no_socket = 0;        // an effect named a local endpoint we have no socket for
  uint64_t keepalives_sent = 0;      // RFC 3948 §2.3 one-octet 0xFF datagrams, sent without the marker
  uint64_t keepalives_received = 0;
};

class Runtime {
 public:
  // `sink` receives every Effects after the runtime has sent its datagrams: the kernel side installs
  // and removes child SAs, show/debug consume the events.
  Runtime(boost::asio::io_context& io, engine::Engine& engine, RuntimeOptions options,
          std::function<void(const engine::Effects&)> sink);
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  // Binds every socket and starts receiving. Error names the endpoint that failed.
  [[nodiscard]] Status open();
  void close();
  // Executes effects produced outside the runtime (on_config, initiate, on_kernel_event, clear ...).
  void apply(engine::Effects fx);
  [[nodiscard]] const RuntimeCounters& counters() const { return counters_; }

 private:
  struct Socket;
  void receive(Socket& s);
  void on_receive(Socket& s, size_t n);
  void send(const engine::Datagram& d);
  void arm_timer();

  boost::asio::io_context& io_;
  engine::Engine& engine_;
  RuntimeOptions options_;
  std::function<void(const engine::Effects&)> sink_;
  std::vector<std::unique_ptr<Socket>> sockets_;
  boost::asio::steady_timer timer_;
  RuntimeCounters counters_;
  bool open_ = false;
};

}  // namespace ravelin::ike::io
