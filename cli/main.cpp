// The ravelin process: the only place that wires platform, grammar, ipsec, ike and cli together.
#include <cstdio>
#include <cstring>

#include "platform/version.hpp"

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--version") == 0) {
      std::printf("ravelin %s\n", ravelin::version_string());
      return 0;
    }
  }
  std::fprintf(stderr, "ravelin: the console is not wired yet\n");
  return 1;
}
