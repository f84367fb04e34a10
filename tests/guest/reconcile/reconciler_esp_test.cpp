// The reconciler's installed-ESP path in a kernel that has ESP (the QEMU guest of the kernel tier):
// two namespaces, each with its own KernelIpsec and Reconciler, converge crypto-map policies, take
// inbound SPIs from ALLOCSPI and install negotiated children as the engine hands them over; pings
// between the protected hosts pass through those SAs and query() shows counters growing on both
// sides. Also: a map entry that disappears takes its SAs and policies and frees its reqid, and a
// NAT rebinding (MAPPING) is followed through update_encap. Skips when the kernel has no ESP.
#include <poll.h>

#include <chrono>
#include <optional>
#include <tuple>

#include "ipsec/reconcile/reconciler.hpp"
#include "ipsec/reconcile/specs.hpp"
#include "tests/guest/xfrm/guest_esp_fixture.hpp"

namespace ravelin::test {
namespace {

using ipsec::reconcile::ChildState;
using ipsec::reconcile::ChildStatus;
using ipsec::reconcile::DesiredPolicy;
using ipsec::reconcile::Reconciler;

// Crypto-map entry ids as the engine names them (hashes, outside the owned reqid range).
constexpr uint32_t kEntryA = 0x0a0a0a0a;
constexpr uint32_t kEntryB = 0x0b0b0b0b;

int open_udp_encap(NetnsScope& ns, uint16_t port) {
  int fd = -1;
  ns.inside([&] {
    fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return;
    int type = UDP_ENCAP_ESPINUDP;
    sockaddr_in sin{};
    sin.sin_family = AF_INET;
    sin.sin_port = htons(port);
    if (bind(fd, reinterpret_cast<sockaddr*>(&sin), sizeof sin) != 0 ||
        setsockopt(fd, IPPROTO_UDP, UDP_ENCAP, &type, sizeof type) != 0) {
      close(fd);
      fd = -1;
    }
  });
  return fd;
}

class GuestReconcile : public GuestEsp {
 protected:
  void TearDown() override {
    for (int fd : extra_fds_) close(fd);
    ra_.reset();
    rb_.reset();
    GuestEsp::TearDown();
  }

  // Topology and kernels, one Reconciler per side, each side's crypto-map policies converged.
  void start(const Case& c) {
    make_topology(c);
    if (IsSkipped() || HasFailure()) return;
    open_kernels();
    if (IsSkipped() || HasFailure()) return;
    ra_ = std::make_unique<Reconciler>(*a_.kernel, log_);
    rb_ = std::make_unique<Reconciler>(*b_.kernel, log_);
    Status sa = ra_->set_policies({desired(a_, b_, kEntryA)});
    Status sb = rb_->set_policies({desired(b_, a_, kEntryB)});
    ASSERT_TRUE(sa.ok() && sb.ok()) << (sa ? sb.error().message : sa.error().message);
  }

  static DesiredPolicy desired(const Side& self, const Side& peer, uint32_t entry) {
    DesiredPolicy d;
    d.entry_id = entry;
    d.sequence = 10;
    d.local = ip(self.outer);
    d.remote = ip(peer.outer);
    d.local_ts = ipsec::ts::TrafficSelector::from_prefix(*Prefix::parse(self.net));
    d.remote_ts = ipsec::ts::TrafficSelector::from_prefix(*Prefix::parse(peer.net));
    return d;
  }

  // What each engine would hand over after IKE_AUTH: A's child and B's mirror image, the inbound
  // SPI of each side allocated by its own kernel (ALLOCSPI), AES-CBC-128 + HMAC-SHA1-96.
  void negotiate(const Case& c, uint8_t seed) {
    auto spi_a = a_.kernel->allocate_spi(ip(b_.outer), ip(a_.outer), *ra_->reqid_for(kEntryA));
    auto spi_b = b_.kernel->allocate_spi(ip(a_.outer), ip(b_.outer), *rb_->reqid_for(kEntryB));
    ASSERT_TRUE(spi_a.ok() && spi_b.ok());
    child_a_ = child(a_, b_, kEntryA, *spi_a, *spi_b, seed, c.encap);
    child_b_ = child(b_, a_, kEntryB, *spi_b, *spi_a, seed, c.encap);
    // Keys of one direction are the same bytes on both sides (KEYMAT, RFC 7296 §2.17).
    child_b_.inbound_encr_key = child_a_.outbound_encr_key;
    child_b_.inbound_integ_key = child_a_.outbound_integ_key;
    child_b_.outbound_encr_key = child_a_.inbound_encr_key;
    child_b_.outbound_integ_key = child_a_.inbound_integ_key;
    Status ia = ra_->install(child_a_);
    Status ib = rb_->install(child_b_);
    ASSERT_TRUE(ia.ok()) << ia.error().message;
    ASSERT_TRUE(ib.ok()) << ib.error().message;
  }

  static ipsec::sa::ChildSa child(const Side& self, const Side& peer, uint32_t entry, uint32_t in_spi,
                                  uint32_t out_spi, uint8_t seed, bool encap) {
    ipsec::sa::ChildSa c;
    c.inbound_spi = in_spi;
    c.outbound_spi = out_spi;
    c.local = ip(self.outer);
    c.remote = ip(peer.outer);
    c.algorithms = {12, 128, 2, 0};
    c.inbound_encr_key = ipsec::sa::KeyBytes(key(16, seed));
    c.inbound_integ_key = ipsec::sa::KeyBytes(key(20, seed + 1));
    c.outbound_encr_key = ipsec::sa::KeyBytes(key(16, seed + 2));
    c.outbound_integ_key = ipsec::sa::KeyBytes(key(20, seed + 3));
    c.local_ts = {ipsec::ts::TrafficSelector::from_prefix(*Prefix::parse(self.net))};
    c.remote_ts = {ipsec::ts::TrafficSelector::from_prefix(*Prefix::parse(peer.net))};
    if (encap) c.encap = ipsec::sa::UdpEncap{4500, 4500};
    c.reqid = entry;
    c.source = "map CMAP 10";
    return c;
  }

  static ChildStatus status_of(Reconciler& r, uint32_t inbound_spi) {
    for (const auto& s : r.query()) {
      if (s.inbound_spi == inbound_spi) return s;
    }
    return {};
  }

  void expect_counters_grow(int pings) {
    for (auto [r, spi, what] : {std::tuple{ra_.get(), child_a_.inbound_spi, "A"},
                                std::tuple{rb_.get(), child_b_.inbound_spi, "B"}}) {
      const ChildStatus s = status_of(*r, spi);
      EXPECT_EQ(s.state, ChildState::Installed) << what << ": " << s.reason;
      EXPECT_GE(s.inbound_counters.packets, static_cast<uint64_t>(pings)) << what << " inbound";
      EXPECT_GE(s.outbound_counters.packets, static_cast<uint64_t>(pings)) << what << " outbound";
      EXPECT_GE(s.outbound_counters.bytes, static_cast<uint64_t>(pings) * 84) << what << " outbound bytes";
      EXPECT_EQ(s.inbound_counters.errors(), 0u) << what;
    }
  }

  platform::NullLogger log_;
  std::unique_ptr<Reconciler> ra_;
  std::unique_ptr<Reconciler> rb_;
  ipsec::sa::ChildSa child_a_;
  ipsec::sa::ChildSa child_b_;
  std::vector<int> extra_fds_;
};

TEST_F(GuestReconcile, ReconcilerInstalledTunnelCarriesPingAndCountersGrowOnBothSides) {
  const Case c;
  start(c);
  if (IsSkipped() || HasFailure()) return;
  negotiate(c, 40);
  if (HasFailure()) return;
  ASSERT_EQ(ping_failure(c, 3), "") << "ping through the reconciler's SAs failed";
  expect_counters_grow(3);
  const uint64_t before = status_of(*ra_, child_a_.inbound_spi).outbound_counters.packets;
  ASSERT_EQ(ping_failure(c, 2), "");
  EXPECT_GE(status_of(*ra_, child_a_.inbound_spi).outbound_counters.packets, before + 2);
  // The reqid in the kernel is the one the reconciler mapped the entry to.
  const std::string reqid = std::to_string(*ra_->reqid_for(kEntryA));
  EXPECT_NE(a_.ns->output("ip xfrm state").find("reqid " + reqid), std::string::npos);
}

TEST_F(GuestReconcile, MapEntryThatDisappearsTakesItsStateAndFreesItsReqid) {
  const Case c;
  start(c);
  if (IsSkipped() || HasFailure()) return;
  negotiate(c, 50);
  if (HasFailure()) return;
  ASSERT_EQ(ping_failure(c, 1), "");
  const uint32_t old_reqid = *ra_->reqid_for(kEntryA);
  // `no crypto map CMAP 10` on A: the engine deletes the child, the map's policies go.
  ASSERT_TRUE(ra_->remove(child_a_.inbound_spi).ok());
  ASSERT_TRUE(ra_->set_policies({}).ok());
  EXPECT_EQ(a_.ns->output("ip xfrm state; ip xfrm policy"), "");
  EXPECT_EQ(ra_->reqids_in_use(), 0u);
  // A new entry takes the freed reqid, and a tunnel through it works again.
  constexpr uint32_t kNewEntry = 0x0c0c0c0c;
  EXPECT_EQ(*ra_->reqid_for(kNewEntry), old_reqid);
  ASSERT_TRUE(ra_->set_policies({desired(a_, b_, kNewEntry)}).ok());
  ASSERT_TRUE(rb_->remove(child_b_.inbound_spi).ok());
  auto spi_a = a_.kernel->allocate_spi(ip(b_.outer), ip(a_.outer), old_reqid);
  auto spi_b = b_.kernel->allocate_spi(ip(a_.outer), ip(b_.outer), *rb_->reqid_for(kEntryB));
  ASSERT_TRUE(spi_a.ok() && spi_b.ok());
  child_a_ = child(a_, b_, kNewEntry, *spi_a, *spi_b, 60, false);
  child_b_ = child(b_, a_, kEntryB, *spi_b, *spi_a, 60, false);
  std::swap(child_b_.inbound_encr_key, child_b_.outbound_encr_key);
  std::swap(child_b_.inbound_integ_key, child_b_.outbound_integ_key);
  ASSERT_TRUE(ra_->install(child_a_).ok());
  ASSERT_TRUE(rb_->install(child_b_).ok());
  ASSERT_EQ(ping_failure(c, 2), "");
  expect_counters_grow(2);
}

// Drains `k` for up to `seconds` until a MAPPING event arrives.
std::optional<MappingEvent> wait_mapping(KernelIpsec& k, int seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{k.event_fd(), POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    for (const KernelEvent& e : k.drain()) {
      if (const auto* m = std::get_if<MappingEvent>(&e)) return *m;
    }
  }
  return std::nullopt;
}

TEST_F(GuestReconcile, NatRebindingIsFollowedThroughMappingAndUpdateEncap) {
  const Case c{.encap = true};
  start(c);
  if (IsSkipped() || HasFailure()) return;
  ASSERT_TRUE(open_encap_socket(a_) && open_encap_socket(b_)) << "cannot open UDP_ENCAP sockets";
  negotiate(c, 70);
  if (HasFailure()) return;
  ASSERT_EQ(ping_failure(c, 1), "");
  // A's NAT rebinds: A is now reachable on 4501 only and its packets leave from 4501.
  const int fd4501 = open_udp_encap(*a_.ns, 4501);
  ASSERT_GE(fd4501, 0);
  extra_fds_.push_back(fd4501);
  close(a_.encap_socket);
  a_.encap_socket = -1;
  auto moved = ipsec::reconcile::make_sa_specs(child_a_, *ra_->reqid_for(kEntryA));
  ASSERT_TRUE(moved.ok());
  moved->outbound.encap = UdpEncap{4501, 4500};
  ASSERT_TRUE(a_.kernel->update_sa(moved->outbound).ok());
  // B still answers to 4500, where nothing listens any more: the ping fails, but B saw the new port.
  EXPECT_NE(ping_failure(c, 1), "") << "replies reached A before B followed the mapping";
  auto mapping = wait_mapping(*b_.kernel, 5);
  ASSERT_TRUE(mapping.has_value()) << "no MAPPING on B";
  EXPECT_EQ(mapping->new_src, (Endpoint{ip(a_.outer), 4501}));
  Status s = rb_->on_mapping(*mapping);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(status_of(*rb_, child_b_.inbound_spi).remote_port, 4501);
  EXPECT_NE(b_.ns->output("ip xfrm state").find("sport 4500 dport 4501"), std::string::npos);
  ASSERT_EQ(ping_failure(c, 2), "") << "B does not reach A on its new port";
  expect_counters_grow(2);
}

}  // namespace
}  // namespace ravelin::test
