// Transform names for proposal-mismatch reasons (show_transform_names.hpp).
#include "ike/commands/show_transform_names.hpp"

#include <charconv>

#include "ike/commands/algorithms.hpp"

namespace ravelin::ike::commands {
namespace {

constexpr std::string_view kOffered = "peer offered ";
constexpr std::string_view kAccept = "; we accept ";
constexpr std::string_view kChose = "responder chose ";
constexpr std::string_view kNotOffered = " which we did not offer";

// "PRF5" with prefix "PRF" → 5.
std::optional<uint16_t> numbered(std::string_view token, std::string_view prefix) {
  if (!token.starts_with(prefix) || token.size() == prefix.size()) return std::nullopt;
  uint16_t n = 0;
  auto digits = token.substr(prefix.size());
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return n;
}

std::vector<std::string_view> split(std::string_view text, std::string_view sep) {
  std::vector<std::string_view> out;
  while (true) {
    auto at = text.find(sep);
    out.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return out;
    text.remove_prefix(at + sep.size());
  }
}

std::vector<std::string> named_list(std::string_view list) {
  std::vector<std::string> out;
  if (list == "nothing") return out;
  for (auto p : split(list, ", ")) out.push_back(proposal_names(p));
  return out;
}

std::string joined(const std::vector<std::string>& proposals) {
  if (proposals.empty()) return "nothing";
  std::string out;
  for (const auto& p : proposals) out += (out.empty() ? "(" : " or (") + p + ")";
  return out;
}

}  // namespace

std::string transform_token_name(std::string_view token) {
  if (auto n = numbered(token, "PRF")) {
    for (const auto& h : hashes()) {
      if (h.prf_id == *n) return "PRF " + std::string(h.prf_display);
    }
  } else if (auto i = numbered(token, "INTEG")) {
    for (const auto& h : hashes()) {
      if (h.integ_id == *i) return "Integrity " + std::string(h.integ_display);
    }
  } else if (auto g = numbered(token, "DH")) {
    if (const DhGroup* d = find_group(*g)) return std::string(d->display);
  } else if (auto e = numbered(token, "ENCR")) {
    // Ciphers without a key-length attribute (3DES, DES): the engine prints their number only.
    for (const auto& a : encryptions()) {
      if (a.id == *e) return std::string(a.display);
    }
  }
  return std::string(token);
}

std::string proposal_names(std::string_view proposal) {
  if (proposal == "(empty)" || proposal == "nothing") return std::string(proposal);
  std::string out;
  for (auto t : split(proposal, "/")) out += (out.empty() ? "" : ", ") + transform_token_name(t);
  return out;
}

std::optional<ProposalMismatch> parse_proposal_mismatch(std::string_view reason) {
  if (auto at = reason.find(kOffered); at != std::string_view::npos) {
    auto rest = reason.substr(at + kOffered.size());
    auto semi = rest.find(kAccept);
    if (semi == std::string_view::npos) return std::nullopt;
    std::string head(reason.substr(0, at));
    while (!head.empty() && (head.back() == ' ' || head.back() == ':')) head.pop_back();
    return ProposalMismatch{head, named_list(rest.substr(0, semi)), named_list(rest.substr(semi + kAccept.size()))};
  }
  if (auto at = reason.find(kChose); at != std::string_view::npos) {
    auto rest = reason.substr(at + kChose.size());
    auto end = rest.find(kNotOffered);
    if (end == std::string_view::npos) return std::nullopt;
    std::string head = std::string(reason.substr(0, at)) + "the responder chose a proposal we did not offer";
    return ProposalMismatch{head, named_list(rest.substr(0, end)), {}};
  }
  return std::nullopt;
}

std::string name_transforms(std::string_view reason) {
  auto m = parse_proposal_mismatch(reason);
  if (!m) return std::string(reason);
  if (reason.find(kOffered) != std::string_view::npos) {
    return std::string(reason.substr(0, reason.find(kOffered))) + std::string(kOffered) + joined(m->offered) +
           std::string(kAccept) + joined(m->accepted);
  }
  auto at = reason.find(kChose);
  return std::string(reason.substr(0, at)) + std::string(kChose) + joined(m->offered) + std::string(kNotOffered);
}

}  // namespace ravelin::ike::commands
