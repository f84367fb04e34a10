// The kernel half of ProcessDataplane: the `--dataplane none` kernel, inbound SPIs, the crypto-map
// policies and the kernel's ACQUIRE/EXPIRE/MAPPING events.
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

#include <cstdio>
#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

#include "cli/main_dataplane.hpp"
#include "cli/main_dataplane_internal.hpp"

namespace ravelin::cli {
namespace {

// `--dataplane none`: nothing is programmed. SPIs are random, every SA is "not installed" with the
// reason below, and there are no policies and no events.
class NoKernel final : public platform::KernelIpsec {
 public:
  explicit NoKernel(ike::crypto::Random& random) : random_(random) {
    caps_.xfrm = false;
    caps_.esp = false;
    caps_.esp_reason = "the data plane is off (--dataplane none)";
  }
  const platform::KernelCapabilities& capabilities() const override { return caps_; }
  const platform::OwnedRange& owned_range() const override { return range_; }
  Result<uint32_t> allocate_spi(const platform::IpAddress&, const platform::IpAddress&, uint32_t) override {
    uint32_t spi = 0;
    while (spi < 0x100) {  // RFC 4303 §2.1: 1-255 are reserved, 0 is invalid
      random_.fill({reinterpret_cast<uint8_t*>(&spi), sizeof spi});
    }
    return spi;
  }
  Status add_sa(const platform::SaSpec&) override { return make_error("not installed: " + caps_.esp_reason); }
  Status update_sa(const platform::SaSpec&) override { return make_error("not installed: " + caps_.esp_reason); }
  Status delete_sa(const platform::SaId&) override { return {}; }
  Result<platform::SaCounters> sa_counters(const platform::SaId&) override {
    return make_error("not installed: " + caps_.esp_reason);
  }
  Result<std::vector<platform::InstalledSa>> list_sas() override { return std::vector<platform::InstalledSa>{}; }
  Status install_policy(const platform::PolicySpec&) override { return {}; }
  Status delete_policy(const platform::PolicyId&) override { return {}; }
  Result<std::vector<platform::InstalledPolicy>> list_policies() override {
    return std::vector<platform::InstalledPolicy>{};
  }
  Result<platform::FlushReport> flush_owned() override { return platform::FlushReport{}; }
  int event_fd() const override { return -1; }
  std::vector<platform::KernelEvent> drain() override { return {}; }

 private:
  ike::crypto::Random& random_;
  platform::KernelCapabilities caps_;
  platform::OwnedRange range_;
};

}  // namespace

std::unique_ptr<platform::KernelIpsec> make_no_kernel(ike::crypto::Random& random) {
  return std::make_unique<NoKernel>(random);
}

// Inbound SPIs from the kernel (XFRM_MSG_ALLOCSPI). The larval SA carries the owned range's last
// reqid so a crash leaves nothing flush_owned() would miss; add_sa later completes it with the
// entry's own reqid.
namespace {
class KernelSpis final : public ike::engine::SpiAllocator {
 public:
  explicit KernelSpis(platform::KernelIpsec& kernel) : kernel_(kernel) {}
  Result<uint32_t> allocate(const platform::IpAddress& local, const platform::IpAddress& remote) override {
    return kernel_.allocate_spi(remote, local, kernel_.owned_range().reqid_max);
  }

 private:
  platform::KernelIpsec& kernel_;
};

}  // namespace

std::unique_ptr<ike::engine::SpiAllocator> make_kernel_spis(platform::KernelIpsec& kernel) {
  return std::make_unique<KernelSpis>(kernel);
}

// The policies of every crypto-map entry the engine may initiate for: static entries with a peer,
// applied to an interface with an address. Dynamic entries have no peer to point a template at, and
// route-based (VTI) entries are steered by the tunnel interface, not by policies.
std::vector<ipsec::reconcile::DesiredPolicy> desired_policies(const ike::config::IkeConfig& c,
                                                              ipsec::reconcile::Reconciler& reconciler,
                                                              std::map<uint32_t, uint32_t>& entry_by_reqid) {
  std::vector<ipsec::reconcile::DesiredPolicy> out;
  for (const auto& e : c.crypto_map) {
    if (e.dynamic || e.peers.empty() || e.local_address.is_unspecified()) continue;
    if (e.map_name.size() > 7 && e.map_name.ends_with("-head-0")) continue;  // VTI (config_build)
    auto reqid = reconciler.reqid_for(e.id());
    if (!reqid.ok()) {
      std::fprintf(stderr, "%%RAVELIN-3-REQID: crypto map %s %u: %s\n", e.map_name.c_str(), e.seq,
                   reqid.error().message.c_str());
      continue;
    }
    entry_by_reqid[*reqid] = e.id();
    for (const auto& l : e.local_ts) {
      for (const auto& r : e.remote_ts) {
        if (l.start.family() != r.start.family()) continue;
        ipsec::reconcile::DesiredPolicy p;
        p.entry_id = e.id();
        p.sequence = e.seq;
        p.local = e.local_address;
        p.remote = e.peers.front();
        p.local_ts = l;
        p.remote_ts = r;
        for (const auto& ts : c.transform_sets) {
          if (!e.transform_sets.empty() && ts.name == e.transform_sets.front()) p.mode = ts.mode;
        }
        out.push_back(p);
      }
    }
  }
  return out;
}

std::vector<platform::IpAddress> host_addresses() {
  std::vector<platform::IpAddress> out;
  ifaddrs* raw = nullptr;
  if (getifaddrs(&raw) != 0) return out;
  std::unique_ptr<ifaddrs, decltype(&freeifaddrs)> list(raw, &freeifaddrs);
  for (const ifaddrs* i = list.get(); i != nullptr; i = i->ifa_next) {
    if (i->ifa_addr == nullptr || (i->ifa_flags & IFF_UP) == 0) continue;
    std::optional<platform::IpAddress> a;
    if (i->ifa_addr->sa_family == AF_INET) {
      const auto* s = reinterpret_cast<const sockaddr_in*>(i->ifa_addr);
      std::array<uint8_t, 4> b{};
      std::memcpy(b.data(), &s->sin_addr, 4);
      a = platform::IpAddress::v4(b);
    } else if (i->ifa_addr->sa_family == AF_INET6) {
      const auto* s = reinterpret_cast<const sockaddr_in6*>(i->ifa_addr);
      if (IN6_IS_ADDR_LINKLOCAL(&s->sin6_addr)) continue;  // needs a scope id; IKE does not use them
      std::array<uint8_t, 16> b{};
      std::memcpy(b.data(), &s->sin6_addr, 16);
      a = platform::IpAddress::v6(b);
    }
    if (a && std::find(out.begin(), out.end(), *a) == out.end()) out.push_back(*a);
  }
  return out;
}

}  // namespace ravelin::cli
