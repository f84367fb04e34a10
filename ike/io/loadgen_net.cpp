#include "ike/io/loadgen_net.hpp"

#include "ike/io/asio_endpoint.hpp"

#include <algorithm>
#include <array>

#include <boost/asio/ip/udp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/socket_base.hpp>

namespace ravelin::ike::io {

namespace asio = boost::asio;
using asio::ip::udp;

namespace {

constexpr int kBatch = 64;                                    // datagrams drained per wake-up
constexpr int kSocketBuffer = 4 << 20;

}  // namespace

struct DatagramFabric::Socket {
  Socket(asio::io_context& io, platform::Endpoint ep, bool n) : sock(io), local(ep), natt(n) {}
  udp::socket sock;
  platform::Endpoint local;
  bool natt;
  udp::endpoint from;
  std::array<uint8_t, 65536> buf{};
  std::vector<uint8_t> out;  // send scratch (marker + message)
};

DatagramFabric::DatagramFabric(asio::io_context& io, std::vector<platform::IpAddress> sources, uint16_t ike_port,
                               uint16_t natt_port, Receiver receiver)
    : io_(io), sources_(std::move(sources)), ike_port_(ike_port), natt_port_(natt_port), receiver_(std::move(receiver)) {}

DatagramFabric::~DatagramFabric() { close(); }

Status DatagramFabric::open() {
  for (const auto& addr : sources_) {
    for (bool natt : {false, true}) {
      platform::Endpoint ep{addr, natt ? natt_port_ : ike_port_};
      auto s = std::make_unique<Socket>(io_, ep, natt);
      boost::system::error_code ec;
      auto aep = to_asio(ep);
      s->sock.open(aep.protocol(), ec);
      if (!ec && aep.address().is_v6()) s->sock.set_option(asio::ip::v6_only(true), ec);
      if (!ec) s->sock.bind(aep, ec);
      if (!ec) s->sock.non_blocking(true, ec);
      if (ec) {
        close();
        return make_error("cannot bind UDP " + ep.to_string() + ": " + ec.message());
      }
      boost::system::error_code ignore;  // a smaller buffer only costs drops, which retransmission covers
      s->sock.set_option(asio::socket_base::receive_buffer_size(kSocketBuffer), ignore);
      s->sock.set_option(asio::socket_base::send_buffer_size(kSocketBuffer), ignore);
      by_local_[ep] = s.get();
      sockets_.push_back(std::move(s));
    }
  }
  open_ = true;
  for (auto& s : sockets_) receive(*s);
  return {};
}

void DatagramFabric::close() {
  open_ = false;
  for (auto& s : sockets_) {
    boost::system::error_code ec;
    s->sock.close(ec);
  }
  sockets_.clear();
  by_local_.clear();
}

void DatagramFabric::receive(Socket& s) {
  s.sock.async_wait(udp::socket::wait_read, [this, &s](boost::system::error_code ec) {
    if (ec || !open_) return;
    for (int i = 0; i < kBatch && open_; ++i) {
      boost::system::error_code rec;
      size_t n = s.sock.receive_from(asio::buffer(s.buf), s.from, 0, rec);
      if (rec) break;  // would_block: drained
      deliver(s, n);
    }
    if (open_) receive(s);
  });
}

void DatagramFabric::deliver(Socket& s, size_t n) {
  std::span<const uint8_t> bytes(s.buf.data(), n);
  if (s.natt) {
    if (n < kNonEspMarker.size() || !std::equal(kNonEspMarker.begin(), kNonEspMarker.end(), bytes.begin())) return;
    bytes = bytes.subspan(kNonEspMarker.size());
  }
  ++received_;
  platform::Endpoint remote{from_asio(s.from.address()), s.from.port()};
  receiver_(s.local, remote, bytes);
}

void DatagramFabric::send(const platform::Endpoint& local, const platform::Endpoint& remote,
                          std::span<const uint8_t> bytes) {
  auto it = by_local_.find(local);
  if (it != by_local_.end()) {
    Socket* s = it->second;
    std::span<const uint8_t> payload = bytes;
    if (s->natt) {
      s->out.assign(kNonEspMarker.begin(), kNonEspMarker.end());
      s->out.insert(s->out.end(), bytes.begin(), bytes.end());
      payload = s->out;
    }
    boost::system::error_code ec;
    s->sock.send_to(asio::buffer(payload.data(), payload.size()), to_asio(remote), 0, ec);
    ++(ec ? send_errors_ : sent_);
    return;
  }
  ++send_errors_;
}

Result<platform::IpAddress> DatagramFabric::route_source(const platform::IpAddress& peer, uint16_t port) {
  asio::io_context io;
  udp::socket probe(io);
  boost::system::error_code ec;
  auto ep = to_asio({peer, port});
  probe.open(ep.protocol(), ec);
  if (!ec) probe.connect(ep, ec);  // UDP connect sends nothing; it only picks the route and source
  if (ec) return make_error("no route to " + peer.to_string() + ": " + ec.message());
  auto local = probe.local_endpoint(ec);
  if (ec) return make_error("no source address toward " + peer.to_string() + ": " + ec.message());
  return from_asio(local.address());
}

}  // namespace ravelin::ike::io
