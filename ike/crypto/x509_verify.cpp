// Chain verification against a trustpoint (RFC 5280 path validation by OpenSSL's X509_verify_cert):
// only the trustpoint's CA certificates are trusted (never the system store), time is the caller's.
#include <openssl/err.h>
#include <openssl/x509_vfy.h>

#include "ike/crypto/pki_ossl.hpp"
#include "ike/crypto/x509.hpp"

namespace ravelin::ike::crypto {

namespace {

using StorePtr = std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)>;
using StackPtr = std::unique_ptr<STACK_OF(X509), void (*)(STACK_OF(X509)*)>;

Result<StorePtr> make_store(const ChainCheck& check) {
  StorePtr store(X509_STORE_new(), &X509_STORE_free);
  if (!store) return make_error("out of memory");
  for (const auto& a : check.anchors) {
    if (X509_STORE_add_cert(store.get(), a->handle().cert.get()) != 1) {
      ERR_clear_error();  // a duplicate anchor is harmless
    }
  }
  for (const auto& c : check.crls) {
    if (X509_STORE_add_crl(store.get(), c->handle().crl.get()) != 1) ERR_clear_error();
  }
  return store;
}

}  // namespace

Status verify_chain(const Certificate& leaf, const ChainCheck& check) {
  if (check.anchors.empty()) return make_error("trustpoint has no CA certificate");
  auto store = make_store(check);
  if (!store) return store.error();
  StackPtr untrusted(sk_X509_new_null(), [](STACK_OF(X509)* s) { sk_X509_free(s); });  // borrowed entries
  StoreCtxPtr ctx(X509_STORE_CTX_new(), &X509_STORE_CTX_free);
  if (!untrusted || !ctx) return make_error("out of memory");
  for (const auto& c : check.intermediates) sk_X509_push(untrusted.get(), c->handle().cert.get());
  if (X509_STORE_CTX_init(ctx.get(), store->get(), leaf.handle().cert.get(), untrusted.get()) != 1) {
    return make_error(pki_detail::last_error("cannot set up chain verification"));
  }
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  X509_VERIFY_PARAM_set_time(param, std::chrono::system_clock::to_time_t(check.now));
  // No partial chains: the path must end at a trustpoint CA. CRL of the end entity only (IOS
  // `revocation-check crl` with the CA's CRL); a missing CRL for the issuer is an error then.
  if (!check.crls.empty()) X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_CRL_CHECK);
  const int ok = X509_verify_cert(ctx.get());
  if (ok == 1) return {};
  const int err = X509_STORE_CTX_get_error(ctx.get());
  std::string why = X509_verify_cert_error_string(err);
  if (X509* bad = X509_STORE_CTX_get_current_cert(ctx.get())) {
    auto h = std::make_shared<X509Handle>();
    X509_up_ref(bad);
    h->cert.reset(bad);
    why += " (" + Certificate(std::move(h), {}).subject() + ")";
  }
  ERR_clear_error();
  return make_error(why);
}

}  // namespace ravelin::ike::crypto
