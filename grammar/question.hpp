#pragma once
// A question a command asks before the session takes the next line as its answer (`Password: `,
// `Destination filename [startup-config]? `, the lines of a certificate pasted after `crypto pki
// authenticate`). Declared in grammar so that command sets of every module can ask; the session
// (cli) implements Asker and provides it in each session's grammar::Services:
//   if (auto* asker = ctx.services.get<grammar::Asker>()) asker->ask({...});
#include <functional>
#include <string>
#include <string_view>

namespace ravelin::grammar {

struct Question {
  std::string prompt;   // shown instead of the mode prompt ("" for a pasted line)
  bool secret = false;  // read without echo, never kept in history
  // Receives the answer; may print, and may ask again (ask() from inside is allowed: a paste is a
  // chain of questions that ends when the callback stops asking).
  std::function<void(std::string_view answer, std::string& out, bool& rejected)> on_answer;
};

class Asker {
 public:
  virtual ~Asker() = default;
  // The next line typed is the answer to `q`.
  virtual void ask(Question q) = 0;
};

}  // namespace ravelin::grammar
