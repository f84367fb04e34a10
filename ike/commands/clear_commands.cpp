// `clear crypto ikev2 sa`, `clear crypto sa`, `clear crypto session` (IOS) and `clear crypto ikev2 sa`,
// `clear crypto ipsec sa` (ASA), cisco-cli.md §4.13. IOS prints nothing for a clear (the result shows
// in syslog/debug and in the next `show`); so do we. Every clear deletes whole IKE SAs with an
// INFORMATIONAL DELETE (RFC 7296 §1.4.1): their child SAs go with them, and the crypto-map policies
// stay, so the next matching packet (kernel ACQUIRE) or the peer negotiates afresh.
#include <algorithm>
#include <set>

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

// The tunnel ids of SAs carrying a child of crypto map `map` (any sequence).
std::vector<uint32_t> ids_of_map(const Dataplane& dp, const std::string& map) {
  const auto cfg = dp.config();
  std::set<uint32_t> ids;
  for (const auto& sa : dp.engine().snapshot()) {
    for (const auto& c : sa.children) {
      const auto* e = cfg ? cfg->find_map_entry(c.map_entry_id) : nullptr;
      if (e != nullptr && e->map_name == map) ids.insert(sa.tunnel_id);
    }
  }
  return {ids.begin(), ids.end()};
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
  if (dp == nullptr) return {};
  if (ctx.args.has("map")) {
    delete_ids(*dp, ids_of_map(*dp, ctx.args.text("map")));
  } else {
    clear_ike_sas(*dp, filter_of(ctx.args));
  }
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
  ex.add("clear crypto sa [{peer {A.B.C.D|X:X::X:X}$peer|map WORD$map}]", run_clear, o);
  ex.add("clear crypto session [{remote {A.B.C.D|X:X::X:X}$remote|local {A.B.C.D|X:X::X:X}$local}]", run_clear, o);
}

void declare_asa_clear(grammar::CommandSet& s) {
  const grammar::ActionOptions o{.privilege = 15, .help = clear_help(true)};
  auto ex = s.exec();
  ex.add("clear crypto ikev2 sa [{A.B.C.D|X:X::X:X}$remote]", run_clear, o);
  ex.add("clear crypto ipsec sa [{peer {A.B.C.D|X:X::X:X}$peer|map WORD$map}]", run_clear, o);
}

}  // namespace ravelin::ike::commands
