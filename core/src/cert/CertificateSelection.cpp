#include "CertificateSelection.h"

#include <openssl/x509v3.h>

#include "eascert/support/OpenSslError.h"

namespace eascert::cert::detail {

namespace {

bool issuesAnother(const std::vector<Candidate>& certs, std::size_t i)
{
    for (std::size_t j = 0; j < certs.size(); ++j) {
        if (j == i)
            continue;
        if (X509_check_issued(certs[i].x509.get(), certs[j].x509.get()) == X509_V_OK)
            return true;
    }
    return false;
}

bool explicitClientAuth(X509* x)
{
    return (X509_get_extension_flags(x) & EXFLAG_XKUSAGE) && (X509_get_extended_key_usage(x) & XKU_SSL_CLIENT);
}

}  // namespace

Result<LoadedCertificate> selectClientCertificate(std::vector<Candidate> certs, EVP_PKEY* key)
{
    LoadedCertificate out;
    out.certificateCount = certs.size();
    std::optional<std::size_t> chosen;

    if (key) {
        for (std::size_t i = 0; i < certs.size() && !chosen; ++i) {
            if (X509_check_private_key(certs[i].x509.get(), key) == 1)
                chosen = i;
        }
        ossl::clearErrors();
        if (chosen) {
            out.privateKeyMatches = true;
            out.rule = certs.size() == 1 ? SelectionRule::OnlyCertificate : SelectionRule::MatchesPrivateKey;
        }
    }

    // End-entity candidates: not a CA, and not the issuer of another certificate in the file.
    std::vector<std::size_t> leaves;
    for (std::size_t i = 0; i < certs.size(); ++i) {
        const bool ca = (X509_get_extension_flags(certs[i].x509.get()) & EXFLAG_CA) != 0;
        if (!ca && !issuesAnother(certs, i))
            leaves.push_back(i);
    }
    if (leaves.empty()) {  // only CA certificates: the ones at the bottom of a chain
        for (std::size_t i = 0; i < certs.size(); ++i)
            if (!issuesAnother(certs, i))
                leaves.push_back(i);
    }
    if (leaves.empty())  // a cycle of cross-signed certificates: take file order
        leaves.push_back(0);
    out.endEntityCandidates = leaves.size();

    if (!chosen) {
        if (certs.size() == 1) {
            chosen = 0;
            out.rule = SelectionRule::OnlyCertificate;
        } else if (leaves.size() == 1) {
            chosen = leaves.front();
            out.rule = SelectionRule::OnlyEndEntity;
        } else {
            std::vector<std::size_t> clientAuth;
            for (std::size_t i : leaves)
                if (explicitClientAuth(certs[i].x509.get()))
                    clientAuth.push_back(i);
            if (clientAuth.size() == 1) {
                chosen = clientAuth.front();
                out.rule = SelectionRule::ClientAuthEndEntity;
            } else {
                chosen = clientAuth.empty() ? leaves.front() : clientAuth.front();
                out.rule = SelectionRule::FirstEndEntity;
            }
        }
    }

    auto leaf = Certificate::fromX509(certs[*chosen].x509.get());
    if (!leaf)
        return fail(ErrorCode::Internal, "cannot read the chosen certificate");
    out.certificate = std::move(*leaf);

    // Chain: walk issuers upward, then whatever is left in file order.
    std::vector<bool> used(certs.size(), false);
    used[*chosen] = true;
    X509* current = certs[*chosen].x509.get();
    for (bool found = true; found;) {
        found = false;
        for (std::size_t i = 0; i < certs.size(); ++i) {
            if (used[i] || X509_check_issued(certs[i].x509.get(), current) != X509_V_OK)
                continue;
            used[i] = true;
            out.chain.push_back(*Certificate::fromX509(certs[i].x509.get()));
            current = certs[i].x509.get();
            found = true;
            break;
        }
    }
    for (std::size_t i = 0; i < certs.size(); ++i)
        if (!used[i])
            out.chain.push_back(*Certificate::fromX509(certs[i].x509.get()));
    ossl::clearErrors();
    return out;
}

}  // namespace eascert::cert::detail
