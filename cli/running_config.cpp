#include "cli/running_config.hpp"

#include "grammar/config/render.hpp"

namespace ravelin::cli {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool is_header_line(std::string_view raw) {
  std::string_view l = trim(raw);
  if (raw.substr(0, 1) == ":") return true;  // ASA comment lines (": Saved", ": end")
  return starts_with(l, "Building configuration...") || starts_with(l, "Current configuration :") ||
         (starts_with(l, "Using ") && l.find(" out of ") != std::string_view::npos) ||
         starts_with(l, "ASA Version ") || l == "end" || l == "[OK]";
}

}  // namespace

namespace {

std::string asa_config_text(const grammar::config::Snapshot& running, bool mask_secrets) {
  grammar::config::RenderOptions o;
  o.separators = false;
  o.mask_secrets = mask_secrets;
  return std::string(": Saved\n:\n") + kAsaVersionLine + "\n" + grammar::config::render(running, o) + ": end\n";
}

}  // namespace

std::string startup_config_text(const grammar::config::Snapshot& running, Dialect d) {
  // The saved file keeps the keys in clear so it loads back; only the display masks them.
  if (d == Dialect::Asa) return asa_config_text(running, false);
  return "!\n" + grammar::config::render(running) + "end\n";
}

std::string show_running_config_text(const grammar::config::Snapshot& running, Dialect d) {
  // ASA `show running-config` prints pre-shared keys as ***** (cisco-cli.md §3.3).
  if (d == Dialect::Asa) return asa_config_text(running, true);
  std::string body = startup_config_text(running, d);
  return "Building configuration...\n\nCurrent configuration : " + std::to_string(body.size()) + " bytes\n" + body;
}

std::string strip_config_headers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!is_header_line(line)) out.append(line);
    if (nl == std::string_view::npos) break;
    out.push_back('\n');
    text.remove_prefix(nl + 1);
  }
  return out;
}

namespace {

// Lines only the ASA has: a file without its `ASA Version` header (the seed's paste, a hand-written
// fragment) is still recognisably ASA from these (cisco-cli.md §3).
bool asa_only_line(std::string_view line) {
  for (std::string_view p : {"tunnel-group ", "crypto ipsec ikev2 ipsec-proposal ", "crypto ikev2 enable ",
                             "nameif ", "security-level "}) {
    if (starts_with(line, p)) return true;
  }
  return false;
}

}  // namespace

Dialect detect_dialect(std::string_view text, Dialect fallback) {
  bool before_commands = true;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = trim(text.substr(0, nl));
    if (before_commands && starts_with(line, "ASA Version")) return Dialect::Asa;
    bool comment = line.empty() || line[0] == '!' || line[0] == ':' || is_header_line(line);
    if (!comment) {
      before_commands = false;
      if (asa_only_line(line)) return Dialect::Asa;
    }
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return fallback;
}

}  // namespace ravelin::cli
