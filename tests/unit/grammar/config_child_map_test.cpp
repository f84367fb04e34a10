// The children map of a config node: a sorted map in shared chunks. It behaves as a std::map under
// random inserts and erases, a copy shares chunks until one side changes, and diff() skips what two
// trees share without missing what they do not.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "grammar/config/diff.hpp"
#include "grammar/config/node.hpp"
#include "tests/unit/grammar/test_commands.hpp"

namespace ravelin::grammar {
namespace {

using config::ChildMap;
using config::Node;

std::vector<std::string> keys_of(const ChildMap& m) {
  std::vector<std::string> out;
  for (const auto& [k, v] : m) out.push_back(k);
  return out;
}

std::vector<std::string> keys_of(const std::map<std::string, int>& m) {
  std::vector<std::string> out;
  for (const auto& [k, v] : m) out.push_back(k);
  return out;
}

TEST(ConfigChildMap, BehavesAsASortedMapUnderRandomInsertsAndErases) {
  CommandSet set(Dialect::Ios);
  const Decl& root = set.root();
  ChildMap m;
  std::map<std::string, int> ref;
  std::mt19937 r(11);
  for (int i = 0; i < 5000; ++i) {
    const std::string k = "k" + std::to_string(std::uniform_int_distribution<int>(0, 999)(r));
    if (r() % 3 == 0) {
      EXPECT_EQ(m.erase(k), ref.erase(k) == 1);
    } else {
      m.put(k, std::make_shared<Node>(root, Args(), k, k, 0));
      ref[k] = 1;
    }
    ASSERT_EQ(m.size(), ref.size());
  }
  EXPECT_EQ(keys_of(m), keys_of(ref));
  for (const auto& [k, v] : ref) {
    ASSERT_NE(m.find(k), m.end());
    EXPECT_EQ(m.find(k)->second->words(), k);
  }
  EXPECT_EQ(m.find("k1000"), m.end());
  EXPECT_EQ(m.lower_bound("k5")->first, ref.lower_bound("k5")->first);
  EXPECT_EQ(m.lower_bound("zzz"), m.end());
  m.erase_prefix("k1");
  std::erase_if(ref, [](const auto& kv) { return kv.first.starts_with("k1"); });
  EXPECT_EQ(keys_of(m), keys_of(ref));
}

TEST(ConfigChildMap, ACopySharesChunksUntilOneSideChanges) {
  CommandSet set(Dialect::Ios);
  ChildMap a;
  for (int i = 0; i < 1000; ++i) {
    const std::string k = "k" + std::to_string(1000 + i);
    a.put(k, std::make_shared<Node>(set.root(), Args(), k, k, 0));
  }
  ChildMap b = a;
  auto* slot = b.find_mut("k1500");
  ASSERT_NE(slot, nullptr);
  *slot = std::make_shared<Node>(set.root(), Args(), "changed", "k1500", 0);
  EXPECT_EQ(a.find("k1500")->second->words(), "k1500");
  EXPECT_EQ(b.find("k1500")->second->words(), "changed");
  // Only the changed entry's chunk differs.
  size_t shared = 0, chunks = 0;
  for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib) {
    if (!ia.at_chunk_start()) continue;
    ++chunks;
    if (ia.chunk() == ib.chunk()) ++shared;
  }
  EXPECT_GT(chunks, 10u);
  EXPECT_EQ(shared, chunks - 1);
}

TEST(ConfigChildMap, DiffOfLargeTreesFindsExactlyTheEditedEntries) {
  testing::Rig rig;
  std::string text = "crypto ikev2 keyring KR\n";
  for (int i = 0; i < 300; ++i) text += " peer P" + std::to_string(i) + "\n  address 10.0." + std::to_string(i % 250) + ".1\n";
  for (int i = 0; i < 300; ++i) text += "crypto ikev2 proposal PR" + std::to_string(i) + "\n group 14\n";
  ASSERT_TRUE(config::load(rig.store, text).errors.empty());
  const config::Snapshot before = rig.store.running();
  ASSERT_TRUE(config::load(rig.store, "crypto ikev2 proposal PR150\n group 19\nno crypto ikev2 proposal PR7\n"
                                      "crypto ikev2 proposal PR999\ncrypto ikev2 keyring KR\n no peer P42\n").errors.empty());
  const std::string d = config::describe(config::diff(before, rig.store.running()));
  EXPECT_EQ(d,
            "- crypto ikev2 keyring KR / peer P42 / address 10.0.42.1\n"
            "- crypto ikev2 keyring KR / peer P42\n"
            "~ crypto ikev2 proposal PR150 / group 19\n"
            "- crypto ikev2 proposal PR7 / group 14\n"
            "- crypto ikev2 proposal PR7\n"
            "+ crypto ikev2 proposal PR999\n");
}

}  // namespace
}  // namespace ravelin::grammar
