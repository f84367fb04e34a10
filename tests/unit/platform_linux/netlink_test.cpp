// Kernel error reporting (errno + extended ack text) and kernel version feature detection.
#include <gtest/gtest.h>
#include <linux/netlink.h>
#include <linux/xfrm.h>

#include <cerrno>
#include <cstring>

#include "platform/linux/netlink.hpp"
#include "platform/linux/xfrm_kernel_ipsec.hpp"
#include "tests/unit/platform_linux/canned_message.hpp"

namespace ravelin::platform::linux {
namespace {

// NLMSG_ERROR as the kernel sends it for a refused NEWSA, capped (request header only) or not.
std::vector<uint8_t> error_message(bool capped) {
  nlmsgerr err{};
  err.error = -EPROTONOSUPPORT;
  err.msg.nlmsg_type = XFRM_MSG_NEWSA;
  err.msg.nlmsg_len = capped ? NLMSG_HDRLEN : NLMSG_HDRLEN + 8;
  test::CannedMessage m(NLMSG_ERROR, NLM_F_ACK_TLVS | (capped ? NLM_F_CAPPED : 0));
  m.fixed(err);
  if (!capped) m.fixed(uint64_t{0});  // the echoed request payload
  const char text[] = "Requested type not found";
  m.attr(NLMSGERR_ATTR_MSG, text, sizeof text);
  return m.bytes();
}

TEST(Netlink, ExtendedAckTextIsFoundWithAndWithoutCappedEcho) {
  EXPECT_EQ(extack_text(error_message(true)), "Requested type not found");
  EXPECT_EQ(extack_text(error_message(false)), "Requested type not found");
}

TEST(Netlink, ExtendedAckTextIsEmptyWhenAbsentOrMalformed) {
  auto m = error_message(true);
  nlmsghdr h;
  std::memcpy(&h, m.data(), sizeof h);
  h.nlmsg_flags = NLM_F_CAPPED;  // no NLM_F_ACK_TLVS
  std::memcpy(m.data(), &h, sizeof h);
  EXPECT_EQ(extack_text(m), "");
  EXPECT_EQ(extack_text({}), "");
  auto cut = error_message(true);
  cut.resize(cut.size() - 10);  // attribute runs past the end
  EXPECT_EQ(extack_text(cut), "");
}

TEST(Netlink, ErrorDescriptionJoinsErrnoTextAndKernelText) {
  EXPECT_EQ(describe_error(-EPROTONOSUPPORT, "Requested type not found"),
            "Protocol not supported (Requested type not found)");
  EXPECT_EQ(describe_error(-EEXIST, ""), "File exists");
}

TEST(Netlink, MessageBytesAreTheWholeBuiltMessage) {
  NlMsgPtr msg(nlmsg_alloc_simple(XFRM_MSG_GETSA, 0));
  uint32_t payload = 0xabcdef01;
  ASSERT_EQ(nlmsg_append(msg.get(), &payload, sizeof payload, NLMSG_ALIGNTO), 0);
  const Bytes b = message_bytes(msg.get());
  ASSERT_EQ(b.size(), NLMSG_HDRLEN + 4);
  EXPECT_EQ(std::memcmp(b.data() + NLMSG_HDRLEN, &payload, 4), 0);
}

TEST(KernelFeatures, SaDirectionAttributeOnlyFromLinux610) {
  EXPECT_FALSE(release_has_sa_direction("6.1.0-56-amd64"));  // Debian 12, the guest kernel
  EXPECT_FALSE(release_has_sa_direction("6.9.12"));
  EXPECT_FALSE(release_has_sa_direction("5.15.0-91-generic"));
  EXPECT_TRUE(release_has_sa_direction("6.10.0"));
  EXPECT_TRUE(release_has_sa_direction("6.18.44-fc-v669"));
  EXPECT_TRUE(release_has_sa_direction("7.0"));
  EXPECT_FALSE(release_has_sa_direction(""));
  EXPECT_FALSE(release_has_sa_direction("garbage"));
  EXPECT_FALSE(release_has_sa_direction("6"));
}

}  // namespace
}  // namespace ravelin::platform::linux
