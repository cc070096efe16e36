#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "eascert/cert/DistinguishedName.h"
#include "eascert/support/Bytes.h"

using X509 = struct x509_st;
using X509_NAME = struct X509_name_st;

namespace eascert::cert {

inline constexpr std::string_view kOidUpn = "1.3.6.1.4.1.311.20.2.3";
inline constexpr std::string_view kOidSidExtension = "1.3.6.1.4.1.311.25.2";
inline constexpr std::string_view kOidSidOtherName = "1.3.6.1.4.1.311.25.2.1";
inline constexpr std::string_view kOidClientAuth = "1.3.6.1.5.5.7.3.2";
inline constexpr std::string_view kOidSmartcardLogon = "1.3.6.1.4.1.311.20.2.2";
inline constexpr std::string_view kOidAnyEku = "2.5.29.37.0";
inline constexpr std::string_view kSidUriPrefix = "tag:microsoft.com,2022-09-14:sid:";

enum class SanType
{
    Upn,
    Rfc822,
    Dns,
    Uri,
    IpAddress,
    DirectoryName,
    OtherName,
    Other
};

struct SanEntry
{
    SanType type = SanType::Other;
    std::string value;  // UTF-8 text; for OtherName "<oid>:<hex>"; for DirectoryName the RFC 4514 text
    std::string oid;    // for OtherName/Upn: the type OID

    bool operator==(const SanEntry&) const = default;
};

struct Eku
{
    std::string oid;
    std::string name;  // OpenSSL long name when known ("TLS Web Client Authentication"), else empty

    bool operator==(const Eku&) const = default;
};

enum class KeyType
{
    Rsa,
    Ec,
    Ed25519,
    Ed448,
    Dsa,
    Other
};

struct PublicKeyInfo
{
    KeyType type = KeyType::Other;
    int bits = 0;
    std::string curve;       // EC curve name when type == Ec
    Bytes subjectPublicKey;  // the subjectPublicKey BIT STRING contents (no unused-bits octet)

    bool operator==(const PublicKeyInfo&) const = default;
};

using TimePoint = std::chrono::sys_seconds;

// Everything the product reads from one certificate. Plain data: tests can build one by hand.
struct CertificateInfo
{
    int version = 3;
    DistinguishedName subject;
    DistinguishedName issuer;
    Bytes serial;  // INTEGER content octets as encoded, sign byte included
    bool serialNegative = false;
    std::optional<Bytes> subjectKeyId;
    std::optional<Bytes> authorityKeyId;
    Bytes sha1Thumbprint;
    Bytes sha256Thumbprint;
    std::vector<SanEntry> subjectAltNames;
    bool hasEkuExtension = false;
    std::vector<Eku> ekus;
    bool hasKeyUsage = false;
    std::vector<std::string> keyUsage;  // "digitalSignature", "keyEncipherment", ...
    TimePoint notBefore{};
    TimePoint notAfter{};
    PublicKeyInfo publicKey;
    std::string signatureAlgorithm;
    bool isCa = false;                        // basicConstraints cA = TRUE
    bool selfIssued = false;                  // subject == issuer
    std::optional<std::string> sidExtension;  // SID from 1.3.6.1.4.1.311.25.2
    Bytes der;

    // Serial magnitude: content octets without a leading 0x00 sign byte.
    Bytes serialMagnitude() const;
    bool serialHasSignByte() const;
    // SID from the extension, else from a SAN URL "tag:microsoft.com,2022-09-14:sid:".
    std::optional<std::string> sid() const;
    std::vector<std::string> upns() const;
    std::vector<std::string> emails() const;  // SAN rfc822 names, then subject emailAddress
    bool allowsClientAuth() const;            // no EKU extension, clientAuth or anyExtendedKeyUsage
    // The domain after '@' in the first UPN, else in the first e-mail; empty when there is none.
    std::string accountDomain() const;

    bool operator==(const CertificateInfo&) const = default;
};

// A parsed certificate with its OpenSSL handle (shared, so copies are cheap).
class Certificate
{
public:
    Certificate() = default;
    // Takes one reference to x (the caller keeps its own).
    static std::optional<Certificate> fromX509(X509* x);
    static std::optional<Certificate> fromDer(const Bytes& der);

    const CertificateInfo& info() const { return *m_info; }
    X509* native() const { return m_x509.get(); }
    bool valid() const { return m_info != nullptr; }

private:
    std::shared_ptr<X509> m_x509;
    std::shared_ptr<const CertificateInfo> m_info;
};

// Reads all facts from a DER certificate; nullopt when it is not one. Decoded by an ASN.1 template
// that leaves the public key undecoded (several times faster than d2i_X509 with OpenSSL 3.0), for
// code that needs the facts and not the handle; the same facts as describe() of the same bytes.
std::optional<CertificateInfo> describeDer(std::span<const std::byte> der);
// Reads all facts from an X509 handle.
CertificateInfo describe(X509* x);
// Reads a name (e.g. from a server's list of acceptable CAs).
DistinguishedName describeName(const X509_NAME* name);

// Display text of a DN in the usual reading order (CN first), RFC 4514 style, for humans only.
std::string displayName(const DistinguishedName& dn);

std::string_view sanTypeId(SanType t);
std::string_view keyTypeId(KeyType t);

}  // namespace eascert::cert
