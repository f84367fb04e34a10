// CERTREQ in the responder's IKE_SA_INIT (RFC 7296 §1.2, §3.7): when a profile authenticates its peer
// with certificates, the responder names the CAs it trusts — encoding 4 (X.509 signature), the SHA-1
// hashes of their SubjectPublicKeyInfo — so the initiator can pick a certificate they can verify.
#include <gtest/gtest.h>

#include "ike/wire/codec.hpp"
#include "tests/pair/certs/cert_sites.hpp"

namespace ravelin::test {
namespace {

using ike::config::AuthMethod;
using namespace std::chrono_literals;
namespace wire = ike::wire;

// The CERTREQ payloads of B's IKE_SA_INIT response, captured on the wire.
struct Captured {
  std::vector<wire::CertPayload> certreqs;
  bool saw_response = false;
};

Captured run(Pair& p) {
  Captured cap;
  p.net.set_tap([&cap](uint64_t, const ike::engine::Datagram& d) {
    auto h = wire::peek_header(d.bytes);
    if (!h || h->exchange != wire::ExchangeType::IkeSaInit || !h->response) return;
    wire::Counters counters;
    auto m = wire::decode(d.bytes, counters);
    if (!m) return;
    cap.saw_response = true;
    for (const auto& pl : m.value().payloads) {
      if (const auto* c = std::get_if<wire::CertPayload>(&pl.body); c && pl.type == wire::PayloadType::CertReq) {
        cap.certreqs.push_back(*c);
      }
    }
  });
  p.initiate_from_a();
  p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1; }, 10s);
  p.net.set_tap({});
  return cap;
}

TEST(CertReq, TheResponderNamesItsTrustedCaWhenItsProfileWantsACertificate) {
  TestCa ca;
  Pair p;
  auto ca_cfg = site_config(p.a.address, p.b.address, 1, 2);
  auto cb_cfg = site_config(p.b.address, p.a.address, 2, 1);
  add_pki(ca_cfg, ca, ca, side("p256", AuthMethod::EcdsaSig, AuthMethod::EcdsaSig, "a.example", "10.0.0.1"));
  add_pki(cb_cfg, ca, ca, side("p256", AuthMethod::EcdsaSig, AuthMethod::EcdsaSig, "b.example", "10.0.0.2"));
  p.configure(ca_cfg, cb_cfg);
  // IKE_SA_INIT { SAi1, KEi, Ni } -->
  //                 <-- IKE_SA_INIT { SAr1, KEr, Nr, CERTREQ(4, SHA-1(CA SPKI)) }
  auto cap = run(p);
  ASSERT_TRUE(cap.saw_response);
  ASSERT_EQ(cap.certreqs.size(), 1u);
  EXPECT_EQ(cap.certreqs[0].encoding, 4);
  EXPECT_EQ(cap.certreqs[0].data, ca.cert()->spki_sha1());
  EXPECT_TRUE(p.both_ready()) << p.a.events_text() << p.b.events_text();
}

TEST(CertReq, APreSharedKeyResponderSendsNone) {
  Pair p;
  p.configure();
  // IKE_SA_INIT { SAi1, KEi, Ni } -->  <-- IKE_SA_INIT { SAr1, KEr, Nr }
  auto cap = run(p);
  ASSERT_TRUE(cap.saw_response);
  EXPECT_TRUE(cap.certreqs.empty());
  EXPECT_TRUE(p.both_ready());
}

TEST(CertReq, EveryCertificateProfilesCasAreNamedOnceEach) {
  TestCa ca, other("other CA", "p256");
  Pair p;
  auto ca_cfg = site_config(p.a.address, p.b.address, 1, 2);
  auto cb_cfg = site_config(p.b.address, p.a.address, 2, 1);
  add_pki(ca_cfg, ca, ca, side("p256", AuthMethod::EcdsaSig, AuthMethod::EcdsaSig, "a.example", "10.0.0.1"));
  add_pki(cb_cfg, ca, ca, side("p256", AuthMethod::EcdsaSig, AuthMethod::EcdsaSig, "b.example", "10.0.0.2"));
  // A second trustpoint (the other CA and, again, the first) used by a second certificate profile, and a
  // third profile with pre-shared keys that adds nothing.
  ike::config::Trustpoint tp2;
  tp2.name = "TP2";
  tp2.ca_certificates = {other.cert(), ca.cert()};
  cb_cfg.trustpoints.push_back(tp2);
  auto second = cb_cfg.profiles.front();
  second.name = "prof2";
  second.trustpoints_verify = {"TP2"};
  second.match_identity_remote.clear();
  cb_cfg.profiles.push_back(second);
  auto psk = cb_cfg.profiles.front();
  psk.name = "prof3";
  psk.authentication_remote = AuthMethod::PreShare;
  psk.trustpoints_verify.clear();
  cb_cfg.profiles.push_back(psk);
  p.configure(ca_cfg, cb_cfg);
  auto cap = run(p);
  ASSERT_EQ(cap.certreqs.size(), 1u);
  auto want = ca.cert()->spki_sha1();
  auto o = other.cert()->spki_sha1();
  want.insert(want.end(), o.begin(), o.end());
  EXPECT_EQ(cap.certreqs[0].data, want);
  EXPECT_TRUE(p.both_ready()) << p.a.events_text() << p.b.events_text();
}

TEST(CertReq, AProfileBoundToAnotherLocalAddressDoesNotCount) {
  TestCa ca;
  Pair p;
  auto ca_cfg = site_config(p.a.address, p.b.address, 1, 2);
  auto cb_cfg = site_config(p.b.address, p.a.address, 2, 1);
  ike::config::Trustpoint tp;
  tp.name = "TP";
  tp.ca_certificates = {ca.cert()};
  cb_cfg.trustpoints.push_back(tp);
  auto elsewhere = cb_cfg.profiles.front();
  elsewhere.name = "elsewhere";
  elsewhere.authentication_remote = AuthMethod::RsaSig;
  elsewhere.trustpoints_verify = {"TP"};
  elsewhere.match_address_local = {*platform::IpAddress::parse("10.9.9.9")};
  cb_cfg.profiles.push_back(elsewhere);
  p.configure(ca_cfg, cb_cfg);
  auto cap = run(p);
  ASSERT_TRUE(cap.saw_response);
  EXPECT_TRUE(cap.certreqs.empty());
  EXPECT_TRUE(p.both_ready());
}

}  // namespace
}  // namespace ravelin::test
