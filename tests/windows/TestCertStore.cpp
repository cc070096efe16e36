// The Windows certificate store code under Wine: a PFX imported into the user's MY store is listed
// with its facts, its key exported when it is exportable, and refused clearly when it is not.
// run-certstore.sh makes the PFX files with OpenSSL and passes their facts in the environment.

#define CATCH_CONFIG_MAIN
#include "CatchCompat.h"

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <wincrypt.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "eascert/cert/WinCertStore.h"
#include "eascert/ui/CertificateStore.h"

using namespace eascert;

namespace {

std::string env(const char* name)
{
    const char* v = std::getenv(name);
    return v ? v : "";
}

Bytes readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    REQUIRE_FALSE(s.empty());
    return toBytes(s);
}

std::wstring wide(const std::string& s)
{
    return std::wstring(s.begin(), s.end());  // ASCII test passwords
}

// Imports the PFX's certificate with its key into CurrentUser\MY, as the Certificate Import Wizard does.
void importIntoMy(const Bytes& pfx, const std::string& password, bool exportable)
{
    CRYPT_DATA_BLOB blob{static_cast<DWORD>(pfx.size()), reinterpret_cast<BYTE*>(const_cast<std::byte*>(pfx.data()))};
    const std::wstring pw = wide(password);
    HCERTSTORE temp = PFXImportCertStore(&blob, pw.c_str(), CRYPT_USER_KEYSET | (exportable ? CRYPT_EXPORTABLE : 0));
    INFO("PFXImportCertStore error " << GetLastError());
    REQUIRE(temp);
    HCERTSTORE my = CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0, CERT_SYSTEM_STORE_CURRENT_USER, L"MY");
    REQUIRE(my);
    int added = 0;
    for (PCCERT_CONTEXT c = CertEnumCertificatesInStore(temp, nullptr); c; c = CertEnumCertificatesInStore(temp, c)) {
        DWORD size = 0;
        if (CertGetCertificateContextProperty(c, CERT_KEY_PROV_INFO_PROP_ID, nullptr, &size))
            added += CertAddCertificateContextToStore(my, c, CERT_STORE_ADD_REPLACE_EXISTING, nullptr) ? 1 : 0;
    }
    CertCloseStore(my, 0);
    CertCloseStore(temp, 0);
    REQUIRE(added == 1);
}

const cert::StoreCertificate* find(const std::vector<cert::StoreCertificate>& list, const std::string& thumbprint)
{
    for (const auto& c : list)
        if (c.sha1Thumbprint == thumbprint)
            return &c;
    return nullptr;
}

}  // namespace

TEST_CASE("a certificate in the user's MY store is listed with its facts")
{
    importIntoMy(readFile(env("EASCERT_STORE_PFX")), env("EASCERT_STORE_PASSWORD"), true);
    auto list = cert::listStoreCertificates(cert::StoreLocation::CurrentUser);
    REQUIRE(list);
    const auto* c = find(*list, env("EASCERT_STORE_THUMBPRINT"));
    REQUIRE(c != nullptr);
    CHECK(c->subject.find("CN=usertest1") != std::string::npos);
    CHECK(c->issuer.find("CN=Contoso Standalone CA") != std::string::npos);
    CHECK(c->hasPrivateKey);
    CHECK(c->notAfter > std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    CHECK(c->der == readFile(env("EASCERT_STORE_DER")));
    // The certificate as the store holds it, for `eascert.exe cert show` (run-certstore.sh).
    std::ofstream(env("EASCERT_STORE_CERT_OUT"), std::ios::binary)
        .write(reinterpret_cast<const char*>(c->der.data()), static_cast<std::streamsize>(c->der.size()));
}

TEST_CASE("an exportable key comes out with its certificate for the endpoint test")
{
    importIntoMy(readFile(env("EASCERT_STORE_PFX")), env("EASCERT_STORE_PASSWORD"), true);
    auto key = cert::exportPrivateKey(cert::StoreLocation::CurrentUser, env("EASCERT_STORE_THUMBPRINT"));
    INFO((key ? std::string() : key.error().detail));
    REQUIRE(key);
    CHECK(key->certificateDer() == readFile(env("EASCERT_STORE_DER")));
    const auto& blob = key->privateKeyBlob();
    REQUIRE(blob.size() > 8);
    CHECK(static_cast<unsigned>(blob[0]) == PRIVATEKEYBLOB);  // BLOBHEADER.bType
    // Handed to the Linux side, which checks it is the certificate's key (run-certstore.sh).
    std::ofstream(env("EASCERT_STORE_KEY_OUT"), std::ios::binary)
        .write(reinterpret_cast<const char*>(blob.data()), static_cast<std::streamsize>(blob.size()));
}

TEST_CASE("a key imported as not exportable is refused clearly")
{
    importIntoMy(readFile(env("EASCERT_STORE_LOCKED_PFX")), env("EASCERT_STORE_PASSWORD"), false);
    auto list = cert::listStoreCertificates(cert::StoreLocation::CurrentUser);
    REQUIRE(list);
    const auto* c = find(*list, env("EASCERT_STORE_LOCKED_THUMBPRINT"));
    REQUIRE(c != nullptr);
    CHECK(c->hasPrivateKey);  // the key is there, it just may not leave the store
    auto key = cert::exportPrivateKey(cert::StoreLocation::CurrentUser, env("EASCERT_STORE_LOCKED_THUMBPRINT"));
    REQUIRE_FALSE(key);
    CHECK(key.error().code == ErrorCode::KeyNotExportable);
}

TEST_CASE("an unknown thumbprint is NoCertificate")
{
    auto key = cert::exportPrivateKey(cert::StoreLocation::CurrentUser, "00112233445566778899AABBCCDDEEFF00112233");
    REQUIRE_FALSE(key);
    CHECK(key.error().code == ErrorCode::NoCertificate);
}

TEST_CASE("the wizard's store lists both personal stores and exports through core")
{
    // ui/src/win/WindowsCertificateStore.cpp: Qt-free, so this build compiles and runs it too.
    importIntoMy(readFile(env("EASCERT_STORE_PFX")), env("EASCERT_STORE_PASSWORD"), true);
    auto store = ui::windowsCertificateStore();
    auto list = store->list();
    INFO((list ? std::string() : list.error().detail));
    REQUIRE(list);
    const auto* c = find(*list, env("EASCERT_STORE_THUMBPRINT"));
    REQUIRE(c != nullptr);
    CHECK(c->location == cert::StoreLocation::CurrentUser);
    auto key = store->exportKey(c->location, c->sha1Thumbprint);
    REQUIRE(key);
    CHECK(key->certificateDer() == c->der);
}
