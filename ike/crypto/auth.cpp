#include "ike/crypto/auth.hpp"

#include <string_view>

namespace ravelin::ike::crypto {
namespace {
// RFC 7296 §2.15: the 17 ASCII characters, no terminating NUL.
constexpr std::string_view kKeyPad = "Key Pad for IKEv2";
}  // namespace

SecretBytes maced_id(const Prf& prf, const SecretBytes& sk_p, std::span<const uint8_t> id_body) {
  return prf.compute(sk_p.view(), id_body);
}

Bytes signed_octets(std::span<const uint8_t> real_message, std::span<const uint8_t> peer_nonce,
                    const SecretBytes& mac) {
  Bytes out(real_message.begin(), real_message.end());
  out.insert(out.end(), peer_nonce.begin(), peer_nonce.end());
  out.insert(out.end(), mac.view().begin(), mac.view().end());
  return out;
}

SecretBytes psk_auth(const Prf& prf, std::span<const uint8_t> psk, std::span<const uint8_t> octets) {
  const auto* pad = reinterpret_cast<const uint8_t*>(kKeyPad.data());
  const SecretBytes inner = prf.compute(psk, std::span<const uint8_t>(pad, kKeyPad.size()));
  return prf.compute(inner.view(), octets);
}

bool verify_psk_auth(const Prf& prf, std::span<const uint8_t> psk, std::span<const uint8_t> octets,
                     std::span<const uint8_t> received) {
  const SecretBytes expected = psk_auth(prf, psk, octets);
  return !expected.empty() && expected.equals(received);
}

}  // namespace ravelin::ike::crypto
