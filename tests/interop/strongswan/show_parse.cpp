#include "tests/interop/strongswan/show_parse.hpp"

#include <algorithm>
#include <regex>
#include <sstream>

namespace ravelin::test::interop {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// One indented detail line of the SA being read.
void parse_detail(const std::string& line, RavelinSa* sa) {
  static const std::regex encr(R"(Encr: ([^,]+), keysize: (\d+), PRF: ([^,]+), Hash: ([^,]+), DH Grp:(\d+))");
  static const std::regex spi(R"(Local spi: ([0-9A-Fa-f]{16})\s+Remote spi: ([0-9A-Fa-f]{16}))");
  static const std::regex id(R"(^\s+(Local|Remote) id: (.*)$)");
  static const std::regex endpoint(R"(^(Local|Remote)\s+(\S+)\s*$)");
  std::smatch m;
  if (std::regex_search(line, m, encr)) {
    sa->encr = m[1];
    sa->keysize = std::stoi(m[2]);
    sa->prf = m[3];
    sa->hash = m[4];
    sa->group = std::stoi(m[5]);
  } else if (std::regex_search(line, m, spi)) {
    sa->local_spi = lower(m[1]);
    sa->remote_spi = lower(m[2]);
  } else if (std::regex_search(line, m, id)) {
    (m[1] == "Local" ? sa->local_id : sa->remote_id) = m[2];
  } else if (std::regex_search(line, m, endpoint)) {
    (m[1] == "Local" ? sa->local : sa->remote) = m[2];
  } else if (line.find("Initiator of SA : Yes") != std::string::npos) {
    sa->initiator = true;
  } else if (line.find("NAT-T is detected") != std::string::npos) {
    sa->nat_detected = true;
  }
}

}  // namespace

std::vector<RavelinSa> parse_ravelin_sas(const std::string& text) {
  static const std::regex row4(R"(^(\d+)\s+(\S+/\d+)\s+(\S+/\d+)\s+\S+/\S+\s+(\S+))");
  static const std::regex row6(R"(^(\d+)\s+\S+/\S+\s+(\S+)\s*$)");
  std::vector<RavelinSa> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, row4)) {
      out.push_back({});
      out.back().tunnel_id = std::stoi(m[1]);
      out.back().local = m[2];
      out.back().remote = m[3];
      out.back().status = m[4];
    } else if (std::regex_search(line, m, row6)) {
      out.push_back({});
      out.back().tunnel_id = std::stoi(m[1]);
      out.back().status = m[2];
    } else if (!out.empty()) {
      parse_detail(line, &out.back());
    }
  }
  return out;
}

namespace {

// One line of an ASA session block after its Tunnel-id row.
void parse_asa_detail(const std::string& line, RavelinSa* sa) {
  static const std::regex encr(R"(Encr: ([^,]+)(?:, keysize: (\d+))?, Hash: ([^,]+), DH Grp:(\d+))");
  static const std::regex session(R"(^\s+Session-id: (\d+)\s*$)");
  static const std::regex local_sel(R"(^Child sa: local selector\s+(.+?)\s*$)");
  static const std::regex remote_sel(R"(^\s+remote selector\s+(.+?)\s*$)");
  static const std::regex spis(R"(ESP spi in/out: 0x([0-9A-Fa-f]{8})/0x([0-9A-Fa-f]{8}))");
  std::smatch m;
  if (std::regex_search(line, m, encr)) {
    sa->encr = m[1];
    sa->keysize = m[2].matched ? std::stoi(m[2]) : 0;
    sa->hash = m[3];
    sa->group = std::stoi(m[4]);
  } else if (std::regex_search(line, m, session)) {
    sa->session_id = std::stoi(m[1]);
  } else if (std::regex_search(line, m, local_sel)) {
    sa->children.push_back({});
    sa->children.back().local_selector = m[1];
  } else if (sa->children.empty()) {
    return;
  } else if (std::regex_search(line, m, remote_sel)) {
    sa->children.back().remote_selector = m[1];
  } else if (std::regex_search(line, m, spis)) {
    sa->children.back().spi_in = lower(m[1]);
    sa->children.back().spi_out = lower(m[2]);
  }
}

}  // namespace

std::vector<RavelinSa> parse_asa_sas(const std::string& text) {
  // "        1 10.0.0.1/500           10.0.0.2/500           READY    INITIATOR"
  static const std::regex row(R"(^\s*(\d+)\s+(\S+/\d+)\s+(\S+/\d+)\s+(\S+)\s+(INITIATOR|RESPONDER)\s*$)");
  std::vector<RavelinSa> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, row)) {
      out.push_back({});
      RavelinSa& sa = out.back();
      sa.tunnel_id = std::stoi(m[1]);
      sa.local = m[2];
      sa.remote = m[3];
      sa.status = m[4];
      sa.role = m[5];
      sa.initiator = sa.role == "INITIATOR";
    } else if (line.starts_with("Session-id:")) {
      continue;  // the session header before the next SA's table
    } else if (!out.empty()) {
      parse_asa_detail(line, &out.back());
    }
  }
  return out;
}

std::vector<RavelinSa> ready_sas(const std::string& show_detailed) {
  auto all = parse_ravelin_sas(show_detailed);
  all.erase(std::remove_if(all.begin(), all.end(), [](const RavelinSa& s) { return s.status != "READY"; }), all.end());
  return all;
}

}  // namespace ravelin::test::interop
