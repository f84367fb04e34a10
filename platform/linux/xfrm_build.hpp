#pragma once
// Builders for XFRM netlink requests (NEWSA/UPDSA, DELSA, GETSA, ALLOCSPI, NEW/UPDPOLICY,
// DELPOLICY, dumps), hand-built on libnl core messages. Pure: no socket, no kernel.
#include <cstdint>

#include "platform/kernel_ipsec.hpp"
#include "platform/linux/netlink.hpp"

namespace ravelin::platform::linux {

// XFRM features that differ between kernels (see docs/KERNEL.md, "6.1 compatibility").
struct XfrmFeatures {
  bool sa_direction = false;  // send XFRMA_SA_DIR on inbound SAs (Linux >= 6.10)
};

// Attribute numbers newer than Debian 12's <linux/xfrm.h>.
inline constexpr int kXfrmaSaDir = 33;    // XFRMA_SA_DIR, u8, Linux 6.10
inline constexpr uint8_t kXfrmSaDirIn = 1;
inline constexpr uint8_t kXfrmSaDirOut = 2;
inline constexpr int kXfrmaMaxKnown = kXfrmaSaDir;  // highest attribute the parsers read

// Key lengths, algorithm names and families are checked here, before anything reaches the kernel.
[[nodiscard]] Status validate_sa(const SaSpec& sa);
[[nodiscard]] Status validate_policy(const PolicySpec& policy);

// XFRM_MSG_NEWSA (update = false) or XFRM_MSG_UPDSA.
[[nodiscard]] Result<NlMsgPtr> build_sa(const SaSpec& sa, bool update, const XfrmFeatures& features);
[[nodiscard]] NlMsgPtr build_delete_sa(const SaId& id);
[[nodiscard]] NlMsgPtr build_get_sa(const SaId& id);
// XFRM_MSG_ALLOCSPI for an ESP tunnel-mode larval SA src → dst, SPI in [spi_min, spi_max]. With
// the SA direction feature the larval SA is marked inbound, so that the UPDSA completing it (which
// carries direction "in") matches it.
[[nodiscard]] NlMsgPtr build_alloc_spi(const IpAddress& src, const IpAddress& dst, uint32_t reqid,
                                       uint32_t spi_min, uint32_t spi_max, const XfrmFeatures& features);
// XFRM_MSG_NEWPOLICY (update = false) or XFRM_MSG_UPDPOLICY.
[[nodiscard]] Result<NlMsgPtr> build_policy(const PolicySpec& policy, bool update);
[[nodiscard]] NlMsgPtr build_delete_policy(const PolicyId& id);
[[nodiscard]] NlMsgPtr build_get_policy(const PolicyId& id);
// XFRM_MSG_DELPOLICY by kernel index (used when flushing what a dump returned).
[[nodiscard]] NlMsgPtr build_delete_policy_index(uint32_t index, PolicyDirection dir, const XfrmMark& mark,
                                                 uint32_t if_id);
// A dump request (XFRM_MSG_GETSA or XFRM_MSG_GETPOLICY with NLM_F_DUMP).
[[nodiscard]] NlMsgPtr build_dump(int type);

// Kernel algorithm names and truncations (tables shared with the parsers and tests).
struct IntegrityAlgorithm {
  const char* name;
  size_t key_bytes;
  unsigned icv_bits;
};
[[nodiscard]] IntegrityAlgorithm integrity_algorithm(EspIntegrity integ);

}  // namespace ravelin::platform::linux
