// Two engines, each in its own Asio runtime, negotiating over real UDP on loopback with unprivileged
// ports (what `--ike-port`/`--natt-port` are for). Bounded by a 10 s wall-clock guard.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <array>
#include <map>

#include "ike/crypto/random.hpp"
#include "ike/io/runtime.hpp"
#include "tests/pair/engine/pair_harness.hpp"

namespace ravelin::test {
namespace {

using namespace std::chrono_literals;

struct Side {
  Side(boost::asio::io_context& io, platform::IpAddress addr, uint32_t first_spi, uint16_t port, uint64_t seed)
      : address(addr), spis(first_spi), random(seed),
        engine({&random, &spis, nullptr}, settings(port)),
        runtime(io, engine, {{addr}, port, static_cast<uint16_t>(port + 1)},
                [this](const ike::engine::Effects& fx) { kernel.apply(fx); }) {}
  static ike::engine::EngineSettings settings(uint16_t port) {
    ike::engine::EngineSettings s;
    s.ike_port = port;
    s.natt_port = static_cast<uint16_t>(port + 1);
    return s;
  }
  platform::IpAddress address;
  CountingSpis spis;
  ike::crypto::DeterministicRandom random;
  RecordingKernel kernel;
  ike::engine::Engine engine;
  ike::io::Runtime runtime;
};

platform::TimePoint steady_now() {
  return std::chrono::time_point_cast<platform::Duration>(std::chrono::steady_clock::now());
}

TEST(Runtime, TwoRuntimesOverLoopbackEstablishAnSaWithUnprivilegedPorts) {
  boost::asio::io_context io;
  const uint16_t port = static_cast<uint16_t>(20000 + (getpid() % 20000) * 2 % 20000);
  Side a(io, *platform::IpAddress::parse("127.0.0.1"), 0xa0000001u, port, 1);
  Side b(io, *platform::IpAddress::parse("127.0.0.2"), 0xb0000001u, port, 2);
  auto st_a = a.runtime.open();
  auto st_b = b.runtime.open();
  if (!st_a.ok() || !st_b.ok()) {
    GTEST_SKIP() << "cannot bind loopback UDP ports: " << (st_a.ok() ? st_b.error().message : st_a.error().message);
  }
  auto ca = site_config(a.address, b.address, 1, 2);
  auto cb = site_config(b.address, a.address, 2, 1);
  a.runtime.apply(a.engine.on_config(steady_now(), std::make_shared<const ike::config::IkeConfig>(ca)));
  b.runtime.apply(b.engine.on_config(steady_now(), std::make_shared<const ike::config::IkeConfig>(cb)));
  // IKE_SA_INIT { SAi1, KEi, Ni } --> ... <-- IKE_AUTH { IDr, AUTH, SAr2, TSi, TSr }, over UDP
  a.runtime.apply(a.engine.initiate(steady_now(), ca.crypto_map[0].id()));

  boost::asio::steady_timer guard(io);
  bool timed_out = false;
  guard.expires_after(10s);
  guard.async_wait([&](boost::system::error_code ec) {
    if (!ec) {
      timed_out = true;
      io.stop();
    }
  });
  boost::asio::steady_timer poll(io);
  std::function<void()> check = [&] {
    if (a.kernel.sas.size() == 1 && b.kernel.sas.size() == 1) {
      io.stop();
      return;
    }
    poll.expires_after(5ms);
    poll.async_wait([&](boost::system::error_code ec) {
      if (!ec) check();
    });
  };
  check();
  io.run_for(15s);
  ASSERT_FALSE(timed_out) << "no SA within 10 s";
  auto sa = a.engine.snapshot();
  ASSERT_EQ(sa.size(), 1u);
  EXPECT_EQ(sa[0].status, ike::engine::IkeStatus::Ready);
  EXPECT_EQ(sa[0].remote.port, port);
  const auto& ka = a.kernel.sas.begin()->second;
  const auto& kb = b.kernel.sas.begin()->second;
  EXPECT_EQ(ka.outbound_spi, kb.inbound_spi);
  EXPECT_TRUE(ka.outbound_encr_key == kb.inbound_encr_key);
  EXPECT_GE(a.runtime.counters().sent, 2u);
  EXPECT_GE(b.runtime.counters().received, 2u);
  EXPECT_EQ(a.runtime.counters().no_socket, 0u);
}

TEST(Runtime, BindingAPortTwiceIsAnErrorNamingTheEndpoint) {
  boost::asio::io_context io;
  const uint16_t port = static_cast<uint16_t>(40000 + getpid() % 10000);
  Side a(io, *platform::IpAddress::parse("127.0.0.1"), 1, port, 1);
  Side b(io, *platform::IpAddress::parse("127.0.0.1"), 1, port, 2);
  ASSERT_TRUE(a.runtime.open().ok());
  auto st = b.runtime.open();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("127.0.0.1:" + std::to_string(port)), std::string::npos) << st.error().message;
}

TEST(Runtime, NatKeepalivesLeaveWithoutTheNonEspMarkerAndAreCountedOnArrival) {
  boost::asio::io_context io;
  const uint16_t port = static_cast<uint16_t>(30000 + (getpid() % 10000) * 2 % 10000);
  Side a(io, *platform::IpAddress::parse("127.0.0.1"), 1, port, 1);
  if (!a.runtime.open().ok()) GTEST_SKIP() << "cannot bind loopback UDP port " << port;
  using boost::asio::ip::udp;
  udp::socket raw(io, udp::endpoint(boost::asio::ip::make_address("127.0.0.2"), 0));
  const platform::Endpoint raw_ep{*platform::IpAddress::parse("127.0.0.2"), raw.local_endpoint().port()};
  const platform::Endpoint a_natt{a.address, static_cast<uint16_t>(port + 1)};
  // RFC 3948 §2.3: the keepalive is the bare octet 0xFF; an IKE message on 4500 gets 4 zero octets first.
  ike::engine::Effects fx;
  ike::engine::Datagram keepalive{a_natt, raw_ep, {0xFF}};
  keepalive.keepalive = true;
  fx.datagrams.push_back(keepalive);
  fx.datagrams.push_back({a_natt, raw_ep, {1, 2, 3}});
  a.runtime.apply(fx);
  std::array<uint8_t, 64> buf{};
  udp::endpoint from;
  raw.non_blocking(false);
  const size_t n1 = raw.receive_from(boost::asio::buffer(buf), from);
  EXPECT_EQ(std::vector<uint8_t>(buf.begin(), buf.begin() + static_cast<long>(n1)), std::vector<uint8_t>{0xFF});
  EXPECT_EQ(from.port(), port + 1);
  const size_t n2 = raw.receive_from(boost::asio::buffer(buf), from);
  EXPECT_EQ(std::vector<uint8_t>(buf.begin(), buf.begin() + static_cast<long>(n2)), (std::vector<uint8_t>{0, 0, 0, 0, 1, 2, 3}));
  EXPECT_EQ(a.runtime.counters().keepalives_sent, 1u);
  EXPECT_EQ(a.runtime.counters().sent, 1u);
  // A keepalive arriving on the NAT-T socket is counted and never reaches the engine.
  const uint8_t ff = 0xFF;
  raw.send_to(boost::asio::buffer(&ff, 1), udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port + 1));
  for (int i = 0; i < 200 && a.runtime.counters().keepalives_received == 0; ++i) io.run_for(10ms);
  EXPECT_EQ(a.runtime.counters().keepalives_received, 1u);
  EXPECT_EQ(a.runtime.counters().dropped_non_ike, 0u);
  EXPECT_EQ(a.engine.counters().datagrams_in, 0u);
}

}  // namespace
}  // namespace ravelin::test
