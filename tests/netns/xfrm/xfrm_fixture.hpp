#pragma once
// A fresh network namespace per test with an XFRM KernelIpsec opened inside it.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "platform/kernel_ipsec.hpp"
#include "platform/linux/xfrm_kernel_ipsec.hpp"
#include "platform/log.hpp"
#include "tests/netns/xfrm/netns_scope.hpp"

namespace ravelin::test {

inline platform::IpAddress addr(const char* text) { return *platform::IpAddress::parse(text); }
inline platform::Prefix prefix(const char* text) { return *platform::Prefix::parse(text); }

// Keeps what is logged so tests can count the warnings.
class RecordingLogger final : public platform::Logger {
 public:
  void log(platform::LogLevel level, std::string_view category, std::string_view message) override {
    lines.push_back({level, std::string(category), std::string(message)});
  }
  struct Line {
    platform::LogLevel level;
    std::string category;
    std::string message;
  };
  std::vector<Line> lines;
};

// The protected networks 192.0.2.0/24 -> 198.51.100.0/24 through 203.0.113.1 -> 203.0.113.2.
inline platform::PolicySpec policy(platform::PolicyDirection dir, uint32_t reqid, uint32_t priority = 100) {
  platform::PolicySpec p;
  p.id.direction = dir;
  const bool out = dir == platform::PolicyDirection::Out;
  p.id.selector.src = prefix(out ? "192.0.2.0/24" : "198.51.100.0/24");
  p.id.selector.dst = prefix(out ? "198.51.100.0/24" : "192.0.2.0/24");
  p.priority = priority;
  p.tmpl_src = addr(out ? "203.0.113.1" : "203.0.113.2");
  p.tmpl_dst = addr(out ? "203.0.113.2" : "203.0.113.1");
  p.reqid = reqid;
  return p;
}

class XfrmNetns : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string why = NetnsScope::unavailable_reason(); !why.empty()) GTEST_SKIP() << why;
    ns_ = NetnsScope::enter();
    ASSERT_NE(ns_, nullptr) << "cannot create or enter a network namespace";
    kernel_ = open_kernel();
    ASSERT_NE(kernel_, nullptr);
  }

  std::unique_ptr<platform::KernelIpsec> open_kernel() {
    platform::linux::XfrmKernelIpsecOptions options;
    options.logger = &log_;
    auto k = platform::linux::make_xfrm_kernel_ipsec(options);
    EXPECT_TRUE(k.ok()) << k.error().message;
    return k.ok() ? std::move(*k) : nullptr;
  }

  uint32_t reqid(uint32_t n) const { return platform::OwnedRange{}.reqid_min + n; }

  RecordingLogger log_;
  std::unique_ptr<NetnsScope> ns_;                     // destroyed last: leaves and deletes the namespace
  std::unique_ptr<platform::KernelIpsec> kernel_;
};

}  // namespace ravelin::test
