// IOS `show crypto ikev2 profile` block (cisco-cli.md §4.4, G11 capture), from a profile's tree node.
#include <string>

#include "grammar/config/node.hpp"
#include "ike/commands/show_util.hpp"

namespace ravelin::ike::commands {

namespace {

using grammar::config::Node;

std::string identity_line(const grammar::Args& a) {
  if (a.has("any")) return "any";
  if (a.has("address")) {
    auto mask = a.has("mask") ? a.text("mask") : std::string("255.255.255.255");
    return "address " + a.text("address") + " " + mask;
  }
  if (a.has("prefix6")) return "address " + a.text("prefix6");
  if (a.has("fqdn")) return std::string("fqdn ") + (a.has("domain") ? "domain " : "") + a.text("fqdn");
  if (a.has("email")) return std::string("email ") + (a.has("domain") ? "domain " : "") + a.text("email");
  if (a.has("keyid")) return "key-id " + a.text("keyid");
  return "none";
}

std::string local_identity(const Node* n) {
  if (n == nullptr) return "none";
  const auto& a = n->args();
  if (a.has("address")) return "address " + a.text("address");
  if (a.has("fqdn")) return "fqdn " + a.text("fqdn");
  if (a.has("email")) return "email " + a.text("email");
  if (a.has("keyid")) return "key-id " + a.text("keyid");
  if (a.has("dn")) return "dn";
  return "none";
}

std::string value_or(const Node& p, std::string_view leaf, std::string_view binding, std::string dflt) {
  auto v = leaf_texts(p, leaf, binding);
  return v.empty() ? dflt : v.front();
}

}  // namespace

void print_ios_profile(std::string& out, const Node& p) {
  out += "IKEv2 profile: " + p.args().text("name") + "\n";
  out += std::string(" Shutdown : ") + (p.find("shutdown") ? "Yes" : "No") + "\n";
  out += " Ref Count: 0\n";
  out += " Match criteria:\n";
  out += "  Fvrf: " + value_or(p, "match fvrf", "vrf", "global") + "\n";
  auto locals = p.all("match address local");
  if (locals.empty()) out += "  Local address/interface: none\n";
  for (const Node* l : locals) {
    out += "  Local address/interface: " +
           (l->args().has("interface") ? l->args().text("interface") : l->args().text("address")) + "\n";
  }
  auto ids = p.all("match identity remote");
  out += std::string("  Identities:") + (ids.empty() ? " none" : "") + "\n";
  for (const Node* i : ids) out += "   " + identity_line(i->args()) + "\n";
  out += "  Certificate maps: none\n";
  out += " Local identity: " + local_identity(p.find("identity local")) + "\n";
  out += " Remote identity: none\n";
  out += " Local authentication method: " + value_or(p, "authentication local", "method", "none") + "\n";
  out += " Remote authentication method(s): " + value_or(p, "authentication remote", "method", "none") + "\n";
  out += " EAP options: none\n";
  out += " Keyring: " + value_or(p, "keyring local", "keyring", "none") + "\n";
  out += " Trustpoint(s): " + value_or(p, "pki trustpoint", "trustpoint", "none") + "\n";
  auto life = p.value("lifetime", "seconds");
  out += " Lifetime: " + (life ? life->text() : std::string("86400")) + " seconds\n";
  if (const Node* d = p.find("dpd")) {
    out += " DPD: interval " + d->args().text("interval") + ", retry-interval " + d->args().text("retry") + ", " +
           d->args().text("mode") + "\n";
  } else {
    out += " DPD: disabled\n";
  }
  auto nat = leaf_texts(p, "nat keepalive", "seconds");
  out += " NAT-keepalive: " + (nat.empty() ? std::string("disabled") : "interval " + nat.front()) + "\n";
  out += " Ivrf: " + value_or(p, "ivrf", "vrf", "none") + "\n";
  out += " Virtual-template: " + value_or(p, "virtual-template", "number", "none") + "\n";
  out += " mode auto: none\n";
  out += " AAA AnyConnect EAP authentication mlist: none\n";
  out += " AAA EAP authentication mlist: none\n";
  out += " AAA authentication mlist: none\n";
  out += " AAA Accounting: none\n";
  out += " AAA group authorization: none\n";
  out += " AAA user authorization: none\n";
}

}  // namespace ravelin::ike::commands
