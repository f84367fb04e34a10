// `crypto pki trustpoint` / `certificate chain` / `certificate map` → config::Trustpoint and
// config::CertificateMapEntry (see build_pki.hpp).
#include "ike/config_build/build_pki.hpp"

#include <cctype>
#include <fstream>
#include <iterator>

#include "ike/crypto/pki_store.hpp"

namespace ravelin::ike::config_build {

namespace {

using grammar::config::Node;

std::string trim(std::string_view s) {
  size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return std::string(s.substr(a, b - a));
}

// Hex digits of a line (spaces ignored); false on any other character.
bool append_hex(std::string_view line, crypto::Bytes& out) {
  std::string digits;
  for (char c : line) {
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
    digits += c;
  }
  if (digits.size() % 2) return false;
  for (size_t i = 0; i < digits.size(); i += 2) out.push_back(static_cast<uint8_t>(std::stoi(digits.substr(i, 2), nullptr, 16)));
  return true;
}

// Finishes one `certificate` sub-block.
void finish(ParsedChain& chain, const std::string& head, bool ca, const crypto::Bytes& der) {
  auto cert = crypto::Certificate::from_der(der);
  if (!cert) {
    chain.errors.push_back(head + ": " + cert.error().message);
  } else if (ca) {
    chain.ca_certificates.push_back(*cert);
  } else {
    chain.certificate = *cert;
  }
}

// One `certificate [ca] SERIAL` block: hex lines up to `quit`.
void parse_certificate(const Node& block, ParsedChain& chain) {
  const std::string head = trim(block.words());
  const bool ca = head.rfind("certificate ca", 0) == 0;
  crypto::Bytes der;
  bool quit = false;
  for (const auto& raw : block.verbatim_lines()) {
    const std::string line = trim(raw);
    if (line == "quit") {
      quit = true;
      break;
    }
    if (!append_hex(line, der)) {
      chain.errors.push_back(head + ": not hexadecimal: " + line.substr(0, 16));
      return;
    }
  }
  if (!quit) {
    chain.errors.push_back(head + ": missing quit");
    return;
  }
  finish(chain, head, ca, der);
}

ParsedChain parse_chain(const Node& entry) {
  ParsedChain chain;
  chain.trustpoint = entry.args().text("name");
  for (const Node* c : entry.children()) {
    if (c->decl().kind == grammar::DeclKind::Verbatim) parse_certificate(*c, chain);
  }
  return chain;
}

config::Revocation revocation(const Node& tp) {
  const auto* n = tp.find("revocation-check");
  if (n == nullptr) return config::Revocation::None;
  for (const auto& v : n->args().list("methods")) {
    if (v.text() == "crl") return config::Revocation::Crl;
  }
  return config::Revocation::None;
}

void load_crl(const Node& tp, config::Trustpoint& t, std::vector<std::string>& warnings) {
  const auto* n = tp.find("crl file");
  if (n == nullptr) return;
  const std::string path = n->args().text("path");
  std::ifstream in(path, std::ios::binary);
  std::vector<uint8_t> data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto crl = in || !data.empty() ? crypto::Crl::parse(data) : Result<crypto::CrlPtr>(make_error("cannot read " + path));
  if (!crl) {
    warnings.push_back("crypto pki trustpoint " + t.name + ": CRL " + path + ": " + crl.error().message);
    return;
  }
  t.crls.push_back(*crl);
}

std::string leaf_text(const Node& parent, std::string_view leaf, std::string_view binding) {
  const auto* n = parent.find(leaf);
  return n ? n->args().text(binding) : std::string();
}

void build_trustpoints(const Node& root, config::IkeConfig& c, std::vector<std::string>& warnings) {
  const auto chains = parse_chains(root);
  for (const char* id : {"crypto pki trustpoint", "crypto ca trustpoint"}) {
    for (const Node* tp : root.all(id)) {
      config::Trustpoint t;
      t.name = tp->args().text("name");
      if (const auto* e = tp->find("enrollment")) {
        t.enrollment = e->args().has("url") ? e->args().text("url") : e->args().has("selfsigned") ? "selfsigned" : "terminal";
      }
      t.subject_name = leaf_text(*tp, "subject-name", "dn");
      t.revocation = revocation(*tp);
      for (const char* k : {"rsakeypair", "eckeypair", "keypair"}) {
        if (t.key_label.empty()) t.key_label = leaf_text(*tp, k, "label");
      }
      load_crl(*tp, t, warnings);
      for (const auto& ch : chains) {
        if (ch.trustpoint != t.name) continue;
        t.ca_certificates = ch.ca_certificates;
        t.certificate = ch.certificate;
        for (const auto& e : ch.errors) warnings.push_back("crypto pki certificate chain " + t.name + ": " + e);
      }
      c.trustpoints.push_back(std::move(t));
    }
  }
}

void build_certificate_maps(const Node& root, config::IkeConfig& c) {
  using R = config::CertificateMapRule;
  for (const Node* m : root.all("crypto pki certificate map")) {
    config::CertificateMapEntry e;
    e.map = m->args().text("name");
    e.seq = static_cast<uint32_t>(m->args().number("seq"));
    for (const Node* r : m->children()) {
      const auto& a = r->args();
      if (!a.has("field")) continue;
      R rule;
      const std::string f = a.text("field"), op = a.text("op");
      rule.field = f == "issuer-name" ? R::Field::IssuerName : f == "alt-subject-name" ? R::Field::AltSubjectName : R::Field::SubjectName;
      rule.op = op == "eq" ? R::Op::Eq : op == "ne" ? R::Op::Ne : op == "nc" ? R::Op::Nc : R::Op::Co;
      rule.value = a.text("value");
      e.rules.push_back(rule);
    }
    c.certificate_maps.push_back(std::move(e));
  }
}

}  // namespace

std::vector<ParsedChain> parse_chains(const Node& root) {
  std::vector<ParsedChain> out;
  for (const char* id : {"crypto pki certificate chain", "crypto ca certificate chain"}) {
    for (const Node* n : root.all(id)) out.push_back(parse_chain(*n));
  }
  return out;
}

std::vector<std::string> chain_lines(const crypto::Certificate& cert, bool ca) {
  std::vector<std::string> lines{std::string(" certificate ") + (ca ? "ca " : "") + cert.serial_hex()};
  static constexpr char kHex[] = "0123456789ABCDEF";
  const auto& der = cert.der();
  for (size_t i = 0; i < der.size(); i += 32) {
    std::string l = "  ";
    for (size_t j = i; j < std::min(der.size(), i + 32); ++j) {
      if (j > i && (j - i) % 4 == 0) l += ' ';
      l += kHex[der[j] >> 4];
      l += kHex[der[j] & 15];
    }
    lines.push_back(l);
  }
  lines.emplace_back("  \tquit");
  return lines;
}

void build_pki(const Node& root, config::IkeConfig& c, std::vector<std::string>& warnings) {
  build_trustpoints(root, c, warnings);
  build_certificate_maps(root, c);
}

void load_key_pairs(const std::filesystem::path& dir, config::IkeConfig& c, std::vector<std::string>& warnings) {
  for (const auto& label : crypto::key_labels(dir)) {
    auto key = crypto::load_key(dir, label);
    if (!key) {
      warnings.push_back("key pair " + label + ": " + key.error().message);
      continue;
    }
    c.key_pairs.push_back({label, std::make_shared<const crypto::PrivateKey>(std::move(*key))});
  }
}

}  // namespace ravelin::ike::config_build
