// N(INVALID_SPI) received (RFC 7296 §2.21, §3.10.1): the peer got ESP with an SPI it does not know —
// one of our outbound SPIs — and says so in an authenticated INFORMATIONAL. We delete that child
// locally. (We never send INVALID_SPI: the kernel does not report ESP with unknown SPIs.)
#include <gtest/gtest.h>

#include "ike/crypto/random.hpp"
#include "tests/pair/engine/keylog_recorder.hpp"
#include "tests/pair/engine/pair_harness.hpp"

namespace ravelin::test {
namespace {

using ike::engine::EventKind;
using namespace std::chrono_literals;
namespace wire = ike::wire;

struct Reported {
  Reported() {
    p.a.keylog = &rec;
    p.a.restart(1);
    p.configure();
    up = p.establish_one_child();
  }
  // B's INFORMATIONAL request { N(INVALID_SPI, ESP, spi) } to A, protected with B's keys (from A's keylog).
  std::vector<uint8_t> from_b(uint32_t spi, bool in_data = false, bool protect = true) {
    auto keys = parse_ike_row(rec.ike_rows.at(0));
    wire::Message m;
    m.header.spi_i = keys->spi_i;
    m.header.spi_r = keys->spi_r;
    m.header.exchange = wire::ExchangeType::Informational;
    m.header.initiator = false;  // B responded to A's IKE_SA_INIT
    m.header.message_id = p.b.engine->snapshot().at(0).next_request_id;
    const wire::Bytes s{static_cast<uint8_t>(spi >> 24), static_cast<uint8_t>(spi >> 16), static_cast<uint8_t>(spi >> 8),
                        static_cast<uint8_t>(spi)};
    if (in_data) {
      m.add_notify(wire::NotifyType::InvalidSpi, s);
    } else {
      m.add_notify(wire::NotifyType::InvalidSpi, {}, wire::ProtocolId::Esp, s);
    }
    if (!protect) return wire::encode(m);
    ike::crypto::DeterministicRandom iv(7);
    return wire::encode_protected(m, keys->for_sender(false), iv).value();
  }
  ike::engine::Effects deliver(const std::vector<uint8_t>& bytes) {
    return p.a.engine->on_datagram(p.clock.now(), {p.a.address, 500}, {p.b.address, 500}, bytes);
  }
  Pair p;
  KeylogRecorder rec;
  bool up = false;
};

TEST(InvalidEspSpi, AReportedOutboundSpiDeletesThatChildLocally) {
  Reported r;
  ASSERT_TRUE(r.up);
  const auto child = r.p.a.kernel.sas.begin()->second;
  // <-- INFORMATIONAL { N(INVALID_SPI, ESP, our outbound SPI) }
  // INFORMATIONAL { } -->
  auto fx = r.deliver(r.from_b(child.outbound_spi));
  ASSERT_EQ(fx.remove.size(), 1u);
  EXPECT_EQ(fx.remove[0].inbound_spi, child.inbound_spi);
  EXPECT_EQ(fx.remove[0].outbound_spi, child.outbound_spi);
  EXPECT_EQ(fx.datagrams.size(), 1u);  // the (empty) response; no DELETE: the peer has no half left
  ASSERT_EQ(fx.events.size(), 1u);
  EXPECT_EQ(fx.events[0].kind, EventKind::ChildSaDown);
  EXPECT_EQ(r.p.a.engine->counters().invalid_spi_received, 1u);
  r.p.absorb(r.p.a, std::move(fx));
  EXPECT_TRUE(r.p.a.kernel.sas.empty());
  EXPECT_TRUE(r.p.a.engine->snapshot().at(0).children.empty());
  EXPECT_EQ(r.p.a.engine->snapshot().at(0).status, ike::engine::IkeStatus::Ready);
}

TEST(InvalidEspSpi, TheSpiInTheNotificationDataIsAcceptedToo) {
  Reported r;
  ASSERT_TRUE(r.up);
  // RFC 4306 §3.10.1 put the SPI in the Notification Data.
  auto fx = r.deliver(r.from_b(r.p.a.kernel.sas.begin()->second.outbound_spi, true));
  EXPECT_EQ(fx.remove.size(), 1u);
  EXPECT_EQ(r.p.a.engine->counters().invalid_spi_received, 1u);
}

TEST(InvalidEspSpi, AnSpiThatIsNotOneOfOurOutboundSpisChangesNothing) {
  Reported r;
  ASSERT_TRUE(r.up);
  // Our own inbound SPI is not what the peer sends ESP to... it is what it receives on: not ours to drop.
  auto fx = r.deliver(r.from_b(r.p.a.kernel.sas.begin()->first));
  EXPECT_TRUE(fx.remove.empty());
  EXPECT_EQ(fx.datagrams.size(), 1u);  // still answered
  EXPECT_EQ(r.p.a.engine->counters().invalid_spi_received, 0u);
  EXPECT_EQ(r.p.a.engine->snapshot().at(0).children.size(), 1u);
}

TEST(InvalidEspSpi, AnUnprotectedReportIsDropped) {
  Reported r;
  ASSERT_TRUE(r.up);
  auto fx = r.deliver(r.from_b(r.p.a.kernel.sas.begin()->second.outbound_spi, false, false));
  EXPECT_TRUE(fx.remove.empty());
  EXPECT_TRUE(fx.datagrams.empty());
  EXPECT_EQ(r.p.a.engine->counters().invalid_spi_received, 0u);
  EXPECT_EQ(r.p.a.kernel.sas.size(), 1u);
}

}  // namespace
}  // namespace ravelin::test
