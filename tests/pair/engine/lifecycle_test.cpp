// After establishment: INFORMATIONAL DELETE, DPD, INITIAL_CONTACT, child and IKE rekeys (with and
// without PFS, simultaneous), lifetimes.
#include <gtest/gtest.h>

#include "tests/pair/engine/pair_harness.hpp"

namespace ravelin::test {
namespace {

using ike::engine::EventKind;
using namespace std::chrono_literals;

void establish(Pair& p) {
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1 && p.b.kernel.sas.size() == 1; }, 10s))
      << p.a.events_text() << p.b.events_text();
}

bool settled(const Pair& p, std::string* why) {
  return p.kernels_agree(why) && engines_match_kernels(p.a, why) && engines_match_kernels(p.b, why);
}

TEST(Delete, ClearingTheIkeSaDeletesItAndItsChildrenOnBothSides) {
  Pair p;
  p.configure();
  establish(p);
  // INFORMATIONAL { D(IKE) } -->
  // <-- INFORMATIONAL { }
  p.absorb(p.a, p.a.engine->delete_ike_sa(p.clock.now(), p.a.engine->snapshot()[0].tunnel_id));
  ASSERT_TRUE(p.run_until([&] { return p.a.engine->ike_sa_count() == 0 && p.b.engine->ike_sa_count() == 0; }, 10s));
  EXPECT_TRUE(p.a.kernel.sas.empty());
  EXPECT_TRUE(p.b.kernel.sas.empty());
  EXPECT_TRUE(p.b.saw(EventKind::IkeSaDown, "deleted by peer")) << p.b.events_text();
  EXPECT_TRUE(p.a.saw(EventKind::ChildSaDown));
}

TEST(Delete, HardChildExpiryDeletesTheChildButKeepsTheIkeSa) {
  Pair p;
  p.configure();
  establish(p);
  const uint32_t spi = p.a.kernel.sas.begin()->first;
  // INFORMATIONAL { D(ESP, SPI) } -->
  // <-- INFORMATIONAL { D(ESP, SPI') }
  p.absorb(p.a, p.a.engine->on_kernel_event(p.clock.now(), {ike::engine::KernelEvent::Kind::HardExpire, 0, spi}));
  ASSERT_TRUE(p.run_until([&] { return p.a.kernel.sas.empty() && p.b.kernel.sas.empty(); }, 10s));
  EXPECT_TRUE(p.both_ready());
  EXPECT_TRUE(p.a.engine->snapshot()[0].children.empty());
  EXPECT_TRUE(p.b.engine->snapshot()[0].children.empty());
}

TEST(Dpd, PeriodicDpdDeclaresASilentPeerDeadAndRemovesItsSas) {
  Pair p;
  auto ca = site_config(p.a.address, p.b.address, 1, 2);
  auto cb = site_config(p.b.address, p.a.address, 2, 1);
  cb.dpd = {10, 2, ike::config::DpdMode::Periodic};
  p.configure(ca, cb);
  establish(p);
  p.run_for(30s);  // DPD probes are answered: still up
  EXPECT_TRUE(p.both_ready());
  EXPECT_GE(p.b.engine->counters().datagrams_out, 4u);
  // A dies silently.
  p.net.set_blackhole([&](const ike::engine::Datagram& d) { return d.remote.address == p.a.address; });
  // INFORMATIONAL { } --> (x5, every 2 s), no answer
  ASSERT_TRUE(p.run_until([&] { return p.b.engine->ike_sa_count() == 0; }, 30s)) << p.b.events_text();
  EXPECT_TRUE(p.b.kernel.sas.empty());
  EXPECT_EQ(p.b.engine->counters().peers_declared_dead, 1u);
}

TEST(Dpd, NoDpdMeansNoProbes) {
  Pair p;
  p.configure();
  establish(p);
  const auto out = p.a.engine->counters().datagrams_out + p.b.engine->counters().datagrams_out;
  p.run_for(600s);
  EXPECT_EQ(p.a.engine->counters().datagrams_out + p.b.engine->counters().datagrams_out, out);
}

TEST(InitialContact, RestartedInitiatorReplacesItsStaleSasAtTheResponder) {
  Pair p;
  p.configure();
  establish(p);
  const auto old_b = p.b.engine->snapshot()[0];
  // A reboots: its engine forgets everything (the test kernel forgets too).
  p.a.restart(77);
  p.a.kernel.sas.clear();
  p.configure();
  // IKE_AUTH { IDi, AUTH, N(INITIAL_CONTACT), SAi2, TSi, TSr } -->
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1; }, 10s));
  auto now_b = p.b.engine->snapshot();
  ASSERT_EQ(now_b.size(), 1u);
  EXPECT_NE(now_b[0].spi_i, old_b.spi_i);
  std::string why;
  EXPECT_TRUE(settled(p, &why)) << why;
}

class ChildRekey : public ::testing::TestWithParam<uint16_t> {};

TEST_P(ChildRekey, NewChildIsInstalledBeforeTheOldOneGoesAndKeysAgree) {
  Pair p;
  SiteOptions o;
  o.pfs_group = GetParam();
  p.configure(o, o);
  establish(p);
  const auto old_in = p.a.kernel.sas.begin()->first;
  const auto old_keys = p.a.kernel.sas.begin()->second.outbound_encr_key;
  // CREATE_CHILD_SA { N(REKEY_SA), SA, Ni, [KEi], TSi, TSr } -->
  // <-- CREATE_CHILD_SA { SA, Nr, [KEr], TSi, TSr }
  // INFORMATIONAL { D(ESP, old) } -->
  // <-- INFORMATIONAL { D(ESP, old') }
  p.absorb(p.a, p.a.engine->rekey_child_sa(p.clock.now(), old_in));
  ASSERT_TRUE(p.run_until([&] { return p.a.kernel.installs == 2 && p.a.kernel.sas.size() == 1 && p.b.kernel.sas.size() == 1; }, 10s))
      << p.a.events_text() << p.b.events_text();
  EXPECT_EQ(p.a.kernel.sas.count(old_in), 0u);
  EXPECT_FALSE(p.a.kernel.sas.begin()->second.outbound_encr_key == old_keys);
  EXPECT_EQ(p.a.kernel.sas.begin()->second.algorithms.dh_group, GetParam());
  std::string why;
  EXPECT_TRUE(settled(p, &why)) << why;
}

INSTANTIATE_TEST_SUITE_P(WithoutAndWithPfs, ChildRekey, ::testing::Values(0, 19, 31));

TEST(ChildRekey, SimultaneousRekeysEndWithExactlyOneChildThatBothSidesAgreeOn) {
  for (uint64_t seed = 0; seed < 6; ++seed) {
    Pair p;
    p.a.restart(100 + seed);
    p.b.restart(200 + seed);
    p.configure();
    establish(p);
    // CREATE_CHILD_SA { N(REKEY_SA), ... } -->   <-- CREATE_CHILD_SA { N(REKEY_SA), ... }  (crossing)
    p.absorb(p.a, p.a.engine->rekey_child_sa(p.clock.now(), p.a.kernel.sas.begin()->first));
    p.absorb(p.b, p.b.engine->rekey_child_sa(p.clock.now(), p.b.kernel.sas.begin()->first));
    p.run_for(20s);
    std::string why;
    EXPECT_TRUE(settled(p, &why)) << "seed " << seed << ": " << why << p.a.events_text() << p.b.events_text();
    EXPECT_EQ(p.a.kernel.sas.size(), 1u) << "seed " << seed;
    EXPECT_TRUE(p.both_ready());
  }
}

TEST(ChildRekey, LostRekeyResponseIsRetransmittedAndAnsweredFromCache) {
  Pair p;
  p.configure();
  establish(p);
  p.net.drop_nth(p.net.sent() + 2);  // the CREATE_CHILD_SA response
  p.absorb(p.a, p.a.engine->rekey_child_sa(p.clock.now(), p.a.kernel.sas.begin()->first));
  p.run_for(20s);
  std::string why;
  EXPECT_TRUE(settled(p, &why)) << why;
  EXPECT_EQ(p.a.kernel.sas.size(), 1u);
  EXPECT_EQ(p.b.engine->counters().cached_responses, 1u);
}

TEST(IkeRekey, RekeyedIkeSaKeepsTheChildrenAndTheOldSaIsDeleted) {
  Pair p;
  p.configure();
  establish(p);
  const auto old = p.a.engine->snapshot()[0];
  const auto child_spi = p.a.kernel.sas.begin()->first;
  // CREATE_CHILD_SA { SA(IKE, SPIi'), Ni, KEi } -->
  // <-- CREATE_CHILD_SA { SA(IKE, SPIr'), Nr, KEr }
  // INFORMATIONAL { D(IKE) } --> (on the old SA)
  p.absorb(p.a, p.a.engine->rekey_ike_sa(p.clock.now(), old.tunnel_id));
  ASSERT_TRUE(p.run_until([&] {
    auto a = p.a.engine->snapshot();
    auto b = p.b.engine->snapshot();
    return a.size() == 1 && b.size() == 1 && a[0].spi_i != old.spi_i && b[0].spi_i == a[0].spi_i;
  }, 10s)) << p.a.events_text() << p.b.events_text();
  auto a = p.a.engine->snapshot()[0];
  auto b = p.b.engine->snapshot()[0];
  EXPECT_EQ(a.spi_r, b.spi_r);
  ASSERT_EQ(a.children.size(), 1u);
  EXPECT_EQ(a.children[0].inbound_spi, child_spi);
  EXPECT_EQ(a.next_request_id, 0u);
  EXPECT_FALSE(p.a.saw(EventKind::IkeSaDown));
  // The new SA works: a child rekey over it.
  p.absorb(p.a, p.a.engine->rekey_child_sa(p.clock.now(), child_spi));
  ASSERT_TRUE(p.run_until([&] { return p.a.kernel.installs == 2 && p.a.kernel.sas.size() == 1; }, 10s));
  p.run_for(5s);
  std::string why;
  EXPECT_TRUE(settled(p, &why)) << why;
}

TEST(IkeRekey, SimultaneousIkeRekeysConvergeOnOneIkeSa) {
  Pair p;
  p.configure();
  establish(p);
  p.absorb(p.a, p.a.engine->rekey_ike_sa(p.clock.now(), p.a.engine->snapshot()[0].tunnel_id));
  p.absorb(p.b, p.b.engine->rekey_ike_sa(p.clock.now(), p.b.engine->snapshot()[0].tunnel_id));
  p.run_for(120s);
  auto a = p.a.engine->snapshot();
  auto b = p.b.engine->snapshot();
  ASSERT_EQ(a.size(), 1u) << p.a.events_text();
  ASSERT_EQ(b.size(), 1u) << p.b.events_text();
  EXPECT_EQ(a[0].spi_i, b[0].spi_i);
  EXPECT_EQ(a[0].spi_r, b[0].spi_r);
  std::string why;
  EXPECT_TRUE(settled(p, &why)) << why;
}

TEST(Lifetimes, ADayOfChildAndIkeLifetimesRekeysWithoutEverLosingTheTunnel) {
  Pair p;
  SiteOptions o;
  o.ike_lifetime = 4 * 3600;
  o.child_lifetime = 1800;
  p.configure(o, o);
  establish(p);
  for (int hour = 0; hour < 24; ++hour) {
    p.run_for(1h);
    std::string why;
    p.run_until([&] { return settled(p, nullptr); }, 30s);
    ASSERT_TRUE(settled(p, &why)) << "hour " << hour << ": " << why << p.a.events_text() << p.b.events_text();
    ASSERT_EQ(p.a.engine->ike_sa_count(), 1u) << "hour " << hour;
    ASSERT_EQ(p.a.kernel.sas.size(), 1u) << "hour " << hour;
  }
  EXPECT_FALSE(p.a.saw(EventKind::IkeSaDown)) << p.a.events_text();
  EXPECT_GE(p.a.kernel.installs + p.b.kernel.installs, 48u);
}

}  // namespace
}  // namespace ravelin::test
