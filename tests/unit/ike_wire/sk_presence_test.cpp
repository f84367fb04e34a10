// SK protection end to end (RFC 7296 §3.14) and the presence table checked before exchange code.
#include <gtest/gtest.h>

#include "ike/crypto/random.hpp"
#include "ike/wire/presence.hpp"
#include "ike/wire/sk.hpp"
#include "tests/unit/ike_wire/fixtures.hpp"

namespace ravelin::ike::wire {
namespace {

using P = PayloadType;
using X = ExchangeType;

struct SkFixture {
  std::unique_ptr<crypto::SkCipher> cipher;
  crypto::SecretBytes e, a;
  SkKeys keys() const { return SkKeys{cipher.get(), &e, &a}; }
};

SkFixture make_fixture(crypto::EncrId encr, uint16_t bits, std::optional<crypto::IntegId> integ) {
  SkFixture f;
  auto c = crypto::make_sk_cipher(encr, bits, integ);
  EXPECT_TRUE(c.ok());
  f.cipher = std::move(*c);
  f.e = crypto::SecretBytes(f.cipher->encr_key_size());
  f.a = crypto::SecretBytes(f.cipher->integ_key_size());
  crypto::DeterministicRandom r(99);
  r.fill(f.e.mut_view());
  r.fill(f.a.mut_view());
  return f;
}

TEST(SkProtection, AuthRequestRoundTripsThroughCbcAndGcmAndComesBackEncrypted) {
  for (bool gcm : {false, true}) {
    SCOPED_TRACE(gcm ? "gcm" : "cbc");
    auto f = gcm ? make_fixture(crypto::EncrId::AesGcm16, 256, std::nullopt)
                 : make_fixture(crypto::EncrId::AesCbc, 256, crypto::IntegId::HmacSha2_256_128);
    crypto::DeterministicRandom rnd(1);
    const Message plain = test::auth_request_plain();
    auto bytes = encode_protected(plain, f.keys(), rnd);
    ASSERT_TRUE(bytes.ok()) << bytes.error().message;
    EXPECT_EQ((*bytes)[16], static_cast<uint8_t>(P::Sk));
    Counters c;
    auto d = decode_protected(*bytes, f.keys(), c);
    ASSERT_TRUE(d.ok()) << d.rejection().reason;
    EXPECT_EQ(c.unprotected, 1u);
    ASSERT_EQ(d->payloads.size(), plain.payloads.size());
    for (const auto& p : d->payloads) EXPECT_TRUE(p.encrypted);
    EXPECT_EQ(encode_payloads(d->payloads, nullptr), encode_payloads(plain.payloads, nullptr));
    EXPECT_FALSE(check_presence(d.value(), c).has_value());
  }
}

TEST(SkProtection, TamperedMessageCountsIntegrityFailedAndNothingIsParsed) {
  auto f = make_fixture(crypto::EncrId::AesCbc, 128, crypto::IntegId::HmacSha1_96);
  crypto::DeterministicRandom rnd(2);
  auto bytes = encode_protected(test::auth_request_plain(), f.keys(), rnd);
  ASSERT_TRUE(bytes.ok());
  for (size_t at : {size_t{8}, size_t{20}, size_t{29}, size_t{36}, size_t{60}, bytes->size() - 1}) {
    Bytes bad = *bytes;
    bad[at] ^= 0x04;
    Counters c;
    auto d = decode_protected(bad, f.keys(), c);
    ASSERT_FALSE(d.ok()) << at;
    EXPECT_EQ(d.rejection().code, Reject::IntegrityFailed) << at << " " << d.rejection().reason;
    EXPECT_EQ(c[Reject::IntegrityFailed], 1u);
    EXPECT_EQ(c.unprotected, 0u);
    EXPECT_FALSE(d.rejection().notify.has_value()) << "§2.21.2: no answer to a bad ICV";
  }
}

TEST(SkProtection, WrongKeysFailIntegrityAndMissingKeysFailDecrypt) {
  auto f = make_fixture(crypto::EncrId::AesGcm16, 128, std::nullopt);
  auto other = make_fixture(crypto::EncrId::AesGcm16, 128, std::nullopt);
  other.e.mut_view()[0] ^= 1;
  crypto::DeterministicRandom rnd(3);
  auto bytes = encode_protected(test::auth_request_plain(), f.keys(), rnd);
  ASSERT_TRUE(bytes.ok());
  Counters c;
  EXPECT_EQ(decode_protected(*bytes, other.keys(), c).rejection().code, Reject::IntegrityFailed);
  EXPECT_EQ(decode_protected(*bytes, SkKeys{}, c).rejection().code, Reject::DecryptFailed);
  EXPECT_FALSE(encode_protected(test::auth_request_plain(), SkKeys{}, rnd).ok());
}

TEST(SkProtection, GarbageInsideAValidSkIsASyntaxRejection) {
  // A peer holding the keys can still send a malformed inner chain: it is decoded as strictly.
  auto f = make_fixture(crypto::EncrId::AesGcm16, 128, std::nullopt);
  Message m = test::auth_request_plain();
  m.payloads.resize(1);
  std::get<IdPayload>(m.payloads[0].body).data = {1, 2, 3};  // ID_IPV4_ADDR of 3 bytes
  crypto::DeterministicRandom rnd(4);
  auto bytes = encode_protected(m, f.keys(), rnd);
  ASSERT_TRUE(bytes.ok());
  Counters c;
  auto d = decode_protected(*bytes, f.keys(), c);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.rejection().code, Reject::BadPayloadSyntax);
  EXPECT_NE(d.rejection().reason.find("ID_IPV4_ADDR"), std::string::npos);
}

TEST(SkProtection, SkInsideTheMessageToProtectIsRefused) {
  auto f = make_fixture(crypto::EncrId::AesGcm16, 128, std::nullopt);
  Message m = test::auth_request_plain();
  m.add(P::Sk, SkPayload{P::None, {}});
  crypto::DeterministicRandom rnd(5);
  EXPECT_FALSE(encode_protected(m, f.keys(), rnd).ok());
}

// ---- presence table ----

std::optional<Rejection> presence(const Message& m, Counters& c) { return check_presence(m, c); }

Message encrypted(Message m) {
  for (auto& p : m.payloads) p.encrypted = true;
  return m;
}

TEST(Presence, ValidSaInitRequestPasses) {
  Counters c;
  EXPECT_FALSE(presence(test::sa_init_request(), c).has_value());
  EXPECT_EQ(c.total_rejected(), 0u);
}

TEST(Presence, SaInitWithoutKeIsMissing) {
  Message m = test::sa_init_request();
  m.payloads.erase(m.payloads.begin() + 1);
  Counters c;
  auto r = presence(m, c);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->code, Reject::PresenceMissing);
  EXPECT_EQ(r->reason, "IKE_SA_INIT request without KE");
  EXPECT_EQ(c[Reject::PresenceMissing], 1u);
}

TEST(Presence, TwoNoncesAreTooMany) {
  Message m = test::sa_init_request();
  m.add(P::Nonce, NoncePayload{Bytes(16, 1)});
  Counters c;
  auto r = presence(m, c);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->code, Reject::PresenceTooMany);
  EXPECT_EQ(c[Reject::PresenceTooMany], 1u);
}

TEST(Presence, AuthPayloadInSaInitIsUnexpected) {
  Message m = test::sa_init_request();
  m.add(P::Auth, AuthPayload{AuthMethod::SharedKeyMic, {1}});
  Counters c;
  auto r = presence(m, c);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->code, Reject::PresenceUnexpected);
  EXPECT_EQ(r->reason, "AUTH is not allowed in IKE_SA_INIT request");
}

TEST(Presence, IkeAuthPayloadsOutsideSkAreRefused) {
  Counters c;
  auto r = presence(test::auth_request_plain(), c);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->code, Reject::PresenceNotEncrypted);
  EXPECT_EQ(c[Reject::PresenceNotEncrypted], 1u);
  EXPECT_FALSE(presence(encrypted(test::auth_request_plain()), c).has_value());
}

TEST(Presence, SaInitResponseWithOnlyAnErrorOrCookieNotifyIsAccepted) {
  for (auto n : {NotifyType::NoProposalChosen, NotifyType::InvalidKePayload, NotifyType::Cookie}) {
    Message m;
    m.header = test::header(X::IkeSaInit, false, true, 0);
    m.add_notify(n, {0, 14});
    Counters c;
    EXPECT_FALSE(presence(m, c).has_value()) << notify_name(n);
  }
  Message status_only;
  status_only.header = test::header(X::IkeSaInit, false, true, 0);
  status_only.add_notify(NotifyType::NatDetectionSourceIp, Bytes(20, 1));
  Counters c;
  EXPECT_TRUE(presence(status_only, c).has_value()) << "a status notify does not excuse SA/KE/Nr";
}

TEST(Presence, SaInitRequestEchoingACookieStillNeedsSaKeAndNonce) {
  // IKE_SA_INIT { N(COOKIE), SAi1, KEi, Ni } --> (§2.6): the cookie does not waive the rest.
  Message m = test::sa_init_request();
  m.payloads.insert(m.payloads.begin(), Payload{P::Notify, false, false, NotifyPayload{ProtocolId::None, {}, NotifyType::Cookie, Bytes(17, 1)}});
  Counters c;
  EXPECT_FALSE(presence(m, c).has_value());
  m.payloads.erase(m.payloads.begin() + 2);  // drop KE
  auto r = presence(m, c);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->code, Reject::PresenceMissing);
}

TEST(Presence, IkeAuthNeedsIdAuthOrEapAndSaTsTogether) {
  Message m = encrypted(test::auth_request_plain());
  m.payloads.erase(m.payloads.begin() + 5);  // drop TSr
  Counters c;
  auto r = presence(m, c);
  ASSERT_TRUE(r.has_value());
  EXPECT_NE(r->reason.find("SA, TSi and TSr"), std::string::npos);

  Message bare;
  bare.header = test::header(X::IkeAuth, true, false, 1);
  bare.add_notify(NotifyType::InitialContact);
  bare = encrypted(bare);
  r = presence(bare, c);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->code, Reject::PresenceMissing);

  Message eap;  // a middle EAP round: only EAP (§2.16)
  eap.header = test::header(X::IkeAuth, true, false, 2);
  eap.add(P::Eap, EapPayload{{2, 1, 0, 5, 1}});
  EXPECT_FALSE(presence(encrypted(eap), c).has_value());

  Message failed;  // IKE_AUTH response carrying only AUTHENTICATION_FAILED
  failed.header = test::header(X::IkeAuth, false, true, 1);
  failed.add_notify(NotifyType::AuthenticationFailed);
  EXPECT_FALSE(presence(encrypted(failed), c).has_value());
}

TEST(Presence, CreateChildSaAndInformationalRules) {
  Message child;
  child.header = test::header(X::CreateChildSa, true, false, 2);
  child.add(P::Sa, test::esp_sa({1, 2, 3, 4})).add(P::Nonce, NoncePayload{Bytes(32, 2)});
  Counters c;
  EXPECT_FALSE(presence(encrypted(child), c).has_value());
  child.payloads.pop_back();
  EXPECT_EQ(presence(encrypted(child), c)->code, Reject::PresenceMissing);

  Message info;
  info.header = test::header(X::Informational, true, false, 3);
  EXPECT_FALSE(presence(info, c).has_value()) << "an empty INFORMATIONAL is a liveness check (§1.4)";
  info.add(P::Delete, DeletePayload{ProtocolId::Ike, 0, {}});
  EXPECT_EQ(presence(info, c)->code, Reject::PresenceNotEncrypted);
  info.add(P::Ke, KePayload{KeGroup::Curve25519, Bytes(32, 1)});
  EXPECT_EQ(presence(encrypted(info), c)->code, Reject::PresenceUnexpected);
}

TEST(Presence, UnknownNonCriticalPayloadsDoNotTripTheTable) {
  Message m = test::sa_init_request();
  Payload u;
  u.type = static_cast<P>(222);
  u.body = UnknownPayload{222, {}};
  m.payloads.push_back(u);
  Counters c;
  EXPECT_FALSE(presence(m, c).has_value());
}

}  // namespace
}  // namespace ravelin::ike::wire
