#pragma once
// Real ESP through ravelin's KernelIpsec, in a kernel that has ESP (the QEMU guest of the kernel
// tier): two namespaces A and B joined by a veth, SAs and policies installed through the API on
// both sides. Skips when the kernel has no ESP.
#include <gtest/gtest.h>
#include <linux/udp.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <tuple>

#include "platform/kernel_ipsec.hpp"
#include "platform/linux/xfrm_kernel_ipsec.hpp"
#include "tests/netns/xfrm/netns_scope.hpp"

namespace ravelin::test {

using namespace ravelin::platform;

inline IpAddress ip(const std::string& t) { return *IpAddress::parse(t); }

struct Case {
  EspEncryption encryption = EspEncryption::AesCbc;
  size_t encryption_key = 16;
  EspIntegrity integrity = EspIntegrity::HmacSha1_96;
  size_t integrity_key = 20;
  bool ipv6 = false;
  bool encap = false;
  bool esn = false;
  uint32_t replay_window = 32;
  IpsecMode mode = IpsecMode::Tunnel;
  SaLifetime a_out_lifetime;  // lifetime of A's outbound SA (A→B)
};

// One side of the tunnel: its namespace, its KernelIpsec, its addresses.
struct Side {
  std::unique_ptr<NetnsScope> ns;
  std::unique_ptr<KernelIpsec> kernel;
  std::string outer;  // tunnel endpoint
  std::string inner;  // protected host address
  std::string net;    // protected network
  int encap_socket = -1;
};

inline std::vector<uint8_t> key(size_t n, uint8_t seed) {
  std::vector<uint8_t> k(n);
  for (size_t i = 0; i < n; ++i) k[i] = static_cast<uint8_t>(seed * 31 + i * 7);
  return k;
}

class GuestEsp : public ::testing::Test {
 protected:
  void TearDown() override {
    for (Side* s : {&a_, &b_}) {
      if (s->encap_socket >= 0) close(s->encap_socket);
      s->kernel.reset();
      s->ns.reset();
    }
  }

  // Builds the namespaces and veth; records a skip or a failure when it cannot.
  void make_topology(const Case& c) {
    if (std::string why = NetnsScope::unavailable_reason(); !why.empty()) GTEST_SKIP() << why;
    a_.ns = NetnsScope::create();
    b_.ns = NetnsScope::create();
    ASSERT_TRUE(a_.ns && b_.ns) << "cannot create network namespaces";
    const std::string v = c.ipv6 ? "-6 " : "";
    const std::string nodad = c.ipv6 ? " nodad" : "";
    a_.outer = c.ipv6 ? "2001:db8:1::1" : "203.0.113.1";
    b_.outer = c.ipv6 ? "2001:db8:1::2" : "203.0.113.2";
    a_.inner = c.ipv6 ? "2001:db8:a::1" : "192.0.2.1";
    b_.inner = c.ipv6 ? "2001:db8:b::1" : "198.51.100.1";
    a_.net = c.ipv6 ? "2001:db8:a::/64" : "192.0.2.0/24";
    b_.net = c.ipv6 ? "2001:db8:b::/64" : "198.51.100.0/24";
    const std::string plen = c.ipv6 ? "/64" : "/24";
    const std::string host = c.ipv6 ? "/128" : "/32";
    bool ok = a_.ns->run("ip link add ga type veth peer name gb netns " + b_.ns->name()) == 0;
    if (c.mode == IpsecMode::Transport) {
      // Host to host: the protected addresses are the endpoints themselves.
      for (auto [self, dev] : {std::tuple{&a_, "ga"}, std::tuple{&b_, "gb"}}) {
        self->inner = self->outer;
        self->net = self->outer + host;
        ok = ok && self->ns->run("ip " + v + "addr add " + self->outer + plen + " dev " + dev + nodad +
                                 " && ip link set " + dev + " up") == 0;
      }
      ASSERT_TRUE(ok) << "cannot build the veth topology";
      return;
    }
    for (auto [self, peer, dev] : {std::tuple{&a_, &b_, "ga"}, std::tuple{&b_, &a_, "gb"}}) {
      ok = ok && self->ns->run("ip " + v + "addr add " + self->outer + plen + " dev " + dev + nodad +
                               " && ip link set " + dev + " up && ip " + v + "addr add " + self->inner +
                               host + " dev lo" + nodad + " && ip " + v + "route add " + peer->net + " via " +
                               peer->outer + " src " + self->inner) == 0;
    }
    ASSERT_TRUE(ok) << "cannot build the veth topology";
  }

  void open_kernels() {
    for (Side* s : {&a_, &b_}) {
      s->ns->inside([&] {
        auto k = linux::make_xfrm_kernel_ipsec({});
        if (k) s->kernel = std::move(*k);
      });
      ASSERT_NE(s->kernel, nullptr) << "no XFRM in " << s->ns->name();
    }
    if (!a_.kernel->capabilities().esp) {
      GTEST_SKIP() << "this kernel has no ESP (" << a_.kernel->capabilities().esp_reason
                   << "); the guest tier runs these in a kernel that has it";
    }
  }

  // RFC 3948: the kernel decapsulates ESP-in-UDP only on a socket that asked for it (the IKE
  // daemon's port-4500 socket does this in real use).
  bool open_encap_socket(Side& s) {
    s.ns->inside([&] {
      const bool v6 = ip(s.outer).is_v6();
      int fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
      if (fd < 0) return;
      int type = UDP_ENCAP_ESPINUDP;
      sockaddr_storage ss{};
      socklen_t len = 0;
      if (v6) {
        auto* sin6 = reinterpret_cast<sockaddr_in6*>(&ss);
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = htons(4500);
        len = sizeof *sin6;
      } else {
        auto* sin = reinterpret_cast<sockaddr_in*>(&ss);
        sin->sin_family = AF_INET;
        sin->sin_port = htons(4500);
        len = sizeof *sin;
      }
      if (bind(fd, reinterpret_cast<sockaddr*>(&ss), len) != 0 ||
          setsockopt(fd, IPPROTO_UDP, UDP_ENCAP, &type, sizeof type) != 0) {
        close(fd);
        return;
      }
      s.encap_socket = fd;
    });
    return s.encap_socket >= 0;
  }

  // The SA from `from` to `to` for case `c` (keys derived from `seed`).
  SaSpec sa_spec(const Side& from, const Side& to, const Case& c, uint32_t reqid, uint8_t seed, uint32_t spi) const {
    SaSpec sa;
    sa.src = ip(from.outer);
    sa.dst = ip(to.outer);
    sa.spi = spi;
    sa.encryption = c.encryption;
    sa.encryption_key = key(c.encryption_key, seed);
    sa.integrity = c.integrity;
    sa.integrity_key = key(c.integrity_key, seed + 1);
    sa.replay_window = c.replay_window;
    sa.esn = c.esn;
    sa.reqid = reqid;
    sa.mode = c.mode;
    if (&from == &a_) sa.lifetime = c.a_out_lifetime;
    if (c.encap) sa.encap = UdpEncap{4500, 4500};
    return sa;
  }

  // SAs from `from` to `to`: the receiver allocates the SPI (ALLOCSPI), both install the SA.
  uint32_t install_sa_pair(Side& from, Side& to, const Case& c, uint32_t reqid, uint8_t seed) {
    auto spi = to.kernel->allocate_spi(ip(from.outer), ip(to.outer), reqid);
    EXPECT_TRUE(spi.ok()) << spi.error().message;
    if (!spi) return 0;
    SaSpec sa = sa_spec(from, to, c, reqid, seed, *spi);
    sa.direction = SaDirection::Outbound;
    Status out = from.kernel->add_sa(sa);
    EXPECT_TRUE(out.ok()) << out.error().message;
    sa.direction = SaDirection::Inbound;
    Status in = to.kernel->add_sa(sa);
    EXPECT_TRUE(in.ok()) << in.error().message;
    return *spi;
  }

  void install_policies(Side& self, Side& peer, uint32_t reqid, IpsecMode mode) {
    for (auto dir : {PolicyDirection::Out, PolicyDirection::In, PolicyDirection::Fwd}) {
      if (mode == IpsecMode::Transport && dir == PolicyDirection::Fwd) continue;  // nothing is forwarded
      const bool out = dir == PolicyDirection::Out;
      PolicySpec p;
      p.id.direction = dir;
      p.id.selector.src = *Prefix::parse(out ? self.net : peer.net);
      p.id.selector.dst = *Prefix::parse(out ? peer.net : self.net);
      p.priority = 1000;
      p.tmpl_src = ip(out ? self.outer : peer.outer);
      p.tmpl_dst = ip(out ? peer.outer : self.outer);
      p.reqid = reqid;
      p.mode = mode;
      Status s = self.kernel->install_policy(p);
      EXPECT_TRUE(s.ok()) << s.error().message;
    }
  }

  // Namespaces, XFRM and both SA pairs and policies; sets spi_ab_ (A→B) and spi_ba_ (B→A).
  void bring_up(const Case& c) {
    make_topology(c);
    if (IsSkipped() || HasFailure()) return;
    open_kernels();
    if (IsSkipped() || HasFailure()) return;
    if (c.encap) {
      ASSERT_TRUE(open_encap_socket(a_) && open_encap_socket(b_)) << "cannot open UDP_ENCAP sockets";
    }
    spi_ab_ = install_sa_pair(a_, b_, c, reqid_, 1);
    spi_ba_ = install_sa_pair(b_, a_, c, reqid_, 2);
    ASSERT_FALSE(HasFailure());
    install_policies(a_, b_, reqid_, c.mode);
    install_policies(b_, a_, reqid_, c.mode);
  }

  // Pings B's protected address from A's; the output when it failed, "" when it passed.
  std::string ping_failure(const Case& c, int count) {
    const std::string ping = std::string(c.ipv6 ? "ping -6" : "ping") + " -c " + std::to_string(count) +
                             " -i 0.2 -W 2 -I " + a_.inner + " " + b_.inner;
    const std::string out = a_.ns->output(ping + " && echo PING-OK");
    if (out.find("PING-OK") != std::string::npos) return {};
    return out + a_.ns->output("ip -s xfrm state");
  }

  void expect_counters_at_least(uint64_t packets) {
    // Echo requests went A→B under spi_ab_, replies B→A under spi_ba_: both sides counted them.
    for (auto [side, spi, dst, what] :
         {std::tuple{&a_, spi_ab_, b_.outer, "A outbound"}, std::tuple{&b_, spi_ab_, b_.outer, "B inbound"},
          std::tuple{&b_, spi_ba_, a_.outer, "B outbound"}, std::tuple{&a_, spi_ba_, a_.outer, "A inbound"}}) {
      auto counters = side->kernel->sa_counters({ip(dst), spi, {}});
      ASSERT_TRUE(counters.ok()) << what << ": " << counters.error().message;
      EXPECT_GE(counters->packets, packets) << what;
      EXPECT_GE(counters->bytes, packets * 64) << what;
      EXPECT_EQ(counters->errors(), 0u) << what;
    }
  }

  void expect_clean_stop() {
    for (Side* s : {&a_, &b_}) {
      auto report = s->kernel->flush_owned();
      ASSERT_TRUE(report.ok());
      EXPECT_GE(report->policies_removed, 2u);
      EXPECT_EQ(s->ns->output("ip xfrm state; ip xfrm policy"), "");
    }
  }

  // The whole scenario: tunnel up, ping through it, counters on both sides, clean stop.
  void run_case(const Case& c) {
    bring_up(c);
    if (IsSkipped() || HasFailure()) return;
    const std::string failure = ping_failure(c, 3);
    ASSERT_EQ(failure, "") << "ping through the tunnel failed";
    expect_counters_at_least(3);
    if (c.encap) {
      EXPECT_NE(a_.ns->output("ip xfrm state").find("encap type espinudp sport 4500 dport 4500"),
                std::string::npos);
    }
    expect_clean_stop();
  }

  const uint32_t reqid_ = OwnedRange{}.reqid_min + 1;
  uint32_t spi_ab_ = 0;
  uint32_t spi_ba_ = 0;
  Side a_;
  Side b_;
};

}  // namespace ravelin::test
