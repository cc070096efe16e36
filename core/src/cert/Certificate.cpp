#include "eascert/cert/Certificate.h"

#include <array>
#include <bit>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>

#include <openssl/asn1t.h>
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
    case V_ASN1_VISIBLESTRING: return true;
    default: return false;
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
    // OID TLV: skip it.
    if (ASN1_get_object(&p, &contentLen, &tag, &cls, len - static_cast<long>(p - der)) & 0x80)
        return {};
    p += contentLen;
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

using Extensions = STACK_OF(X509_EXTENSION);

// The certificate's parts the product reads, from an X509 handle or from the light decoding below;
// everything after this point reads only these, so both give the same facts.
struct Parts
{
    long version = 0;  // as encoded: 0 for v1, 2 for v3
    const ASN1_INTEGER* serial = nullptr;
    const X509_NAME* issuer = nullptr;
    const X509_NAME* subject = nullptr;
    const ASN1_TIME* notBefore = nullptr;
    const ASN1_TIME* notAfter = nullptr;
    const Extensions* extensions = nullptr;
    const X509_ALGOR* keyAlgorithm = nullptr;
    const ASN1_BIT_STRING* publicKey = nullptr;
    const X509_ALGOR* signatureAlgorithm = nullptr;
    std::span<const unsigned char> der;           // the whole certificate as encoded
    std::function<ossl::EvpPkeyPtr()> decodeKey;  // the key decoded by OpenSSL (costly; rarely needed)
};

// One extension decoded (X509V3_get_d2i) into its owner P (an ossl:: pointer); crit is -1 when
// absent, -2 when present more than once.
template <typename P> P extension(const Extensions* exts, int nid, int* crit = nullptr)
{
    int c = 0;
    P p(static_cast<typename P::element_type*>(X509V3_get_d2i(exts, nid, &c, nullptr)));
    if (crit)
        *crit = c;
    if (!p)
        ossl::clearErrors();
    return p;
}

std::vector<SanEntry> readSan(const Extensions* exts)
{
    std::vector<SanEntry> out;
    auto names = extension<ossl::GeneralNamesPtr>(exts, NID_subject_alt_name);
    if (!names)
        return out;
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
                entry.value =
                    entry.oid + ":" + (len > 0 ? toHex(toBytes(der, static_cast<std::size_t>(len))) : std::string());
            }
            break;
        }
        default: entry.type = SanType::Other; break;
        }
        out.push_back(std::move(entry));
    }
    return out;
}

std::optional<std::string> readSidExtension(const Extensions* exts)
{
    ossl::Asn1ObjectPtr oid(OBJ_txt2obj(std::string(kOidSidExtension).c_str(), 1));
    if (!oid)
        return std::nullopt;
    const int idx = X509v3_get_ext_by_OBJ(exts, oid.get(), -1);
    if (idx < 0)
        return std::nullopt;
    const ASN1_OCTET_STRING* data = X509_EXTENSION_get_data(X509v3_get_ext(exts, idx));
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

// Bits of the first INTEGER of a DER SEQUENCE (an RSA modulus, a DSA prime); 0 when there is none.
int firstIntegerBits(const unsigned char* der, long len)
{
    ossl::Asn1SequenceAnyPtr seq(d2i_ASN1_SEQUENCE_ANY(nullptr, &der, len));
    if (!seq || sk_ASN1_TYPE_num(seq.get()) < 1) {
        ossl::clearErrors();
        return 0;
    }
    const ASN1_TYPE* first = sk_ASN1_TYPE_value(seq.get(), 0);
    if (first->type != V_ASN1_INTEGER)
        return 0;
    const auto magnitude = stringBytes(first->value.integer);  // OpenSSL keeps no sign byte
    std::size_t i = 0;
    while (i < magnitude.size() && magnitude[i] == std::byte{0})
        ++i;
    if (i == magnitude.size())
        return 0;
    return static_cast<int>((magnitude.size() - i - 1) * 8) + std::bit_width(std::to_integer<unsigned>(magnitude[i]));
}

// The size of a named curve (its order's bits, as EVP_PKEY_get_bits gives it); 0 when OpenSSL does
// not know the curve. Building the group costs more than reading a certificate: once per curve.
int curveBits(int nid)
{
    static std::mutex mutex;
    static std::map<int, int> known;
    std::lock_guard lock(mutex);
    if (const auto it = known.find(nid); it != known.end())
        return it->second;
    ossl::EcGroupPtr group(nid != NID_undef ? EC_GROUP_new_by_curve_name(nid) : nullptr);
    ossl::clearErrors();
    return known[nid] = group ? EC_GROUP_order_bits(group.get()) : 0;
}

// The key as OpenSSL decodes it, for the algorithms not read below from their encoding.
void readDecodedKey(const EVP_PKEY* pkey, PublicKeyInfo& info)
{
    if (!pkey)
        return;
    info.bits = EVP_PKEY_get_bits(pkey);
    switch (EVP_PKEY_get_base_id(pkey)) {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS: info.type = KeyType::Rsa; break;
    case EVP_PKEY_EC: {
        info.type = KeyType::Ec;
        std::array<char, 80> group{};
        std::size_t len = 0;
        if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group.data(), group.size(), &len))
            info.curve.assign(group.data(), len);
        break;
    }
    case EVP_PKEY_ED25519: info.type = KeyType::Ed25519; break;
    case EVP_PKEY_ED448: info.type = KeyType::Ed448; break;
    case EVP_PKEY_DSA: info.type = KeyType::Dsa; break;
    default: info.type = KeyType::Other; break;
    }
}

// Type and size of the key from the SubjectPublicKeyInfo as encoded. OpenSSL 3.0 decodes a key
// through its provider decoders (about 150 µs a certificate, most of reading one); the common
// algorithms are read here from the encoding (the same numbers EVP_PKEY_get_bits gives, tested),
// the rest decoded by OpenSSL.
PublicKeyInfo readPublicKey(const Parts& parts)
{
    PublicKeyInfo info;
    if (!parts.keyAlgorithm || !parts.publicKey)
        return info;
    info.subjectPublicKey = stringBytes(parts.publicKey);
    const ASN1_OBJECT* alg = nullptr;
    int ptype = V_ASN1_UNDEF;
    const void* pval = nullptr;
    X509_ALGOR_get0(&alg, &ptype, &pval, parts.keyAlgorithm);
    const auto* key = ASN1_STRING_get0_data(parts.publicKey);
    const long keyLen = ASN1_STRING_length(parts.publicKey);
    switch (OBJ_obj2nid(alg)) {
    case NID_rsaEncryption:
    case NID_rsassaPss:
        info.bits = firstIntegerBits(key, keyLen);
        if (info.bits > 0) {
            info.type = KeyType::Rsa;
            return info;
        }
        break;
    case NID_X9_62_id_ecPublicKey:
        if (ptype == V_ASN1_OBJECT) {
            const int curve = OBJ_obj2nid(static_cast<const ASN1_OBJECT*>(pval));
            if (const int bits = curveBits(curve); bits > 0) {
                info.type = KeyType::Ec;
                info.curve = OBJ_nid2sn(curve);
                info.bits = bits;
                return info;
            }
        }
        break;  // explicit parameters or an unknown curve: as OpenSSL decodes them
    case NID_ED25519:
        if (keyLen == 32) {
            info.type = KeyType::Ed25519;
            info.bits = 256;  // as EVP_PKEY_get_bits reports it (ED25519_BITS)
            return info;
        }
        break;
    case NID_ED448:
        if (keyLen == 57) {
            info.type = KeyType::Ed448;
            info.bits = 456;
            return info;
        }
        break;
    case NID_dsa:
        if (ptype == V_ASN1_SEQUENCE) {
            const auto* params = static_cast<const ASN1_STRING*>(pval);
            info.bits = firstIntegerBits(ASN1_STRING_get0_data(params), ASN1_STRING_length(params));
            if (info.bits > 0) {
                info.type = KeyType::Dsa;
                return info;
            }
        }
        break;
    default: break;
    }
    info.bits = 0;
    if (parts.decodeKey)
        readDecodedKey(parts.decodeKey().get(), info);
    ossl::clearErrors();
    return info;
}

std::vector<std::string> readKeyUsage(uint32_t ku)
{
    static constexpr std::pair<uint32_t, const char*> names[] = {
        {KU_DIGITAL_SIGNATURE, "digitalSignature"},
        {KU_NON_REPUDIATION, "nonRepudiation"},
        {KU_KEY_ENCIPHERMENT, "keyEncipherment"},
        {KU_DATA_ENCIPHERMENT, "dataEncipherment"},
        {KU_KEY_AGREEMENT, "keyAgreement"},
        {KU_KEY_CERT_SIGN, "keyCertSign"},
        {KU_CRL_SIGN, "cRLSign"},
        {KU_ENCIPHER_ONLY, "encipherOnly"},
        {KU_DECIPHER_ONLY, "decipherOnly"},
    };
    std::vector<std::string> out;
    for (const auto& [bit, name] : names)
        if (ku & bit)
            out.emplace_back(name);
    return out;
}

Bytes digest(std::span<const unsigned char> der, const EVP_MD* md)
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> buf{};
    unsigned int len = 0;
    if (EVP_Digest(der.data(), der.size(), buf.data(), &len, md, nullptr) != 1) {
        ossl::clearErrors();
        return {};
    }
    return toBytes(buf.data(), len);
}

CertificateInfo describeParts(const Parts& parts)
{
    CertificateInfo info;
    info.version = static_cast<int>(parts.version) + 1;
    info.subject = readName(parts.subject);
    info.issuer = readName(parts.issuer);

    info.serialNegative = ASN1_STRING_type(parts.serial) == V_ASN1_NEG_INTEGER;
    {
        // Content octets exactly as DER encodes them, sign byte included.
        unsigned char* der = nullptr;
        const int len = i2d_ASN1_INTEGER(parts.serial, &der);
        ossl::OsslBytes owner(der);
        if (len > 0)
            info.serial = tlvContents(toBytes(der, static_cast<std::size_t>(len)));
    }

    const Extensions* exts = parts.extensions;
    if (auto ski = extension<ossl::Asn1OctetStringPtr>(exts, NID_subject_key_identifier))
        info.subjectKeyId = stringBytes(ski.get());
    if (auto aki = extension<ossl::AuthorityKeyIdPtr>(exts, NID_authority_key_identifier); aki && aki->keyid)
        info.authorityKeyId = stringBytes(aki->keyid);
    info.sha1Thumbprint = digest(parts.der, EVP_sha1());
    info.sha256Thumbprint = digest(parts.der, EVP_sha256());
    info.subjectAltNames = readSan(exts);

    int crit = 0;
    auto eku = extension<ossl::ExtKeyUsagePtr>(exts, NID_ext_key_usage, &crit);
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
    // Key usage and cA as OpenSSL's own extension cache reads them (x509v3_cache_extensions).
    if (auto ku = extension<ossl::Asn1BitStringPtr>(exts, NID_key_usage)) {
        info.hasKeyUsage = true;
        const int len = ASN1_STRING_length(ku.get());
        const auto* bits = ASN1_STRING_get0_data(ku.get());
        const uint32_t usage = len > 0 ? bits[0] | (len > 1 ? static_cast<uint32_t>(bits[1]) << 8 : 0u) : 0u;
        info.keyUsage = readKeyUsage(usage);
    }
    if (auto bc = extension<ossl::BasicConstraintsPtr>(exts, NID_basic_constraints))
        info.isCa = bc->ca != 0;
    info.selfIssued = X509_NAME_cmp(parts.subject, parts.issuer) == 0;

    info.notBefore = toTimePoint(parts.notBefore);
    info.notAfter = toTimePoint(parts.notAfter);
    info.publicKey = readPublicKey(parts);
    const int sigNid = parts.signatureAlgorithm ? OBJ_obj2nid(parts.signatureAlgorithm->algorithm) : NID_undef;
    info.signatureAlgorithm = sigNid != NID_undef ? OBJ_nid2ln(sigNid) : std::string("unknown");
    info.sidExtension = readSidExtension(exts);
    info.der = toBytes(parts.der.data(), parts.der.size());
    ossl::clearErrors();
    return info;
}

// A certificate decoded by an ASN.1 template of RFC 5280's Certificate that keeps the
// SubjectPublicKeyInfo as two plain fields (OpenSSL's X509 decodes the key on reading). The
// template engine checks the DER as strictly as d2i_X509 does.
struct LightSpki
{
    X509_ALGOR* algorithm;
    ASN1_BIT_STRING* key;
};

struct LightTbs
{
    ASN1_INTEGER* version;
    ASN1_INTEGER* serial;
    X509_ALGOR* signature;
    X509_NAME* issuer;
    X509_VAL* validity;
    X509_NAME* subject;
    LightSpki* spki;
    ASN1_BIT_STRING* issuerUid;
    ASN1_BIT_STRING* subjectUid;
    STACK_OF(X509_EXTENSION) * extensions;
};

struct LightCertificate
{
    LightTbs* tbs;
    X509_ALGOR* signatureAlgorithm;
    ASN1_BIT_STRING* signature;
};

// OpenSSL's ASN.1 template macros, as OpenSSL lays them out.
// clang-format off
DECLARE_ASN1_ITEM(LightSpki)
DECLARE_ASN1_ITEM(LightTbs)
DECLARE_ASN1_ITEM(LightCertificate)

ASN1_SEQUENCE(LightSpki) = {
    ASN1_SIMPLE(LightSpki, algorithm, X509_ALGOR),
    ASN1_SIMPLE(LightSpki, key, ASN1_BIT_STRING),
} ASN1_SEQUENCE_END(LightSpki)

ASN1_SEQUENCE(LightTbs) = {
    ASN1_EXP_OPT(LightTbs, version, ASN1_INTEGER, 0),
    ASN1_SIMPLE(LightTbs, serial, ASN1_INTEGER),
    ASN1_SIMPLE(LightTbs, signature, X509_ALGOR),
    ASN1_SIMPLE(LightTbs, issuer, X509_NAME),
    ASN1_SIMPLE(LightTbs, validity, X509_VAL),
    ASN1_SIMPLE(LightTbs, subject, X509_NAME),
    ASN1_SIMPLE(LightTbs, spki, LightSpki),
    ASN1_IMP_OPT(LightTbs, issuerUid, ASN1_BIT_STRING, 1),
    ASN1_IMP_OPT(LightTbs, subjectUid, ASN1_BIT_STRING, 2),
    ASN1_EXP_SEQUENCE_OF_OPT(LightTbs, extensions, X509_EXTENSION, 3),
} ASN1_SEQUENCE_END(LightTbs)

ASN1_SEQUENCE(LightCertificate) = {
    ASN1_SIMPLE(LightCertificate, tbs, LightTbs),
    ASN1_SIMPLE(LightCertificate, signatureAlgorithm, X509_ALGOR),
    ASN1_SIMPLE(LightCertificate, signature, ASN1_BIT_STRING),
} ASN1_SEQUENCE_END(LightCertificate)

struct LightCertificateFree
{
    void operator()(LightCertificate* c) const noexcept
    {
        ASN1_item_free(reinterpret_cast<ASN1_VALUE*>(c), ASN1_ITEM_rptr(LightCertificate));
    }
};
// clang-format on

}  // namespace

DistinguishedName describeName(const X509_NAME* name)
{
    return readName(name);
}

namespace {

// encoded: the bytes x was decoded from, when known. They are the certificate (and its thumbprint)
// as Windows sees it; OpenSSL re-encodes the signature fields (e.g. clears a BIT STRING's unused bits).
CertificateInfo describeEncoded(X509* x, std::span<const unsigned char> encoded)
{
    Parts parts;
    parts.version = X509_get_version(x);
    parts.serial = X509_get0_serialNumber(x);
    parts.issuer = X509_get_issuer_name(x);
    parts.subject = X509_get_subject_name(x);
    parts.notBefore = X509_get0_notBefore(x);
    parts.notAfter = X509_get0_notAfter(x);
    parts.extensions = X509_get0_extensions(x);
    X509_PUBKEY_get0_param(nullptr, nullptr, nullptr, const_cast<X509_ALGOR**>(&parts.keyAlgorithm),
                           X509_get_X509_PUBKEY(x));
    parts.publicKey = X509_get0_pubkey_bitstr(x);
    X509_get0_signature(nullptr, &parts.signatureAlgorithm, x);
    parts.decodeKey = [x] { return ossl::EvpPkeyPtr(X509_get_pubkey(x)); };
    unsigned char* der = nullptr;
    ossl::OsslBytes owner;
    if (encoded.empty()) {
        const int len = i2d_X509(x, &der);
        owner.reset(der);
        if (len > 0)
            encoded = std::span<const unsigned char>(der, static_cast<std::size_t>(len));
    }
    parts.der = encoded;
    ossl::clearErrors();
    return describeParts(parts);
}

}  // namespace

CertificateInfo describe(X509* x)
{
    return describeEncoded(x, {});
}

std::optional<CertificateInfo> describeDer(std::span<const std::byte> der)
{
    const auto* start = reinterpret_cast<const unsigned char*>(der.data());
    const unsigned char* p = start;
    std::unique_ptr<LightCertificate, LightCertificateFree> c(reinterpret_cast<LightCertificate*>(
        ASN1_item_d2i(nullptr, &p, static_cast<long>(der.size()), ASN1_ITEM_rptr(LightCertificate))));
    if (!c) {
        ossl::clearErrors();
        return std::nullopt;
    }
    const LightTbs& tbs = *c->tbs;
    Parts parts;
    parts.version = tbs.version ? ASN1_INTEGER_get(tbs.version) : 0;
    parts.serial = tbs.serial;
    parts.issuer = tbs.issuer;
    parts.subject = tbs.subject;
    parts.notBefore = tbs.validity->notBefore;
    parts.notAfter = tbs.validity->notAfter;
    parts.extensions = tbs.extensions;
    parts.keyAlgorithm = tbs.spki->algorithm;
    parts.publicKey = tbs.spki->key;
    parts.signatureAlgorithm = c->signatureAlgorithm;
    parts.der = std::span<const unsigned char>(start, static_cast<std::size_t>(p - start));
    parts.decodeKey = [spki = tbs.spki] {
        unsigned char* encoded = nullptr;
        const int len = ASN1_item_i2d(reinterpret_cast<const ASN1_VALUE*>(spki), &encoded, ASN1_ITEM_rptr(LightSpki));
        ossl::OsslBytes owner(encoded);
        const unsigned char* q = encoded;
        return ossl::EvpPkeyPtr(len > 0 ? d2i_PUBKEY(nullptr, &q, len) : nullptr);
    };
    return describeParts(parts);
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
    Certificate c;
    c.m_info = std::make_shared<const CertificateInfo>(describeEncoded(
        x.get(), std::span(reinterpret_cast<const unsigned char*>(der.data()),
                           static_cast<std::size_t>(p - reinterpret_cast<const unsigned char*>(der.data())))));
    c.m_x509 = std::shared_ptr<X509>(x.release(), X509_free);
    return c;
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

}  // namespace eascert::cert
