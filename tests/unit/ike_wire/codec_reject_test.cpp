// Every rejection path of the decoder: which counter moves, the reason text, and the notify the RFC
// says to answer with. Nothing here may crash or read out of bounds (run under ASan in make asan-test).
#include <gtest/gtest.h>

#include "ike/wire/codec.hpp"
#include "tests/unit/ike_wire/fixtures.hpp"
#include "tests/unit/ike_wire/raw_builder.hpp"

namespace ravelin::ike::wire {
namespace {

using test::cat;
using test::datagram;
using test::gp;
using P = PayloadType;
using X = ExchangeType;

// Decodes, expects a rejection with `code`, exactly one counter moved, and `reason_part` in the reason.
Rejection expect_reject(const Bytes& b, Reject code, const std::string& reason_part, const Limits& lim = {}) {
  Counters c;
  auto d = decode(b, c, lim);
  EXPECT_FALSE(d.ok());
  if (d.ok()) return {};
  EXPECT_EQ(d.rejection().code, code) << reject_name(d.rejection().code) << ": " << d.rejection().reason;
  EXPECT_EQ(c[code], 1u);
  EXPECT_EQ(c.total_rejected(), 1u);
  EXPECT_EQ(c.decoded, 0u);
  EXPECT_NE(d.rejection().reason.find(reason_part), std::string::npos) << d.rejection().reason;
  return d.rejection();
}

const Bytes kNonce16 = Bytes(16, 0x4e);

TEST(CodecReject, ShorterThanAHeader) {
  expect_reject(Bytes(27, 0), Reject::TooShort, "27 bytes");
  expect_reject({}, Reject::TooShort, "0 bytes");
}

TEST(CodecReject, OverTheSizeCap) {
  Limits lim;
  lim.max_message = 100;
  expect_reject(datagram(X::IkeSaInit, P::Nonce, gp(P::None, Bytes(100, 1))), Reject::TooLarge, "bytes", lim);
}

TEST(CodecReject, HeaderLengthDisagreesWithTheDatagram) {
  expect_reject(datagram(X::IkeSaInit, P::Nonce, gp(P::None, kNonce16), false, 0x20, 50), Reject::LengthMismatch,
                "header length 50");
  expect_reject(datagram(X::IkeSaInit, P::Nonce, gp(P::None, kNonce16), false, 0x20, 0xffffffff),
                Reject::LengthMismatch, "header length");
}

TEST(CodecReject, MajorVersionThreeAnswersInvalidMajorVersion) {
  // §2.5: answer INVALID_MAJOR_VERSION carrying the highest version we support (2.0).
  auto r = expect_reject(datagram(X::IkeSaInit, P::Nonce, gp(P::None, kNonce16), false, 0x30),
                         Reject::BadMajorVersion, "major version 3");
  EXPECT_EQ(r.notify, NotifyType::InvalidMajorVersion);
  EXPECT_EQ(r.notify_data, Bytes{0x20});
  expect_reject(datagram(X::IkeSaInit, P::Nonce, gp(P::None, kNonce16), false, 0x10), Reject::BadMajorVersion,
                "major version 1");
}

TEST(CodecReject, UnknownExchangeType) {
  expect_reject(datagram(static_cast<X>(43), P::Nonce, gp(P::None, kNonce16)), Reject::UnknownExchange, "43");
  expect_reject(datagram(static_cast<X>(33), P::None, {}), Reject::UnknownExchange, "33");
}

TEST(CodecReject, PayloadLengthBelowFourPastTheEndOrWithTrailingBytes) {
  auto r = expect_reject(datagram(X::IkeSaInit, P::Nonce, gp(P::None, {1, 2, 3}, false, 3)), Reject::BadPayloadLength,
                         "length 3");
  EXPECT_EQ(r.notify, NotifyType::InvalidSyntax);
  expect_reject(datagram(X::IkeSaInit, P::Nonce, gp(P::None, {1, 2, 3}, false, 200)), Reject::BadPayloadLength,
                "length 200");
  expect_reject(datagram(X::IkeSaInit, P::Nonce, {0, 0}), Reject::BadPayloadLength, "invalid");
  expect_reject(datagram(X::IkeSaInit, P::Nonce, cat({gp(P::None, kNonce16), Bytes{0, 0, 0}})),
                Reject::BadPayloadLength, "3 bytes after the last payload");
}

TEST(CodecReject, UnknownCriticalPayloadAnswersUnsupportedCriticalPayloadWithItsType) {
  // §2.5 / §3.2: the notify data is the one-octet payload type.
  auto r = expect_reject(datagram(X::IkeSaInit, static_cast<P>(190), gp(P::None, {1, 2}, true)),
                         Reject::UnsupportedCritical, "190");
  EXPECT_EQ(r.notify, NotifyType::UnsupportedCriticalPayload);
  EXPECT_EQ(r.notify_data, Bytes{190});
}

TEST(CodecReject, TooManyPayloadsNotifiesSelectorsDeletesProposals) {
  Limits lim;
  lim.max_payloads = 3;
  Bytes chain;
  for (int i = 0; i < 4; ++i) {
    const auto v = gp(i == 3 ? P::None : P::Vendor, {1});
    chain.insert(chain.end(), v.begin(), v.end());
  }
  expect_reject(datagram(X::Informational, P::Vendor, chain), Reject::TooManyPayloads, "more than 3", lim);

  Limits ln;
  ln.max_notifies = 2;
  Bytes notifies;
  for (int i = 0; i < 3; ++i) {
    const auto n = gp(i == 2 ? P::None : P::Notify, {0, 0, 0x40, 0x00});
    notifies.insert(notifies.end(), n.begin(), n.end());
  }
  expect_reject(datagram(X::Informational, P::Notify, notifies), Reject::TooManyNotifies, "more than 2", ln);

  Limits ls;
  ls.max_selectors = 1;
  Message m;
  m.header = test::header(X::IkeAuth, true, false, 1);
  TsPayload ts = test::ts_v4("10.0.0.0", "10.0.0.255");
  ts.selectors.push_back(ts.selectors[0]);
  m.add(P::TsI, ts);
  expect_reject(encode(m), Reject::TooManySelectors, "2 traffic selectors", ls);

  Limits ld;
  ld.max_delete_spis = 1;
  Message del;
  del.header = test::header(X::Informational, true, false, 2);
  del.add(P::Delete, DeletePayload{ProtocolId::Esp, 4, {{1, 2, 3, 4}, {5, 6, 7, 8}}});
  expect_reject(encode(del), Reject::TooManyDeleteSpis, "2 SPIs", ld);

  Limits lp;
  lp.max_proposals = 1;
  Message sa;
  sa.header = test::header(X::IkeSaInit, true, false, 0);
  SaPayload two = test::ike_sa_aes_cbc_sha256_x25519();
  two.proposals.push_back(two.proposals[0]);
  two.proposals[1].number = 2;
  sa.add(P::Sa, two);
  expect_reject(encode(sa), Reject::TooManyProposals, "more than 1 proposals", lp);
}

// Payload bodies that are internally inconsistent: each is INVALID_SYNTAX with a specific reason.
TEST(CodecReject, MalformedBodiesAreSyntaxErrorsWithReasons) {
  struct Case {
    P type;
    Bytes body;
    const char* reason;
  } cases[] = {
      {P::Nonce, Bytes(15, 1), "nonce of 15 bytes"},
      {P::Nonce, Bytes(257, 1), "nonce of 257 bytes"},
      {P::Ke, {0, 31, 0}, "truncated KE"},
      {P::Ke, {0, 31, 0, 0}, "no key exchange data"},
      {P::IdI, {1, 0, 0, 0, 10, 0, 0}, "ID_IPV4_ADDR must be 4 bytes"},
      {P::IdR, {5, 0, 0, 0, 1, 2, 3, 4}, "ID_IPV6_ADDR must be 16 bytes"},
      {P::Auth, {2, 0, 0, 0}, "no authentication data"},
      {P::Notify, {0, 3, 0x40, 0, 1, 2, 3}, "Notify SPI size 3"},
      {P::Notify, {3, 4, 0x40, 0, 1, 2}, "Notify SPI runs past"},
      {P::Delete, {1, 0, 0, 1}, "IKE Delete must carry no SPIs"},
      {P::Delete, {3, 4, 0, 2, 1, 2, 3, 4}, "does not match"},
      {P::Delete, {3, 8, 0, 0}, "SPI size must be 4"},
      {P::Delete, {9, 4, 0, 0}, "unknown protocol"},
      {P::TsI, {0, 0, 0, 0}, "no selectors"},
      {P::TsI, {1, 0, 0, 0, 7, 0, 0, 15, 0, 0, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 7}, "length 15 is wrong"},
      {P::TsI, {1, 0, 0, 0, 9, 0, 0, 16, 0, 0, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 7, 8}, "unknown TS type 9"},
      {P::TsR, {2, 0, 0, 0, 7, 0, 0, 16, 0, 0, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 7, 8}, "truncated traffic selector"},
      {P::TsR, {1, 0, 0, 0, 7, 0, 0, 16, 0, 0, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 7}, "runs past"},
      {P::Cp, {1, 0, 0, 0, 0, 1, 0, 9, 1}, "truncated CP attribute"},
      {P::Eap, {1, 1, 0, 9, 1}, "EAP length 9"},
      {P::Sa, {0, 0, 0, 8, 1, 1, 0, 0}, "transform count 0"},
      {P::Sa, {2, 0, 0, 16, 1, 1, 0, 1, 0, 0, 0, 8, 1, 0, 0, 12}, "truncated proposal header"},
      {P::Sa, {0, 0, 0, 8, 2, 1, 0, 1}, "out of sequence"},
      {P::Sa, {0, 0, 0, 8, 1, 3, 8, 0}, "SPI size must be 4"},
      {P::Sa, {0, 0, 0, 8, 1, 1, 4, 0}, "IKE proposal SPI size"},
      {P::Sa, {1, 0, 0, 8, 1, 1, 0, 1}, "Last Substruc is 1"},
      {P::Sa, {0, 0, 0, 16, 1, 1, 0, 1, 3, 0, 0, 8, 1, 0, 0, 12}, "does not match"},
      {P::Sa, {0, 0, 0, 16, 1, 1, 0, 2, 0, 0, 0, 8, 1, 0, 0, 12}, "marked last"},
      {P::Sa, {0, 0, 0, 16, 1, 1, 0, 1, 0, 0, 0, 7, 1, 0, 0, 12}, "transform length 7"},
      {P::Sa, {0, 0, 0, 20, 1, 1, 0, 1, 0, 0, 0, 12, 1, 0, 0, 12, 0, 14, 0, 0}, "TV format"},
      {P::Sa, {0, 0, 0, 20, 1, 1, 0, 1, 0, 0, 0, 12, 1, 0, 0, 12, 0, 15, 0, 9}, "attribute length 9"},
      {P::Sa, {0, 0, 0, 200, 1, 1, 0, 1}, "proposal length 200"},
  };
  for (const auto& k : cases) {
    SCOPED_TRACE(k.reason);
    auto r = expect_reject(datagram(X::Informational, k.type, gp(P::None, k.body)), Reject::BadPayloadSyntax, k.reason);
    EXPECT_EQ(r.notify, NotifyType::InvalidSyntax);
  }
}

TEST(CodecReject, TooManyTransformsOrAttributes) {
  Limits lim;
  lim.max_transforms = 1;
  expect_reject(encode(test::sa_init_request()), Reject::TooManyProposals, "4 transforms", lim);
  Limits la;
  la.max_attributes = 1;
  Message m = test::sa_init_request();
  std::get<SaPayload>(m.payloads[0].body).proposals[0].transforms[0].attributes.push_back(
      TransformAttribute{99, true, {0, 1}});
  expect_reject(encode(m), Reject::TooManyProposals, "more than 1 attributes", la);
}

TEST(CodecReject, SkMustBeLastAndNeverNested) {
  const Bytes sk_then_more = cat({gp(P::Vendor, Bytes(40, 1)), gp(P::None, {1})});
  // The SK payload's Next Payload names the first inner payload, so anything after SK is garbage.
  expect_reject(datagram(X::IkeAuth, P::Sk, sk_then_more), Reject::SkNotLast, "after the SK payload");
  Counters c;
  const Bytes inner = gp(P::None, Bytes(40, 1));
  auto d = decode_payload_chain(Header{}, P::Sk, inner, true, c);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.rejection().code, Reject::NestedSk);
  EXPECT_EQ(c[Reject::NestedSk], 1u);
}

TEST(CodecReject, SkfFragmentNumbersMustBeConsistent) {
  expect_reject(datagram(X::IkeAuth, P::Skf, gp(P::IdI, {0, 3, 0, 2, 9, 9})), Reject::BadPayloadSyntax,
                "fragment 3 of 2");
  expect_reject(datagram(X::IkeAuth, P::Skf, gp(P::IdI, {0, 0, 0, 2, 9, 9})), Reject::BadPayloadSyntax,
                "fragment 0 of 2");
  expect_reject(datagram(X::IkeAuth, P::Skf, gp(P::IdI, {0, 2, 0, 2, 9, 9})), Reject::BadPayloadSyntax,
                "fragment 1 only");
  expect_reject(datagram(X::IkeAuth, P::Skf, gp(P::None, {0, 1, 0, 2, 9, 9})), Reject::BadPayloadSyntax,
                "fragment 1 only");
  expect_reject(datagram(X::IkeAuth, P::Skf, gp(P::IdI, {0, 1, 0})), Reject::BadPayloadSyntax, "truncated SKF");
}

TEST(CodecReject, CountersAccumulateAcrossMessages) {
  Counters c;
  EXPECT_FALSE(decode(Bytes(3, 0), c).ok());
  EXPECT_FALSE(decode(Bytes(5, 0), c).ok());
  EXPECT_TRUE(decode(encode(test::sa_init_request()), c).ok());
  EXPECT_EQ(c[Reject::TooShort], 2u);
  EXPECT_EQ(c.total_rejected(), 2u);
  EXPECT_EQ(c.decoded, 1u);
}

}  // namespace
}  // namespace ravelin::ike::wire
