#pragma once

// Windows only: what Windows trusts, for OpenSSL. OpenSSL's default verify paths are folders of a
// Unix system that a Windows machine does not have; the probe would find every server untrusted.

#include <openssl/ssl.h>

namespace eascert::probe::win {

// Adds the certificates of the current user's ROOT store (which shows the machine's too) as trust
// anchors, and those of the CA store for chain building, to ctx's X509_STORE. Returns how many.
int addSystemTrust(SSL_CTX* ctx);

}  // namespace eascert::probe::win
