#pragma once
// Pieces of ProcessDataplane shared by cli/main_dataplane*.cpp only.
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "ike/config/ike_config.hpp"
#include "ike/crypto/random.hpp"
#include "ike/engine/engine.hpp"
#include "ipsec/reconcile/reconciler.hpp"
#include "platform/kernel_ipsec.hpp"

namespace ravelin::cli {

// The kernel of `--dataplane none`: random SPIs, nothing installed (with that reason), no events.
[[nodiscard]] std::unique_ptr<platform::KernelIpsec> make_no_kernel(ike::crypto::Random& random);
// Inbound SPIs reserved in the kernel (XFRM_MSG_ALLOCSPI).
[[nodiscard]] std::unique_ptr<ike::engine::SpiAllocator> make_kernel_spis(platform::KernelIpsec& kernel);
// The crypto-map policies the kernel should hold for `c`; records each entry's kernel reqid.
[[nodiscard]] std::vector<ipsec::reconcile::DesiredPolicy> desired_policies(
    const ike::config::IkeConfig& c, ipsec::reconcile::Reconciler& reconciler,
    std::map<uint32_t, uint32_t>& entry_by_reqid);

}  // namespace ravelin::cli
