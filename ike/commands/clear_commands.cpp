// `clear crypto ikev2 sa`, `clear crypto sa`, `clear crypto session` (IOS) and `clear crypto ikev2 sa`,
// `clear crypto ipsec sa` (ASA), cisco-cli.md §4.13. IOS prints nothing for a clear (the result shows
// in syslog/debug and in the next `show`); so do we. `clear crypto ikev2 sa` and `clear crypto
// session` delete whole IKE SAs with an INFORMATIONAL DELETE (RFC 7296 §1.4.1): their child SAs go
// with them. `clear crypto sa` / ASA `clear crypto ipsec sa` delete only the IPsec (child) SAs, as on
// IOS: a DELETE of the ESP SPIs (§1.4.1), the IKE SA stays. The crypto-map policies always stay, so
// the next matching packet (kernel ACQUIRE) or the peer negotiates afresh.
#include <algorithm>

#include "ike/commands/operations.hpp"
#include "ike/commands/show_common.hpp"

namespace ravelin::ike::commands {

std::vector<uint32_t> select_for_clear(const std::vector<engine::IkeSaSnapshot>& sas, const ClearFilter& f) {
  std::vector<uint32_t> ids;
  for (const auto& sa : sas) {
    if (f.tunnel_id && sa.tunnel_id != *f.tunnel_id) continue;
    if (f.local && sa.local.address != *f.local) continue;
    if (f.remote && sa.remote.address != *f.remote) continue;
    ids.push_back(sa.tunnel_id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<ChildRef> select_children_for_clear(const std::vector<engine::IkeSaSnapshot>& sas,
                                                const std::optional<platform::IpAddress>& peer,
                                                const std::optional<std::string>& map, const config::IkeConfig* cfg) {
  std::vector<ChildRef> out;
  for (const auto& sa : sas) {
    if (peer && sa.remote.address != *peer) continue;
    for (const auto& c : sa.children) {
      if (map) {
        const auto* e = cfg != nullptr ? cfg->find_map_entry(c.map_entry_id) : nullptr;
        if (e == nullptr || e->map_name != *map) continue;
      }
      out.push_back({sa.tunnel_id, c.inbound_spi});
    }
  }
  std::sort(out.begin(), out.end(), [](const ChildRef& a, const ChildRef& b) {
    return a.tunnel_id != b.tunnel_id ? a.tunnel_id < b.tunnel_id : a.inbound_spi < b.inbound_spi;
  });
  return out;
}

size_t clear_child_sas(Dataplane& dp, const std::optional<platform::IpAddress>& peer,
                       const std::optional<std::string>& map) {
  const auto cfg = dp.config();
  auto refs = select_children_for_clear(dp.engine().snapshot(), peer, map, cfg.get());
  if (refs.empty()) return 0;
  // By value: a Dataplane may run the call later on its engine thread.
  dp.run([refs](engine::Engine& engine, platform::TimePoint now) {
    engine::Effects fx;
    for (const auto& r : refs) fx.append(engine.delete_child_sa(now, r.tunnel_id, r.inbound_spi));
    return fx;
  });
  return refs.size();
}

namespace {

size_t delete_ids(Dataplane& dp, const std::vector<uint32_t>& ids) {
  if (ids.empty()) return 0;
  // By value: a Dataplane may run the call later on its engine thread.
  dp.run([ids](engine::Engine& engine, platform::TimePoint now) {
    engine::Effects fx;
    for (uint32_t id : ids) fx.append(engine.delete_ike_sa(now, id));
    return fx;
  });
  return ids.size();
}

ClearFilter filter_of(const grammar::Args& a) {
  ClearFilter f;
  if (a.has("id")) f.tunnel_id = static_cast<uint32_t>(a.number("id"));
  if (a.has("local")) f.local = a.address("local");
  if (a.has("remote")) f.remote = a.address("remote");
  if (a.has("peer")) f.remote = a.address("peer");
  return f;
}

Status run_clear(grammar::ExecContext& ctx) {
  auto* dp = ops::dataplane(ctx);
  if (dp != nullptr) clear_ike_sas(*dp, filter_of(ctx.args));
  return {};
}

// `clear crypto sa [peer A | map NAME]` / ASA `clear crypto ipsec sa [...]`: child SAs only.
Status run_clear_children(grammar::ExecContext& ctx) {
  auto* dp = ops::dataplane(ctx);
  if (dp == nullptr) return {};
  std::optional<platform::IpAddress> peer;
  std::optional<std::string> map;
  if (ctx.args.has("peer")) peer = ctx.args.address("peer");
  if (ctx.args.has("map")) map = ctx.args.text("map");
  clear_child_sas(*dp, peer, map);
  return {};
}

grammar::Help clear_help(bool asa) {
  grammar::Help h = {{"clear", "Reset functions"},
                     {"crypto", "Clear crypto information"},
                     {"ikev2", "Clear IKEv2 information"},
                     {"sa", asa ? "Clear IKEv2 SAs" : "Clear ikev2 SAs"},
                     {"session", "Clear crypto session"},
                     {"ipsec", "Clear IPsec information"},
                     {"local", "Local address of the SAs"},
                     {"remote", "Remote address of the SAs"},
                     {"peer", "Peer address of the SAs"},
                     {"map", "Crypto map whose SAs are cleared"},
                     {"$id", "Tunnel-id (as `show crypto ikev2 sa` lists it)"},
                     {"$local", "Local IP address"},
                     {"$remote", "Remote IP address"},
                     {"$peer", "Peer IP address"},
                     {"$map", "Crypto map name"}};
  return h;
}

}  // namespace

size_t clear_ike_sas(Dataplane& dp, const ClearFilter& filter) {
  return delete_ids(dp, select_for_clear(dp.engine().snapshot(), filter));
}

void declare_ios_clear(grammar::CommandSet& s) {
  const grammar::ActionOptions o{.privilege = 15, .help = clear_help(false)};
  auto ex = s.exec();
  ex.add("clear crypto ikev2 sa [{<1-4294967295>$id|local {A.B.C.D|X:X::X:X}$local|remote {A.B.C.D|X:X::X:X}$remote}]",
         run_clear, o);
  ex.add("clear crypto sa [{peer {A.B.C.D|X:X::X:X}$peer|map WORD$map}]", run_clear_children, o);
  ex.add("clear crypto session [{remote {A.B.C.D|X:X::X:X}$remote|local {A.B.C.D|X:X::X:X}$local}]", run_clear, o);
}

void declare_asa_clear(grammar::CommandSet& s) {
  const grammar::ActionOptions o{.privilege = 15, .help = clear_help(true)};
  auto ex = s.exec();
  ex.add("clear crypto ikev2 sa [{A.B.C.D|X:X::X:X}$remote]", run_clear, o);
  ex.add("clear crypto ipsec sa [{peer {A.B.C.D|X:X::X:X}$peer|map WORD$map}]", run_clear_children, o);
}

}  // namespace ravelin::ike::commands
