// Ownership: flush_owned() removes exactly what ravelin installed — also the state left by a run that
// was killed with SIGKILL — and leaves another daemon's policies and SAs alone.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/netns/xfrm/xfrm_fixture.hpp"

namespace ravelin::test {
namespace {

using platform::PolicyDirection;

// State another IKE daemon (reqid 5, outside our range) has in the kernel.
void add_foreign_state(const NetnsScope& ns) {
  ASSERT_EQ(ns.run("ip xfrm policy add src 10.1.0.0/16 dst 10.2.0.0/16 dir out "
                   "tmpl src 203.0.113.1 dst 203.0.113.9 proto esp mode tunnel reqid 5 && "
                   "ip xfrm state allocspi src 203.0.113.9 dst 203.0.113.1 proto esp mode tunnel reqid 5 >/dev/null"),
            0);
}

void install_some(platform::KernelIpsec& k, uint32_t reqid) {
  for (auto dir : {PolicyDirection::Out, PolicyDirection::In, PolicyDirection::Fwd}) {
    ASSERT_TRUE(k.install_policy(policy(dir, reqid)).ok());
  }
  ASSERT_TRUE(k.allocate_spi(addr("203.0.113.2"), addr("203.0.113.1"), reqid).ok());
}

TEST_F(XfrmNetns, FlushOwnedRemovesOwnStateAndKeepsForeignState) {
  add_foreign_state(*ns_);
  install_some(*kernel_, reqid(1));
  auto report = kernel_->flush_owned();
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->policies_removed, 3u);
  EXPECT_EQ(report->sas_removed, 1u);
  EXPECT_TRUE(kernel_->list_policies()->empty());
  EXPECT_TRUE(kernel_->list_sas()->empty());
  const std::string policies = ns_->output("ip xfrm policy list");
  const std::string states = ns_->output("ip xfrm state list");
  EXPECT_NE(policies.find("reqid 5"), std::string::npos) << policies;
  EXPECT_EQ(policies.find("192.0.2.0/24"), std::string::npos) << policies;
  EXPECT_NE(states.find("reqid 5"), std::string::npos) << states;
}

TEST_F(XfrmNetns, RestartAfterKillNineRemovesEverythingStale) {
  add_foreign_state(*ns_);
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // The "earlier run": installs state, says so, then waits to be killed. It inherited this
    // thread's namespace. No gtest assertions here: report through the exit code only.
    close(ready[0]);
    platform::linux::XfrmKernelIpsecOptions options;
    auto k = platform::linux::make_xfrm_kernel_ipsec(options);
    if (!k) _exit(2);
    for (auto dir : {PolicyDirection::Out, PolicyDirection::In, PolicyDirection::Fwd}) {
      if (!(*k)->install_policy(policy(dir, reqid(20))).ok()) _exit(3);
    }
    if (!(*k)->allocate_spi(addr("203.0.113.2"), addr("203.0.113.1"), reqid(20)).ok()) _exit(4);
    (void)!write(ready[1], "R", 1);
    for (int i = 0; i < 600; ++i) sleep(1);  // bounded: killed long before
    _exit(5);
  }
  close(ready[1]);
  char c = 0;
  const bool got = read(ready[0], &c, 1) == 1;
  close(ready[0]);
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(got) << "the earlier run failed before installing (exit " << WEXITSTATUS(status) << ")";
  ASSERT_TRUE(WIFSIGNALED(status));

  // The restart: a new instance sees the stale state as its own and removes it at start-up.
  auto restarted = open_kernel();
  ASSERT_NE(restarted, nullptr);
  EXPECT_EQ(restarted->list_policies()->size(), 3u);
  auto report = restarted->flush_owned();
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->policies_removed, 3u);
  EXPECT_EQ(report->sas_removed, 1u);
  EXPECT_EQ(ns_->output("ip xfrm policy list").find("reqid " + std::to_string(reqid(20))), std::string::npos);
  EXPECT_TRUE(restarted->list_policies()->empty());
  EXPECT_TRUE(restarted->list_sas()->empty());
  EXPECT_NE(ns_->output("ip xfrm policy list").find("reqid 5"), std::string::npos);
  EXPECT_NE(ns_->output("ip xfrm state list").find("reqid 5"), std::string::npos);
}

}  // namespace
}  // namespace ravelin::test
