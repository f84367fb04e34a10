// The engine's proposal-mismatch reasons with every transform named as IOS's `show crypto ikev2
// proposal` names it (show_transform_names.hpp), and the diagnose layout built from them.
#include <gtest/gtest.h>

#include "ike/commands/show_diagnose.hpp"
#include "ike/commands/show_transform_names.hpp"

namespace ravelin::ike::commands {
namespace {

TEST(TransformNames, EngineTokensBecomeIosNames) {
  EXPECT_EQ(transform_token_name("PRF5"), "PRF SHA256");
  EXPECT_EQ(transform_token_name("PRF2"), "PRF SHA1");
  EXPECT_EQ(transform_token_name("INTEG12"), "Integrity SHA256");
  EXPECT_EQ(transform_token_name("INTEG2"), "Integrity SHA96");
  EXPECT_EQ(transform_token_name("DH5"), "DH_GROUP_1536_MODP/Group 5");
  EXPECT_EQ(transform_token_name("DH19"), "DH_GROUP_256_ECP/Group 19");
  EXPECT_EQ(transform_token_name("ENCR3"), "3DES");
  EXPECT_EQ(transform_token_name("AES-CBC-256"), "AES-CBC-256");
}

TEST(TransformNames, UnknownOrMalformedTokensStayAsTheEngineWroteThem) {
  EXPECT_EQ(transform_token_name("DH9999"), "DH9999");
  EXPECT_EQ(transform_token_name("PRF"), "PRF");
  EXPECT_EQ(transform_token_name("INTEG12x"), "INTEG12x");
  EXPECT_EQ(transform_token_name("ENCR77777777"), "ENCR77777777");
  EXPECT_EQ(transform_token_name(""), "");
}

TEST(TransformNames, MismatchReasonNamesBothSidesProposalByProposal) {
  const std::string reason =
      "IKE_SA_INIT from 10.0.0.1:500: no proposal chosen: peer offered AES-CBC-128/PRF2/INTEG2/DH2, "
      "AES-GCM-256/PRF5/DH19; we accept AES-CBC-256/PRF5/INTEG12/DH5";
  auto m = parse_proposal_mismatch(reason);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->head, "IKE_SA_INIT from 10.0.0.1:500: no proposal chosen");
  EXPECT_EQ(m->offered, (std::vector<std::string>{
                            "AES-CBC-128, PRF SHA1, Integrity SHA96, DH_GROUP_1024_MODP/Group 2",
                            "AES-GCM-256, PRF SHA256, DH_GROUP_256_ECP/Group 19"}));
  EXPECT_EQ(m->accepted, (std::vector<std::string>{
                             "AES-CBC-256, PRF SHA256, Integrity SHA256, DH_GROUP_1536_MODP/Group 5"}));
  EXPECT_EQ(name_transforms(reason),
            "IKE_SA_INIT from 10.0.0.1:500: no proposal chosen: peer offered (AES-CBC-128, PRF SHA1, Integrity "
            "SHA96, DH_GROUP_1024_MODP/Group 2) or (AES-GCM-256, PRF SHA256, DH_GROUP_256_ECP/Group 19); we "
            "accept (AES-CBC-256, PRF SHA256, Integrity SHA256, DH_GROUP_1536_MODP/Group 5)");
}

TEST(TransformNames, ResponderChoiceWeDidNotOfferIsNamedToo) {
  const std::string reason = "IKE_SA_INIT response: responder chose AES-CBC-128/PRF2/INTEG2/DH14 which we did not offer";
  EXPECT_EQ(name_transforms(reason),
            "IKE_SA_INIT response: responder chose (AES-CBC-128, PRF SHA1, Integrity SHA96, "
            "DH_GROUP_2048_MODP/Group 14) which we did not offer");
}

TEST(TransformNames, ReasonsWithoutProposalsAndEmptyListsAreKept) {
  EXPECT_EQ(name_transforms("peer not responding after 8 tries"), "peer not responding after 8 tries");
  EXPECT_EQ(name_transforms("x: peer offered DH5 and nothing else"), "x: peer offered DH5 and nothing else");
  auto m = parse_proposal_mismatch("no proposal chosen: peer offered nothing; we accept AES-CBC-256/PRF5/INTEG12/DH5");
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->offered.empty());
  EXPECT_EQ(name_transforms("no proposal chosen: peer offered nothing; we accept (empty)"),
            "no proposal chosen: peer offered nothing; we accept ((empty))");
}

TEST(TransformNames, DiagnoseShowsOneNamedProposalPerLine) {
  engine::Event e;
  e.kind = engine::EventKind::Failure;
  e.text = "IKE_SA_INIT from 10.0.0.1:500: no proposal chosen: peer offered AES-CBC-128/PRF2/INTEG2/DH2, "
           "AES-CBC-256/PRF5/INTEG12/DH14; we accept AES-CBC-256/PRF5/INTEG12/DH5";
  EXPECT_EQ(format_ikev2_diagnose({e}, true),
            "IKEv2 diagnose: 1 recent failure, oldest first\n\n"
            " 1  Failure, no IKE SA, Category: Proposal mismatch\n"
            "    Reason: IKE_SA_INIT from 10.0.0.1:500: no proposal chosen\n"
            "    Peer offered: AES-CBC-128, PRF SHA1, Integrity SHA96, DH_GROUP_1024_MODP/Group 2\n"
            "                  AES-CBC-256, PRF SHA256, Integrity SHA256, DH_GROUP_2048_MODP/Group 14\n"
            "    We accept:    AES-CBC-256, PRF SHA256, Integrity SHA256, DH_GROUP_1536_MODP/Group 5\n"
            "    Notify: NO_PROPOSAL_CHOSEN sent to the peer\n"
            "    Check:  `crypto ikev2 proposal` / `crypto ipsec transform-set` on both peers: they need one "
            "encryption, integrity/PRF and DH group in common\n\n");
}

}  // namespace
}  // namespace ravelin::ike::commands
