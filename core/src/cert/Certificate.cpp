#include "eascert/cert/Certificate.h"

#include <array>
#include <cstring>

#include <openssl/core_names.h>
#include <openssl/objects.h>

#include "eascert/support/OpenSslError.h"
#include "eascert/support/OpenSslPtr.h"

namespace eascert::cert {

namespace {

std::string oidText(const ASN1_OBJECT* obj)
{
    std::array<char, 128> buf{};
    const int n = OBJ_obj2txt(buf.data(), static_cast<int>(buf.size()), obj, 1);
    return n > 0 ? std::string(buf.data()) : std::string();
}

Bytes stringBytes(const ASN1_STRING* s)
{
    if (!s)
        return {};
    return toBytes(ASN1_STRING_get0_data(s), static_cast<std::size_t>(ASN1_STRING_length(s)));
}

std::string utf8(const ASN1_STRING* s)
{
    unsigned char* out = nullptr;
    const int n = ASN1_STRING_to_UTF8(&out, s);
    if (n < 0) {
        ossl::clearErrors();
        return {};
    }
    ossl::OsslBytes owner(out);
    return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
}

bool isCharacterString(int type)
{
    switch (type) {
    case V_ASN1_UTF8STRING:
    case V_ASN1_PRINTABLESTRING:
    case V_ASN1_T61STRING:
    case V_ASN1_IA5STRING:
    case V_ASN1_BMPSTRING:
    case V_ASN1_UNIVERSALSTRING:
    case V_ASN1_NUMERICSTRING:
    case V_ASN1_VISIBLESTRING:
        return true;
    default:
        return false;
    }
}

// DER of the value inside an AttributeTypeAndValue: SEQUENCE { OID, value } → value TLV.
Bytes entryValueDer(const X509_NAME_ENTRY* entry)
{
    unsigned char* der = nullptr;
    const int len = i2d_X509_NAME_ENTRY(entry, &der);
    if (len <= 0) {
        ossl::clearErrors();
        return {};
    }
    ossl::OsslBytes owner(der);
    const unsigned char* p = der;
    long contentLen = 0;
    int tag = 0;
    int cls = 0;
    // Outer SEQUENCE header.
    if (ASN1_get_object(&p, &contentLen, &tag, &cls, len) & 0x80)
        return {};
    const unsigned char* oidStart = p;
    // OID TLV: skip it.
    if (ASN1_get_object(&p, &contentLen, &tag, &cls, len - static_cast<long>(p - der)) & 0x80)
        return {};
    p += contentLen;
    (void)oidStart;
    return toBytes(p, static_cast<std::size_t>(len - (p - der)));
}

Bytes tlvContents(const Bytes& tlv)
{
    if (tlv.empty())
        return {};
    const auto* start = reinterpret_cast<const unsigned char*>(tlv.data());
    const unsigned char* p = start;
    long len = 0;
    int tag = 0;
    int cls = 0;
    if (ASN1_get_object(&p, &len, &tag, &cls, static_cast<long>(tlv.size())) & 0x80) {
        ossl::clearErrors();
        return {};
    }
    return toBytes(p, static_cast<std::size_t>(len));
}

DistinguishedName readName(const X509_NAME* name)
{
    DistinguishedName dn;
    if (!name)
        return dn;
    int lastSet = -1;
    const int count = X509_NAME_entry_count(name);
    for (int i = 0; i < count; ++i) {
        const X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
        const int set = X509_NAME_ENTRY_set(e);
        if (set != lastSet || dn.rdns.empty()) {
            dn.rdns.emplace_back();
            lastSet = set;
        }
        AttributeValue av;
        const ASN1_OBJECT* obj = X509_NAME_ENTRY_get_object(e);
        av.oid = oidText(obj);
        const int nid = OBJ_obj2nid(obj);
        av.shortName = nid != NID_undef ? OBJ_nid2sn(nid) : av.oid;
        const ASN1_STRING* data = X509_NAME_ENTRY_get_data(e);
        const int type = ASN1_STRING_type(data);
        av.isString = isCharacterString(type);
        av.valueDer = entryValueDer(e);
        av.asn1Tag = av.valueDer.empty() ? type : std::to_integer<int>(av.valueDer.front()) & 0x1F;
        av.contents = tlvContents(av.valueDer);
        if (av.isString)
            av.value = utf8(data);
        dn.rdns.back().attributes.push_back(std::move(av));
    }
    unsigned char* der = nullptr;
    const int len = i2d_X509_NAME(name, &der);
    if (len > 0) {
        ossl::OsslBytes owner(der);
        dn.der = toBytes(der, static_cast<std::size_t>(len));
    }
    return dn;
}

TimePoint toTimePoint(const ASN1_TIME* t)
{
    std::tm tm{};
    if (!t || ASN1_TIME_to_tm(t, &tm) != 1) {
        ossl::clearErrors();
        return TimePoint{};
    }
    using namespace std::chrono;
    const auto day = sys_days(year(tm.tm_year + 1900) / month(static_cast<unsigned>(tm.tm_mon + 1)) /
                              static_cast<unsigned>(tm.tm_mday));
    return TimePoint(day) + hours(tm.tm_hour) + minutes(tm.tm_min) + seconds(tm.tm_sec);
}

std::string ipText(const ASN1_OCTET_STRING* ip)
{
    const auto b = stringBytes(ip);
    std::string out;
    if (b.size() == 4) {
        for (std::size_t i = 0; i < 4; ++i) {
            if (i)
                out += '.';
            out += std::to_string(std::to_integer<unsigned>(b[i]));
        }
    } else if (b.size() == 16) {
        static constexpr char digits[] = "0123456789abcdef";
        for (std::size_t i = 0; i < 16; i += 2) {
            if (i)
                out += ':';
            const unsigned v = (std::to_integer<unsigned>(b[i]) << 8) | std::to_integer<unsigned>(b[i + 1]);
            bool started = false;
            for (int shift = 12; shift >= 0; shift -= 4) {
                const unsigned d = (v >> shift) & 0xF;
                if (d || started || shift == 0) {
                    out += digits[d];
                    started = true;
                }
            }
        }
    } else {
        out = toHex(b);
    }
    return out;
}

std::string nameText(const X509_NAME* name)
{
    ossl::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio)
        return {};
    X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return len > 0 ? std::string(data, static_cast<std::size_t>(len)) : std::string();
}

std::vector<SanEntry> readSan(X509* x)
{
    std::vector<SanEntry> out;
    int crit = 0;
    ossl::GeneralNamesPtr names(
        static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(x, NID_subject_alt_name, &crit, nullptr)));
    if (!names) {
        ossl::clearErrors();
        return out;
    }
    for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
        const GENERAL_NAME* gn = sk_GENERAL_NAME_value(names.get(), i);
        SanEntry entry;
        switch (gn->type) {
        case GEN_EMAIL:
            entry.type = SanType::Rfc822;
            entry.value = utf8(gn->d.rfc822Name);
            break;
        case GEN_DNS:
            entry.type = SanType::Dns;
            entry.value = utf8(gn->d.dNSName);
            break;
        case GEN_URI:
            entry.type = SanType::Uri;
            entry.value = utf8(gn->d.uniformResourceIdentifier);
            break;
        case GEN_IPADD:
            entry.type = SanType::IpAddress;
            entry.value = ipText(gn->d.iPAddress);
            break;
        case GEN_DIRNAME:
            entry.type = SanType::DirectoryName;
            entry.value = nameText(gn->d.directoryName);
            break;
        case GEN_OTHERNAME: {
            entry.oid = oidText(gn->d.otherName->type_id);
            const ASN1_TYPE* v = gn->d.otherName->value;
            if (entry.oid == kOidUpn && v && v->type == V_ASN1_UTF8STRING) {
                entry.type = SanType::Upn;
                entry.value = utf8(v->value.utf8string);
            } else {
                entry.type = SanType::OtherName;
                unsigned char* der = nullptr;
                const int len = v ? i2d_ASN1_TYPE(v, &der) : 0;
                ossl::OsslBytes owner(der);
                entry.value = entry.oid + ":" +
                              (len > 0 ? toHex(toBytes(der, static_cast<std::size_t>(len))) : std::string());
            }
            break;
        }
        default:
            entry.type = SanType::Other;
            break;
        }
        out.push_back(std::move(entry));
    }
    return out;
}

std::optional<std::string> readSidExtension(X509* x)
{
    ossl::Asn1ObjectPtr oid(OBJ_txt2obj(std::string(kOidSidExtension).c_str(), 1));
    if (!oid)
        return std::nullopt;
    const int idx = X509_get_ext_by_OBJ(x, oid.get(), -1);
    if (idx < 0)
        return std::nullopt;
    const ASN1_OCTET_STRING* data = X509_EXTENSION_get_data(X509_get_ext(x, idx));
    const unsigned char* p = ASN1_STRING_get0_data(data);
    ossl::GeneralNamesPtr names(d2i_GENERAL_NAMES(nullptr, &p, ASN1_STRING_length(data)));
    if (!names) {
        ossl::clearErrors();
        return std::string();  // present but unreadable: report it as present with no value
    }
    for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
        const GENERAL_NAME* gn = sk_GENERAL_NAME_value(names.get(), i);
        if (gn->type != GEN_OTHERNAME || oidText(gn->d.otherName->type_id) != kOidSidOtherName)
            continue;
        const ASN1_TYPE* v = gn->d.otherName->value;
        if (v && v->type == V_ASN1_OCTET_STRING) {
            const auto b = stringBytes(v->value.octet_string);
            return std::string(reinterpret_cast<const char*>(b.data()), b.size());
        }
    }
    return std::string();
}

PublicKeyInfo readPublicKey(X509* x)
{
    PublicKeyInfo info;
    EVP_PKEY* key = X509_get0_pubkey(x);
    if (key) {
        info.bits = EVP_PKEY_get_bits(key);
        switch (EVP_PKEY_get_base_id(key)) {
        case EVP_PKEY_RSA:
        case EVP_PKEY_RSA_PSS: info.type = KeyType::Rsa; break;
        case EVP_PKEY_EC: {
            info.type = KeyType::Ec;
            std::array<char, 80> group{};
            std::size_t len = 0;
            if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group.data(), group.size(), &len))
                info.curve.assign(group.data(), len);
            break;
        }
        case EVP_PKEY_ED25519: info.type = KeyType::Ed25519; break;
        case EVP_PKEY_ED448: info.type = KeyType::Ed448; break;
        case EVP_PKEY_DSA: info.type = KeyType::Dsa; break;
        default: info.type = KeyType::Other; break;
        }
    }
    ossl::clearErrors();
    if (const ASN1_BIT_STRING* bits = X509_get0_pubkey_bitstr(x))
        info.subjectPublicKey = stringBytes(bits);
    return info;
}

std::vector<std::string> readKeyUsage(uint32_t ku)
{
    static constexpr std::pair<uint32_t, const char*> names[] = {
        {KU_DIGITAL_SIGNATURE, "digitalSignature"}, {KU_NON_REPUDIATION, "nonRepudiation"},
        {KU_KEY_ENCIPHERMENT, "keyEncipherment"},   {KU_DATA_ENCIPHERMENT, "dataEncipherment"},
        {KU_KEY_AGREEMENT, "keyAgreement"},         {KU_KEY_CERT_SIGN, "keyCertSign"},
        {KU_CRL_SIGN, "cRLSign"},                   {KU_ENCIPHER_ONLY, "encipherOnly"},
        {KU_DECIPHER_ONLY, "decipherOnly"},
    };
    std::vector<std::string> out;
    for (const auto& [bit, name] : names)
        if (ku & bit)
            out.emplace_back(name);
    return out;
}

Bytes digest(X509* x, const EVP_MD* md)
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> buf{};
    unsigned int len = 0;
    if (X509_digest(x, md, buf.data(), &len) != 1) {
        ossl::clearErrors();
        return {};
    }
    return toBytes(buf.data(), len);
}

} // namespace

DistinguishedName describeName(const X509_NAME* name)
{
    return readName(name);
}

CertificateInfo describe(X509* x)
{
    CertificateInfo info;
    info.version = static_cast<int>(X509_get_version(x)) + 1;
    info.subject = readName(X509_get_subject_name(x));
    info.issuer = readName(X509_get_issuer_name(x));

    const ASN1_INTEGER* serial = X509_get0_serialNumber(x);
    info.serialNegative = ASN1_STRING_type(serial) == V_ASN1_NEG_INTEGER;
    {
        // Content octets exactly as DER encodes them, sign byte included.
        unsigned char* der = nullptr;
        const int len = i2d_ASN1_INTEGER(serial, &der);
        ossl::OsslBytes owner(der);
        if (len > 0)
            info.serial = tlvContents(toBytes(der, static_cast<std::size_t>(len)));
    }

    if (const ASN1_OCTET_STRING* ski = X509_get0_subject_key_id(x))
        info.subjectKeyId = stringBytes(ski);
    if (const ASN1_OCTET_STRING* aki = X509_get0_authority_key_id(x))
        info.authorityKeyId = stringBytes(aki);
    info.sha1Thumbprint = digest(x, EVP_sha1());
    info.sha256Thumbprint = digest(x, EVP_sha256());
    info.subjectAltNames = readSan(x);

    int crit = 0;
    ossl::ExtKeyUsagePtr eku(static_cast<EXTENDED_KEY_USAGE*>(X509_get_ext_d2i(x, NID_ext_key_usage, &crit, nullptr)));
    info.hasEkuExtension = crit != -1;
    if (eku) {
        for (int i = 0; i < sk_ASN1_OBJECT_num(eku.get()); ++i) {
            const ASN1_OBJECT* obj = sk_ASN1_OBJECT_value(eku.get(), i);
            Eku e;
            e.oid = oidText(obj);
            const int nid = OBJ_obj2nid(obj);
            if (nid != NID_undef)
                e.name = OBJ_nid2ln(nid);
            info.ekus.push_back(std::move(e));
        }
    }
    ossl::clearErrors();

    const uint32_t flags = X509_get_extension_flags(x);
    info.hasKeyUsage = (flags & EXFLAG_KUSAGE) != 0;
    if (info.hasKeyUsage)
        info.keyUsage = readKeyUsage(X509_get_key_usage(x));
    info.isCa = (flags & EXFLAG_CA) != 0;
    info.selfIssued = X509_NAME_cmp(X509_get_subject_name(x), X509_get_issuer_name(x)) == 0;

    info.notBefore = toTimePoint(X509_get0_notBefore(x));
    info.notAfter = toTimePoint(X509_get0_notAfter(x));
    info.publicKey = readPublicKey(x);
    const int sigNid = X509_get_signature_nid(x);
    info.signatureAlgorithm = sigNid != NID_undef ? OBJ_nid2ln(sigNid) : std::string("unknown");
    info.sidExtension = readSidExtension(x);

    unsigned char* der = nullptr;
    const int len = i2d_X509(x, &der);
    ossl::OsslBytes owner(der);
    if (len > 0)
        info.der = toBytes(der, static_cast<std::size_t>(len));
    ossl::clearErrors();
    return info;
}

std::optional<Certificate> Certificate::fromX509(X509* x)
{
    if (!x)
        return std::nullopt;
    Certificate c;
    X509_up_ref(x);
    c.m_x509 = std::shared_ptr<X509>(x, X509_free);
    c.m_info = std::make_shared<const CertificateInfo>(describe(x));
    return c;
}

std::optional<Certificate> Certificate::fromDer(const Bytes& der)
{
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    ossl::X509Ptr x(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    if (!x) {
        ossl::clearErrors();
        return std::nullopt;
    }
    return fromX509(x.get());
}

std::optional<CertificateInfo> describeDer(std::span<const std::byte> der)
{
    auto c = Certificate::fromDer(Bytes(der.begin(), der.end()));
    if (!c)
        return std::nullopt;
    return c->info();
}

std::string displayName(const DistinguishedName& dn)
{
    const auto* p = reinterpret_cast<const unsigned char*>(dn.der.data());
    ossl::X509NamePtr name(d2i_X509_NAME(nullptr, &p, static_cast<long>(dn.der.size())));
    if (!name) {
        ossl::clearErrors();
        return {};
    }
    return nameText(name.get());
}

} // namespace eascert::cert
