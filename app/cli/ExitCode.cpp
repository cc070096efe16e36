#include "ExitCode.h"

namespace eascert::cli {

int exitCodeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::PasswordRequired:
    case ErrorCode::WrongPassword: return Password;
    case ErrorCode::InvalidArgument: return Usage;
    case ErrorCode::Internal: return Internal;
    case ErrorCode::FileNotFound:
    case ErrorCode::NotAFile:
    case ErrorCode::FileUnreadable:
    case ErrorCode::FileUnwritable:
    case ErrorCode::FileExists:
    case ErrorCode::FileTooLarge:
    case ErrorCode::EmptyFile:
    case ErrorCode::UnrecognizedFormat:
    case ErrorCode::CorruptData:
    case ErrorCode::NoCertificate:
    case ErrorCode::KeyNotExportable:
    case ErrorCode::UnsupportedAlgorithm:
    case ErrorCode::NotSupportedHere: return BadInput;
    case ErrorCode::DirectoryUnavailable:
    case ErrorCode::DirectoryTimeout:
    case ErrorCode::TlsFailure:
    case ErrorCode::CleartextBindRefused:
    case ErrorCode::EmptyPasswordRefused:
    case ErrorCode::StrongAuthRequired:
    case ErrorCode::AuthenticationFailed: return DirectoryConnection;
    case ErrorCode::InsufficientRights:
    case ErrorCode::NtAuthRightsMissing:
    case ErrorCode::ConstraintViolation:
    case ErrorCode::NoSuchEntry:
    case ErrorCode::EntryExists:
    case ErrorCode::ValueExists:
    case ErrorCode::NoSuchValue:
    case ErrorCode::EntryChanged:
    case ErrorCode::VerificationFailed:
    case ErrorCode::DirectoryError: return DirectoryRefused;
    case ErrorCode::AccountNotFound:
    case ErrorCode::AccountAmbiguous: return AccountLookup;
    case ErrorCode::Cancelled: return Internal;
    case ErrorCode::NameNotResolved:
    case ErrorCode::ConnectFailed:
    case ErrorCode::NetworkTimeout:
    case ErrorCode::ProtocolError: return EndpointUnreachable;
    }
    return Internal;
}

std::string exitCodeHelp()
{
    return "Exit codes:\n"
           "  0  success (mapping check: a strong match)\n"
           "  1  internal error (a bug: please report it)\n"
           "  2  usage error on the command line\n"
           "  3  bad input: file missing, unreadable, too large, not a certificate or not a known evidence format\n"
           "  4  wrong password, or the file needs a password and none was given\n"
           "  5  mapping check: no match (the value maps something else)\n"
           "  6  mapping check: near miss (meant for this certificate, but AD will not match it)\n"
           "  7  mapping check: weak match (rejected under KB5014754 full enforcement)\n"
           "  8  mapping check: the value is not an X.509 mapping\n"
           "  9  directory: cannot connect, verify TLS or bind\n"
           " 10  directory: a change was refused (rights, constraints, entry changed); nothing written\n"
           " 11  directory: no account or several accounts match (choose with --user)\n"
           " 12  directory inspect/audit, probe, diagnose, evidence: a problem was found (the output says why)\n"
           " 13  probe: no HTTP answer (DNS, connection, timeout, TLS or protocol failure)\n"
           " 14  diagnose --fix: a problem was found and fixed; the checks after the fix pass\n"
           " 15  diagnose --fix on an LDIF export: the fix is in a change file; AD is unchanged until it\n"
           "     is imported (the output names the file and the import command)\n"
           "\nPasswords are read from --password-env VAR, --password-file PATH (- for stdin) or an\n"
           "interactive prompt; never from the command line.\n";
}

}  // namespace eascert::cli
