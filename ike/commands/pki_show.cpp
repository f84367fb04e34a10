// `show crypto pki certificates [TRUSTPOINT]` and `show crypto pki trustpoints` from the running
// configuration's chains, in IOS's layout.
#include <ctime>

#include "ike/commands/pki.hpp"
#include "ike/commands/show_util.hpp"
#include "ike/config_build/build_pki.hpp"

namespace ravelin::ike::commands {

namespace {

std::string ios_time(crypto::WallTime t) {
  const std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%H:%M:%S UTC %b %d %Y", &tm);
  return buf;
}

// "cn=r1,o=x" -> one RDN per line, as IOS lists Issuer/Subject.
std::string rdn_lines(const std::string& dn) {
  std::string out;
  size_t pos = 0;
  while (pos <= dn.size()) {
    size_t comma = dn.find(',', pos);
    if (comma == std::string::npos) comma = dn.size();
    out += "    " + dn.substr(pos, comma - pos) + "\n";
    pos = comma + 1;
  }
  return out;
}

void render(std::string& out, const crypto::Certificate& c, bool ca, const std::string& tp) {
  out += ca ? "CA Certificate\n" : "Certificate\n";
  out += "  Status: Available\n";
  out += "  Certificate Serial Number (hex): " + c.serial_hex() + "\n";
  out += ca ? "  Certificate Usage: Signature\n" : "  Certificate Usage: General Purpose\n";
  out += "  Issuer:\n" + rdn_lines(c.issuer());
  out += "  Subject:\n" + rdn_lines(c.subject());
  out += "  Validity Date:\n";
  out += "    start date: " + ios_time(c.not_before()) + "\n";
  out += "    end   date: " + ios_time(c.not_after()) + "\n";
  out += "  Associated Trustpoints: " + tp + "\n\n";
}

Status show_certificates(grammar::ExecContext& ctx) {
  const auto* root = running_root(ctx);
  if (root == nullptr) return {};
  const std::string only = ctx.args.text("trustpoint");
  for (const auto& chain : config_build::parse_chains(*root)) {
    if (!only.empty() && chain.trustpoint != only) continue;
    if (chain.certificate) render(ctx.out, *chain.certificate, false, chain.trustpoint);
    for (const auto& ca : chain.ca_certificates) render(ctx.out, *ca, true, chain.trustpoint);
  }
  return {};
}

Status show_trustpoints(grammar::ExecContext& ctx) {
  const auto* root = running_root(ctx);
  if (root == nullptr) return {};
  const auto chains = config_build::parse_chains(*root);
  for (const char* id : {"crypto pki trustpoint", "crypto ca trustpoint"}) {
    for (const auto* tp : root->all(id)) {
      const std::string name = tp->args().text("name");
      ctx.out += "Trustpoint " + name + ":\n";
      bool ca = false;
      for (const auto& ch : chains) {
        if (ch.trustpoint != name || ch.ca_certificates.empty()) continue;
        ca = true;
        ctx.out += "    Subject Name:\n    " + ch.ca_certificates.front()->subject() + "\n";
        ctx.out += "    Serial Number (hex): " + ch.ca_certificates.front()->serial_hex() + "\n";
      }
      ctx.out += ca ? "  Certificate configured.\n" : "  Not authenticated.\n";
    }
  }
  return {};
}

}  // namespace

void declare_pki_shows(grammar::CommandSet& s) {
  grammar::Help h = {{"pki", "Show PKI"}, {"ca", "Show certification authority"},
                     {"certificates", "Show certificates"}, {"trustpoints", "Show trustpoints"},
                     {"$trustpoint", "Trustpoint Name"}};
  const char* head = s.dialect() == grammar::Dialect::Asa ? "show crypto ca" : "show crypto pki";
  s.exec().add(std::string(head) + " certificates [WORD$trustpoint]", show_certificates, {.privilege = 15, .help = h});
  s.exec().add(std::string(head) + " trustpoints", show_trustpoints, {.privilege = 15, .help = h});
}

}  // namespace ravelin::ike::commands
