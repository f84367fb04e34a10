#pragma once
// `show crypto ikev2 diagnose [error]` (both dialects; ravelin's extension, named after IOS's own
// `show crypto ikev2 diagnose error` exit-path history): the engine's recent events, each failure
// with the engine's concrete reason, what kind of mismatch it is, the notify the peer got or sent,
// and which configuration to check. docs/OPERATIONS.md has samples.
#include <string>
#include <vector>

#include "ike/engine/effects.hpp"

namespace ravelin::ike::commands {

// What went wrong, from the engine's reason text.
struct FailureDiagnosis {
  std::string category;  // "Proposal mismatch", "Authentication", ...
  std::string notify;    // "NO_PROPOSAL_CHOSEN sent to the peer", "" when none applies
  std::string check;     // which configuration to compare
};
[[nodiscard]] FailureDiagnosis diagnose_failure(const std::string& reason);

// errors_only: failures only (`diagnose error`); else every event (SA up/down as well).
[[nodiscard]] std::string format_ikev2_diagnose(const std::vector<engine::Event>& events, bool errors_only);

}  // namespace ravelin::ike::commands
