// The keylog hook (issue 5, `debug crypto ikev2 keylog FILE`): the rows the engine's keys produce must
// decrypt exactly what the engines sent. Each test rebuilds SK keys from the ikev2_decryption_table
// row text alone and decrypts the messages captured on the fake network; ESP rows are compared with
// the keys the recording kernel received.
#include <gtest/gtest.h>

#include "tests/pair/engine/keylog_recorder.hpp"
#include "tests/pair/engine/pair_harness.hpp"

namespace ravelin::test {
namespace {

using namespace std::chrono_literals;

struct Captured {
  std::vector<ike::engine::Datagram> all;
};

void record(Pair& p, KeylogRecorder& ra, KeylogRecorder& rb, Captured& cap) {
  p.a.keylog = &ra;
  p.b.keylog = &rb;
  p.a.restart(1);
  p.b.restart(2);
  p.net.set_tap([&cap](uint64_t, const ike::engine::Datagram& d) { cap.all.push_back(d); });
}

void establish(Pair& p) {
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1 && p.b.kernel.sas.size() == 1; }, 10s))
      << p.a.events_text() << p.b.events_text();
}

// How many captured messages of the row's SA decrypt (and how many do not).
std::pair<int, int> decrypt_all(const KeylogRecorder::IkeRow& row, const Captured& cap) {
  auto keys = parse_ike_row(row);
  if (!keys) return {0, -1};
  int ok = 0, bad = 0;
  for (const auto& d : cap.all) {
    if (auto m = decrypt_with(*keys, d)) (m->ok() ? ok : bad)++;
  }
  return {ok, bad};
}

TEST(Keylog, IkeRowsOfBothPeersDecryptEveryMessageOfTheHandshake) {
  Pair p;
  KeylogRecorder ra, rb;
  Captured cap;
  record(p, ra, rb, cap);
  p.configure();
  // IKE_SA_INIT { SAi1, KEi, Ni } -->  <-- { SAr1, KEr, Nr }      (keys derived: one row per side)
  // IKE_AUTH SK{ IDi, AUTH, SAi2, TSi, TSr } -->  <-- SK{ IDr, AUTH, SAr2, TSi, TSr }
  establish(p);
  ASSERT_EQ(ra.ike_rows.size(), 1u);
  ASSERT_EQ(rb.ike_rows.size(), 1u);
  EXPECT_EQ(ra.ike_rows[0].text, rb.ike_rows[0].text);  // both ends log the same SA the same way
  auto [ok, bad] = decrypt_all(ra.ike_rows[0], cap);
  EXPECT_EQ(ok, 2);  // the IKE_AUTH request and response
  EXPECT_EQ(bad, 0);
  // The decrypted IKE_AUTH request carries what A sent: its identity and AUTH.
  auto keys = parse_ike_row(ra.ike_rows[0]);
  ASSERT_TRUE(keys);
  bool saw_auth = false;
  for (const auto& d : cap.all) {
    auto m = decrypt_with(*keys, d);
    if (m && m->ok() && !m->value().header.response) {
      saw_auth = m->value().find<ike::wire::AuthPayload>(ike::wire::PayloadType::Auth) != nullptr;
    }
  }
  EXPECT_TRUE(saw_auth);
}

TEST(Keylog, AWrongKeyInTheRowDecryptsNothing) {
  Pair p;
  KeylogRecorder ra, rb;
  Captured cap;
  record(p, ra, rb, cap);
  p.configure();
  establish(p);
  ASSERT_EQ(ra.ike_rows.size(), 1u);
  auto row = ra.ike_rows[0];
  auto f = csv_fields(row.text);
  ASSERT_EQ(f.size(), 8u);
  // Flip one hex digit of SK_ai (the integrity key protecting the initiator's messages).
  const size_t at = row.text.find(f[5]);
  row.text[at] = row.text[at] == '0' ? '1' : '0';
  auto [ok, bad] = decrypt_all(row, cap);
  EXPECT_EQ(ok, 1);   // only the responder's message (SK_ar untouched)
  EXPECT_EQ(bad, 1);  // the initiator's fails its ICV
}

TEST(Keylog, EspRowsCarryTheKeysTheKernelGotForEachDirection) {
  Pair p;
  KeylogRecorder ra, rb;
  Captured cap;
  record(p, ra, rb, cap);
  p.configure();
  establish(p);
  ASSERT_EQ(ra.esp_rows.size(), 2u);  // outbound and inbound
  const auto& k = p.a.kernel.sas.begin()->second;
  auto out = csv_fields(ra.esp_rows[0]);
  auto in = csv_fields(ra.esp_rows[1]);
  ASSERT_EQ(out.size(), 8u) << ra.esp_rows[0];
  ASSERT_EQ(in.size(), 8u) << ra.esp_rows[1];
  EXPECT_EQ(out[1], "10.0.0.1");
  EXPECT_EQ(out[2], "10.0.0.2");
  EXPECT_EQ(std::stoul(out[3], nullptr, 16), k.outbound_spi);
  EXPECT_EQ(from_hex(out[5]), k.outbound_encr_key.bytes());
  EXPECT_EQ(from_hex(out[7]), k.outbound_integ_key.bytes());
  EXPECT_EQ(in[1], "10.0.0.2");
  EXPECT_EQ(std::stoul(in[3], nullptr, 16), k.inbound_spi);
  EXPECT_EQ(from_hex(in[5]), k.inbound_encr_key.bytes());
  EXPECT_EQ(from_hex(in[7]), k.inbound_integ_key.bytes());
  // B's outbound row is A's inbound row, byte for byte.
  ASSERT_EQ(rb.esp_rows.size(), 2u);
  EXPECT_EQ(rb.esp_rows[0], ra.esp_rows[1]);
  EXPECT_EQ(rb.esp_rows[1], ra.esp_rows[0]);
}

TEST(Keylog, AesGcmChildRowsCarryKeyAndSaltWithNullAuthentication) {
  Pair p;
  KeylogRecorder ra, rb;
  Captured cap;
  record(p, ra, rb, cap);
  SiteOptions o;
  o.esp_encryption = {{ike::config::encr::kAesGcm16, 256}};
  o.esp_integrity = {};
  p.configure(o, o);
  establish(p);
  ASSERT_EQ(ra.esp_rows.size(), 2u);
  auto out = csv_fields(ra.esp_rows[0]);
  ASSERT_EQ(out.size(), 8u) << ra.esp_rows[0];
  EXPECT_EQ(out[4], "AES-GCM [RFC4106]");
  EXPECT_EQ(out[6], "NULL");
  EXPECT_EQ(from_hex(out[5]).size(), 36u);  // 32-byte key + 4-byte salt
  EXPECT_EQ(from_hex(out[5]), p.a.kernel.sas.begin()->second.outbound_encr_key.bytes());
}

TEST(Keylog, ARekeyedIkeSaGetsItsOwnRowAndChildRekeysGetNewEspRows) {
  Pair p;
  KeylogRecorder ra, rb;
  Captured cap;
  record(p, ra, rb, cap);
  p.configure();
  establish(p);
  // CREATE_CHILD_SA { SA(IKE), Ni, KEi } -->  <-- { SA(IKE), Nr, KEr }   (new SK_* from the old SK_d)
  p.absorb(p.a, p.a.engine->rekey_ike_sa(p.clock.now(), p.a.engine->snapshot()[0].tunnel_id));
  ASSERT_TRUE(p.run_until([&] { return ra.ike_rows.size() == 2 && p.a.engine->ike_sa_count() == 1 &&
                                       p.b.engine->ike_sa_count() == 1; }, 20s));
  ASSERT_EQ(rb.ike_rows.size(), 2u);
  EXPECT_EQ(ra.ike_rows[1].text, rb.ike_rows[1].text);
  // A child rekey runs over the new IKE SA; the new row decrypts it.
  p.absorb(p.a, p.a.engine->rekey_child_sa(p.clock.now(), p.a.kernel.sas.begin()->first));
  ASSERT_TRUE(p.run_until([&] { return p.a.kernel.installs == 2 && p.a.kernel.sas.size() == 1; }, 10s));
  p.run_for(5s);
  auto [ok, bad] = decrypt_all(ra.ike_rows[1], cap);
  EXPECT_GE(ok, 4);  // CREATE_CHILD_SA request/response + INFORMATIONAL DELETE request/response
  EXPECT_EQ(bad, 0);
  EXPECT_EQ(ra.esp_rows.size(), 4u);
  for (const auto& r : ra.esp_rows) EXPECT_EQ(r.find("ERROR"), std::string::npos) << r;
}

}  // namespace
}  // namespace ravelin::test
