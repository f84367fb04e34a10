#pragma once
// Command-line options of `ravelin bench ike` (the load generator) and `ravelin bench respond` (a
// ravelin responder for many peers), and the IkeConfig each side runs with. No I/O here: the Asio
// parts live in ike/io/loadgen*.
#include <cstdint>
#include <string>
#include <vector>

#include "ike/config/ike_config.hpp"
#include "ike/loadgen/notation.hpp"
#include "platform/net/ip_address.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::loadgen {

struct LoadOptions {
  platform::IpAddress peer;
  uint16_t port = 500;        // the responder's IKE port (`--port`), also ours on every source address
  uint16_t natt_port = 4500;  // `--natt-port`; default 4500 for port 500, else port + 1
  uint32_t count = 100;
  uint32_t concurrency = 32;
  std::string proposal = "aes256gcm16-prfsha256-x25519";
  std::string esp = "aes256gcm16";
  std::string psk = "ravelin-bench";
  bool del = false;                            // `--delete`: tear every SA down after the run
  bool ike_only = false;                       // `--ike-only`: an IKE SA is success even if the child is refused
  std::vector<platform::IpAddress> sources;    // `--source A[-B]`; one UDP socket pair per address
  uint32_t timeout_seconds = 60;               // `--timeout`: the whole run, wall clock
  bool quiet = false;                          // `--quiet`: the report only, no failure samples
  // Child selectors: SA number i protects 10.0.0.0 + i + 1 (/32, unique per SA, never an IKE address,
  // so a peer's routes for the child cannot capture IKE traffic) <-> `--remote-ts` (default
  // 198.51.100.0/24, the network "behind" the responder).
  platform::Prefix remote_ts = *platform::Prefix::parse("198.51.100.0/24");

  // Parsed from proposal / esp by parse_load_args.
  std::vector<config::IkeProposal> ike_proposals;
  EspProposals esp_proposals;
};

// `args` is everything after `bench ike`. Errors name the offending option.
[[nodiscard]] Result<LoadOptions> parse_load_args(const std::vector<std::string>& args);
[[nodiscard]] std::string load_usage();

struct RespondOptions {
  std::vector<platform::IpAddress> listen;  // `--listen A[-B]` (repeatable)
  uint16_t port = 500;        // `--port`
  uint16_t natt_port = 4500;  // `--natt-port`; default as for LoadOptions
  std::string proposal = "aes256gcm16-prfsha256-x25519";
  std::string esp = "aes256gcm16";
  std::string psk = "ravelin-bench";
  bool no_child = false;          // `--no-child`: refuse every child (IKE-only responder, like strongSwan without ESP)
  uint32_t seconds = 0;           // `--seconds`: stop after that long (0 = until SIGINT/SIGTERM)
  std::string ready_file;         // `--ready-file`: written once the sockets are bound
  std::vector<config::IkeProposal> ike_proposals;
  EspProposals esp_proposals;
};

[[nodiscard]] Result<RespondOptions> parse_respond_args(const std::vector<std::string>& args);
[[nodiscard]] std::string respond_usage();

// "10.0.0.1" or "10.0.0.1-10.0.0.200" (IPv4 ranges up to 65536 addresses; IPv6 single addresses).
[[nodiscard]] Result<std::vector<platform::IpAddress>> parse_address_range(std::string_view text);

// The initiator configuration of one load-generator engine: `entries` crypto-map entries (one IKE SA
// each), entry j from `sources[j % sources.size()]` with the child selectors of SA number
// first_index + j (see remote_ts above), all with the same proposal, transform sets and PSK. Entry j is
// map "bench" sequence j + 1: its id is bench_entry_id(j + 1).
[[nodiscard]] config::IkeConfig initiator_config(const LoadOptions& o, const std::vector<platform::IpAddress>& sources,
                                                 uint32_t entries, uint32_t first_index);
[[nodiscard]] uint32_t bench_entry_id(uint32_t seq);
// 10.0.0.0 + index + 1: the inner address SA number `index` protects.
[[nodiscard]] platform::IpAddress inner_address(uint32_t index);

// The responder configuration: any peer (a dynamic crypto-map entry with any-to-any selectors, the
// peer's own proposal narrowed to it), any address identity, one PSK for all.
[[nodiscard]] config::IkeConfig responder_config(const RespondOptions& o);

}  // namespace ravelin::ike::loadgen
