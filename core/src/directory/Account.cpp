#include "eascert/directory/Account.h"

#include <charconv>

#include "eascert/mapping/Mapping.h"
#include "eascert/mapping/WindowsName.h"
#include "eascert/support/Text.h"

namespace eascert::directory {

const std::vector<std::string>& accountAttributes()
{
    static const std::vector<std::string> attrs = {
        "sAMAccountName", "userPrincipalName",  "mail",        "altSecurityIdentities", "userCertificate",
        "objectSid",      "userAccountControl", "whenCreated",
    };
    return attrs;
}

std::string sidToString(std::string_view b)
{
    if (b.size() < 8)
        return {};
    const auto byte = [&](std::size_t i) { return static_cast<std::uint64_t>(static_cast<unsigned char>(b[i])); };
    const std::size_t count = byte(1);
    if (b.size() < 8 + 4 * count)
        return {};
    std::uint64_t authority = 0;
    for (std::size_t i = 2; i < 8; ++i)
        authority = (authority << 8) | byte(i);
    std::string out = "S-" + std::to_string(byte(0)) + "-" + std::to_string(authority);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t o = 8 + 4 * i;
        const std::uint64_t sub = byte(o) | (byte(o + 1) << 8) | (byte(o + 2) << 16) | (byte(o + 3) << 24);
        out += "-" + std::to_string(sub);
    }
    return out;
}

Account accountFromEntry(const Entry& e)
{
    Account a;
    a.dn = e.dn;
    a.samAccountName = e.first("sAMAccountName");
    a.userPrincipalName = e.first("userPrincipalName");
    a.mail = e.first("mail");
    a.altSecurityIdentities = e.values("altSecurityIdentities");
    a.userCertificates = e.values("userCertificate");
    const std::string sid = e.first("objectSid");
    a.sid = sid.starts_with("S-") ? sid : sidToString(sid);  // LDIF exports may hold the text form
    const std::string uac = e.first("userAccountControl");
    std::uint32_t value = 0;
    std::from_chars(uac.data(), uac.data() + uac.size(), value);
    a.userAccountControl = value;
    a.whenCreated = e.first("whenCreated");
    return a;
}

namespace {

Result<std::vector<Account>> searchAccounts(Directory& directory, const std::string& base, Filter filter)
{
    SearchRequest request;
    request.base = base;
    request.filter = Filter::all({Filter::equals("objectClass", "user"), std::move(filter)});
    request.attributes = accountAttributes();
    auto entries = searchAll(directory, request, 1000);
    if (!entries)
        return std::unexpected(entries.error());
    std::vector<Account> out;
    for (const auto& e : *entries)
        out.push_back(accountFromEntry(e));
    return out;
}

bool looksLikeDn(std::string_view s)
{
    return s.find('=') != std::string_view::npos && s.find(',') != std::string_view::npos;
}

}  // namespace

Result<AccountLookup> findAccount(Directory& directory, const std::string& base, const std::optional<std::string>& user,
                                  const cert::CertificateInfo& certificate)
{
    AccountLookup lookup;
    if (user) {
        lookup.query = *user;
        Result<std::vector<Account>> found;
        if (looksLikeDn(*user)) {
            lookup.rule = FoundBy::DistinguishedName;
            SearchRequest request;
            request.base = *user;
            request.scope = Scope::Base;
            request.attributes = accountAttributes();
            auto entries = searchAll(directory, request, 1);
            if (!entries && entries.error().code != ErrorCode::NoSuchEntry)
                return std::unexpected(entries.error());
            found = std::vector<Account>{};
            if (entries)
                for (const auto& e : *entries)
                    found->push_back(accountFromEntry(e));
        } else if (user->find('@') != std::string::npos) {
            lookup.rule = FoundBy::UserPrincipalName;
            found = searchAccounts(directory, base, Filter::equals("userPrincipalName", *user));
        } else {
            lookup.rule = FoundBy::SamAccountName;
            std::string sam = *user;
            if (const auto slash = sam.find('\\'); slash != std::string::npos)
                sam = sam.substr(slash + 1);
            found = searchAccounts(directory, base, Filter::equals("sAMAccountName", sam));
        }
        if (!found)
            return std::unexpected(found.error());
        lookup.candidates = std::move(*found);
        return lookup;
    }

    struct Rule
    {
        FoundBy rule;
        std::vector<std::string> values;
    };
    std::vector<Rule> rules;
    rules.push_back({FoundBy::CertificateUpn, certificate.upns()});
    rules.push_back({FoundBy::CertificateEmail, certificate.emails()});
    const std::string cn = certificate.subject.first("2.5.4.3");
    rules.push_back({FoundBy::CertificateCommonName, cn.empty() ? std::vector<std::string>{} : std::vector{cn}});
    for (const auto& rule : rules) {
        if (rule.values.empty())
            continue;
        std::vector<Filter> any;
        for (const auto& v : rule.values) {
            switch (rule.rule) {
            case FoundBy::CertificateUpn: any.push_back(Filter::equals("userPrincipalName", v)); break;
            case FoundBy::CertificateEmail:
                any.push_back(Filter::equals("mail", v));
                any.push_back(Filter::equals("userPrincipalName", v));
                break;
            default:
                any.push_back(Filter::equals("sAMAccountName", v));
                any.push_back(Filter::equals("cn", v));
                break;
            }
        }
        auto found = searchAccounts(directory, base, Filter::any(std::move(any)));
        if (!found)
            return std::unexpected(found.error());
        lookup.rule = rule.rule;
        lookup.query = rule.values.front();
        lookup.candidates = std::move(*found);
        if (!lookup.candidates.empty())
            return lookup;
    }
    return lookup;
}

Result<std::vector<Account>> findMappedAccounts(Directory& directory, const std::string& base,
                                                const cert::CertificateInfo& certificate)
{
    std::vector<Filter> any;
    for (const auto& c : mapping::buildMappings(certificate))
        if (c.value)
            any.push_back(Filter::equals("altSecurityIdentities", *c.value));
    return searchAccounts(directory, base, Filter::any(std::move(any)));
}

std::string ntAuthDn(const std::string& configurationNc)
{
    return configurationNc.empty() ? std::string()
                                   : "CN=NTAuthCertificates,CN=Public Key Services,CN=Services," + configurationNc;
}

Result<NtAuthStore> checkNtAuth(Directory& directory, const std::string& configurationNc,
                                const cert::CertificateInfo& certificate,
                                const std::vector<cert::CertificateInfo>& chain)
{
    NtAuthStore store;
    const cert::CertificateInfo* issuer = nullptr;
    for (const auto& c : chain)
        if (c.subject.der == certificate.issuer.der)
            issuer = &c;
    if (issuer)
        store.issuer.assign(reinterpret_cast<const char*>(issuer->der.data()), issuer->der.size());
    store.issuerName = mapping::displayName(certificate.issuer);
    if (configurationNc.empty())
        return store;
    store.dn = ntAuthDn(configurationNc);
    auto entry = readEntry(directory, store.dn, {kNtAuthAttribute});
    if (!entry) {
        if (entry.error().code == ErrorCode::InsufficientRights)
            return store;
        return std::unexpected(entry.error());
    }
    if (!*entry) {
        // No NTAuth object. Is the container there (a real forest without the store) or is this a
        // partial view (an LDIF export of users)?
        auto parent = readEntry(directory, "CN=Public Key Services,CN=Services," + configurationNc, {"cn"});
        store.state = parent && *parent ? NtAuthState::StoreMissing : NtAuthState::Unknown;
        return store;
    }
    store.certificates = (*entry)->values(kNtAuthAttribute);
    store.state = NtAuthState::IssuerAbsent;
    for (const auto& der : store.certificates) {
        if (issuer) {
            if (sameBytes(der, issuer->der))
                store.state = NtAuthState::IssuerPresent;
            continue;
        }
        // Without the issuer's certificate: same subject name and key identifier.
        const auto ca = cert::describeDer(std::as_bytes(std::span(der)));
        if (ca && ca->subject.der == certificate.issuer.der &&
            (!certificate.authorityKeyId || ca->subjectKeyId == certificate.authorityKeyId))
            store.state = NtAuthState::IssuerPresent;
    }
    return store;
}

std::string_view foundById(FoundBy f)
{
    switch (f) {
    case FoundBy::DistinguishedName: return "dn";
    case FoundBy::SamAccountName: return "sam-account-name";
    case FoundBy::UserPrincipalName: return "user-principal-name";
    case FoundBy::CertificateUpn: return "certificate-upn";
    case FoundBy::CertificateEmail: return "certificate-email";
    case FoundBy::CertificateCommonName: return "certificate-common-name";
    }
    return "";
}

std::string_view ntAuthId(NtAuthState s)
{
    switch (s) {
    case NtAuthState::IssuerPresent: return "issuer-present";
    case NtAuthState::IssuerAbsent: return "issuer-absent";
    case NtAuthState::StoreMissing: return "store-missing";
    case NtAuthState::Unknown: return "unknown";
    }
    return "unknown";
}

}  // namespace eascert::directory
