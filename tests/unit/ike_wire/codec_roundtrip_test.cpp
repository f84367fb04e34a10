// Encode -> decode -> encode is the identity for every payload type (RFC 7296 §3), and the typed
// fields survive; unknown non-critical payloads are skipped but kept.
#include <gtest/gtest.h>

#include "ike/wire/codec.hpp"
#include "tests/unit/ike_wire/fixtures.hpp"

namespace ravelin::ike::wire {
namespace {

TEST(CodecRoundTrip, EveryPayloadTypeSurvivesEncodeDecodeEncode) {
  const Message m = test::every_payload();
  const Bytes bytes = encode(m);
  Counters c;
  auto d = decode(bytes, c);
  ASSERT_TRUE(d.ok()) << d.rejection().reason;
  EXPECT_EQ(encode(d.value()), bytes);
  EXPECT_EQ(d->payloads.size(), m.payloads.size());
  EXPECT_EQ(c.decoded, 1u);
  EXPECT_EQ(c.total_rejected(), 0u);
  for (size_t i = 0; i < m.payloads.size(); ++i) {
    EXPECT_EQ(d->payloads[i].type, m.payloads[i].type) << i;
    EXPECT_EQ(d->payloads[i].body.index(), m.payloads[i].body.index()) << i;
    EXPECT_FALSE(d->payloads[i].encrypted);
  }
}

TEST(CodecRoundTrip, HeaderFieldsAndFlagsAreExact) {
  Message m = test::sa_init_request();
  m.header.message_id = 0xdeadbeef;
  m.header.minor_version = 3;  // §2.5: a different minor version is accepted
  const Bytes b = encode(m);
  ASSERT_GE(b.size(), kHeaderSize);
  EXPECT_EQ(b[16], static_cast<uint8_t>(PayloadType::Sa));
  EXPECT_EQ(b[17], 0x23);
  EXPECT_EQ(b[18], 34);
  EXPECT_EQ(b[19], kFlagInitiator);
  EXPECT_EQ((b[24] << 24 | b[25] << 16 | b[26] << 8 | b[27]), static_cast<int>(b.size()));
  Counters c;
  auto d = decode(b, c);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->header.spi_i, 0x0102030405060708u);
  EXPECT_EQ(d->header.spi_r, 0u);
  EXPECT_EQ(d->header.message_id, 0xdeadbeefu);
  EXPECT_TRUE(d->header.initiator);
  EXPECT_FALSE(d->header.response);
  EXPECT_EQ(d->header.minor_version, 3);
  auto h = peek_header(b);
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->exchange, ExchangeType::IkeSaInit);
  EXPECT_FALSE(peek_header(std::span(b).first(27)).has_value());
}

TEST(CodecRoundTrip, TypedFieldsComeBackAsSent) {
  Counters c;
  auto d = decode(encode(test::every_payload()), c);
  ASSERT_TRUE(d.ok());
  const auto* sa = d->find<SaPayload>(PayloadType::Sa);
  ASSERT_NE(sa, nullptr);
  ASSERT_EQ(sa->proposals.size(), 2u);
  EXPECT_EQ(sa->proposals[0].transforms[0].key_length(), 256);
  EXPECT_EQ(sa->proposals[1].protocol, ProtocolId::Esp);
  EXPECT_EQ(sa->proposals[1].spi, (Bytes{1, 2, 3, 4}));
  ASSERT_EQ(sa->proposals[1].transforms[0].attributes.size(), 2u);
  EXPECT_FALSE(sa->proposals[1].transforms[0].attributes[1].tv);
  EXPECT_EQ(sa->proposals[1].transforms[0].attributes[1].value, (Bytes{9, 8, 7}));
  const auto* tsi = d->find<TsPayload>(PayloadType::TsI);
  ASSERT_NE(tsi, nullptr);
  EXPECT_EQ(tsi->selectors[0].start.to_string(), "2001:db8::");
  EXPECT_EQ(tsi->selectors[0].end_port, 443);
  const auto* n = d->find_notify(NotifyType::RekeySa);
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->protocol, ProtocolId::Esp);
  EXPECT_EQ(n->spi, (Bytes{0xde, 0xad, 0xbe, 0xef}));
  EXPECT_EQ(d->count(PayloadType::Delete), 2u);
  const auto* cp = d->find<CpPayload>(PayloadType::Cp);
  ASSERT_NE(cp, nullptr);
  EXPECT_EQ(cp->attributes.size(), 2u);
  EXPECT_EQ(cp->attributes[1].value, (Bytes{8, 8, 8, 8}));
  const auto* id = d->find<IdPayload>(PayloadType::IdI);
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(id->body(), (Bytes{2, 0, 0, 0, 'r', 'v', '.', 'e', 'x'}));
}

TEST(CodecRoundTrip, UnknownNonCriticalPayloadIsSkippedAndCounted) {
  Message m = test::sa_init_request();
  Payload u;
  u.type = static_cast<PayloadType>(200);
  u.body = UnknownPayload{200, {1, 2, 3}};
  m.payloads.insert(m.payloads.begin() + 1, u);
  const Bytes b = encode(m);
  Counters c;
  auto d = decode(b, c);
  ASSERT_TRUE(d.ok()) << d.rejection().reason;
  EXPECT_EQ(c.skipped_unknown_noncritical, 1u);
  EXPECT_EQ(d->payloads.size(), m.payloads.size());
  EXPECT_TRUE(std::holds_alternative<UnknownPayload>(d->payloads[1].body));
  EXPECT_NE(d->find<KePayload>(PayloadType::Ke), nullptr) << "the chain continues after the unknown payload";
  EXPECT_EQ(encode(d.value()), b);
}

TEST(CodecRoundTrip, SkfPayloadDecodesFragmentNumbers) {
  Message m;
  m.header = test::header(ExchangeType::IkeAuth, true, false, 1);
  m.add(PayloadType::Skf, SkfPayload{PayloadType::IdI, 1, 3, Bytes(40, 0x77)});
  Counters c;
  auto d = decode(encode(m), c);
  ASSERT_TRUE(d.ok()) << d.rejection().reason;
  const auto* f = d->find<SkfPayload>(PayloadType::Skf);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->fragment_number, 1);
  EXPECT_EQ(f->total_fragments, 3);
  EXPECT_EQ(f->first_inner, PayloadType::IdI);
  EXPECT_EQ(f->protected_body.size(), 40u);
}

TEST(CodecNames, ExchangeNotifyAndRejectNamesAreTheRfcOnes) {
  EXPECT_EQ(exchange_name(ExchangeType::IkeSaInit), "IKE_SA_INIT");
  EXPECT_EQ(notify_name(NotifyType::NoProposalChosen), "NO_PROPOSAL_CHOSEN");
  EXPECT_EQ(notify_name(static_cast<NotifyType>(12345)), "");
  EXPECT_EQ(reject_name(Reject::IntegrityFailed), "integrity_failed");
  EXPECT_EQ(reject_name(Reject::PresenceNotEncrypted), "presence_not_encrypted");
  EXPECT_TRUE(is_error_notify(NotifyType::AuthenticationFailed));
  EXPECT_FALSE(is_error_notify(NotifyType::Cookie));
}

}  // namespace
}  // namespace ravelin::ike::wire
