// IOS `show crypto map` (G13 capture: TAB indentation), `show access-lists` and
// `show ip interface brief`.
#include <cstdio>
#include <string>

#include "grammar/config/store.hpp"
#include "ipsec/commands/show_internal.hpp"

namespace ravelin::ipsec::commands {

namespace {

using grammar::config::Node;

// The ACL a crypto map names: named extended/standard, or numbered.
struct AclRef {
  std::string kind;  // "Extended" / "Standard"
  std::vector<std::string> entries;
  bool exists = false;
};

std::string entry_words(const Node& e) {
  // Named entries store "[SEQ] permit ..."; drop a leading sequence number.
  std::string w = e.words();
  auto seq = e.args().text("seq");
  if (!seq.empty() && w.rfind(seq + " ", 0) == 0) w = w.substr(seq.size() + 1);
  return w;
}

AclRef find_acl(const Node& root, const std::string& name) {
  AclRef ref;
  for (const char* kind : {"ip access-list extended", "ip access-list standard"}) {
    if (const Node* acl = root.entry(kind, {name})) {
      ref.exists = true;
      ref.kind = std::string(kind) == "ip access-list extended" ? "Extended" : "Standard";
      for (const Node* e : acl->children()) ref.entries.push_back("access-list " + name + " " + entry_words(*e));
    }
  }
  for (const char* id : {"access-list extended", "access-list standard"}) {
    for (const Node* e : root.all(id)) {
      if (e->args().text("number") != name) continue;
      ref.exists = true;
      ref.kind = std::string(id) == "access-list extended" ? "Extended" : "Standard";
      ref.entries.push_back(e->words());
    }
  }
  return ref;
}

std::vector<std::string> interfaces_using(const Node& root, const std::string& map) {
  std::vector<std::string> out;
  for (const Node* i : root.all("interface")) {
    const Node* cm = i->find("crypto map");
    if (cm != nullptr && cm->args().text("map") == map) out.push_back(i->args().text("name"));
  }
  return out;
}

}  // namespace

void print_crypto_map(std::string& out, const Node& root, const Node& entry) {
  const auto& a = entry.args();
  std::string name = a.text("name");
  out += "Crypto Map IPv4 \"" + name + "\" " + a.text("seq") + " ipsec-isakmp";
  if (a.has("dynamic")) out += "\n\tDynamic map template tag: " + a.text("dynamic") + "\n\n";
  else out += "\n";
  if (a.has("dynamic")) return;
  auto peers = entry.all("set peer");
  const Node* match = entry.find("match address");
  AclRef acl = match ? find_acl(root, match->args().text("acl")) : AclRef{};
  if (peers.empty() || !acl.exists) {
    out += "\tWARNING: This crypto map is in an incomplete state!\n\t\t(missing peer or access-list definitions)\n";
  }
  for (const Node* p : peers) out += "\tPeer = " + p->args().text("peer") + "\n";
  if (const Node* ik = entry.find("set ikev2-profile")) out += "\tIKEv2 Profile: " + ik->args().text("profile") + "\n";
  out += "\tAccess-List SS dynamic: False\n";
  if (match != nullptr) {
    out += "\t" + (acl.exists ? acl.kind : std::string("Extended")) + " IP access list " + match->args().text("acl") + "\n";
    for (const auto& e : acl.entries) out += "\t    " + e + "\n";
  }
  if (!peers.empty()) out += "\tCurrent peer: " + peers.front()->args().text("peer") + "\n";
  std::string block;
  print_sa_block(block, root, &entry, "\t");
  // G13 prints the Dualstack line and an empty line between the lifetime and the rest.
  auto nl = block.find('\n');
  out += block.substr(0, nl + 1) + "\tDualstack (Y/N): N\n\n" + block.substr(nl + 1);
  out += "\tInterfaces using crypto map " + name + ":\n";
  for (const auto& i : interfaces_using(root, name)) out += "\t\t" + i + "\n";
  out += "\n";
}

Status show_access_lists(grammar::ExecContext& ctx) {
  const Node* root = running_root(ctx);
  if (root == nullptr) return {};
  std::string want = ctx.args.text("name");
  for (const char* kind : {"ip access-list standard", "ip access-list extended"}) {
    for (const Node* acl : root->all(kind)) {
      auto name = acl->args().text("name");
      if (!want.empty() && want != name) continue;
      ctx.out += std::string(std::string(kind).find("standard") != std::string::npos ? "Standard" : "Extended") +
                 " IP access list " + name + "\n";
      for (const Node* e : acl->children()) ctx.out += "    " + e->args().text("seq") + " " + entry_words(*e) + "\n";
    }
  }
  for (const char* id : {"access-list standard", "access-list extended"}) {
    std::string current;
    int seq = 0;
    for (const Node* e : root->all(id)) {
      auto number = e->args().text("number");
      if (!want.empty() && want != number) continue;
      if (number != current) {
        current = number;
        seq = 0;
        ctx.out += std::string(std::string(id).find("standard") != std::string::npos ? "Standard" : "Extended") +
                   " IP access list " + number + "\n";
      }
      seq += 10;
      auto w = e->words();
      auto prefix = "access-list " + number + " ";
      if (w.rfind(prefix, 0) == 0) w = w.substr(prefix.size());
      ctx.out += "    " + std::to_string(seq) + " " + w + "\n";
    }
  }
  return {};
}

Status show_ip_interface_brief(grammar::ExecContext& ctx) {
  const Node* root = running_root(ctx);
  if (root == nullptr) return {};
  char line[160];
  std::snprintf(line, sizeof line, "%-26s %-15s %-3s %-6s %-21s %s\n", "Interface", "IP-Address", "OK?", "Method",
                "Status", "Protocol");
  ctx.out += line;
  for (const Node* i : root->all("interface")) {
    auto addr = i->value("ip address", "address");
    bool shut = i->find("shutdown") != nullptr;
    std::string ip = addr ? addr->text() : "unassigned";
    std::snprintf(line, sizeof line, "%-26s %-15s %-3s %-6s %-21s %-8s\n", i->args().text("name").c_str(), ip.c_str(),
                  "YES", addr ? "manual" : "unset", shut ? "administratively down" : "up", shut ? "down" : "up");
    ctx.out += line;
  }
  return {};
}

}  // namespace ravelin::ipsec::commands
