#include "eascert/cert/CertificateLoader.h"
#include "eascert/support/File.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include <openssl/err.h>
#include <openssl/pem.h>

#include "CertificateSelection.h"
#include "eascert/support/Log.h"
#include "eascert/support/OpenSslError.h"
#include "eascert/support/OpenSslPtr.h"
#include "eascert/support/Path.h"

namespace eascert::cert {

namespace {

using detail::Candidate;

enum class DerShape
{
    NotDer,
    Truncated,
    Complete,
    TrailingData
};

// Looks at the outermost DER header only: is this a SEQUENCE whose length fits the data?
DerShape derShape(std::span<const std::byte> data)
{
    if (data.empty() || std::to_integer<unsigned>(data[0]) != 0x30)
        return DerShape::NotDer;
    const auto* start = reinterpret_cast<const unsigned char*>(data.data());
    const unsigned char* p = start;
    long len = 0;
    int tag = 0;
    int cls = 0;
    const int rc = ASN1_get_object(&p, &len, &tag, &cls, static_cast<long>(data.size()));
    const unsigned long err = ERR_peek_last_error();
    ossl::clearErrors();
    if (rc & 0x80) {
        // Header parsed but the content runs past the end: a cut-off file.
        if (ERR_GET_REASON(err) == ASN1_R_TOO_LONG || ERR_GET_REASON(err) == ASN1_R_HEADER_TOO_LONG)
            return DerShape::Truncated;
        return DerShape::NotDer;
    }
    const auto total = static_cast<std::size_t>(p - start) + static_cast<std::size_t>(len);
    return total == data.size() ? DerShape::Complete : DerShape::TrailingData;
}

bool looksLikePem(std::span<const std::byte> data)
{
    static constexpr std::string_view marker = "-----BEGIN ";
    const std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
    return text.find(marker) != std::string_view::npos;
}

int passwordCallback(char* buf, int size, int /*rwflag*/, void* user)
{
    const auto* secret = static_cast<const Secret*>(user);
    if (!secret || size <= 0)
        return -1;
    const auto n = std::min<std::size_t>(secret->size(), static_cast<std::size_t>(size));
    std::memcpy(buf, secret->c_str(), n);
    return static_cast<int>(n);
}

bool lastErrorIsBadDecrypt(unsigned long err)
{
    const int reason = ERR_GET_REASON(err);
    return reason == EVP_R_BAD_DECRYPT || reason == PEM_R_BAD_DECRYPT || reason == PEM_R_BAD_PASSWORD_READ ||
           reason == PKCS12_R_PKCS12_CIPHERFINAL_ERROR || reason == PKCS12_R_DECODE_ERROR;
}

void addCertificate(std::vector<Candidate>& out, X509* x)
{
    if (x)
        out.push_back(Candidate{ossl::upRef(x)});
}

Result<LoadedCertificate> finish(SourceFormat format, std::vector<Candidate> certs, ossl::EvpPkeyPtr key,
                                 bool passwordProtected)
{
    if (certs.empty())
        return fail(ErrorCode::NoCertificate, key ? "the file holds a private key but no certificate" : "");
    auto loaded = detail::selectClientCertificate(std::move(certs), key.get());
    if (!loaded)
        return std::unexpected(loaded.error());
    loaded->format = format;
    loaded->passwordProtected = passwordProtected;
    if (key) {
        loaded->hasPrivateKey = true;
        loaded->privateKey = std::shared_ptr<EVP_PKEY>(key.release(), EVP_PKEY_free);
    }
    log()->debug("loaded {} certificate(s) as {}; chose by rule {}", loaded->certificateCount, sourceFormatId(format),
                 selectionRuleId(loaded->rule));
    return loaded;
}

Result<LoadedCertificate> loadPkcs12(std::span<const std::byte> data, const LoadOptions& options)
{
    ossl::ensureLegacyProvider();
    ossl::clearErrors();
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    ossl::Pkcs12Ptr p12(d2i_PKCS12(nullptr, &p, static_cast<long>(data.size())));
    if (!p12)
        return fail(ErrorCode::CorruptData, "PKCS#12: " + ossl::drainErrors());

    // Which password opens it? Given one first; with none given, Windows' "no password" exports
    // use either an empty or an absent (NULL) password: try both.
    const char* chosen = nullptr;
    bool opened = false;
    std::vector<const char*> attempts;
    if (options.password) {
        attempts.push_back(options.password->c_str());
        if (options.password->empty())
            attempts.push_back(nullptr);
    } else {
        attempts = {"", nullptr};
    }
    if (!PKCS12_mac_present(p12.get())) {
        opened = true;  // no integrity password; decryption below tells whether the password fits
        chosen = attempts.front();
    } else {
        for (const char* pw : attempts) {
            if (PKCS12_verify_mac(p12.get(), pw, pw ? -1 : 0) == 1) {
                chosen = pw;
                opened = true;
                break;
            }
        }
    }
    ossl::clearErrors();
    if (!opened)
        return fail(options.password ? ErrorCode::WrongPassword : ErrorCode::PasswordRequired);

    EVP_PKEY* rawKey = nullptr;
    X509* rawCert = nullptr;
    STACK_OF(X509)* rawCa = nullptr;
    if (PKCS12_parse(p12.get(), chosen, &rawKey, &rawCert, &rawCa) != 1) {
        const unsigned long err = ERR_peek_last_error();
        const std::string detail = ossl::drainErrors();
        if (ERR_GET_REASON(err) == ERR_R_UNSUPPORTED || ERR_GET_REASON(err) == EVP_R_UNSUPPORTED_ALGORITHM)
            return fail(ErrorCode::UnsupportedAlgorithm, detail);
        if (!PKCS12_mac_present(p12.get()) && lastErrorIsBadDecrypt(err))
            return fail(options.password ? ErrorCode::WrongPassword : ErrorCode::PasswordRequired, detail);
        return fail(ErrorCode::CorruptData, "PKCS#12: " + detail);
    }
    ossl::EvpPkeyPtr key(rawKey);
    ossl::X509Ptr cert(rawCert);
    ossl::X509StackPtr ca(rawCa);

    std::vector<Candidate> certs;
    addCertificate(certs, cert.get());
    for (int i = 0; ca && i < sk_X509_num(ca.get()); ++i)
        addCertificate(certs, sk_X509_value(ca.get(), i));
    return finish(SourceFormat::Pkcs12, std::move(certs), std::move(key), chosen && *chosen);
}

void addPkcs7Certificates(const PKCS7* p7, std::vector<Candidate>& out)
{
    const STACK_OF(X509)* stack = nullptr;
    const int type = OBJ_obj2nid(p7->type);
    if (type == NID_pkcs7_signed && p7->d.sign)
        stack = p7->d.sign->cert;
    else if (type == NID_pkcs7_signedAndEnveloped && p7->d.signed_and_enveloped)
        stack = p7->d.signed_and_enveloped->cert;
    for (int i = 0; stack && i < sk_X509_num(stack); ++i)
        addCertificate(out, sk_X509_value(stack, i));
}

Result<LoadedCertificate> loadPkcs7Der(std::span<const std::byte> data)
{
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    ossl::Pkcs7Ptr p7(d2i_PKCS7(nullptr, &p, static_cast<long>(data.size())));
    if (!p7)
        return fail(ErrorCode::CorruptData, "PKCS#7: " + ossl::drainErrors());
    std::vector<Candidate> certs;
    addPkcs7Certificates(p7.get(), certs);
    return finish(SourceFormat::Pkcs7, std::move(certs), nullptr, false);
}

struct PemBlock
{
    std::string name;
    std::string header;
    Bytes data;
};

Result<LoadedCertificate> loadPem(std::span<const std::byte> input, const LoadOptions& options)
{
    ossl::BioPtr bio(BIO_new_mem_buf(input.data(), static_cast<int>(input.size())));
    if (!bio)
        return fail(ErrorCode::Internal, ossl::drainErrors());

    std::vector<Candidate> certs;
    ossl::EvpPkeyPtr key;
    bool keyEncrypted = false;
    int blocks = 0;
    for (;;) {
        char* name = nullptr;
        char* header = nullptr;
        unsigned char* data = nullptr;
        long len = 0;
        if (PEM_read_bio(bio.get(), &name, &header, &data, &len) != 1) {
            const unsigned long err = ERR_peek_last_error();
            const std::string detail = ossl::drainErrors();
            if (ERR_GET_REASON(err) == PEM_R_NO_START_LINE)
                break;  // end of input
            return fail(ErrorCode::CorruptData, "PEM block " + std::to_string(blocks + 1) + ": " + detail);
        }
        ossl::OsslString nameOwner(name);
        ossl::OsslString headerOwner(header);
        ossl::OsslBytes dataOwner(data);
        ++blocks;
        const std::string_view type(name);
        const unsigned char* p = data;
        if (type == "CERTIFICATE" || type == "X509 CERTIFICATE") {
            ossl::X509Ptr x(d2i_X509(nullptr, &p, len));
            if (!x)
                return fail(ErrorCode::CorruptData, "PEM certificate: " + ossl::drainErrors());
            addCertificate(certs, x.get());
        } else if (type == "TRUSTED CERTIFICATE") {
            ossl::X509Ptr x(d2i_X509_AUX(nullptr, &p, len));
            if (!x)
                return fail(ErrorCode::CorruptData, "PEM certificate: " + ossl::drainErrors());
            addCertificate(certs, x.get());
        } else if (type == "PKCS7") {
            ossl::Pkcs7Ptr p7(d2i_PKCS7(nullptr, &p, len));
            if (!p7)
                return fail(ErrorCode::CorruptData, "PEM PKCS#7: " + ossl::drainErrors());
            addPkcs7Certificates(p7.get(), certs);
        } else if (type.find("PRIVATE KEY") != std::string_view::npos && !key) {
            // Re-wrap the block and let OpenSSL decode any key format (PKCS#8, traditional, encrypted).
            ossl::BioPtr one(BIO_new(BIO_s_mem()));
            if (!one || PEM_write_bio(one.get(), name, header, data, len) <= 0)
                return fail(ErrorCode::Internal, ossl::drainErrors());
            keyEncrypted =
                type == "ENCRYPTED PRIVATE KEY" || std::string_view(header).find("ENCRYPTED") != std::string_view::npos;
            key.reset(
                PEM_read_bio_PrivateKey(one.get(), nullptr, passwordCallback, const_cast<Secret*>(options.password)));
            if (!key) {
                const unsigned long err = ERR_peek_last_error();
                const std::string detail = ossl::drainErrors();
                if (keyEncrypted && !options.password)
                    return fail(ErrorCode::PasswordRequired, "the PEM private key is encrypted");
                if (keyEncrypted || lastErrorIsBadDecrypt(err))
                    return fail(ErrorCode::WrongPassword, detail);
                return fail(ErrorCode::CorruptData, "PEM private key: " + detail);
            }
        }
        // Other blocks (CRLs, requests, parameters) are not ours to read: skip them.
    }
    if (blocks == 0)
        return fail(ErrorCode::CorruptData, "no complete PEM block (-----BEGIN/-----END) was found");
    return finish(SourceFormat::PemText, std::move(certs), std::move(key), keyEncrypted);
}

}  // namespace

const Certificate* LoadedCertificate::issuer() const
{
    if (chain.empty())
        return nullptr;
    const auto& first = chain.front();
    return X509_check_issued(first.native(), certificate.native()) == X509_V_OK ? &first : nullptr;
}

std::vector<CertificateInfo> LoadedCertificate::chainInfo() const
{
    std::vector<CertificateInfo> out;
    for (const auto& c : chain)
        out.push_back(c.info());
    return out;
}

Result<LoadedCertificate> loadCertificate(std::span<const std::byte> data, const LoadOptions& options)
{
    if (data.empty())
        return fail(ErrorCode::EmptyFile);
    if (data.size() > options.maxFileBytes)
        return fail(ErrorCode::FileTooLarge, std::to_string(data.size()) + " bytes");
    if (data.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        return fail(ErrorCode::FileTooLarge);
    ossl::clearErrors();

    if (looksLikePem(data))
        return loadPem(data, options);

    switch (derShape(data)) {
    case DerShape::NotDer: return fail(ErrorCode::UnrecognizedFormat);
    case DerShape::Truncated:
        return fail(ErrorCode::CorruptData, "the DER data ends before its declared length (truncated file?)");
    case DerShape::TrailingData:
    case DerShape::Complete: break;
    }

    // A bare certificate is the most common DER file (.cer). Then PKCS#12, then PKCS#7.
    {
        const auto* p = reinterpret_cast<const unsigned char*>(data.data());
        ossl::X509Ptr x(d2i_X509(nullptr, &p, static_cast<long>(data.size())));
        if (x) {
            std::vector<Candidate> certs;
            addCertificate(certs, x.get());
            return finish(SourceFormat::DerCertificate, std::move(certs), nullptr, false);
        }
        ossl::clearErrors();
    }
    {
        const auto* p = reinterpret_cast<const unsigned char*>(data.data());
        ossl::Pkcs12Ptr p12(d2i_PKCS12(nullptr, &p, static_cast<long>(data.size())));
        ossl::clearErrors();
        if (p12)
            return loadPkcs12(data, options);
    }
    {
        const auto* p = reinterpret_cast<const unsigned char*>(data.data());
        ossl::Pkcs7Ptr p7(d2i_PKCS7(nullptr, &p, static_cast<long>(data.size())));
        ossl::clearErrors();
        if (p7)
            return loadPkcs7Der(data);
    }
    return fail(ErrorCode::UnrecognizedFormat, "DER data that is not a certificate, PKCS#12 or PKCS#7");
}

Result<LoadedCertificate> loadCertificateFile(const std::filesystem::path& path, const LoadOptions& options)
{
    auto bytes = readFile(path, options.maxFileBytes);
    if (!bytes)
        return std::unexpected(bytes.error());
    auto result = loadCertificate(std::as_bytes(std::span(*bytes)), options);
    if (!result && result.error().detail.empty())
        result.error().detail = utf8Path(path);
    return result;
}

Result<LoadedCertificate> loadFromStoreKey(std::span<const std::byte> certificateDer,
                                           std::span<const std::byte> privateKeyBlob)
{
    ossl::clearErrors();
    const auto* p = reinterpret_cast<const unsigned char*>(certificateDer.data());
    ossl::X509Ptr x(d2i_X509(nullptr, &p, static_cast<long>(certificateDer.size())));
    if (!x)
        return fail(ErrorCode::CorruptData, "certificate from the Windows store: " + ossl::drainErrors());
    const auto* k = reinterpret_cast<const unsigned char*>(privateKeyBlob.data());
    ossl::EvpPkeyPtr key(b2i_PrivateKey(&k, static_cast<long>(privateKeyBlob.size())));
    if (!key)
        return fail(ErrorCode::UnsupportedAlgorithm,
                    "key from the Windows store (not an RSA PRIVATEKEYBLOB): " + ossl::drainErrors());
    if (X509_check_private_key(x.get(), key.get()) != 1) {
        ossl::clearErrors();
        return fail(ErrorCode::CorruptData,
                    "the key exported from the Windows store does not belong to the certificate");
    }
    std::vector<Candidate> certs;
    addCertificate(certs, x.get());
    return finish(SourceFormat::WindowsStore, std::move(certs), std::move(key), false);
}

std::string_view sourceFormatId(SourceFormat f)
{
    switch (f) {
    case SourceFormat::PemText: return "pem";
    case SourceFormat::DerCertificate: return "der";
    case SourceFormat::Pkcs12: return "pkcs12";
    case SourceFormat::Pkcs7: return "pkcs7";
    case SourceFormat::WindowsStore: return "windows-store";
    }
    return "der";
}

std::string_view selectionRuleId(SelectionRule r)
{
    switch (r) {
    case SelectionRule::OnlyCertificate: return "only-certificate";
    case SelectionRule::MatchesPrivateKey: return "matches-private-key";
    case SelectionRule::OnlyEndEntity: return "only-end-entity";
    case SelectionRule::ClientAuthEndEntity: return "client-auth-end-entity";
    case SelectionRule::FirstEndEntity: return "first-end-entity";
    }
    return "only-certificate";
}

}  // namespace eascert::cert
