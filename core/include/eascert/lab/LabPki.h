#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eascert/support/Bytes.h"
#include "eascert/support/Error.h"
#include "eascert/support/File.h"

using X509 = struct x509_st;
using EVP_PKEY = struct evp_pkey_st;

namespace eascert::lab {

// A throw-away PKI for the demo lab and the tests: a standalone CA (no SID extension, no UPN
// unless asked) and certificates with exactly the names, serials and extensions a spec asks for.

struct NameAttribute
{
    std::string type;           // short name ("CN", "ST", "emailAddress") or dotted OID
    std::string value;          // UTF-8 text, or hex bytes when rawBitString
    int asn1Type = 0;           // 0: UTF8String; else an OpenSSL V_ASN1_* string type (PrintableString...)
    bool rawBitString = false;  // encode value (hex) as a BIT STRING: a non-string attribute value
};

// RDNs in encoded order; an inner vector with several attributes is a multi-valued RDN.
using NameSpec = std::vector<std::vector<NameAttribute>>;

enum class LabKeyType
{
    EcP256,
    Rsa2048
};

struct CertificateSpec
{
    NameSpec subject;
    Bytes serialMagnitude;  // big-endian; DER adds a sign byte when the top bit is set
    bool ca = false;
    bool subjectKeyId = true;
    bool clientAuth = true;                   // EKU clientAuth (+ serverAuth when serverNames is set)
    std::vector<std::string> serverNames;     // DNS SANs and serverAuth EKU for a TLS server certificate
    std::vector<std::string> ipAddresses;     // IP SANs ("127.0.0.1", "::1")
    std::vector<std::string> emails;          // rfc822 SANs
    std::vector<std::string> upns;            // UPN otherName SANs
    std::vector<std::string> uris;            // URI SANs
    std::optional<std::string> sidExtension;  // 1.3.6.1.4.1.311.25.2
    std::chrono::seconds notBeforeOffset{-std::chrono::hours(24)};
    std::chrono::seconds notAfterOffset{std::chrono::hours(24 * 365)};
    LabKeyType keyType = LabKeyType::EcP256;
};

class IssuedCertificate
{
public:
    X509* certificate() const { return m_cert.get(); }
    EVP_PKEY* key() const { return m_key.get(); }

    Bytes der() const;
    std::string pem() const;
    // Unencrypted PKCS#8 PEM, or encrypted (AES-256) when a password is given.
    std::string privateKeyPem(const std::string* password = nullptr) const;

private:
    friend Result<IssuedCertificate> issue(const CertificateSpec&, const IssuedCertificate*);
    std::shared_ptr<X509> m_cert;
    std::shared_ptr<EVP_PKEY> m_key;
};

// Signs spec with issuer (nullptr: self-signed).
Result<IssuedCertificate> issue(const CertificateSpec& spec, const IssuedCertificate* issuer = nullptr);

enum class Pkcs12Encryption
{
    Aes256,  // PBES2 + AES-256-CBC, SHA-256 MAC (modern Windows, OpenSSL 3 default)
    Legacy,  // key 3DES, certificates RC2-40, SHA-1 MAC (older Windows exports)
    None,    // no encryption
};

enum class Pkcs12Password
{
    Given,   // the password passed in
    Empty,   // ""
    Absent,  // NULL: the MAC is keyed with an absent password
};

struct Pkcs12Spec
{
    Pkcs12Encryption encryption = Pkcs12Encryption::Aes256;
    Pkcs12Password passwordKind = Pkcs12Password::Given;
    std::string password;
    bool includeKey = true;
    bool mac = true;
    std::string friendlyName = "client";
};

Result<Bytes> pkcs12(const IssuedCertificate& leaf, const std::vector<const IssuedCertificate*>& chain,
                     const Pkcs12Spec& spec);
Result<Bytes> pkcs7(const std::vector<const IssuedCertificate*>& certificates);

using eascert::writeFile;

// The demo lab's PKI in a folder: contoso-ca.cer, user.pfx (+ user.pfx.password), user.cer,
// renewed-user.cer (same subject, new serial) and ca-chain.p7b. Returns the folder's files.
struct LabFiles
{
    std::filesystem::path caCertificate;
    std::filesystem::path userPfx;
    std::filesystem::path userPfxPassword;
    std::filesystem::path userCertificate;
    std::filesystem::path renewedUserCertificate;
    std::filesystem::path chainP7b;
    std::filesystem::path caPem;                 // the CA certificate as PEM (a --ca-file)
    std::filesystem::path serverCertificatePem;  // TLS server certificate for 127.0.0.1, ::1, localhost,
    std::filesystem::path serverKeyPem;          // dc1.contoso.test and eas.contoso.test (key mode 600)
};
Result<LabFiles> writeDemoPki(const std::filesystem::path& folder);

}  // namespace eascert::lab
