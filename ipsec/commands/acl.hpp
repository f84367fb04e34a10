#pragma once
// One ACL entry (IOS wildcard or ASA netmask syntax) as a typed value, built from the bindings the
// ACL declarations produce, and its translation into traffic selectors for a crypto ACL: each `permit`
// is one proxy pair (source = local side, destination = remote side); `deny` protects nothing.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/command_set.hpp"
#include "grammar/value.hpp"
#include "ipsec/ts/traffic_selector.hpp"
#include "platform/net/ip_address.hpp"
#include "platform/result.hpp"

namespace ravelin::ipsec::commands {

struct AddressMatch {
  enum class Kind : uint8_t { Any, Prefix, ObjectGroup, Object, Interface } kind = Kind::Any;
  platform::Prefix prefix;  // Prefix (hosts are /32)
  std::string name;         // ObjectGroup / Object / Interface
  friend bool operator==(const AddressMatch&, const AddressMatch&) = default;
};

struct PortMatch {
  enum class Op : uint8_t { Any, Eq, Neq, Lt, Gt, Range } op = Op::Any;
  uint16_t lo = 0;
  uint16_t hi = 0;
  // The port ranges this match covers (neq gives two).
  [[nodiscard]] std::vector<std::pair<uint16_t, uint16_t>> ranges() const;
  friend bool operator==(const PortMatch&, const PortMatch&) = default;
};

struct Ace {
  bool permit = true;
  uint8_t protocol = 0;  // 0 = ip (any)
  std::string service;   // `object-group SVC` in the protocol position: protocols and ports from there
  AddressMatch src;
  PortMatch src_port;
  AddressMatch dst;
  PortMatch dst_port;
};

// Bindings: action, proto, {src,dst}_{any,host,net,wild,mask,group,object,ifc}, {src,dst}_{op,port,port_hi}.
[[nodiscard]] Result<Ace> ace_from_args(const grammar::Args& args);
// `{side}_op`, `{side}_port`, `{side}_port_hi` bindings (eq/neq/lt/gt/range) → a PortMatch.
[[nodiscard]] Result<PortMatch> port_match_of(const grammar::Args& args, const std::string& side);
// The ACE's protocol position as a pattern fragment binding `proto` (or `svc` for a service group).
[[nodiscard]] std::string protocol_alternatives(std::string_view ah_keyword);

// Named ports accepted after eq/neq/lt/gt/range, as grammar alternatives "bgp|domain|...".
[[nodiscard]] std::string port_name_alternatives();
// `?` help for each port name (`bgp  Border Gateway Protocol (179)`).
void declare_port_help(grammar::CommandSet& s);
[[nodiscard]] std::optional<uint16_t> port_number(std::string_view text);
[[nodiscard]] std::optional<uint8_t> protocol_number(std::string_view text);

// Selector pairs of a permit entry, with the address sides already resolved to prefixes (object
// groups expanded by the caller). local = source side, remote = destination side.
struct SelectorPair {
  ts::TrafficSelector local;
  ts::TrafficSelector remote;
  friend bool operator==(const SelectorPair&, const SelectorPair&) = default;
};
[[nodiscard]] std::vector<SelectorPair> selector_pairs(const Ace& ace, const std::vector<platform::Prefix>& src,
                                                       const std::vector<platform::Prefix>& dst);

// ACE grammar fragments shared by the IOS declarations.
[[nodiscard]] std::string ios_extended_ace_pattern();
[[nodiscard]] std::string ios_standard_ace_pattern();

}  // namespace ravelin::ipsec::commands
