// Simultaneous IKE SA rekeys (RFC 7296 §2.8.2): both CREATE_CHILD_SA exchanges complete, the new SA
// whose exchange holds the lowest of the four nonces is deleted by its initiator, the other inherits
// the children and its initiator deletes the old SA. The tests read the nonces and SPIs out of the
// captured messages (decrypted with the old SA's keylog row) and predict the survivor independently.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "tests/pair/engine/keylog_recorder.hpp"
#include "tests/pair/engine/pair_harness.hpp"

namespace ravelin::test {
namespace {

using ike::engine::EventKind;
using namespace std::chrono_literals;

struct RekeyMessage {
  ike::wire::Bytes nonce;
  uint64_t spi = 0;
};

struct Harness {
  explicit Harness(uint64_t seed) {
    p.a.keylog = &ra;
    p.b.keylog = &rb;
    p.a.restart(300 + seed);
    p.b.restart(400 + seed);
    p.net.set_tap([this](uint64_t, const ike::engine::Datagram& d) { captured.push_back(d); });
    p.configure();
    p.initiate_from_a();
    established = p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1 && p.b.kernel.sas.size() == 1; }, 10s);
    old = p.a.engine->snapshot()[0];
  }
  void rekey_both() {
    // CREATE_CHILD_SA { SA(IKE, SPIa), Na, KEa } -->     <-- CREATE_CHILD_SA { SA(IKE, SPIb), Nb, KEb }
    // <-- CREATE_CHILD_SA { SA(IKE, SPIb'), Nb', KEb' }   CREATE_CHILD_SA { SA(IKE, SPIa'), Na', KEa' } -->
    p.absorb(p.a, p.a.engine->rekey_ike_sa(p.clock.now(), old.tunnel_id));
    p.absorb(p.b, p.b.engine->rekey_ike_sa(p.clock.now(), p.b.engine->snapshot()[0].tunnel_id));
  }
  // (I flag, R flag) -> nonce and IKE SPI of the rekey messages sent on the old SA.
  std::map<std::pair<bool, bool>, RekeyMessage> rekey_messages() const {
    std::map<std::pair<bool, bool>, RekeyMessage> out;
    auto keys = parse_ike_row(ra.ike_rows.at(0));
    if (!keys) return out;
    for (const auto& d : captured) {
      auto m = decrypt_with(*keys, d);
      if (!m || !m->ok() || m->value().header.exchange != ike::wire::ExchangeType::CreateChildSa) continue;
      const auto& msg = m->value();
      const auto* sa = msg.find<ike::wire::SaPayload>(ike::wire::PayloadType::Sa);
      const auto* n = msg.find<ike::wire::NoncePayload>(ike::wire::PayloadType::Nonce);
      if (!sa || !n || sa->proposals.empty() || sa->proposals[0].spi.size() != 8) continue;
      uint64_t spi = 0;
      for (uint8_t b : sa->proposals[0].spi) spi = (spi << 8) | b;
      out[{msg.header.initiator, msg.header.response}] = {n->data, spi};
    }
    return out;
  }
  // The survivor's (SPIi, SPIr) by the nonce rule, from the captured messages alone.
  std::optional<std::pair<uint64_t, uint64_t>> predicted_survivor() const {
    auto m = rekey_messages();
    if (m.size() != 4) return std::nullopt;
    const auto& a_req = m[{true, false}];
    const auto& b_resp = m[{false, true}];
    const auto& b_req = m[{false, false}];
    const auto& a_resp = m[{true, true}];
    auto low = [](const ike::wire::Bytes& x, const ike::wire::Bytes& y) { return std::min(x, y); };
    const bool a_exchange_lowest = low(a_req.nonce, b_resp.nonce) < low(b_req.nonce, a_resp.nonce);
    if (a_exchange_lowest) return std::make_pair(b_req.spi, a_resp.spi);  // B's SA survives
    return std::make_pair(a_req.spi, b_resp.spi);                        // A's SA survives
  }
  Pair p;
  KeylogRecorder ra, rb;
  std::vector<ike::engine::Datagram> captured;
  bool established = false;
  ike::engine::IkeSaSnapshot old;
};

bool one_agreed_sa(const Pair& p, std::string* why) {
  auto a = p.a.engine->snapshot();
  auto b = p.b.engine->snapshot();
  if (a.size() != 1 || b.size() != 1) {
    *why = "A holds " + std::to_string(a.size()) + " IKE SAs, B " + std::to_string(b.size());
    return false;
  }
  if (a[0].spi_i != b[0].spi_i || a[0].spi_r != b[0].spi_r) {
    *why = "IKE SPIs differ";
    return false;
  }
  return p.kernels_agree(why) && engines_match_kernels(p.a, why) && engines_match_kernels(p.b, why);
}

TEST(IkeRekeyCollision, BothRekeysCompleteAndTheLowestNonceSaIsDeletedByItsInitiator) {
  int a_survived = 0, b_survived = 0;
  for (uint64_t seed = 0; seed < 8; ++seed) {
    Harness h(seed);
    ASSERT_TRUE(h.established);
    h.rekey_both();
    h.p.run_for(60s);
    std::string why;
    ASSERT_TRUE(one_agreed_sa(h.p, &why)) << "seed " << seed << ": " << why << h.p.a.events_text() << h.p.b.events_text();
    auto predicted = h.predicted_survivor();
    ASSERT_TRUE(predicted) << "seed " << seed << ": the four rekey messages were not all captured";
    const auto now = h.p.a.engine->snapshot()[0];
    EXPECT_EQ(std::make_pair(now.spi_i, now.spi_r), *predicted) << "seed " << seed;
    (now.initiator ? a_survived : b_survived)++;
    // Both exchanges completed (no TEMPORARY_FAILURE retry): each side saw exactly one collision.
    EXPECT_EQ(h.p.a.engine->counters().ike_rekey_collisions, 1u);
    EXPECT_EQ(h.p.b.engine->counters().ike_rekey_collisions, 1u);
    EXPECT_EQ(h.ra.ike_rows.size(), 3u);  // the old SA and both new ones
    // The children moved without a rekey or a gap.
    EXPECT_EQ(h.p.a.kernel.installs, 1u);
    EXPECT_EQ(h.p.a.kernel.removals, 0u);
    EXPECT_FALSE(h.p.a.saw(EventKind::IkeSaDown)) << h.p.a.events_text();
    EXPECT_FALSE(h.p.b.saw(EventKind::IkeSaDown)) << h.p.b.events_text();
    EXPECT_FALSE(h.p.a.saw(EventKind::ChildSaDown));
  }
  // Both orderings of the nonces happened: sometimes A's new SA survives, sometimes B's.
  EXPECT_GT(a_survived, 0);
  EXPECT_GT(b_survived, 0);
}

TEST(IkeRekeyCollision, TheSurvivingSaCarriesLaterExchanges) {
  Harness h(3);
  ASSERT_TRUE(h.established);
  h.rekey_both();
  h.p.run_for(60s);
  std::string why;
  ASSERT_TRUE(one_agreed_sa(h.p, &why)) << why;
  // CREATE_CHILD_SA { N(REKEY_SA), SA, Ni, TSi, TSr } --> over the survivor, from both ends in turn
  h.p.absorb(h.p.a, h.p.a.engine->rekey_child_sa(h.p.clock.now(), h.p.a.kernel.sas.begin()->first));
  ASSERT_TRUE(h.p.run_until([&] { return h.p.a.kernel.installs == 2 && h.p.a.kernel.sas.size() == 1; }, 10s));
  h.p.absorb(h.p.b, h.p.b.engine->rekey_ike_sa(h.p.clock.now(), h.p.b.engine->snapshot()[0].tunnel_id));
  h.p.run_for(30s);
  ASSERT_TRUE(one_agreed_sa(h.p, &why)) << why;
  EXPECT_NE(h.p.a.engine->snapshot()[0].spi_i, h.old.spi_i);
}

class IkeRekeyCollisionLoss : public ::testing::TestWithParam<int> {};

TEST_P(IkeRekeyCollisionLoss, LosingAnyOfTheFourMessagesStillEndsWithOneAgreedSa) {
  for (uint64_t seed = 0; seed < 4; ++seed) {
    Harness h(seed);
    ASSERT_TRUE(h.established);
    // Datagrams after establishment: A's request, B's request, B's response, A's response.
    h.p.net.drop_nth(h.p.net.sent() + static_cast<uint64_t>(GetParam()));
    h.rekey_both();
    h.p.run_for(120s);  // the redundant or superseded SAs that nobody deletes time out after 30 s
    std::string why;
    EXPECT_TRUE(one_agreed_sa(h.p, &why)) << "drop " << GetParam() << " seed " << seed << ": " << why
                                          << h.p.a.events_text() << h.p.b.events_text();
    EXPECT_EQ(h.p.a.kernel.sas.size(), 1u);
    EXPECT_FALSE(h.p.a.saw(EventKind::ChildSaDown)) << h.p.a.events_text();
    EXPECT_FALSE(h.p.b.saw(EventKind::ChildSaDown)) << h.p.b.events_text();
  }
}

INSTANTIATE_TEST_SUITE_P(EachMessage, IkeRekeyCollisionLoss, ::testing::Values(1, 2, 3, 4));

class IkeRekeyCrossingDelay : public ::testing::TestWithParam<int> {};

TEST_P(IkeRekeyCrossingDelay, OneSideDelayedConvergesWithoutLosingChildren) {
  Harness h(5);
  ASSERT_TRUE(h.established);
  h.p.net.delay_nth(h.p.net.sent() + 1, std::chrono::milliseconds(GetParam()));  // A's request
  h.rekey_both();
  h.p.run_for(120s);
  std::string why;
  EXPECT_TRUE(one_agreed_sa(h.p, &why)) << GetParam() << " ms: " << why << h.p.a.events_text() << h.p.b.events_text();
  EXPECT_EQ(h.p.a.kernel.installs, 1u);
  EXPECT_FALSE(h.p.a.saw(EventKind::IkeSaDown)) << h.p.a.events_text();
}

INSTANTIATE_TEST_SUITE_P(Delays, IkeRekeyCrossingDelay, ::testing::Values(0, 5, 15, 30, 200, 1500));

}  // namespace
}  // namespace ravelin::test
