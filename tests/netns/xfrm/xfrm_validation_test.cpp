// The kernel itself checks our messages. On a kernel without ESP the NEWSA check runs through every
// attribute, algorithm lookup and (Linux >= 6.10) direction rule before it fails on the missing ESP
// type, so "Protocol not supported" proves the message was otherwise accepted; with ESP it is added.
#include <linux/xfrm.h>

#include <cerrno>

#include "platform/linux/netlink.hpp"
#include "platform/linux/xfrm_build.hpp"
#include "tests/netns/xfrm/xfrm_fixture.hpp"

namespace ravelin::test {
namespace {

using namespace ravelin::platform;

SaSpec base_sa(uint32_t spi, uint32_t reqid) {
  SaSpec sa;
  sa.src = addr("203.0.113.1");
  sa.dst = addr("203.0.113.2");
  sa.spi = spi;
  sa.encryption_key.assign(16, 0x11);
  sa.integrity_key.assign(20, 0x22);
  sa.reqid = reqid;
  return sa;
}

TEST_F(XfrmNetns, KernelAcceptsEverySaVariantWeBuild) {
  auto sock = platform::linux::NetlinkSocket::open(NETLINK_XFRM);
  ASSERT_TRUE(sock.ok());
  const platform::linux::XfrmFeatures features{kernel_->capabilities().sa_direction};
  std::vector<std::pair<std::string, SaSpec>> variants;
  uint32_t spi = 0xc0100000;
  auto add = [&](std::string name, auto change) {
    SaSpec sa = base_sa(spi++, reqid(30));
    change(sa);
    variants.emplace_back(std::move(name), sa);
  };
  add("cbc+sha1 out", [](SaSpec&) {});
  add("cbc+sha1 in", [](SaSpec& s) { s.direction = SaDirection::Inbound; });
  add("cbc256+sha256", [](SaSpec& s) {
    s.encryption_key.assign(32, 1);
    s.integrity = EspIntegrity::HmacSha256_128;
    s.integrity_key.assign(32, 2);
  });
  add("cbc192+sha384", [](SaSpec& s) {
    s.encryption_key.assign(24, 1);
    s.integrity = EspIntegrity::HmacSha384_192;
    s.integrity_key.assign(48, 2);
  });
  add("cbc+sha512", [](SaSpec& s) {
    s.integrity = EspIntegrity::HmacSha512_256;
    s.integrity_key.assign(64, 2);
  });
  add("gcm128", [](SaSpec& s) {
    s.encryption = EspEncryption::AesGcm16;
    s.encryption_key.assign(20, 3);
    s.integrity = EspIntegrity::None;
  });
  add("gcm256 esn in", [](SaSpec& s) {
    s.encryption = EspEncryption::AesGcm16;
    s.encryption_key.assign(36, 3);
    s.integrity = EspIntegrity::None;
    s.esn = true;
    s.direction = SaDirection::Inbound;
  });
  add("cbc esn in window 64", [](SaSpec& s) {
    s.esn = true;
    s.replay_window = 64;
    s.direction = SaDirection::Inbound;
  });
  add("esn out window 0", [](SaSpec& s) {
    s.esn = true;
    s.replay_window = 0;
  });
  add("window 1024", [](SaSpec& s) { s.replay_window = 1024; });
  add("transport", [](SaSpec& s) { s.mode = IpsecMode::Transport; });
  add("nat-t", [](SaSpec& s) { s.encap = UdpEncap{4500, 4500}; });
  add("mark+if_id", [](SaSpec& s) {
    s.mark = {5, 0xff};
    s.if_id = 9;
  });
  add("lifetimes", [](SaSpec& s) { s.lifetime = {10, 20, 1000, 2000, 10, 20}; });
  add("ipv6", [](SaSpec& s) {
    s.src = addr("2001:db8::1");
    s.dst = addr("2001:db8::2");
  });
  for (const auto& [name, sa] : variants) {
    auto msg = platform::linux::build_sa(sa, false, features);
    ASSERT_TRUE(msg.ok()) << name << ": " << msg.error().message;
    auto reply = sock->transact(msg->get());
    ASSERT_TRUE(reply.ok()) << name;
    // A kernel may lack GCM in its crypto API (this host does); the algorithm lookup comes before
    // the ESP type, so that answer is the kernel's verdict on the algorithm only.
    const bool no_gcm = sa.encryption == EspEncryption::AesGcm16 && reply->error == -ENOSYS &&
                        reply->extack == "Requested AEAD algorithm not found";
    if (no_gcm) continue;
    if (kernel_->capabilities().esp) {
      EXPECT_EQ(reply->error, 0) << name << ": " << platform::linux::describe_error(reply->error, reply->extack);
    } else {
      EXPECT_EQ(reply->error, -EPROTONOSUPPORT)
          << name << ": " << platform::linux::describe_error(reply->error, reply->extack);
    }
  }
}

TEST_F(XfrmNetns, AllocatedSpiIsMarkedInboundExactlyWhenTheKernelKnowsDirections) {
  ASSERT_TRUE(kernel_->allocate_spi(addr("203.0.113.2"), addr("203.0.113.1"), reqid(31)).ok());
  auto sas = kernel_->list_sas();
  ASSERT_TRUE(sas.ok());
  ASSERT_EQ(sas->size(), 1u);
  if (kernel_->capabilities().sa_direction) {
    ASSERT_TRUE(sas->front().direction.has_value()) << "the kernel dropped XFRMA_SA_DIR";
    EXPECT_EQ(*sas->front().direction, SaDirection::Inbound);
  } else {
    EXPECT_FALSE(sas->front().direction.has_value());
  }
}

TEST_F(XfrmNetns, PolicyMarkAndInterfaceIdReachTheKernel) {
  auto p = policy(PolicyDirection::Out, reqid(32));
  p.id.mark = {0x2a, 0xff};
  p.id.if_id = 7;
  ASSERT_TRUE(kernel_->install_policy(p).ok());
  const std::string ip = ns_->output("ip xfrm policy list");
  EXPECT_NE(ip.find("mark 0x2a/0xff"), std::string::npos) << ip;
  EXPECT_NE(ip.find("if_id 0x7"), std::string::npos) << ip;
  auto listed = kernel_->list_policies();
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().id, p.id);
  // Deleting needs the same mark and interface id; it works and leaves nothing.
  ASSERT_TRUE(kernel_->delete_policy(p.id).ok());
  EXPECT_EQ(ns_->output("ip xfrm policy list"), "");
}

}  // namespace
}  // namespace ravelin::test
