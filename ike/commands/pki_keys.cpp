// `crypto key generate rsa|ec` (config mode, not stored in the running-config: the key goes to the
// key store) and `show crypto key mypubkey rsa|ec`. Output as IOS prints it.
#include <cctype>

#include "ike/commands/pki.hpp"
#include "ike/crypto/pki_store.hpp"

namespace ravelin::ike::commands {

namespace {

// The router's default key name: IOS uses the host name; ours is fixed (no hostname in the store).
constexpr const char* kDefaultLabel = "ravelin";

std::string hex_block(const crypto::Bytes& der) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (size_t i = 0; i < der.size(); ++i) {
    if (i % 32 == 0) out += i ? "\n  " : "  ";
    else if (i % 4 == 0) out += ' ';
    out += kHex[der[i] >> 4];
    out += kHex[der[i] & 15];
  }
  return out + "\n";
}

Status generate(grammar::ExecContext& ctx, bool ec) {
  auto* store = ctx.services.get<PkiStore>();
  if (store == nullptr || store->dir.empty()) return make_error("% No key storage is available (start with --startup-config)");
  const std::string label = ctx.args.has("label") ? ctx.args.text("label") : kDefaultLabel;
  if (!crypto::valid_key_label(label)) return make_error("% Invalid key label " + label);
  const int bits = std::stoi(ctx.args.text("bits"));  // matched digits: <1024-4096> or 256/384
  ctx.out += "The name for the keys will be: " + label + "\n";
  if (!ec) ctx.out += "\n% The key modulus size is " + std::to_string(bits) + " bits\n";
  ctx.out += std::string("% Generating ") + std::to_string(bits) + (ec ? " bit EC keys" : " bit RSA keys") +
             ", keys will be non-exportable...\n";
  auto key = ec ? crypto::PrivateKey::generate_ec(bits) : crypto::PrivateKey::generate_rsa(bits);
  if (!key) return make_error("% Key generation failed: " + key.error().message);
  if (auto s = crypto::save_key(store->dir, label, *key); !s) return make_error("% Cannot store the key: " + s.error().message);
  ctx.out += "[OK] (elapsed time was 0 seconds)\n";
  return {};
}

Status show_mypubkey(grammar::ExecContext& ctx) {
  auto* store = ctx.services.get<PkiStore>();
  if (store == nullptr) return {};
  const bool want_ec = ctx.args.text("kind") == "ec";
  for (const auto& label : crypto::key_labels(store->dir)) {
    auto key = crypto::load_key(store->dir, label);
    if (!key || (key->type() == crypto::KeyType::Ec) != want_ec) continue;
    ctx.out += "Key name: " + label + "\n";
    ctx.out += want_ec ? " Key type: EC KEYS " + std::to_string(key->bits()) + " bits\n" : std::string(" Key type: RSA KEYS\n");
    ctx.out += " Storage Device: private-config\n Usage: General Purpose Key\n Key is not exportable.\n Key Data:\n";
    ctx.out += hex_block(key->public_key().spki_der());
  }
  return {};
}

}  // namespace

void declare_key_generation(grammar::CommandSet& s) {
  grammar::Help h = {{"key", "Long term key operations"},
                     {"generate", "Generate new keys"},
                     {"rsa", "Generate RSA keys"},
                     {"ec", "Generate EC keys: ECDSA"},
                     {"general-keys", "Generate a general purpose RSA key pair for signing and encryption"},
                     {"modulus", "Provide number of modulus bits on the command line"},
                     {"keysize", "Number of bits in the EC key"},
                     {"label", "Provide a label"},
                     {"$label", "RSA/EC keypair label"},
                     {"$bits", "size of the key"}};
  s.config().action("crypto key generate rsa [general-keys] modulus <1024-4096>$bits [label WORD$label]",
                    [](grammar::ExecContext& c) { return generate(c, false); }, {.help = h});
  s.config().action("crypto key generate ec keysize {256|384}$bits [label WORD$label]",
                    [](grammar::ExecContext& c) { return generate(c, true); }, {.help = h});
  s.exec().add("show crypto key mypubkey {rsa|ec}$kind", show_mypubkey,
               {.privilege = 15, .help = {{"key", "Show long term public keys"}, {"mypubkey", "Show public keys associated with this router"},
                                          {"rsa", "Show RSA public keys"}, {"ec", "Show EC public keys"}}});
}

}  // namespace ravelin::ike::commands
