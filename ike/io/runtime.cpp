#include "ike/io/runtime.hpp"

#include "ike/io/asio_endpoint.hpp"

#include <array>
#include <chrono>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/v6_only.hpp>

namespace ravelin::ike::io {

namespace asio = boost::asio;
using asio::ip::udp;

namespace {


platform::TimePoint now() {
  return std::chrono::time_point_cast<platform::Duration>(std::chrono::steady_clock::now());
}

}  // namespace

struct Runtime::Socket {
  Socket(asio::io_context& io, platform::Endpoint ep, bool natt) : sock(io), local(ep), natt(natt) {}
  udp::socket sock;
  platform::Endpoint local;
  bool natt;
  udp::endpoint from;
  std::array<uint8_t, 65536> buf{};
};

Runtime::Runtime(asio::io_context& io, engine::Engine& engine, RuntimeOptions options,
                 std::function<void(const engine::Effects&)> sink)
    : io_(io), engine_(engine), options_(std::move(options)), sink_(std::move(sink)), timer_(io) {}

Runtime::~Runtime() { close(); }

Status Runtime::open() {
  for (const auto& addr : options_.local_addresses) {
    for (bool natt : {false, true}) {
      platform::Endpoint ep{addr, natt ? options_.natt_port : options_.ike_port};
      auto s = std::make_unique<Socket>(io_, ep, natt);
      boost::system::error_code ec;
      auto aep = to_asio(ep);
      s->sock.open(aep.protocol(), ec);
      if (!ec && aep.address().is_v6()) s->sock.set_option(asio::ip::v6_only(true), ec);
      if (!ec) s->sock.bind(aep, ec);
      if (ec) {
        close();
        return make_error("cannot bind UDP " + ep.to_string() + ": " + ec.message());
      }
      sockets_.push_back(std::move(s));
    }
  }
  open_ = true;
  for (auto& s : sockets_) receive(*s);
  arm_timer();
  return {};
}

void Runtime::close() {
  open_ = false;
  timer_.cancel();
  for (auto& s : sockets_) {
    boost::system::error_code ec;
    s->sock.close(ec);
  }
  sockets_.clear();
}

void Runtime::receive(Socket& s) {
  s.sock.async_receive_from(asio::buffer(s.buf), s.from, [this, &s](boost::system::error_code ec, size_t n) {
    if (ec == asio::error::operation_aborted || !open_) return;
    if (!ec) on_receive(s, n);
    receive(s);
  });
}

void Runtime::on_receive(Socket& s, size_t n) {
  std::span<const uint8_t> bytes(s.buf.data(), n);
  if (s.natt) {
    // On 4500 an IKE message starts with four zero bytes; anything else is ESP-in-UDP for the kernel
    // (or a one-byte NAT keepalive) and not ours.
    if (n == 1 && bytes[0] == 0xFF) {
      ++counters_.keepalives_received;  // RFC 3948 §2.3: the peer's NAT keepalive; nothing to do
      return;
    }
    if (n < kNonEspMarker.size() || !std::equal(kNonEspMarker.begin(), kNonEspMarker.end(), bytes.begin())) {
      ++counters_.dropped_non_ike;
      return;
    }
    bytes = bytes.subspan(kNonEspMarker.size());
  }
  ++counters_.received;
  apply(engine_.on_datagram(now(), s.local, from_asio(s.from), bytes));
}

void Runtime::send(const engine::Datagram& d) {
  for (auto& s : sockets_) {
    if (s->local != d.local) continue;
    std::vector<uint8_t> out;
    out.reserve(d.bytes.size() + 4);
    // A NAT keepalive is not IKE: it goes bare (RFC 3948 §2.3), everything else on 4500 gets the marker.
    if (s->natt && !d.keepalive) out.insert(out.end(), kNonEspMarker.begin(), kNonEspMarker.end());
    out.insert(out.end(), d.bytes.begin(), d.bytes.end());
    boost::system::error_code ec;
    s->sock.send_to(asio::buffer(out), to_asio(d.remote), 0, ec);  // UDP send does not block for long
    ++(ec ? counters_.send_errors : d.keepalive ? counters_.keepalives_sent : counters_.sent);
    return;
  }
  ++counters_.no_socket;
}

void Runtime::apply(engine::Effects fx) {
  for (const auto& d : fx.datagrams) send(d);
  if (sink_) sink_(fx);
  arm_timer();
}

void Runtime::arm_timer() {
  if (!open_) return;
  auto deadline = engine_.next_deadline();
  if (!deadline) {
    timer_.cancel();
    return;
  }
  timer_.expires_at(std::chrono::steady_clock::time_point(
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(deadline->time_since_epoch())));
  timer_.async_wait([this](boost::system::error_code ec) {
    if (ec == asio::error::operation_aborted || !open_) return;
    apply(engine_.on_timer(now()));
  });
}

}  // namespace ravelin::ike::io
