#pragma once

#include <functional>
#include <stop_token>
#include <string>
#include <vector>

#include "eascert/directory/Directory.h"
#include "eascert/mapping/MappingMatch.h"

namespace eascert::directory {

enum class AuditFinding
{
    WeakOnly,       // the account's X.509 mappings are all weak: rejected under KB5014754 enforcement
    Malformed,      // a value Windows would not have written (see reasons), or not a mapping at all
    NearMiss,       // a value meant for a certificate in the account's Published Certificates, but broken
    Duplicate,      // the same value on several accounts: lookups are ambiguous
    PublishedOnly,  // certificates published, none of them mapped
};

struct AuditRow
{
    std::string dn;
    std::string samAccountName;
    AuditFinding finding = AuditFinding::Malformed;
    std::string value;
    std::vector<mapping::ReasonDetail> reasons;
    std::string detail;  // e.g. the other accounts for a duplicate
};

struct AuditSummary
{
    std::size_t accounts = 0;
    std::size_t values = 0;
    std::size_t rows = 0;
};

using AuditSink = std::function<void(const AuditRow&)>;

// Streams every account with altSecurityIdentities or userCertificate (paged) and reports rows as
// it goes; memory holds one page plus an 8-byte hash per mapping value (for duplicates). base: the
// subtree (an OU); empty: the whole domain.
Result<AuditSummary> audit(Directory& directory, const AuditSink& sink, std::stop_token stop = {}, int pageSize = 1000,
                           const std::string& base = {});

std::string_view auditFindingId(AuditFinding f);

}  // namespace eascert::directory
