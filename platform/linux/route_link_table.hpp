#pragma once
// platform::LinkTable over libnl-route (rtnl_link, rtnl_addr) with change events from an rtnetlink
// multicast socket.
#include <memory>

#include "platform/link_table.hpp"

namespace ravelin::platform::linux {

// Opens the sockets in the calling thread's network namespace.
[[nodiscard]] Result<std::unique_ptr<LinkTable>> make_route_link_table();

}  // namespace ravelin::platform::linux
