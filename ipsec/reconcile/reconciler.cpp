#include "ipsec/reconcile/reconciler.hpp"

#include <string.h>

#include <algorithm>
#include <functional>

#include "ipsec/reconcile/specs.hpp"

namespace ravelin::ipsec::reconcile {
namespace {

bool ports_restricted(const ts::TrafficSelector& t) { return t.start_port != 0 || t.end_port != 65535; }

bool protocol_has_ports(uint8_t protocol) {
  return protocol == 6 || protocol == 17 || protocol == 132;  // TCP, UDP, SCTP
}

std::string spi_text(uint32_t spi) {
  static const char* digits = "0123456789ABCDEF";
  std::string s = "0x";
  for (int shift = 28; shift >= 0; shift -= 4) s += digits[(spi >> shift) & 0xf];
  return s;
}

}  // namespace

Result<std::vector<platform::Selector>> to_selectors(const ts::TrafficSelector& src,
                                                     const ts::TrafficSelector& dst) {
  auto src_prefix = src.as_prefix();
  auto dst_prefix = dst.as_prefix();
  if (!src_prefix || !dst_prefix) return make_error("selector range is not one prefix");
  if (src.ip_protocol != dst.ip_protocol && src.ip_protocol != 0 && dst.ip_protocol != 0) {
    return make_error("selectors name different protocols");
  }
  const uint8_t protocol = std::max(src.ip_protocol, dst.ip_protocol);
  if ((ports_restricted(src) || ports_restricted(dst)) && !protocol_has_ports(protocol)) {
    return make_error("port range " + (ports_restricted(src) ? src : dst).to_string() +
                      " needs protocol tcp, udp or sctp");
  }
  if (src.start_port > src.end_port || dst.start_port > dst.end_port) return make_error("empty port range");
  const auto src_blocks = port_blocks(src.start_port, src.end_port);
  const auto dst_blocks = port_blocks(dst.start_port, dst.end_port);
  if (src_blocks.size() * dst_blocks.size() > kMaxSelectorsPerFlow) {
    return make_error("port ranges " + src.to_string() + " and " + dst.to_string() + " need " +
                      std::to_string(src_blocks.size() * dst_blocks.size()) + " XFRM selectors (limit " +
                      std::to_string(kMaxSelectorsPerFlow) + ")");
  }
  std::vector<platform::Selector> out;
  for (const auto& s : src_blocks) {
    for (const auto& d : dst_blocks) {
      out.push_back({*src_prefix, *dst_prefix, protocol, s.port, d.port, s.mask, d.mask});
    }
  }
  return out;
}

Result<platform::Selector> to_selector(const ts::TrafficSelector& src, const ts::TrafficSelector& dst) {
  auto all = to_selectors(src, dst);
  if (!all) return all.error();
  if (all->size() != 1) {
    return make_error("port ranges " + src.to_string() + " and " + dst.to_string() + " need " +
                      std::to_string(all->size()) + " XFRM selectors");
  }
  return all->front();
}

Reconciler::Reconciler(platform::KernelIpsec& kernel, platform::Logger& logger)
    : kernel_(kernel), logger_(logger), next_reqid_(kernel.owned_range().reqid_min) {}

Result<uint32_t> Reconciler::reqid_for(uint32_t entry_id) {
  if (auto it = reqids_.find(entry_id); it != reqids_.end()) return it->second;
  if (!free_reqids_.empty()) {
    const uint32_t reqid = free_reqids_.back();
    free_reqids_.pop_back();
    reqids_[entry_id] = reqid;
    return reqid;
  }
  const auto& range = kernel_.owned_range();
  if (next_reqid_ < range.reqid_min || next_reqid_ > range.reqid_max) {
    return make_error("no free reqid left in the owned range");
  }
  reqids_[entry_id] = next_reqid_;
  return next_reqid_++;
}

void Reconciler::reclaim_reqids() {
  for (auto it = reqids_.begin(); it != reqids_.end();) {
    // Plain copies, not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
    const uint32_t entry = it->first;
    const uint32_t reqid = it->second;
    const bool desired = std::find(desired_entries_.begin(), desired_entries_.end(), entry) != desired_entries_.end();
    const bool has_policy = std::any_of(policies_.begin(), policies_.end(),
                                        [&](const platform::PolicySpec& p) { return p.reqid == reqid; });
    const bool has_child = std::any_of(children_.begin(), children_.end(),
                                       [&](const auto& c) { return c.second.status.reqid == reqid; });
    if (desired || has_policy || has_child) {
      ++it;
      continue;
    }
    free_reqids_.push_back(reqid);
    it = reqids_.erase(it);
  }
  // Lowest first on reuse, so reqids stay compact and predictable.
  std::sort(free_reqids_.begin(), free_reqids_.end(), std::greater<>());
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
  desired_entries_.clear();
  for (const auto& d : desired) {
    desired_entries_.push_back(d.entry_id);
    auto selectors = to_selectors(d.local_ts, d.remote_ts);
    auto reqid = reqid_for(d.entry_id);
    if (!selectors || !reqid) {
      const std::string why = !selectors ? selectors.error().message : reqid.error().message;
      logger_.log(platform::LogLevel::Error, "xfrm", "policy of sequence " + std::to_string(d.sequence) +
                                                          " skipped: " + why);
      if (first_error) first_error = make_error(why);
      continue;
    }
    for (const auto& selector : *selectors) {
      for (auto& p : make_policy_specs(selector, d.local, d.remote, d.mode, priority_for_sequence(d.sequence),
                                       *reqid)) {
        auto dup = [&](const platform::PolicySpec& w) { return w.id == p.id; };
        // Two entries with one selector: the lower sequence wins, as in IOS's ordered crypto map.
        auto it = std::find_if(wanted.begin(), wanted.end(), dup);
        if (it == wanted.end()) wanted.push_back(p);
        else if (p.priority < it->priority) *it = p;
      }
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
  reclaim_reqids();
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
  // child.reqid is the entry id; a caller that already mapped it passes the owned reqid itself.
  uint32_t entry_id = child.reqid;
  for (const auto& [entry, owned] : reqids_) {
    if (owned == child.reqid && reqids_.count(child.reqid) == 0) entry_id = entry;
  }
  auto reqid = reqid_for(entry_id);
  if (!reqid) return reqid.error();
  auto specs = make_sa_specs(child, *reqid);
  if (!specs) return specs.error();
  if (children_.count(child.inbound_spi) != 0) {
    return make_error("SPI " + spi_text(child.inbound_spi) + " is already installed");
  }
  Child record;
  record.status.entry_id = entry_id;
  record.status.reqid = *reqid;
  record.status.source = child.source;
  record.status.inbound_spi = child.inbound_spi;
  record.status.outbound_spi = child.outbound_spi;
  record.status.local = child.local;
  record.status.remote = child.remote;
  record.inbound_id = specs->inbound.id();
  record.outbound_id = specs->outbound.id();
  record.status.remote_port = child.encap ? child.encap->remote_port : 0;
  record.specs.inbound = specs->inbound;
  record.specs.outbound = specs->outbound;
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

Reconciler::KeptSpecs::~KeptSpecs() {
  for (auto* key : {&inbound.encryption_key, &inbound.integrity_key, &outbound.encryption_key,
                    &outbound.integrity_key}) {
    if (!key->empty()) explicit_bzero(key->data(), key->size());  // not optimised away like a fill
  }
}

Status Reconciler::update_encap(uint32_t inbound_spi, const platform::Endpoint& peer) {
  auto it = children_.find(inbound_spi);
  if (it == children_.end()) return make_error("no child SA with inbound SPI " + spi_text(inbound_spi));
  Child& child = it->second;
  if (!child.specs.inbound.encap || !child.specs.outbound.encap) {
    return make_error("child SA " + spi_text(inbound_spi) + " is not UDP-encapsulated");
  }
  if (peer.address != child.status.remote) {
    return make_error("child SA " + spi_text(inbound_spi) + ": peer moved from " +
                      child.status.remote.to_string() + " to " + peer.address.to_string() +
                      "; only a new port is followed");
  }
  if (peer.port == child.status.remote_port) return {};
  KeptSpecs next = child.specs;
  next.inbound.encap->src_port = peer.port;   // the peer sends from its new port...
  next.outbound.encap->dst_port = peer.port;  // ...and we send to it
  // Inbound first: it is the SA whose packets arrive from the new port right now.
  if (child.status.inbound_installed) {
    if (auto s = kernel_.update_sa(next.inbound); !s) return s;
  }
  if (child.status.outbound_installed) {
    if (auto s = kernel_.update_sa(next.outbound); !s) {
      (void)kernel_.update_sa(child.specs.inbound);  // back to one consistent child
      return s;
    }
  }
  logger_.log(platform::LogLevel::Info, "xfrm",
              "child " + spi_text(inbound_spi) + ": peer NAT port " + std::to_string(child.status.remote_port) +
                  " -> " + std::to_string(peer.port));
  child.specs = std::move(next);
  child.status.remote_port = peer.port;
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
  reclaim_reqids();
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
  if (removed > 0) reclaim_reqids();
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
