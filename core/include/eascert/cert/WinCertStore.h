#pragma once

// Windows only: the certificates in the user's and the machine's personal ("MY") stores, for the
// wizard's certificate page. Depends on std and Win32 alone (tests/windows runs it under Wine).

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "eascert/support/Bytes.h"
#include "eascert/support/Error.h"
#include "eascert/support/Secret.h"

namespace eascert::cert {

enum class StoreLocation
{
    CurrentUser,
    LocalMachine
};

struct StoreCertificate
{
    StoreLocation location = StoreLocation::CurrentUser;
    std::string subject;  // as Windows shows it ("CN=usertest1, O=Contoso, C=US")
    std::string issuer;
    std::chrono::sys_seconds notAfter{};
    std::string sha1Thumbprint;  // upper-case hex: identifies the certificate in the store
    bool hasPrivateKey = false;  // a key is associated (it may still not be exportable)
    Bytes der;                   // the certificate: enough for the mapping checks
};

// Every certificate in the MY store of that location (an empty list when the store is empty).
Result<std::vector<StoreCertificate>> listStoreCertificates(StoreLocation location);

// A certificate with its private key as Windows exports it: the key as a PRIVATEKEYBLOB (CryptoAPI,
// or CNG's LEGACY_RSAPRIVATE_BLOB — the same layout), which the portable side turns into a key for
// the endpoint test (cert::loadFromStoreKey). The blob is wiped when this goes away.
class StoreKey
{
public:
    StoreKey(Bytes certificateDer, Bytes privateKeyBlob);
    StoreKey(StoreKey&&) noexcept = default;         // the source's vectors are left empty
    StoreKey& operator=(StoreKey&& other) noexcept;  // wipes the key blob it replaces
    StoreKey(const StoreKey&) = delete;
    StoreKey& operator=(const StoreKey&) = delete;
    ~StoreKey();

    const Bytes& certificateDer() const { return m_der; }
    const Bytes& privateKeyBlob() const { return m_blob; }

private:
    Bytes m_der;
    Bytes m_blob;
};

// KeyNotExportable when the key is marked non-exportable or is not an RSA key (the admin is told to
// test with a .pfx instead); NoCertificate when no certificate has that thumbprint.
Result<StoreKey> exportPrivateKey(StoreLocation location, std::string_view sha1Thumbprint);

}  // namespace eascert::cert
