#pragma once
// Names for the transforms in the engine's proposal-mismatch reasons ("no proposal chosen: peer
// offered AES-CBC-256/PRF5/INTEG12/DH5; we accept ..."), as `show crypto ikev2 proposal` prints
// them: AES-CBC-256, PRF SHA256, Integrity SHA256, DH_GROUP_1536_MODP/Group 5. Used by `show crypto
// ikev2 diagnose` and meant for the %IKEV2-3-NEG_FAILED log line too.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ravelin::ike::commands {

// One transform as the engine writes it ("PRF5", "INTEG12", "DH14", "ENCR3", "AES-CBC-256") → its
// name; a token it does not know is returned unchanged.
[[nodiscard]] std::string transform_token_name(std::string_view token);

// One proposal "A/B/C" → "A, PRF B, Integrity C, DH group" (names), "nothing" stays.
[[nodiscard]] std::string proposal_names(std::string_view proposal);

// A proposal mismatch split into its parts, every proposal named.
struct ProposalMismatch {
  std::string head;                   // "IKE_SA_INIT from 10.0.0.1:500: no proposal chosen"
  std::vector<std::string> offered;   // the peer's proposals (or the responder's choice)
  std::vector<std::string> accepted;  // ours (empty for "responder chose ... which we did not offer")
};
[[nodiscard]] std::optional<ProposalMismatch> parse_proposal_mismatch(std::string_view reason);

// `reason` with the transforms of its proposal lists named ("peer offered (AES-CBC-256, PRF SHA256,
// ...) or (...); we accept (...)"); a reason without proposals comes back unchanged.
[[nodiscard]] std::string name_transforms(std::string_view reason);

}  // namespace ravelin::ike::commands
