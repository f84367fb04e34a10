// libFuzzer target: whole config files through the load path the process uses at boot
// (cli::merge_config_text, headers stripped, per-line errors kept), then `ravelin check`'s path
// (cli::parse_config_text), then what the running-config becomes: the typed IkeConfig
// (ike/config_build) handed to a fresh Engine, which initiates its first crypto-map entry. The
// dialect is the file's (an `ASA Version` line), else byte 0's bit 0. Besides ASan/UBSan: the
// loaded running-config renders, reloads and renders identically.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cli/config_file.hpp"
#include "cli/main_commands.cpp"  // NOLINT(bugprone-suspicious-include): build_command_set, as the binary
#include "cli/running_config.hpp"
#include "grammar/config/load.hpp"
#include "grammar/config/render.hpp"
#include "ike/config_build/build.hpp"
#include "ike/crypto/random.hpp"
#include "ike/engine/engine.hpp"
#include "tests/fuzz/cli_world.hpp"

namespace {

class Spis final : public ravelin::ike::engine::SpiAllocator {
 public:
  ravelin::Result<uint32_t> allocate(const ravelin::platform::IpAddress&, const ravelin::platform::IpAddress&) override {
    return next_++;
  }

 private:
  uint32_t next_ = 0x100;
};

void run_engine(const ravelin::fuzz::CliWorld& w) {
  namespace ike = ravelin::ike;
  const auto dialect = w.dialect == ravelin::cli::Dialect::Asa ? ravelin::grammar::Dialect::Asa
                                                               : ravelin::grammar::Dialect::Ios;
  auto built = ike::config_build::build(w.store->running().root(), dialect);
  if (!built.config) return;
  (void)ike::config_build::describe(ike::config_build::diff(ike::config::IkeConfig{}, *built.config));
  ike::crypto::DeterministicRandom random(1);
  Spis spis;
  ike::engine::Engine engine(ike::engine::EngineDeps{&random, &spis, nullptr});
  const auto now = ravelin::platform::TimePoint(std::chrono::hours(1));
  (void)engine.on_config(now, built.config);
  if (!built.config->crypto_map.empty()) (void)engine.initiate(now, built.config->crypto_map.front().id());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > 65536) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto fallback = (data[0] & 1) ? ravelin::cli::Dialect::Asa : ravelin::cli::Dialect::Ios;
  const auto dialect = ravelin::cli::detect_dialect(text, fallback);
  static ravelin::fuzz::CliWorld ios(ravelin::cli::Dialect::Ios), asa(ravelin::cli::Dialect::Asa);
  ravelin::fuzz::CliWorld& w = dialect == ravelin::cli::Dialect::Asa ? asa : ios;
  w.fresh_store();
  (void)ravelin::cli::parse_config_text(*w.store, text, nullptr);
  (void)ravelin::cli::merge_config_text(*w.store, text, &w.names);
  ravelin::fuzz::check_reload(w, "config_load_fuzz");
  run_engine(w);
  return 0;
}
