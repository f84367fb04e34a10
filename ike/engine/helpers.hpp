#pragma once
// Conversions between wire payloads and engine values, and key-derivation glue over ike/crypto.
#include <optional>
#include <string>

#include "ike/config/ike_config.hpp"
#include "ike/engine/ike_sa.hpp"
#include "ike/wire/message.hpp"
#include "ike/wire/sk.hpp"
#include "ipsec/ts/traffic_selector.hpp"

namespace ravelin::ike::engine {

[[nodiscard]] wire::TsPayload to_wire(const ipsec::ts::TrafficSelectors& ts);
[[nodiscard]] ipsec::ts::TrafficSelectors from_wire(const wire::TsPayload& ts);

[[nodiscard]] wire::IdPayload to_wire(const config::Identity& id);
[[nodiscard]] std::optional<config::Identity> from_wire(const wire::IdPayload& id);

[[nodiscard]] wire::Bytes spi32_bytes(uint32_t spi);
[[nodiscard]] std::optional<uint32_t> spi32(const wire::Bytes& bytes);
[[nodiscard]] wire::Bytes spi64_bytes(uint64_t spi);
[[nodiscard]] std::optional<uint64_t> spi64(const wire::Bytes& bytes);

// Builds the cipher and PRF for the chosen algorithms and derives SK_* from g^ir (§2.14), or from the
// old SA's SK_d for an IKE rekey (§2.18) when `old_sk_d` is given.
[[nodiscard]] Status derive_ike_keys(IkeSa& sa, const crypto::SecretBytes& g_ir, const wire::Bytes& ni,
                                     const wire::Bytes& nr, const crypto::SecretBytes* old_sk_d = nullptr,
                                     const crypto::Prf* old_prf = nullptr);

// KEYMAT for a child (§2.17) split into our inbound/outbound halves, in a ChildSa ready to install.
[[nodiscard]] Result<ipsec::sa::ChildSa> derive_child(const IkeSa& sa, const ChildState& child,
                                                      const crypto::SecretBytes* g_ir, const wire::Bytes& ni,
                                                      const wire::Bytes& nr, bool we_initiated_exchange);

[[nodiscard]] wire::SkKeys out_keys(const IkeSa& sa);
[[nodiscard]] wire::SkKeys in_keys(const IkeSa& sa);

[[nodiscard]] std::string hex_spi(uint64_t spi);

}  // namespace ravelin::ike::engine
