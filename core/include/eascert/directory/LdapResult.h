#pragma once

#include "eascert/support/Error.h"

namespace eascert::directory {

// The error code for an LDAP result code a server returned (RFC 4511 numbers, the same in every
// client library). Client-side codes (server down, timeout...) differ between libraries: each backend
// maps those itself. DirectoryError for anything else.
ErrorCode errorForLdapResult(int resultCode);

}  // namespace eascert::directory
