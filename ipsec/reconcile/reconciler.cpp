#include "ipsec/reconcile/reconciler.hpp"

#include <algorithm>

#include "ipsec/reconcile/specs.hpp"

namespace ravelin::ipsec::reconcile {
namespace {

// XFRM selectors know single ports or "any" (0); a port range must be one of those.
Result<uint16_t> selector_port(const ts::TrafficSelector& t) {
  if (t.start_port == 0 && t.end_port == 65535) return uint16_t{0};
  if (t.start_port == t.end_port) return t.start_port;
  return make_error("port range " + t.to_string() + " is not one port");
}

std::string spi_text(uint32_t spi) {
  static const char* digits = "0123456789ABCDEF";
  std::string s = "0x";
  for (int shift = 28; shift >= 0; shift -= 4) s += digits[(spi >> shift) & 0xf];
  return s;
}

}  // namespace

Result<platform::Selector> to_selector(const ts::TrafficSelector& src, const ts::TrafficSelector& dst) {
  auto src_prefix = src.as_prefix();
  auto dst_prefix = dst.as_prefix();
  if (!src_prefix || !dst_prefix) return make_error("selector range is not one prefix");
  if (src.ip_protocol != dst.ip_protocol && src.ip_protocol != 0 && dst.ip_protocol != 0) {
    return make_error("selectors name different protocols");
  }
  auto src_port = selector_port(src);
  if (!src_port) return src_port.error();
  auto dst_port = selector_port(dst);
  if (!dst_port) return dst_port.error();
  return platform::Selector{*src_prefix, *dst_prefix, std::max(src.ip_protocol, dst.ip_protocol),
                            *src_port, *dst_port};
}

Reconciler::Reconciler(platform::KernelIpsec& kernel, platform::Logger& logger)
    : kernel_(kernel), logger_(logger), next_reqid_(kernel.owned_range().reqid_min) {}

Result<uint32_t> Reconciler::reqid_for(uint32_t entry_id) {
  if (auto it = reqids_.find(entry_id); it != reqids_.end()) return it->second;
  const auto& range = kernel_.owned_range();
  if (next_reqid_ < range.reqid_min || next_reqid_ > range.reqid_max) {
    return make_error("no free reqid left in the owned range");
  }
  reqids_[entry_id] = next_reqid_;
  return next_reqid_++;
}

Status Reconciler::install_policy(const platform::PolicySpec& spec) {
  auto s = kernel_.install_policy(spec);
  if (!s) return s;
  auto same_id = [&](const platform::PolicySpec& p) { return p.id == spec.id; };
  auto it = std::find_if(policies_.begin(), policies_.end(), same_id);
  if (it != policies_.end()) {
    *it = spec;  // install_policy replaces one with the same id
  } else {
    policies_.push_back(spec);
  }
  return {};
}

Status Reconciler::set_policies(const std::vector<DesiredPolicy>& desired) {
  std::vector<platform::PolicySpec> wanted;
  Status first_error;
  for (const auto& d : desired) {
    auto selector = to_selector(d.local_ts, d.remote_ts);
    auto reqid = reqid_for(d.entry_id);
    if (!selector || !reqid) {
      const std::string why = !selector ? selector.error().message : reqid.error().message;
      logger_.log(platform::LogLevel::Error, "xfrm", "policy of sequence " + std::to_string(d.sequence) +
                                                          " skipped: " + why);
      if (first_error) first_error = make_error(why);
      continue;
    }
    for (auto& p : make_policy_specs(*selector, d.local, d.remote, d.mode,
                                     priority_for_sequence(d.sequence), *reqid)) {
      auto dup = [&](const platform::PolicySpec& w) { return w.id == p.id; };
      // Two entries with one selector: the lower sequence wins, as in IOS's ordered crypto map.
      auto it = std::find_if(wanted.begin(), wanted.end(), dup);
      if (it == wanted.end()) wanted.push_back(p);
      else if (p.priority < it->priority) *it = p;
    }
  }
  // Removals first, so a selector moving between entries never meets its old self.
  for (size_t i = policies_.size(); i-- > 0;) {
    const auto& have = policies_[i];
    auto keep = [&](const platform::PolicySpec& w) { return w.id == have.id; };
    if (std::any_of(wanted.begin(), wanted.end(), keep)) continue;
    if (auto s = kernel_.delete_policy(have.id); !s) {
      if (first_error) first_error = s;
      continue;
    }
    policies_.erase(policies_.begin() + static_cast<std::ptrdiff_t>(i));
  }
  for (const auto& w : wanted) {
    auto same = [&](const platform::PolicySpec& p) { return same_policy(p, w); };
    if (std::any_of(policies_.begin(), policies_.end(), same)) continue;
    if (auto s = install_policy(w); !s && first_error) first_error = s;
  }
  return first_error;
}

std::vector<platform::PolicySpec> Reconciler::installed_policies() const { return policies_; }

Status Reconciler::resync_policies() {
  auto listed = kernel_.list_policies();
  if (!listed) return listed.error();
  auto present = [&](const platform::PolicySpec& p) {
    return std::any_of(listed->begin(), listed->end(), [&](const platform::InstalledPolicy& k) {
      return k.id == p.id && k.priority == p.priority &&
             std::find(k.reqids.begin(), k.reqids.end(), p.reqid) != k.reqids.end();
    });
  };
  std::erase_if(policies_, [&](const platform::PolicySpec& p) { return !present(p); });
  return {};
}

Status Reconciler::add_pair(const platform::SaSpec& in, const platform::SaSpec& out, Child& record) {
  // Inbound first: the peer may use the new SA as soon as it has its reply (RFC 7296 §2.8).
  if (auto s = kernel_.add_sa(in); !s) return s;
  record.status.inbound_installed = true;
  if (auto s = kernel_.add_sa(out); !s) {
    // Roll back so the record stays equal to the kernel: half a child carries no traffic.
    if (kernel_.delete_sa(in.id())) record.status.inbound_installed = false;
    return s;
  }
  record.status.outbound_installed = true;
  return {};
}

Status Reconciler::install(const sa::ChildSa& child) {
  auto reqid = reqid_for(child.reqid);
  if (!reqid) return reqid.error();
  auto specs = make_sa_specs(child, *reqid);
  if (!specs) return specs.error();
  if (children_.count(child.inbound_spi) != 0) {
    return make_error("SPI " + spi_text(child.inbound_spi) + " is already installed");
  }
  Child record;
  record.status.entry_id = child.reqid;
  record.status.reqid = *reqid;
  record.status.source = child.source;
  record.status.inbound_spi = child.inbound_spi;
  record.status.outbound_spi = child.outbound_spi;
  record.status.local = child.local;
  record.status.remote = child.remote;
  record.inbound_id = specs->inbound.id();
  record.outbound_id = specs->outbound.id();
  Status result;
  if (!kernel_.capabilities().esp) {
    record.status.reason = "not installed: " + kernel_.capabilities().esp_reason;
  } else if (auto s = add_pair(specs->inbound, specs->outbound, record); !s) {
    record.status.reason = "not installed: " + s.error().message;
    result = s;
  } else {
    record.status.state = ChildState::Installed;
  }
  logger_.log(result ? platform::LogLevel::Info : platform::LogLevel::Error, "xfrm",
              "child " + spi_text(child.inbound_spi) + "/" + spi_text(child.outbound_spi) + " " +
                  (record.status.state == ChildState::Installed ? "installed" : record.status.reason));
  children_[child.inbound_spi] = std::move(record);
  return result;
}

Status Reconciler::delete_side(Child& child, bool inbound) {
  bool& installed = inbound ? child.status.inbound_installed : child.status.outbound_installed;
  if (!installed) return {};
  if (auto s = kernel_.delete_sa(inbound ? child.inbound_id : child.outbound_id); !s) return s;
  installed = false;
  return {};
}

Status Reconciler::rekey(uint32_t old_inbound_spi, const sa::ChildSa& replacement, platform::TimePoint now,
                         platform::Duration linger) {
  // Make before break: the new pair goes in first; if that fails the old child keeps the traffic.
  if (auto s = install(replacement); !s) return s;
  auto it = children_.find(old_inbound_spi);
  if (it == children_.end()) return {};
  Child& old = it->second;
  if (auto s = delete_side(old, false); !s) return s;
  if (!old.status.inbound_installed) {
    children_.erase(it);  // nothing left to linger (e.g. no ESP)
    return {};
  }
  old.status.state = ChildState::Lingering;
  old.status.linger_until = now + linger;
  return {};
}

Status Reconciler::remove(uint32_t inbound_spi) {
  auto it = children_.find(inbound_spi);
  if (it == children_.end()) return {};
  Status out_status = delete_side(it->second, false);
  Status in_status = delete_side(it->second, true);
  if (!out_status) return out_status;  // the record keeps what is still installed; retry later
  if (!in_status) return in_status;
  children_.erase(it);
  return {};
}

size_t Reconciler::expire_lingering(platform::TimePoint now) {
  size_t removed = 0;
  for (auto it = children_.begin(); it != children_.end();) {
    const auto& st = it->second.status;
    if (st.state != ChildState::Lingering || !st.linger_until || *st.linger_until > now) {
      ++it;
      continue;
    }
    if (!delete_side(it->second, true)) {
      ++it;  // stays recorded; the next call retries
      continue;
    }
    it = children_.erase(it);
    ++removed;
  }
  return removed;
}

std::vector<ChildStatus> Reconciler::query() {
  std::vector<ChildStatus> out;
  for (auto& [spi, child] : children_) {
    if (child.status.inbound_installed) {
      if (auto c = kernel_.sa_counters(child.inbound_id)) child.status.inbound_counters = *c;
    }
    if (child.status.outbound_installed) {
      if (auto c = kernel_.sa_counters(child.outbound_id)) child.status.outbound_counters = *c;
    }
    out.push_back(child.status);
  }
  return out;
}

const ChildStatus* Reconciler::find(uint32_t inbound_spi) const {
  auto it = children_.find(inbound_spi);
  return it == children_.end() ? nullptr : &it->second.status;
}

}  // namespace ravelin::ipsec::reconcile
