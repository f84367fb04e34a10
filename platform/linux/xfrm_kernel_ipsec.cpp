#include "platform/linux/xfrm_kernel_ipsec.hpp"

#include <linux/xfrm.h>
#include <sys/utsname.h>

#include <cerrno>
#include <charconv>
#include <set>
#include <utility>

#include "platform/linux/netlink.hpp"
#include "platform/linux/xfrm_build.hpp"
#include "platform/linux/xfrm_parse.hpp"

namespace ravelin::platform::linux {
namespace {

std::string hex(uint32_t v) {
  static const char* digits = "0123456789abcdef";
  std::string s = "0x";
  for (int shift = 28; shift >= 0; shift -= 4) s += digits[(v >> shift) & 0xf];
  return s;
}

std::string kernel_release() {
  utsname u{};
  if (uname(&u) != 0) return {};
  return u.release;
}

class XfrmKernelIpsec final : public KernelIpsec {
 public:
  XfrmKernelIpsec(NetlinkSocket control, NetlinkSocket events, const XfrmKernelIpsecOptions& options)
      : control_(std::move(control)), events_(std::move(events)), options_(options),
        logger_(options.logger ? options.logger : &null_logger_) {}

  void probe();

  const KernelCapabilities& capabilities() const override { return caps_; }
  const OwnedRange& owned_range() const override { return options_.owned; }
  Result<uint32_t> allocate_spi(const IpAddress& src, const IpAddress& dst, uint32_t reqid) override;
  Status add_sa(const SaSpec& sa) override;
  Status update_sa(const SaSpec& sa) override;
  Status delete_sa(const SaId& id) override;
  Result<SaCounters> sa_counters(const SaId& id) override;
  Result<std::vector<InstalledSa>> list_sas() override;
  Status install_policy(const PolicySpec& policy) override;
  Status delete_policy(const PolicyId& id) override;
  Result<std::vector<InstalledPolicy>> list_policies() override;
  Result<FlushReport> flush_owned() override;
  int event_fd() const override { return events_.fd(); }
  std::vector<KernelEvent> drain() override;

 private:
  Status check_owned(uint32_t reqid) const {
    if (options_.owned.owns(reqid)) return {};
    return make_error("reqid " + hex(reqid) + " is outside ravelin's owned range " +
                      hex(options_.owned.reqid_min) + "-" + hex(options_.owned.reqid_max));
  }
  Result<NlReply> send(NlMsgPtr msg) { return control_.transact(msg.get()); }
  Status send_sa(const SaSpec& sa, bool update);
  Result<InstalledSa> get_sa(const SaId& id);
  Result<InstalledPolicy> get_policy(const PolicyId& id);
  XfrmFeatures features() const { return {caps_.sa_direction}; }

  NetlinkSocket control_;
  NetlinkSocket events_;
  XfrmKernelIpsecOptions options_;
  NullLogger null_logger_;
  Logger* logger_;
  KernelCapabilities caps_;
  std::set<std::pair<IpAddress, uint32_t>> larval_;  // (dst, spi) from allocate_spi, not yet completed
};

// Installs and removes one throw-away inbound SA on loopback (owned reqid, SPI 0x100, which the
// allocator never hands out) to learn whether the kernel has ESP and the algorithms we use.
void XfrmKernelIpsec::probe() {
  caps_.xfrm = true;
  caps_.kernel_release = kernel_release();
  caps_.sa_direction = release_has_sa_direction(caps_.kernel_release);
  SaSpec sa;
  sa.direction = SaDirection::Inbound;
  sa.src = sa.dst = *IpAddress::parse("127.0.0.1");
  sa.spi = 0x100;
  sa.encryption_key.assign(16, 0x5a);
  sa.integrity_key.assign(20, 0xa5);
  sa.reqid = options_.owned.reqid_max;
  auto built = build_sa(sa, false, features());
  auto reply = built ? send(std::move(*built)) : Result<NlReply>(built.error());
  if (reply && (reply->error == 0 || reply->error == -EEXIST)) {
    caps_.esp = true;
    (void)send(build_delete_sa(sa.id()));
    return;
  }
  caps_.esp = false;
  caps_.esp_reason = std::string(kNoEspReason) +
                     (reply ? describe_error(reply->error, reply->extack) : reply.error().message) +
                     "; IPsec policies and SPI allocation still work, SAs are negotiated but not installed";
  logger_->log(LogLevel::Warning, "xfrm", caps_.esp_reason);
}

Result<uint32_t> XfrmKernelIpsec::allocate_spi(const IpAddress& src, const IpAddress& dst, uint32_t reqid) {
  if (Status s = check_owned(reqid); !s) return s.error();
  if (src.family() != dst.family()) return make_error("SPI allocation for endpoints of different families");
  auto reply = send(build_alloc_spi(src, dst, reqid, options_.spi_min, options_.spi_max, features()));
  if (!reply) return reply.error();
  if (reply->error != 0) return make_error("SPI allocation failed: " + describe_error(reply->error, reply->extack));
  if (reply->messages.empty()) return make_error("SPI allocation: the kernel sent no SA back");
  auto sa = parse_sa(reply->messages.front());
  if (!sa) return make_error("SPI allocation: " + sa.error().message);
  larval_.insert({dst, sa->id.spi});
  return sa->id.spi;
}

Status XfrmKernelIpsec::send_sa(const SaSpec& sa, bool update) {
  auto msg = build_sa(sa, update, features());
  if (!msg) return msg.error();
  auto reply = send(std::move(*msg));
  if (!reply) return reply.error();
  if (reply->error != 0) return make_error(describe_error(reply->error, reply->extack));
  return {};
}

Status XfrmKernelIpsec::add_sa(const SaSpec& sa) {
  if (Status s = check_owned(sa.reqid); !s) return s;
  if (!caps_.esp) return make_error("not installed: " + caps_.esp_reason);
  // An SPI from allocate_spi is a larval SA: UPDSA completes it (RFC 7296 §1.3 inbound SPI). Larval
  // SAs expire (net.core.xfrm_acq_expires, 30 s), so fall back to NEWSA when it is gone.
  if (larval_.erase({sa.dst, sa.spi}) > 0) {
    Status s = send_sa(sa, true);
    if (s || s.error().message.find("No such process") == std::string::npos) {
      if (!s) return make_error("SA " + hex(sa.spi) + " not installed: " + s.error().message);
      return s;
    }
  }
  Status s = send_sa(sa, false);
  if (!s) return make_error("SA " + hex(sa.spi) + " not installed: " + s.error().message);
  return s;
}

Status XfrmKernelIpsec::update_sa(const SaSpec& sa) {
  if (Status s = check_owned(sa.reqid); !s) return s;
  if (!caps_.esp) return make_error("not installed: " + caps_.esp_reason);
  Status s = send_sa(sa, true);
  if (!s) return make_error("SA " + hex(sa.spi) + " not updated: " + s.error().message);
  return s;
}

Result<InstalledSa> XfrmKernelIpsec::get_sa(const SaId& id) {
  auto reply = send(build_get_sa(id));
  if (!reply) return reply.error();
  if (reply->error != 0) return make_error("SA " + hex(id.spi) + ": " + describe_error(reply->error, reply->extack));
  if (reply->messages.empty()) return make_error("SA " + hex(id.spi) + ": no answer");
  return parse_sa(reply->messages.front());
}

Status XfrmKernelIpsec::delete_sa(const SaId& id) {
  larval_.erase({id.dst, id.spi});
  auto sa = get_sa(id);
  if (!sa) return {};  // already gone (expired, or never installed): nothing to do
  if (Status s = check_owned(sa->reqid); !s) return s;
  auto reply = send(build_delete_sa(id));
  if (!reply) return reply.error();
  if (reply->error != 0 && reply->error != -ESRCH) {
    return make_error("SA " + hex(id.spi) + " not deleted: " + describe_error(reply->error, reply->extack));
  }
  return {};
}

Result<SaCounters> XfrmKernelIpsec::sa_counters(const SaId& id) {
  auto sa = get_sa(id);
  if (!sa) return sa.error();
  if (Status s = check_owned(sa->reqid); !s) return s.error();
  return sa->counters;
}

Result<std::vector<InstalledSa>> XfrmKernelIpsec::list_sas() {
  auto reply = send(build_dump(XFRM_MSG_GETSA));
  if (!reply) return reply.error();
  if (reply->error != 0) return make_error("SA dump: " + describe_error(reply->error, reply->extack));
  std::vector<InstalledSa> out;
  for (const Bytes& m : reply->messages) {
    auto sa = parse_sa(m);
    if (sa && options_.owned.owns(sa->reqid)) out.push_back(*sa);
  }
  return out;
}

Result<InstalledPolicy> XfrmKernelIpsec::get_policy(const PolicyId& id) {
  auto reply = send(build_get_policy(id));
  if (!reply) return reply.error();
  if (reply->error != 0) return make_error(describe_error(reply->error, reply->extack));
  if (reply->messages.empty()) return make_error("policy: no answer");
  return parse_policy(reply->messages.front());
}

bool owned_policy(const InstalledPolicy& p, const OwnedRange& owned) {
  if (p.reqids.empty()) return false;
  for (uint32_t r : p.reqids) {
    if (!owned.owns(r)) return false;
  }
  return true;
}

Status XfrmKernelIpsec::install_policy(const PolicySpec& policy) {
  if (Status s = check_owned(policy.reqid); !s) return s;
  auto msg = build_policy(policy, false);
  if (!msg) return msg.error();
  auto reply = send(std::move(*msg));
  if (!reply) return reply.error();
  if (reply->error == -EEXIST) {
    // Replace it only if it is ours; a policy someone else installed is left alone.
    auto existing = get_policy(policy.id);
    if (existing && !owned_policy(*existing, options_.owned)) {
      return make_error("policy not installed: the kernel has one for this selector that ravelin did not install");
    }
    auto update = build_policy(policy, true);
    if (!update) return update.error();
    reply = send(std::move(*update));
    if (!reply) return reply.error();
  }
  if (reply->error != 0) return make_error("policy not installed: " + describe_error(reply->error, reply->extack));
  return {};
}

Status XfrmKernelIpsec::delete_policy(const PolicyId& id) {
  auto existing = get_policy(id);
  if (!existing) return {};  // already gone
  if (!owned_policy(*existing, options_.owned)) {
    return make_error("policy not deleted: ravelin did not install it");
  }
  auto reply = send(build_delete_policy(id));
  if (!reply) return reply.error();
  if (reply->error != 0 && reply->error != -ENOENT) {
    return make_error("policy not deleted: " + describe_error(reply->error, reply->extack));
  }
  return {};
}

Result<std::vector<InstalledPolicy>> XfrmKernelIpsec::list_policies() {
  auto reply = send(build_dump(XFRM_MSG_GETPOLICY));
  if (!reply) return reply.error();
  if (reply->error != 0) return make_error("policy dump: " + describe_error(reply->error, reply->extack));
  std::vector<InstalledPolicy> out;
  for (const Bytes& m : reply->messages) {
    auto p = parse_policy(m);
    if (p && owned_policy(*p, options_.owned)) out.push_back(*p);
  }
  return out;
}

Result<FlushReport> XfrmKernelIpsec::flush_owned() {
  FlushReport report;
  auto policies = list_policies();
  if (!policies) return policies.error();
  for (const InstalledPolicy& p : *policies) {
    auto reply = send(build_delete_policy(p.id));
    if (reply && reply->error == 0) ++report.policies_removed;
  }
  auto sas = list_sas();
  if (!sas) return sas.error();
  for (InstalledSa sa : *sas) {
    if (sa.id.spi == 0) {
      // An ACQUIRE placeholder has no SPI and cannot be deleted by id. ALLOCSPI for the same
      // addresses, mode and reqid finds it (the kernel's xfrm_find_acq) and gives it one.
      auto spi = allocate_spi(sa.src, sa.id.dst, sa.reqid);
      if (!spi) continue;
      sa.id.spi = *spi;
    }
    auto reply = send(build_delete_sa(sa.id));
    if (reply && reply->error == 0) ++report.sas_removed;
  }
  larval_.clear();
  logger_->log(LogLevel::Info, "xfrm",
               "removed " + std::to_string(report.policies_removed) + " policies and " +
                   std::to_string(report.sas_removed) + " SAs owned by ravelin");
  return report;
}

std::vector<KernelEvent> XfrmKernelIpsec::drain() {
  std::vector<KernelEvent> out;
  bool overrun = false;
  const std::vector<Bytes> messages = events_.receive_available(&overrun);
  if (overrun) {
    // A lost ACQUIRE comes again for new traffic once the kernel's larval SA expires
    // (net.core.xfrm_acq_expires, 30 s); a lost EXPIRE does not: the runtime's own lifetime timers
    // remain the safety net.
    logger_->log(LogLevel::Warning, "xfrm", "kernel event queue overflowed: some XFRM events were lost");
  }
  for (const Bytes& m : messages) {
    auto ev = parse_event(m);
    if (!ev) {
      logger_->log(LogLevel::Debug, "xfrm", "ignored kernel message: " + ev.error().message);
      continue;
    }
    if (options_.owned.owns(event_reqid(*ev))) out.push_back(*ev);
  }
  return out;
}

}  // namespace

bool release_has_sa_direction(std::string_view release) {
  int major = 0;
  int minor = 0;
  const char* p = release.data();
  const char* end = p + release.size();
  auto r1 = std::from_chars(p, end, major);
  if (r1.ec != std::errc() || r1.ptr == end || *r1.ptr != '.') return false;
  auto r2 = std::from_chars(r1.ptr + 1, end, minor);
  if (r2.ec != std::errc()) return false;
  return major > 6 || (major == 6 && minor >= 10);
}

Result<std::unique_ptr<KernelIpsec>> make_xfrm_kernel_ipsec(const XfrmKernelIpsecOptions& options) {
  if (options.owned.reqid_min > options.owned.reqid_max) return make_error("empty owned reqid range");
  auto control = NetlinkSocket::open(NETLINK_XFRM);
  if (!control) return make_error("XFRM netlink unavailable: " + control.error().message);
  auto events = NetlinkSocket::open(NETLINK_XFRM);
  if (!events) return make_error("XFRM netlink unavailable: " + events.error().message);
  if (Status s = events->subscribe({XFRMNLGRP_ACQUIRE, XFRMNLGRP_EXPIRE, XFRMNLGRP_MAPPING}); !s) return s.error();
  auto impl = std::make_unique<XfrmKernelIpsec>(std::move(*control), std::move(*events), options);
  impl->probe();
  return std::unique_ptr<KernelIpsec>(std::move(impl));
}

}  // namespace ravelin::platform::linux
