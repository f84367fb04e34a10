// IKE_SA_INIT announcements and IKE fragmentation: IKEV2_FRAGMENTATION_SUPPORTED (RFC 7383 §2.3),
// SIGNATURE_HASH_ALGORITHMS (RFC 7427 §4), and IKE_AUTH and later messages split into SKF fragments
// when they exceed the configured MTU (RFC 7383 §2.5), reassembled by the peer.
#include <gtest/gtest.h>

#include "ike/wire/codec.hpp"
#include "tests/pair/engine/pair_harness.hpp"

namespace ravelin::test {
namespace {

using namespace std::chrono_literals;

struct Tapped {
  explicit Tapped(size_t mtu_a = 1280, size_t mtu_b = 1280, bool frag_b = true) {
    p.a.settings.fragment_mtu = mtu_a;
    p.b.settings.fragment_mtu = mtu_b;
    p.b.settings.fragmentation = frag_b;
    p.a.restart(1);
    p.b.restart(2);
    p.net.set_tap([this](uint64_t, const ike::engine::Datagram& d) { sent.push_back(d); });
    p.configure();
  }
  bool establish() {
    p.initiate_from_a();
    return p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1 && p.b.kernel.sas.size() == 1; }, 20s);
  }
  // Datagrams whose last payload is SKF, and the largest datagram of a given exchange.
  size_t skf_count() const {
    size_t n = 0;
    for (const auto& d : sent) {
      ike::wire::Counters c;
      auto m = ike::wire::decode(d.bytes, c);
      if (m.ok() && !m->payloads.empty() && std::holds_alternative<ike::wire::SkfPayload>(m->payloads.back().body)) ++n;
    }
    return n;
  }
  size_t largest(ike::wire::ExchangeType x) const {
    size_t n = 0;
    for (const auto& d : sent) {
      auto h = ike::wire::peek_header(d.bytes);
      if (h && h->exchange == x) n = std::max(n, d.bytes.size());
    }
    return n;
  }
  Pair p;
  std::vector<ike::engine::Datagram> sent;
};

TEST(InitAnnouncements, BothSidesAnnounceFragmentationAndSha2SignatureHashes) {
  Tapped t;
  // IKE_SA_INIT { SA, KE, Ni, N(NAT_D*), N(IKEV2_FRAGMENTATION_SUPPORTED), N(SIGNATURE_HASH_ALGORITHMS) } -->
  // <-- IKE_SA_INIT { SA, KE, Nr, N(NAT_D*), N(IKEV2_FRAGMENTATION_SUPPORTED), N(SIGNATURE_HASH_ALGORITHMS) }
  ASSERT_TRUE(t.establish());
  ike::wire::Counters c;
  auto req = ike::wire::decode(t.sent.at(0).bytes, c);
  ASSERT_TRUE(req.ok());
  ASSERT_NE(req->find_notify(ike::wire::NotifyType::IkeFragmentationSupported), nullptr);
  const auto* hashes = req->find_notify(ike::wire::NotifyType::SignatureHashAlgorithms);
  ASSERT_NE(hashes, nullptr);
  EXPECT_EQ(hashes->data, (ike::wire::Bytes{0, 2, 0, 3, 0, 4}));  // SHA2-256, SHA2-384, SHA2-512
  for (const auto* peer : {&t.p.a, &t.p.b}) {
    auto s = peer->engine->snapshot()[0];
    EXPECT_TRUE(s.peer_fragmentation) << peer->name;
    EXPECT_EQ(s.peer_signature_hashes, (std::vector<uint16_t>{2, 3, 4})) << peer->name;
  }
  EXPECT_EQ(t.skf_count(), 0u);  // a PSK IKE_AUTH fits in 1280 bytes
}

// Replays A's IKE_SA_INIT request to B with its SIGNATURE_HASH_ALGORITHMS data replaced.
std::vector<uint16_t> hashes_b_records(const ike::wire::Bytes& data, bool* b_answered_with_its_list) {
  Tapped t;
  t.p.initiate_from_a();
  auto req_bytes = t.sent.at(0).bytes;
  ike::wire::Counters c;
  auto req = ike::wire::decode(req_bytes, c);
  if (!req.ok()) return {0xdead};
  for (auto& p : req.value().payloads) {
    auto* n = std::get_if<ike::wire::NotifyPayload>(&p.body);
    if (n && n->type == ike::wire::NotifyType::SignatureHashAlgorithms) n->data = data;
  }
  auto fx = t.p.b.engine->on_datagram(t.p.clock.now(), {t.p.b.address, 500}, {t.p.a.address, 500},
                                      ike::wire::encode(req.value()));
  if (fx.datagrams.size() != 1) return {0xbeef};
  auto resp = ike::wire::decode(fx.datagrams[0].bytes, c);
  *b_answered_with_its_list = resp.ok() && resp->find_notify(ike::wire::NotifyType::SignatureHashAlgorithms);
  auto s = t.p.b.engine->snapshot();
  return s.empty() ? std::vector<uint16_t>{0xfeed} : s[0].peer_signature_hashes;
}

TEST(InitAnnouncements, ThePeersSignatureHashListIsRecordedAsSentAndAMalformedOneAsEmpty) {
  bool answered = false;
  EXPECT_EQ(hashes_b_records({0, 2, 0, 5}, &answered), (std::vector<uint16_t>{2, 5}));  // SHA2-256, Identity
  EXPECT_TRUE(answered);
  EXPECT_EQ(hashes_b_records({0, 2, 0}, &answered), std::vector<uint16_t>{});  // odd length
  EXPECT_TRUE(answered);
  EXPECT_EQ(hashes_b_records(ike::wire::Bytes(40, 1), &answered), std::vector<uint16_t>{});  // over 16 entries
}

TEST(Fragmentation, ALargeIkeAuthTravelsAsSkfFragmentsWithinTheMtuAndIsReassembled) {
  Tapped t(200, 200);
  // IKE_AUTH SKF{1/n} ... SKF{n/n} -->   <-- IKE_AUTH SKF{1/m} ... SKF{m/m}
  ASSERT_TRUE(t.establish()) << t.p.a.events_text() << t.p.b.events_text();
  EXPECT_GE(t.skf_count(), 4u);
  EXPECT_LE(t.largest(ike::wire::ExchangeType::IkeAuth), 200u - 28u);  // IPv4 + UDP headers
  EXPECT_GE(t.p.a.engine->counters().fragments_sent, 2u);
  EXPECT_EQ(t.p.a.engine->counters().fragmented_messages_received, 1u);
  EXPECT_EQ(t.p.b.engine->counters().fragmented_messages_received, 1u);
  std::string why;
  EXPECT_TRUE(t.p.kernels_agree(&why)) << why;
  // Later exchanges fragment too: a child rekey and its DELETE.
  t.p.absorb(t.p.a, t.p.a.engine->rekey_child_sa(t.p.clock.now(), t.p.a.kernel.sas.begin()->first));
  ASSERT_TRUE(t.p.run_until([&] { return t.p.a.kernel.installs == 2 && t.p.a.kernel.sas.size() == 1 && t.p.b.kernel.sas.size() == 1; }, 10s));
  EXPECT_GE(t.p.b.engine->counters().fragmented_messages_received, 2u);
  EXPECT_TRUE(t.p.kernels_agree(&why)) << why;
}

TEST(Fragmentation, ALostFragmentIsRecoveredByRetransmittingTheWholeSet) {
  Tapped t(200, 200);
  // Datagrams: 1 = IKE_SA_INIT request, 2 = response, 3.. = IKE_AUTH request fragments: lose the 2nd.
  t.p.net.drop_nth(4);
  ASSERT_TRUE(t.establish()) << t.p.a.events_text() << t.p.b.events_text();
  EXPECT_EQ(t.p.a.engine->counters().retransmits, 1u);
  EXPECT_EQ(t.p.b.engine->counters().fragmented_messages_received, 1u);
}

TEST(Fragmentation, ALostFragmentedResponseIsResentFromTheCacheAsFragments) {
  Tapped t(200, 200);
  ASSERT_TRUE(t.establish());
  const uint64_t next = t.p.net.sent();
  // CREATE_CHILD_SA request fragments from A, then B's response fragments: lose B's first fragment.
  uint64_t first_from_b = 0;
  t.p.net.set_tap([&](uint64_t n, const ike::engine::Datagram& d) {
    if (n > next && first_from_b == 0 && d.local.address == t.p.b.address) {
      first_from_b = n;
      t.p.net.drop_nth(n + 1);  // the next one is B's second fragment
    }
  });
  t.p.absorb(t.p.a, t.p.a.engine->rekey_child_sa(t.p.clock.now(), t.p.a.kernel.sas.begin()->first));
  ASSERT_TRUE(t.p.run_until([&] { return t.p.a.kernel.installs == 2 && t.p.a.kernel.sas.size() == 1 && t.p.b.kernel.sas.size() == 1; }, 20s));
  EXPECT_EQ(t.p.b.engine->counters().cached_responses, 1u);
  std::string why;
  EXPECT_TRUE(t.p.kernels_agree(&why)) << why;
}

TEST(Fragmentation, APeerThatDoesNotAnnounceItGetsWholeMessages) {
  Tapped t(200, 1280, false);
  ASSERT_TRUE(t.establish()) << t.p.a.events_text() << t.p.b.events_text();
  EXPECT_FALSE(t.p.a.engine->snapshot()[0].peer_fragmentation);
  EXPECT_FALSE(t.p.b.engine->snapshot()[0].peer_fragmentation);
  EXPECT_EQ(t.skf_count(), 0u);
  EXPECT_GT(t.largest(ike::wire::ExchangeType::IkeAuth), 200u - 28u);  // sent whole despite A's small MTU
}

TEST(Fragmentation, BehindANatFragmentsLeaveRoomForTheNonEspMarker) {
  Tapped t(200, 200);
  auto cb = site_config(t.p.b.address, t.p.a.address, 2, 1);
  cb.keyrings[0].peers[0].address = platform::Prefix::parse("0.0.0.0/0");
  cb.crypto_map[0].peers.clear();
  t.p.configure(site_config(t.p.a.address, t.p.b.address, 1, 2), cb);
  t.p.net.set_nat(t.p.a.address, *platform::IpAddress::parse("203.0.113.7"));
  // IKE_AUTH on UDP 4500: IP (20) + UDP (8) + non-ESP marker (4) + fragment <= 200
  ASSERT_TRUE(t.establish()) << t.p.a.events_text() << t.p.b.events_text();
  EXPECT_GE(t.skf_count(), 4u);
  EXPECT_LE(t.largest(ike::wire::ExchangeType::IkeAuth), 200u - 32u);
  EXPECT_EQ(t.p.a.engine->snapshot()[0].remote.port, 4500);
}

}  // namespace
}  // namespace ravelin::test
