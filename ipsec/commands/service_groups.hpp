#pragma once
// Service object-groups in crypto ACLs: `permit object-group SVC SRC DST` takes its protocols and
// ports from the group. ASA declares `object-group service NAME [tcp|udp|tcp-udp]` with
// `service-object` / `port-object` / `group-object` lines (declare_asa_service_groups); IOS keeps
// `object-group service NAME` blocks verbatim (a passthrough head), so their lines (`tcp eq www`,
// `udp range 5000 5010`, `tcp source eq 1024 eq 22`, `tcp-udp eq domain`, `esp`, `group-object N`) are
// read here. tcp-udp is two services. An ACE naming a service group stands for one ACE per service,
// so each becomes its own proxy pair (IOS expands object-group ACEs the same way).
#include <cstdint>
#include <string_view>
#include <vector>

#include "grammar/command_set.hpp"
#include "grammar/config/node.hpp"
#include "ipsec/commands/acl.hpp"

namespace ravelin::ipsec::commands {

struct Service {
  uint8_t protocol = 0;  // 0 = ip
  PortMatch src_port;
  PortMatch dst_port;
  friend bool operator==(const Service&, const Service&) = default;
};

// The services of group `name` (nested group-objects up to 8 deep, repeats dropped); empty when the
// group does not exist or names nothing usable.
[[nodiscard]] std::vector<Service> service_group(const grammar::config::Node& root, std::string_view name);

// The concrete ACEs `ace` stands for: itself when it names no service group, else one per service of
// the group (none when the group is unknown or empty: such a permit protects nothing).
[[nodiscard]] std::vector<Ace> expand_services(const grammar::config::Node& root, const Ace& ace);

// One line of an IOS `object-group service` block (words already split) → its services; `group` is
// set instead for `group-object NAME`. Lines it does not understand (`description`, icmp types) give
// what they can: `icmp echo` is all of icmp.
struct IosServiceLine {
  std::vector<Service> services;
  std::string group;
};
[[nodiscard]] IosServiceLine parse_ios_service_line(const std::vector<std::string_view>& words);

// ASA `object-group service NAME [tcp|udp|tcp-udp]` and its sub-commands (rank: after the network
// object-groups).
void declare_asa_service_groups(grammar::CommandSet& s, int rank);

}  // namespace ravelin::ipsec::commands
