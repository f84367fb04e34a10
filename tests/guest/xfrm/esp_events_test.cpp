// Kernel events for real SAs in the ESP kernel: lifetimes raise soft then hard EXPIRE for the SA
// that ran out, traffic without an SA (after delete_sa) raises ACQUIRE again, and a UDP-encapsulated
// SA whose peer port changes raises MAPPING (a NAT rebinding, RFC 7296 §2.23).
#include <poll.h>

#include <chrono>

#include "tests/guest/xfrm/guest_esp_fixture.hpp"

namespace ravelin::test {
namespace {

// Drains `k` for up to `seconds` until an event satisfies `pred`.
template <typename Pred>
bool wait_event(KernelIpsec& k, int seconds, Pred pred) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{k.event_fd(), POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    for (const KernelEvent& e : k.drain()) {
      if (pred(e)) return true;
    }
  }
  return false;
}

auto expire_of(uint32_t spi, bool hard) {
  return [=](const KernelEvent& e) {
    const auto* x = std::get_if<ExpireEvent>(&e);
    return x != nullptr && x->sa.spi == spi && x->hard == hard;
  };
}

TEST_F(GuestEsp, PacketLimitsRaiseSoftThenHardExpireForTheSaThatRanOut) {
  const Case c{.a_out_lifetime = {.soft_packets = 2, .hard_packets = 5}};
  bring_up(c);
  if (IsSkipped() || HasFailure()) return;
  ASSERT_EQ(ping_failure(c, 3), "");  // 3 packets: past the soft limit, below the hard one
  EXPECT_TRUE(wait_event(*a_.kernel, 5, expire_of(spi_ab_, false))) << "no soft EXPIRE";
  (void)ping_failure(c, 3);  // the 6th packet is past the hard limit
  EXPECT_TRUE(wait_event(*a_.kernel, 5, expire_of(spi_ab_, true))) << "no hard EXPIRE";
  // A hard expire removes the SA from the kernel.
  EXPECT_FALSE(a_.kernel->sa_counters({ip(b_.outer), spi_ab_, {}}).ok());
}

TEST_F(GuestEsp, TimeLifetimeRaisesSoftExpireWithoutTraffic) {
  const Case c{.a_out_lifetime = {.soft_seconds = 1, .hard_seconds = 60}};
  bring_up(c);
  if (IsSkipped() || HasFailure()) return;
  EXPECT_TRUE(wait_event(*a_.kernel, 10, expire_of(spi_ab_, false))) << "no soft EXPIRE after 1 s";
  EXPECT_TRUE(a_.kernel->sa_counters({ip(b_.outer), spi_ab_, {}}).ok()) << "a soft expire keeps the SA";
}

TEST_F(GuestEsp, DeletedOutboundSaTurnsTrafficIntoAcquire) {
  const Case c{};
  bring_up(c);
  if (IsSkipped() || HasFailure()) return;
  ASSERT_EQ(ping_failure(c, 1), "");
  ASSERT_TRUE(a_.kernel->delete_sa({ip(b_.outer), spi_ab_, {}}).ok());
  EXPECT_FALSE(a_.kernel->sa_counters({ip(b_.outer), spi_ab_, {}}).ok());
  EXPECT_NE(ping_failure(c, 1), "") << "traffic passed without an outbound SA";
  EXPECT_TRUE(wait_event(*a_.kernel, 5, [&](const KernelEvent& e) {
    const auto* acq = std::get_if<AcquireEvent>(&e);
    return acq != nullptr && acq->reqid == reqid_ && acq->tmpl_dst == ip(b_.outer);
  })) << "no ACQUIRE for the policy whose SA was deleted";
}

TEST_F(GuestEsp, NewPeerSourcePortRaisesMappingOnTheReceiver) {
  const Case c{.integrity = EspIntegrity::HmacSha256_128, .integrity_key = 32, .encap = true};
  bring_up(c);
  if (IsSkipped() || HasFailure()) return;
  ASSERT_EQ(ping_failure(c, 1), "");
  // As if a NAT in front of A had picked a new port: A now sends from 4501 (update_sa, UPDSA).
  SaSpec moved = sa_spec(a_, b_, c, reqid_, 1, spi_ab_);
  moved.encap = UdpEncap{4501, 4500};
  Status s = a_.kernel->update_sa(moved);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_NE(a_.ns->output("ip xfrm state").find("sport 4501 dport 4500"), std::string::npos);
  (void)ping_failure(c, 1);
  EXPECT_TRUE(wait_event(*b_.kernel, 5, [&](const KernelEvent& e) {
    const auto* m = std::get_if<MappingEvent>(&e);
    return m != nullptr && m->sa.spi == spi_ab_ && m->reqid == reqid_ &&
           m->old_src == Endpoint{ip(a_.outer), 4500} && m->new_src == Endpoint{ip(a_.outer), 4501};
  })) << "no MAPPING on B for the new source port";
}

}  // namespace
}  // namespace ravelin::test
