// The stateful responder fuzzer's driver and seeds (tests/fuzz/ike_responder_fuzz.cpp): the scripted
// initiator really establishes an IKE SA with the engine, and every committed seed script plays
// without breaking the fuzzer's invariants. `RAVELIN_WRITE_SEEDS=1 unit_hardening
// --gtest_filter=ResponderSeeds.*` regenerates tests/fuzz/corpus/ike_responder_fuzz/ from these builders.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "tests/fuzz/responder_driver.hpp"

namespace ravelin::fuzz {
namespace {

namespace fs = std::filesystem;
namespace wire = ike::wire;
using Script = std::vector<uint8_t>;

fs::path corpus_dir() { return fs::path(RAVELIN_SOURCE_DIR) / "tests" / "fuzz" / "corpus" / "ike_responder_fuzz"; }

// op 2 data: [exchange - 34][flags][message id][first payload][inner chain].
std::vector<uint8_t> sealed_record(wire::ExchangeType ex, uint8_t msgid, const std::vector<wire::Payload>& payloads) {
  wire::PayloadType first = wire::PayloadType::None;
  const wire::Bytes chain = wire::encode_payloads(payloads, &first);
  std::vector<uint8_t> d{static_cast<uint8_t>(static_cast<uint8_t>(ex) - 34), 0, msgid, static_cast<uint8_t>(first)};
  d.insert(d.end(), chain.begin(), chain.end());
  return d;
}

wire::Payload payload(wire::PayloadType t, wire::PayloadBody b) { return wire::Payload{t, false, false, std::move(b)}; }

wire::Payload esp_sa(uint32_t spi) {
  wire::Proposal p;
  p.protocol = wire::ProtocolId::Esp;
  p.spi = {static_cast<uint8_t>(spi >> 24), static_cast<uint8_t>(spi >> 16), static_cast<uint8_t>(spi >> 8),
           static_cast<uint8_t>(spi)};
  p.transforms = {wire::Transform::make(wire::TransformType::Encr, 12, 256),
                  wire::Transform::make(wire::TransformType::Integ, 12),
                  wire::Transform::make(wire::TransformType::Esn, 0)};
  return payload(wire::PayloadType::Sa, wire::SaPayload{{p}});
}

wire::Payload ts(const char* a, const char* b, wire::PayloadType t) {
  wire::TrafficSelector s;
  s.start = *platform::IpAddress::parse(a);
  s.end = *platform::IpAddress::parse(b);
  return payload(t, wire::TsPayload{{s}});
}

wire::Payload nonce(uint8_t fill) { return payload(wire::PayloadType::Nonce, wire::NoncePayload{wire::Bytes(32, fill)}); }

std::map<std::string, Script> seed_scripts() {
  std::map<std::string, Script> out;
  const uint8_t t40[] = {40};
  Script s{1};
  append_record(s, 3, t40);
  out["half_open_expires"] = s;

  s = Script{3};
  append_record(s, 2, sealed_record(wire::ExchangeType::Informational, 2, {}));  // DPD
  append_record(s, 2, sealed_record(wire::ExchangeType::Informational, 3,
                                    {payload(wire::PayloadType::Delete, wire::DeletePayload{wire::ProtocolId::Ike, 0, {}})}));
  out["dpd_then_delete_ike"] = s;

  s = Script{3};
  wire::NotifyPayload rekey{wire::ProtocolId::Esp, {0xa0, 0, 0, 1}, wire::NotifyType::RekeySa, {}};
  append_record(s, 2, sealed_record(wire::ExchangeType::CreateChildSa, 2,
                                    {payload(wire::PayloadType::Notify, rekey), esp_sa(0xa0000002u), nonce(0x42),
                                     ts("192.168.1.0", "192.168.1.255", wire::PayloadType::TsI),
                                     ts("192.168.2.0", "192.168.2.255", wire::PayloadType::TsR)}));
  out["child_rekey"] = s;

  s = Script{3};
  append_record(s, 2, sealed_record(wire::ExchangeType::Informational, 2,
                                    {payload(wire::PayloadType::Delete,
                                             wire::DeletePayload{wire::ProtocolId::Esp, 4, {{0xa0, 0, 0, 1}}})}));
  out["delete_child"] = s;

  s = Script{1};
  const uint8_t one[] = {1}, zero[] = {0};
  append_record(s, 4, one);
  append_record(s, 7, one);  // the IKE_AUTH again: answered from the response cache
  append_record(s, 7, zero); // a late copy of IKE_SA_INIT
  out["auth_retransmitted"] = s;

  s = Script{3};
  wire::Proposal ike;
  ike.protocol = wire::ProtocolId::Ike;
  ike.spi = wire::Bytes(8, 0x5c);
  ike.transforms = {wire::Transform::make(wire::TransformType::Encr, 12, 256),
                    wire::Transform::make(wire::TransformType::Prf, 5),
                    wire::Transform::make(wire::TransformType::Integ, 12),
                    wire::Transform::make(wire::TransformType::Ke, 31)};
  append_record(s, 2, sealed_record(wire::ExchangeType::CreateChildSa, 2,
                                    {payload(wire::PayloadType::Sa, wire::SaPayload{{ike}}), nonce(0x43),
                                     payload(wire::PayloadType::Ke, wire::KePayload{wire::KeGroup::Curve25519,
                                                                                     wire::Bytes(32, 0x09)})}));
  out["ike_rekey"] = s;

  s = Script{1};
  const uint8_t spoof[] = {7, 9};
  append_record(s, 6, spoof);  // garbage from a spoofed address
  const uint8_t before_auth[] = {3, 0, 1, 0};
  append_record(s, 2, before_auth);  // INFORMATIONAL before IKE_AUTH completes
  out["spoofed_and_early_informational"] = s;
  return out;
}

Script read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return Script(std::istreambuf_iterator<char>(in), {});
}

TEST(ResponderDriver, ScriptedInitiatorEstablishesAnIkeSaAndAChildWithTheRealEngine) {
  ResponderDriver d;
  ASSERT_TRUE(d.init());
  const auto fx = d.auth();
  ASSERT_EQ(fx.install.size(), 1u);
  const auto snap = d.engine().snapshot();
  ASSERT_EQ(snap.size(), 1u);
  EXPECT_EQ(snap[0].status, ike::engine::IkeStatus::Ready);
  EXPECT_EQ(d.undecryptable(), 0u);
  ASSERT_EQ(fx.datagrams.size(), 1u);
  EXPECT_EQ(d.received().size(), 2u);
}

TEST(ResponderDriver, LeftAloneTheResponderForgetsTheSaWithinFourDays) {
  ResponderDriver d;
  ASSERT_TRUE(d.init());
  (void)d.auth();
  EXPECT_TRUE(d.drain()) << d.engine().ike_sa_count() << " IKE SAs left";
  EXPECT_EQ(d.undecryptable(), 0u);
}

TEST(ResponderSeeds, EveryCommittedSeedPlaysWithoutBreakingAnInvariant) {
  const auto scripts = seed_scripts();
  if (std::getenv("RAVELIN_WRITE_SEEDS")) {
    fs::create_directories(corpus_dir());
    for (const auto& [name, script] : scripts) {
      std::ofstream(corpus_dir() / name, std::ios::binary).write(reinterpret_cast<const char*>(script.data()),
                                                                 static_cast<std::streamsize>(script.size()));
    }
  }
  ASSERT_TRUE(fs::is_directory(corpus_dir()));
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(corpus_dir())) {
    ResponderDriver d;
    EXPECT_TRUE(d.run_script(read(e.path()))) << e.path().filename() << ": " << d.engine().ike_sa_count()
                                              << " SAs left, " << d.undecryptable() << " undecryptable";
    ++n;
  }
  EXPECT_GE(n, scripts.size());
}

TEST(ResponderSeeds, SealedChildRekeyIsAcceptedAndInstallsTheNewChild) {
  ResponderDriver d;
  ASSERT_TRUE(d.init());
  ASSERT_EQ(d.auth().install.size(), 1u);
  const auto script = seed_scripts().at("child_rekey");
  // CREATE_CHILD_SA { N(REKEY_SA), SA, Ni, TSi, TSr } -->  <-- { SA, Nr, TSi, TSr }
  const auto fx = d.play(std::span(script).subspan(1));
  EXPECT_EQ(fx.install.size(), 1u);
  ASSERT_EQ(fx.datagrams.size(), 1u);
  EXPECT_EQ(d.undecryptable(), 0u);
}

}  // namespace
}  // namespace ravelin::fuzz
