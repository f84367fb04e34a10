// Parsing what the kernel sends on NETLINK_XFRM: ACQUIRE, EXPIRE and MAPPING events and dump
// entries, from canned messages laid out as the kernel does; and refusing malformed ones.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <linux/xfrm.h>
#include <netinet/in.h>

#include <cstring>

#include "platform/linux/xfrm_parse.hpp"
#include "tests/unit/platform_linux/canned_message.hpp"

namespace ravelin::platform::linux {
namespace {

using test::CannedMessage;

IpAddress ip(const char* t) { return *IpAddress::parse(t); }

xfrm_address_t xa(const char* t) {
  xfrm_address_t a;
  std::memset(&a, 0, sizeof a);
  const IpAddress addr = ip(t);
  std::memcpy(&a, addr.bytes().data(), addr.size());
  return a;
}

xfrm_selector sel4(const char* s, uint8_t sl, const char* d, uint8_t dl, uint8_t proto) {
  xfrm_selector x;
  std::memset(&x, 0, sizeof x);
  x.family = AF_INET;
  x.saddr = xa(s);
  x.daddr = xa(d);
  x.prefixlen_s = sl;
  x.prefixlen_d = dl;
  x.proto = proto;
  return x;
}

std::vector<uint8_t> canned_acquire(uint32_t reqid) {
  xfrm_user_acquire acq;
  std::memset(&acq, 0, sizeof acq);
  acq.id.daddr = xa("203.0.113.2");
  acq.id.proto = IPPROTO_ESP;
  acq.saddr = xa("203.0.113.1");
  acq.sel = sel4("192.0.2.1", 32, "198.51.100.5", 32, IPPROTO_ICMP);
  acq.policy.sel = sel4("192.0.2.0", 24, "198.51.100.0", 24, 0);
  acq.policy.index = 0x1239;
  acq.policy.dir = XFRM_POLICY_OUT;
  acq.seq = 77;
  xfrm_user_tmpl t;
  std::memset(&t, 0, sizeof t);
  t.id.daddr = xa("203.0.113.2");
  t.id.proto = IPPROTO_ESP;
  t.saddr = xa("203.0.113.1");
  t.family = AF_INET;
  t.reqid = reqid;
  t.mode = XFRM_MODE_TUNNEL;
  xfrm_mark mark{0x10, 0xff};
  return CannedMessage(XFRM_MSG_ACQUIRE).fixed(acq).attr(XFRMA_TMPL, t).attr(XFRMA_MARK, mark).bytes();
}

std::vector<uint8_t> canned_expire(bool hard) {
  xfrm_user_expire e;
  std::memset(&e, 0, sizeof e);
  e.state.id.daddr = xa("2001:db8::1");
  e.state.id.spi = htonl(0xc0000042);
  e.state.id.proto = IPPROTO_ESP;
  e.state.saddr = xa("2001:db8::2");
  e.state.family = AF_INET6;
  e.state.reqid = 0x52560003;
  e.state.mode = XFRM_MODE_TUNNEL;
  e.state.curlft.bytes = 5000;
  e.state.curlft.packets = 50;
  e.hard = hard ? 1 : 0;
  return CannedMessage(XFRM_MSG_EXPIRE).fixed(e).bytes();
}

std::vector<uint8_t> canned_mapping() {
  xfrm_user_mapping m;
  std::memset(&m, 0, sizeof m);
  m.id.daddr = xa("198.51.100.1");
  m.id.spi = htonl(0xc0000077);
  m.id.family = AF_INET;
  m.id.proto = IPPROTO_ESP;
  m.reqid = 0x52560004;
  m.old_saddr = xa("192.0.2.200");
  m.new_saddr = xa("192.0.2.201");
  m.old_sport = htons(4500);
  m.new_sport = htons(61000);
  return CannedMessage(XFRM_MSG_MAPPING).fixed(m).bytes();
}

TEST(XfrmParse, AcquireGivesPolicySelectorPacketTemplateAndReqid) {
  auto ev = parse_event(canned_acquire(0x52560011));
  ASSERT_TRUE(ev.ok()) << ev.error().message;
  const auto* acq = std::get_if<AcquireEvent>(&*ev);
  ASSERT_NE(acq, nullptr);
  EXPECT_EQ(acq->reqid, 0x52560011u);
  EXPECT_EQ(acq->policy_index, 0x1239u);
  EXPECT_EQ(acq->selector.src, *Prefix::parse("192.0.2.0/24"));
  EXPECT_EQ(acq->selector.dst, *Prefix::parse("198.51.100.0/24"));
  EXPECT_EQ(acq->packet.dst, *Prefix::parse("198.51.100.5/32"));
  EXPECT_EQ(acq->packet.protocol, IPPROTO_ICMP);
  EXPECT_EQ(acq->tmpl_src, ip("203.0.113.1"));
  EXPECT_EQ(acq->tmpl_dst, ip("203.0.113.2"));
  EXPECT_EQ(acq->mark, (XfrmMark{0x10, 0xff}));
  EXPECT_EQ(event_reqid(*ev), 0x52560011u);
}

TEST(XfrmParse, SoftAndHardExpireAreTold) {
  for (bool hard : {false, true}) {
    auto ev = parse_event(canned_expire(hard));
    ASSERT_TRUE(ev.ok()) << ev.error().message;
    const auto* exp = std::get_if<ExpireEvent>(&*ev);
    ASSERT_NE(exp, nullptr);
    EXPECT_EQ(exp->hard, hard);
    EXPECT_EQ(exp->sa.spi, 0xc0000042u);
    EXPECT_EQ(exp->sa.dst, ip("2001:db8::1"));
    EXPECT_EQ(exp->reqid, 0x52560003u);
  }
}

TEST(XfrmParse, MappingGivesOldAndNewPeerEndpoint) {
  auto ev = parse_event(canned_mapping());
  ASSERT_TRUE(ev.ok()) << ev.error().message;
  const auto* m = std::get_if<MappingEvent>(&*ev);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->sa.spi, 0xc0000077u);
  EXPECT_EQ(m->reqid, 0x52560004u);
  EXPECT_EQ(m->old_src, (Endpoint{ip("192.0.2.200"), 4500}));
  EXPECT_EQ(m->new_src, (Endpoint{ip("192.0.2.201"), 61000}));
}

TEST(XfrmParse, NewSaDumpEntryGivesCountersAndLarvalState) {
  xfrm_usersa_info info;
  std::memset(&info, 0, sizeof info);
  info.id.daddr = xa("198.51.100.1");
  info.id.spi = htonl(0xc0000001);
  info.id.proto = IPPROTO_ESP;
  info.saddr = xa("203.0.113.2");
  info.family = AF_INET;
  info.reqid = 0x52560001;
  info.curlft.bytes = 123456;
  info.curlft.packets = 789;
  info.stats.replay = 2;
  info.stats.integrity_failed = 3;
  auto larval = parse_sa(CannedMessage(XFRM_MSG_NEWSA).fixed(info).bytes());
  ASSERT_TRUE(larval.ok()) << larval.error().message;
  EXPECT_TRUE(larval->larval);
  EXPECT_EQ(larval->counters.bytes, 123456u);
  EXPECT_EQ(larval->counters.packets, 789u);
  EXPECT_EQ(larval->counters.errors(), 5u);
  std::vector<uint8_t> algo(sizeof(xfrm_algo) + 16, 0);
  std::strcpy(reinterpret_cast<xfrm_algo*>(algo.data())->alg_name, "cbc(aes)");
  auto full = parse_sa(CannedMessage(XFRM_MSG_NEWSA).fixed(info).attr(XFRMA_ALG_CRYPT, algo.data(), algo.size()).bytes());
  ASSERT_TRUE(full.ok());
  EXPECT_FALSE(full->larval);
}

TEST(XfrmParse, OtherMessageTypesAreNotEvents) {
  std::vector<uint8_t> m = canned_mapping();
  nlmsghdr h;
  std::memcpy(&h, m.data(), sizeof h);
  h.nlmsg_type = XFRM_MSG_NEWPOLICY;
  std::memcpy(m.data(), &h, sizeof h);
  EXPECT_FALSE(parse_event(m).ok());
  EXPECT_FALSE(parse_event({}).ok());
}

TEST(XfrmParse, EveryTruncationIsRefusedOrParsedWithoutReadingPastTheEnd) {
  for (const auto& whole : {canned_acquire(0x52560001), canned_expire(true), canned_mapping()}) {
    for (size_t len = 0; len < whole.size(); ++len) {
      // With nlmsg_len telling the truth about the cut, and with nlmsg_len still claiming more.
      auto honest = parse_event(test::truncated(whole, len));
      std::vector<uint8_t> lying(whole.begin(), whole.begin() + static_cast<long>(len));
      auto liar = parse_event(lying);
      EXPECT_FALSE(liar.ok()) << "length field larger than the data must be refused, len " << len;
      (void)honest;  // may be fine when only trailing optional attributes were cut
    }
  }
  // The fixed part cut short is always refused.
  EXPECT_FALSE(parse_event(test::truncated(canned_acquire(1), NLMSG_HDRLEN + sizeof(xfrm_user_acquire) - 1)).ok());
  // An ACQUIRE whose template attribute was cut off names no reqid: refused.
  EXPECT_FALSE(parse_event(test::truncated(canned_acquire(1), NLMSG_HDRLEN + sizeof(xfrm_user_acquire))).ok());
}

TEST(XfrmParse, ShortTemplateAttributeAndBadFamilyAreRefused) {
  xfrm_user_acquire acq;
  std::memset(&acq, 0, sizeof acq);
  acq.sel.family = AF_INET;
  acq.policy.sel.family = AF_INET;
  const uint8_t short_tmpl[10] = {};
  EXPECT_FALSE(parse_event(CannedMessage(XFRM_MSG_ACQUIRE).fixed(acq).attr(XFRMA_TMPL, short_tmpl, 10).bytes()).ok());
  xfrm_user_tmpl t;
  std::memset(&t, 0, sizeof t);
  t.family = 99;  // neither AF_INET nor AF_INET6
  EXPECT_FALSE(parse_event(CannedMessage(XFRM_MSG_ACQUIRE).fixed(acq).attr(XFRMA_TMPL, t).bytes()).ok());
  // A selector prefix longer than the address is refused, not clamped.
  acq.policy.sel.prefixlen_d = 33;
  t.family = AF_INET;
  EXPECT_FALSE(parse_event(CannedMessage(XFRM_MSG_ACQUIRE).fixed(acq).attr(XFRMA_TMPL, t).bytes()).ok());
}

TEST(XfrmParse, AttributeLengthBeyondTheMessageIsRefused) {
  std::vector<uint8_t> m = canned_acquire(1);
  // Corrupt the first attribute's length (right after the fixed part) to run past the end.
  const size_t at = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(xfrm_user_acquire));
  const uint16_t huge = 0xfff0;
  std::memcpy(m.data() + at, &huge, sizeof huge);
  EXPECT_FALSE(parse_event(m).ok());
}

}  // namespace
}  // namespace ravelin::platform::linux
