// The Windows certificate stores (Windows only: std + Win32 / crypt32).

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <ncrypt.h>
#include <wincrypt.h>

#include <memory>

#include "cert/win/NameText.h"
#include "eascert/cert/WinCertStore.h"
#include "support/win/FileTime.h"

namespace eascert::cert {

namespace {

std::unexpected<Error> lastError(ErrorCode code, std::string_view what)
{
    return std::unexpected(Error{code, std::string(what) + " (Windows error " + std::to_string(GetLastError()) + ")"});
}

struct StoreCloser
{
    void operator()(void* store) const { CertCloseStore(static_cast<HCERTSTORE>(store), 0); }
};
using StorePtr = std::unique_ptr<void, StoreCloser>;

StorePtr openMy(StoreLocation location)
{
    const DWORD where =
        location == StoreLocation::CurrentUser ? CERT_SYSTEM_STORE_CURRENT_USER : CERT_SYSTEM_STORE_LOCAL_MACHINE;
    return StorePtr(CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0,
                                  where | CERT_STORE_READONLY_FLAG | CERT_STORE_OPEN_EXISTING_FLAG, L"MY"));
}

std::string thumbprint(PCCERT_CONTEXT cert)
{
    BYTE hash[20];
    DWORD size = sizeof hash;
    if (!CertGetCertificateContextProperty(cert, CERT_SHA1_HASH_PROP_ID, hash, &size))
        return {};
    return toHex(std::span(reinterpret_cast<const std::byte*>(hash), size));
}

}  // namespace

Result<std::vector<StoreCertificate>> listStoreCertificates(StoreLocation location)
{
    auto store = openMy(location);
    if (!store) {
        if (GetLastError() == static_cast<DWORD>(ERROR_FILE_NOT_FOUND))
            return std::vector<StoreCertificate>{};  // no MY store yet: nothing in it
        return lastError(ErrorCode::FileUnreadable, "cannot open the MY certificate store");
    }
    std::vector<StoreCertificate> out;
    for (PCCERT_CONTEXT c = CertEnumCertificatesInStore(store.get(), nullptr); c;
         c = CertEnumCertificatesInStore(store.get(), c)) {
        StoreCertificate s;
        s.location = location;
        s.subject = win::nameText(c->pCertInfo->Subject);
        s.issuer = win::nameText(c->pCertInfo->Issuer);
        s.notAfter = win::toSysSeconds(c->pCertInfo->NotAfter);
        s.sha1Thumbprint = thumbprint(c);
        DWORD size = 0;
        s.hasPrivateKey = CertGetCertificateContextProperty(c, CERT_KEY_PROV_INFO_PROP_ID, nullptr, &size) != FALSE;
        s.der = toBytes(c->pbCertEncoded, c->cbCertEncoded);
        out.push_back(std::move(s));
    }
    return out;
}

namespace {

Result<Bytes> exportNcrypt(NCRYPT_KEY_HANDLE key)
{
    DWORD size = 0;
    SECURITY_STATUS st = NCryptExportKey(key, 0, LEGACY_RSAPRIVATE_BLOB, nullptr, nullptr, 0, &size, 0);
    Bytes blob;
    if (st == ERROR_SUCCESS) {
        blob.resize(size);
        st = NCryptExportKey(key, 0, LEGACY_RSAPRIVATE_BLOB, nullptr, reinterpret_cast<PBYTE>(blob.data()), size, &size,
                             0);
        blob.resize(size);
    }
    if (st != ERROR_SUCCESS) {
        SecureZeroMemory(blob.data(), blob.size());
        return fail(ErrorCode::KeyNotExportable, "the key cannot be exported (CNG status " + std::to_string(st) + ")");
    }
    return blob;
}

Result<Bytes> exportCapi(HCRYPTPROV prov, DWORD keySpec)
{
    HCRYPTKEY key = 0;
    // The key spec recorded with the certificate and the one the key was stored under can differ
    // (a signature key imported as an exchange key): try the other before giving up.
    if (!CryptGetUserKey(prov, keySpec, &key) &&
        !CryptGetUserKey(prov, keySpec == AT_KEYEXCHANGE ? AT_SIGNATURE : AT_KEYEXCHANGE, &key))
        return lastError(ErrorCode::KeyNotExportable, "the certificate's key cannot be opened");
    DWORD size = 0;
    BOOL ok = CryptExportKey(key, 0, PRIVATEKEYBLOB, 0, nullptr, &size);
    Bytes blob;
    if (ok) {
        blob.resize(size);
        ok = CryptExportKey(key, 0, PRIVATEKEYBLOB, 0, reinterpret_cast<BYTE*>(blob.data()), &size);
        blob.resize(size);
    }
    const DWORD error = GetLastError();
    CryptDestroyKey(key);
    if (!ok) {
        SecureZeroMemory(blob.data(), blob.size());
        return fail(ErrorCode::KeyNotExportable,
                    "the key is marked not exportable (Windows error " + std::to_string(error) + ")");
    }
    return blob;
}

}  // namespace

Result<StoreKey> exportPrivateKey(StoreLocation location, std::string_view sha1Thumbprint)
{
    Bytes wanted;
    if (!fromHex(sha1Thumbprint, wanted) || wanted.size() != 20)
        return fail(ErrorCode::InvalidArgument, "not a SHA-1 thumbprint: " + std::string(sha1Thumbprint));
    auto store = openMy(location);
    if (!store)
        return lastError(ErrorCode::NoCertificate, "cannot open the MY certificate store");
    CRYPT_HASH_BLOB hash{static_cast<DWORD>(wanted.size()), reinterpret_cast<BYTE*>(wanted.data())};
    PCCERT_CONTEXT cert = CertFindCertificateInStore(store.get(), X509_ASN_ENCODING | PKCS_7_ASN_ENCODING, 0,
                                                     CERT_FIND_SHA1_HASH, &hash, nullptr);
    if (!cert)
        return fail(ErrorCode::NoCertificate, "no certificate with thumbprint " + std::string(sha1Thumbprint));
    std::unique_ptr<const CERT_CONTEXT, decltype(&CertFreeCertificateContext)> certGuard(cert,
                                                                                         &CertFreeCertificateContext);

    HCRYPTPROV_OR_NCRYPT_KEY_HANDLE handle = 0;
    DWORD keySpec = 0;
    BOOL mustFree = FALSE;
    if (!CryptAcquireCertificatePrivateKey(cert, CRYPT_ACQUIRE_SILENT_FLAG | CRYPT_ACQUIRE_ALLOW_NCRYPT_KEY_FLAG,
                                           nullptr, &handle, &keySpec, &mustFree))
        return lastError(ErrorCode::KeyNotExportable, "the certificate has no usable private key");
    Result<Bytes> blob = keySpec == CERT_NCRYPT_KEY_SPEC ? exportNcrypt(handle) : exportCapi(handle, keySpec);
    if (mustFree) {
        if (keySpec == CERT_NCRYPT_KEY_SPEC)
            NCryptFreeObject(handle);
        else
            CryptReleaseContext(handle, 0);
    }
    if (!blob)
        return std::unexpected(blob.error());
    return StoreKey(toBytes(cert->pbCertEncoded, cert->cbCertEncoded), std::move(*blob));
}

}  // namespace eascert::cert
