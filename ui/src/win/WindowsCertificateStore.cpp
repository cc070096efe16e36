// The certificate page's store on Windows: core's crypt32 code (cert/win/WinCertStore.cpp, run under
// Wine by tests/windows) for both personal stores.

#include "eascert/ui/CertificateStore.h"

namespace eascert::ui {

namespace {

class WindowsCertificateStore final : public CertificateStore
{
public:
    Result<std::vector<cert::StoreCertificate>> list() override
    {
        std::vector<cert::StoreCertificate> all;
        for (auto location : {cert::StoreLocation::CurrentUser, cert::StoreLocation::LocalMachine}) {
            auto found = cert::listStoreCertificates(location);
            if (!found)
                return std::unexpected(found.error());
            for (auto& c : *found)
                all.push_back(std::move(c));
        }
        return all;
    }

    Result<cert::StoreKey> exportKey(cert::StoreLocation location, const std::string& sha1Thumbprint) override
    {
        return cert::exportPrivateKey(location, sha1Thumbprint);
    }
};

}  // namespace

std::shared_ptr<CertificateStore> windowsCertificateStore()
{
    return std::make_shared<WindowsCertificateStore>();
}

}  // namespace eascert::ui
