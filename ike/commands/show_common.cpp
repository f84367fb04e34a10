// Helpers shared by the operator commands (show_common.hpp).
#include "ike/commands/show_common.hpp"

#include "ike/commands/show_util.hpp"

namespace ravelin::ike::commands::ops {

std::map<std::string, std::string> map_interfaces(const grammar::ExecContext& ctx) {
  std::map<std::string, std::string> out;
  const auto* root = running_root(ctx);
  if (root == nullptr) return out;
  // IOS: the interface carries ` crypto map M`; the first interface (in config order) names the map.
  for (const auto* i : root->all("interface")) {
    const auto* cm = i->find("crypto map");
    if (cm != nullptr) out.emplace(cm->args().text("map"), i->args().text("name"));
  }
  // ASA: `crypto map M interface NAMEIF` (ASA prints the nameif).
  for (const auto* b : root->all("crypto map interface")) out.emplace(b->args().text("name"), b->args().text("nameif"));
  return out;
}

std::map<std::string, std::string> map_acls(const grammar::ExecContext& ctx) {
  std::map<std::string, std::string> out;
  const auto* root = running_root(ctx);
  if (root == nullptr) return out;
  for (const auto* m : root->all("crypto map")) {
    const auto* acl = m->find("match address");
    if (acl != nullptr) out.emplace(m->args().text("name") + " " + m->args().text("seq"), acl->args().text("acl"));
  }
  return out;
}

SaShowSettings settings_for(const config::IkeConfig* cfg, const engine::IkeSaSnapshot& sa) {
  SaShowSettings st;
  if (cfg == nullptr) return st;
  st.window_size = cfg->window_size;
  config::Dpd dpd = cfg->dpd;
  if (const auto* prof = cfg->find_profile(sa.profile); prof != nullptr && prof->dpd) dpd = *prof->dpd;
  if (dpd.interval_seconds != 0) {
    st.dpd_interval = dpd.interval_seconds;
    st.dpd_retry = dpd.retry_seconds;
  }
  return st;
}

std::string range_text(const ipsec::ts::TrafficSelector& ts) {
  return ts.start.to_string() + "/" + std::to_string(ts.start_port) + " - " + ts.end.to_string() + "/" +
         std::to_string(ts.end_port);
}

std::string ident_text(const ipsec::ts::TrafficSelector& ts) {
  // IOS prints port 0 for "any port" and the port itself for one port (a range shows its start).
  const uint16_t port = ts.start_port == 0 && ts.end_port == 65535 ? 0 : ts.start_port;
  const std::string tail = "/" + std::to_string(ts.ip_protocol) + "/" + std::to_string(port);
  if (auto p = ts.as_prefix()) {
    // IPv6 idents carry the prefix length instead of a mask ("(2001:DB8::/64/0/0)").
    return p->address().to_string() + "/" + (p->address().is_v6() ? std::to_string(p->length()) : p->mask().to_string()) + tail;
  }
  return ts.start.to_string() + "-" + ts.end.to_string() + tail;
}

}  // namespace ravelin::ike::commands::ops
