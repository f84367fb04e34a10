// libFuzzer target: SK-protected messages with fixed keys, so the fuzzer reaches the decoder of the
// decrypted body. Byte 0 picks the mode and suite; in "seal" modes the rest (byte 1 = first inner
// payload type, then the inner chain) is encrypted with the fixed keys and then fed through
// decode_protected() + check_presence(); in "raw" mode the input is a whole datagram opened with the
// same keys (ICV failures, truncated bodies, bad padding); in "fragments" mode the rest is a list of
// records [number][total][length][bytes], each sealed as an SKF fragment and fed to the reassembler.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <algorithm>
#include <memory>
#include <optional>
#include <utility>
#include <span>

#include "ike/crypto/sk_cipher.hpp"
#include "ike/wire/fragment.hpp"
#include "ike/wire/presence.hpp"
#include "ike/wire/sk.hpp"

using namespace ravelin::ike;

namespace {

struct Fixed {
  std::unique_ptr<crypto::SkCipher> cipher;
  crypto::SecretBytes e, a;
};

Fixed make(crypto::EncrId encr, std::optional<crypto::IntegId> integ) {
  Fixed f;
  auto cipher = crypto::make_sk_cipher(encr, 128, integ);
  if (!cipher) std::abort();
  f.cipher = std::move(cipher.value());
  f.e = crypto::SecretBytes(f.cipher->encr_key_size());
  f.a = crypto::SecretBytes(f.cipher->integ_key_size());
  for (size_t i = 0; i < f.e.size(); ++i) f.e.data()[i] = static_cast<uint8_t>(0x10 + i);
  for (size_t i = 0; i < f.a.size(); ++i) f.a.data()[i] = static_cast<uint8_t>(0x80 + i);
  return f;
}

const Fixed& suite(int which) {
  static const Fixed gcm = make(crypto::EncrId::AesGcm16, std::nullopt);
  static const Fixed cbc = make(crypto::EncrId::AesCbc, crypto::IntegId::HmacSha2_256_128);
  return which == 0 ? gcm : cbc;
}

// Seals `inner` as an SK payload, or as an SKF fragment when `skf` holds {number, total}.
wire::Bytes seal(const Fixed& f, uint8_t exchange_bits, uint8_t first, std::span<const uint8_t> inner,
                 std::optional<std::pair<uint16_t, uint16_t>> skf = std::nullopt) {
  wire::Header h;
  h.spi_i = 0x0102030405060708;
  h.spi_r = 0x1112131415161718;
  h.exchange = static_cast<wire::ExchangeType>(34 + (exchange_bits & 3));
  h.response = (exchange_bits & 4) != 0;
  h.initiator = !h.response;
  h.message_id = 1;
  const size_t sealed = f.cipher->sealed_size(inner.size());
  const size_t hdr = skf ? 8 : 4;
  wire::Bytes out;
  wire::encode_header(h, skf ? wire::PayloadType::Skf : wire::PayloadType::Sk,
                      static_cast<uint32_t>(wire::kHeaderSize + hdr + sealed), out);
  out.push_back(first);
  out.push_back(0);
  out.push_back(static_cast<uint8_t>((hdr + sealed) >> 8));
  out.push_back(static_cast<uint8_t>(hdr + sealed));
  if (skf) {
    for (uint16_t v : {skf->first, skf->second}) {
      out.push_back(static_cast<uint8_t>(v >> 8));
      out.push_back(static_cast<uint8_t>(v));
    }
  }
  const wire::Bytes iv(f.cipher->iv_size(), 0x5a);
  auto body = f.cipher->seal(out, inner, iv, f.e, f.a);
  if (!body) std::abort();  // sealing our own fixed-size input never fails
  out.insert(out.end(), body->begin(), body->end());
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2 || size > 60000) return 0;
  const uint8_t mode = data[0];
  const Fixed& f = suite(mode & 1);
  const wire::SkKeys keys{f.cipher.get(), &f.e, &f.a};
  wire::Counters counters;
  if ((mode & 0x80) != 0) {
    (void)wire::decode_protected(std::span(data + 1, size - 1), keys, counters);
    return 0;
  }
  if ((mode & 0x40) != 0) {
    wire::FragmentReassembler reassembler;
    for (size_t at = 2; at + 3 <= size;) {
      const uint16_t number = data[at], total = data[at + 1];
      const size_t len = std::min<size_t>(data[at + 2], size - at - 3);
      const auto chunk = std::span(data + at + 3, len);
      at += 3 + len;
      const wire::Bytes d = seal(f, 1, number == 1 ? data[1] : 0, chunk, std::make_pair(number, total));
      auto outer = wire::decode(d, counters);
      if (!outer.ok()) continue;
      auto r = reassembler.add(outer.value(), d, keys, counters);
      if (r && !r->ok() && r->rejection().code == wire::Reject::IntegrityFailed) std::abort();
    }
    return 0;
  }
  const wire::Bytes datagram = seal(f, static_cast<uint8_t>(mode >> 1), data[1], std::span(data + 2, size - 2));
  auto d = wire::decode_protected(datagram, keys, counters);
  if (d.ok()) {
    if (counters.unprotected != 1) std::abort();
    for (const auto& p : d->payloads) {
      if (!p.encrypted) std::abort();
    }
    (void)wire::check_presence(d.value(), counters);
  } else if (d.rejection().code == wire::Reject::IntegrityFailed) {
    std::abort();  // we sealed it with these keys: the ICV must verify
  }
  return 0;
}
