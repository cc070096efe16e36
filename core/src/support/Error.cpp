#include "eascert/support/Error.h"

namespace eascert {

std::string_view errorId(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument: return "invalid-argument";
    case ErrorCode::FileNotFound: return "file-not-found";
    case ErrorCode::NotAFile: return "not-a-file";
    case ErrorCode::FileUnreadable: return "file-unreadable";
    case ErrorCode::FileUnwritable: return "file-unwritable";
    case ErrorCode::FileExists: return "file-exists";
    case ErrorCode::EmptyPasswordRefused: return "empty-password-refused";
    case ErrorCode::FileTooLarge: return "file-too-large";
    case ErrorCode::EmptyFile: return "empty-file";
    case ErrorCode::UnrecognizedFormat: return "unrecognized-format";
    case ErrorCode::CorruptData: return "corrupt-data";
    case ErrorCode::NoCertificate: return "no-certificate";
    case ErrorCode::KeyNotExportable: return "key-not-exportable";
    case ErrorCode::PasswordRequired: return "password-required";
    case ErrorCode::WrongPassword: return "wrong-password";
    case ErrorCode::UnsupportedAlgorithm: return "unsupported-algorithm";
    case ErrorCode::NotSupportedHere: return "not-supported-here";
    case ErrorCode::DirectoryUnavailable: return "directory-unavailable";
    case ErrorCode::DirectoryTimeout: return "directory-timeout";
    case ErrorCode::TlsFailure: return "tls-failure";
    case ErrorCode::CleartextBindRefused: return "cleartext-bind-refused";
    case ErrorCode::StrongAuthRequired: return "strong-auth-required";
    case ErrorCode::AuthenticationFailed: return "authentication-failed";
    case ErrorCode::InsufficientRights: return "insufficient-rights";
    case ErrorCode::NtAuthRightsMissing: return "ntauth-rights-missing";
    case ErrorCode::ConstraintViolation: return "constraint-violation";
    case ErrorCode::NoSuchEntry: return "no-such-entry";
    case ErrorCode::EntryExists: return "entry-exists";
    case ErrorCode::ValueExists: return "value-exists";
    case ErrorCode::NoSuchValue: return "no-such-value";
    case ErrorCode::EntryChanged: return "entry-changed";
    case ErrorCode::VerificationFailed: return "verification-failed";
    case ErrorCode::AccountNotFound: return "account-not-found";
    case ErrorCode::AccountAmbiguous: return "account-ambiguous";
    case ErrorCode::Cancelled: return "cancelled";
    case ErrorCode::NameNotResolved: return "name-not-resolved";
    case ErrorCode::ConnectFailed: return "connect-failed";
    case ErrorCode::NetworkTimeout: return "network-timeout";
    case ErrorCode::ProtocolError: return "protocol-error";
    case ErrorCode::DirectoryError: return "directory-error";
    case ErrorCode::Internal: return "internal";
    }
    return "internal";
}

}  // namespace eascert
