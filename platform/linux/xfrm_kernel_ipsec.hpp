#pragma once
// platform::KernelIpsec over Linux XFRM netlink (libnl core sockets, hand-built messages).
#include <memory>
#include <string_view>

#include "platform/kernel_ipsec.hpp"
#include "platform/log.hpp"

namespace ravelin::platform::linux {

struct XfrmKernelIpsecOptions {
  OwnedRange owned;
  Logger* logger = nullptr;  // "xfrm" category; nullptr = silent. Keys never reach it.
  // Inbound SPIs come from this range (RFC 4303 §2.1: 1-255 reserved).
  uint32_t spi_min = 0xc0000000;
  uint32_t spi_max = 0xcfffffff;
};

// Opens the XFRM control and event sockets in the calling thread's network namespace and probes the
// kernel once (ESP support, SA direction attribute). Fails only when XFRM netlink itself is missing.
[[nodiscard]] Result<std::unique_ptr<KernelIpsec>> make_xfrm_kernel_ipsec(const XfrmKernelIpsecOptions& options);

// True for kernel releases that know XFRMA_SA_DIR (6.10 and later): "6.18.44-fc" yes, "6.1.0-56-amd64" no.
[[nodiscard]] bool release_has_sa_direction(std::string_view release);

// The text capabilities().esp_reason starts with when the kernel lacks ESP.
inline constexpr std::string_view kNoEspReason = "the kernel has no ESP support (CONFIG_INET_ESP): ";

}  // namespace ravelin::platform::linux
