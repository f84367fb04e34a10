// The load generator against an in-process ravelin responder (engine + Asio runtime) over loopback
// UDP on unprivileged ports: no root needed. Every run is bounded by the generator's own timeout.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>

#include "ike/crypto/random.hpp"
#include "ike/engine/engine.hpp"
#include "ike/io/loadgen.hpp"
#include "ike/io/runtime.hpp"
#include "ike/loadgen/options.hpp"

namespace ravelin::ike::io {
namespace {

platform::TimePoint steady_now() {
  return std::chrono::time_point_cast<platform::Duration>(std::chrono::steady_clock::now());
}

class CountingSpis final : public engine::SpiAllocator {
 public:
  Result<uint32_t> allocate(const platform::IpAddress&, const platform::IpAddress&) override { return next_++; }

 private:
  uint32_t next_ = 0xd0000001u;
};

// A unique even port per test process (the NAT-T port is the next one).
uint16_t test_port(int salt) { return static_cast<uint16_t>(21000 + ((getpid() * 7 + salt * 2) % 8000) * 2); }

struct Responder {
  Responder(boost::asio::io_context& io, const std::vector<std::string>& extra, uint16_t port) {
    std::vector<std::string> args{"--listen", "127.0.0.1", "--port", std::to_string(port), "--psk", "loop-psk"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto o = loadgen::parse_respond_args(args);
    EXPECT_TRUE(o.ok()) << o.error().message;
    engine::EngineSettings s;
    s.ike_port = o->port;
    s.natt_port = o->natt_port;
    eng = std::make_unique<engine::Engine>(engine::EngineDeps{&random, &spis, nullptr}, s);
    rt = std::make_unique<Runtime>(io, *eng, RuntimeOptions{o->listen, o->port, o->natt_port},
                                   [this](const engine::Effects& fx) { installs += fx.install.size(); });
    status = rt->open();
    if (status.ok()) {
      rt->apply(eng->on_config(steady_now(), std::make_shared<const config::IkeConfig>(loadgen::responder_config(*o))));
    }
  }
  crypto::OpenSslRandom random;
  CountingSpis spis;
  std::unique_ptr<engine::Engine> eng;
  std::unique_ptr<Runtime> rt;
  Status status;
  size_t installs = 0;
};

Result<loadgen::LoadReport> drive(boost::asio::io_context& io, uint16_t port, std::vector<std::string> extra) {
  std::vector<std::string> args{"--peer", "127.0.0.1", "--port", std::to_string(port), "--psk", "loop-psk",
                                "--source", "127.0.0.2-127.0.0.4", "--timeout", "60"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto o = loadgen::parse_load_args(args);
  if (!o) return o.error();
  LoadGenerator gen(io, std::move(*o));
  return gen.run();
}

#define REQUIRE_RESPONDER(r)                                                       \
  if (!(r).status.ok()) GTEST_SKIP() << "cannot bind loopback UDP: " << (r).status.error().message

TEST(LoadgenLoopback, EstablishesEverySaWithAChildFromSeveralSourcesAndEngines) {
  boost::asio::io_context io;
  const uint16_t port = test_port(1);
  Responder resp(io, {}, port);
  REQUIRE_RESPONDER(resp);
  // IKE_SA_INIT + IKE_AUTH (with one child) x 60, at most 8 in flight, from three engines (sources).
  auto r = drive(io, port, {"--count", "60", "--concurrency", "8"});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->established, 60u) << loadgen::format_report(*r);
  EXPECT_EQ(r->failed, 0u);
  EXPECT_EQ(r->child_refused, 0u);
  EXPECT_EQ(r->unfinished, 0u);
  EXPECT_EQ(r->latencies_ms.size(), 60u);
  EXPECT_GT(r->handshakes_per_second(), 0.0);
  EXPECT_EQ(resp.eng->ike_sa_count(), 60u);
  EXPECT_EQ(resp.eng->counters().child_sa_established, 60u);
  EXPECT_EQ(resp.installs, 60u);
  // Three source addresses: the responder sees three distinct peers.
  std::set<platform::IpAddress> peers;
  for (const auto& s : resp.eng->snapshot()) peers.insert(s.remote.address);
  EXPECT_EQ(peers.size(), 3u);
}

TEST(LoadgenLoopback, OneAtATimeEverySaIsKeptDespiteInitialContact) {
  boost::asio::io_context io;
  const uint16_t port = test_port(7);
  Responder resp(io, {}, port);
  REQUIRE_RESPONDER(resp);
  // With one handshake in flight, each source's first IKE_AUTH carries INITIAL_CONTACT (§2.4); the
  // responder must not lose SAs set up earlier from the same address by the same generator.
  auto r = drive(io, port, {"--count", "24", "--concurrency", "1"});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->established, 24u) << loadgen::format_report(*r);
  EXPECT_EQ(resp.eng->ike_sa_count(), 24u);
}

TEST(LoadgenLoopback, DeleteTearsDownEverySaAtTheResponder) {
  boost::asio::io_context io;
  const uint16_t port = test_port(2);
  Responder resp(io, {}, port);
  REQUIRE_RESPONDER(resp);
  // ... then INFORMATIONAL { D(IKE) } --> for each of them.
  auto r = drive(io, port, {"--count", "25", "--concurrency", "5", "--delete"});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->established, 25u) << loadgen::format_report(*r);
  EXPECT_TRUE(r->deleted_phase);
  EXPECT_EQ(r->deleted, 25u);
  EXPECT_EQ(r->delete_unfinished, 0u);
  EXPECT_EQ(resp.eng->ike_sa_count(), 0u);
}

TEST(LoadgenLoopback, ChildRefusedIsNotASuccessUnlessIkeOnly) {
  boost::asio::io_context io;
  const uint16_t port = test_port(3);
  Responder resp(io, {"--no-child"}, port);
  REQUIRE_RESPONDER(resp);
  auto strict = drive(io, port, {"--count", "6"});
  ASSERT_TRUE(strict.ok()) << strict.error().message;
  EXPECT_EQ(strict->established, 0u);
  EXPECT_EQ(strict->child_refused, 6u) << loadgen::format_report(*strict);
  ASSERT_FALSE(strict->failure_samples.empty());
  EXPECT_NE(strict->failure_samples[0].find("NO_PROPOSAL_CHOSEN"), std::string::npos) << strict->failure_samples[0];
  auto ike_only = drive(io, port, {"--count", "6", "--ike-only"});
  ASSERT_TRUE(ike_only.ok()) << ike_only.error().message;
  EXPECT_EQ(ike_only->established, 6u) << loadgen::format_report(*ike_only);
  EXPECT_EQ(resp.eng->ike_sa_count(), 12u);
  EXPECT_EQ(resp.installs, 0u);
}

TEST(LoadgenLoopback, WrongPreSharedKeyFailsEveryHandshakeAndSaysWhy) {
  boost::asio::io_context io;
  const uint16_t port = test_port(4);
  Responder resp(io, {}, port);
  REQUIRE_RESPONDER(resp);
  auto r = drive(io, port, {"--count", "4", "--psk", "not-the-key"});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->established, 0u);
  EXPECT_EQ(r->failed, 4u) << loadgen::format_report(*r);
  ASSERT_FALSE(r->failure_samples.empty());
  EXPECT_NE(r->failure_samples[0].find("AUTHENTICATION_FAILED"), std::string::npos) << r->failure_samples[0];
  EXPECT_EQ(loadgen::format_report(*r).find("not-the-key"), std::string::npos);
  EXPECT_EQ(resp.eng->ike_sa_count(), 0u);
}

TEST(LoadgenLoopback, ProposalMismatchIsReportedAsNoProposalChosen) {
  boost::asio::io_context io;
  const uint16_t port = test_port(5);
  Responder resp(io, {"--proposal", "aes256-sha256-modp2048"}, port);
  REQUIRE_RESPONDER(resp);
  auto r = drive(io, port, {"--count", "3", "--proposal", "aes128gcm16-prfsha256-ecp256"});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->failed, 3u) << loadgen::format_report(*r);
  ASSERT_FALSE(r->failure_samples.empty());
  EXPECT_NE(r->failure_samples[0].find("NO_PROPOSAL_CHOSEN"), std::string::npos) << r->failure_samples[0];
}

TEST(LoadgenLoopback, NoResponderMeansUnfinishedAtTheTimeoutAndTheLoopIsReusable) {
  boost::asio::io_context io;
  const uint16_t port = test_port(6);
  std::vector<std::string> args{"--peer", "127.0.0.1", "--port", std::to_string(port), "--source", "127.0.0.2",
                                "--count", "3", "--timeout", "2"};
  auto o = loadgen::parse_load_args(args);
  ASSERT_TRUE(o.ok());
  LoadGenerator gen(io, std::move(*o));
  auto r = gen.run();
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->established, 0u);
  EXPECT_EQ(r->unfinished, 3u) << loadgen::format_report(*r);
  EXPECT_GE(r->retransmits, 3u);  // 1 s base: each SA retransmitted its IKE_SA_INIT once within 2 s
  // The run stopped in the middle of everything; the same io_context still serves a new run.
  Responder resp(io, {}, port);
  REQUIRE_RESPONDER(resp);
  auto again = drive(io, port, {"--count", "5"});
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->established, 5u) << loadgen::format_report(*again);
}

TEST(LoadgenLoopback, UnbindableSourceIsAnErrorNamingIt) {
  boost::asio::io_context io;
  auto o = loadgen::parse_load_args({"--peer", "127.0.0.1", "--port", "20000", "--source", "192.0.2.254"});
  ASSERT_TRUE(o.ok());
  LoadGenerator gen(io, std::move(*o));
  auto r = gen.run();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("192.0.2.254:20000"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace ravelin::ike::io
