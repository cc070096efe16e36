#include "eascert/cert/Certificate.h"

#include "eascert/support/Text.h"

// The parts of CertificateInfo that are plain data work (std only).

namespace eascert::cert {

Bytes CertificateInfo::serialMagnitude() const
{
    if (serialHasSignByte())
        return Bytes(serial.begin() + 1, serial.end());
    return serial;
}

bool CertificateInfo::serialHasSignByte() const
{
    return serial.size() > 1 && serial.front() == std::byte{0} && (std::to_integer<unsigned>(serial[1]) & 0x80) != 0;
}

std::optional<std::string> CertificateInfo::sid() const
{
    if (sidExtension && !sidExtension->empty())
        return sidExtension;
    for (const auto& san : subjectAltNames)
        if (san.type == SanType::Uri && text::startsWithIgnoreCase(san.value, kSidUriPrefix))
            return san.value.substr(kSidUriPrefix.size());
    return std::nullopt;
}

std::vector<std::string> CertificateInfo::upns() const
{
    std::vector<std::string> out;
    for (const auto& san : subjectAltNames)
        if (san.type == SanType::Upn)
            out.push_back(san.value);
    return out;
}

std::vector<std::string> CertificateInfo::emails() const
{
    std::vector<std::string> out;
    for (const auto& san : subjectAltNames)
        if (san.type == SanType::Rfc822)
            out.push_back(san.value);
    for (const auto& rdn : subject.rdns)
        for (const auto& a : rdn.attributes)
            if (a.oid == "1.2.840.113549.1.9.1" && a.isString)
                out.push_back(a.value);
    return out;
}

std::string CertificateInfo::accountDomain() const
{
    for (const auto& names : {upns(), emails()})
        for (const auto& n : names)
            if (const auto at = n.find('@'); at != std::string::npos)
                return n.substr(at + 1);
    return {};
}

bool CertificateInfo::allowsClientAuth() const
{
    if (!hasEkuExtension)
        return true;
    for (const auto& e : ekus)
        if (e.oid == kOidClientAuth || e.oid == kOidAnyEku)
            return true;
    return false;
}

std::string_view sanTypeId(SanType t)
{
    switch (t) {
    case SanType::Upn: return "upn";
    case SanType::Rfc822: return "rfc822";
    case SanType::Dns: return "dns";
    case SanType::Uri: return "uri";
    case SanType::IpAddress: return "ip";
    case SanType::DirectoryName: return "dirname";
    case SanType::OtherName: return "othername";
    case SanType::Other: return "other";
    }
    return "other";
}

std::string_view keyTypeId(KeyType t)
{
    switch (t) {
    case KeyType::Rsa: return "RSA";
    case KeyType::Ec: return "EC";
    case KeyType::Ed25519: return "Ed25519";
    case KeyType::Ed448: return "Ed448";
    case KeyType::Dsa: return "DSA";
    case KeyType::Other: return "other";
    }
    return "other";
}

}  // namespace eascert::cert
