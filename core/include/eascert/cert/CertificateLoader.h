#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "eascert/cert/Certificate.h"
#include "eascert/support/Error.h"
#include "eascert/support/Secret.h"

using EVP_PKEY = struct evp_pkey_st;

namespace eascert::cert {

enum class SourceFormat
{
    PemText,
    DerCertificate,
    Pkcs12,
    Pkcs7,
    WindowsStore
};

// Why a certificate was chosen as "the client certificate" from a file holding several.
enum class SelectionRule
{
    OnlyCertificate,      // the file holds one certificate
    MatchesPrivateKey,    // the certificate whose public key matches the file's private key
    OnlyEndEntity,        // the only certificate that is not a CA and issues nothing else in the file
    ClientAuthEndEntity,  // several end-entity certificates; the only one allowing client auth
    FirstEndEntity,       // several candidates remain; the first in file order was taken
};

struct LoadOptions
{
    const Secret* password = nullptr;  // nullptr: none given (empty and absent passwords are tried)
    std::size_t maxFileBytes = 4 * 1024 * 1024;
};

struct LoadedCertificate
{
    SourceFormat format = SourceFormat::DerCertificate;
    Certificate certificate;
    std::vector<Certificate> chain;  // the other certificates: issuer first, then up; unrelated last
    SelectionRule rule = SelectionRule::OnlyCertificate;
    std::size_t certificateCount = 0;  // certificates found in the file
    std::size_t endEntityCandidates = 0;
    bool hasPrivateKey = false;
    bool privateKeyMatches = false;
    bool passwordProtected = false;        // opened only with a non-empty password
    std::shared_ptr<EVP_PKEY> privateKey;  // for presenting the certificate in TLS later

    // The chain element that issued the chosen certificate, if present in the file.
    const Certificate* issuer() const;
    // The other certificates' facts, for the mapping checks that look at the whole chain.
    std::vector<CertificateInfo> chainInfo() const;
};

Result<LoadedCertificate> loadCertificate(std::span<const std::byte> data, const LoadOptions& options = {});
Result<LoadedCertificate> loadCertificateFile(const std::filesystem::path& path, const LoadOptions& options = {});

// A certificate and its private key exported from the Windows certificate store
// (cert::exportPrivateKey in WinCertStore.h): the key as a Microsoft PRIVATEKEYBLOB (RSA). Checks that
// the key belongs to the certificate.
Result<LoadedCertificate> loadFromStoreKey(std::span<const std::byte> certificateDer,
                                           std::span<const std::byte> privateKeyBlob);

std::string_view sourceFormatId(SourceFormat f);
std::string_view selectionRuleId(SelectionRule r);

}  // namespace eascert::cert
