// Every PKCS#12 file in Debian's python3-cryptography-vectors that holds a certificate loads with its
// known password, and refuses a wrong one with its own error.

#include <filesystem>

#include "CatchCompat.h"

#include "eascert/cert/CertificateLoader.h"

using namespace eascert;
using namespace eascert::cert;
namespace fs = std::filesystem;

namespace {

// Passwords as the cryptography project's own tests use them.
std::optional<std::string> knownPassword(const fs::path& file)
{
    const std::string name = file.filename().string();
    if (file.parent_path().filename() == "pkcs12" && file.parent_path().parent_path().filename() == "PKITS_data")
        return "password";
    if (name.find("no-pwd") != std::string::npos || name == "no-password.p12")
        return std::nullopt;
    if (name.starts_with("cert-") || name.starts_with("no-cert-key"))
        return "cryptography";
    return "password";
}

std::vector<fs::path> vectorFiles()
{
    const fs::path root = EASCERT_CRYPTOGRAPHY_VECTORS;
    std::vector<fs::path> out;
    for (const fs::path& dir : std::vector<fs::path>{root / "pkcs12", root / "x509" / "PKITS_data" / "pkcs12"}) {
        if (!fs::is_directory(dir))
            continue;
        for (const auto& entry : fs::directory_iterator(dir))
            if (entry.path().extension() == ".p12")
                out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("python3-cryptography-vectors PKCS#12 files load", "[loader][vectors]")
{
    const auto files = vectorFiles();
    INFO("vectors folder: " EASCERT_CRYPTOGRAPHY_VECTORS " (install python3-cryptography-vectors)");
    REQUIRE(files.size() >= 400);
    std::size_t loaded = 0;
    std::size_t keyOnly = 0;
    for (const auto& file : files) {
        const auto password = knownPassword(file);
        Secret secret(password.value_or(""));
        LoadOptions options;
        options.password = password ? &secret : nullptr;
        auto result = loadCertificateFile(file, options);
        INFO(
            file.string() << ": "
                          << (result ? "ok" : std::string(errorId(result.error().code)) + " " + result.error().detail));
        if (file.filename() == "no-cert-key-aes256cbc.p12") {
            // Holds a key and no certificate: the one file the issue excludes.
            REQUIRE_FALSE(result);
            CHECK(result.error().code == ErrorCode::NoCertificate);
            ++keyOnly;
            continue;
        }
        REQUIRE(result);
        CHECK(result->certificate.valid());
        CHECK_FALSE(result->certificate.info().sha256Thumbprint.empty());
        ++loaded;

        if (password) {
            Secret wrong(std::string("not-") + *password);
            LoadOptions bad;
            bad.password = &wrong;
            auto refused = loadCertificateFile(file, bad);
            REQUIRE_FALSE(refused);
            CHECK(refused.error().code == ErrorCode::WrongPassword);
        }
    }
    CHECK(keyOnly == 1);
    CHECK(loaded == files.size() - 1);
}
