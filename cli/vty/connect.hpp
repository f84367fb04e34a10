#pragma once
// `ravelin connect [--vty-socket PATH]`            an interactive console on the running process
// `ravelin connect [--vty-socket PATH] -c CMD...`  runs the commands in order in a fresh session
//                                                  (user EXEC), prints only their output
// Exit status: 0 = every command accepted (or the interactive session ended normally),
//              1 = at least one -c command was rejected, 2 = cannot connect / bad arguments /
//              the server went away during an interactive session.
namespace ravelin::cli::vty {

// argv[0] is the word "connect" (main calls run_connect(argc - 1, argv + 1)); options follow it.
int run_connect(int argc, char** argv);

}  // namespace ravelin::cli::vty
