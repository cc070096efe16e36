#pragma once

#include <memory>
#include <string>
#include <vector>

#include "eascert/cert/WinCertStore.h"

namespace eascert::ui {

// The Windows certificate stores as the certificate page uses them. On Windows the wizard has one
// (windowsCertificateStore(), crypt32: core/src/cert/win); elsewhere none, and the page offers files
// only. Calls block: the page makes them from an AsyncJob.
class CertificateStore
{
public:
    virtual ~CertificateStore() = default;
    // The user's and the machine's personal (MY) certificates.
    virtual Result<std::vector<cert::StoreCertificate>> list() = 0;
    // KeyNotExportable when Windows will not hand the key out.
    virtual Result<cert::StoreKey> exportKey(cert::StoreLocation location, const std::string& sha1Thumbprint) = 0;
};

#ifdef _WIN32
std::shared_ptr<CertificateStore> windowsCertificateStore();
#endif

}  // namespace eascert::ui
