#include "platform/linux/xfrm_build.hpp"

#include <arpa/inet.h>
#include <linux/udp.h>
#include <linux/xfrm.h>
#include <netinet/in.h>
#include <netlink/attr.h>
#include <sys/socket.h>

#include <cstring>

#include "platform/linux/xfrm_convert.hpp"

namespace ravelin::platform::linux {
namespace {

constexpr uint32_t kDefaultReplayBitmapLimit = 32;  // windows up to 32 fit the legacy replay field
constexpr uint32_t kMaxSaMessage = 3072;           // well below libnl's one-page message buffer
constexpr uint32_t kMaxReplayWindow = 4096;        // 512 bytes of bitmap

Status check_aes_key(size_t bytes, size_t extra, const char* what) {
  if (bytes == 16 + extra || bytes == 24 + extra || bytes == 32 + extra) return {};
  return make_error(std::string(what) + " key must be " + std::to_string(16 + extra) + ", " +
                    std::to_string(24 + extra) + " or " + std::to_string(32 + extra) + " bytes");
}

uint64_t limit(uint64_t v) { return v == 0 ? XFRM_INF : v; }

void put_mark_and_if_id(nl_msg* msg, const XfrmMark& mark, uint32_t if_id) {
  if (mark.value != 0 || mark.mask != 0) {
    xfrm_mark m{mark.value, mark.mask};
    nla_put(msg, XFRMA_MARK, sizeof m, &m);
  }
  if (if_id != 0) nla_put_u32(msg, XFRMA_IF_ID, if_id);
}

// The key attributes: AEAD (GCM) or cipher + truncated HMAC. Keys are copied, never printed.
void put_algorithms(nl_msg* msg, const SaSpec& sa) {
  if (sa.encryption == EspEncryption::AesGcm16) {
    nlattr* a = nla_reserve(msg, XFRMA_ALG_AEAD, sizeof(xfrm_algo_aead) + sa.encryption_key.size());
    auto* aead = static_cast<xfrm_algo_aead*>(nla_data(a));
    std::strncpy(aead->alg_name, "rfc4106(gcm(aes))", sizeof aead->alg_name - 1);
    aead->alg_key_len = static_cast<unsigned>(sa.encryption_key.size() * 8);  // salt included
    aead->alg_icv_len = 128;
    std::memcpy(aead->alg_key, sa.encryption_key.data(), sa.encryption_key.size());
    return;
  }
  nlattr* c = nla_reserve(msg, XFRMA_ALG_CRYPT, sizeof(xfrm_algo) + sa.encryption_key.size());
  auto* crypt = static_cast<xfrm_algo*>(nla_data(c));
  std::strncpy(crypt->alg_name, "cbc(aes)", sizeof crypt->alg_name - 1);
  crypt->alg_key_len = static_cast<unsigned>(sa.encryption_key.size() * 8);
  std::memcpy(crypt->alg_key, sa.encryption_key.data(), sa.encryption_key.size());
  if (sa.integrity == EspIntegrity::None) return;
  const IntegrityAlgorithm alg = integrity_algorithm(sa.integrity);
  nlattr* i = nla_reserve(msg, XFRMA_ALG_AUTH_TRUNC, sizeof(xfrm_algo_auth) + sa.integrity_key.size());
  auto* auth = static_cast<xfrm_algo_auth*>(nla_data(i));
  std::strncpy(auth->alg_name, alg.name, sizeof auth->alg_name - 1);
  auth->alg_key_len = static_cast<unsigned>(sa.integrity_key.size() * 8);
  auth->alg_trunc_len = alg.icv_bits;
  std::memcpy(auth->alg_key, sa.integrity_key.data(), sa.integrity_key.size());
}

// Windows above 32 packets and ESN need XFRMA_REPLAY_ESN_VAL, and then the legacy field must be 0.
struct ReplayPlan {
  uint8_t legacy_window = 0;
  bool esn_attribute = false;
  uint32_t window = 0;
};

ReplayPlan replay_plan(const SaSpec& sa) {
  uint32_t window = sa.replay_window;
  // Linux 6.1 refuses an ESN state with a zero window (xfrm_init_replay), even outbound.
  if (sa.esn && window == 0) window = 1;
  if (!sa.esn && window <= kDefaultReplayBitmapLimit) return {static_cast<uint8_t>(window), false, window};
  return {0, true, window};
}

void put_replay_attribute(nl_msg* msg, const ReplayPlan& plan) {
  if (!plan.esn_attribute) return;
  const uint32_t bmp_len = (plan.window + 31) / 32;
  const size_t len = sizeof(xfrm_replay_state_esn) + bmp_len * sizeof(uint32_t);
  nlattr* a = nla_reserve(msg, XFRMA_REPLAY_ESN_VAL, static_cast<int>(len));
  if (a == nullptr) return;  // the caller checks the message size afterwards
  auto* esn = static_cast<xfrm_replay_state_esn*>(nla_data(a));
  std::memset(esn, 0, len);
  esn->bmp_len = bmp_len;
  esn->replay_window = plan.window;
}

xfrm_usersa_info sa_info(const SaSpec& sa) {
  xfrm_usersa_info info;
  std::memset(&info, 0, sizeof info);
  info.id.daddr = to_xfrm(sa.dst);
  info.id.spi = htonl(sa.spi);
  info.id.proto = IPPROTO_ESP;
  info.saddr = to_xfrm(sa.src);
  info.family = af_of(sa.dst);
  info.reqid = sa.reqid;
  info.mode = sa.mode == IpsecMode::Tunnel ? XFRM_MODE_TUNNEL : XFRM_MODE_TRANSPORT;
  if (sa.mode == IpsecMode::Tunnel) {
    // Any inner family (IPv4 in IPv6 and back); the policies decide what enters the tunnel.
    info.flags |= XFRM_STATE_AF_UNSPEC;
  } else {
    info.sel = to_xfrm(Selector{Prefix::host(sa.src), Prefix::host(sa.dst), 0, 0, 0});
  }
  info.lft.soft_byte_limit = limit(sa.lifetime.soft_bytes);
  info.lft.hard_byte_limit = limit(sa.lifetime.hard_bytes);
  info.lft.soft_packet_limit = limit(sa.lifetime.soft_packets);
  info.lft.hard_packet_limit = limit(sa.lifetime.hard_packets);
  info.lft.soft_add_expires_seconds = sa.lifetime.soft_seconds;
  info.lft.hard_add_expires_seconds = sa.lifetime.hard_seconds;
  return info;
}

NlMsgPtr make_msg(int type, int flags) { return NlMsgPtr(nlmsg_alloc_simple(type, flags)); }

uint8_t xfrm_dir(PolicyDirection d) {
  switch (d) {
    case PolicyDirection::In: return XFRM_POLICY_IN;
    case PolicyDirection::Out: return XFRM_POLICY_OUT;
    case PolicyDirection::Fwd: return XFRM_POLICY_FWD;
  }
  return XFRM_POLICY_OUT;
}

}  // namespace

IntegrityAlgorithm integrity_algorithm(EspIntegrity integ) {
  switch (integ) {
    case EspIntegrity::HmacSha1_96: return {"hmac(sha1)", 20, 96};
    case EspIntegrity::HmacSha256_128: return {"hmac(sha256)", 32, 128};
    case EspIntegrity::HmacSha384_192: return {"hmac(sha384)", 48, 192};
    case EspIntegrity::HmacSha512_256: return {"hmac(sha512)", 64, 256};
    case EspIntegrity::None: break;
  }
  return {"", 0, 0};
}

Status validate_sa(const SaSpec& sa) {
  if (sa.src.family() != sa.dst.family()) return make_error("SA endpoints of different address families");
  if (sa.spi < 256) return make_error("SPI values 0-255 are reserved (RFC 4303 section 2.1)");
  if (sa.encryption == EspEncryption::AesGcm16) {
    if (sa.integrity != EspIntegrity::None) return make_error("AES-GCM is an AEAD: no integrity algorithm");
    // RFC 4106 section 8.1: KEYMAT is the AES key followed by a 4-byte salt.
    if (Status s = check_aes_key(sa.encryption_key.size(), 4, "AES-GCM (key+salt)"); !s) return s;
  } else {
    if (Status s = check_aes_key(sa.encryption_key.size(), 0, "AES-CBC"); !s) return s;
    if (sa.integrity == EspIntegrity::None) return make_error("AES-CBC needs an integrity algorithm");
    const IntegrityAlgorithm alg = integrity_algorithm(sa.integrity);
    if (sa.integrity_key.size() != alg.key_bytes) {
      return make_error(std::string(alg.name) + " key must be " + std::to_string(alg.key_bytes) + " bytes");
    }
  }
  if (sa.replay_window > kMaxReplayWindow) return make_error("replay window above 4096 packets");
  return {};
}

Result<NlMsgPtr> build_sa(const SaSpec& sa, bool update, const XfrmFeatures& features) {
  if (Status s = validate_sa(sa); !s) return s.error();
  NlMsgPtr msg = make_msg(update ? XFRM_MSG_UPDSA : XFRM_MSG_NEWSA, 0);
  if (!msg) return make_error("netlink: out of memory");
  xfrm_usersa_info info = sa_info(sa);
  const ReplayPlan replay = replay_plan(sa);
  info.replay_window = replay.legacy_window;
  if (sa.esn) info.flags |= XFRM_STATE_ESN;
  if (nlmsg_append(msg.get(), &info, sizeof info, NLMSG_ALIGNTO) < 0) return make_error("netlink: message too big");
  put_replay_attribute(msg.get(), replay);
  put_algorithms(msg.get(), sa);
  if (sa.encap) {
    xfrm_encap_tmpl encap;
    std::memset(&encap, 0, sizeof encap);
    encap.encap_type = UDP_ENCAP_ESPINUDP;  // RFC 3948, non-ESP marker handled by the kernel
    encap.encap_sport = htons(sa.encap->src_port);
    encap.encap_dport = htons(sa.encap->dst_port);
    nla_put(msg.get(), XFRMA_ENCAP, sizeof encap, &encap);
  }
  put_mark_and_if_id(msg.get(), sa.mark, sa.if_id);
  if (features.sa_direction && sa.direction == SaDirection::Inbound) {
    nla_put_u8(msg.get(), kXfrmaSaDir, kXfrmSaDirIn);
  }
  if (nlmsg_hdr(msg.get())->nlmsg_len > kMaxSaMessage) return make_error("netlink: SA message too big");
  return msg;
}

namespace {
xfrm_usersa_id sa_id(const SaId& id) {
  xfrm_usersa_id u;
  std::memset(&u, 0, sizeof u);
  u.daddr = to_xfrm(id.dst);
  u.spi = htonl(id.spi);
  u.family = af_of(id.dst);
  u.proto = IPPROTO_ESP;
  return u;
}
NlMsgPtr build_sa_id_msg(int type, const SaId& id) {
  NlMsgPtr msg = make_msg(type, 0);
  xfrm_usersa_id u = sa_id(id);
  nlmsg_append(msg.get(), &u, sizeof u, NLMSG_ALIGNTO);
  put_mark_and_if_id(msg.get(), id.mark, 0);
  return msg;
}
}  // namespace

NlMsgPtr build_delete_sa(const SaId& id) { return build_sa_id_msg(XFRM_MSG_DELSA, id); }
NlMsgPtr build_get_sa(const SaId& id) { return build_sa_id_msg(XFRM_MSG_GETSA, id); }

NlMsgPtr build_alloc_spi(const IpAddress& src, const IpAddress& dst, uint32_t reqid, uint32_t spi_min,
                         uint32_t spi_max, const XfrmFeatures& features) {
  NlMsgPtr msg = make_msg(XFRM_MSG_ALLOCSPI, 0);
  xfrm_userspi_info spi;
  std::memset(&spi, 0, sizeof spi);
  spi.info.id.daddr = to_xfrm(dst);
  spi.info.id.proto = IPPROTO_ESP;
  spi.info.saddr = to_xfrm(src);
  spi.info.family = af_of(dst);
  spi.info.mode = XFRM_MODE_TUNNEL;
  spi.info.reqid = reqid;
  spi.min = spi_min;
  spi.max = spi_max;
  nlmsg_append(msg.get(), &spi, sizeof spi, NLMSG_ALIGNTO);
  if (features.sa_direction) nla_put_u8(msg.get(), kXfrmaSaDir, kXfrmSaDirIn);
  return msg;
}

Status validate_policy(const PolicySpec& p) {
  const Selector& s = p.id.selector;
  if (s.src.address().family() != s.dst.address().family()) {
    return make_error("policy selector with different address families");
  }
  const bool ports = effective_port_mask(s.src_port, s.src_port_mask) != 0 ||
                     effective_port_mask(s.dst_port, s.dst_port_mask) != 0;
  if (ports && s.protocol != IPPROTO_TCP && s.protocol != IPPROTO_UDP &&
      s.protocol != IPPROTO_SCTP) {
    return make_error("ports in a selector need protocol tcp, udp or sctp");
  }
  if (p.mode == IpsecMode::Tunnel && p.tmpl_src.family() != p.tmpl_dst.family()) {
    return make_error("tunnel endpoints of different address families");
  }
  return {};
}

Result<NlMsgPtr> build_policy(const PolicySpec& p, bool update) {
  if (Status s = validate_policy(p); !s) return s.error();
  NlMsgPtr msg = make_msg(update ? XFRM_MSG_UPDPOLICY : XFRM_MSG_NEWPOLICY, 0);
  xfrm_userpolicy_info info;
  std::memset(&info, 0, sizeof info);
  info.sel = to_xfrm(p.id.selector);
  info.lft.soft_byte_limit = info.lft.hard_byte_limit = XFRM_INF;
  info.lft.soft_packet_limit = info.lft.hard_packet_limit = XFRM_INF;
  info.priority = p.priority;
  info.dir = xfrm_dir(p.id.direction);
  info.action = XFRM_POLICY_ALLOW;
  info.share = XFRM_SHARE_ANY;
  nlmsg_append(msg.get(), &info, sizeof info, NLMSG_ALIGNTO);

  xfrm_user_tmpl t;
  std::memset(&t, 0, sizeof t);
  t.id.proto = IPPROTO_ESP;
  t.reqid = p.reqid;
  t.share = XFRM_SHARE_ANY;
  t.aalgos = t.ealgos = t.calgos = ~0u;
  if (p.mode == IpsecMode::Tunnel) {
    t.mode = XFRM_MODE_TUNNEL;
    t.id.daddr = to_xfrm(p.tmpl_dst);
    t.saddr = to_xfrm(p.tmpl_src);
    t.family = af_of(p.tmpl_dst);
  } else {
    t.mode = XFRM_MODE_TRANSPORT;
    t.family = af_of(p.id.selector.dst.address());
  }
  nla_put(msg.get(), XFRMA_TMPL, sizeof t, &t);
  put_mark_and_if_id(msg.get(), p.id.mark, p.id.if_id);
  return msg;
}

namespace {
NlMsgPtr build_policy_id_msg(int type, const PolicyId& id) {
  NlMsgPtr msg = make_msg(type, 0);
  xfrm_userpolicy_id u;
  std::memset(&u, 0, sizeof u);
  u.sel = to_xfrm(id.selector);
  u.dir = xfrm_dir(id.direction);
  nlmsg_append(msg.get(), &u, sizeof u, NLMSG_ALIGNTO);
  put_mark_and_if_id(msg.get(), id.mark, id.if_id);
  return msg;
}
}  // namespace

NlMsgPtr build_delete_policy(const PolicyId& id) { return build_policy_id_msg(XFRM_MSG_DELPOLICY, id); }
NlMsgPtr build_get_policy(const PolicyId& id) { return build_policy_id_msg(XFRM_MSG_GETPOLICY, id); }

NlMsgPtr build_delete_policy_index(uint32_t index, PolicyDirection dir, const XfrmMark& mark, uint32_t if_id) {
  NlMsgPtr msg = make_msg(XFRM_MSG_DELPOLICY, 0);
  xfrm_userpolicy_id u;
  std::memset(&u, 0, sizeof u);
  u.index = index;
  u.dir = xfrm_dir(dir);
  nlmsg_append(msg.get(), &u, sizeof u, NLMSG_ALIGNTO);
  put_mark_and_if_id(msg.get(), mark, if_id);
  return msg;
}

NlMsgPtr build_dump(int type) { return make_msg(type, NLM_F_DUMP); }

}  // namespace ravelin::platform::linux
