#include "ike/crypto/key_exchange.hpp"

#include "ike/crypto/openssl_evp.hpp"

namespace ravelin::ike::crypto {
namespace {

class OsslKeyExchange final : public KeyExchange {
 public:
  OsslKeyExchange(KeGroup g, std::unique_ptr<ossl::KexKey> key) : group_(g), key_(std::move(key)) {}
  KeGroup group() const override { return group_; }
  const Bytes& public_value() const override { return key_->public_value(); }
  Result<SecretBytes> compute_shared(std::span<const uint8_t> peer) const override { return key_->derive(peer); }

 private:
  KeGroup group_;
  std::unique_ptr<ossl::KexKey> key_;
};

}  // namespace

Result<std::unique_ptr<KeyExchange>> make_key_exchange(KeGroup group, Random& random) {
  auto key = ossl::make_kex_key(group, [&random](std::span<uint8_t> out) { random.fill(out); });
  if (!key) return key.error();
  return std::unique_ptr<KeyExchange>(std::make_unique<OsslKeyExchange>(group, std::move(*key)));
}

size_t ke_public_size(KeGroup group) { return ossl::kex_public_size(group); }

bool is_supported_group(KeGroup group) { return ke_public_size(group) != 0; }

std::string_view group_name(KeGroup group) {
  switch (group) {
    case KeGroup::None: return "NONE";
    case KeGroup::Modp768: return "MODP_768";
    case KeGroup::Modp1024: return "MODP_1024";
    case KeGroup::Modp1536: return "MODP_1536";
    case KeGroup::Modp2048: return "MODP_2048";
    case KeGroup::Modp3072: return "MODP_3072";
    case KeGroup::Modp4096: return "MODP_4096";
    case KeGroup::Ecp256: return "ECP_256";
    case KeGroup::Ecp384: return "ECP_384";
    case KeGroup::Ecp521: return "ECP_521";
    case KeGroup::Curve25519: return "Curve25519";
    case KeGroup::Curve448: return "Curve448";
  }
  return "UNKNOWN";
}

}  // namespace ravelin::ike::crypto
