#pragma once

#include <string>

#include "eascert/support/Error.h"

namespace eascert::cli {

// Distinct exit codes, documented in `eascert --help`. Never renumber: scripts depend on them.
enum ExitCode : int
{
    Ok = 0,                    // success; for `mapping check`: a strong match
    Internal = 1,              // unexpected failure (a bug): please report it
    Usage = 2,                 // bad command line
    BadInput = 3,              // a file is missing, unreadable, too large or not a certificate
    Password = 4,              // wrong password, or a password is needed and none was given
    NoMatch = 5,               // `mapping check`: the value maps something else
    NearMiss = 6,              // `mapping check`: meant for this certificate, but AD will not match it
    WeakMatch = 7,             // `mapping check`: matches, but weak: rejected under KB5014754 enforcement
    InvalidValue = 8,          // `mapping check`: the value is not an X.509 mapping at all
    DirectoryConnection = 9,   // cannot reach, verify or bind to the directory
    DirectoryRefused = 10,     // the directory refused a change (rights, constraints, entry changed): nothing written
    AccountLookup = 11,        // no account, or several accounts, match: say which with --user
    ProblemFound = 12,         // `directory inspect`/`audit`/`probe`: a problem was found (the output says why)
    EndpointUnreachable = 13,  // `probe`: no HTTP answer (DNS, connect, timeout, TLS or protocol failure)
    Fixed = 14,                // `diagnose --fix`: a problem was found and fixed; the checks after the fix pass
    ChangeFileWritten = 15,    // `diagnose --fix --ldif`: the fix is in a change file; AD unchanged until imported
};

int exitCodeFor(ErrorCode code);
std::string exitCodeHelp();

}  // namespace eascert::cli
