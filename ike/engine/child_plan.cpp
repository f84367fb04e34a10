#include "ike/engine/child_plan.hpp"

#include <algorithm>

namespace ravelin::ike::engine {

namespace {

std::vector<const config::TransformSet*> sets_of(const config::IkeConfig& cfg, const config::CryptoMapEntry& e) {
  std::vector<const config::TransformSet*> out;
  for (const auto& n : e.transform_sets) {
    if (const auto* t = cfg.find_transform_set(n)) out.push_back(t);
  }
  return out;
}

std::string ts_text(const ipsec::ts::TrafficSelectors& ts) {
  std::string s;
  for (const auto& t : ts) s += (s.empty() ? "" : ", ") + t.to_string();
  return s.empty() ? "nothing" : s;
}

}  // namespace

std::variant<ChildPlan, ChildRefusal> plan_responder_child(const config::IkeConfig& cfg,
                                                           const platform::IpAddress& peer,
                                                           const ChildRequest& req, uint32_t map_entry_hint) {
  std::vector<const config::CryptoMapEntry*> entries;
  for (const auto& e : cfg.crypto_map) {
    bool for_peer = e.peers.empty() ||
                    std::find(e.peers.begin(), e.peers.end(), peer) != e.peers.end();
    if (for_peer && (map_entry_hint == 0 || e.id() == map_entry_hint)) entries.push_back(&e);
  }
  std::sort(entries.begin(), entries.end(), [](auto* a, auto* b) { return a->seq < b->seq; });
  std::string why_ts;
  std::string why_prop;
  for (const auto* e : entries) {
    // The initiator's TSi is our remote side, its TSr our local side.
    auto tsi = ipsec::ts::narrow(req.tsi, e->remote_ts);
    auto tsr = ipsec::ts::narrow(req.tsr, e->local_ts);
    if (tsi.empty() || tsr.empty()) {
      why_ts += " map " + e->map_name + " " + std::to_string(e->seq) + " allows " + ts_text(e->remote_ts) +
                " -> " + ts_text(e->local_ts) + ";";
      continue;
    }
    auto sets = sets_of(cfg, *e);
    const uint16_t pfs = req.in_ike_auth ? 0 : (e->pfs_group ? e->pfs_group : req.pfs_group);
    auto ours = esp_proposals(sets, pfs, 0);
    auto offered = req.sa->proposals;
    if (req.in_ike_auth) {
      for (auto& p : offered) {
        std::erase_if(p.transforms, [](const wire::Transform& t) { return t.type == wire::TransformType::Ke; });
      }
    }
    auto sel = select(ours, offered);
    if (!sel) {
      why_prop = sel.error().message;
      continue;
    }
    auto alg = esp_algorithms(sel->chosen);
    if (!alg) {
      why_prop = alg.error().message;
      continue;
    }
    ChildPlan plan;
    plan.entry = e;
    plan.selection = std::move(*sel);
    plan.tsi = std::move(tsi);
    plan.tsr = std::move(tsr);
    plan.algorithms = *alg;
    auto mode = sets.empty() ? ipsec::sa::Mode::Tunnel : sets.front()->mode;
    plan.mode = (req.transport && mode == ipsec::sa::Mode::Transport) ? ipsec::sa::Mode::Transport
                                                                      : ipsec::sa::Mode::Tunnel;
    return plan;
  }
  if (!why_prop.empty()) return ChildRefusal{wire::NotifyType::NoProposalChosen, "child SA: " + why_prop};
  return ChildRefusal{wire::NotifyType::TsUnacceptable,
                      "selectors " + ts_text(req.tsi) + " -> " + ts_text(req.tsr) + " unacceptable:" +
                          (why_ts.empty() ? " no crypto map entry for peer " + peer.to_string() : why_ts)};
}

}  // namespace ravelin::ike::engine
