// Key material is wiped before its memory goes back to the allocator (issue 11 "keys wiped when an SA
// dies"). This executable replaces the global operator new/delete (C++ [replacement.functions]) so
// every block freed while a watch is armed is searched for the watched key bytes before free():
// a hit means a copy of a key reached the heap in a type that does not wipe itself.
#include <gtest/gtest.h>
#include <malloc.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <new>

#include "ike/crypto/secret_bytes.hpp"
#include "ipsec/sa/child_sa.hpp"
#include "tests/fuzz/responder_driver.hpp"

namespace {

// Fixed storage (never on the heap, so the watch never finds its own needles).
struct Watch {
  static constexpr size_t kMax = 32;
  std::array<std::array<uint8_t, 64>, kMax> needle{};
  std::array<size_t, kMax> len{};
  size_t count = 0;
  bool armed = false;
  size_t hits = 0;
  size_t blocks = 0;
};
Watch g_watch;

void inspect(const void* p, size_t n) {
  if (!g_watch.armed || p == nullptr) return;
  ++g_watch.blocks;
  const auto* b = static_cast<const uint8_t*>(p);
  for (size_t i = 0; i < g_watch.count; ++i) {
    const auto* first = g_watch.needle[i].data();
    if (std::search(b, b + n, first, first + g_watch.len[i]) != b + n) ++g_watch.hits;
  }
}

void watch(std::span<const uint8_t> key) {
  if (g_watch.count == Watch::kMax || key.size() < 16) return;
  const size_t n = std::min<size_t>(key.size(), 64);
  std::copy_n(key.begin(), n, g_watch.needle[g_watch.count].begin());
  g_watch.len[g_watch.count++] = n;
}

struct Armed {
  Armed() {
    g_watch.hits = 0;
    g_watch.blocks = 0;
    g_watch.armed = true;
  }
  ~Armed() { g_watch.armed = false; }
};

}  // namespace

void* operator new(size_t n) {
  void* p = std::malloc(n == 0 ? 1 : n);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
void operator delete(void* p) noexcept {
  if (p != nullptr) inspect(p, malloc_usable_size(p));
  std::free(p);
}
void operator delete(void* p, size_t n) noexcept {
  inspect(p, n);
  std::free(p);
}
// Every other replaceable form goes through the same malloc/free pair: a library that allocates
// with one form (std::get_temporary_buffer uses nothrow new) and frees with another must meet the
// same allocator, or AddressSanitizer reports alloc-dealloc-mismatch (make asan-test found it).
void* operator new[](size_t n) { return ::operator new(n); }
void* operator new(size_t n, const std::nothrow_t&) noexcept { return std::malloc(n == 0 ? 1 : n); }
void* operator new[](size_t n, const std::nothrow_t&) noexcept { return std::malloc(n == 0 ? 1 : n); }
void operator delete[](void* p) noexcept { ::operator delete(p); }
void operator delete[](void* p, size_t n) noexcept { ::operator delete(p, n); }
void operator delete(void* p, const std::nothrow_t&) noexcept { ::operator delete(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { ::operator delete(p); }

namespace ravelin::ike::crypto {
namespace {

std::vector<uint8_t> pattern(size_t n, uint8_t seed) {
  std::vector<uint8_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<uint8_t>(seed + 7 * i + (i >> 3));
  return v;
}

TEST(Wipe, WatchFindsAKeyFreedInAPlainVector) {
  // The negative control: a key in a std::vector is found when the vector dies.
  const auto key = pattern(32, 1);
  g_watch.count = 0;
  watch(key);
  {
    Armed on;
    auto* copy = new std::vector<uint8_t>(key);
    delete copy;
  }
  EXPECT_GE(g_watch.hits, 1u);
}

TEST(Wipe, SecretBytesIsZeroedWhenDestroyedReassignedOrGrown) {
  const auto key = pattern(48, 2);
  g_watch.count = 0;
  watch(key);
  Armed on;
  { SecretBytes s(key); }
  {
    SecretBytes s(key);
    s = SecretBytes(std::vector<uint8_t>(8, 1));  // move-assigned over
  }
  {
    SecretBytes s(key);
    for (int i = 0; i < 8; ++i) s.append(std::vector<uint8_t>(64, 0xee));  // reallocations
  }
  {
    SecretBytes s(key);
    SecretBytes t = s.slice(0, 48);
    t.clear();
  }
  EXPECT_EQ(g_watch.hits, 0u) << "a SecretBytes buffer reached free() with key bytes in it";
  EXPECT_GE(g_watch.blocks, 3u);
}

TEST(Wipe, ChildSaKeyBytesAreZeroedWhenTheChildSaDies) {
  const auto key = pattern(36, 3);
  g_watch.count = 0;
  watch(key);
  Armed on;
  {
    ipsec::sa::ChildSa c;
    c.inbound_encr_key = ipsec::sa::KeyBytes(key);
    ipsec::sa::ChildSa copy = c;
    ipsec::sa::ChildSa moved = std::move(copy);
    c.inbound_encr_key = ipsec::sa::KeyBytes(std::vector<uint8_t>(4, 0));
  }
  EXPECT_EQ(g_watch.hits, 0u);
}

TEST(Wipe, NoSkKeyOrKeymatSurvivesInFreedMemoryOverAWholeResponderSaLife) {
  // First run: learn the keys (the driver and the engine are deterministic for a seed).
  {
    fuzz::ResponderDriver learn;
    ASSERT_TRUE(learn.init());
    auto fx = learn.auth();
    ASSERT_EQ(fx.install.size(), 1u);
    g_watch.count = 0;
    const auto& k = learn.keys();
    for (const auto* s : {&k.sk_d, &k.sk_ai, &k.sk_ar, &k.sk_ei, &k.sk_er, &k.sk_pi, &k.sk_pr}) watch(s->view());
    for (const auto* kb : {&fx.install[0].inbound_encr_key, &fx.install[0].outbound_encr_key,
                           &fx.install[0].inbound_integ_key, &fx.install[0].outbound_integ_key}) {
      watch(kb->bytes());
    }
  }
  ASSERT_GE(g_watch.count, 9u);
  // Second run, watched from the first byte: handshake, DPD, IKE DELETE, engine destroyed.
  Armed on;
  {
    fuzz::ResponderDriver d;
    ASSERT_TRUE(d.init());
    ASSERT_EQ(d.auth().install.size(), 1u);
    wire::Message dpd;
    dpd.header.exchange = wire::ExchangeType::Informational;
    dpd.header.message_id = 2;
    (void)d.message(dpd);
    wire::Message del = dpd;
    del.header.message_id = 3;
    del.add(wire::PayloadType::Delete, wire::DeletePayload{wire::ProtocolId::Ike, 0, {}});
    (void)d.message(del);
    EXPECT_EQ(d.engine().ike_sa_count(), 0u);
  }
  EXPECT_EQ(g_watch.hits, 0u) << g_watch.hits << " freed blocks still held SK_* or KEYMAT bytes";
  EXPECT_GT(g_watch.blocks, 100u);
}

}  // namespace
}  // namespace ravelin::ike::crypto
