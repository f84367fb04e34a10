// Our packets on the wire, judged by tshark with keys strongSwan derived on its own: every IKE
// message ravelin sends decrypts and carries a correct ICV (HMAC for CBC, the tag for GCM), and the
// decrypted IKE_AUTH request shows our identity. Captured on strongSwan's veth, started before
// ravelin so the whole exchange is in the file.
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <regex>
#include <sstream>

#include "tests/interop/strongswan/capture.hpp"
#include "tests/interop/strongswan/interop_fixture.hpp"
#include "tests/interop/strongswan/swan_keys.hpp"

namespace ravelin::test::interop {
namespace {

class Wire : public InteropTest {
 protected:
  // Establishes (ravelin initiating) under a capture; returns the decoded text.
  // With `our_keylog`, the rows come from ravelin's own `debug crypto ikev2 keylog` file instead, and
  // strongSwan's are kept in swan_rows_ to compare.
  std::string capture_handshake(const std::string& swan_ike, const std::string& swan_esp,
                                const std::vector<std::string>& ios_proposal, const std::string& transform,
                                bool our_keylog = false) {
    std::string why;
    if (!Capture::available(&why)) {
      skipped_ = why;
      return "";
    }
    CharonOptions swan = swan_options();
    swan.ike_proposals = swan_ike;
    swan.esp_proposals = swan_esp;
    swan.log_keys = true;
    swan.conn_extra = {"dpd_delay = 1s"};  // so our INFORMATIONAL responses are on the wire too
    EXPECT_TRUE(start_swan(swan));
    if (HasFailure()) return "";
    const std::string pcap = dir_ + "/ike.pcapng";
    auto cap = Capture::start(pair_->b().ns, pair_->b().ns, pcap, "udp port 500 or udp port 4500", &why);
    EXPECT_TRUE(cap) << why;
    if (!cap) return "";
    IosConfig ios = ios_config();
    ios.proposal = ios_proposal;
    ios.transform = transform;
    EXPECT_TRUE(start_ravelin(ios));
    if (HasFailure()) return "";
    const std::string keylog = dir_ + "/ravelin-keys";
    if (our_keylog) {
      auto r = ravelin_->exec({"debug crypto ikev2 keylog " + keylog});
      EXPECT_TRUE(r.ok()) << r.output;
    }
    send_interesting_traffic();
    EXPECT_TRUE(wait_established());
    EXPECT_TRUE(wait_until([&] { return swan_->log().find("parsed INFORMATIONAL response 2") != std::string::npos; },
                           Millis(5000)))
        << "strongSwan's DPD probe was answered";
    cap->stop();
    std::vector<std::string> rows;
    for (const auto& k : parse_swan_keys(swan_->log())) {
      if (auto row = decryption_row(k); !row.empty()) rows.push_back(row);
    }
    EXPECT_EQ(rows.size(), 1u) << "one IKE SA's keys in strongSwan's log";
    if (our_keylog) {
      swan_rows_ = rows;
      rows.clear();
      std::ifstream in(keylog);
      for (std::string line; std::getline(in, line);) {
        if (!line.empty()) rows.push_back(line);
      }
      our_rows_ = rows;
    }
    return tshark_decode(pcap, rows);
  }

  // Messages from src whose ICV tshark verified ("[correct]") and found wrong.
  static void count_icv(const std::string& decoded, const std::string& src, int* correct, int* incorrect) {
    std::regex frame_start(R"(^Frame \d+:)");
    bool from_src = false;
    std::istringstream in(decoded);
    std::string line;
    while (std::getline(in, line)) {
      if (std::regex_search(line, frame_start)) from_src = false;
      if (line.find("Internet Protocol Version") != std::string::npos) {
        from_src = line.find("Src: " + src + ",") != std::string::npos;
      }
      if (!from_src || line.find("Integrity Checksum Data:") == std::string::npos) continue;
      if (line.find("[correct]") != std::string::npos) ++*correct;
      if (line.find("incorrect") != std::string::npos) ++*incorrect;
    }
  }

  std::string skipped_;
  std::vector<std::string> swan_rows_;
  std::vector<std::string> our_rows_;
};

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST_F(Wire, OurCbcHmacMessagesDecryptWithStrongSwansKeysAndVerify) {
  const std::string decoded = capture_handshake("aes256-sha256-modp1536", "aes128-sha1",
                                                {"encryption aes-cbc-256", "integrity sha256", "group 5"},
                                                "esp-aes esp-sha-hmac");
  if (!skipped_.empty()) GTEST_SKIP() << skipped_;
  ASSERT_FALSE(HasFailure());
  int correct = 0;
  int incorrect = 0;
  count_icv(decoded, pair_->a().outer4, &correct, &incorrect);
  // Our IKE_AUTH request and at least one INFORMATIONAL response to strongSwan's DPD.
  EXPECT_GE(correct, 2);
  EXPECT_EQ(incorrect, 0);
  EXPECT_NE(decoded.find("ID_IPV4_ADDR: " + pair_->a().outer4), std::string::npos)
      << "our IDi is visible in the decrypted IKE_AUTH request";
}

TEST_F(Wire, OurGcmMessagesDecryptWithStrongSwansKeysAndVerify) {
  const std::string decoded = capture_handshake("aes256gcm16-prfsha384-ecp384", "aes256gcm16",
                                                {"encryption aes-gcm-256", "prf sha384", "group 20"}, "esp-gcm 256");
  if (!skipped_.empty()) GTEST_SKIP() << skipped_;
  ASSERT_FALSE(HasFailure());
  int correct = 0;
  int incorrect = 0;
  count_icv(decoded, pair_->a().outer4, &correct, &incorrect);
  EXPECT_GE(correct, 2);
  EXPECT_EQ(incorrect, 0);
  EXPECT_NE(decoded.find("ID_IPV4_ADDR: " + pair_->a().outer4), std::string::npos);
}

// Issue 9's verification: the capture decrypts with OUR key log, and the keys we wrote are the ones
// strongSwan derived on its own (same SPIs, SK_e and SK_a in both directions).
TEST_F(Wire, OurKeylogEqualsStrongSwansKeysAndDecryptsTheCapture) {
  const std::string decoded = capture_handshake("aes256-sha256-modp1536", "aes128-sha1",
                                                {"encryption aes-cbc-256", "integrity sha256", "group 5"},
                                                "esp-aes esp-sha-hmac", true);
  if (!skipped_.empty()) GTEST_SKIP() << skipped_;
  ASSERT_FALSE(HasFailure());
  ASSERT_EQ(our_rows_.size(), 1u) << "one IKE row in ravelin's key log";
  ASSERT_EQ(swan_rows_.size(), 1u);
  EXPECT_EQ(lower(our_rows_[0]), lower(swan_rows_[0]));
  int correct = 0;
  int incorrect = 0;
  count_icv(decoded, pair_->a().outer4, &correct, &incorrect);
  EXPECT_GE(correct, 2);
  EXPECT_EQ(incorrect, 0);
  EXPECT_EQ(ravelin_->log().find(psk_), std::string::npos) << "the PSK is never logged";
}

}  // namespace
}  // namespace ravelin::test::interop
