// IOS `crypto map NAME SEQ ipsec-isakmp [dynamic DYNMAP]` and `crypto dynamic-map NAME SEQ`
// (cisco-cli.md §2.9), with IOS's `% NOTE` for a new static entry.
#include <string>

#include "ipsec/commands/commands.hpp"

namespace ravelin::ipsec::commands {

namespace {

constexpr const char* kNewMapNote =
    "% NOTE: This new crypto map will remain disabled until a peer\n"
    "        and a valid access list have been configured.";

std::string new_map_note(const grammar::ValidateContext& c) {
  if (c.existing != nullptr || c.negate || c.args.has("dynamic")) return "";
  return kNewMapNote;
}

void declare_map_children(grammar::Scope& m) {
  m.leaf("description LINE$text", {.help = {{"description", "Description of the crypto map statement policy"}}});
  m.leaf_list("set peer {A.B.C.D|WORD}$peer [default]$default",
              {.keys = {"peer"},
               .help = {{"set", "Set values for encryption/decryption"},
                        {"peer", "Allowed Encryption/Decryption peer."},
                        {"A.B.C.D", "IP address of peer"},
                        {"WORD", "Host name of the peer"},
                        {"default", "The default peer"}}});
  declare_ios_sa_settings(m);
  m.leaf("match address {<100-199>|<2000-2699>|WORD}$acl",
         {.help = {{"match", "Match values."},
                   {"address", "Match address of packets to encrypt."},
                   {"$acl", "IP access-list number or name"}}});
  m.presence("reverse-route", {.help = {{"reverse-route", "Reverse Route Injection."}}});
}

}  // namespace

void declare_ios_crypto_maps(grammar::CommandSet& s) {
  s.help("map", "Enter a crypto map");
  s.define_mode("config-crypto-dynmap", "config-crypto-map");
  auto dyn = s.list("crypto dynamic-map WORD$name <1-65535>$seq",
                    {.enters = "config-crypto-dynmap",
                     .keys = {"name", "seq"},
                     .order = grammar::Order::Key,
                     .rank = rank::kDynamicMap,
                     .help = {{"dynamic-map", "Specify a dynamic crypto map template"},
                              {"$name", "Dynamic crypto map template tag"},
                              {"$seq", "Sequence to insert into dynamic crypto map entry"}}});
  declare_map_children(dyn);

  auto map = s.list("crypto map WORD$name <1-65535>$seq ipsec-isakmp [dynamic WORD$dynamic]",
                    {.enters = "config-crypto-map",
                     .keys = {"name", "seq"},
                     .order = grammar::Order::Key,
                     .rank = rank::kCryptoMap,
                     .help = {{"$name", "Crypto map tag"},
                              {"$seq", "Sequence to insert into crypto map entry"},
                              {"ipsec-isakmp", "IPSEC w/ISAKMP"},
                              {"dynamic", "Enable dynamic crypto map support"},
                              {"$dynamic", "Name of dynamic-map template"}},
                     .note = new_map_note});
  declare_map_children(map);
}

}  // namespace ravelin::ipsec::commands
