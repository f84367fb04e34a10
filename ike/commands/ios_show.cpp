// IOS `show crypto ikev2 proposal|policy|profile [NAME]` in the formats of cisco-cli.md §4.4.
#include <charconv>
#include <string>

#include "ike/commands/algorithms.hpp"
#include "ike/commands/commands.hpp"
#include "ike/commands/show_util.hpp"
#include "ipsec/commands/commands.hpp"

namespace ravelin::ike::commands {

namespace {

using grammar::config::Node;

std::string join_mapped(const std::vector<std::string>& v, const auto& map) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : " ") + map(s);
  return out;
}

std::string encr_display(const std::string& k) {
  const auto* e = find_encr(k, false);
  return e ? std::string(e->display) : k;
}
std::string integ_display(const std::string& k) {
  const auto* h = find_hash(k, false);
  return h ? std::string(h->integ_display) : k;
}
std::string prf_display(const std::string& k) {
  const auto* h = find_hash(k, false);
  return h ? std::string(h->prf_display) : k;
}
std::string group_display(const std::string& k) {
  uint16_t g = 0;
  std::from_chars(k.data(), k.data() + k.size(), g);
  const auto* d = find_group(g);
  return d ? std::string(d->display) : k;
}

void print_proposal(std::string& out, const std::string& name, const std::vector<std::string>& enc,
                    const std::vector<std::string>& integ, std::vector<std::string> prf,
                    const std::vector<std::string>& grp) {
  bool aead = !enc.empty() && find_encr(enc.front(), false) && find_encr(enc.front(), false)->aead;
  if (prf.empty() && !aead) prf = integ;  // PRF follows integrity when not configured (§2.1)
  out += "IKEv2 proposal: " + name + "\n";
  out += "     Encryption : " + join_mapped(enc, encr_display) + "\n";
  if (!aead) out += "     Integrity  : " + join_mapped(integ, integ_display) + "\n";
  out += "     PRF        : " + join_mapped(prf, prf_display) + "\n";
  out += "     DH Group   : " + join_mapped(grp, group_display) + "\n";
}

Status show_proposal(grammar::ExecContext& ctx) {
  const Node* root = running_root(ctx);
  if (root == nullptr) return {};
  std::string want = ctx.args.text("name");
  if (ctx.args.has("dflt")) want = "default";
  if ((want.empty() || want == "default") &&
      ipsec::commands::smart_default_enabled(*root, "crypto ikev2 proposal default")) {
    const auto& d = ios_default_proposal();
    print_proposal(ctx.out, "default", d.encryption, d.integrity, d.prf, d.group);
  }
  for (const Node* p : root->all("crypto ikev2 proposal")) {
    auto name = p->args().text("name");
    if (!want.empty() && want != name) continue;
    print_proposal(ctx.out, name, leaf_texts(*p, "encryption", "algs"), leaf_texts(*p, "integrity", "algs"),
                   leaf_texts(*p, "prf", "algs"), leaf_texts(*p, "group", "groups"));
  }
  ctx.out += "\n";
  return {};
}

Status show_policy(grammar::ExecContext& ctx) {
  const Node* root = running_root(ctx);
  if (root == nullptr) return {};
  std::string want = ctx.args.text("name");
  if (ctx.args.has("dflt")) want = "default";
  if ((want.empty() || want == "default") &&
      ipsec::commands::smart_default_enabled(*root, "crypto ikev2 policy default")) {
    ctx.out += " IKEv2 policy : default\n      Match fvrf : any\n      Match address local : any\n"
               "      Proposal    : default\n\n";
  }
  for (const Node* p : root->all("crypto ikev2 policy")) {
    auto name = p->args().text("name");
    if (!want.empty() && want != name) continue;
    ctx.out += " IKEv2 policy : " + name + "\n";
    auto vrf = leaf_texts(*p, "match fvrf", "vrf");
    ctx.out += "      Match fvrf  : " + (vrf.empty() ? std::string("global") : vrf.front()) + "\n";
    auto local = p->all("match address local");
    if (local.empty()) ctx.out += "      Match address local : any\n";
    for (const Node* l : local) ctx.out += "      Match address local : " + l->args().text("address") + "\n";
    for (const Node* pr : p->all("proposal")) ctx.out += "      Proposal    : " + pr->args().text("proposal") + "\n";
    ctx.out += "\n";
  }
  return {};
}

}  // namespace

void print_ios_profile(std::string& out, const Node& p);  // ios_show_profile.cpp

namespace {

Status show_profile(grammar::ExecContext& ctx) {
  const Node* root = running_root(ctx);
  if (root == nullptr) return {};
  std::string want = ctx.args.text("name");
  for (const Node* p : root->all("crypto ikev2 profile")) {
    if (!want.empty() && want != p->args().text("name")) continue;
    print_ios_profile(ctx.out, *p);
    ctx.out += "\n";
  }
  return {};
}

}  // namespace

void declare_ios_ikev2_shows(grammar::CommandSet& s) {
  auto exec = s.exec();
  grammar::Help h = {{"show", "Show running system information"},
                     {"crypto", "Encryption module"},
                     {"ikev2", "Shows ikev2 information"},
                     {"proposal", "Show ikev2 proposals"},
                     {"policy", "Show ikev2 policies"},
                     {"profile", "Shows ikev2 profiles"},
                     {"$name", "name"},
                     {"default", "Default"}};
  exec.add("show crypto ikev2 proposal [{default$dflt|WORD$name}]", show_proposal, {.privilege = 15, .help = h});
  exec.add("show crypto ikev2 policy [{default$dflt|WORD$name}]", show_policy, {.privilege = 15, .help = h});
  exec.add("show crypto ikev2 profile [WORD$name]", show_profile, {.privilege = 15, .help = h});
}

}  // namespace ravelin::ike::commands
