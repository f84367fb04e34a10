#pragma once
// The keylog hook (`debug crypto ikev2 keylog FILE`): the engine hands every IKE SA's SK_* keys (once
// when they are derived, also for a rekeyed IKE SA) and every child SA's keys (once per direction
// when the child is installed) to this sink. The sink decides where they go (the CLI writes Wireshark
// rows with ike/crypto/keylog.hpp); the engine itself never turns a key into text. The pointers in the
// inputs are valid only during the call.
#include "ike/crypto/keylog.hpp"

namespace ravelin::ike::engine {

class KeylogSink {
 public:
  virtual ~KeylogSink() = default;
  virtual void ike_sa_keys(const crypto::IkeKeylogInput& in) = 0;
  virtual void child_sa_keys(const crypto::EspKeylogInput& in) = 0;
};

}  // namespace ravelin::ike::engine
