// The committed fuzz seeds stay meaningful: every plain-decoder seed is a message the decoder
// accepts, so the fuzzer starts from deep inside the codec. Inputs the fuzzer ever crashes on are
// added to the corpus (and so replayed here under ASan with `make asan-test`).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "ike/wire/codec.hpp"

namespace ravelin::ike::wire {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> seeds(const char* target) {
  std::vector<fs::path> out;
  const fs::path dir = fs::path(RAVELIN_SOURCE_DIR) / "tests" / "fuzz" / "corpus" / target;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
  return out;
}

Bytes read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

TEST(FuzzCorpus, EveryDecodeSeedIsAnAcceptedMessage) {
  const auto files = seeds("ike_decode_fuzz");
  ASSERT_GE(files.size(), 5u);
  for (const auto& f : files) {
    Counters c;
    auto d = decode(read(f), c);
    EXPECT_TRUE(d.ok()) << f.filename() << ": " << (d.ok() ? "" : d.rejection().reason);
    if (d.ok()) {
      EXPECT_EQ(encode(d.value()), read(f)) << f.filename() << " is in canonical encoding";
    }
  }
}

TEST(FuzzCorpus, EverySkSeedIsAPayloadChainTheDecoderAccepts) {
  const auto files = seeds("ike_sk_fuzz");
  ASSERT_GE(files.size(), 5u);
  for (const auto& f : files) {
    const Bytes b = read(f);
    ASSERT_GE(b.size(), 2u);
    if ((b[0] & 0xc0) != 0) continue;  // raw-datagram and fragment mode seeds
    Counters c;
    auto d = decode_payload_chain(Header{}, static_cast<PayloadType>(b[1]), std::span(b).subspan(2), true, c);
    EXPECT_TRUE(d.ok()) << f.filename() << ": " << (d.ok() ? "" : d.rejection().reason);
  }
}

}  // namespace
}  // namespace ravelin::ike::wire
