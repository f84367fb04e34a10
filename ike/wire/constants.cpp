#include "ike/wire/constants.hpp"

namespace ravelin::ike::wire {

std::string_view exchange_name(ExchangeType t) {
  switch (t) {
    case ExchangeType::IkeSaInit: return "IKE_SA_INIT";
    case ExchangeType::IkeAuth: return "IKE_AUTH";
    case ExchangeType::CreateChildSa: return "CREATE_CHILD_SA";
    case ExchangeType::Informational: return "INFORMATIONAL";
  }
  return "UNKNOWN_EXCHANGE";
}

std::string_view payload_name(PayloadType t) {
  switch (t) {
    case PayloadType::None: return "NONE";
    case PayloadType::Sa: return "SA";
    case PayloadType::Ke: return "KE";
    case PayloadType::IdI: return "IDi";
    case PayloadType::IdR: return "IDr";
    case PayloadType::Cert: return "CERT";
    case PayloadType::CertReq: return "CERTREQ";
    case PayloadType::Auth: return "AUTH";
    case PayloadType::Nonce: return "N(nonce)";
    case PayloadType::Notify: return "N";
    case PayloadType::Delete: return "D";
    case PayloadType::Vendor: return "V";
    case PayloadType::TsI: return "TSi";
    case PayloadType::TsR: return "TSr";
    case PayloadType::Sk: return "SK";
    case PayloadType::Cp: return "CP";
    case PayloadType::Eap: return "EAP";
    case PayloadType::Skf: return "SKF";
  }
  return "UNKNOWN";
}

std::string_view notify_name(NotifyType t) {
  switch (t) {
    case NotifyType::UnsupportedCriticalPayload: return "UNSUPPORTED_CRITICAL_PAYLOAD";
    case NotifyType::InvalidIkeSpi: return "INVALID_IKE_SPI";
    case NotifyType::InvalidMajorVersion: return "INVALID_MAJOR_VERSION";
    case NotifyType::InvalidSyntax: return "INVALID_SYNTAX";
    case NotifyType::InvalidMessageId: return "INVALID_MESSAGE_ID";
    case NotifyType::InvalidSpi: return "INVALID_SPI";
    case NotifyType::NoProposalChosen: return "NO_PROPOSAL_CHOSEN";
    case NotifyType::InvalidKePayload: return "INVALID_KE_PAYLOAD";
    case NotifyType::AuthenticationFailed: return "AUTHENTICATION_FAILED";
    case NotifyType::SinglePairRequired: return "SINGLE_PAIR_REQUIRED";
    case NotifyType::NoAdditionalSas: return "NO_ADDITIONAL_SAS";
    case NotifyType::InternalAddressFailure: return "INTERNAL_ADDRESS_FAILURE";
    case NotifyType::FailedCpRequired: return "FAILED_CP_REQUIRED";
    case NotifyType::TsUnacceptable: return "TS_UNACCEPTABLE";
    case NotifyType::InvalidSelectors: return "INVALID_SELECTORS";
    case NotifyType::TemporaryFailure: return "TEMPORARY_FAILURE";
    case NotifyType::ChildSaNotFound: return "CHILD_SA_NOT_FOUND";
    case NotifyType::InitialContact: return "INITIAL_CONTACT";
    case NotifyType::SetWindowSize: return "SET_WINDOW_SIZE";
    case NotifyType::AdditionalTsPossible: return "ADDITIONAL_TS_POSSIBLE";
    case NotifyType::IpcompSupported: return "IPCOMP_SUPPORTED";
    case NotifyType::NatDetectionSourceIp: return "NAT_DETECTION_SOURCE_IP";
    case NotifyType::NatDetectionDestinationIp: return "NAT_DETECTION_DESTINATION_IP";
    case NotifyType::Cookie: return "COOKIE";
    case NotifyType::UseTransportMode: return "USE_TRANSPORT_MODE";
    case NotifyType::HttpCertLookupSupported: return "HTTP_CERT_LOOKUP_SUPPORTED";
    case NotifyType::RekeySa: return "REKEY_SA";
    case NotifyType::EspTfcPaddingNotSupported: return "ESP_TFC_PADDING_NOT_SUPPORTED";
    case NotifyType::NonFirstFragmentsAlso: return "NON_FIRST_FRAGMENTS_ALSO";
    case NotifyType::MobikeSupported: return "MOBIKE_SUPPORTED";
    case NotifyType::MultipleAuthSupported: return "MULTIPLE_AUTH_SUPPORTED";
    case NotifyType::RedirectSupported: return "REDIRECT_SUPPORTED";
    case NotifyType::IkeFragmentationSupported: return "IKEV2_FRAGMENTATION_SUPPORTED";
    case NotifyType::SignatureHashAlgorithms: return "SIGNATURE_HASH_ALGORITHMS";
  }
  return "";
}

}  // namespace ravelin::ike::wire
