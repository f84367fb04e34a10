#pragma once
// The load generator's UDP side: one socket on the IKE port and one on the NAT-T port for each source
// address, shared by every initiator engine. Datagrams on the NAT-T port carry the 4-byte non-ESP
// marker (RFC 3948 §2.2), added and stripped here as the router's runtime does. Receiving drains up to
// a batch per wake-up so that a burst of replies costs one trip through the event loop.
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <unordered_map>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "platform/net/ip_address.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::io {

class DatagramFabric {
 public:
  // local = the socket's endpoint, remote = the sender, bytes = the IKE message (marker stripped).
  using Receiver = std::function<void(const platform::Endpoint& local, const platform::Endpoint& remote,
                                      std::span<const uint8_t> bytes)>;

  DatagramFabric(boost::asio::io_context& io, std::vector<platform::IpAddress> sources, uint16_t ike_port,
                 uint16_t natt_port, Receiver receiver);
  ~DatagramFabric();
  DatagramFabric(const DatagramFabric&) = delete;
  DatagramFabric& operator=(const DatagramFabric&) = delete;

  [[nodiscard]] Status open();
  void close();
  // Sends from the socket bound to `local`; a local endpoint we have no socket for is counted.
  void send(const platform::Endpoint& local, const platform::Endpoint& remote, std::span<const uint8_t> bytes);

  [[nodiscard]] uint64_t sent() const { return sent_; }
  [[nodiscard]] uint64_t received() const { return received_; }
  [[nodiscard]] uint64_t send_errors() const { return send_errors_; }

  // The source address the kernel would use toward `peer` (a connected UDP socket's local address).
  [[nodiscard]] static Result<platform::IpAddress> route_source(const platform::IpAddress& peer, uint16_t port);

 private:
  struct Socket;
  void receive(Socket& s);
  void deliver(Socket& s, size_t n);

  boost::asio::io_context& io_;
  std::vector<platform::IpAddress> sources_;
  uint16_t ike_port_;
  uint16_t natt_port_;
  Receiver receiver_;
  std::vector<std::unique_ptr<Socket>> sockets_;
  std::unordered_map<platform::Endpoint, Socket*> by_local_;
  bool open_ = false;
  uint64_t sent_ = 0;
  uint64_t received_ = 0;
  uint64_t send_errors_ = 0;
};

}  // namespace ravelin::ike::io
