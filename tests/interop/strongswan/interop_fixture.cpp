#include "tests/interop/strongswan/interop_fixture.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace ravelin::test::interop {
namespace {

// The last max_chars of a log, without strongSwan's vici connection chatter.
std::string tail(const std::string& raw, size_t max_chars) {
  std::string text;
  size_t start = 0;
  while (start < raw.size()) {
    size_t end = raw.find('\n', start);
    if (end == std::string::npos) end = raw.size();
    std::string line = raw.substr(start, end - start);
    if (line.find("vici client") == std::string::npos) text += line + "\n";
    start = end + 1;
  }
  return text.size() <= max_chars ? text : "..." + text.substr(text.size() - max_chars);
}

bool same_sa(const SwanIkeSa& s, const RavelinSa& r) {
  // strongSwan lists initiator/responder SPIs; ravelin lists local/remote.
  const std::string& ours = s.local_is_initiator ? s.spi_r : s.spi_i;
  const std::string& theirs = s.local_is_initiator ? s.spi_i : s.spi_r;
  return r.local_spi == ours && r.remote_spi == theirs;
}

}  // namespace

std::string interop_unavailable_reason(bool libipsec) {
  if (geteuid() != 0) return "needs root to create network namespaces";
  std::string why;
  if (!Charon::available(&why, libipsec)) return why;
  if (RavelinPeer::binary().empty()) return "the ravelin binary is not built (target ravelin)";
  return {};
}

void InteropTest::SetUp() {
  if (auto why = interop_unavailable_reason(uses_libipsec()); !why.empty()) GTEST_SKIP() << why;
  // Short on purpose: the vici and vty unix socket paths below it must stay under 108 bytes.
  static int counter = 0;
  std::string base = "/tmp/rv" + std::to_string(getpid()) + "-interop" + std::to_string(counter++);
  std::error_code ec;
  std::filesystem::remove_all(base, ec);
  ASSERT_TRUE(std::filesystem::create_directories(base, ec)) << base << ": " << ec.message();
  std::filesystem::permissions(base, std::filesystem::perms::owner_all, ec);
  dir_ = base;
  std::string why;
  pair_ = NetnsPair::create(&why);
  ASSERT_TRUE(pair_) << why;
}

void InteropTest::TearDown() {
  if (HasFailure() && (swan_ || ravelin_)) std::printf("%s", diagnostics().c_str());
  ravelin_.reset();  // stop by pid (SIGTERM, then SIGKILL)
  swan_.reset();
  pair_.reset();     // deletes both namespaces
  // RAVELIN_INTEROP_KEEP=1 keeps configs and logs for a post-mortem (they hold the test PSK).
  const char* keep = std::getenv("RAVELIN_INTEROP_KEEP");
  if (!dir_.empty() && (keep == nullptr || std::string(keep) != "1")) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);  // configs hold the PSK, logs may hold keys
  }
}

CharonOptions InteropTest::swan_options() const {
  CharonOptions o;
  o.local_addr = pair_->b().outer4;
  o.remote_addr = pair_->a().outer4;
  o.psk = psk_;
  o.local_ts = pair_->b().net4;
  o.remote_ts = pair_->a().net4;
  return o;
}

IosConfig InteropTest::ios_config() const {
  IosConfig c;
  c.local_addr = pair_->a().outer4;
  c.peer_addr = pair_->b().outer4;
  c.psk = psk_;
  return c;
}

::testing::AssertionResult InteropTest::start_swan(const CharonOptions& o) {
  std::string why;
  swan_logs_keys_ = o.log_keys;
  swan_ = Charon::start(pair_->b().ns, dir_ + "/swan", o, &why);
  if (!swan_) return ::testing::AssertionFailure() << "strongSwan did not start: " << why;
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult InteropTest::start_ravelin(const IosConfig& c, const std::string& dataplane) {
  RavelinOptions o;
  o.config = render_ios(c);
  o.dataplane = dataplane;
  o.local_addresses = {c.local_addr};
  o.interfaces = {c.interface + "=" + pair_->a().ns};
  return start_ravelin_options(std::move(o));
}

::testing::AssertionResult InteropTest::start_ravelin_options(RavelinOptions o) {
  std::string why;
  ravelin_ = RavelinPeer::start(pair_->a().ns, dir_ + "/ravelin", o, &why);
  if (!ravelin_) return ::testing::AssertionFailure() << "ravelin did not start: " << why;
  return ::testing::AssertionSuccess();
}

void InteropTest::send_interesting_traffic() const {
  (void)pair_->exec(pair_->a().ns, {"ping", "-c", "2", "-i", "0.3", "-W", "1", "-I", pair_->a().inner4,
                                    pair_->b().inner4},
                    Millis(5000));
}

::testing::AssertionResult InteropTest::wait_established(Millis timeout) {
  bool ok = wait_until(
      [&] {
        auto s = swan_->established();
        if (!s) return false;
        for (const auto& r : ready_sas(ravelin_->show_sa_detailed())) {
          if (same_sa(*s, r)) {
            swan_sa_ = *s;
            ravelin_sa_ = r;
            return true;
          }
        }
        return false;
      },
      timeout, Millis(250));
  if (ok) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "no IKE SA both sides agree on within " << timeout.count() << " ms";
}

std::string InteropTest::diagnostics() const {
  std::string out = "---- interop diagnostics (" + dir_ + ")\n";
  if (swan_) {
    out += "-- swanctl --list-sas:\n" + swan_->swanctl({"--list-sas"}).output;
    if (!swan_logs_keys_) out += "-- charon.log (tail):\n" + tail(swan_->log(), 6000) + "\n";
  }
  if (ravelin_) {
    out += "-- ravelin show crypto ikev2 sa detailed:\n" + ravelin_->exec({"show crypto ikev2 sa detailed"}).output;
    out += "-- ravelin stderr (tail):\n" + tail(ravelin_->log(), 6000) + "\n";
  }
  return out;
}

}  // namespace ravelin::test::interop
