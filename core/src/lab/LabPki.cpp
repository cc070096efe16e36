#include "eascert/lab/LabPki.h"

#include <cstring>
#include <fstream>

#include <openssl/bn.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include "eascert/cert/Certificate.h"
#include "eascert/support/OpenSslError.h"
#include "eascert/support/OpenSslPtr.h"

namespace eascert::lab {

namespace {

std::unexpected<Error> sslFail(std::string_view what)
{
    return fail(ErrorCode::Internal, std::string(what) + ": " + ossl::drainErrors());
}

Result<void> addName(X509_NAME* name, const NameSpec& spec)
{
    for (const auto& rdn : spec) {
        for (std::size_t i = 0; i < rdn.size(); ++i) {
            const NameAttribute& a = rdn[i];
            const int set = i == 0 ? 0 : -1;  // 0: new RDN; -1: join the previous RDN
            if (a.rawBitString) {
                Bytes bits;
                if (!fromHex(a.value, bits))
                    return fail(ErrorCode::InvalidArgument, "bit string value is not hex: " + a.value);
                ossl::Asn1ObjectPtr obj(OBJ_txt2obj(a.type.c_str(), 0));
                if (!obj)
                    return sslFail("unknown attribute type " + a.type);
                ossl::X509NameEntryPtr ne(X509_NAME_ENTRY_create_by_OBJ(
                    nullptr, obj.get(), V_ASN1_BIT_STRING, reinterpret_cast<const unsigned char*>(bits.data()),
                    static_cast<int>(bits.size())));
                if (!ne)
                    return sslFail("name entry");
                if (!X509_NAME_add_entry(name, ne.get(), -1, set))  // adds a copy
                    return sslFail("add name entry");
                continue;
            }
            const int type = a.asn1Type == 0 ? MBSTRING_UTF8 : a.asn1Type;
            if (!X509_NAME_add_entry_by_txt(name, a.type.c_str(), type,
                                            reinterpret_cast<const unsigned char*>(a.value.data()),
                                            static_cast<int>(a.value.size()), -1, set))
                return sslFail("name attribute " + a.type);
        }
    }
    return {};
}

Result<void> addExtension(X509* cert, X509* issuer, int nid, const char* value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuer ? issuer : cert, cert, nullptr, nullptr, 0);
    ossl::X509ExtensionPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    if (!ext || !X509_add_ext(cert, ext.get(), -1))
        return sslFail(std::string("extension ") + OBJ_nid2sn(nid));
    return {};
}

// The other name oid = value; null when OpenSSL fails.
ossl::GeneralNamePtr otherName(const char* oid, ossl::Asn1TypePtr value)
{
    ossl::GeneralNamePtr gn(GENERAL_NAME_new());
    ossl::Asn1ObjectPtr obj(OBJ_txt2obj(oid, 1));
    if (!gn || !obj || !value || !GENERAL_NAME_set0_othername(gn.get(), obj.get(), value.get()))
        return nullptr;
    (void)obj.release();  // both owned by gn now
    (void)value.release();
    return gn;
}

ossl::Asn1TypePtr stringType(int type, const std::string& text)
{
    ossl::Asn1StringPtr s(ASN1_STRING_type_new(type));
    ossl::Asn1TypePtr t(ASN1_TYPE_new());
    if (!s || !t || !ASN1_STRING_set(s.get(), text.data(), static_cast<int>(text.size())))
        return nullptr;
    ASN1_TYPE_set(t.get(), type, s.release());
    return t;
}

ossl::GeneralNamePtr ia5Name(int genType, const std::string& text)
{
    ossl::GeneralNamePtr gn(GENERAL_NAME_new());
    ossl::Asn1StringPtr s(ASN1_IA5STRING_new());
    if (!gn || !s || !ASN1_STRING_set(s.get(), text.data(), static_cast<int>(text.size())))
        return nullptr;
    GENERAL_NAME_set0_value(gn.get(), genType, s.release());
    return gn;
}

// Adds gn to names, which then owns it; false (gn freed) when it is null or cannot be added.
bool pushName(GENERAL_NAMES* names, ossl::GeneralNamePtr gn)
{
    if (!gn || sk_GENERAL_NAME_push(names, gn.get()) <= 0)
        return false;
    (void)gn.release();
    return true;
}

Result<void> addSubjectAltNames(X509* cert, const CertificateSpec& spec)
{
    ossl::GeneralNamesPtr names(GENERAL_NAMES_new());
    const auto push = [&](ossl::GeneralNamePtr gn) { return pushName(names.get(), std::move(gn)); };
    for (const auto& upn : spec.upns)
        if (!push(otherName(std::string(cert::kOidUpn).c_str(), stringType(V_ASN1_UTF8STRING, upn))))
            return sslFail("UPN SAN");
    for (const auto& e : spec.emails)
        if (!push(ia5Name(GEN_EMAIL, e)))
            return sslFail("rfc822 SAN");
    for (const auto& d : spec.serverNames)
        if (!push(ia5Name(GEN_DNS, d)))
            return sslFail("DNS SAN");
    for (const auto& ip : spec.ipAddresses) {
        ossl::Asn1OctetStringPtr bytes(a2i_IPADDRESS(ip.c_str()));
        ossl::GeneralNamePtr gn(bytes ? GENERAL_NAME_new() : nullptr);
        if (!gn)
            return sslFail("IP SAN " + ip);
        GENERAL_NAME_set0_value(gn.get(), GEN_IPADD, bytes.release());
        if (!push(std::move(gn)))
            return sslFail("IP SAN");
    }
    for (const auto& u : spec.uris)
        if (!push(ia5Name(GEN_URI, u)))
            return sslFail("URI SAN");
    if (sk_GENERAL_NAME_num(names.get()) == 0)
        return {};
    if (!X509_add1_ext_i2d(cert, NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT))
        return sslFail("SAN extension");
    return {};
}

Result<void> addSidExtension(X509* cert, const std::string& sid)
{
    ossl::GeneralNamesPtr names(GENERAL_NAMES_new());
    if (!pushName(names.get(),
                  otherName(std::string(cert::kOidSidOtherName).c_str(), stringType(V_ASN1_OCTET_STRING, sid))))
        return sslFail("SID other name");
    unsigned char* der = nullptr;
    const int len = i2d_GENERAL_NAMES(names.get(), &der);
    ossl::OsslBytes owner(der);
    ossl::Asn1OctetStringPtr data(ASN1_OCTET_STRING_new());
    ossl::Asn1ObjectPtr oid(OBJ_txt2obj(std::string(cert::kOidSidExtension).c_str(), 1));
    if (len <= 0 || !data || !oid || !ASN1_OCTET_STRING_set(data.get(), der, len))
        return sslFail("SID extension");
    ossl::X509ExtensionPtr ext(X509_EXTENSION_create_by_OBJ(nullptr, oid.get(), 0, data.get()));
    if (!ext || !X509_add_ext(cert, ext.get(), -1))
        return sslFail("SID extension");
    return {};
}

ossl::EvpPkeyPtr generateKey(LabKeyType type)
{
    if (type == LabKeyType::Rsa2048)
        return ossl::EvpPkeyPtr(EVP_RSA_gen(2048));
    return ossl::EvpPkeyPtr(EVP_EC_gen("P-256"));
}

std::string bioText(BIO* bio)
{
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return len > 0 ? std::string(data, static_cast<std::size_t>(len)) : std::string();
}

std::string randomPassword()
{
    static constexpr char alphabet[] = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";
    unsigned char raw[20];
    if (RAND_bytes(raw, sizeof raw) != 1)
        return "lab-password";
    std::string out;
    for (unsigned char c : raw)
        out += alphabet[c % (sizeof alphabet - 1)];
    return out;
}

}  // namespace

Bytes IssuedCertificate::der() const
{
    unsigned char* der = nullptr;
    const int len = i2d_X509(m_cert.get(), &der);
    ossl::OsslBytes owner(der);
    return len > 0 ? toBytes(der, static_cast<std::size_t>(len)) : Bytes{};
}

std::string IssuedCertificate::pem() const
{
    ossl::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || !PEM_write_bio_X509(bio.get(), m_cert.get()))
        return {};
    return bioText(bio.get());
}

std::string IssuedCertificate::privateKeyPem(const std::string* password) const
{
    ossl::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio)
        return {};
    const EVP_CIPHER* cipher = password ? EVP_aes_256_cbc() : nullptr;
    const auto* pass = password ? reinterpret_cast<const unsigned char*>(password->data()) : nullptr;
    const int passLen = password ? static_cast<int>(password->size()) : 0;
    if (!PEM_write_bio_PKCS8PrivateKey(bio.get(), m_key.get(), cipher, reinterpret_cast<const char*>(pass), passLen,
                                       nullptr, nullptr))
        return {};
    return bioText(bio.get());
}

Result<IssuedCertificate> issue(const CertificateSpec& spec, const IssuedCertificate* issuer)
{
    ossl::EvpPkeyPtr key = generateKey(spec.keyType);
    ossl::X509Ptr cert(X509_new());
    if (!key || !cert)
        return sslFail("key generation");
    X509_set_version(cert.get(), X509_VERSION_3);

    Bytes serial = spec.serialMagnitude;
    if (serial.empty()) {
        serial.resize(16);
        RAND_bytes(reinterpret_cast<unsigned char*>(serial.data()), 16);
        serial[0] &= std::byte{0x3F};
        serial[0] |= std::byte{0x10};
    }
    ossl::BignumPtr bn(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(serial.data()), static_cast<int>(serial.size()), nullptr));
    ossl::Asn1IntegerPtr serialInt(bn ? BN_to_ASN1_INTEGER(bn.get(), nullptr) : nullptr);
    if (!serialInt || !X509_set_serialNumber(cert.get(), serialInt.get()))
        return sslFail("serial");

    if (auto r = addName(X509_get_subject_name(cert.get()), spec.subject); !r)
        return std::unexpected(r.error());
    if (!X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer->certificate())
                                                 : X509_get_subject_name(cert.get())))
        return sslFail("issuer name");
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), static_cast<long>(spec.notBeforeOffset.count()));
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(spec.notAfterOffset.count()));
    if (!X509_set_pubkey(cert.get(), key.get()))
        return sslFail("public key");

    X509* issuerCert = issuer ? issuer->certificate() : nullptr;
    const auto ext = [&](int nid, const char* value) { return addExtension(cert.get(), issuerCert, nid, value); };
    Result<void> r = ext(NID_basic_constraints, spec.ca ? "critical,CA:TRUE" : "CA:FALSE");
    if (r)
        r = ext(NID_key_usage, spec.ca ? "critical,keyCertSign,cRLSign,digitalSignature"
                                       : "critical,digitalSignature,keyEncipherment");
    if (r && spec.subjectKeyId)
        r = ext(NID_subject_key_identifier, "hash");
    if (r && issuerCert && X509_get0_subject_key_id(issuerCert))
        r = ext(NID_authority_key_identifier, "keyid:always");
    if (r && !spec.ca) {
        std::string eku = spec.clientAuth ? "clientAuth" : "emailProtection";
        if (!spec.serverNames.empty() || !spec.ipAddresses.empty())
            eku = spec.clientAuth ? "serverAuth,clientAuth" : "serverAuth";
        r = ext(NID_ext_key_usage, eku.c_str());
    }
    if (r)
        r = addSubjectAltNames(cert.get(), spec);
    if (r && spec.sidExtension)
        r = addSidExtension(cert.get(), *spec.sidExtension);
    if (!r)
        return std::unexpected(r.error());

    EVP_PKEY* signer = issuer ? issuer->key() : key.get();
    if (X509_sign(cert.get(), signer, EVP_sha256()) <= 0)
        return sslFail("sign");

    IssuedCertificate out;
    out.m_cert = std::shared_ptr<X509>(cert.release(), X509_free);
    out.m_key = std::shared_ptr<EVP_PKEY>(key.release(), EVP_PKEY_free);
    return out;
}

Result<Bytes> pkcs12(const IssuedCertificate& leaf, const std::vector<const IssuedCertificate*>& chain,
                     const Pkcs12Spec& spec)
{
    if (spec.encryption == Pkcs12Encryption::Legacy && !ossl::ensureLegacyProvider())
        return fail(ErrorCode::UnsupportedAlgorithm, "the OpenSSL legacy provider is not available");
    ossl::X509StackPtr ca(sk_X509_new_null());
    for (const auto* c : chain) {
        if (!ca || !sk_X509_push(ca.get(), c->certificate()))
            return sslFail("chain");
        X509_up_ref(c->certificate());
    }
    int nidKey = NID_aes_256_cbc;
    int nidCert = NID_aes_256_cbc;
    if (spec.encryption == Pkcs12Encryption::Legacy) {
        nidKey = NID_pbe_WithSHA1And3_Key_TripleDES_CBC;
        nidCert = NID_pbe_WithSHA1And40BitRC2_CBC;
    } else if (spec.encryption == Pkcs12Encryption::None) {
        nidKey = -1;
        nidCert = -1;
    }
    const char* pass = nullptr;
    if (spec.passwordKind == Pkcs12Password::Given)
        pass = spec.password.c_str();
    else if (spec.passwordKind == Pkcs12Password::Empty)
        pass = "";
    ossl::Pkcs12Ptr p12(PKCS12_create(pass, spec.friendlyName.c_str(), spec.includeKey ? leaf.key() : nullptr,
                                      leaf.certificate(), ca.get(), nidKey, nidCert, 0, spec.mac ? 0 : -1, 0));
    if (!p12)
        return sslFail("PKCS#12");
    if (spec.mac && spec.encryption == Pkcs12Encryption::Legacy) {
        // Older Windows exports use a SHA-1 MAC.
        if (!PKCS12_set_mac(p12.get(), pass, pass ? -1 : 0, nullptr, 0, 2048, EVP_sha1()))
            return sslFail("PKCS#12 MAC");
    }
    unsigned char* der = nullptr;
    const int len = i2d_PKCS12(p12.get(), &der);
    ossl::OsslBytes owner(der);
    if (len <= 0)
        return sslFail("PKCS#12 encoding");
    return toBytes(der, static_cast<std::size_t>(len));
}

Result<Bytes> pkcs7(const std::vector<const IssuedCertificate*>& certificates)
{
    ossl::Pkcs7Ptr p7(PKCS7_new());
    if (!p7 || !PKCS7_set_type(p7.get(), NID_pkcs7_signed) || !PKCS7_content_new(p7.get(), NID_pkcs7_data))
        return sslFail("PKCS#7");
    for (const auto* c : certificates)
        if (!PKCS7_add_certificate(p7.get(), c->certificate()))
            return sslFail("PKCS#7 certificate");
    unsigned char* der = nullptr;
    const int len = i2d_PKCS7(p7.get(), &der);
    ossl::OsslBytes owner(der);
    if (len <= 0)
        return sslFail("PKCS#7 encoding");
    return toBytes(der, static_cast<std::size_t>(len));
}

Result<LabFiles> writeDemoPki(const std::filesystem::path& folder)
{
    CertificateSpec caSpec;
    caSpec.subject = {{{"DC", "test"}}, {{"DC", "contoso"}}, {{"CN", "Contoso Standalone CA"}}};
    caSpec.ca = true;
    caSpec.keyType = LabKeyType::Rsa2048;
    caSpec.notAfterOffset = std::chrono::hours(24 * 365 * 5);
    auto ca = issue(caSpec);
    if (!ca)
        return std::unexpected(ca.error());

    CertificateSpec user;
    user.subject = {{{"C", "US"}}, {{"O", "Contoso, Inc."}}, {{"CN", "usertest1"}}};
    user.emails = {"usertest1@contoso.test"};
    user.keyType = LabKeyType::Rsa2048;
    auto leaf = issue(user, &*ca);
    if (!leaf)
        return std::unexpected(leaf.error());
    auto renewed = issue(user, &*ca);
    if (!renewed)
        return std::unexpected(renewed.error());

    CertificateSpec server;
    server.subject = {{{"CN", "dc1.contoso.test"}}};
    server.serverNames = {"localhost", "dc1.contoso.test", "eas.contoso.test"};
    server.ipAddresses = {"127.0.0.1", "::1"};
    server.clientAuth = false;
    server.keyType = LabKeyType::Rsa2048;
    auto serverCert = issue(server, &*ca);
    if (!serverCert)
        return std::unexpected(serverCert.error());

    LabFiles files;
    files.caPem = folder / "contoso-ca.pem";
    files.serverCertificatePem = folder / "server.pem";
    files.serverKeyPem = folder / "server.key";
    files.caCertificate = folder / "contoso-ca.cer";
    files.userPfx = folder / "usertest1.pfx";
    files.userPfxPassword = folder / "usertest1.pfx.password";
    files.userCertificate = folder / "usertest1.cer";
    files.renewedUserCertificate = folder / "usertest1-renewed.cer";
    files.chainP7b = folder / "contoso-chain.p7b";

    Pkcs12Spec p12Spec;
    p12Spec.password = randomPassword();
    auto pfx = pkcs12(*leaf, {&*ca}, p12Spec);
    auto p7b = pkcs7({&*ca, &*leaf});
    if (!pfx)
        return std::unexpected(pfx.error());
    if (!p7b)
        return std::unexpected(p7b.error());
    for (const auto& [path, data, secret] : {
             std::tuple{files.caCertificate, ca->der(), false},
             std::tuple{files.userCertificate, leaf->der(), false},
             std::tuple{files.renewedUserCertificate, renewed->der(), false},
             std::tuple{files.userPfx, *pfx, true},
             std::tuple{files.chainP7b, *p7b, false},
         }) {
        if (auto w = writeFile(path, data, secret); !w)
            return std::unexpected(w.error());
    }
    if (auto w = writeFile(files.userPfxPassword, p12Spec.password + "\n", true); !w)
        return std::unexpected(w.error());
    for (const auto& [path, text, secret] : {
             std::tuple{files.caPem, ca->pem(), false},
             std::tuple{files.serverCertificatePem, serverCert->pem(), false},
             std::tuple{files.serverKeyPem, serverCert->privateKeyPem(), true},
         }) {
        if (auto w = writeFile(path, text, secret); !w)
            return std::unexpected(w.error());
    }
    return files;
}

}  // namespace eascert::lab
