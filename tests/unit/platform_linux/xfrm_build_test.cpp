// The XFRM request builders, decoded back with libnl-xfrm's own parser (an independent decoder).
// Keys are compared with EXPECT_TRUE so that a failure never prints key bytes.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <linux/xfrm.h>
#include <netlink/addr.h>
#include <netlink/xfrm/lifetime.h>
#include <netlink/xfrm/sa.h>
#include <netlink/xfrm/selector.h>
#include <netlink/xfrm/sp.h>
#include <netlink/xfrm/template.h>

#include <array>
#include <cstring>
#include <memory>
#include <vector>

#include "platform/linux/xfrm_build.hpp"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

namespace ravelin::platform::linux {
namespace {

struct SaDeleter {
  void operator()(xfrmnl_sa* s) const { xfrmnl_sa_put(s); }
};
struct SpDeleter {
  void operator()(xfrmnl_sp* s) const { xfrmnl_sp_put(s); }
};
using SaPtr = std::unique_ptr<xfrmnl_sa, SaDeleter>;
using SpPtr = std::unique_ptr<xfrmnl_sp, SpDeleter>;

IpAddress ip(const char* t) { return *IpAddress::parse(t); }

std::vector<uint8_t> pattern(size_t n, uint8_t seed) {
  std::vector<uint8_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<uint8_t>(seed + i);
  return v;
}

SaSpec cbc_sha256() {
  SaSpec sa;
  sa.direction = SaDirection::Outbound;
  sa.src = ip("198.51.100.1");
  sa.dst = ip("203.0.113.2");
  sa.spi = 0xc1234567;
  sa.mode = IpsecMode::Tunnel;
  sa.encryption = EspEncryption::AesCbc;
  sa.encryption_key = pattern(32, 1);
  sa.integrity = EspIntegrity::HmacSha256_128;
  sa.integrity_key = pattern(32, 100);
  sa.reqid = 0x52560001;
  sa.lifetime = {3240, 3600, 4000000000, 4608000000, 0, 1000000};
  return sa;
}

SaPtr decode_sa(const NlMsgPtr& msg) {
  xfrmnl_sa* raw = nullptr;
  EXPECT_EQ(xfrmnl_sa_parse(nlmsg_hdr(msg.get()), &raw), 0);
  return SaPtr(raw);
}

bool same_bytes(const char* a, const std::vector<uint8_t>& b) { return std::memcmp(a, b.data(), b.size()) == 0; }

TEST(XfrmBuild, AesCbcHmacSha256SaDecodesWithLibnlToTheSameFields) {
  const SaSpec spec = cbc_sha256();
  auto msg = build_sa(spec, false, {});
  ASSERT_TRUE(msg.ok()) << msg.error().message;
  EXPECT_EQ(nlmsg_hdr(msg->get())->nlmsg_type, XFRM_MSG_NEWSA);
  SaPtr sa = decode_sa(*msg);
  ASSERT_NE(sa, nullptr);
  EXPECT_EQ(static_cast<uint32_t>(xfrmnl_sa_get_spi(sa.get())), spec.spi);
  EXPECT_EQ(xfrmnl_sa_get_proto(sa.get()), IPPROTO_ESP);
  EXPECT_EQ(static_cast<uint32_t>(xfrmnl_sa_get_reqid(sa.get())), spec.reqid);
  EXPECT_EQ(xfrmnl_sa_get_mode(sa.get()), XFRM_MODE_TUNNEL);
  EXPECT_EQ(xfrmnl_sa_get_family(sa.get()), AF_INET);
  EXPECT_EQ(xfrmnl_sa_get_flags(sa.get()) & XFRM_STATE_AF_UNSPEC, XFRM_STATE_AF_UNSPEC);
  EXPECT_EQ(xfrmnl_sa_get_replay_window(sa.get()), 32);
  char dst[64];
  EXPECT_STREQ(nl_addr2str(xfrmnl_sa_get_daddr(sa.get()), dst, sizeof dst), "203.0.113.2");
  EXPECT_STREQ(nl_addr2str(xfrmnl_sa_get_saddr(sa.get()), dst, sizeof dst), "198.51.100.1");

  char name[64];
  std::array<char, 128> key{};
  unsigned key_bits = 0;
  unsigned trunc_bits = 0;
  ASSERT_EQ(xfrmnl_sa_get_crypto_params(sa.get(), name, &key_bits, key.data()), 0);
  EXPECT_STREQ(name, "cbc(aes)");
  EXPECT_EQ(key_bits, 256u);
  EXPECT_TRUE(same_bytes(key.data(), spec.encryption_key)) << "encryption key differs";
  ASSERT_EQ(xfrmnl_sa_get_auth_params(sa.get(), name, &key_bits, &trunc_bits, key.data()), 0);
  EXPECT_STREQ(name, "hmac(sha256)");
  EXPECT_EQ(key_bits, 256u);
  EXPECT_EQ(trunc_bits, 128u);  // RFC 4868: HMAC-SHA-256-128, not the 96 of SHA-1
  EXPECT_TRUE(same_bytes(key.data(), spec.integrity_key)) << "integrity key differs";

  xfrmnl_ltime_cfg* lft = xfrmnl_sa_get_lifetime_cfg(sa.get());
  ASSERT_NE(lft, nullptr);
  EXPECT_EQ(xfrmnl_ltime_cfg_get_soft_addexpires(lft), 3240u);
  EXPECT_EQ(xfrmnl_ltime_cfg_get_hard_addexpires(lft), 3600u);
  EXPECT_EQ(xfrmnl_ltime_cfg_get_soft_bytelimit(lft), 4000000000u);
  EXPECT_EQ(xfrmnl_ltime_cfg_get_hard_bytelimit(lft), 4608000000u);
  EXPECT_EQ(xfrmnl_ltime_cfg_get_soft_packetlimit(lft), XFRM_INF);  // 0 = no limit
  EXPECT_EQ(xfrmnl_ltime_cfg_get_hard_packetlimit(lft), 1000000u);
}

TEST(XfrmBuild, TruncationFollowsTheIntegrityAlgorithm) {
  struct Case {
    EspIntegrity integ;
    size_t key;
    const char* name;
    unsigned trunc;
  };
  for (const Case& c : {Case{EspIntegrity::HmacSha1_96, 20, "hmac(sha1)", 96},
                        Case{EspIntegrity::HmacSha384_192, 48, "hmac(sha384)", 192},
                        Case{EspIntegrity::HmacSha512_256, 64, "hmac(sha512)", 256}}) {
    SaSpec spec = cbc_sha256();
    spec.encryption_key = pattern(16, 3);
    spec.integrity = c.integ;
    spec.integrity_key = pattern(c.key, 7);
    auto msg = build_sa(spec, false, {});
    ASSERT_TRUE(msg.ok()) << msg.error().message;
    SaPtr sa = decode_sa(*msg);
    char name[64];
    std::array<char, 128> key{};
    unsigned key_bits = 0;
    unsigned trunc_bits = 0;
    ASSERT_EQ(xfrmnl_sa_get_auth_params(sa.get(), name, &key_bits, &trunc_bits, key.data()), 0);
    EXPECT_STREQ(name, c.name);
    EXPECT_EQ(key_bits, c.key * 8);
    EXPECT_EQ(trunc_bits, c.trunc) << c.name;
  }
}

TEST(XfrmBuild, GcmSaIsOneAeadAttributeWithSaltInTheKeyAndIcv128) {
  SaSpec spec = cbc_sha256();
  spec.encryption = EspEncryption::AesGcm16;
  spec.encryption_key = pattern(20, 9);  // 16-byte AES key + 4-byte salt (RFC 4106 §8.1)
  spec.integrity = EspIntegrity::None;
  spec.integrity_key.clear();
  auto msg = build_sa(spec, false, {});
  ASSERT_TRUE(msg.ok()) << msg.error().message;
  SaPtr sa = decode_sa(*msg);
  char name[64];
  std::array<char, 128> key{};
  unsigned key_bits = 0;
  unsigned icv_bits = 0;
  ASSERT_EQ(xfrmnl_sa_get_aead_params(sa.get(), name, &key_bits, &icv_bits, key.data()), 0);
  EXPECT_STREQ(name, "rfc4106(gcm(aes))");
  EXPECT_EQ(key_bits, 160u);
  EXPECT_EQ(icv_bits, 128u);
  EXPECT_TRUE(same_bytes(key.data(), spec.encryption_key)) << "AEAD key differs";
  EXPECT_NE(xfrmnl_sa_get_crypto_params(sa.get(), name, &key_bits, key.data()), 0) << "no separate cipher";
  EXPECT_NE(xfrmnl_sa_get_auth_params(sa.get(), name, &key_bits, &icv_bits, key.data()), 0) << "no HMAC";
}

TEST(XfrmBuild, NatTraversalMarkAndTransportModeAreEncoded) {
  SaSpec spec = cbc_sha256();
  spec.mode = IpsecMode::Transport;
  spec.encap = UdpEncap{4500, 31000};
  spec.mark = {0x20, 0xff};
  auto msg = build_sa(spec, true, {});
  ASSERT_TRUE(msg.ok());
  EXPECT_EQ(nlmsg_hdr(msg->get())->nlmsg_type, XFRM_MSG_UPDSA);
  SaPtr sa = decode_sa(*msg);
  unsigned type = 0, sport = 0, dport = 0;
  nl_addr* oa = nullptr;
  ASSERT_EQ(xfrmnl_sa_get_encap_tmpl(sa.get(), &type, &sport, &dport, &oa), 0);
  std::unique_ptr<nl_addr, decltype(&nl_addr_put)> oa_owner(oa, nl_addr_put);  // libnl hands out a clone
  EXPECT_EQ(type, 2u);  // UDP_ENCAP_ESPINUDP (RFC 3948)
  EXPECT_EQ(sport, 4500u);  // libnl hands ports back in host order
  EXPECT_EQ(dport, 31000u);
  unsigned v = 0, m = 0;
  ASSERT_EQ(xfrmnl_sa_get_mark(sa.get(), &m, &v), 0);  // libnl: mask first, then value
  EXPECT_EQ(v, 0x20u);
  EXPECT_EQ(m, 0xffu);
  EXPECT_EQ(xfrmnl_sa_get_mode(sa.get()), XFRM_MODE_TRANSPORT);
  // Transport mode: the SA's selector is the two hosts.
  xfrmnl_sel* sel = xfrmnl_sa_get_sel(sa.get());
  EXPECT_EQ(xfrmnl_sel_get_prefixlen_d(sel), 32);
  EXPECT_EQ(xfrmnl_sel_get_prefixlen_s(sel), 32);
}

TEST(XfrmBuild, EsnAndLargeWindowsUseTheEsnReplayAttributeWithLegacyWindowZero) {
  SaSpec spec = cbc_sha256();
  spec.esn = true;
  spec.replay_window = 128;
  auto msg = build_sa(spec, false, {});
  ASSERT_TRUE(msg.ok());
  SaPtr sa = decode_sa(*msg);
  EXPECT_EQ(xfrmnl_sa_get_flags(sa.get()) & XFRM_STATE_ESN, XFRM_STATE_ESN);
  unsigned oseq, seq, oseq_hi, seq_hi, window, bmp_len;
  unsigned bmp[8];
  ASSERT_EQ(xfrmnl_sa_get_replay_state_esn(sa.get(), &oseq, &seq, &oseq_hi, &seq_hi, &window, &bmp_len, bmp), 0);
  EXPECT_EQ(window, 128u);
  EXPECT_EQ(bmp_len, 4u);
  EXPECT_EQ(xfrmnl_sa_get_replay_window(sa.get()), 0);  // the kernel refuses both (verify_replay)
}

TEST(XfrmBuild, EsnWithZeroWindowGetsOneBecauseLinux61RefusesZero) {
  SaSpec spec = cbc_sha256();
  spec.esn = true;
  spec.replay_window = 0;
  auto msg = build_sa(spec, false, {});
  ASSERT_TRUE(msg.ok());
  SaPtr sa = decode_sa(*msg);
  unsigned oseq, seq, oseq_hi, seq_hi, window, bmp_len;
  unsigned bmp[8];
  ASSERT_EQ(xfrmnl_sa_get_replay_state_esn(sa.get(), &oseq, &seq, &oseq_hi, &seq_hi, &window, &bmp_len, bmp), 0);
  EXPECT_EQ(window, 1u);
}

// Finds attribute `type` after the xfrm_usersa_info header.
const nlattr* find_sa_attr(const NlMsgPtr& msg, int type) {
  nlmsghdr* h = nlmsg_hdr(msg.get());
  return nla_find(nlmsg_attrdata(h, sizeof(xfrm_usersa_info)), nlmsg_attrlen(h, sizeof(xfrm_usersa_info)), type);
}

TEST(XfrmBuild, SaDirectionIsSentOnlyForInboundSasAndOnlyWhenTheKernelKnowsIt) {
  SaSpec in = cbc_sha256();
  in.direction = SaDirection::Inbound;
  const nlattr* a = find_sa_attr(*build_sa(in, false, {.sa_direction = true}), kXfrmaSaDir);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(nla_get_u8(const_cast<nlattr*>(a)), kXfrmSaDirIn);
  EXPECT_EQ(find_sa_attr(*build_sa(in, false, {.sa_direction = false}), kXfrmaSaDir), nullptr);
  EXPECT_EQ(find_sa_attr(*build_sa(cbc_sha256(), false, {.sa_direction = true}), kXfrmaSaDir), nullptr);
}

TEST(XfrmBuild, InvalidSasAreRefusedBeforeAnyMessageIsBuilt) {
  auto refused = [](SaSpec s) { return !build_sa(s, false, {}).ok(); };
  SaSpec s = cbc_sha256();
  s.encryption_key = pattern(15, 0);
  EXPECT_TRUE(refused(s)) << "AES key of 15 bytes";
  s = cbc_sha256();
  s.integrity_key = pattern(20, 0);
  EXPECT_TRUE(refused(s)) << "SHA-256 HMAC key of 20 bytes";
  s = cbc_sha256();
  s.integrity = EspIntegrity::None;
  EXPECT_TRUE(refused(s)) << "CBC without integrity";
  s = cbc_sha256();
  s.encryption = EspEncryption::AesGcm16;
  s.encryption_key = pattern(16, 0);
  s.integrity = EspIntegrity::None;
  EXPECT_TRUE(refused(s)) << "GCM key without salt";
  s.encryption_key = pattern(20, 0);
  s.integrity = EspIntegrity::HmacSha1_96;
  EXPECT_TRUE(refused(s)) << "GCM with an HMAC";
  s = cbc_sha256();
  s.dst = ip("2001:db8::1");
  EXPECT_TRUE(refused(s)) << "mixed families";
  s = cbc_sha256();
  s.spi = 255;
  EXPECT_TRUE(refused(s)) << "reserved SPI";
  s = cbc_sha256();
  s.replay_window = 100000;
  EXPECT_TRUE(refused(s)) << "huge replay window";
}

PolicySpec out_policy() {
  PolicySpec p;
  p.id.direction = PolicyDirection::Out;
  p.id.selector = {*Prefix::parse("10.1.0.0/16"), *Prefix::parse("10.2.0.0/16"), 6, 0, 443};
  p.id.mark = {7, 0xffffffff};
  p.id.if_id = 42;
  p.priority = 2010;
  p.tmpl_src = ip("198.51.100.1");
  p.tmpl_dst = ip("203.0.113.2");
  p.reqid = 0x52560005;
  return p;
}

TEST(XfrmBuild, PolicyDecodesWithLibnlIncludingSelectorTemplateAndMark) {
  auto msg = build_policy(out_policy(), false);
  ASSERT_TRUE(msg.ok());
  EXPECT_EQ(nlmsg_hdr(msg->get())->nlmsg_type, XFRM_MSG_NEWPOLICY);
  xfrmnl_sp* raw = nullptr;
  {
#if defined(__SANITIZE_ADDRESS__)
    // libnl 3.7's xfrmnl_sp_parse leaks four nl_addr objects even after xfrmnl_sp_put.
    __lsan::ScopedDisabler libnl_leaks;
#endif
    ASSERT_EQ(xfrmnl_sp_parse(nlmsg_hdr(msg->get()), &raw), 0);
  }
  SpPtr sp(raw);
  EXPECT_EQ(xfrmnl_sp_get_dir(sp.get()), XFRM_POLICY_OUT);
  EXPECT_EQ(xfrmnl_sp_get_priority(sp.get()), 2010);
  EXPECT_EQ(xfrmnl_sp_get_action(sp.get()), XFRM_POLICY_ALLOW);
  xfrmnl_sel* sel = xfrmnl_sp_get_sel(sp.get());
  char buf[64];
  EXPECT_STREQ(nl_addr2str(xfrmnl_sel_get_saddr(sel), buf, sizeof buf), "10.1.0.0/16");
  EXPECT_STREQ(nl_addr2str(xfrmnl_sel_get_daddr(sel), buf, sizeof buf), "10.2.0.0/16");
  EXPECT_EQ(xfrmnl_sel_get_proto(sel), 6);
  EXPECT_EQ(xfrmnl_sel_get_dport(sel), 443);  // libnl converts to host order
  EXPECT_EQ(xfrmnl_sel_get_dportmask(sel), 0xffff);
  EXPECT_EQ(xfrmnl_sel_get_sportmask(sel), 0);
  ASSERT_EQ(xfrmnl_sp_get_nusertemplates(sp.get()), 1);
  xfrmnl_user_tmpl* t = xfrmnl_sp_usertemplate_n(sp.get(), 0);
  EXPECT_EQ(static_cast<uint32_t>(xfrmnl_user_tmpl_get_reqid(t)), 0x52560005u);
  EXPECT_EQ(xfrmnl_user_tmpl_get_mode(t), XFRM_MODE_TUNNEL);
  EXPECT_EQ(xfrmnl_user_tmpl_get_proto(t), IPPROTO_ESP);
  EXPECT_STREQ(nl_addr2str(xfrmnl_user_tmpl_get_saddr(t), buf, sizeof buf), "198.51.100.1");
  EXPECT_STREQ(nl_addr2str(xfrmnl_user_tmpl_get_daddr(t), buf, sizeof buf), "203.0.113.2");
  unsigned v = 0, m = 0;
  ASSERT_EQ(xfrmnl_sp_get_mark(sp.get(), &m, &v), 0);  // libnl: mask first, then value
  EXPECT_EQ(v, 7u);
  EXPECT_EQ(m, 0xffffffffu);
  // libnl-xfrm has no if_id getter for policies: look for the attribute ourselves.
  nlmsghdr* h = nlmsg_hdr(msg->get());
  nlattr* if_id = nla_find(nlmsg_attrdata(h, sizeof(xfrm_userpolicy_info)),
                           nlmsg_attrlen(h, sizeof(xfrm_userpolicy_info)), XFRMA_IF_ID);
  ASSERT_NE(if_id, nullptr);
  EXPECT_EQ(nla_get_u32(if_id), 42u);
}

TEST(XfrmBuild, PortsWithoutTcpOrUdpAreRefused) {
  PolicySpec p = out_policy();
  p.id.selector.protocol = 1;
  EXPECT_FALSE(build_policy(p, false).ok());
}

TEST(XfrmBuild, AllocSpiCarriesRangeReqidAndEndpoints) {
  auto msg = build_alloc_spi(ip("203.0.113.2"), ip("198.51.100.1"), 0x52560009, 0xc0000000, 0xcfffffff, {});
  nlmsghdr* h = nlmsg_hdr(msg.get());
  EXPECT_EQ(h->nlmsg_type, XFRM_MSG_ALLOCSPI);
  ASSERT_GE(nlmsg_datalen(h), static_cast<int>(sizeof(xfrm_userspi_info)));
  xfrm_userspi_info info;
  std::memcpy(&info, nlmsg_data(h), sizeof info);
  EXPECT_EQ(info.min, 0xc0000000u);
  EXPECT_EQ(info.max, 0xcfffffffu);
  EXPECT_EQ(info.info.reqid, 0x52560009u);
  EXPECT_EQ(info.info.id.proto, IPPROTO_ESP);
  EXPECT_EQ(info.info.family, AF_INET);
  EXPECT_EQ(std::memcmp(&info.info.id.daddr, ip("198.51.100.1").bytes().data(), 4), 0);
  EXPECT_EQ(std::memcmp(&info.info.saddr, ip("203.0.113.2").bytes().data(), 4), 0);
}

TEST(XfrmBuild, DeleteSaNamesDestinationSpiProtocolAndMark) {
  auto msg = build_delete_sa({ip("2001:db8::2"), 0xc0000102, {5, 0xff}});
  nlmsghdr* h = nlmsg_hdr(msg.get());
  EXPECT_EQ(h->nlmsg_type, XFRM_MSG_DELSA);
  xfrm_usersa_id id;
  std::memcpy(&id, nlmsg_data(h), sizeof id);
  EXPECT_EQ(ntohl(id.spi), 0xc0000102u);
  EXPECT_EQ(id.family, AF_INET6);
  EXPECT_EQ(id.proto, IPPROTO_ESP);
  EXPECT_EQ(std::memcmp(&id.daddr, ip("2001:db8::2").bytes().data(), 16), 0);
  nlattr* mark = nla_find(nlmsg_attrdata(h, sizeof id), nlmsg_attrlen(h, sizeof id), XFRMA_MARK);
  ASSERT_NE(mark, nullptr);
}

}  // namespace
}  // namespace ravelin::platform::linux
