// A simulated day: many IKE SAs between two engines through a network that loses, duplicates and
// reorders 20% of datagrams each, with child rekeys every ~27 minutes, IKE rekeys every ~3.6 hours
// and DPD. Dead-declared tunnels come back the way a crypto map does it: traffic makes the kernel
// send an ACQUIRE. After a quiet settling period every pair of engines and every recording kernel must
// agree exactly. The count (kTunnels) keeps the test at a few seconds on one core.
#include <gtest/gtest.h>

#include <set>

#include "tests/pair/engine/pair_harness.hpp"

namespace ravelin::test {
namespace {

using namespace std::chrono_literals;

constexpr int kTunnels = 100;

ike::config::IkeConfig many(const platform::IpAddress& self, const platform::IpAddress& peer, bool side_a) {
  SiteOptions o;
  o.child_lifetime = 1800;
  o.ike_lifetime = 4 * 3600;
  o.groups = {31};
  auto c = site_config(self, peer, 1, 2, o);
  auto proto = c.crypto_map.front();
  c.crypto_map.clear();
  for (int i = 0; i < kTunnels; ++i) {
    auto e = proto;
    e.seq = static_cast<uint32_t>(10 + i);
    auto net = [](int site, int i2) {
      return ipsec::ts::TrafficSelector::from_prefix(
          *platform::Prefix::parse("10." + std::to_string(site) + "." + std::to_string(i2) + ".0/24"));
    };
    e.local_ts = {net(side_a ? 1 : 2, i)};
    e.remote_ts = {net(side_a ? 2 : 1, i)};
    c.crypto_map.push_back(e);
  }
  c.dpd = {600, 5, ike::config::DpdMode::Periodic};
  c.window_size = 1;
  return c;
}

TEST(Soak, ADayOfRekeysThroughALossyNetworkEndsWithEveryPairAgreeing) {
  Pair p;
  auto ca = many(p.a.address, p.b.address, true);
  auto cb = many(p.b.address, p.a.address, false);
  p.configure(ca, cb);
  p.net.set_random(0.2, 0.2, 0.2, 4242, 800ms);
  auto acquire_missing = [&] {
    std::set<uint32_t> have;
    for (const auto& s : p.a.engine->snapshot()) {
      for (const auto& c : s.children) have.insert(c.map_entry_id);
    }
    for (const auto& e : ca.crypto_map) {
      if (!have.count(e.id())) {
        p.absorb(p.a, p.a.engine->on_kernel_event(p.clock.now(), {ike::engine::KernelEvent::Kind::Acquire, e.id(), 0}));
      }
    }
  };
  acquire_missing();
  for (int quarter = 0; quarter < 24 * 4; ++quarter) {
    p.run_for(15min);
    acquire_missing();
  }
  // Settle: a clean network for a while so every in-flight exchange and every stale SA resolves.
  p.net.set_random(0, 0, 0, 1);
  p.run_for(20min);
  acquire_missing();
  p.run_for(5min);

  std::string why;
  EXPECT_TRUE(p.kernels_agree(&why)) << why;
  EXPECT_TRUE(engines_match_kernels(p.a, &why)) << why;
  EXPECT_TRUE(engines_match_kernels(p.b, &why)) << why;
  auto a = p.a.engine->snapshot();
  auto b = p.b.engine->snapshot();
  std::set<std::pair<uint64_t, uint64_t>> sa_a, sa_b;
  for (const auto& s : a) sa_a.insert({s.spi_i, s.spi_r});
  for (const auto& s : b) sa_b.insert({s.spi_i, s.spi_r});
  EXPECT_EQ(sa_a, sa_b);
  EXPECT_EQ(p.a.kernel.sas.size(), static_cast<size_t>(kTunnels));
  EXPECT_GT(p.a.engine->counters().retransmits, 0u);
  EXPECT_GT(p.a.kernel.installs, static_cast<size_t>(kTunnels) * 40);
  RecordProperty("datagrams", std::to_string(p.net.sent()));
  RecordProperty("installs_a", std::to_string(p.a.kernel.installs));
}

}  // namespace
}  // namespace ravelin::test
