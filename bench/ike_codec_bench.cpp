// IKEv2 codec speed: decode/encode of typical messages, SK protect/unprotect per message size.
// Results and the exact command: docs/BENCHMARKS.md ("IKE codec and crypto").
#include <benchmark/benchmark.h>

#include "ike/crypto/random.hpp"
#include "ike/crypto/sk_cipher.hpp"
#include "ike/wire/codec.hpp"
#include "ike/wire/presence.hpp"
#include "ike/wire/sk.hpp"
#include "tests/unit/ike_wire/fixtures.hpp"

namespace {

using namespace ravelin::ike;

void BM_DecodeSaInitRequest(benchmark::State& state) {
  const wire::Bytes b = wire::encode(wire::test::sa_init_request());
  wire::Counters c;
  for (auto _ : state) {
    auto d = wire::decode(b, c);
    benchmark::DoNotOptimize(d);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * b.size()));
}
BENCHMARK(BM_DecodeSaInitRequest);

void BM_DecodeEveryPayloadAndCheckPresence(benchmark::State& state) {
  const wire::Bytes b = wire::encode(wire::test::every_payload());
  wire::Counters c;
  for (auto _ : state) {
    auto d = wire::decode(b, c);
    if (d.ok()) benchmark::DoNotOptimize(wire::check_presence(d.value(), c));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * b.size()));
}
BENCHMARK(BM_DecodeEveryPayloadAndCheckPresence);

void BM_EncodeSaInitRequest(benchmark::State& state) {
  const wire::Message m = wire::test::sa_init_request();
  for (auto _ : state) benchmark::DoNotOptimize(wire::encode(m));
}
BENCHMARK(BM_EncodeSaInitRequest);

struct SkSetup {
  std::unique_ptr<crypto::SkCipher> cipher;
  crypto::SecretBytes e, a;
  wire::SkKeys keys() const { return {cipher.get(), &e, &a}; }
};

SkSetup sk_setup(bool gcm) {
  SkSetup s;
  auto c = gcm ? crypto::make_sk_cipher(crypto::EncrId::AesGcm16, 256, std::nullopt)
               : crypto::make_sk_cipher(crypto::EncrId::AesCbc, 256, crypto::IntegId::HmacSha2_256_128);
  s.cipher = std::move(c.value());
  s.e = crypto::SecretBytes(s.cipher->encr_key_size());
  s.a = crypto::SecretBytes(s.cipher->integ_key_size());
  return s;
}

// An INFORMATIONAL carrying one Vendor ID payload of `size` bytes (stands for any payload mix).
wire::Message message_of(size_t size) {
  wire::Message m;
  m.header = wire::test::header(wire::ExchangeType::Informational, true, false, 5);
  m.add(wire::PayloadType::Vendor, wire::VendorPayload{wire::Bytes(size, 0x61)});
  return m;
}

void BM_SkProtect(benchmark::State& state) {
  const SkSetup s = sk_setup(state.range(1) != 0);
  const wire::Message m = message_of(static_cast<size_t>(state.range(0)));
  crypto::DeterministicRandom rnd(1);
  for (auto _ : state) benchmark::DoNotOptimize(wire::encode_protected(m, s.keys(), rnd));
  state.SetBytesProcessed(state.iterations() * state.range(0));
  state.SetLabel(state.range(1) ? "aes-gcm-256" : "aes-cbc-256+sha256");
}
BENCHMARK(BM_SkProtect)->ArgsProduct({{64, 512, 1400, 8192}, {0, 1}});

void BM_SkUnprotect(benchmark::State& state) {
  const SkSetup s = sk_setup(state.range(1) != 0);
  crypto::DeterministicRandom rnd(2);
  const wire::Bytes b = wire::encode_protected(message_of(static_cast<size_t>(state.range(0))), s.keys(), rnd).value();
  wire::Counters c;
  for (auto _ : state) {
    auto d = wire::decode_protected(b, s.keys(), c);
    if (!d.ok()) state.SkipWithError("unprotect failed");
    benchmark::DoNotOptimize(d);
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
  state.SetLabel(state.range(1) ? "aes-gcm-256" : "aes-cbc-256+sha256");
}
BENCHMARK(BM_SkUnprotect)->ArgsProduct({{64, 512, 1400, 8192}, {0, 1}});

}  // namespace

BENCHMARK_MAIN();
