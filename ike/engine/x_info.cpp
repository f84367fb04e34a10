// INFORMATIONAL (RFC 7296 §1.4): DELETE of the IKE SA or of child SAs (several SPIs per payload,
// several payloads per message), and the empty request used for liveness checks (DPD, §2.4).
//   HDR, SK { [N,] [D,] ... }  -->
//                <--  HDR, SK { [N,] [D,] ... }
#include "ike/engine/engine.hpp"
#include "ike/engine/helpers.hpp"
#include "ike/engine/ike_sa.hpp"

namespace ravelin::ike::engine {

using platform::TimePoint;

void Engine::delete_child_send(TimePoint now, IkeSa& sa, uint32_t inbound_spi, Effects& fx) {
  if (!sa.find_child(inbound_spi)) return;  // already gone (the peer deleted it first)
  send_child_delete(now, sa, inbound_spi, RequestKind::DeleteChild, fx);
}

// INFORMATIONAL { D(ESP, our inbound SPI) } -->; §1.4.1: the peer answers with its own SPI of the pair.
void Engine::send_child_delete(TimePoint now, IkeSa& sa, uint32_t inbound_spi, RequestKind kind, Effects& fx) {
  wire::Message m;
  m.header.exchange = wire::ExchangeType::Informational;
  m.add(wire::PayloadType::Delete, wire::DeletePayload{wire::ProtocolId::Esp, 4, {spi32_bytes(inbound_spi)}});
  if (OutstandingRequest* r = send_request(now, sa, std::move(m), static_cast<uint8_t>(kind), fx)) r->child_spi = inbound_spi;
}

// N(INVALID_SPI) (§2.21, §3.10.1): the peer received ESP with this SPI — our outbound SPI of a child it
// no longer has. The message is authenticated, so the child goes locally (no DELETE: the peer has no
// half to remove). The SPI is read from the notify's SPI field, or from its data as RFC 4306 put it.
void Engine::invalid_spi_in(IkeSa& sa, const wire::Message& msg, Effects& fx) {
  for (const auto* n : msg.notifies()) {
    if (n->type != wire::NotifyType::InvalidSpi) continue;
    auto spi = n->spi.size() == 4 ? spi32(n->spi) : spi32(n->data);
    ChildState* c = spi ? sa.find_child_by_outbound(*spi) : nullptr;
    if (!c) continue;
    ++counters_.invalid_spi_received;
    log(platform::LogLevel::Info, &sa, "peer reports INVALID_SPI " + hex_spi(*spi).substr(8) + ": child deleted");
    fx.remove.push_back({c->inbound_spi, c->outbound_spi, sa.local.address, sa.remote.address, "peer reported INVALID_SPI"});
    if (!c->rekeyed) fx.events.push_back({EventKind::ChildSaDown, sa.id, "child SA unknown to peer (INVALID_SPI)"});
    const uint32_t gone = c->inbound_spi;
    std::erase_if(sa.queue, [&](const QueuedWork& w) { return w.child_spi == gone && w.kind != RequestKind::ClearChild; });
    std::erase_if(sa.children, [&](const ChildState& x) { return x.inbound_spi == gone; });
  }
}

void Engine::info_request_in(TimePoint now, IkeSa& sa, const wire::Message& msg, Effects& fx) {
  invalid_spi_in(sa, msg, fx);
  wire::Message r;
  r.header.exchange = wire::ExchangeType::Informational;
  bool delete_ike = false;
  std::vector<wire::Bytes> ours;
  for (const auto& p : msg.payloads) {
    const auto* d = std::get_if<wire::DeletePayload>(&p.body);
    if (!d) continue;
    if (d->protocol == wire::ProtocolId::Ike) {
      delete_ike = true;
      continue;
    }
    for (const auto& b : d->spis) {
      auto spi = spi32(b);
      ChildState* c = spi ? sa.find_child_by_outbound(*spi) : nullptr;
      if (!c) continue;  // §1.4.1: an SPI we do not know is ignored
      fx.remove.push_back({c->inbound_spi, c->outbound_spi, sa.local.address, sa.remote.address, "deleted by peer"});
      if (!c->rekeyed) fx.events.push_back({EventKind::ChildSaDown, sa.id, "child SA deleted by peer"});
      ours.push_back(spi32_bytes(c->inbound_spi));
      const uint32_t gone = c->inbound_spi;
      std::erase_if(sa.children, [&](const ChildState& x) { return x.inbound_spi == gone; });
    }
  }
  if (!ours.empty()) r.add(wire::PayloadType::Delete, wire::DeletePayload{wire::ProtocolId::Esp, 4, ours});
  send_response(sa, r, fx);
  if (delete_ike) {
    // §2.8.2: the peer won a simultaneous IKE rekey and deletes the old SA; the SA its rekey created
    // (parked here until our own response) inherits the children first.
    if (IkeSa* parked = sa.rekey_parked_id ? find_by_id(sa.rekey_parked_id) : nullptr) {
      const uint32_t id = sa.id;
      move_to_new_sa(now, sa, *parked, fx);
      if (IkeSa* old_sa = find_by_id(id)) destroy_sa(now, *old_sa, "rekeyed", fx);
      return;
    }
    destroy_sa(now, sa, "deleted by peer", fx);
  }
  else if (sa.status == IkeStatus::Ready || sa.status == IkeStatus::Rekeying) arm_dpd(now, sa);
}

void Engine::info_response_in(TimePoint now, IkeSa& sa, const wire::Message& msg, Effects& fx) {
  const RequestKind kind = sa.outstanding->kind;
  const uint32_t child_spi = sa.outstanding->child_spi;
  sa.outstanding.reset();
  (void)msg;
  switch (kind) {
    case RequestKind::Delete: destroy_sa(now, sa, "deleted locally", fx); return;
    case RequestKind::DeleteChild:
      if (ChildState* c = sa.find_child(child_spi)) {
        fx.remove.push_back({c->inbound_spi, c->outbound_spi, sa.local.address, sa.remote.address,
                             c->rekeyed ? "rekeyed" : "deleted locally"});
        if (!c->rekeyed) fx.events.push_back({EventKind::ChildSaDown, sa.id, "child SA deleted locally"});
        std::erase_if(sa.children, [&](const ChildState& x) { return x.inbound_spi == child_spi; });
      }
      break;
    default: break;
  }
  arm_dpd(now, sa);
}

}  // namespace ravelin::ike::engine
