// `show crypto ikev2 diagnose [error]` (show_diagnose.hpp).
#include "ike/commands/show_diagnose.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "ike/commands/show_transform_names.hpp"

namespace ravelin::ike::commands {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

constexpr const char* kCheckProposal =
    "`crypto ikev2 proposal` / `crypto ipsec transform-set` on both peers: they need one encryption, "
    "integrity/PRF and DH group in common";
constexpr const char* kCheckSelectors =
    "the crypto ACLs of both peers: each must be the mirror image of the other";
constexpr const char* kCheckIdentity =
    "`match identity remote` of the IKEv2 profiles against the identity the peer sends";
constexpr const char* kCheckKeyring = "the keyring of the profile: a `peer` block whose address covers the peer";
constexpr const char* kCheckAuth = "the pre-shared keys: each side's local key must be the other side's remote key";
constexpr const char* kCheckGroup = "the DH groups of both peers' IKEv2 proposals (and `set pfs`)";

// A notify the peer answered with (RFC 7296 §3.10.1 error types the engine reports by name).
struct PeerNotify {
  std::string_view name;
  std::string_view category;
  const char* check;
};
constexpr std::array<PeerNotify, 4> kPeerNotifies{{
    {"NO_PROPOSAL_CHOSEN", "Proposal mismatch", kCheckProposal},
    {"AUTHENTICATION_FAILED", "Authentication", kCheckAuth},
    {"TS_UNACCEPTABLE", "Traffic selectors", kCheckSelectors},
    {"INVALID_KE_PAYLOAD", "DH group", kCheckGroup},
}};

}  // namespace

FailureDiagnosis diagnose_failure(const std::string& reason) {
  const std::string r = lower(reason);
  if (has(r, "refused by peer") || has(r, "peer answered") || has(r, "peer refused")) {
    for (const auto& n : kPeerNotifies) {
      if (has(reason, n.name)) return {std::string(n.category), std::string(n.name) + " received from the peer", n.check};
    }
    return {"Refused by the peer", "", "the peer's log for the reason it gave"};
  }
  if (has(r, "no proposal chosen") && has(r, "peer offered"))
    return {"Proposal mismatch", "NO_PROPOSAL_CHOSEN sent to the peer", kCheckProposal};
  if (has(r, "did not offer") && has(r, "dh group")) return {"DH group", "", kCheckGroup};
  if (has(r, "no proposal") || has(r, "did not offer") || has(r, "proposal without"))
    return {"Proposal mismatch", "", kCheckProposal};
  if (has(r, "selectors") && has(r, "unacceptable"))
    return {"Traffic selectors", "TS_UNACCEPTABLE sent to the peer", kCheckSelectors};
  if (has(r, "matched no ikev2 profile"))
    return {"Identity", "AUTHENTICATION_FAILED sent to the peer", kCheckIdentity};
  if (has(r, "no ikev2 profile")) return {"Configuration", "", "the `set ikev2-profile` of the crypto map entry"};
  if (has(r, "keyring")) return {"Pre-shared key lookup", "", kCheckKeyring};
  if (has(r, "authentication failed"))
    return {"Authentication", "AUTHENTICATION_FAILED sent to the peer", kCheckAuth};
  if (has(r, "does not verify") || has(r, "pre-shared key")) return {"Authentication", "", kCheckAuth};
  if (has(r, "key exchange") || has(r, "invalid ke") || has(r, "dh group")) return {"DH group", "", kCheckGroup};
  if (has(r, "not responding") || has(r, "timed out"))
    return {"Peer unreachable", "", "reachability of the peer on UDP 500/4500 and that it runs IKEv2"};
  if (has(r, "cookie")) return {"Cookie challenge", "", "`crypto ikev2 cookie-challenge` and the peer's COOKIE support"};
  return {"Other", "", ""};
}

namespace {

const char* kind_name(engine::EventKind k) {
  switch (k) {
    case engine::EventKind::IkeSaUp: return "IKE SA up";
    case engine::EventKind::IkeSaDown: return "IKE SA down";
    case engine::EventKind::ChildSaUp: return "Child SA up";
    case engine::EventKind::ChildSaDown: return "Child SA down";
    case engine::EventKind::Failure: return "Failure";
  }
  return "Event";
}

// "    Peer offered: (first)\n                  (second)\n": one proposal per line, named.
void proposal_lines(std::string& out, std::string_view label, const std::vector<std::string>& proposals) {
  const std::string indent(4 + label.size(), ' ');
  out += "    " + std::string(label);
  if (proposals.empty()) out += "nothing\n";
  for (size_t i = 0; i < proposals.size(); ++i) out += (i == 0 ? "" : indent) + proposals[i] + "\n";
}

void reason_lines(std::string& out, const std::string& reason) {
  auto m = parse_proposal_mismatch(reason);
  if (!m) {
    out += "    Reason: " + reason + "\n";
    return;
  }
  out += "    Reason: " + m->head + "\n";
  if (m->accepted.empty()) {
    proposal_lines(out, "Peer chose:   ", m->offered);
    return;
  }
  proposal_lines(out, "Peer offered: ", m->offered);
  proposal_lines(out, "We accept:    ", m->accepted);
}

void entry(std::string& out, size_t n, const engine::Event& e) {
  out += " " + std::to_string(n) + "  " + kind_name(e.kind);
  out += e.tunnel_id != 0 ? ", Tunnel-id: " + std::to_string(e.tunnel_id) : std::string(", no IKE SA");
  if (e.kind != engine::EventKind::Failure) {
    out += "\n    " + e.text + "\n";
    return;
  }
  const auto d = diagnose_failure(e.text);
  out += ", Category: " + d.category + "\n";
  reason_lines(out, e.text);
  if (!d.notify.empty()) out += "    Notify: " + d.notify + "\n";
  if (!d.check.empty()) out += "    Check:  " + d.check + "\n";
}

}  // namespace

std::string format_ikev2_diagnose(const std::vector<engine::Event>& events, bool errors_only) {
  std::vector<const engine::Event*> shown;
  for (const auto& e : events) {
    if (!errors_only || e.kind == engine::EventKind::Failure) shown.push_back(&e);
  }
  if (shown.empty()) return errors_only ? "No IKEv2 failures recorded\n" : "No IKEv2 events recorded\n";
  std::string out = std::string("IKEv2 diagnose: ") + std::to_string(shown.size()) +
                    (errors_only ? " recent failure" : " recent event") + (shown.size() == 1 ? "" : "s") +
                    ", oldest first\n\n";
  for (size_t i = 0; i < shown.size(); ++i) {
    entry(out, i + 1, *shown[i]);
    out += "\n";
  }
  return out;
}

}  // namespace ravelin::ike::commands
