// cert::describeDer for the std + Win32 build: the certificate facts read with crypt32 (Windows only).
// Builds with OpenSSL use Certificate.cpp instead; the conformance suite checks that this one reads
// the same names, serial, key identifiers, thumbprints and alternative names as OpenSSL does.

// First: wincrypt.h defines X509_NAME as a macro, which must not reach Certificate.h's declarations.
#include "eascert/cert/Certificate.h"
#include "eascert/support/Digest.h"

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <wincrypt.h>

#include <algorithm>
#include <array>
#include <memory>

#include "cert/win/NameText.h"
#include "support/win/FileTime.h"
#include "support/win/WideText.h"

namespace eascert::cert {

namespace {

constexpr DWORD kEncoding = X509_ASN_ENCODING | PKCS_7_ASN_ENCODING;

struct LocalFreer
{
    void operator()(void* p) const { LocalFree(p); }
};

// CryptDecodeObjectEx with its own allocation; null when the bytes do not decode as that structure.
template <typename T>
std::unique_ptr<T, LocalFreer> decode(LPCSTR structType, const BYTE* data, DWORD size)
{
    void* out = nullptr;
    DWORD outSize = 0;
    if (!CryptDecodeObjectEx(kEncoding, structType, data, size, CRYPT_DECODE_ALLOC_FLAG, nullptr, &out, &outSize))
        return nullptr;
    return std::unique_ptr<T, LocalFreer>(static_cast<T*>(out));
}

// A DER tag-length-value with a short- or long-form length.
Bytes tlv(int tag, const Bytes& contents)
{
    Bytes out{static_cast<std::byte>(tag)};
    const std::size_t n = contents.size();
    if (n < 0x80) {
        out.push_back(static_cast<std::byte>(n));
    } else {
        Bytes len;
        for (std::size_t v = n; v != 0; v >>= 8)
            len.insert(len.begin(), static_cast<std::byte>(v & 0xFF));
        out.push_back(static_cast<std::byte>(0x80 | len.size()));
        out.insert(out.end(), len.begin(), len.end());
    }
    out.insert(out.end(), contents.begin(), contents.end());
    return out;
}

// One DER tag-length-value inside [data, data + size): definite lengths up to 4 octets.
struct Tlv
{
    BYTE tag = 0;
    const BYTE* start = nullptr;  // the tag octet
    const BYTE* contents = nullptr;
    std::size_t length = 0;
    std::size_t total = 0;  // header and contents
};

std::optional<Tlv> readTlv(const BYTE* data, std::size_t size)
{
    if (size < 2)
        return std::nullopt;
    std::size_t header = 2;
    std::size_t len = data[1];
    if (len & 0x80) {
        const std::size_t octets = len & 0x7F;
        if (octets == 0 || octets > 4 || size < 2 + octets)
            return std::nullopt;
        len = 0;
        for (std::size_t i = 0; i < octets; ++i)
            len = (len << 8) | data[2 + i];
        header += octets;
    }
    if (len > size - header)
        return std::nullopt;
    return Tlv{data[0], data, data + header, len, header + len};
}

// The contents of a DER TLV (empty when it is not one).
Bytes tlvContents(const BYTE* data, std::size_t size)
{
    const auto t = readTlv(data, size);
    return t ? toBytes(t->contents, t->length) : Bytes{};
}

std::string latin1ToUtf8(const BYTE* data, DWORD size)
{
    std::string out;
    for (DWORD i = 0; i < size; ++i) {
        const unsigned char c = data[i];
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

struct OidName
{
    std::string_view oid;
    std::string_view name;
};

// The name a table gives an OID, else the OID itself.
template <std::size_t N>
std::string nameOf(const std::array<OidName, N>& table, std::string_view oid)
{
    for (const auto& entry : table)
        if (entry.oid == oid)
            return std::string(entry.name);
    return std::string(oid);
}

// OpenSSL's short names for the attributes certificates use, so both builds label names alike.
constexpr std::array<OidName, 16> kShortNames{{
    {"2.5.4.3", "CN"},
    {"2.5.4.4", "SN"},
    {"2.5.4.5", "serialNumber"},
    {"2.5.4.6", "C"},
    {"2.5.4.7", "L"},
    {"2.5.4.8", "ST"},
    {"2.5.4.9", "street"},
    {"2.5.4.10", "O"},
    {"2.5.4.11", "OU"},
    {"2.5.4.12", "title"},
    {"2.5.4.17", "postalCode"},
    {"2.5.4.42", "GN"},
    {"2.5.4.46", "dnQualifier"},
    {"0.9.2342.19200300.100.1.1", "UID"},
    {"0.9.2342.19200300.100.1.25", "DC"},
    {"1.2.840.113549.1.9.1", "emailAddress"},
}};

// One attribute value as crypt32 decodes it (X509_NAME): the string types arrive as their content
// octets, except UTF8String and BMPString, which arrive as UTF-16 and are encoded back here.
AttributeValue attributeValue(const CERT_RDN_ATTR& attr)
{
    AttributeValue av;
    av.oid = attr.pszObjId ? attr.pszObjId : "";
    av.shortName = nameOf(kShortNames, av.oid);
    const BYTE* data = attr.Value.pbData;
    const DWORD size = attr.Value.cbData;
    const auto wideText = [&] {
        return win::narrow(std::wstring_view(reinterpret_cast<const wchar_t*>(data), size / sizeof(wchar_t)));
    };
    switch (attr.dwValueType) {
    case CERT_RDN_UTF8_STRING:
        av.asn1Tag = 12;
        av.value = wideText();
        av.contents = toBytes(av.value);
        break;
    case CERT_RDN_BMP_STRING:
        av.asn1Tag = 30;
        av.value = wideText();
        for (DWORD i = 0; i + 1 < size; i += 2) {  // UTF-16LE in memory, big-endian in DER
            av.contents.push_back(static_cast<std::byte>(data[i + 1]));
            av.contents.push_back(static_cast<std::byte>(data[i]));
        }
        break;
    case CERT_RDN_NUMERIC_STRING:
    case CERT_RDN_PRINTABLE_STRING:
    case CERT_RDN_TELETEX_STRING:
    case CERT_RDN_IA5_STRING:
    case CERT_RDN_VISIBLE_STRING:
        av.asn1Tag = attr.dwValueType == CERT_RDN_NUMERIC_STRING     ? 18
                     : attr.dwValueType == CERT_RDN_PRINTABLE_STRING ? 19
                     : attr.dwValueType == CERT_RDN_TELETEX_STRING   ? 20
                     : attr.dwValueType == CERT_RDN_IA5_STRING       ? 22
                                                                     : 26;
        av.contents = toBytes(data, size);
        av.value = latin1ToUtf8(data, size);  // T61 read as Latin-1, as OpenSSL does; the rest is ASCII
        break;
    case CERT_RDN_ENCODED_BLOB:
        // Not a character string: crypt32 hands over the complete encoding, rendered as "#hex".
        av.isString = false;
        av.valueDer = toBytes(data, size);
        av.asn1Tag = size > 0 ? data[0] & 0x1F : 0;
        av.contents = tlvContents(data, size);
        return av;
    default:
        // OCTET STRING, and string types no certificate authority writes (Universal, Graphic,
        // Videotex, General): kept as opaque content octets, rendered as "#hex".
        av.isString = false;
        av.asn1Tag = attr.dwValueType == CERT_RDN_OCTET_STRING ? 4 : 0;
        av.contents = toBytes(data, size);
        break;
    }
    av.valueDer = tlv(av.asn1Tag, av.contents);
    return av;
}

DistinguishedName readName(const CERT_NAME_BLOB& blob)
{
    DistinguishedName dn;
    dn.der = toBytes(blob.pbData, blob.cbData);
    const auto info = decode<CERT_NAME_INFO>(X509_NAME, blob.pbData, blob.cbData);
    if (!info)
        return dn;
    for (DWORD i = 0; i < info->cRDN; ++i) {
        Rdn rdn;
        for (DWORD j = 0; j < info->rgRDN[i].cRDNAttr; ++j)
            rdn.attributes.push_back(attributeValue(info->rgRDN[i].rgRDNAttr[j]));
        dn.rdns.push_back(std::move(rdn));
    }
    return dn;
}

std::string ipText(const CRYPT_DATA_BLOB& ip)
{
    std::string out;
    if (ip.cbData == 4) {
        for (DWORD i = 0; i < 4; ++i)
            out += (i ? "." : "") + std::to_string(ip.pbData[i]);
    } else {
        static constexpr char kHex[] = "0123456789ABCDEF";
        for (DWORD i = 0; i + 1 < ip.cbData; i += 2) {
            if (i)
                out += ':';
            const unsigned v = (ip.pbData[i] << 8) | ip.pbData[i + 1];
            std::string group;
            for (int shift = 12; shift >= 0; shift -= 4)
                group += kHex[(v >> shift) & 0xF];
            out += group;
        }
    }
    return out;
}

std::string asciiText(const Tlv& t)
{
    return std::string(reinterpret_cast<const char*>(t.contents), t.length);
}

// A dotted OID from an OBJECT IDENTIFIER TLV, decoded by crypt32.
std::string oidText(const Tlv& t)
{
    auto oid = decode<char*>(X509_OBJECT_IDENTIFIER, t.start, static_cast<DWORD>(t.total));
    return oid && *oid ? std::string(*oid) : std::string();
}

// otherName ::= SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY }, as the contents of
// the implicit [0] of GeneralName: the OID and the inner value's TLV.
std::optional<std::pair<std::string, Tlv>> readOtherName(const Tlv& name)
{
    const auto oid = readTlv(name.contents, name.length);
    if (!oid || oid->tag != 0x06)
        return std::nullopt;
    const auto wrapper = readTlv(name.contents + oid->total, name.length - oid->total);
    if (!wrapper || wrapper->tag != 0xA0)
        return std::nullopt;
    const auto value = readTlv(wrapper->contents, wrapper->length);
    if (!value)
        return std::nullopt;
    return std::pair{oidText(*oid), *value};
}

// GeneralNames (RFC 5280 4.2.1.6), walked here rather than with X509_ALTERNATE_NAME: Wine's crypt32
// refuses every otherName (CRYPT_E_ASN1_BADTAG), and the UPN is one. Each entry is passed to visit.
template <typename Visit>
bool forEachGeneralName(const CRYPT_OBJID_BLOB& value, Visit visit)
{
    const auto names = readTlv(value.pbData, value.cbData);
    if (!names || names->tag != 0x30)
        return false;
    for (std::size_t pos = 0; pos < names->length;) {
        const auto name = readTlv(names->contents + pos, names->length - pos);
        if (!name)
            return false;
        visit(*name);
        pos += name->total;
    }
    return true;
}

std::vector<SanEntry> readSan(const CERT_EXTENSION& ext)
{
    std::vector<SanEntry> out;
    forEachGeneralName(ext.Value, [&](const Tlv& name) {
        SanEntry entry;
        switch (name.tag) {
        case 0x81:
            entry.type = SanType::Rfc822;
            entry.value = asciiText(name);
            break;
        case 0x82:
            entry.type = SanType::Dns;
            entry.value = asciiText(name);
            break;
        case 0x86:
            entry.type = SanType::Uri;
            entry.value = asciiText(name);
            break;
        case 0x87: {
            const CRYPT_DATA_BLOB ip{static_cast<DWORD>(name.length), const_cast<BYTE*>(name.contents)};
            entry.type = SanType::IpAddress;
            entry.value = ipText(ip);
            break;
        }
        case 0xA4: {
            const auto dn = readTlv(name.contents, name.length);  // [4] EXPLICIT Name
            entry.type = SanType::DirectoryName;
            if (dn)
                entry.value = win::nameText(CERT_NAME_BLOB{static_cast<DWORD>(dn->total), const_cast<BYTE*>(name.contents)});
            break;
        }
        case 0xA0: {
            const auto other = readOtherName(name);
            if (!other) {
                entry.type = SanType::Other;
                break;
            }
            entry.oid = other->first;
            const Tlv& v = other->second;
            if (entry.oid == kOidUpn && v.tag == 0x0C) {
                entry.type = SanType::Upn;
                entry.value = asciiText(v);  // UTF8String: already UTF-8
            } else {
                entry.type = SanType::OtherName;
                entry.value = entry.oid + ":" + toHex(toBytes(v.start, v.total));
            }
            break;
        }
        default:
            entry.type = SanType::Other;
            break;
        }
        out.push_back(std::move(entry));
    });
    return out;
}

// The SID extension (KB5014754): an otherName 1.3.6.1.4.1.311.25.2.1 holding an OCTET STRING.
std::optional<std::string> readSidExtension(const CERT_EXTENSION& ext)
{
    std::string sid;  // present but unreadable: reported as present with no value
    forEachGeneralName(ext.Value, [&](const Tlv& name) {
        if (name.tag != 0xA0 || !sid.empty())
            return;
        const auto other = readOtherName(name);
        if (other && other->first == kOidSidOtherName && other->second.tag == 0x04)
            sid = asciiText(other->second);
    });
    return sid;
}

std::vector<std::string> readKeyUsage(const CERT_EXTENSION& ext)
{
    // The bit order of RFC 5280's KeyUsage; the names OpenSSL's build reports.
    static constexpr std::array<const char*, 9> kNames{
        "digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement",
        "keyCertSign",      "cRLSign",        "encipherOnly",    "decipherOnly"};
    std::vector<std::string> out;
    const auto bits = decode<CRYPT_BIT_BLOB>(X509_KEY_USAGE, ext.Value.pbData, ext.Value.cbData);
    if (!bits)
        return out;
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        const std::size_t octet = i / 8;
        if (octet < bits->cbData && (bits->pbData[octet] & (0x80 >> (i % 8))))
            out.emplace_back(kNames[i]);
    }
    return out;
}

// OpenSSL's long names for the signature algorithms and curves certificates use.
constexpr std::array<OidName, 12> kAlgorithmNames{{
    {"1.2.840.113549.1.1.5", "sha1WithRSAEncryption"},
    {"1.2.840.113549.1.1.11", "sha256WithRSAEncryption"},
    {"1.2.840.113549.1.1.12", "sha384WithRSAEncryption"},
    {"1.2.840.113549.1.1.13", "sha512WithRSAEncryption"},
    {"1.2.840.113549.1.1.10", "rsassaPss"},
    {"1.2.840.10045.4.3.2", "ecdsa-with-SHA256"},
    {"1.2.840.10045.4.3.3", "ecdsa-with-SHA384"},
    {"1.2.840.10045.4.3.4", "ecdsa-with-SHA512"},
    {"1.3.101.112", "ED25519"},
    {"1.2.840.10045.3.1.7", "prime256v1"},
    {"1.3.132.0.34", "secp384r1"},
    {"1.3.132.0.35", "secp521r1"},
}};

PublicKeyInfo readPublicKey(const CERT_PUBLIC_KEY_INFO& spki)
{
    PublicKeyInfo info;
    const std::string_view oid = spki.Algorithm.pszObjId ? spki.Algorithm.pszObjId : "";
    if (oid == "1.2.840.113549.1.1.1" || oid == "1.2.840.113549.1.1.10")
        info.type = KeyType::Rsa;
    else if (oid == "1.2.840.10045.2.1")
        info.type = KeyType::Ec;
    else if (oid == "1.3.101.112")
        info.type = KeyType::Ed25519;
    else if (oid == "1.3.101.113")
        info.type = KeyType::Ed448;
    else if (oid == "1.2.840.10040.4.1")
        info.type = KeyType::Dsa;
    if (info.type == KeyType::Ec) {
        const auto curve = decode<char*>(X509_OBJECT_IDENTIFIER, spki.Algorithm.Parameters.pbData,
                                         spki.Algorithm.Parameters.cbData);
        if (curve && *curve)
            info.curve = nameOf(kAlgorithmNames, *curve);
    }
    CERT_PUBLIC_KEY_INFO copy = spki;
    info.bits = static_cast<int>(CertGetPublicKeyLength(X509_ASN_ENCODING, &copy));
    info.subjectPublicKey = toBytes(spki.PublicKey.pbData, spki.PublicKey.cbData);
    return info;
}

} // namespace

std::optional<CertificateInfo> describeDer(std::span<const std::byte> der)
{
    if (der.empty())
        return std::nullopt;
    PCCERT_CONTEXT context = CertCreateCertificateContext(X509_ASN_ENCODING, reinterpret_cast<const BYTE*>(der.data()),
                                                          static_cast<DWORD>(der.size()));
    if (!context)
        return std::nullopt;
    std::unique_ptr<const CERT_CONTEXT, decltype(&CertFreeCertificateContext)> guard(context, &CertFreeCertificateContext);
    const CERT_INFO& c = *context->pCertInfo;

    CertificateInfo info;
    info.version = static_cast<int>(c.dwVersion) + 1;
    info.subject = readName(c.Subject);
    info.issuer = readName(c.Issuer);
    // crypt32 keeps the INTEGER's content octets least significant first, sign byte included.
    info.serial = toBytes(c.SerialNumber.pbData, c.SerialNumber.cbData);
    std::reverse(info.serial.begin(), info.serial.end());
    info.serialNegative = !info.serial.empty() && (std::to_integer<unsigned>(info.serial.front()) & 0x80) != 0;
    info.der = toBytes(context->pbCertEncoded, context->cbCertEncoded);
    info.sha1Thumbprint = sha1(info.der);
    info.sha256Thumbprint = sha256(info.der);
    info.notBefore = win::toSysSeconds(c.NotBefore);
    info.notAfter = win::toSysSeconds(c.NotAfter);
    info.publicKey = readPublicKey(c.SubjectPublicKeyInfo);
    info.signatureAlgorithm = nameOf(kAlgorithmNames, c.SignatureAlgorithm.pszObjId ? c.SignatureAlgorithm.pszObjId : "unknown");
    info.selfIssued = info.subject.der == info.issuer.der;

    for (DWORD i = 0; i < c.cExtension; ++i) {
        const CERT_EXTENSION& ext = c.rgExtension[i];
        const std::string_view oid = ext.pszObjId ? ext.pszObjId : "";
        if (oid == szOID_SUBJECT_KEY_IDENTIFIER) {
            if (const auto ski = decode<CRYPT_DATA_BLOB>(szOID_SUBJECT_KEY_IDENTIFIER, ext.Value.pbData, ext.Value.cbData))
                info.subjectKeyId = toBytes(ski->pbData, ski->cbData);
        } else if (oid == szOID_AUTHORITY_KEY_IDENTIFIER2) {
            const auto aki = decode<CERT_AUTHORITY_KEY_ID2_INFO>(X509_AUTHORITY_KEY_ID2, ext.Value.pbData, ext.Value.cbData);
            if (aki && aki->KeyId.cbData > 0)
                info.authorityKeyId = toBytes(aki->KeyId.pbData, aki->KeyId.cbData);
        } else if (oid == szOID_SUBJECT_ALT_NAME2) {
            info.subjectAltNames = readSan(ext);
        } else if (oid == szOID_ENHANCED_KEY_USAGE) {
            info.hasEkuExtension = true;
            if (const auto eku = decode<CERT_ENHKEY_USAGE>(X509_ENHANCED_KEY_USAGE, ext.Value.pbData, ext.Value.cbData))
                for (DWORD j = 0; j < eku->cUsageIdentifier; ++j)
                    info.ekus.push_back(Eku{eku->rgpszUsageIdentifier[j], {}});
        } else if (oid == szOID_KEY_USAGE) {
            info.hasKeyUsage = true;
            info.keyUsage = readKeyUsage(ext);
        } else if (oid == szOID_BASIC_CONSTRAINTS2) {
            const auto bc = decode<CERT_BASIC_CONSTRAINTS2_INFO>(X509_BASIC_CONSTRAINTS2, ext.Value.pbData, ext.Value.cbData);
            info.isCa = bc && bc->fCA;
        } else if (oid == kOidSidExtension) {
            info.sidExtension = readSidExtension(ext);
        }
    }
    return info;
}

} // namespace eascert::cert
