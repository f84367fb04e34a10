// Feeding the keylog sink (ike/engine/keylog_sink.hpp): IKE SA keys when SK_* are derived, child SA
// keys per direction when a child is installed.
#include "ike/engine/engine.hpp"
#include "ike/engine/ike_sa.hpp"

namespace ravelin::ike::engine {

void Engine::keylog_ike(const IkeSa& sa) {
  if (!deps_.keylog) return;
  crypto::IkeKeylogInput in;
  in.spi_i = sa.spi_i;
  in.spi_r = sa.spi_r;
  in.encr = sa.alg.encr;
  in.key_bits = sa.alg.key_bits;
  in.integ = sa.alg.integ;
  in.sk_ei = &sa.keys.sk_ei;
  in.sk_er = &sa.keys.sk_er;
  in.sk_ai = &sa.keys.sk_ai;
  in.sk_ar = &sa.keys.sk_ar;
  deps_.keylog->ike_sa_keys(in);
}

void Engine::keylog_child(const ipsec::sa::ChildSa& k) {
  if (!deps_.keylog) return;
  auto one = [&](const platform::IpAddress& src, const platform::IpAddress& dst, uint32_t spi,
                 const ipsec::sa::KeyBytes& encr, const ipsec::sa::KeyBytes& integ) {
    // Temporary secret copies, wiped when they go out of scope.
    const crypto::SecretBytes e(std::span<const uint8_t>(encr.bytes()));
    const crypto::SecretBytes i(std::span<const uint8_t>(integ.bytes()));
    crypto::EspKeylogInput in;
    in.src = src;
    in.dst = dst;
    in.spi = spi;
    in.encr = static_cast<wire::EncrId>(k.algorithms.encr_id);
    in.key_bits = k.algorithms.encr_key_bits;
    in.integ = static_cast<wire::IntegId>(k.algorithms.integ_id);
    in.encr_key = &e;
    in.integ_key = &i;
    deps_.keylog->child_sa_keys(in);
  };
  one(k.local, k.remote, k.outbound_spi, k.outbound_encr_key, k.outbound_integ_key);
  one(k.remote, k.local, k.inbound_spi, k.inbound_encr_key, k.inbound_integ_key);
}

}  // namespace ravelin::ike::engine
