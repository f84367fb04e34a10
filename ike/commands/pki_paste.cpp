// `crypto pki authenticate TP` and `crypto pki import TP certificate` (ASA: `crypto ca …`): the
// certificate is pasted at the terminal as IOS takes it — base64 (PEM) lines up to a blank line or
// `quit` — through a chain of grammar::Asker questions, then stored in the running-config as a
// `certificate [ca] SERIAL` block of `crypto pki certificate chain TP` (so `write memory` keeps it).
// A paste that is not base64, not a certificate, or not for this trustpoint changes nothing.
#include <algorithm>
#include <cctype>
#include <memory>

#include "grammar/config/load.hpp"
#include "grammar/question.hpp"
#include "ike/commands/pki.hpp"
#include "ike/config_build/build_pki.hpp"
#include "ike/crypto/pki_store.hpp"
#include "ike/crypto/pki_text.hpp"

namespace ravelin::ike::commands {

namespace {

using grammar::config::ConfigStore;

// A pasted certificate longer than this is refused (a 16384-bit RSA certificate is under 200 lines).
constexpr size_t kMaxPastedLines = 400;

// What a paste in progress needs between questions (the ExecContext is gone by then).
struct Paste {
  bool ca = false;          // authenticate (the CA certificate) or import (our certificate)
  std::string head;         // "crypto pki" / "crypto ca"
  std::string trustpoint;
  ConfigStore* store = nullptr;
  grammar::Asker* asker = nullptr;
  std::filesystem::path key_dir;  // the key store (import checks the certificate's key is ours)
  std::vector<std::string> lines;
  crypto::CertificatePtr cert;
  int unclear_answers = 0;
};
using PastePtr = std::shared_ptr<Paste>;

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// The running-config's view of the trustpoint's chain (parsed as the IkeConfig builder does).
config_build::ParsedChain chain_of(const Paste& p) {
  for (auto& c : config_build::parse_chains(p.store->running().root())) {
    if (c.trustpoint == p.trustpoint) return c;
  }
  config_build::ParsedChain none;
  none.trustpoint = p.trustpoint;
  return none;
}

// The config lines that store the certificate: `no` for a router certificate it replaces (a
// verbatim block would otherwise merge the two), then the block as IOS prints it.
std::string store_text(const Paste& p) {
  std::string text = p.head + " certificate chain " + p.trustpoint + "\n";
  if (const auto* entry = p.store->running().root().entry(p.head + " certificate chain", {p.trustpoint})) {
    for (const auto* block : entry->children()) {
      const std::string words = trim(block->words());
      if (!p.ca && words.rfind("certificate ca ", 0) != 0) text += " no " + words + "\n";
    }
  }
  for (const auto& l : config_build::chain_lines(*p.cert, p.ca)) text += l + "\n";
  return text;
}

void store_certificate(const Paste& p, std::string& out, bool& rejected) {
  auto report = grammar::config::load(*p.store, store_text(p));
  if (!report.errors.empty() || !report.committed) {
    rejected = true;
    out += "% Error in saving certificate: status = FAIL\n";
    if (!report.errors.empty()) out += report.errors.front().message + "\n";
    return;
  }
  out += p.ca ? "Trustpoint CA certificate accepted.\n% Certificate successfully imported\n"
              : "% Router Certificate successfully imported\n";
}

void ask_acceptance(const PastePtr& p);

void on_acceptance(const PastePtr& p, std::string_view answer, std::string& out, bool& rejected) {
  const std::string a = lower(trim(answer));
  if (a == "yes" || a == "y") return store_certificate(*p, out, rejected);
  if (a == "no" || a == "n") {
    out += "% Certificate not accepted: nothing was changed\n";
    rejected = true;
    return;
  }
  if (++p->unclear_answers >= 3) {
    out += "% Certificate not accepted: nothing was changed\n";
    rejected = true;
    return;
  }
  out += "% Please answer 'yes' or 'no'.\n";
  ask_acceptance(p);
}

void ask_acceptance(const PastePtr& p) {
  p->asker->ask({"% Do you accept this certificate? [yes/no]: ", false,
                 [p](std::string_view a, std::string& out, bool& rejected) { on_acceptance(p, a, out, rejected); }});
}

// Our certificate must chain to the trustpoint's CA and hold the public key of one of our key pairs
// (the trustpoint's own label when it names one).
Status check_router_certificate(const Paste& p, const config_build::ParsedChain& chain) {
  crypto::ChainCheck check{chain.ca_certificates, {}, {}, std::chrono::system_clock::now()};
  if (auto s = crypto::verify_chain(*p.cert, check); !s) {
    return make_error("% The certificate does not chain to trustpoint " + p.trustpoint + "'s CA: " + s.error().message);
  }
  auto pub = p.cert->public_key();
  if (!pub) return make_error("% " + pub.error().message);
  for (const auto& label : crypto::key_labels(p.key_dir)) {
    auto key = crypto::load_key(p.key_dir, label);
    if (key && key->public_key().same_key(*pub)) return {};
  }
  return make_error("% The certificate's public key is not one of this router's key pairs");
}

// The paste is complete: parse it, check it fits the trustpoint, then ask (CA) or store (ours).
void finish_paste(const PastePtr& p, std::string& out, bool& rejected) {
  auto fail = [&](const std::string& why) {
    out += (p->ca ? "% Error in receiving Certificate Authority certificate: status = FAIL, cert length = 0\n"
                  : "% Error in saving certificate: status = FAIL\n") + why + "\n";
    rejected = true;
  };
  auto der = crypto::decode_pasted_base64(p->lines);
  if (!der) return fail("% The paste is " + der.error().message);
  auto cert = crypto::Certificate::from_der(*der);
  if (!cert) return fail("% The paste is not an X.509 certificate: " + cert.error().message);
  p->cert = *cert;
  const auto chain = chain_of(*p);
  if (p->ca) {
    if (!p->cert->is_ca()) return fail("% " + p->cert->subject() + " is not a CA certificate");
    out += "\nCertificate has the following attributes:\n       Fingerprint MD5: " +
           crypto::fingerprint_text(*p->cert, crypto::FingerprintHash::Md5) + "\n      Fingerprint SHA1: " +
           crypto::fingerprint_text(*p->cert, crypto::FingerprintHash::Sha1) + "\n\n";
    return ask_acceptance(p);
  }
  if (auto s = check_router_certificate(*p, chain); !s) return fail(s.error().message);
  store_certificate(*p, out, rejected);
}

void ask_line(const PastePtr& p);

void on_line(const PastePtr& p, std::string_view line, std::string& out, bool& rejected) {
  const std::string t = trim(line);
  if (t.empty() || lower(t) == "quit") return finish_paste(p, out, rejected);
  if (p->lines.size() >= kMaxPastedLines) {
    out += "% The paste is longer than a certificate: nothing was changed\n";
    rejected = true;
    return;
  }
  p->lines.push_back(t);
  ask_line(p);
}

void ask_line(const PastePtr& p) {
  p->asker->ask({"", false, [p](std::string_view l, std::string& out, bool& rejected) { on_line(p, l, out, rejected); }});
}

Status start_paste(grammar::ExecContext& ctx, const std::string& head, bool ca) {
  auto p = std::make_shared<Paste>();
  p->ca = ca;
  p->head = head;
  p->trustpoint = ctx.args.text("trustpoint");
  p->store = ctx.store;
  p->asker = ctx.services.get<grammar::Asker>();
  if (p->store == nullptr || p->asker == nullptr) return make_error("% This command needs an interactive session");
  if (p->store->running().root().entry(head + " trustpoint", {p->trustpoint}) == nullptr) {
    return make_error("% Trustpoint " + p->trustpoint + " not found");  // guessed text (docs/PKI.md)
  }
  const auto chain = chain_of(*p);
  if (ca && !chain.ca_certificates.empty()) {
    return make_error("% Trustpoint " + p->trustpoint + " already has a CA certificate");
  }
  if (!ca) {
    if (chain.ca_certificates.empty()) {
      return make_error("% You must authenticate the Certificate Authority before you can import the router's certificate.");
    }
    const auto* keys = ctx.services.get<PkiStore>();
    if (keys == nullptr || keys->dir.empty()) return make_error("% No key storage is available (start with --startup-config)");
    p->key_dir = keys->dir;
  }
  ctx.out += std::string("\nEnter the base 64 encoded ") + (ca ? "CA " : "") +
             "certificate.\nEnd with a blank line or the word \"quit\" on a line by itself\n\n";
  ask_line(p);
  return {};
}

}  // namespace

void declare_certificate_paste(grammar::CommandSet& s, const char* head) {
  const std::string h = head;
  grammar::Help help = {{"authenticate", "Get the certificate of a CA"},
                        {"import", "Import a certificate from a TFTP server or the terminal"},
                        {"$trustpoint", "Trustpoint Name"},
                        {"certificate", "Import a certificate"}};
  s.config().action(h + " authenticate WORD$trustpoint",
                    [h](grammar::ExecContext& c) { return start_paste(c, h, true); }, {.help = help});
  s.config().action(h + " import WORD$trustpoint certificate",
                    [h](grammar::ExecContext& c) { return start_paste(c, h, false); }, {.help = help});
}

}  // namespace ravelin::ike::commands
