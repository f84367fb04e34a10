// libFuzzer target: the CLI matcher and command handlers. Byte 0 picks the dialect (bit 0: ASA) and
// whether the session starts privileged (bit 1); the rest is lines ('\n'-separated, at most 200 of
// at most 512 bytes). A line starting with 0x01 asks '?' help for the rest, 0x02 TAB completion, 0x03
// is Ctrl-Z; any other line is typed at the prompt, so the fuzzer walks into every mode of both
// dialects. Besides ASan/UBSan: the prompt is never empty, and what `show running-config` holds always
// reloads cleanly (render -> load -> render is the identity, grammar/config/render.hpp).
// File names: tokens that start with '/', contain ":/" or ".." are dropped, so `configure replace`
// and `copy` stay inside the session's private directory (the fuzzer runs in a scratch directory).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cli/main_commands.cpp"  // NOLINT(bugprone-suspicious-include): build_command_set, as the binary
#include "grammar/config/load.hpp"
#include "grammar/config/render.hpp"
#include "tests/fuzz/cli_world.hpp"

namespace {

bool touches_outside_files(std::string_view line) {
  if (line.find(":/") != std::string_view::npos || line.find("..") != std::string_view::npos) return true;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '/' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > 16384) return 0;
  const auto dialect = (data[0] & 1) ? ravelin::cli::Dialect::Asa : ravelin::cli::Dialect::Ios;
  static ravelin::fuzz::CliWorld ios(ravelin::cli::Dialect::Ios), asa(ravelin::cli::Dialect::Asa);
  ravelin::fuzz::CliWorld& w = dialect == ravelin::cli::Dialect::Asa ? asa : ios;
  w.fresh_store();  // a fresh running-config per input
  auto s = w.session((data[0] & 2) ? 15 : 1);
  const std::string_view in(reinterpret_cast<const char*>(data + 1), size - 1);
  size_t at = 0;
  for (int n = 0; n < 200 && at <= in.size(); ++n) {
    size_t end = in.find('\n', at);
    if (end == std::string_view::npos) end = in.size();
    std::string_view line = in.substr(at, std::min<size_t>(end - at, 512));
    at = end + 1;
    if (touches_outside_files(line)) continue;
    if (!line.empty() && line[0] == 1) {
      (void)s->help(line.substr(1));
    } else if (!line.empty() && line[0] == 2) {
      (void)s->complete(line.substr(1));
    } else if (!line.empty() && line[0] == 3) {
      (void)s->ctrl_z();
    } else {
      auto r = s->execute(line);
      if (r.close_session) break;
    }
    if (s->prompt().empty()) std::abort();
  }
  (void)s->take_async_output();
  ravelin::fuzz::check_reload(w, "cli_matcher_fuzz");
  return 0;
}
