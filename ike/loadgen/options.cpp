#include "ike/loadgen/options.hpp"

#include <charconv>
#include <functional>
#include <map>

namespace ravelin::ike::loadgen {

namespace {

constexpr uint32_t kMaxRange = 65536;

Result<uint32_t> parse_u32(std::string_view opt, std::string_view text, uint32_t min, uint32_t max) {
  uint32_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < min || v > max) {
    return make_error(std::string(opt) + ": expected a number in " + std::to_string(min) + ".." + std::to_string(max) +
                      ", got '" + std::string(text) + "'");
  }
  return v;
}

// A small option table: each option either takes a value or is a flag.
struct Spec {
  bool takes_value;
  std::function<Status(const std::string&)> apply;
};

Status run_table(const std::vector<std::string>& args, const std::map<std::string, Spec>& table) {
  for (size_t i = 0; i < args.size(); ++i) {
    auto it = table.find(args[i]);
    if (it == table.end()) return make_error("unknown option '" + args[i] + "'");
    std::string value;
    if (it->second.takes_value) {
      if (i + 1 >= args.size()) return make_error(args[i] + " needs a value");
      value = args[++i];
    }
    if (auto st = it->second.apply(value); !st) return st;
  }
  return {};
}

Spec number(uint32_t& out, std::string opt, uint32_t min, uint32_t max) {
  return {true, [&out, opt, min, max](const std::string& v) -> Status {
            auto n = parse_u32(opt, v, min, max);
            if (!n) return n.error();
            out = *n;
            return {};
          }};
}

Spec port(uint16_t& out, std::string opt, bool* seen = nullptr) {
  return {true, [&out, opt, seen](const std::string& v) -> Status {
            auto n = parse_u32(opt, v, 1, 65535);
            if (!n) return n.error();
            out = static_cast<uint16_t>(*n);
            if (seen) *seen = true;
            return {};
          }};
}

Spec text(std::string& out) {
  return {true, [&out](const std::string& v) -> Status {
            out = v;
            return {};
          }};
}

Spec flag(bool& out) {
  return {false, [&out](const std::string&) -> Status {
            out = true;
            return {};
          }};
}

Spec addresses(std::vector<platform::IpAddress>& out) {
  return {true, [&out](const std::string& v) -> Status {
            auto r = parse_address_range(v);
            if (!r) return r.error();
            out.insert(out.end(), r->begin(), r->end());
            return {};
          }};
}

uint16_t default_natt(uint16_t port) { return port == 500 ? 4500 : static_cast<uint16_t>(port + 1); }

template <typename O>
Status parse_proposals(O& o) {
  auto ike = parse_ike_proposals(o.proposal);
  if (!ike) return make_error("--proposal: " + ike.error().message);
  auto esp = parse_esp_proposals(o.esp);
  if (!esp) return make_error("--esp: " + esp.error().message);
  o.ike_proposals = std::move(*ike);
  o.esp_proposals = std::move(*esp);
  return {};
}

}  // namespace

Result<std::vector<platform::IpAddress>> parse_address_range(std::string_view text) {
  auto dash = text.find('-');
  auto first = platform::IpAddress::parse(text.substr(0, dash));
  if (!first) return make_error("'" + std::string(text) + "' is not an address or an address range");
  if (dash == std::string_view::npos) return std::vector<platform::IpAddress>{*first};
  auto last = platform::IpAddress::parse(text.substr(dash + 1));
  if (!last || !first->is_v4() || !last->is_v4() || last->v4_host_order() < first->v4_host_order()) {
    return make_error("'" + std::string(text) + "': a range is two IPv4 addresses, the lower first");
  }
  const uint64_t n = uint64_t{last->v4_host_order()} - first->v4_host_order() + 1;
  if (n > kMaxRange) return make_error("'" + std::string(text) + "': at most 65536 addresses");
  std::vector<platform::IpAddress> out;
  out.reserve(n);
  for (uint64_t i = 0; i < n; ++i) out.push_back(platform::IpAddress::v4(first->v4_host_order() + static_cast<uint32_t>(i)));
  return out;
}

Result<LoadOptions> parse_load_args(const std::vector<std::string>& args) {
  LoadOptions o;
  bool have_peer = false;
  bool natt_given = false;
  std::map<std::string, Spec> table{
      {"--peer", {true, [&](const std::string& v) -> Status {
                    auto a = platform::IpAddress::parse(v);
                    if (!a) return make_error("--peer: '" + v + "' is not an IP address");
                    o.peer = *a;
                    have_peer = true;
                    return {};
                  }}},
      {"--port", port(o.port, "--port")},
      {"--natt-port", port(o.natt_port, "--natt-port", &natt_given)},
      {"--count", number(o.count, "--count", 1, 10'000'000)},
      {"--concurrency", number(o.concurrency, "--concurrency", 1, 100'000)},
      {"--timeout", number(o.timeout_seconds, "--timeout", 1, 86'400)},
      {"--proposal", text(o.proposal)},
      {"--esp", text(o.esp)},
      {"--psk", text(o.psk)},
      {"--source", addresses(o.sources)},
      {"--remote-ts", {true, [&](const std::string& v) -> Status {
                         auto p = platform::Prefix::parse(v);
                         if (!p) return make_error("--remote-ts: '" + v + "' is not a prefix");
                         o.remote_ts = *p;
                         return {};
                       }}},
      {"--delete", flag(o.del)},
      {"--ike-only", flag(o.ike_only)},
      {"--quiet", flag(o.quiet)},
  };
  if (auto st = run_table(args, table); !st) return st.error();
  if (!have_peer) return make_error("--peer ADDRESS is required");
  if (o.psk.empty()) return make_error("--psk: the pre-shared key cannot be empty");
  if (!natt_given) o.natt_port = default_natt(o.port);
  if (o.natt_port == o.port) return make_error("--natt-port must differ from --port");
  for (const auto& s : o.sources) {
    if (s.family() != o.peer.family()) return make_error("--source " + s.to_string() + ": not the peer's address family");
  }
  if (auto st = parse_proposals(o); !st) return st.error();
  return o;
}

Result<RespondOptions> parse_respond_args(const std::vector<std::string>& args) {
  RespondOptions o;
  bool natt_given = false;
  std::map<std::string, Spec> table{
      {"--listen", addresses(o.listen)},
      {"--port", port(o.port, "--port")},
      {"--natt-port", port(o.natt_port, "--natt-port", &natt_given)},
      {"--proposal", text(o.proposal)},
      {"--esp", text(o.esp)},
      {"--psk", text(o.psk)},
      {"--no-child", flag(o.no_child)},
      {"--seconds", number(o.seconds, "--seconds", 1, 86'400 * 365)},
      {"--ready-file", text(o.ready_file)},
  };
  if (auto st = run_table(args, table); !st) return st.error();
  if (o.listen.empty()) return make_error("--listen ADDRESS is required");
  if (o.psk.empty()) return make_error("--psk: the pre-shared key cannot be empty");
  if (!natt_given) o.natt_port = default_natt(o.port);
  if (o.natt_port == o.port) return make_error("--natt-port must differ from --port");
  if (auto st = parse_proposals(o); !st) return st.error();
  return o;
}

std::string load_usage() {
  return "usage: ravelin bench ike --peer ADDRESS [--port N] [--natt-port N] [--count N] [--concurrency C]\n"
         "                         [--proposal P] [--esp E] [--psk KEY] [--source A[-B]]... [--delete]\n"
         "                         [--ike-only] [--remote-ts PREFIX] [--timeout SECONDS] [--quiet]\n"
         "  Establishes N IKEv2 SAs (PSK, one child each) against any responder, at most C in flight, and\n"
         "  reports handshakes/s, setup latency p50/p99 and failures. P and E use strongSwan's notation\n"
         "  (default aes256gcm16-prfsha256-x25519 and aes256gcm16). Sources default to the address the\n"
         "  kernel routes toward the peer; our port is the peer's (--port, default 500; NAT-T 4500, or\n"
         "  port + 1 for another --port). --ike-only counts an IKE SA whose child is refused as a success.\n"
         "  SA number i asks for the child 10.0.0.0+i+1/32 <-> --remote-ts (default 198.51.100.0/24).\n";
}

std::string respond_usage() {
  return "usage: ravelin bench respond --listen A[-B] [--port N] [--natt-port N] [--proposal P] [--esp E]\n"
         "                             [--psk KEY] [--no-child] [--seconds S] [--ready-file PATH]\n"
         "  An in-process ravelin responder (engine + UDP runtime, no dataplane) that accepts any peer with\n"
         "  the pre-shared key: a dynamic crypto-map entry, any address identity. --no-child refuses every\n"
         "  child SA with NO_PROPOSAL_CHOSEN (IKE only). Stops on SIGINT/SIGTERM or after S seconds.\n";
}

platform::IpAddress inner_address(uint32_t index) {
  return platform::IpAddress::v4((10u << 24) + ((index + 1) & 0x00ffffffu));
}

uint32_t bench_entry_id(uint32_t seq) {
  config::CryptoMapEntry e;
  e.map_name = "bench";
  e.seq = seq;
  return e.id();
}

config::IkeConfig initiator_config(const LoadOptions& o, const std::vector<platform::IpAddress>& sources,
                                   uint32_t entries, uint32_t first_index) {
  using namespace config;
  IkeConfig c;
  c.proposals = o.ike_proposals;
  IkePolicy pol{"bench", {}, {}};
  for (const auto& p : c.proposals) pol.proposals.push_back(p.name);
  c.policies.push_back(pol);
  KeyringPeer kp;
  kp.name = "responder";
  kp.address = platform::Prefix::host(o.peer);
  kp.pre_shared_key_local = o.psk;
  kp.pre_shared_key_remote = o.psk;
  c.keyrings.push_back({"bench", {kp}});
  Profile prof;
  prof.name = "bench";
  prof.match_identity_remote.push_back({IdentityMatch::Kind::Any, std::nullopt, ""});
  prof.keyring = "bench";
  c.profiles.push_back(prof);
  c.transform_sets = o.esp_proposals.sets;
  c.crypto_map.reserve(entries);
  for (uint32_t j = 0; j < entries; ++j) {
    CryptoMapEntry e;
    e.map_name = "bench";
    e.seq = j + 1;
    e.peers = {o.peer};
    e.local_address = sources[j % sources.size()];
    e.local_ts = {ipsec::ts::TrafficSelector::host(inner_address(first_index + j))};
    e.remote_ts = {ipsec::ts::TrafficSelector::from_prefix(o.remote_ts)};
    for (const auto& t : c.transform_sets) e.transform_sets.push_back(t.name);
    e.profile = "bench";
    c.crypto_map.push_back(std::move(e));
  }
  return c;
}

config::IkeConfig responder_config(const RespondOptions& o) {
  using namespace config;
  IkeConfig c;
  c.proposals = o.ike_proposals;
  IkePolicy pol{"bench", {}, {}};
  for (const auto& p : c.proposals) pol.proposals.push_back(p.name);
  c.policies.push_back(pol);
  Keyring kr{"bench", {}};
  for (const char* any : {"0.0.0.0/0", "::/0"}) {
    KeyringPeer kp;
    kp.name = any;
    kp.address = platform::Prefix::parse(any);
    kp.pre_shared_key_local = o.psk;
    kp.pre_shared_key_remote = o.psk;
    kr.peers.push_back(kp);
  }
  c.keyrings.push_back(kr);
  Profile prof;
  prof.name = "bench";
  prof.match_identity_remote.push_back({IdentityMatch::Kind::Any, std::nullopt, ""});
  prof.keyring = "bench";
  c.profiles.push_back(prof);
  c.transform_sets = o.esp_proposals.sets;
  CryptoMapEntry e;
  e.map_name = "bench-dyn";
  e.seq = 10;
  e.dynamic = true;
  e.local_address = o.listen.front();
  for (auto fam : {platform::Family::V4, platform::Family::V6}) {
    e.local_ts.push_back(ipsec::ts::TrafficSelector::any(fam));
    e.remote_ts.push_back(ipsec::ts::TrafficSelector::any(fam));
  }
  // --no-child: an entry with no transform set answers every child NO_PROPOSAL_CHOSEN, as strongSwan
  // does when the kernel cannot install ESP.
  if (!o.no_child) {
    for (const auto& t : c.transform_sets) e.transform_sets.push_back(t.name);
  }
  e.profile = "bench";
  c.crypto_map.push_back(std::move(e));
  return c;
}

}  // namespace ravelin::ike::loadgen
