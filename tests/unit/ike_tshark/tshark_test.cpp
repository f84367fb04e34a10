// Wireshark as the independent judge: a PSK IKE_SA_INIT + IKE_AUTH exchange built only from
// ike/wire and ike/crypto is written as a pcap; tshark must (a) dissect all four messages without a
// malformed packet or any expert info, and (b) decrypt both SK payloads with an
// ikev2_decryption_table built from our derived keys, finding the ICV/tag correct and the inner
// payloads where we put them. A negative control with one wrong key proves the checks can fail.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "ike/crypto/keylog.hpp"
#include "tests/unit/ike_tshark/handshake.hpp"
#include "tests/unit/ike_tshark/pcap.hpp"

namespace ravelin::ike {
namespace {

namespace fs = std::filesystem;

bool have_tshark() { return std::system("command -v tshark >/dev/null 2>&1") == 0; }

// Runs a shell command, returns its stdout (stderr discarded: tshark warns about running as root).
std::string run(const std::string& cmd) {
  std::unique_ptr<FILE, decltype(&pclose)> p(popen((cmd + " 2>/dev/null").c_str(), "r"), &pclose);
  if (!p) return {};
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p.get())) out.append(buf, n);
  return out;
}

// A private Wireshark config dir (HOME and XDG_CONFIG_HOME), removed on every exit path.
class TsharkDir {
 public:
  TsharkDir() {
    std::string tmpl = (fs::temp_directory_path() / "rv-tshark-XXXXXX").string();
    if (mkdtemp(tmpl.data()) != nullptr) dir_ = tmpl;
    fs::create_directories(dir_ / "wireshark");
  }
  ~TsharkDir() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  const fs::path& path() const { return dir_; }
  void set_table(const std::string& row) const {
    std::ofstream(dir_ / "wireshark" / "ikev2_decryption_table") << row << "\n";
  }
  std::string tshark(const std::string& args) const {
    return run("HOME=" + dir_.string() + " XDG_CONFIG_HOME=" + dir_.string() + " tshark -r " +
               (dir_ / "x.pcap").string() + " " + args);
  }

 private:
  fs::path dir_;
};

test::Handshake handshake(const test::Suite& s) {
  auto h = test::run_psk_handshake(s, 20261123, "ravelin-tshark-psk");
  EXPECT_TRUE(h.ok()) << (h.ok() ? "" : h.error().message);
  return h.ok() ? std::move(*h) : test::Handshake{};
}

void write_pcap(const test::Handshake& h, const fs::path& file) {
  const auto a = *platform::IpAddress::parse("192.0.2.1");
  const auto b = *platform::IpAddress::parse("192.0.2.2");
  test::PcapWriter w;
  for (size_t i = 0; i < 4; ++i) w.add_udp(i % 2 ? b : a, 500, i % 2 ? a : b, 500, h.datagrams[i]);
  ASSERT_TRUE(w.write(file.string()));
}

std::string table_row(const test::Handshake& h, const crypto::SecretBytes* sk_er_override = nullptr) {
  const auto& k = h.initiator.sk;
  const bool aead = h.suite.integ == wire::IntegId::None;
  crypto::IkeKeylogInput in{h.spi_i,        h.spi_r, h.suite.encr, h.suite.key_bits, h.suite.integ, &k.sk_ei,
                            sk_er_override ? sk_er_override : &k.sk_er, aead ? nullptr : &k.sk_ai,
                            aead ? nullptr : &k.sk_ar};
  auto row = crypto::ikev2_decryption_table_row(in);
  EXPECT_TRUE(row.ok());
  return row.ok() ? *row : std::string();
}

std::string hex(std::span<const uint8_t> b) {
  std::ostringstream o;
  for (uint8_t x : b) o << "0123456789abcdef"[x >> 4] << "0123456789abcdef"[x & 15];
  return o.str();
}

void judge(const test::Suite& suite, const char* name) {
  SCOPED_TRACE(name);
  const test::Handshake h = handshake(suite);
  TsharkDir dir;
  write_pcap(h, dir.path() / "x.pcap");
  dir.set_table(table_row(h));

  // (a) every message dissects cleanly: no malformed frame, no expert info of any severity.
  EXPECT_EQ(dir.tshark("-Y '_ws.malformed || _ws.expert'"), "");
  const std::string frames = dir.tshark("-T fields -e frame.number -e isakmp.exchangetype");
  EXPECT_EQ(frames, "1\t34\n2\t34\n3\t35\n4\t35\n");

  // (b) decryption: the inner ID type / AUTH method fields only exist when tshark decrypted SK, and
  // the ICV it checked is the last icv_size bytes of our datagrams.
  const size_t icv = h.initiator.cipher->icv_size();
  const std::string expect = "3\t1\t2\t" + hex(std::span(h.datagrams[2]).last(icv)) + "\n4\t1\t2\t" +
                             hex(std::span(h.datagrams[3]).last(icv)) + "\n";
  EXPECT_EQ(dir.tshark("-Y isakmp.enc.icd -T fields -e frame.number -e isakmp.id.type -e isakmp.auth.method "
                       "-e isakmp.enc.icd"),
            expect);
  const std::string v = dir.tshark("-V");
  size_t correct = 0;
  for (size_t at = v.find("[correct]"); at != std::string::npos; at = v.find("[correct]", at + 1)) ++correct;
  EXPECT_EQ(correct, 2u) << v;
  EXPECT_EQ(v.find("incorrect"), std::string::npos);
  for (const char* want : {"Payload: Identification - Initiator (35)", "Payload: Notify (41) - INITIAL_CONTACT",
                           "Authentication Method: Shared Key Message Integrity Code (2)",
                           "Payload: Traffic Selector - Responder (45)", "ID_IPV4_ADDR: 192.0.2.2",
                           "Starting Addr: 203.0.113.0"}) {
    EXPECT_NE(v.find(want), std::string::npos) << want;
  }

  // Negative control: one wrong key (SK_er) must make tshark see a bad ICV/tag on message 4.
  crypto::SecretBytes wrong = h.initiator.sk.sk_er;
  wrong.mut_view()[0] ^= 0xff;
  dir.set_table(table_row(h, &wrong));
  if (suite.integ != wire::IntegId::None) {
    // CBC: SK_ar still verifies the ICV, but the decrypted body is garbage.
    EXPECT_EQ(dir.tshark("-Y 'frame.number == 4 && isakmp.id.type' -T fields -e frame.number"), "");
  } else {
    EXPECT_NE(dir.tshark("-V").find("incorrect"), std::string::npos);
  }
}

TEST(TsharkJudge, AesCbc256HmacSha256ExchangeDissectsAndDecrypts) {
  if (!have_tshark()) GTEST_SKIP() << "tshark is not installed (apt-get install tshark)";
  judge(test::Suite{}, "AES-CBC-256 + HMAC-SHA2-256-128, PRF-HMAC-SHA2-256, X25519");
}

TEST(TsharkJudge, AesGcm256ExchangeDissectsAndDecrypts) {
  if (!have_tshark()) GTEST_SKIP() << "tshark is not installed (apt-get install tshark)";
  test::Suite s;
  s.encr = wire::EncrId::AesGcm16;
  s.integ = wire::IntegId::None;
  s.group = wire::KeGroup::Ecp256;
  judge(s, "AES-GCM-16-256, PRF-HMAC-SHA2-256, ECP-256");
}

TEST(TsharkJudge, AesCbc128Sha1Modp2048ExchangeDissectsAndDecrypts) {
  if (!have_tshark()) GTEST_SKIP() << "tshark is not installed (apt-get install tshark)";
  test::Suite s;
  s.key_bits = 128;
  s.integ = wire::IntegId::HmacSha1_96;
  s.prf = wire::PrfId::HmacSha1;
  s.group = wire::KeGroup::Modp2048;
  judge(s, "AES-CBC-128 + HMAC-SHA1-96, PRF-HMAC-SHA1, MODP-2048");
}

TEST(PskHandshake, ResponderAcceptsTheRightPskAndRefusesAnother) {
  // IKE_AUTH { SK { IDi, AUTH, ... } } --> as the responder sees it.
  auto h = test::run_psk_handshake(test::Suite{}, 1, "right");
  ASSERT_TRUE(h.ok()) << h.error().message;
  wire::Counters c;
  auto d = wire::decode_protected(h->datagrams[2], h->responder.initiator_dir(), c);
  ASSERT_TRUE(d.ok());
  const auto* id = d->find<wire::IdPayload>(wire::PayloadType::IdI);
  const auto* auth = d->find<wire::AuthPayload>(wire::PayloadType::Auth);
  ASSERT_TRUE(id && auth);
  const auto& sk_pi = h->responder.sk.sk_pi;
  EXPECT_TRUE(test::psk_auth_ok(h->suite, "right", h->datagrams[0], h->nr, sk_pi, *id, auth->data));
  EXPECT_FALSE(test::psk_auth_ok(h->suite, "wrong", h->datagrams[0], h->nr, sk_pi, *id, auth->data));
  EXPECT_FALSE(test::psk_auth_ok(h->suite, "right", h->datagrams[1], h->nr, sk_pi, *id, auth->data));
}

}  // namespace
}  // namespace ravelin::ike
