// Secrets never leave in text (DESIGN.md convention 6, issue 11): a whole IKE SA life (IKE_SA_INIT,
// IKE_AUTH, child rekey, IKE rekey, DPD, deletes, a failed AUTH) with every log level captured, then
// every log line, event text and `show crypto ikev2 sa [detailed]`/`stats` output (IOS and ASA) is
// scanned for the pre-shared key and for every SK_* key and KEYMAT byte string, as raw bytes and in
// lower/upper-case hex and base64.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ike/commands/show_sa.hpp"
#include "tests/fuzz/responder_driver.hpp"

namespace ravelin::fuzz {
namespace {

using namespace std::chrono_literals;
namespace wire = ike::wire;

class CapturingLogger final : public platform::Logger {
 public:
  void log(platform::LogLevel, std::string_view category, std::string_view message) override {
    lines.push_back(std::string(category) + " " + std::string(message));
  }
  std::vector<std::string> lines;
};

std::string hex(std::span<const uint8_t> b, bool upper) {
  static const char* lo = "0123456789abcdef";
  static const char* up = "0123456789ABCDEF";
  std::string s;
  for (uint8_t x : b) {
    s += (upper ? up : lo)[x >> 4];
    s += (upper ? up : lo)[x & 15];
  }
  return s;
}

std::string base64(std::span<const uint8_t> b) {
  static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string s;
  size_t i = 0;
  for (; i + 3 <= b.size(); i += 3) {
    const uint32_t v = (uint32_t(b[i]) << 16) | (uint32_t(b[i + 1]) << 8) | b[i + 2];
    for (int k = 3; k >= 0; --k) s += t[(v >> (6 * k)) & 63];
  }
  return s;  // the whole 3-byte groups: enough to find the key inside any longer encoding
}

struct Secret {
  std::string name;
  std::vector<uint8_t> bytes;
};

// The forms a secret could leak in. Only strings of 8+ characters are searched (no false alarms).
std::vector<std::string> forms(const Secret& s) {
  std::vector<std::string> out{std::string(s.bytes.begin(), s.bytes.end()), hex(s.bytes, false), hex(s.bytes, true),
                               base64(s.bytes)};
  // A prefix of the key is a leak too (a truncated hexdump): the first 8 bytes in hex.
  if (s.bytes.size() >= 8) out.push_back(hex(std::span(s.bytes).first(8), false));
  std::erase_if(out, [](const std::string& f) { return f.size() < 8; });
  return out;
}

std::vector<Secret> secrets_of(const ResponderDriver& d, const std::vector<ipsec::sa::ChildSa>& installs) {
  std::vector<Secret> out;
  const std::string psk = kDriverPsk;
  out.push_back({"PSK", {psk.begin(), psk.end()}});
  const auto& k = d.keys();
  const std::pair<const char*, const ike::crypto::SecretBytes*> sk[] = {
      {"SK_d", &k.sk_d}, {"SK_ai", &k.sk_ai}, {"SK_ar", &k.sk_ar}, {"SK_ei", &k.sk_ei},
      {"SK_er", &k.sk_er}, {"SK_pi", &k.sk_pi}, {"SK_pr", &k.sk_pr}};
  for (const auto& [n, b] : sk) out.push_back({n, {b->data(), b->data() + b->size()}});
  for (const auto& c : installs) {
    for (const auto* key : {&c.inbound_encr_key, &c.inbound_integ_key, &c.outbound_encr_key, &c.outbound_integ_key}) {
      if (!key->empty()) out.push_back({"KEYMAT of SPI " + std::to_string(c.inbound_spi), key->bytes()});
    }
  }
  return out;
}

wire::Payload payload(wire::PayloadType t, wire::PayloadBody b) { return wire::Payload{t, false, false, std::move(b)}; }

wire::Message request(wire::ExchangeType ex, uint32_t id, std::vector<wire::Payload> payloads) {
  wire::Message m;
  m.header.exchange = ex;
  m.header.message_id = id;
  m.payloads = std::move(payloads);
  return m;
}

std::vector<std::string> show_outputs(ResponderDriver& d) {
  const auto snaps = d.engine().snapshot();
  const auto now = d.clock().now();
  return {ike::commands::format_ios_ikev2_sa(snaps, false, now), ike::commands::format_ios_ikev2_sa(snaps, true, now),
          ike::commands::format_asa_ikev2_sa(snaps, false, now), ike::commands::format_asa_ikev2_sa(snaps, true, now),
          ike::commands::format_ikev2_stats(snaps, d.engine().counters())};
}

TEST(Secrets, NoKeyOrPskAppearsInLogsEventsOrShowOutputOverAWholeSaLife) {
  CapturingLogger log;
  ResponderDriver d(&log);
  std::vector<std::string> texts;
  std::vector<ipsec::sa::ChildSa> installs;
  auto keep = [&](const ike::engine::Effects& fx) {
    for (const auto& e : fx.events) texts.push_back(e.text);
    for (const auto& r : fx.remove) texts.push_back(r.reason);
    installs.insert(installs.end(), fx.install.begin(), fx.install.end());
  };
  ASSERT_TRUE(d.init());
  keep(d.auth());
  ASSERT_EQ(installs.size(), 1u);
  for (auto& s : show_outputs(d)) texts.push_back(std::move(s));
  // CREATE_CHILD_SA { N(REKEY_SA), SA, Ni, TSi, TSr } -->
  wire::Proposal esp;
  esp.protocol = wire::ProtocolId::Esp;
  esp.spi = {0xa0, 0, 0, 2};
  esp.transforms = {wire::Transform::make(wire::TransformType::Encr, 12, 256),
                    wire::Transform::make(wire::TransformType::Integ, 12),
                    wire::Transform::make(wire::TransformType::Esn, 0)};
  wire::TrafficSelector tsi, tsr;
  tsi.start = *platform::IpAddress::parse("192.168.1.0");
  tsi.end = *platform::IpAddress::parse("192.168.1.255");
  tsr.start = *platform::IpAddress::parse("192.168.2.0");
  tsr.end = *platform::IpAddress::parse("192.168.2.255");
  keep(d.message(request(wire::ExchangeType::CreateChildSa, 2,
                         {payload(wire::PayloadType::Notify,
                                  wire::NotifyPayload{wire::ProtocolId::Esp, {0xa0, 0, 0, 1}, wire::NotifyType::RekeySa, {}}),
                          payload(wire::PayloadType::Sa, wire::SaPayload{{esp}}),
                          payload(wire::PayloadType::Nonce, wire::NoncePayload{wire::Bytes(32, 0x42)}),
                          payload(wire::PayloadType::TsI, wire::TsPayload{{tsi}}),
                          payload(wire::PayloadType::TsR, wire::TsPayload{{tsr}})})));
  EXPECT_EQ(installs.size(), 2u);
  for (auto& s : show_outputs(d)) texts.push_back(std::move(s));
  keep(d.message(request(wire::ExchangeType::Informational, 3, {})));  // DPD
  keep(d.advance(400s));                                                 // timers, retransmissions
  keep(d.message(request(wire::ExchangeType::Informational, 4,
                         {payload(wire::PayloadType::Delete, wire::DeletePayload{wire::ProtocolId::Ike, 0, {}})})));
  EXPECT_EQ(d.engine().ike_sa_count(), 0u);

  // A second SA whose IKE_AUTH carries a wrong AUTH value: the failure is logged and told, not the key.
  ResponderDriver bad(&log, 9);
  ASSERT_TRUE(bad.init());
  wire::Message m = request(wire::ExchangeType::IkeAuth, 1,
                            {payload(wire::PayloadType::IdI, wire::IdPayload{wire::IdType::Ipv4Addr, {10, 0, 0, 1}}),
                             payload(wire::PayloadType::Auth, wire::AuthPayload{wire::AuthMethod::SharedKeyMic,
                                                                                wire::Bytes(32, 0x13)}),
                             payload(wire::PayloadType::Sa, wire::SaPayload{{esp}}),
                             payload(wire::PayloadType::TsI, wire::TsPayload{{tsi}}),
                             payload(wire::PayloadType::TsR, wire::TsPayload{{tsr}})});
  keep(bad.message(m));

  texts.insert(texts.end(), log.lines.begin(), log.lines.end());
  ASSERT_GE(log.lines.size(), 3u) << "the engine's log lines are part of the scan";
  auto all = secrets_of(d, installs);
  for (auto& s : secrets_of(bad, {})) {
    if (s.name != "PSK") all.push_back(std::move(s));
  }
  size_t checked = 0;
  for (const auto& secret : all) {
    for (const auto& form : forms(secret)) {
      for (const auto& t : texts) {
        ASSERT_EQ(t.find(form), std::string::npos) << secret.name << " appears in: " << t.substr(0, 200);
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 40u);
}

}  // namespace
}  // namespace ravelin::fuzz
