#include "cli/secret.hpp"

#include <gtest/gtest.h>

namespace ravelin::cli {
namespace {

// Known answer: hashcat's published example for mode 9300 (Cisco-IOS $9$), password "hashcat".
TEST(Type9Secret, MatchesPublishedCiscoVectorWhenSaltIsGiven) {
  auto h = type9_with_salt("hashcat", "2MJBozw/9R3UsU");
  ASSERT_TRUE(h.ok()) << h.error().message;
  EXPECT_EQ(*h, "$9$2MJBozw/9R3UsU$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo6");
}

TEST(Type9Secret, VerifiesTheRightPasswordAndRefusesAWrongOne) {
  const std::string stored = "$9$2MJBozw/9R3UsU$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo6";
  EXPECT_TRUE(verify_type9_secret(stored, "hashcat"));
  EXPECT_FALSE(verify_type9_secret(stored, "hashcaT"));
  EXPECT_FALSE(verify_type9_secret(stored, ""));
}

TEST(Type9Secret, FreshHashesAreSaltedSoTwoHashesOfOnePasswordDiffer) {
  auto a = make_type9_secret("cisco123");
  auto b = make_type9_secret("cisco123");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(is_type9_secret(*a));
  EXPECT_TRUE(verify_type9_secret(*a, "cisco123"));
  EXPECT_TRUE(verify_type9_secret(*b, "cisco123"));
  EXPECT_EQ(a->find("cisco123"), std::string::npos);
}

TEST(Type9Secret, RejectsMalformedStoredTextWithoutCrashing) {
  EXPECT_FALSE(is_type9_secret(""));
  EXPECT_FALSE(is_type9_secret("$9$short$abc"));
  EXPECT_FALSE(is_type9_secret("$8$2MJBozw/9R3UsU$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo6"));
  EXPECT_FALSE(is_type9_secret("$9$2MJBozw/9R3Us!$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo6"));
  EXPECT_FALSE(verify_type9_secret("$9$$", "x"));
}

TEST(Type9Secret, RefusesASaltOfTheWrongLengthOrAlphabet) {
  EXPECT_FALSE(type9_with_salt("x", "short").ok());
  EXPECT_FALSE(type9_with_salt("x", "2MJBozw+9R3UsU").ok());
}

// Known answer: hashcat's example for mode 9200 (Cisco-IOS $8$, PBKDF2-SHA256), password "hashcat".
TEST(Type8Secret, MatchesPublishedCiscoVectorAndVerifies) {
  const std::string stored = "$8$TnGX/fE4KGHOVU$pEhnEvxrvaynpi8j4f.EMHr6M.FzU8xnZnBr/tJdFWk";
  auto h = type8_with_salt("hashcat", "TnGX/fE4KGHOVU");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(*h, stored);
  EXPECT_TRUE(is_type8_secret(stored));
  EXPECT_FALSE(is_type9_secret(stored));
  EXPECT_TRUE(verify_secret(stored, "hashcat"));
  EXPECT_FALSE(verify_secret(stored, "hashcat "));
}

TEST(Type8Secret, VerifySecretDispatchesOnPrefixAndRefusesOthers) {
  EXPECT_TRUE(verify_secret("$9$2MJBozw/9R3UsU$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo6", "hashcat"));
  EXPECT_FALSE(verify_secret("$1$abc$def", "hashcat"));
  EXPECT_FALSE(verify_secret("hashcat", "hashcat"));
}

}  // namespace
}  // namespace ravelin::cli
