#pragma once
// `ravelin bench ...` (issue 10): the IKEv2 load generator and the in-process benchmark responder.
#include <string>
#include <vector>

namespace ravelin::cli {

// `args` is everything after `bench`; returns the process exit status (0 = every SA established).
int run_bench(const std::vector<std::string>& args);

}  // namespace ravelin::cli
