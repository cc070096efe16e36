#include "eascert/directory/Inspection.h"

#include <algorithm>

#include "eascert/support/Log.h"

namespace eascert::directory {

Inspection classify(const Account& account, FoundBy foundBy, const cert::CertificateInfo& certificate,
                    const std::vector<cert::CertificateInfo>& chain, const std::vector<Account>& mappedAccounts,
                    NtAuthStore ntAuth)
{
    Inspection in;
    in.account = account;
    in.foundBy = foundBy;
    in.ntAuth = std::move(ntAuth);
    if (const auto best = mapping::recommended(mapping::buildMappings(certificate)))
        in.recommendedValue = *best->value;

    bool strong = false;
    bool weak = false;
    bool nearMiss = false;
    for (const auto& v : account.altSecurityIdentities) {
        ValueCheck check{v, mapping::checkMapping(v, certificate, chain)};
        if (check.result.verdict == mapping::Verdict::Match)
            (check.result.strength == mapping::Strength::Strong ? strong : weak) = true;
        nearMiss = nearMiss || check.result.verdict == mapping::Verdict::NearMiss;
        in.values.push_back(std::move(check));
    }
    for (const auto& der : account.userCertificates) {
        if (sameBytes(der, certificate.der))
            in.certificatePublished = true;
    }
    for (const auto& other : mappedAccounts)
        if (!sameDn(other.dn, account.dn))
            in.otherAccounts.push_back(other);

    if (!in.otherAccounts.empty())
        in.states.push_back(strong || weak ? InspectState::Ambiguous : InspectState::MappedToOther);
    if (!strong) {
        if (weak)
            in.states.push_back(InspectState::WeakOnly);
        else if (nearMiss)
            in.states.push_back(InspectState::NearMiss);
        else if (in.certificatePublished)
            in.states.push_back(InspectState::PublishedOnly);
        else
            in.states.push_back(InspectState::NoMapping);
    }
    if (account.disabled())
        in.states.push_back(InspectState::AccountDisabled);
    if (in.states.empty())
        in.states.push_back(InspectState::Ok);
    return in;
}

Result<Inspection> inspect(Directory& directory, const std::optional<std::string>& user,
                           const cert::CertificateInfo& certificate, const std::vector<cert::CertificateInfo>& chain,
                           std::stop_token stop)
{
    auto dse = directory.rootDse();
    if (!dse)
        return std::unexpected(dse.error());
    if (stop.stop_requested())
        return fail(ErrorCode::Cancelled);
    auto lookup = findAccount(directory, dse->defaultNamingContext, user, certificate);
    if (!lookup)
        return std::unexpected(lookup.error());
    if (lookup->candidates.empty())
        return fail(ErrorCode::AccountNotFound, std::string(foundById(lookup->rule)) + " = " + lookup->query);
    if (lookup->candidates.size() > 1) {
        std::string dns;
        for (const auto& c : lookup->candidates)
            dns += (dns.empty() ? "" : "; ") + c.dn;
        return fail(ErrorCode::AccountAmbiguous,
                    std::string(foundById(lookup->rule)) + " = " + lookup->query + ": " + dns);
    }
    if (stop.stop_requested())
        return fail(ErrorCode::Cancelled);
    auto mapped = findMappedAccounts(directory, dse->defaultNamingContext, certificate);
    if (!mapped)
        return std::unexpected(mapped.error());
    auto ntAuth = checkNtAuth(directory, dse->configurationNamingContext, certificate, chain);
    if (!ntAuth) {
        log()->info("NTAuth store not readable: {}", ntAuth.error().detail);
        ntAuth = NtAuthStore{};
    }
    return classify(lookup->candidates.front(), lookup->rule, certificate, chain, *mapped, std::move(*ntAuth));
}

std::string_view inspectStateId(InspectState s)
{
    switch (s) {
    case InspectState::Ok: return "ok";
    case InspectState::NoMapping: return "no-mapping";
    case InspectState::PublishedOnly: return "published-only";
    case InspectState::WeakOnly: return "weak-only";
    case InspectState::NearMiss: return "near-miss";
    case InspectState::MappedToOther: return "mapped-to-other";
    case InspectState::Ambiguous: return "ambiguous";
    case InspectState::AccountDisabled: return "account-disabled";
    }
    return "ok";
}

}  // namespace eascert::directory
