#include "eascert/directory/Audit.h"

#include <unordered_map>

#include "eascert/cert/Certificate.h"
#include "eascert/directory/Account.h"
#include "eascert/support/Text.h"

namespace eascert::directory {

namespace {

bool isX509Mapping(std::string_view v)
{
    const auto t = text::trim(v);
    return text::startsWithIgnoreCase(t, "X509") || (!t.empty() && t.front() == '<');
}

std::uint64_t fnv1a(std::string_view s)
{
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

}  // namespace

Result<AuditSummary> audit(Directory& directory, const AuditSink& sink, std::stop_token stop, int pageSize,
                           const std::string& base)
{
    auto dse = directory.rootDse();
    if (!dse)
        return std::unexpected(dse.error());

    AuditSummary summary;
    std::unordered_map<std::uint64_t, std::uint32_t> seen;  // folded value hash -> count
    std::vector<std::string> duplicates;                    // values seen a second time
    const auto emit = [&](AuditRow row) {
        ++summary.rows;
        sink(row);
    };

    SearchRequest request;
    request.base = base.empty() ? dse->defaultNamingContext : base;
    request.filter = Filter::any({Filter::present("altSecurityIdentities"), Filter::present("userCertificate")});
    request.attributes = {"sAMAccountName", "altSecurityIdentities", "userCertificate"};
    request.pageSize = pageSize;
    auto scanned = directory.search(
        request,
        [&](Entry&& e) {
            ++summary.accounts;
            const std::string sam = e.first("sAMAccountName");
            std::vector<cert::CertificateInfo> published;
            for (const auto& der : e.values("userCertificate"))
                if (auto info = cert::describeDer(std::as_bytes(std::span(der.data(), der.size()))))
                    published.push_back(std::move(*info));
            bool anyX509 = false;
            bool anyStrong = false;
            std::string weakValues;  // named in the weak-only row: never a row without its values
            std::vector<bool> publishedMapped(published.size(), false);
            for (const auto& v : e.values("altSecurityIdentities")) {
                ++summary.values;
                if (++seen[fnv1a(text::foldCase(v))] == 2)
                    duplicates.push_back(v);
                if (!isX509Mapping(v))
                    continue;  // Kerberos: principal mappings are not ours to judge
                anyX509 = true;
                const auto parsed = mapping::parseMapping(v);
                if (parsed.form && mapping::strengthOf(*parsed.form) == mapping::Strength::Strong)
                    anyStrong = true;
                else
                    weakValues += (weakValues.empty() ? "" : "\n") + v;
                bool reported = false;
                for (std::size_t i = 0; i < published.size(); ++i) {
                    const auto r = mapping::checkMapping(v, published[i]);
                    if (r.verdict == mapping::Verdict::Match)
                        publishedMapped[i] = true;
                    if (r.verdict == mapping::Verdict::NearMiss && !reported) {
                        emit({e.dn, sam, AuditFinding::NearMiss, v, r.reasons, ""});
                        reported = true;
                    }
                }
                if (reported)
                    continue;
                auto lint = mapping::lintMapping(v);
                if (!lint.empty())
                    emit({e.dn, sam, AuditFinding::Malformed, v, std::move(lint), ""});
            }
            if (anyX509 && !anyStrong)
                emit({e.dn, sam, AuditFinding::WeakOnly, weakValues, {}, ""});
            bool anyMapped = false;
            for (bool m : publishedMapped)
                anyMapped = anyMapped || m;
            if (!published.empty() && !anyMapped && !anyX509)
                emit({e.dn,
                      sam,
                      AuditFinding::PublishedOnly,
                      "",
                      {},
                      std::to_string(published.size()) + " published certificate(s)"});
            return !stop.stop_requested();
        },
        stop);
    if (!scanned)
        return std::unexpected(scanned.error());
    if (stop.stop_requested())
        return fail(ErrorCode::Cancelled);

    // Duplicates: one exact equality search per duplicated value names every holder.
    for (const auto& v : duplicates) {
        SearchRequest dup;
        dup.base = dse->defaultNamingContext;
        dup.filter = Filter::equals("altSecurityIdentities", v);
        dup.attributes = {"sAMAccountName"};
        auto holders = searchAll(directory, dup, 1000, stop);
        if (!holders)
            return std::unexpected(holders.error());
        if (holders->size() < 2)
            continue;  // a hash collision, not a duplicate
        std::string names;
        for (const auto& h : *holders)
            names += (names.empty() ? "" : "; ") + h.dn;
        for (const auto& h : *holders)
            emit({h.dn, h.first("sAMAccountName"), AuditFinding::Duplicate, v, {}, names});
    }
    return summary;
}

std::string_view auditFindingId(AuditFinding f)
{
    switch (f) {
    case AuditFinding::WeakOnly: return "weak-only";
    case AuditFinding::Malformed: return "malformed";
    case AuditFinding::NearMiss: return "near-miss";
    case AuditFinding::Duplicate: return "duplicate";
    case AuditFinding::PublishedOnly: return "published-only";
    }
    return "";
}

}  // namespace eascert::directory
