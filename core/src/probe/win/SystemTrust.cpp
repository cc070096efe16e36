// The Windows certificate stores as OpenSSL trust (Windows only: crypt32 + OpenSSL).

#include "probe/win/SystemTrust.h"

// OpenSSL first: wincrypt.h defines X509_NAME and friends as macros, which break OpenSSL's headers.
#include <openssl/x509.h>

#include "eascert/support/OpenSslPtr.h"

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <wincrypt.h>

namespace eascert::probe::win {

int addSystemTrust(SSL_CTX* ctx)
{
    X509_STORE* store = SSL_CTX_get_cert_store(ctx);
    int added = 0;
    // ROOT: the anchors. CA: intermediates, as Windows uses them to build chains; without
    // X509_V_FLAG_PARTIAL_CHAIN OpenSSL still needs a self-signed anchor at the end of a chain.
    for (const wchar_t* name : {L"ROOT", L"CA"}) {
        HCERTSTORE systemStore = CertOpenStore(
            CERT_STORE_PROV_SYSTEM_W, 0, 0,
            CERT_SYSTEM_STORE_CURRENT_USER | CERT_STORE_OPEN_EXISTING_FLAG | CERT_STORE_READONLY_FLAG, name);
        if (!systemStore)
            continue;
        PCCERT_CONTEXT entry = nullptr;
        while ((entry = CertEnumCertificatesInStore(systemStore, entry)) != nullptr) {
            const unsigned char* der = entry->pbCertEncoded;
            ossl::X509Ptr x509(d2i_X509(nullptr, &der, static_cast<long>(entry->cbCertEncoded)));
            if (x509 && X509_STORE_add_cert(store, x509.get()) == 1)
                ++added;
        }
        CertCloseStore(systemStore, 0);
    }
    return added;
}

}  // namespace eascert::probe::win
