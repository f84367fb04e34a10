#pragma once
// Shared between cli/main*.cpp only (the wiring of the process).
#include <memory>
#include <string>

#include "cli/options.hpp"
#include "grammar/command_set.hpp"

namespace ravelin::cli {

// Every command family of `dialect`: the shell's builtins and (as they land) the crypto families.
// Declaration mistakes are printed to stderr and give nullptr.
std::unique_ptr<grammar::CommandSet> build_command_set(Dialect dialect, const std::string& default_hostname);

// The dialect to use: --platform, else the file's `ASA Version` line, else IOS.
Dialect choose_dialect(const Options& o, const std::string* startup_text);

int run_check(const Options& o);
int run_process(const Options& o, const char* argv0);

}  // namespace ravelin::cli
