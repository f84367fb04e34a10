#include "ike/crypto/kdf.hpp"

#include <string>

namespace ravelin::ike::crypto {
namespace {

void put_u64(uint64_t v, Bytes& out) {
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

// Ni | Nr as one buffer (nonces are not secret).
Bytes concat(std::span<const uint8_t> a, std::span<const uint8_t> b) {
  Bytes out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

}  // namespace

Result<SecretBytes> prf_plus(const Prf& prf, std::span<const uint8_t> key, std::span<const uint8_t> seed,
                             size_t length) {
  const size_t hlen = prf.output_size();
  if (hlen == 0 || length > 255 * hlen) {
    return make_error("prf+: " + std::to_string(length) + " bytes asked, at most 255 blocks of " +
                      std::to_string(hlen));
  }
  SecretBytes out;
  SecretBytes t;  // T(n-1)
  SecretBytes input;
  for (unsigned n = 1; out.size() < length; ++n) {
    input.clear();
    input.append(t.view());
    input.append(seed);
    const uint8_t counter = static_cast<uint8_t>(n);
    input.append(std::span<const uint8_t>(&counter, 1));
    t = prf.compute(key, input.view());
    if (t.size() != hlen) return make_error("prf+: PRF failed");
    out.append(t.view());
  }
  return out.slice(0, length);
}

SecretBytes skeyseed(const Prf& prf, std::span<const uint8_t> ni, std::span<const uint8_t> nr, const SecretBytes& g_ir) {
  const Bytes key = concat(ni, nr);
  return prf.compute(key, g_ir.view());
}

SecretBytes rekey_skeyseed(const Prf& new_prf, const SecretBytes& old_sk_d, const SecretBytes& g_ir,
                           std::span<const uint8_t> ni, std::span<const uint8_t> nr) {
  SecretBytes data(g_ir.view());
  data.append(ni);
  data.append(nr);
  return new_prf.compute(old_sk_d.view(), data.view());
}

Result<IkeSaKeys> derive_ike_sa_keys(const Prf& prf, const SecretBytes& seed_key, std::span<const uint8_t> ni,
                                     std::span<const uint8_t> nr, uint64_t spi_i, uint64_t spi_r,
                                     const IkeKeySizes& sizes) {
  if (seed_key.empty()) return make_error("SKEYSEED is empty");
  Bytes seed = concat(ni, nr);
  put_u64(spi_i, seed);
  put_u64(spi_r, seed);
  const size_t total = 3 * sizes.prf + 2 * sizes.integ + 2 * sizes.encr;
  auto km = prf_plus(prf, seed_key.view(), seed, total);
  if (!km) return km.error();
  IkeSaKeys k;
  size_t at = 0;
  auto take = [&](size_t n) {
    SecretBytes s = km->slice(at, n);
    at += n;
    return s;
  };
  k.sk_d = take(sizes.prf);
  k.sk_ai = take(sizes.integ);
  k.sk_ar = take(sizes.integ);
  k.sk_ei = take(sizes.encr);
  k.sk_er = take(sizes.encr);
  k.sk_pi = take(sizes.prf);
  k.sk_pr = take(sizes.prf);
  return k;
}

Result<ChildSaKeys> derive_child_keys(const Prf& prf, const SecretBytes& sk_d, const SecretBytes* g_ir_new,
                                      std::span<const uint8_t> ni, std::span<const uint8_t> nr,
                                      const ChildKeySizes& sizes) {
  if (sk_d.empty()) return make_error("SK_d is empty");
  SecretBytes seed;
  if (g_ir_new != nullptr) seed.append(g_ir_new->view());
  seed.append(ni);
  seed.append(nr);
  auto km = prf_plus(prf, sk_d.view(), seed.view(), 2 * (sizes.encr + sizes.integ));
  if (!km) return km.error();
  ChildSaKeys k;
  size_t at = 0;
  auto take = [&](size_t n) {
    SecretBytes s = km->slice(at, n);
    at += n;
    return s;
  };
  k.encr_i = take(sizes.encr);
  k.integ_i = take(sizes.integ);
  k.encr_r = take(sizes.encr);
  k.integ_r = take(sizes.integ);
  return k;
}

}  // namespace ravelin::ike::crypto
