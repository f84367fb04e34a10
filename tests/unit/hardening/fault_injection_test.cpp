// Fault injection into kernel programming: a KernelIpsec that fails its N-th mutating call, for every
// N a scenario makes (policies, child install, make-before-break rekey, removal, policy removal).
// After every step, failed or not, nothing is half-installed: the kernel holds exactly the SAs and
// owned policies the reconciler records (nothing leaks, nothing is forgotten), and a cleanup with
// the fault off removes everything.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>
#include <string>

#include "ipsec/reconcile/reconciler.hpp"
#include "platform/log.hpp"
#include "tests/unit/ipsec_reconcile/fake_kernel_ipsec.hpp"
#include "tests/unit/ipsec_reconcile/reconcile_helpers.hpp"

namespace ravelin::test {
namespace {

using namespace std::chrono_literals;

// Fails exactly the `fail_at`-th call that changes the kernel (add/update/delete SA, install/delete
// policy), counting from 1; 0 never fails. Everything else goes to the inner fake.
class FailNthKernel final : public platform::KernelIpsec {
 public:
  explicit FailNthKernel(uint64_t fail_at) : fail_at_(fail_at) {}
  FakeKernelIpsec inner;
  uint64_t mutations = 0;

  const platform::KernelCapabilities& capabilities() const override { return inner.capabilities(); }
  const platform::OwnedRange& owned_range() const override { return inner.owned_range(); }
  Result<uint32_t> allocate_spi(const platform::IpAddress& s, const platform::IpAddress& d, uint32_t r) override {
    return inner.allocate_spi(s, d, r);
  }
  Status add_sa(const platform::SaSpec& sa) override { return gate() ? inner.add_sa(sa) : injected("add_sa"); }
  Status update_sa(const platform::SaSpec& sa) override { return gate() ? inner.update_sa(sa) : injected("update_sa"); }
  Status delete_sa(const platform::SaId& id) override { return gate() ? inner.delete_sa(id) : injected("delete_sa"); }
  Result<platform::SaCounters> sa_counters(const platform::SaId& id) override { return inner.sa_counters(id); }
  Result<std::vector<platform::InstalledSa>> list_sas() override { return inner.list_sas(); }
  Status install_policy(const platform::PolicySpec& p) override {
    return gate() ? inner.install_policy(p) : injected("install_policy");
  }
  Status delete_policy(const platform::PolicyId& id) override {
    return gate() ? inner.delete_policy(id) : injected("delete_policy");
  }
  Result<std::vector<platform::InstalledPolicy>> list_policies() override { return inner.list_policies(); }
  Result<platform::FlushReport> flush_owned() override { return inner.flush_owned(); }
  int event_fd() const override { return -1; }
  std::vector<platform::KernelEvent> drain() override { return {}; }

  void disarm() { fail_at_ = 0; }
  [[nodiscard]] bool fired() const { return fired_; }

 private:
  bool gate() { return ++mutations != fail_at_; }
  Status injected(const char* what) {
    fired_ = true;
    return make_error(std::string("injected failure of ") + what);
  }
  uint64_t fail_at_;
  bool fired_ = false;
};

// The SPIs the kernel holds vs the SPIs the reconciler says are installed.
std::string mismatch(ipsec::reconcile::Reconciler& r, FailNthKernel& k) {
  std::multiset<uint32_t> kernel, recorded;
  for (const auto& sa : k.inner.sas) kernel.insert(sa.spi);
  for (const auto& c : r.query()) {
    if (c.inbound_installed) recorded.insert(c.inbound_spi);
    if (c.outbound_installed) recorded.insert(c.outbound_spi);
  }
  if (kernel != recorded) {
    return "kernel holds " + std::to_string(kernel.size()) + " SAs, the reconciler records " +
           std::to_string(recorded.size());
  }
  const auto policies = r.installed_policies();
  if (policies.size() != k.inner.policies.size()) {
    return "kernel holds " + std::to_string(k.inner.policies.size()) + " policies, the reconciler records " +
           std::to_string(policies.size());
  }
  return "";
}

using Step = std::function<Status(ipsec::reconcile::Reconciler&)>;

std::vector<Step> scenario() {
  const uint32_t entry = 0x1234;
  return {
      [=](auto& r) {
        return r.set_policies({make_policy(entry, 10, "192.0.2.0/24", "198.51.100.0/24"),
                               make_policy(entry, 10, "192.0.2.0/25", "198.51.100.128/25")});
      },
      [=](auto& r) {
        auto reqid = r.reqid_for(entry);
        if (!reqid.ok()) return Status(reqid.error());
        auto c = make_child(0xc0000001, 0xd0000001, *reqid);
        return r.install(c);
      },
      [=](auto& r) {
        auto reqid = r.reqid_for(entry);
        if (!reqid.ok()) return Status(reqid.error());
        return r.rekey(0xc0000001, make_child(0xc0000002, 0xd0000002, *reqid), platform::TimePoint(1h), 5s);
      },
      [](auto& r) {
        (void)r.expire_lingering(platform::TimePoint(2h));
        return r.remove(0xc0000002);
      },
      [](auto& r) { return r.set_policies({}); },
  };
}

// Runs the scenario failing the n-th mutation (later steps still run, as the engine would go on),
// checking kernel == record after every step; then, with the fault off, removes every child and
// policy. Returns what the kernel and the record still hold after that (all zero when nothing leaked).
struct End {
  size_t sas = 0, policies = 0, records = 0;
  friend bool operator==(const End&, const End&) = default;
};

End run(uint64_t n, std::string& why, bool& fired) {
  FailNthKernel k(n);
  platform::NullLogger log;
  ipsec::reconcile::Reconciler r(k, log);
  size_t i = 0;
  for (const auto& step : scenario()) {
    ++i;
    const Status s = step(r);
    if (auto m = mismatch(r, k); !m.empty()) {
      why = "after step " + std::to_string(i) + " (" + (s ? std::string("ok") : s.error().message) + "): " + m;
      return {};
    }
  }
  fired = k.fired();
  k.disarm();
  for (uint32_t spi : {0xc0000001u, 0xc0000002u}) {
    if (auto s = r.remove(spi); !s) why = "cleanup remove: " + s.error().message;
  }
  (void)r.expire_lingering(platform::TimePoint(24h));
  if (auto s = r.set_policies({}); !s) why = "cleanup policies: " + s.error().message;
  return {k.inner.sas.size(), k.inner.policies.size(), r.query().size()};
}

TEST(FaultInjection, EveryFailedKernelCallLeavesKernelAndRecordEqualAndNothingLeaks) {
  std::string why;
  bool fired = false;
  const End clean = run(0, why, fired);
  ASSERT_TRUE(why.empty()) << why;
  ASSERT_EQ(clean, End{}) << "the scenario and its cleanup end with nothing installed";
  size_t injected = 0;
  for (uint64_t n = 1; n < 64; ++n) {
    std::string w;
    bool f = false;
    const End end = run(n, w, f);
    ASSERT_TRUE(w.empty()) << "failing mutation #" << n << ": " << w;
    if (!f) break;  // n is past the last mutation of the scenario
    ++injected;
    EXPECT_EQ(end, End{}) << "failing mutation #" << n << " left " << end.sas << " SAs, " << end.policies
                          << " policies, " << end.records << " child records behind";
  }
  EXPECT_GE(injected, 10u) << "the scenario makes policies, SAs, a rekey and removals";
}

}  // namespace
}  // namespace ravelin::test
