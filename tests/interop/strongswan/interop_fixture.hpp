#pragma once
// Interop fixture: each test gets a fresh namespace pair (ravelin in side a, strongSwan in side b),
// its own directory for configs and logs, and teardown that stops both processes by pid, deletes the
// namespaces and removes the directory whatever happened. Skips with a reason when the machine
// cannot run it (not root, strongSwan missing, ravelin not built).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "tests/interop/strongswan/charon.hpp"
#include "tests/interop/strongswan/ios_config.hpp"
#include "tests/interop/strongswan/netns_pair.hpp"
#include "tests/interop/strongswan/ravelin_peer.hpp"
#include "tests/interop/strongswan/show_parse.hpp"

namespace ravelin::test::interop {

// Why this machine cannot run interop cases ("" when it can); libipsec: strongSwan needs its
// userspace ESP (the host kernel has none) rather than the kernel's.
std::string interop_unavailable_reason(bool libipsec = true);

class InteropTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  // false where the kernel has ESP (the QEMU guest) and strongSwan uses kernel-netlink.
  [[nodiscard]] virtual bool uses_libipsec() const { return true; }

  // strongSwan side b with the seed proposal, address identities and the pair's selectors.
  [[nodiscard]] CharonOptions swan_options() const;
  // ravelin side a with the seed proposal, matching swan_options().
  [[nodiscard]] IosConfig ios_config() const;

  ::testing::AssertionResult start_swan(const CharonOptions& o);
  ::testing::AssertionResult start_ravelin(const IosConfig& c, const std::string& dataplane = "xfrm");
  ::testing::AssertionResult start_ravelin_options(RavelinOptions o);
  // Sends traffic that matches the crypto map from side a, so the kernel's ACQUIRE makes ravelin
  // initiate (a few pings, each bounded).
  void send_interesting_traffic() const;
  // Both sides show one IKE SA with the same SPI pair: READY on ravelin, ESTABLISHED with an
  // INSTALLED child on strongSwan.
  ::testing::AssertionResult wait_established(Millis timeout = Millis(15000));
  // Both views at this moment (for a failure message); never contains key material.
  [[nodiscard]] std::string diagnostics() const;

  std::unique_ptr<NetnsPair> pair_;
  std::unique_ptr<Charon> swan_;
  std::unique_ptr<RavelinPeer> ravelin_;
  std::string dir_;
  std::string psk_ = "interop-Psk-4f1c9a";
  bool swan_logs_keys_ = false;  // then charon.log is never printed
  SwanIkeSa swan_sa_;      // filled by wait_established
  RavelinSa ravelin_sa_;
};

}  // namespace ravelin::test::interop
