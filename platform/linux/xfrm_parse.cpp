#include "platform/linux/xfrm_parse.hpp"

#include <arpa/inet.h>
#include <linux/xfrm.h>
#include <netinet/in.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include <array>
#include <cstring>
#include <vector>

#include "platform/linux/xfrm_build.hpp"
#include "platform/linux/xfrm_convert.hpp"

namespace ravelin::platform::linux {
namespace {

// One received message copied into aligned storage, header checked, attributes indexed.
class Parsed {
 public:
  Parsed() = default;
  Parsed(Parsed&&) = default;  // attrs_ point into storage_'s heap block, which a move keeps
  Parsed(const Parsed&) = delete;
  Parsed& operator=(const Parsed&) = delete;
  static Result<Parsed> make(std::span<const uint8_t> message, uint16_t type, size_t fixed_len) {
    Parsed p;
    if (message.size() < NLMSG_HDRLEN) return make_error("netlink message shorter than its header");
    p.storage_.resize((message.size() + 7) / 8);
    std::memcpy(p.storage_.data(), message.data(), message.size());
    nlmsghdr* hdr = p.hdr();
    if (hdr->nlmsg_len < NLMSG_HDRLEN || hdr->nlmsg_len > message.size()) {
      return make_error("netlink message length field is wrong");
    }
    if (hdr->nlmsg_type != type) return make_error("unexpected netlink message type");
    if (!nlmsg_valid_hdr(hdr, static_cast<int>(fixed_len))) return make_error("xfrm message too short");
    if (nlmsg_parse(hdr, static_cast<int>(fixed_len), p.attrs_.data(), kXfrmaMaxKnown, policy_table()) < 0) {
      return make_error("malformed xfrm attributes");
    }
    return p;
  }
  nlmsghdr* hdr() { return reinterpret_cast<nlmsghdr*>(storage_.data()); }
  template <typename T>
  T fixed() {
    T v;
    std::memcpy(&v, nlmsg_data(hdr()), sizeof v);
    return v;
  }
  nlattr* attr(int type) { return attrs_[type]; }
  XfrmMark mark() {
    if (!attrs_[XFRMA_MARK]) return {};
    xfrm_mark m;
    std::memcpy(&m, nla_data(attrs_[XFRMA_MARK]), sizeof m);
    return {m.v, m.m};
  }
  uint32_t if_id() { return attrs_[XFRMA_IF_ID] ? nla_get_u32(attrs_[XFRMA_IF_ID]) : 0; }
  std::vector<xfrm_user_tmpl> templates() {
    std::vector<xfrm_user_tmpl> out;
    nlattr* a = attrs_[XFRMA_TMPL];
    if (!a) return out;
    const size_t n = static_cast<size_t>(nla_len(a)) / sizeof(xfrm_user_tmpl);
    out.resize(n);
    std::memcpy(out.data(), nla_data(a), n * sizeof(xfrm_user_tmpl));
    return out;
  }

 private:
  static nla_policy* policy_table() {
    static std::array<nla_policy, kXfrmaMaxKnown + 1> table = [] {
      std::array<nla_policy, kXfrmaMaxKnown + 1> a{};
      a[XFRMA_TMPL].minlen = sizeof(xfrm_user_tmpl);
      a[XFRMA_MARK].minlen = sizeof(xfrm_mark);
      a[XFRMA_IF_ID].type = NLA_U32;
      a[XFRMA_ALG_CRYPT].minlen = sizeof(xfrm_algo);
      a[XFRMA_ALG_AEAD].minlen = sizeof(xfrm_algo_aead);
      a[XFRMA_ALG_AUTH_TRUNC].minlen = sizeof(xfrm_algo_auth);
      a[XFRMA_ALG_AUTH].minlen = sizeof(xfrm_algo);
      a[kXfrmaSaDir].type = NLA_U8;
      return a;
    }();
    return table.data();
  }
  std::vector<uint64_t> storage_;
  std::array<nlattr*, kXfrmaMaxKnown + 1> attrs_{};
};

PolicyDirection direction_of(uint8_t dir) {
  if (dir == XFRM_POLICY_IN) return PolicyDirection::In;
  if (dir == XFRM_POLICY_FWD) return PolicyDirection::Fwd;
  return PolicyDirection::Out;
}

Result<InstalledSa> sa_from_info(const xfrm_usersa_info& info, const XfrmMark& mark) {
  auto dst = from_xfrm(info.id.daddr, info.family);
  auto src = from_xfrm(info.saddr, info.family);
  if (!dst || !src) return make_error("SA with an unknown address family");
  InstalledSa sa;
  sa.id = SaId{*dst, ntohl(info.id.spi), mark};
  sa.src = *src;
  sa.reqid = info.reqid;
  sa.mode = info.mode == XFRM_MODE_TRANSPORT ? IpsecMode::Transport : IpsecMode::Tunnel;
  sa.counters.bytes = info.curlft.bytes;
  sa.counters.packets = info.curlft.packets;
  sa.counters.replay_errors = info.stats.replay;
  sa.counters.integrity_errors = info.stats.integrity_failed;
  sa.counters.replay_window_errors = info.stats.replay_window;
  return sa;
}

Result<KernelEvent> parse_acquire(std::span<const uint8_t> message) {
  auto p = Parsed::make(message, XFRM_MSG_ACQUIRE, sizeof(xfrm_user_acquire));
  if (!p) return p.error();
  const auto acq = p->fixed<xfrm_user_acquire>();
  const auto templates = p->templates();
  if (templates.empty()) return make_error("ACQUIRE without a template");
  auto policy_sel = from_xfrm(acq.policy.sel);
  auto packet_sel = from_xfrm(acq.sel);
  auto src = from_xfrm(acq.saddr, templates[0].family);
  auto dst = from_xfrm(acq.id.daddr, templates[0].family);
  if (!policy_sel || !packet_sel || !src || !dst) return make_error("ACQUIRE with an unknown address family");
  AcquireEvent ev;
  ev.selector = *policy_sel;
  ev.packet = *packet_sel;
  ev.policy_index = acq.policy.index;
  ev.reqid = templates[0].reqid;
  ev.tmpl_src = *src;
  ev.tmpl_dst = *dst;
  ev.mark = p->mark();
  return KernelEvent{ev};
}

Result<KernelEvent> parse_expire(std::span<const uint8_t> message) {
  auto p = Parsed::make(message, XFRM_MSG_EXPIRE, sizeof(xfrm_user_expire));
  if (!p) return p.error();
  const auto exp = p->fixed<xfrm_user_expire>();
  auto sa = sa_from_info(exp.state, p->mark());
  if (!sa) return sa.error();
  return KernelEvent{ExpireEvent{sa->id, sa->reqid, exp.hard != 0}};
}

Result<KernelEvent> parse_mapping(std::span<const uint8_t> message) {
  auto p = Parsed::make(message, XFRM_MSG_MAPPING, sizeof(xfrm_user_mapping));
  if (!p) return p.error();
  const auto m = p->fixed<xfrm_user_mapping>();
  auto dst = from_xfrm(m.id.daddr, m.id.family);
  auto old_src = from_xfrm(m.old_saddr, m.id.family);
  auto new_src = from_xfrm(m.new_saddr, m.id.family);
  if (!dst || !old_src || !new_src) return make_error("MAPPING with an unknown address family");
  MappingEvent ev;
  ev.sa = SaId{*dst, ntohl(m.id.spi), p->mark()};
  ev.reqid = m.reqid;
  ev.old_src = Endpoint{*old_src, ntohs(m.old_sport)};
  ev.new_src = Endpoint{*new_src, ntohs(m.new_sport)};
  return KernelEvent{ev};
}

uint16_t type_of(std::span<const uint8_t> message) {
  if (message.size() < sizeof(nlmsghdr)) return 0;
  nlmsghdr hdr;
  std::memcpy(&hdr, message.data(), sizeof hdr);
  return hdr.nlmsg_type;
}

}  // namespace

Result<InstalledSa> parse_sa(std::span<const uint8_t> message) {
  auto p = Parsed::make(message, XFRM_MSG_NEWSA, sizeof(xfrm_usersa_info));
  if (!p) return p.error();
  auto sa = sa_from_info(p->fixed<xfrm_usersa_info>(), p->mark());
  if (!sa) return sa;
  if (nlattr* dir = p->attr(kXfrmaSaDir)) {
    const uint8_t d = nla_get_u8(dir);
    if (d == kXfrmSaDirIn) sa->direction = SaDirection::Inbound;
    if (d == kXfrmSaDirOut) sa->direction = SaDirection::Outbound;
  }
  sa->larval = !p->attr(XFRMA_ALG_CRYPT) && !p->attr(XFRMA_ALG_AEAD) && !p->attr(XFRMA_ALG_AUTH_TRUNC) &&
               !p->attr(XFRMA_ALG_AUTH);
  return sa;
}

Result<InstalledPolicy> parse_policy(std::span<const uint8_t> message) {
  auto p = Parsed::make(message, XFRM_MSG_NEWPOLICY, sizeof(xfrm_userpolicy_info));
  if (!p) return p.error();
  const auto info = p->fixed<xfrm_userpolicy_info>();
  auto sel = from_xfrm(info.sel);
  if (!sel) return make_error("policy with an unknown address family");
  InstalledPolicy out;
  out.id = PolicyId{direction_of(info.dir), *sel, p->mark(), p->if_id()};
  out.priority = info.priority;
  out.index = info.index;
  for (const auto& t : p->templates()) out.reqids.push_back(t.reqid);
  return out;
}

Result<KernelEvent> parse_event(std::span<const uint8_t> message) {
  switch (type_of(message)) {
    case XFRM_MSG_ACQUIRE: return parse_acquire(message);
    case XFRM_MSG_EXPIRE: return parse_expire(message);
    case XFRM_MSG_MAPPING: return parse_mapping(message);
    default: return make_error("not an xfrm event");
  }
}

uint32_t event_reqid(const KernelEvent& event) {
  return std::visit([](const auto& e) { return e.reqid; }, event);
}

}  // namespace ravelin::platform::linux
