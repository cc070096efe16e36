#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace eascert {

// Typed failure codes. Core never produces sentences meant for users: the front ends turn a code
// (plus the technical detail) into words. Keep ids stable: they appear in JSON output.
enum class ErrorCode
{
    InvalidArgument,       // caller passed something unusable (empty value, bad option)
    FileNotFound,          // path does not exist
    NotAFile,              // path is a directory or a device
    FileUnreadable,        // permission denied or I/O error
    FileUnwritable,        // a file or folder cannot be created or written (permissions, disk full)
    FileExists,            // a file that must be new exists already: nothing was overwritten
    FileTooLarge,          // over the size bound for this kind of input
    EmptyFile,             // zero bytes
    UnrecognizedFormat,    // not PEM, DER certificate, PKCS#12 or PKCS#7
    CorruptData,           // recognised format but damaged or truncated
    NoCertificate,         // valid container without any certificate
    PasswordRequired,      // the file is protected and no password was given
    WrongPassword,         // the given password does not open the file
    UnsupportedAlgorithm,  // encryption or key type this OpenSSL cannot handle
    NotSupportedHere,      // this system cannot do it (e.g. read .evtx without the event log API)
    KeyNotExportable,      // the private key is in a certificate store and may not be exported
    // Directory (LDAP) failures.
    DirectoryUnavailable,  // cannot connect, or the server went away
    DirectoryTimeout,      // an operation did not finish in time
    TlsFailure,            // TLS handshake or server certificate verification failed
    CleartextBindRefused,  // a simple bind without TLS: we never send a password in clear
    EmptyPasswordRefused,  // a bind name with an empty password: an unauthenticated bind, never sent
    StrongAuthRequired,    // the server demands signing/sealing or TLS (LDAP result 8)
    AuthenticationFailed,  // wrong bind DN or password, or no Kerberos ticket
    InsufficientRights,    // LDAP result 50: the account may not read or write this
    NtAuthRightsMissing,   // LDAP result 50 on the forest's NTAuth store: Enterprise Admins only
    ConstraintViolation,   // LDAP result 19 or 21: the value breaks a schema rule
    NoSuchEntry,           // the DN does not exist
    EntryExists,           // LDAP result 68: an entry with that DN exists already
    ValueExists,           // LDAP result 20: the value to add is already there
    NoSuchValue,           // LDAP result 16: the value to delete is not there
    EntryChanged,          // someone changed the entry since it was inspected: nothing written
    VerificationFailed,    // the read-back after a write does not show what was written
    AccountNotFound,       // no account matches the query
    AccountAmbiguous,      // several accounts match: the caller must choose
    Cancelled,             // the caller stopped the operation
    // Network (endpoint probe).
    NameNotResolved,  // DNS has no address for the host
    ConnectFailed,    // refused, unreachable, or no answer to the connection attempt
    NetworkTimeout,   // an operation did not finish before its deadline
    ProtocolError,    // the peer broke TLS or HTTP rules (malformed record, oversized headers)
    DirectoryError,   // any other LDAP failure (detail has the result code and text)
    Internal,         // a bug or an unexpected library failure
};

struct Error
{
    ErrorCode code = ErrorCode::Internal;
    std::string detail;  // technical context: a path, an OpenSSL reason string; never a secret

    static Error make(ErrorCode c, std::string d = {}) { return Error{c, std::move(d)}; }
};

template <typename T> using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorCode code, std::string detail = {})
{
    return std::unexpected(Error{code, std::move(detail)});
}

// Stable machine id ("wrong-password") for JSON and logs.
std::string_view errorId(ErrorCode code);

}  // namespace eascert
