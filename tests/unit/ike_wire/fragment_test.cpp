// RFC 7383 fragmentation: split/reassemble round trips in any order, and every reassembly abuse
// (bad ICV, duplicates, re-fragmentation, caps, outer payloads) handled without state corruption.
#include <gtest/gtest.h>

#include <algorithm>

#include "ike/crypto/random.hpp"
#include "ike/wire/fragment.hpp"
#include "tests/unit/ike_wire/fixtures.hpp"

namespace ravelin::ike::wire {
namespace {

struct Keys {
  std::unique_ptr<crypto::SkCipher> cipher;
  crypto::SecretBytes e, a;
  SkKeys view() const { return {cipher.get(), &e, &a}; }
};

Keys keys(bool gcm) {
  Keys k;
  auto c = gcm ? crypto::make_sk_cipher(crypto::EncrId::AesGcm16, 128, std::nullopt)
               : crypto::make_sk_cipher(crypto::EncrId::AesCbc, 256, crypto::IntegId::HmacSha2_256_128);
  k.cipher = std::move(c.value());
  k.e = crypto::SecretBytes(k.cipher->encr_key_size());
  k.a = crypto::SecretBytes(k.cipher->integ_key_size());
  crypto::DeterministicRandom r(3);
  r.fill(k.e.mut_view());
  r.fill(k.a.mut_view());
  return k;
}

// IKE_AUTH { SK { IDi, CERT(1800 bytes), AUTH, SAi2, TSi, TSr } } -- too big for one 576-byte datagram.
Message big_auth() {
  Message m = test::auth_request_plain();
  m.payloads.insert(m.payloads.begin() + 1, Payload{PayloadType::Cert, false, false, CertPayload{4, Bytes(1800, 0xce)}});
  return m;
}

std::vector<Bytes> fragments(const Keys& k, size_t mtu = 576) {
  crypto::DeterministicRandom r(4);
  auto f = encode_fragments(big_auth(), k.view(), r, mtu);
  EXPECT_TRUE(f.ok());
  return f.ok() ? *f : std::vector<Bytes>{};
}

std::optional<Decoded> feed(FragmentReassembler& ra, const Bytes& d, const Keys& k, Counters& c) {
  auto outer = decode(d, c);
  if (!outer.ok()) return Decoded(outer.rejection());
  return ra.add(outer.value(), d, k.view(), c);
}

TEST(Fragments, SplitThenReassembleInReverseOrderGivesTheMessageBack) {
  for (bool gcm : {false, true}) {
    SCOPED_TRACE(gcm ? "gcm" : "cbc");
    const Keys k = keys(gcm);
    auto frags = fragments(k);
    ASSERT_GE(frags.size(), 4u);
    for (const auto& f : frags) EXPECT_LE(f.size(), 576u);
    std::reverse(frags.begin(), frags.end());
    FragmentReassembler ra;
    Counters c;
    std::optional<Decoded> done;
    for (size_t i = 0; i < frags.size(); ++i) {
      done = feed(ra, frags[i], k, c);
      if (i + 1 < frags.size()) {
        EXPECT_FALSE(done.has_value()) << i;
        EXPECT_EQ(ra.fragments_held(), i + 1);
      }
    }
    ASSERT_TRUE(done.has_value() && done->ok()) << (done && !done->ok() ? done->rejection().reason : "");
    EXPECT_EQ(encode_payloads(done->value().payloads, nullptr), encode_payloads(big_auth().payloads, nullptr));
    for (const auto& p : done->value().payloads) EXPECT_TRUE(p.encrypted);
    EXPECT_EQ(ra.fragments_held(), 0u);
    EXPECT_EQ(c.total_rejected(), 0u);
  }
}

TEST(Fragments, DuplicatesAreIgnoredAndForgedFragmentsNeverStored) {
  const Keys k = keys(true);
  auto frags = fragments(k);
  FragmentReassembler ra;
  Counters c;
  EXPECT_FALSE(feed(ra, frags[0], k, c).has_value());
  EXPECT_FALSE(feed(ra, frags[0], k, c).has_value());
  EXPECT_EQ(ra.fragments_held(), 1u);
  Bytes forged = frags[1];
  forged[forged.size() - 20] ^= 1;
  auto r = feed(ra, forged, k, c);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->rejection().code, Reject::IntegrityFailed);
  EXPECT_EQ(ra.fragments_held(), 1u);
  std::optional<Decoded> done;
  for (size_t i = 1; i < frags.size(); ++i) done = feed(ra, frags[i], k, c);
  ASSERT_TRUE(done.has_value() && done->ok());
}

TEST(Fragments, RefragmentingWithMoreFragmentsRestartsAndStaleOnesAreRefused) {
  const Keys k = keys(false);
  const auto small = fragments(k, 400);
  const auto large = fragments(k, 1000);
  ASSERT_GT(small.size(), large.size());
  FragmentReassembler ra;
  Counters c;
  EXPECT_FALSE(feed(ra, large[0], k, c).has_value());
  EXPECT_FALSE(feed(ra, small[1], k, c).has_value());  // more total fragments: start anew
  EXPECT_EQ(ra.fragments_held(), 1u);
  auto stale = feed(ra, large[1], k, c);
  ASSERT_TRUE(stale.has_value());
  EXPECT_NE(stale->rejection().reason.find("stale"), std::string::npos);
  std::optional<Decoded> done;
  for (const auto& f : small) done = feed(ra, f, k, c);
  ASSERT_TRUE(done.has_value() && done->ok());
}

TEST(Fragments, CapsOnCountAndReassembledSize) {
  const Keys k = keys(true);
  Message m;
  m.header = test::header(ExchangeType::IkeAuth, true, false, 1);
  m.add(PayloadType::Skf, SkfPayload{PayloadType::None, 2, 65, Bytes(40, 1)});
  const Bytes d = encode(m);
  FragmentReassembler ra;
  Counters c;
  auto r = feed(ra, d, k, c);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->rejection().code, Reject::TooManyPayloads);

  Limits tiny;
  tiny.max_message = 1000;
  FragmentReassembler capped(tiny);
  std::optional<Decoded> last;
  for (const auto& f : fragments(k)) {
    last = feed(capped, f, k, c);
    if (last) break;
  }
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->rejection().code, Reject::TooLarge);
  EXPECT_EQ(capped.fragments_held(), 0u);

  crypto::DeterministicRandom rnd(5);
  EXPECT_FALSE(encode_fragments(big_auth(), k.view(), rnd, 60).ok()) << "no room for data";
  EXPECT_FALSE(encode_fragments(big_auth(), k.view(), rnd, 80).ok()) << "more than 64 fragments";
}

TEST(Fragments, OuterPayloadsOnlyInTheFirstFragmentAndANewMessageIdResets) {
  const Keys k = keys(true);
  auto frags = fragments(k);
  Counters c;
  auto outer = decode(frags[1], c);
  ASSERT_TRUE(outer.ok());
  Message with_vendor = outer.value();
  with_vendor.payloads.insert(with_vendor.payloads.begin(), Payload{PayloadType::Vendor, false, false, VendorPayload{{1}}});
  FragmentReassembler ra;
  auto r = ra.add(with_vendor, frags[1], k.view(), c);
  ASSERT_TRUE(r.has_value());
  EXPECT_NE(r->rejection().reason.find("outer payloads"), std::string::npos);

  EXPECT_FALSE(feed(ra, frags[0], k, c).has_value());
  Message next = big_auth();
  next.header.message_id = 2;
  crypto::DeterministicRandom rnd(6);
  auto other = encode_fragments(next, k.view(), rnd, 576);
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(feed(ra, (*other)[0], k, c).has_value());
  EXPECT_EQ(ra.fragments_held(), 1u) << "message 2 replaced message 1";
}

}  // namespace
}  // namespace ravelin::ike::wire
