#include "tests/interop/strongswan/swan_keys.hpp"

#include <map>
#include <regex>
#include <sstream>

namespace ravelin::test::interop {
namespace {

// "08:01:48.091 14[IKE] <peer|1> ..." -> thread "14", unique id "1", text after the "> ".
struct LogLine {
  std::string thread;
  std::string uid;
  std::string text;
};

bool split(const std::string& line, LogLine* out) {
  static const std::regex re(R"(^(?:\S+ )?(\d+)\[\w+\] <(?:[^|>]*\|)?(\d+)> (.*)$)");
  std::smatch m;
  if (!std::regex_match(line, m, re)) return false;
  *out = {m[1], m[2], m[3]};
  return true;
}

std::string enc_name(const std::string& alg) {
  static const std::regex cbc(R"(^AES_CBC_(\d+)$)");
  static const std::regex gcm(R"(^AES_GCM_(8|12|16)_(\d+)$)");
  std::smatch m;
  if (std::regex_match(alg, m, cbc)) return "AES-CBC-" + m[1].str() + " [RFC3602]";
  if (std::regex_match(alg, m, gcm)) return "AES-GCM-" + m[2].str() + " with " + m[1].str() + " octet ICV [RFC5282]";
  return "";
}

std::string integ_name(const std::string& proposal) {
  for (const char* i : {"HMAC_SHA1_96", "HMAC_SHA2_256_128", "HMAC_SHA2_384_192", "HMAC_SHA2_512_256"}) {
    if (proposal.find(std::string("/") + i) != std::string::npos) {
      return std::string(i) + (std::string(i) == "HMAC_SHA1_96" ? " [RFC2404]" : " [RFC4868]");
    }
  }
  return "NONE [RFC4306]";  // AEAD
}

}  // namespace

std::vector<SwanIkeKeys> parse_swan_keys(const std::string& charon_log) {
  static const std::regex secret(R"(^Sk_(ei|er|ai|ar) secret => \d+ bytes)");
  static const std::regex hex(R"(^\s*\d+: ((?:[0-9A-F]{2} )+))");
  static const std::regex spis(R"(checkin IKEv2 SA .* with SPIs ([0-9a-f]{16})_i ([0-9a-f]{16})_r)");
  static const std::regex proposal(R"(^selected proposal: (IKE:\S+))");
  std::map<std::string, SwanIkeKeys> by_uid;
  std::string collecting_thread;
  std::string* target = nullptr;
  std::istringstream in(charon_log);
  std::string raw;
  while (std::getline(in, raw)) {
    LogLine l;
    if (!split(raw, &l)) continue;
    std::smatch m;
    if (target != nullptr && l.thread == collecting_thread && std::regex_search(l.text, m, hex)) {
      for (char c : m[1].str()) {
        if (c != ' ') target->push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      }
      continue;
    }
    target = nullptr;
    SwanIkeKeys& k = by_uid[l.uid];
    if (std::regex_search(l.text, m, secret)) {
      std::string which = m[1];
      target = which == "ei" ? &k.sk_ei : which == "er" ? &k.sk_er : which == "ai" ? &k.sk_ai : &k.sk_ar;
      target->clear();
      collecting_thread = l.thread;
    } else if (std::regex_search(l.text, m, spis) && m[2] != "0000000000000000") {
      k.spi_i = m[1];
      k.spi_r = m[2];
    } else if (std::regex_search(l.text, m, proposal)) {
      k.proposal = m[1];
    }
  }
  std::vector<SwanIkeKeys> out;
  for (auto& [uid, k] : by_uid) {
    if (!k.spi_i.empty() && !k.sk_ei.empty()) out.push_back(k);
  }
  return out;
}

std::string decryption_row(const SwanIkeKeys& k) {
  std::string alg = k.proposal.substr(k.proposal.find(':') + 1);
  alg = alg.substr(0, alg.find('/'));
  const std::string enc = enc_name(alg);
  if (enc.empty()) return "";
  const std::string integ = integ_name(k.proposal);
  const bool aead = integ.rfind("NONE", 0) == 0;
  return k.spi_i + "," + k.spi_r + "," + k.sk_ei + "," + k.sk_er + ",\"" + enc + "\"," + (aead ? "" : k.sk_ai) + "," +
         (aead ? "" : k.sk_ar) + ",\"" + integ + "\"";
}

}  // namespace ravelin::test::interop
