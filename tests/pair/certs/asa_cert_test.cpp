// Certificate authentication with configurations typed in the ASA dialect (`crypto ca trustpoint`,
// `tunnel-group … ikev2 local-authentication certificate TP` / `remote-authentication certificate`)
// and against an IOS-dialect peer, built by config_build as the process builds them. Both roles.
#include <gtest/gtest.h>

#include <functional>

#include "tests/pair/certs/cert_sites.hpp"
#include "tests/unit/pki_commands/cert_config_text.hpp"

namespace ravelin::test {
namespace {

using grammar::Dialect;
using testing::CertSiteText;
using namespace std::chrono_literals;

struct Site {
  std::shared_ptr<const ike::crypto::PrivateKey> key;
  ike::crypto::CertificatePtr cert;
};

Site make_site(TestCa& ca, const std::string& key_kind, const std::string& cn) {
  Site s;
  s.key = std::make_shared<const ike::crypto::PrivateKey>(test_key(key_kind));
  CertOptions o;
  o.subject = "CN=" + cn + ",O=ravelin test";
  s.cert = ca.issue(s.key->public_key(), o);
  return s;
}

CertSiteText text_for_a() { return {}; }
CertSiteText text_for_b() {
  CertSiteText t;
  t.self = "10.0.0.2";
  t.peer = "10.0.0.1";
  t.site = 2;
  t.peer_site = 1;
  return t;
}

ike::config::IkeConfig asa(const CertSiteText& t, TestCa& ca, const Site& s) {
  auto built = testing::build_text(Dialect::Asa, testing::asa_cert_site(t, *ca.cert(), *s.cert), s.key);
  return *built.config;
}

ike::config::IkeConfig ios(const CertSiteText& t, const std::string& peer_cn, TestCa& ca, const Site& s) {
  auto built = testing::build_text(Dialect::Ios, testing::ios_cert_site(t, peer_cn, *ca.cert(), *s.cert), s.key);
  return *built.config;
}

// Brings the pair up once from each side (a fresh pair each time), checking both kernels; `check`
// then looks at the established pair.
void expect_up_from_both_sides(const ike::config::IkeConfig& ca, const ike::config::IkeConfig& cb,
                               const std::function<void(Pair&)>& check = {}) {
  for (bool from_a : {true, false}) {
    SCOPED_TRACE(from_a ? "A initiates" : "B initiates");
    Pair p;
    p.configure(ca, cb);
    // IKE_AUTH { IDi, [CERT], [CERTREQ], AUTH, SAi2, TSi, TSr } -->
    // <-- IKE_AUTH { IDr, [CERT], AUTH, SAr2, TSi, TSr }
    if (from_a) {
      p.initiate_from_a();
    } else {
      p.initiate_from_b();
    }
    ASSERT_TRUE(p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1; }, 10s))
        << p.a.events_text() << p.b.events_text();
    std::string why;
    EXPECT_TRUE(p.kernels_agree(&why)) << why;
    if (check) check(p);
  }
}

TEST(AsaCerts, AsaToAsaCertificatesEstablishFromEitherSide) {
  TestCa ca;
  const Site a = make_site(ca, "rsa2048", "asa-a.example");
  const Site b = make_site(ca, "p256", "asa-b.example");  // `certificate` takes RSA or ECDSA
  // The tunnel-group is chosen by the peer's address although the peer's ID is its DN.
  expect_up_from_both_sides(asa(text_for_a(), ca, a), asa(text_for_b(), ca, b), [](Pair& p) {
    EXPECT_NE(p.a.engine->snapshot()[0].remote_identity.find("asa-b.example"), std::string::npos);
    EXPECT_NE(p.b.engine->snapshot()[0].remote_identity.find("asa-a.example"), std::string::npos);
  });
}

TEST(AsaCerts, AsaAgainstIosProfileWithCertificateMapBothRoles) {
  TestCa ca;
  const Site a = make_site(ca, "rsa2048", "asa.example");
  const Site b = make_site(ca, "p256", "router.example");
  CertSiteText tb = text_for_b();
  tb.ios_local = "ecdsa-sig";
  tb.ios_remote = "rsa-sig";
  expect_up_from_both_sides(asa(text_for_a(), ca, a), ios(tb, "asa.example", ca, b));
}

TEST(AsaCerts, AsaPreSharedKeyOutCertificateInAgainstTheMirrorConfig) {
  TestCa ca;
  auto with = [](CertSiteText t, const char* local, const char* remote) {
    t.asa_local = local;
    t.asa_remote = remote;
    return t;
  };
  expect_up_from_both_sides(
      asa(with(text_for_a(), "pre-shared-key Asym-Key-1", "certificate"), ca, make_site(ca, "p256", "asa-a.example")),
      asa(with(text_for_b(), "certificate ME", "pre-shared-key Asym-Key-1"), ca, make_site(ca, "p256", "asa-b.example")));
}

TEST(AsaCerts, CertificateFromAnotherCaIsRefusedWithTheReason) {
  TestCa ca;
  TestCa other("other CA");
  const Site a = make_site(ca, "p256", "asa-a.example");
  const Site b = make_site(other, "p256", "asa-b.example");
  Pair p;
  // B trusts `ca` (ROOT) but holds a certificate from `other`: A must refuse B's AUTH.
  p.configure(asa(text_for_a(), ca, a), asa(text_for_b(), ca, b));
  p.initiate_from_b();
  p.run_for(30s);
  EXPECT_FALSE(p.both_ready());
  EXPECT_TRUE(p.a.saw(ike::engine::EventKind::Failure, "unable to get local issuer certificate")) << p.a.events_text();
}

}  // namespace
}  // namespace ravelin::test
