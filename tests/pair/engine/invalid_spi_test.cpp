// INVALID_IKE_SPI (RFC 7296 §2.21.4): a request for an IKE SA the receiver does not know gets an
// unprotected INVALID_IKE_SPI answer with the request's SPIs and Message ID, rate-limited; the
// receiver of such an answer counts it and changes no state (it is unauthenticated).
#include <gtest/gtest.h>

#include "ike/wire/codec.hpp"
#include "tests/pair/engine/pair_harness.hpp"

namespace ravelin::test {
namespace {

using namespace std::chrono_literals;

std::vector<uint8_t> forged(uint64_t spi_i, uint64_t spi_r, bool response, uint32_t message_id) {
  ike::wire::Message m;
  m.header.spi_i = spi_i;
  m.header.spi_r = spi_r;
  m.header.exchange = ike::wire::ExchangeType::Informational;
  m.header.initiator = true;
  m.header.response = response;
  m.header.message_id = message_id;
  return ike::wire::encode(m);
}

const platform::Endpoint kLocal{*platform::IpAddress::parse("10.0.0.2"), 500};
const platform::Endpoint kAttacker{*platform::IpAddress::parse("198.51.100.9"), 500};

TEST(InvalidIkeSpi, ARequestForAnUnknownSaIsAnsweredUnprotectedWithItsSpisAndMessageId) {
  Pair p;
  p.configure();
  // INFORMATIONAL (SPIi=0x1111, SPIr=0x2222, ID 7) -->
  // <-- INFORMATIONAL { N(INVALID_IKE_SPI) }  (no SK: the receiver has no keys for these SPIs)
  auto fx = p.b.engine->on_datagram(p.clock.now(), kLocal, kAttacker, forged(0x1111, 0x2222, false, 7));
  ASSERT_EQ(fx.datagrams.size(), 1u);
  EXPECT_EQ(fx.datagrams[0].remote, kAttacker);
  ike::wire::Counters c;
  auto answer = ike::wire::decode(fx.datagrams[0].bytes, c);
  ASSERT_TRUE(answer.ok());
  const auto& h = answer->header;
  EXPECT_EQ(h.spi_i, 0x1111u);
  EXPECT_EQ(h.spi_r, 0x2222u);
  EXPECT_EQ(h.message_id, 7u);
  EXPECT_TRUE(h.response);
  EXPECT_FALSE(h.initiator);
  EXPECT_EQ(h.exchange, ike::wire::ExchangeType::Informational);
  EXPECT_NE(answer->find_notify(ike::wire::NotifyType::InvalidIkeSpi), nullptr);
  EXPECT_EQ(p.b.engine->counters().invalid_ike_spi_sent, 1u);
  EXPECT_EQ(p.b.engine->ike_sa_count(), 0u);  // nothing remembered
}

TEST(InvalidIkeSpi, AResponseForAnUnknownSaGetsNoAnswer) {
  Pair p;
  p.configure();
  auto fx = p.b.engine->on_datagram(p.clock.now(), kLocal, kAttacker, forged(0x1111, 0x2222, true, 7));
  EXPECT_TRUE(fx.datagrams.empty());
  EXPECT_EQ(p.b.engine->counters().invalid_ike_spi_sent, 0u);
  EXPECT_EQ(p.b.engine->counters().dropped_unknown_spi, 1u);
}

TEST(InvalidIkeSpi, AnIkeSaInitWithAnUnknownResponderSpiGetsNoAnswer) {
  Pair p;
  p.configure();
  auto bytes = forged(0x1111, 0x2222, false, 0);
  bytes[18] = 34;  // exchange IKE_SA_INIT: it carries no SK, an INVALID_IKE_SPI would only help spoofers
  EXPECT_TRUE(p.b.engine->on_datagram(p.clock.now(), kLocal, kAttacker, bytes).datagrams.empty());
  EXPECT_EQ(p.b.engine->counters().invalid_ike_spi_sent, 0u);
}

TEST(InvalidIkeSpi, AnswersAreRateLimitedPerSecond) {
  Pair p;
  p.configure();
  size_t answered = 0;
  for (uint32_t i = 0; i < 50; ++i) {
    answered += p.b.engine->on_datagram(p.clock.now(), kLocal, kAttacker, forged(0x1000 + i, 0x2000, false, i)).datagrams.size();
  }
  const uint32_t limit = ike::engine::EngineSettings{}.invalid_spi_notifies_per_second;
  EXPECT_EQ(answered, limit);
  EXPECT_EQ(p.b.engine->counters().invalid_ike_spi_sent, limit);
  EXPECT_EQ(p.b.engine->counters().invalid_ike_spi_rate_limited, 50u - limit);
  // A second later the budget is back.
  p.clock.advance(1s);
  EXPECT_EQ(p.b.engine->on_datagram(p.clock.now(), kLocal, kAttacker, forged(0x9999, 0x2000, false, 1)).datagrams.size(), 1u);
}

TEST(InvalidIkeSpi, APeerThatRestartedAnswersAndOurSaIsUntouchedUntilRetransmissionsGiveUp) {
  Pair p;
  p.configure();
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1; }, 10s));
  // B restarts: its engine forgets the SA (and its kernel is flushed).
  p.b.restart(99);
  p.b.kernel.sas.clear();
  p.absorb(p.b, p.b.engine->on_config(p.clock.now(), std::make_shared<const ike::config::IkeConfig>(
                                                         site_config(p.b.address, p.a.address, 2, 1))));
  // CREATE_CHILD_SA { N(REKEY_SA), ... } -->
  // <-- CREATE_CHILD_SA { N(INVALID_IKE_SPI) }  (unprotected)
  p.absorb(p.a, p.a.engine->rekey_child_sa(p.clock.now(), p.a.kernel.sas.begin()->first));
  p.run_for(2s);
  EXPECT_GE(p.b.engine->counters().invalid_ike_spi_sent, 1u);
  EXPECT_EQ(p.a.engine->counters().invalid_ike_spi_received, p.b.engine->counters().invalid_ike_spi_sent);
  ASSERT_EQ(p.a.engine->ike_sa_count(), 1u);  // unauthenticated: no state change
  EXPECT_EQ(p.a.kernel.sas.size(), 1u);
  // The retransmission schedule decides: after 8 unanswered tries the peer is declared dead.
  ASSERT_TRUE(p.run_until([&] { return p.a.engine->ike_sa_count() == 0; }, 300s));
  EXPECT_EQ(p.a.engine->counters().peers_declared_dead, 1u);
  EXPECT_TRUE(p.a.kernel.sas.empty());
}

TEST(InvalidIkeSpi, AnUnprotectedResponseWithoutTheNotifyIsDroppedAndCompletesNothing) {
  Pair p;
  p.configure();
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1; }, 10s));
  auto a = p.a.engine->snapshot()[0];
  // A starts a DELETE; a forged plaintext "response" with the right SPIs and ID must not complete it.
  p.net.set_blackhole([](const ike::engine::Datagram&) { return true; });
  p.absorb(p.a, p.a.engine->delete_ike_sa(p.clock.now(), a.tunnel_id));
  const auto invalid = p.a.engine->counters().dropped_invalid;
  auto forged_response = forged(a.spi_i, a.spi_r, true, a.next_request_id);
  forged_response[19] = 0x20;  // flags: R only (sent by the original responder)
  (void)p.a.engine->on_datagram(p.clock.now(), {p.a.address, 500}, {p.b.address, 500}, forged_response);
  EXPECT_EQ(p.a.engine->counters().dropped_invalid, invalid + 1);
  EXPECT_EQ(p.a.engine->ike_sa_count(), 1u);
}

}  // namespace
}  // namespace ravelin::test
