#pragma once
// A KernelIpsec that records every call and keeps a SAD/SPD in memory; a call can be made to fail.
#include <algorithm>
#include <string>
#include <vector>

#include "platform/kernel_ipsec.hpp"

namespace ravelin::test {

class FakeKernelIpsec final : public platform::KernelIpsec {
 public:
  FakeKernelIpsec() { caps_.xfrm = true; caps_.esp = true; }

  std::vector<std::string> calls;     // "add_sa in 0x...", "delete_policy out", ...
  std::vector<platform::SaSpec> sas;  // the SAD
  std::vector<platform::PolicySpec> policies;  // the SPD (owned and foreign alike)
  std::string fail_on;                // the first call whose text starts with this fails once
  platform::SaCounters counters{1000, 10, 0, 0, 0};

  void set_no_esp(const std::string& reason) { caps_.esp = false; caps_.esp_reason = reason; }

  const platform::KernelCapabilities& capabilities() const override { return caps_; }
  const platform::OwnedRange& owned_range() const override { return range_; }

  Result<uint32_t> allocate_spi(const platform::IpAddress&, const platform::IpAddress&, uint32_t) override {
    return make_error("not used by the reconciler");
  }
  Status add_sa(const platform::SaSpec& sa) override {
    const bool in = sa.direction == platform::SaDirection::Inbound;
    if (auto s = record("add_sa " + std::string(in ? "in " : "out ") + std::to_string(sa.spi)); !s) return s;
    if (!caps_.esp) return make_error("not installed: " + caps_.esp_reason);
    if (!range_.owns(sa.reqid)) return make_error("reqid outside the owned range");
    if (find_sa(sa.id()) != sas.end()) return make_error("File exists");
    sas.push_back(sa);
    return {};
  }
  Status update_sa(const platform::SaSpec& sa) override {
    const bool in = sa.direction == platform::SaDirection::Inbound;
    if (auto s = record("update_sa " + std::string(in ? "in " : "out ") + std::to_string(sa.spi)); !s) return s;
    auto it = find_sa(sa.id());
    if (it == sas.end()) return make_error("No such process");
    *it = sa;
    return {};
  }
  Status delete_sa(const platform::SaId& id) override {
    if (auto s = record("delete_sa " + std::to_string(id.spi)); !s) return s;
    auto it = find_sa(id);
    if (it == sas.end()) return make_error("No such process");
    sas.erase(it);
    return {};
  }
  Result<platform::SaCounters> sa_counters(const platform::SaId& id) override {
    if (find_sa(id) == sas.end()) return make_error("No such process");
    return counters;
  }
  Result<std::vector<platform::InstalledSa>> list_sas() override {
    std::vector<platform::InstalledSa> out;
    for (const auto& s : sas) out.push_back({s.id(), s.src, s.reqid, s.mode, false, s.direction, counters});
    return out;
  }
  Status install_policy(const platform::PolicySpec& p) override {
    if (auto s = record("install_policy " + dir(p.id.direction)); !s) return s;
    if (!range_.owns(p.reqid)) return make_error("reqid outside the owned range");
    auto it = find_policy(p.id);
    if (it != policies.end()) *it = p;
    else policies.push_back(p);
    return {};
  }
  Status delete_policy(const platform::PolicyId& id) override {
    if (auto s = record("delete_policy " + dir(id.direction)); !s) return s;
    auto it = find_policy(id);
    if (it == policies.end()) return make_error("No such file or directory");
    policies.erase(it);
    return {};
  }
  Result<std::vector<platform::InstalledPolicy>> list_policies() override {
    std::vector<platform::InstalledPolicy> out;
    for (const auto& p : policies) {
      if (range_.owns(p.reqid)) out.push_back({p.id, p.priority, 0, {p.reqid}});
    }
    return out;
  }
  Result<platform::FlushReport> flush_owned() override { return make_error("not used by the reconciler"); }
  int event_fd() const override { return -1; }
  std::vector<platform::KernelEvent> drain() override { return {}; }

  [[nodiscard]] size_t count_calls(const std::string& prefix) const {
    return static_cast<size_t>(std::count_if(calls.begin(), calls.end(),
                                             [&](const std::string& c) { return c.rfind(prefix, 0) == 0; }));
  }

 private:
  static std::string dir(platform::PolicyDirection d) {
    return d == platform::PolicyDirection::Out ? "out" : d == platform::PolicyDirection::In ? "in" : "fwd";
  }
  Status record(const std::string& call) {
    calls.push_back(call);
    if (!fail_on.empty() && call.rfind(fail_on, 0) == 0) {
      fail_on.clear();
      return make_error("injected failure of " + call);
    }
    return {};
  }
  std::vector<platform::SaSpec>::iterator find_sa(const platform::SaId& id) {
    return std::find_if(sas.begin(), sas.end(), [&](const platform::SaSpec& s) { return s.id() == id; });
  }
  std::vector<platform::PolicySpec>::iterator find_policy(const platform::PolicyId& id) {
    return std::find_if(policies.begin(), policies.end(),
                        [&](const platform::PolicySpec& p) { return p.id == id; });
  }

  platform::KernelCapabilities caps_;
  platform::OwnedRange range_;
};

}  // namespace ravelin::test
