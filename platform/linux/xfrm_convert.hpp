#pragma once
// Conversions between ravelin's address/selector values and the kernel's <linux/xfrm.h> structs.
#include <linux/xfrm.h>

#include <cstdint>
#include <optional>

#include "platform/kernel_ipsec.hpp"

namespace ravelin::platform::linux {

[[nodiscard]] uint16_t af_of(const IpAddress& a);  // AF_INET / AF_INET6
[[nodiscard]] xfrm_address_t to_xfrm(const IpAddress& a);
[[nodiscard]] xfrm_selector to_xfrm(const Selector& s);
// nullopt for a family other than AF_INET/AF_INET6.
[[nodiscard]] std::optional<IpAddress> from_xfrm(const xfrm_address_t& a, uint16_t family);
[[nodiscard]] std::optional<Selector> from_xfrm(const xfrm_selector& s);

}  // namespace ravelin::platform::linux
