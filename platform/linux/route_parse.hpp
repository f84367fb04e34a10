#pragma once
// Parser for rtnetlink link and address notifications (RTM_NEWLINK, RTM_DELLINK, RTM_NEWADDR,
// RTM_DELADDR). Pure: one whole netlink message in, a LinkEvent or an error value out.
#include <cstdint>
#include <span>

#include "platform/link_table.hpp"

namespace ravelin::platform::linux {

[[nodiscard]] Result<LinkEvent> parse_link_event(std::span<const uint8_t> message);

}  // namespace ravelin::platform::linux
