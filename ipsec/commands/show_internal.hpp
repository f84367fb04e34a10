#pragma once
// Helpers shared by the IPsec show commands (ipsec/commands/show*.cpp).
#include <string>
#include <vector>

#include "grammar/config/node.hpp"
#include "grammar/exec_context.hpp"
#include "platform/result.hpp"

namespace ravelin::ipsec::commands {

[[nodiscard]] const grammar::config::Node* running_root(const grammar::ExecContext& ctx);
// "{ esp-aes esp-sha-hmac  }" for a transform set name (the built-in default included); `mode` gets
// "Tunnel"/"Transport".
[[nodiscard]] std::string set_braces(const grammar::config::Node& root, const std::string& name,
                                     std::string* mode = nullptr);
[[nodiscard]] std::vector<std::string> set_names(const grammar::config::Node& entry);
// Lifetime, responder-only, PFS, mixed mode and transform sets of a crypto map entry or ipsec profile
// (`entry` nullptr: the defaults), each line prefixed by `indent`.
void print_sa_block(std::string& out, const grammar::config::Node& root, const grammar::config::Node* entry,
                    const std::string& indent);
void print_crypto_map(std::string& out, const grammar::config::Node& root, const grammar::config::Node& entry);
[[nodiscard]] Status show_access_lists(grammar::ExecContext& ctx);
[[nodiscard]] Status show_ip_interface_brief(grammar::ExecContext& ctx);

}  // namespace ravelin::ipsec::commands
