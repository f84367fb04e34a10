// CertInteropTest (cert_interop.hpp): test CA, both peers' keys and certificates, strongSwan's pubkey
// connection and ravelin's trustpoints.
#include "tests/interop/certs/cert_interop.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <sstream>

#include "ike/config_build/build_pki.hpp"
#include "ike/crypto/pki_store.hpp"

namespace ravelin::test::interop {
namespace {

std::string chain(const std::string& head, const std::string& tp, const ike::crypto::Certificate& cert, bool ca) {
  std::string out = head + " certificate chain " + tp + "\n";
  for (const auto& l : ike::config_build::chain_lines(cert, ca)) out += l + "\n";
  return out + "!";
}

bool write_secret_file(const std::string& path, const ike::crypto::SecretBytes& pem) {
  std::string text(reinterpret_cast<const char*>(pem.data()), pem.size());
  bool ok = write_file(path, text);
  std::fill(text.begin(), text.end(), '\0');
  return ok && ::chmod(path.c_str(), 0600) == 0;
}

bool signs(const std::string& method) { return method != "pre-share"; }

}  // namespace

// strongSwan's side: the pubkey (or psk) rounds mirror ravelin's remote (local) method.
std::string CertInteropTest::swanctl_conf(const CertCase& c) const {
  const CharonOptions o = swan_options();
  const bool swan_signs = signs(c.ravelin_remote);
  const bool ravelin_signs = signs(c.ravelin_local);
  std::ostringstream s;
  s << "connections {\n  peer {\n    version = 2\n    local_addrs = " << o.local_addr << "\n    remote_addrs = "
    << o.remote_addr << "\n    proposals = " << o.ike_proposals << "\n    encap = no\n    mobike = no\n";
  if (swan_signs) {
    s << "    send_cert = always\n    local {\n      auth = pubkey\n      certs = swan.pem\n    }\n";
  } else {
    s << "    local {\n      auth = psk\n      id = " << o.local_addr << "\n    }\n";
  }
  if (ravelin_signs) {
    s << "    remote {\n      auth = pubkey\n      cacerts = ca.pem\n    }\n";
  } else {
    s << "    remote {\n      auth = psk\n      id = " << o.remote_addr << "\n    }\n";
  }
  s << "    children {\n      net {\n        local_ts = " << o.local_ts << "\n        remote_ts = " << o.remote_ts
    << "\n        esp_proposals = " << o.esp_proposals << "\n      }\n    }\n  }\n}\n"
    << "secrets {\n  ike-ravelin {\n    id-1 = " << o.remote_addr << "\n    id-2 = " << o.local_addr << "\n    secret = \""
    << psk_ << "\"\n  }\n}\n";
  return s.str();
}

// ravelin's side: ROOT trusts the CA, ME holds our certificate and key K; a certificate map picks
// the profile by strongSwan's DN.
std::string CertInteropTest::ravelin_pki_config(const CertCase&) const {
  return "crypto pki trustpoint ROOT\n enrollment terminal\n revocation-check none\n!\n"
         "crypto pki trustpoint ME\n enrollment terminal\n revocation-check none\n keypair K\n!\n" +
         chain("crypto pki", "ROOT", *ca_.cert(), true) + "\n" + chain("crypto pki", "ME", *ravelin_cert_, false) + "\n" +
         "crypto pki certificate map SWAN 10\n subject-name co " + swan_cn() + "\n!";
}

::testing::AssertionResult CertInteropTest::load_swan_connection(const CertCase& c) {
  const std::string pki = dir_ + "/swan-pki";
  if (!write_file(pki + "/certs.conf", swanctl_conf(c))) {
    return ::testing::AssertionFailure() << "cannot write " << pki << "/certs.conf";
  }
  // Same connection name: the pubkey connection replaces the psk one Charon::start loaded.
  auto r = swan_->swanctl({"--load-all", "--file", pki + "/certs.conf"});
  if (!r.ok()) return ::testing::AssertionFailure() << "swanctl --load-all (certificates) failed: " << r.output;
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult CertInteropTest::prepare(const CertCase& c) {
  namespace fs = std::filesystem;
  auto ravelin_key = test_key(c.key_kind);
  auto swan_key = test_key(c.key_kind);
  CertOptions o;
  o.subject = "CN=" + ravelin_cn() + ",O=ravelin test";
  ravelin_cert_ = ca_.issue(ravelin_key.public_key(), o);
  o.subject = "CN=" + swan_cn() + ",O=ravelin test";
  auto swan_cert = (c.swan_cert_from_other_ca ? other_ca_ : ca_).issue(swan_key.public_key(), o);

  const std::string pki = dir_ + "/swan-pki";
  std::error_code ec;
  // swanctl loads the credential folders beside the file it loads (x509, x509ca, private, ...).
  for (const char* sub : {"x509", "x509ca", "x509ocsp", "x509aa", "x509ac", "x509crl", "pubkey", "private", "rsa",
                          "ecdsa", "bliss", "pkcs8", "pkcs12"}) {
    fs::create_directories(pki + "/" + sub, ec);
  }
  fs::create_directories(dir_ + "/ravelin", ec);
  if (!write_file(pki + "/x509ca/ca.pem", ca_.cert()->pem()) || !write_file(pki + "/x509/swan.pem", swan_cert->pem()) ||
      !write_secret_file(pki + "/private/swan.key", swan_key.pem())) {
    return ::testing::AssertionFailure() << "cannot write strongSwan's PKI files under " << pki;
  }
  // The key store beside ravelin's startup-config (cli: <config dir>/pki).
  if (auto s = ike::crypto::save_key(dir_ + "/ravelin/pki", "K", ravelin_key); !s) {
    return ::testing::AssertionFailure() << "cannot store ravelin's key: " << s.error().message;
  }
  if (auto r = start_swan(swan_options()); !r) return r;
  return load_swan_connection(c);
}

::testing::AssertionResult CertInteropTest::start_both(const CertCase& c) {
  if (auto r = prepare(c); !r) return r;
  IosConfig ios = ios_config();
  ios.global_extra.push_back(ravelin_pki_config(c));
  ios.profile_extra = {"match certificate SWAN", "authentication remote " + c.ravelin_remote,
                       "authentication local " + c.ravelin_local, "pki trustpoint ME sign",
                       "pki trustpoint ROOT verify"};
  if (signs(c.ravelin_local)) ios.profile_extra.push_back("identity local dn");
  return start_ravelin(ios);
}

// The ASA dialect: `crypto ca` trustpoints and a tunnel-group authenticating with certificates both
// ways (chosen by strongSwan's address, whatever DN it sends).
::testing::AssertionResult CertInteropTest::start_both_asa(const CertCase& c) {
  if (auto r = prepare(c); !r) return r;
  const std::string me = pair_->a().outer4;
  const std::string peer = pair_->b().outer4;
  RavelinOptions o;
  o.platform = "asa";
  o.config = "ASA Version 9.16(4)\nhostname asa\ninterface GigabitEthernet0/0\n nameif outside\n security-level 0\n"
             " ip address " + me + " 255.255.255.0\n"
             "access-list VPN extended permit ip 198.51.100.0 255.255.255.0 203.0.113.0 255.255.255.0\n"
             "crypto ipsec ikev2 ipsec-proposal P1\n protocol esp encryption aes\n protocol esp integrity sha-1\n"
             "crypto map CMAP 10 match address VPN\ncrypto map CMAP 10 set peer " + peer + "\n"
             "crypto map CMAP 10 set ikev2 ipsec-proposal P1\ncrypto map CMAP interface outside\n"
             "crypto ca trustpoint ROOT\n enrollment terminal\ncrypto ca trustpoint ME\n enrollment terminal\n keypair K\n" +
             chain("crypto ca", "ROOT", *ca_.cert(), true) + "\n" + chain("crypto ca", "ME", *ravelin_cert_, false) + "\n" +
             "crypto ikev2 policy 10\n encryption aes-256\n integrity sha256\n group 5\n prf sha256\n"
             "crypto ikev2 enable outside\n"
             "tunnel-group " + peer + " type ipsec-l2l\ntunnel-group " + peer + " ipsec-attributes\n"
             " ikev2 remote-authentication certificate\n ikev2 local-authentication certificate ME\n";
  o.local_addresses = {me};
  o.interfaces = {"GigabitEthernet0/0=" + pair_->a().ns};
  return start_ravelin_options(std::move(o));
}

}  // namespace ravelin::test::interop
