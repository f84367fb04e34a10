// IOS `show crypto ipsec transform-set`, `show crypto ipsec profile`, `show crypto map`,
// `show access-lists` and `show ip interface brief` (cisco-cli.md §4.6, §4.7); ASA
// `show running-config access-list`.
#include <cstdio>
#include <string>

#include "grammar/config/render.hpp"
#include "grammar/config/store.hpp"
#include "ipsec/commands/commands.hpp"
#include "ipsec/commands/show_internal.hpp"
#include "ipsec/commands/transforms.hpp"

namespace ravelin::ipsec::commands {

using grammar::config::Node;

const Node* running_root(const grammar::ExecContext& ctx) {
  if (ctx.store == nullptr || !ctx.store->running().valid()) return nullptr;
  return &ctx.store->running().root();
}

// "{ esp-aes esp-sha-hmac  }" for a set name (the built-in default included), "" when unknown.
std::string set_braces(const Node& root, const std::string& name, std::string* mode) {
  if (name == "default" && smart_default_enabled(root, "crypto ipsec transform-set default")) {
    if (mode) *mode = "Transport";
    return "{ esp-aes esp-sha-hmac  }";
  }
  const Node* ts = root.entry("crypto ipsec transform-set", {name});
  if (ts == nullptr) return "";
  if (mode) {
    auto m = ts->value("mode", "mode");
    *mode = (m && m->text() == "transport") ? "Transport" : "Tunnel";
  }
  return "{ " + display_transform_words(transforms_of(ts->args())) + "  }";
}

namespace {

Status show_transform_sets(grammar::ExecContext& ctx) {
  const Node* root = running_root(ctx);
  if (root == nullptr) return {};
  auto one = [&](const std::string& name) {
    std::string mode;
    ctx.out += "Transform set " + name + ": " + set_braces(*root, name, &mode) + "\n";
    ctx.out += "   will negotiate = { " + mode + ",  },\n\n";
  };
  if (smart_default_enabled(*root, "crypto ipsec transform-set default")) one("default");
  for (const Node* ts : root->all("crypto ipsec transform-set")) one(ts->args().text("name"));
  return {};
}

}  // namespace

std::vector<std::string> set_names(const Node& entry) {
  std::vector<std::string> out;
  if (const Node* s = entry.find("set transform-set")) {
    for (const auto& v : s->args().list("sets")) out.push_back(v.text());
  }
  return out;
}

void print_sa_block(std::string& out, const Node& root, const Node* entry, const std::string& indent) {
  std::string kb = "4608000", sec = "3600";
  std::string pfs = "N";
  std::vector<std::string> sets = {"default"};
  if (entry != nullptr) {
    if (auto v = entry->value("set security-association lifetime kilobytes", "kilobytes")) kb = v->text();
    if (auto v = entry->value("set security-association lifetime seconds", "seconds")) sec = v->text();
    if (entry->find("set pfs")) pfs = "Y, " + entry->find("set pfs")->args().text("group");
    if (!set_names(*entry).empty()) sets = set_names(*entry);
  }
  out += indent + "Security association lifetime: " + kb + " kilobytes/" + sec + " seconds\n";
  out += indent + "Responder-Only (Y/N): " + (entry && entry->find("responder-only") ? "Y" : "N") + "\n";
  out += indent + "PFS (Y/N): " + pfs + "\n";
  out += indent + "Mixed-mode : Disabled\n";
  out += indent + "Transform sets={\n";
  for (const auto& s : sets) out += indent + indent + s + ":  " + set_braces(root, s) + " ,\n";
  out += indent + "}\n";
}

namespace {

Status show_ipsec_profiles(grammar::ExecContext& ctx) {
  const Node* root = running_root(ctx);
  if (root == nullptr) return {};
  const std::string ind = "        ";
  if (smart_default_enabled(*root, "crypto ipsec profile default")) {
    ctx.out += "IPSEC profile default\n";
    print_sa_block(ctx.out, *root, nullptr, ind);
    ctx.out += "\n";
  }
  for (const Node* p : root->all("crypto ipsec profile")) {
    ctx.out += "IPSEC profile " + p->args().text("name") + "\n";
    if (const Node* ik = p->find("set ikev2-profile")) ctx.out += ind + "IKEv2 Profile: " + ik->args().text("profile") + "\n";
    print_sa_block(ctx.out, *root, p, ind);
    ctx.out += "\n";
  }
  return {};
}

}  // namespace


void declare_ios_ipsec_shows(grammar::CommandSet& s) {
  grammar::Help h = {{"ipsec", "Show IPSEC info"},
                     {"transform-set", "Crypto transform sets"},
                     {"profile", "Show ipsec profile information"},
                     {"map", "Crypto maps"},
                     {"access-lists", "List access lists"},
                     {"ip", "IP information"},
                     {"interface", "IP interface status and configuration"},
                     {"brief", "Brief summary of IP status and configuration"}};
  s.exec().add("show crypto ipsec transform-set", show_transform_sets, {.privilege = 15, .help = h});
  s.exec().add("show crypto ipsec profile", show_ipsec_profiles, {.privilege = 15, .help = h});
  s.exec().add("show crypto map", [](grammar::ExecContext& ctx) -> Status {
    const Node* root = running_root(ctx);
    if (root == nullptr) return {};
    for (const Node* e : root->all("crypto map")) print_crypto_map(ctx.out, *root, *e);
    return {};
  }, {.privilege = 15, .help = h});
  s.exec().add("show access-lists [WORD$name]", show_access_lists, {.privilege = 1, .help = h});
  s.exec().add("show ip interface brief", show_ip_interface_brief, {.privilege = 1, .help = h});
}

void declare_asa_ipsec_shows(grammar::CommandSet& s) {
  s.exec().add("show running-config access-list [WORD$name]", [](grammar::ExecContext& ctx) -> Status {
    const Node* root = running_root(ctx);
    if (root == nullptr) return {};
    std::string want = ctx.args.text("name");
    for (const Node* n : root->all("access-list")) {
      if (!want.empty() && n->args().text("name") != want) continue;
      grammar::config::render_node(*n, 0, {.mask_secrets = true, .separators = false}, ctx.out);
    }
    return {};
  }, {.privilege = 15, .help = {{"access-list", "Show configured access control elements"}}});
}

}  // namespace ravelin::ipsec::commands
