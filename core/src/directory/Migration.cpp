// The migration plan: which certificate belongs to which account, and the strong values each needs.
// One paged pass over the accounts; certificates from outside the directory are indexed by what can
// tie them to an account (UPN, e-mail, CN, the serial/SKI/thumbprint an existing mapping names).

#include <algorithm>
#include <deque>
#include <future>
#include <thread>
#include <map>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "eascert/cert/Validity.h"
#include "eascert/directory/Fix.h"
#include "eascert/directory/Ldif.h"
#include "eascert/directory/Migration.h"
#include "eascert/mapping/MappingMatch.h"
#include "eascert/support/Bytes.h"
#include "eascert/support/Digest.h"
#include "eascert/support/File.h"
#include "eascert/support/JsonText.h"
#include "eascert/support/Path.h"
#include "eascert/support/Text.h"

#include "ValueSet.h"

namespace eascert::directory {

namespace {

constexpr std::string_view kOidCommonName = "2.5.4.3";
constexpr std::size_t kMaxPlanBytes = 256 * 1024 * 1024;

bool isX509Mapping(std::string_view v)
{
    const auto t = text::trim(v);
    return text::startsWithIgnoreCase(t, "X509") || (!t.empty() && t.front() == '<');
}

std::string hexOf(const Bytes& b)
{
    return text::toUpperAscii(toHex(b));
}

// Hex as a mapping value writes it, upper case, without the separators admins type.
std::string cleanHex(std::string_view s)
{
    std::string out;
    for (char c : s)
        if (std::isxdigit(static_cast<unsigned char>(c)))
            out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// The CN of a name as written in a mapping value ("...,CN=jdoe" or "CN=jdoe, O=..."), folded.
std::string cnOf(std::string_view name)
{
    std::string folded = text::foldCase(name);
    const auto at = folded.find("cn=");
    if (at == std::string::npos)
        return {};
    auto rest = std::string_view(folded).substr(at + 3);
    const auto end = rest.find_first_of(",;+\r\n");
    return std::string(text::trim(rest.substr(0, end)));
}

// Certificates from outside the directory, by every key that can tie one to an account.
class CertificateIndex
{
public:
    explicit CertificateIndex(const std::vector<SourceCertificate>& certs)
        : m_certs(certs)
    {
        for (std::size_t i = 0; i < certs.size(); ++i) {
            const auto& c = *certs[i].info;
            if (certs[i].origin == CertificateOrigin::MapFile) {
                m_byAccount[text::foldCase(certs[i].account)].push_back(i);
                continue;  // the CSV says whose it is: no other rule applies
            }
            for (const auto& u : c.upns())
                m_byUpn[text::foldCase(u)].push_back(i);
            for (const auto& e : c.emails())
                m_byEmail[text::foldCase(e)].push_back(i);
            if (auto cn = c.subject.first(kOidCommonName); !cn.empty())
                m_byCn[text::foldCase(cn)].push_back(i);
            const auto magnitude = c.serialMagnitude();
            Bytes reversed(magnitude.rbegin(), magnitude.rend());
            m_byKey[hexOf(magnitude)].push_back(i);
            m_byKey[hexOf(reversed)].push_back(i);
            m_byKey[hexOf(c.serial)].push_back(i);
            if (c.subjectKeyId)
                m_byKey[hexOf(*c.subjectKeyId)].push_back(i);
            m_byKey[hexOf(c.sha1Thumbprint)].push_back(i);
        }
    }

    const SourceCertificate& at(std::size_t i) const { return m_certs[i]; }
    bool empty() const { return m_certs.empty(); }

    const std::vector<std::size_t>* byAccount(std::string_view sam) const { return find(m_byAccount, text::foldCase(sam)); }
    const std::vector<std::size_t>* byUpn(std::string_view upn) const { return find(m_byUpn, text::foldCase(upn)); }
    const std::vector<std::size_t>* byEmail(std::string_view e) const { return find(m_byEmail, text::foldCase(e)); }
    const std::vector<std::size_t>* byCn(std::string_view cn) const { return find(m_byCn, text::foldCase(cn)); }

    // Certificates an existing mapping value may have been written for (checked by the caller).
    std::vector<std::size_t> forMapping(std::string_view value) const
    {
        std::vector<std::size_t> out;
        const auto parsed = mapping::parseMapping(value);
        const auto add = [&](const std::vector<std::size_t>* list) {
            if (list)
                out.insert(out.end(), list->begin(), list->end());
        };
        for (const auto* part : {&parsed.serial, &parsed.ski, &parsed.sha1})
            if (*part)
                add(find(m_byKey, cleanHex(**part)));
        if (parsed.subject)
            add(byCn(cnOf(*parsed.subject)));
        if (parsed.rfc822)
            add(byEmail(text::trim(*parsed.rfc822)));
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }

private:
    using Map = std::unordered_map<std::string, std::vector<std::size_t>>;
    static const std::vector<std::size_t>* find(const Map& m, const std::string& key)
    {
        if (key.empty())
            return nullptr;
        auto it = m.find(key);
        return it == m.end() ? nullptr : &it->second;
    }

    const std::vector<SourceCertificate>& m_certs;
    Map m_byAccount, m_byUpn, m_byEmail, m_byCn, m_byKey;
};

// A certificate tied to an account, before conflicts across accounts are settled.
struct Claim
{
    MigrationCertificate facts;
    std::vector<std::string> add;     // the strong values it needs
    std::vector<std::string> remove;  // weak and near-miss values written for it
    std::string key;                  // SHA-1 bytes: the same certificate on another account
    bool dropped = false;             // another account has the better claim
};

struct Pending
{
    MigrationAccount account;
    std::vector<Claim> claims;
    bool anyX509 = false;
    bool anyStrong = false;
};

int precedence(MatchRule r)
{
    return static_cast<int>(r);  // the enum is ordered strongest evidence first
}

Claim judge(const cert::CertificateInfo& c, MatchRule rule, CertificateOrigin origin, const std::string& source,
            const Values& existing, const MigrationOptions& options)
{
    Claim claim;
    claim.facts = {hexOf(c.sha1Thumbprint), source, origin, rule, CertificateUse::Mapped, cert::formatTime(c.notAfter),
                   cert::displayName(c.subject)};
    claim.key.assign(reinterpret_cast<const char*>(c.sha1Thumbprint.data()), c.sha1Thumbprint.size());
    const auto validity = cert::validityAt(c, options.now);
    if (validity.state == cert::ValidityState::Expired) {
        claim.facts.use = CertificateUse::Expired;
        return claim;
    }
    if (validity.state == cert::ValidityState::NotYetValid) {
        claim.facts.use = CertificateUse::NotYetValid;
        return claim;
    }
    if (!c.allowsClientAuth()) {
        claim.facts.use = CertificateUse::NotClientAuth;
        return claim;
    }
    bool strong = false;
    for (const auto& v : existing) {
        if (!isX509Mapping(v))
            continue;
        const auto r = mapping::checkMapping(v, c);
        if (r.verdict == mapping::Verdict::Match && r.strength == mapping::Strength::Strong)
            strong = true;
        else if (r.verdict == mapping::Verdict::Match || r.verdict == mapping::Verdict::NearMiss)
            claim.remove.push_back(v);
    }
    if (strong) {
        claim.facts.use = CertificateUse::AlreadyStrong;
    } else {
        claim.add.push_back(*mapping::buildMapping(c, mapping::MappingForm::IssuerSerial));
        // Windows drops the serial's sign byte (domain.md §2.2, unverified on a DC): the SKI as well,
        // so that one of the two surely matches.
        if (c.serialHasSignByte())
            if (auto ski = mapping::buildMapping(c, mapping::MappingForm::SubjectKeyId))
                claim.add.push_back(*ski);
    }
    return claim;
}

void addClaim(Pending& p, Claim claim)
{
    for (auto& existing : p.claims)
        if (existing.key == claim.key) {
            if (precedence(claim.facts.matchedBy) < precedence(existing.facts.matchedBy))
                existing = std::move(claim);
            return;
        }
    p.claims.push_back(std::move(claim));
}

// The account's row from its surviving claims.
void decide(Pending& p, bool pruneWeak, MigrationSummary& summary)
{
    auto& a = p.account;
    std::vector<const Claim*> live;
    for (const auto& c : p.claims)
        if (!c.dropped)
            live.push_back(&c);
    // The certificate the action is about first: mapped, then already strong, then the rest.
    std::stable_sort(live.begin(), live.end(), [](const Claim* x, const Claim* y) {
        return static_cast<int>(x->facts.use) < static_cast<int>(y->facts.use);
    });
    bool usable = false;
    for (const auto* c : live) {
        a.certificates.push_back(c->facts);
        if (c->facts.use != CertificateUse::Mapped && c->facts.use != CertificateUse::AlreadyStrong)
            continue;
        usable = true;
        for (const auto& v : c->add)
            if (!values::containsCi(a.add, v) && !values::containsCi(a.before, v))
                a.add.push_back(v);
        if (pruneWeak)
            for (const auto& v : c->remove)
                if (!values::containsExact(a.remove, v))
                    a.remove.push_back(v);
    }
    std::erase_if(a.remove, [&](const std::string& v) { return values::containsCi(a.add, v); });
    if (!a.add.empty()) {
        a.action = MigrationAction::Add;
    } else if (!a.remove.empty()) {
        a.action = MigrationAction::Prune;
    } else if (usable || (p.anyStrong && live.empty())) {
        a.action = MigrationAction::None;
        if (!usable)
            a.detail = "a strong mapping is present; no certificate for it in the sources";
    } else if (live.empty()) {
        a.action = MigrationAction::Skip;
        a.reason = SkipReason::NoCertificate;
    } else {
        a.action = p.anyStrong ? MigrationAction::None : MigrationAction::Skip;
        switch (live.front()->facts.use) {
        case CertificateUse::Expired: a.reason = SkipReason::Expired; break;
        case CertificateUse::NotYetValid: a.reason = SkipReason::NotYetValid; break;
        case CertificateUse::NotClientAuth: a.reason = SkipReason::NotClientAuth; break;
        case CertificateUse::Ambiguous: a.reason = SkipReason::Ambiguous; break;
        case CertificateUse::Shared: a.reason = SkipReason::SharedCertificate; break;
        case CertificateUse::Mapped:
        case CertificateUse::AlreadyStrong: a.reason = SkipReason::NoStrongForm; break;
        }
        if (a.action == MigrationAction::None) {
            a.detail = "a strong mapping is present; the other certificates found cannot be mapped (" +
                       std::string(skipReasonId(a.reason)) + ")";
            a.reason = SkipReason::None;
        }
    }
    switch (a.action) {
    case MigrationAction::Add: ++summary.add; break;
    case MigrationAction::Prune: ++summary.prune; break;
    case MigrationAction::None: ++summary.none; break;
    case MigrationAction::Skip: ++summary.skip; break;
    }
    summary.valuesToAdd += a.add.size();
    summary.valuesToRemove += a.remove.size();
}

// A certificate claimed by several accounts: the best evidence wins when one account alone has it;
// otherwise none of them gets it (published on several: shared; matched equally well: ambiguous).
void settleConflicts(std::vector<Pending>& pending)
{
    std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> holders;
    for (std::size_t i = 0; i < pending.size(); ++i)
        for (std::size_t j = 0; j < pending[i].claims.size(); ++j)
            holders[pending[i].claims[j].key].emplace_back(i, j);
    for (auto& [key, list] : holders) {
        if (list.size() < 2)
            continue;
        int best = 1000;
        for (auto [i, j] : list)
            best = std::min(best, precedence(pending[i].claims[j].facts.matchedBy));
        std::vector<std::pair<std::size_t, std::size_t>> top;
        for (auto [i, j] : list)
            if (precedence(pending[i].claims[j].facts.matchedBy) == best)
                top.emplace_back(i, j);
        if (top.size() == 1) {
            for (auto [i, j] : list)
                if (std::pair(i, j) != top.front())
                    pending[i].claims[j].dropped = true;
            continue;
        }
        std::string names;
        for (auto [i, j] : top)
            names += (names.empty() ? "" : ", ") + pending[i].account.samAccountName;
        const bool shared = static_cast<MatchRule>(best) == MatchRule::Published;
        for (auto [i, j] : list) {
            auto& claim = pending[i].claims[j];
            const bool atTop = precedence(claim.facts.matchedBy) == best;
            if (!atTop) {
                claim.dropped = true;
                continue;
            }
            claim.facts.use = shared ? CertificateUse::Shared : CertificateUse::Ambiguous;
            claim.add.clear();
            claim.remove.clear();
            auto& detail = pending[i].account.detail;
            detail += (detail.empty() ? "" : "; ") + std::string(shared ? "also published on: " : "also matches: ") + names;
        }
    }
}

nlohmann::ordered_json certificateJson(const MigrationCertificate& c)
{
    return {{"thumbprint", c.thumbprint},   {"source", c.source},  {"origin", originId(c.origin)},
            {"matchedBy", matchRuleId(c.matchedBy)}, {"use", certificateUseId(c.use)}, {"notAfter", c.notAfter},
            {"subject", c.subject}};
}

std::string csvField(std::string_view s)
{
    const auto shown = text::printable(s);
    if (shown.find_first_of(",\"\r\n") == std::string::npos)
        return shown;
    std::string out = "\"";
    for (char c : shown) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

std::string joined(const std::vector<std::string>& vs, char sep = '\n')
{
    std::string out;
    for (const auto& v : vs)
        out += (out.empty() ? "" : std::string(1, sep)) + v;
    return out;
}

template <typename E>
std::optional<E> enumFrom(std::string_view id, std::string_view (*name)(E), int count)
{
    for (int i = 0; i < count; ++i)
        if (name(static_cast<E>(i)) == id)
            return static_cast<E>(i);
    return std::nullopt;
}

} // namespace

Result<MigrationPlan> planMigration(Directory& directory, const CertificateSources& sources,
                                    const MigrationOptions& options, std::stop_token stop)
{
    auto dse = directory.rootDse();
    if (!dse)
        return std::unexpected(dse.error());
    MigrationOptions opts = options;
    if (opts.now == cert::TimePoint{})
        opts.now = cert::currentTime();

    MigrationPlan plan;
    plan.createdAt = cert::formatTime(cert::currentTime());
    plan.directory = directory.describe();
    plan.pruneWeak = opts.pruneWeak;
    plan.sourceProblems = sources.problems;
    const CertificateIndex index(sources.certificates);

    SearchRequest request;
    request.base = opts.base.empty() ? dse->defaultNamingContext : opts.base;
    request.pageSize = opts.pageSize;
    request.attributes = {"sAMAccountName", "userPrincipalName", "mail", kMappingAttribute};
    if (sources.fromPublished)
        request.attributes.push_back("userCertificate");
    if (index.empty())
        request.filter = Filter::any({Filter::present(kMappingAttribute), Filter::present("userCertificate")});
    else
        request.filter = Filter::all({Filter::equals("objectClass", "user"), Filter::negate(Filter::equals("objectClass", "computer"))});

    // What one account's certificates say: the costly part (each certificate parsed, each value
    // checked), done on worker threads while the directory sends the next page.
    const auto pendingFor = [&](const Entry& e) {
        Pending p;
        p.account.dn = e.dn;
        p.account.samAccountName = e.first("sAMAccountName");
        p.account.before = e.values(kMappingAttribute);
        const auto& existing = p.account.before;
        for (const auto& v : existing) {
            if (!isX509Mapping(v))
                continue;
            p.anyX509 = true;
            const auto parsed = mapping::parseMapping(v);
            if (parsed.form && mapping::strengthOf(*parsed.form) == mapping::Strength::Strong && mapping::lintMapping(v).empty())
                p.anyStrong = true;
        }
        if (sources.fromPublished)
            for (const auto& der : e.values("userCertificate"))
                if (auto info = cert::describeDer(std::as_bytes(std::span(der.data(), der.size()))); info && !info->isCa)
                    addClaim(p, judge(*info, MatchRule::Published, CertificateOrigin::Published, "published", existing, opts));
        const auto claimAll = [&](const std::vector<std::size_t>* list, MatchRule rule) {
            if (list)
                for (auto i : *list)
                    addClaim(p, judge(*index.at(i).info, rule, index.at(i).origin, index.at(i).source, existing, opts));
        };
        if (!index.empty()) {
            claimAll(index.byAccount(p.account.samAccountName), MatchRule::MapFile);
            for (const auto& v : existing) {
                if (!isX509Mapping(v))
                    continue;
                for (auto i : index.forMapping(v)) {
                    const auto r = mapping::checkMapping(v, *index.at(i).info);
                    if (r.verdict == mapping::Verdict::Match || r.verdict == mapping::Verdict::NearMiss)
                        addClaim(p, judge(*index.at(i).info, MatchRule::ExistingMapping, index.at(i).origin,
                                          index.at(i).source, existing, opts));
                }
            }
            const auto upn = e.first("userPrincipalName");
            claimAll(index.byUpn(upn), MatchRule::Upn);
            claimAll(index.byEmail(e.first("mail")), MatchRule::Email);
            claimAll(index.byEmail(upn), MatchRule::Email);
            claimAll(index.byCn(p.account.samAccountName), MatchRule::CommonName);
        }
        return p;
    };
    using Batch = std::vector<Entry>;
    const auto work = [&](Batch batch) {
        std::vector<Pending> out;
        out.reserve(batch.size());
        for (const auto& e : batch)
            out.push_back(pendingFor(e));
        return out;
    };
    // Batches in the order the directory sent them; at most two per core in flight, so memory holds
    // a few batches of entries, not the directory.
    const std::size_t workers = std::max(1u, std::thread::hardware_concurrency());
    constexpr std::size_t kBatch = 128;
    std::deque<std::future<std::vector<Pending>>> inflight;
    std::vector<Pending> pending;
    const auto collect = [&] {
        for (auto& p : inflight.front().get()) {
            if (p.claims.empty() && !p.anyX509)
                ++plan.summary.withoutCertificate;  // nothing to migrate: counted, not listed
            else
                pending.push_back(std::move(p));
        }
        inflight.pop_front();
    };
    Batch batch;
    const auto submit = [&] {
        if (batch.empty())
            return;
        inflight.push_back(std::async(std::launch::async, work, std::move(batch)));
        batch = {};
        while (inflight.size() > 2 * workers)
            collect();
    };
    auto scanned = directory.search(
        request,
        [&](Entry&& e) {
            ++plan.summary.scanned;
            batch.push_back(std::move(e));
            if (batch.size() == kBatch)
                submit();
            return !stop.stop_requested();
        },
        stop);
    submit();
    while (!inflight.empty())
        collect();
    if (!scanned)
        return std::unexpected(scanned.error());
    if (stop.stop_requested())
        return fail(ErrorCode::Cancelled);

    settleConflicts(pending);
    plan.accounts.reserve(pending.size());
    for (auto& p : pending) {
        decide(p, opts.pruneWeak, plan.summary);
        plan.accounts.push_back(std::move(p.account));
        p.claims.clear();
    }
    std::sort(plan.accounts.begin(), plan.accounts.end(),
              [](const MigrationAccount& a, const MigrationAccount& b) { return a.dn < b.dn; });
    return plan;
}

namespace {

nlohmann::ordered_json accountJson(const MigrationAccount& a)
{
    // The DN, the logon name and the values byte for byte (hex when not UTF-8: they are written back
    // to the directory); the words for the admin made safe for any JSON reader.
    nlohmann::ordered_json row;
    row["dn"] = values::toJsonValue(a.dn);
    row["sAMAccountName"] = values::toJsonValue(a.samAccountName);
    row["action"] = migrationActionId(a.action);
    row["add"] = values::toJson(a.add);
    row["remove"] = values::toJson(a.remove);
    row["reason"] = a.reason == SkipReason::None ? "" : skipReasonId(a.reason);
    row["detail"] = a.detail;
    if (!a.certificates.empty())
        row["certificate"] = {{"thumbprint", a.certificates.front().thumbprint}, {"source", a.certificates.front().source}};
    auto certs = nlohmann::ordered_json::array();
    for (const auto& c : a.certificates)
        certs.push_back(certificateJson(c));
    row["certificates"] = std::move(certs);
    row["before"] = values::toJson(a.before);
    for (const char* display : {"detail", "certificate", "certificates"})
        if (row.contains(display))
            text::makeTextSafe(row[display]);
    return row;
}

constexpr std::string_view kAccountsOpen = ",\"accounts\":[";
constexpr std::string_view kSummaryOpen = "],\"summary\":";

} // namespace

// One account per line between the header line and the summary line: valid JSON for any tool, and
// read back a line at a time (parseMigrationPlan) without a document of the whole plan in memory.
std::string MigrationPlan::json() const
{
    nlohmann::ordered_json head;
    head["schema"] = kMigrationPlanSchema;
    head["createdAt"] = createdAt;
    head["directory"] = directory;
    head["pruneWeak"] = pruneWeak;
    head["sourceProblems"] = sourceProblems;
    std::string out = text::safeDump(head);
    out.pop_back();  // the closing brace: the accounts follow
    out += std::string(kAccountsOpen) + "\n";
    for (std::size_t i = 0; i < accounts.size(); ++i)
        out += accountJson(accounts[i]).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
               (i + 1 < accounts.size() ? ",\n" : "\n");
    nlohmann::ordered_json sum = {{"scanned", summary.scanned},       {"withoutCertificate", summary.withoutCertificate},
                                  {"add", summary.add},               {"prune", summary.prune},
                                  {"none", summary.none},             {"skip", summary.skip},
                                  {"valuesToAdd", summary.valuesToAdd}, {"valuesToRemove", summary.valuesToRemove}};
    return out + std::string(kSummaryOpen) + text::safeDump(sum) + "}\n";
}

std::string MigrationPlan::csv() const
{
    std::string out = "dn,sAMAccountName,action,add,remove,reason,detail,thumbprint,source,matchedBy\n";
    for (const auto& a : accounts) {
        const MigrationCertificate* c = a.certificates.empty() ? nullptr : &a.certificates.front();
        out += csvField(a.dn) + ',' + csvField(a.samAccountName) + ',' + std::string(migrationActionId(a.action)) + ',' +
               csvField(joined(a.add)) + ',' + csvField(joined(a.remove)) + ',' +
               std::string(a.reason == SkipReason::None ? "" : skipReasonId(a.reason)) + ',' + csvField(a.detail) + ',' +
               (c ? c->thumbprint : "") + ',' + csvField(c ? c->source : "") + ',' +
               std::string(c ? matchRuleId(c->matchedBy) : "") + '\n';
    }
    return out;
}

std::string MigrationPlan::ldif() const
{
    std::string out;
    for (const auto& a : accounts) {
        if (!a.changes())
            continue;
        // Add first, then prune: two records, so that an import that stops half-way never leaves
        // an account with neither its old nor its new mapping.
        if (!a.add.empty())
            out += ldifModifyRecord(a.dn, {{ModificationOp::Add, kMappingAttribute, a.add}});
        if (!a.remove.empty())
            out += ldifModifyRecord(a.dn, {{ModificationOp::Delete, kMappingAttribute, a.remove}});
    }
    return out;
}

std::string MigrationPlan::powershell() const
{
    std::string out = "# eascert migration plan " + createdAt + ": add the strong mappings, then remove the weak ones\n";
    for (const auto& a : accounts)
        if (!a.add.empty())
            out += values::setAdUser(a.dn, {}, a.add) + "\n";
    for (const auto& a : accounts)
        if (!a.remove.empty())
            out += values::setAdUser(a.dn, a.remove, {}) + "\n";
    return out;
}

std::string MigrationPlan::digest() const
{
    // The plan's decisions only: the same plan read back from its file has the same digest.
    Sha256 hash;
    for (const auto& a : accounts) {
        const nlohmann::ordered_json row = {a.dn, migrationActionId(a.action), values::toJson(a.add), values::toJson(a.remove),
                                            values::toJson(a.before)};
        hash.update(row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        hash.update("\n");
    }
    return text::toUpperAscii(toHex(hash.finish()));
}

namespace {

Error notAPlan(const std::string& what)
{
    return Error{ErrorCode::CorruptData, "not a migration plan: " + what};
}

std::optional<std::string> stringField(const nlohmann::json& o, const char* k)
{
    if (!o.contains(k))
        return std::string();
    if (!o[k].is_string())
        return std::nullopt;
    return o[k].get<std::string>();
}

Result<void> readHeader(const nlohmann::json& j, MigrationPlan& plan)
{
    if (!j.is_object())
        return std::unexpected(notAPlan("not JSON"));
    if (!j.contains("schema") || j["schema"] != kMigrationPlanSchema)
        return std::unexpected(notAPlan(std::string("the schema is not ") + kMigrationPlanSchema));
    plan.createdAt = stringField(j, "createdAt").value_or("");
    plan.directory = stringField(j, "directory").value_or("");
    plan.pruneWeak = j.contains("pruneWeak") && j["pruneWeak"].is_boolean() && j["pruneWeak"].get<bool>();
    if (j.contains("sourceProblems") && j["sourceProblems"].is_array())
        for (const auto& p : j["sourceProblems"])
            if (p.is_string())
                plan.sourceProblems.push_back(p.get<std::string>());
    return {};
}

void readSummary(const nlohmann::json& s, MigrationPlan& plan)
{
    if (!s.is_object())
        return;
    if (s.contains("scanned") && s["scanned"].is_number_unsigned())
        plan.summary.scanned = s["scanned"].get<std::size_t>();
    if (s.contains("withoutCertificate") && s["withoutCertificate"].is_number_unsigned())
        plan.summary.withoutCertificate = s["withoutCertificate"].get<std::size_t>();
}

// One account of a plan, every field checked; counted into the plan's summary.
Result<void> readAccount(const nlohmann::json& row, std::size_t n, MigrationPlan& plan)
{
    const std::string where = "account " + std::to_string(n);
    if (!row.is_object())
        return std::unexpected(notAPlan(where + " is not an object"));
    MigrationAccount a;
    auto dn = row.contains("dn") ? values::fromJsonValue(row["dn"]) : std::nullopt;
    auto sam = row.contains("sAMAccountName") ? values::fromJsonValue(row["sAMAccountName"]) : std::optional<std::string>("");
    auto action = stringField(row, "action");
    auto add = values::fromJson(row, "add");
    auto remove = values::fromJson(row, "remove");
    auto before = values::fromJson(row, "before");
    auto reason = stringField(row, "reason");
    auto detail = stringField(row, "detail");
    if (!dn || dn->empty() || !sam || !action || !add || !remove || !before || !reason || !detail)
        return std::unexpected(
            notAPlan(where + ": dn, sAMAccountName, action, add, remove, before, reason or detail missing or of the wrong type"));
    auto act = enumFrom<MigrationAction>(*action, migrationActionId, 4);
    if (!act)
        return std::unexpected(notAPlan(where + ": unknown action \"" + text::printable(*action) + "\""));
    a.dn = *dn;
    a.samAccountName = *sam;
    a.action = *act;
    a.add = *add;
    a.remove = *remove;
    a.before = *before;
    a.detail = *detail;
    if (!reason->empty()) {
        auto r = enumFrom<SkipReason>(*reason, skipReasonId, 8);
        if (!r)
            return std::unexpected(notAPlan(where + ": unknown reason \"" + text::printable(*reason) + "\""));
        a.reason = *r;
    }
    if ((a.action == MigrationAction::None || a.action == MigrationAction::Skip) && a.changes())
        return std::unexpected(notAPlan(where + ": action " + *action + " with values to change"));
    if (a.action == MigrationAction::Prune && !a.add.empty())
        return std::unexpected(notAPlan(where + ": action prune with values to add"));
    if (!plan.pruneWeak && !a.remove.empty())
        return std::unexpected(notAPlan(where + ": values to remove in a plan made without --prune-weak"));
    for (const auto& v : a.add)
        if (!isX509Mapping(v) || v.size() > 4096)
            return std::unexpected(notAPlan(where + ": \"" + text::printable(v) + "\" is not an X.509 mapping"));
    if (row.contains("certificates") && row["certificates"].is_array())
        for (const auto& c : row["certificates"]) {
            if (!c.is_object())
                continue;
            MigrationCertificate mc;
            mc.thumbprint = stringField(c, "thumbprint").value_or("");
            mc.source = stringField(c, "source").value_or("");
            mc.notAfter = stringField(c, "notAfter").value_or("");
            mc.subject = stringField(c, "subject").value_or("");
            mc.origin = enumFrom<CertificateOrigin>(stringField(c, "origin").value_or(""), originId, 4).value_or(CertificateOrigin::File);
            mc.matchedBy = enumFrom<MatchRule>(stringField(c, "matchedBy").value_or(""), matchRuleId, 6).value_or(MatchRule::Published);
            mc.use = enumFrom<CertificateUse>(stringField(c, "use").value_or(""), certificateUseId, 7).value_or(CertificateUse::Mapped);
            a.certificates.push_back(std::move(mc));
        }
    switch (a.action) {
    case MigrationAction::Add: ++plan.summary.add; break;
    case MigrationAction::Prune: ++plan.summary.prune; break;
    case MigrationAction::None: ++plan.summary.none; break;
    case MigrationAction::Skip: ++plan.summary.skip; break;
    }
    plan.summary.valuesToAdd += a.add.size();
    plan.summary.valuesToRemove += a.remove.size();
    plan.accounts.push_back(std::move(a));
    return {};
}

// The layout json() writes, a line at a time; nullopt when the text is laid out otherwise.
std::optional<Result<MigrationPlan>> parseLines(std::string_view text)
{
    auto next = [&]() -> std::optional<std::string_view> {
        if (text.empty())
            return std::nullopt;
        const auto end = text.find('\n');
        auto line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        return line;
    };
    auto first = next();
    if (!first || !first->starts_with("{\"schema\":") || !first->ends_with(kAccountsOpen))
        return std::nullopt;
    MigrationPlan plan;
    auto head = nlohmann::json::parse(std::string(first->substr(0, first->size() - kAccountsOpen.size())) + "}", nullptr, false);
    if (head.is_discarded())
        return std::nullopt;
    if (auto h = readHeader(head, plan); !h)
        return std::unexpected(h.error());
    std::size_t n = 0;
    while (auto line = next()) {
        if (line->starts_with(kSummaryOpen)) {
            auto tail = nlohmann::json::parse(std::string("{\"summary\":") + std::string(line->substr(kSummaryOpen.size())),
                                              nullptr, false);
            if (tail.is_discarded() || !text.empty())
                return std::nullopt;
            readSummary(tail["summary"], plan);
            return plan;
        }
        auto body = *line;
        if (body.ends_with(','))
            body.remove_suffix(1);
        auto row = nlohmann::json::parse(body, nullptr, false);
        if (row.is_discarded())
            return std::nullopt;
        if (auto r = readAccount(row, ++n, plan); !r)
            return std::unexpected(r.error());
    }
    return std::nullopt;
}

} // namespace

Result<MigrationPlan> parseMigrationPlan(std::string_view json)
{
    if (auto lines = parseLines(json))
        return std::move(*lines);
    // Any other layout of the same JSON (an admin's editor reformatted it): read as a whole.
    auto j = nlohmann::json::parse(json, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return std::unexpected(notAPlan("not JSON"));
    MigrationPlan plan;
    if (auto h = readHeader(j, plan); !h)
        return std::unexpected(h.error());
    if (!j.contains("accounts") || !j["accounts"].is_array())
        return std::unexpected(notAPlan("no accounts list"));
    std::size_t n = 0;
    for (const auto& row : j["accounts"])
        if (auto r = readAccount(row, ++n, plan); !r)
            return std::unexpected(r.error());
    if (j.contains("summary"))
        readSummary(j["summary"], plan);
    return plan;
}

Result<MigrationPlan> readMigrationPlan(const std::filesystem::path& path)
{
    auto bytes = readFile(path, kMaxPlanBytes);
    if (!bytes)
        return std::unexpected(bytes.error());
    auto plan = parseMigrationPlan(*bytes);
    if (!plan)
        return fail(plan.error().code, utf8Path(path) + ": " + plan.error().detail);
    return plan;
}

std::string_view originId(CertificateOrigin o)
{
    switch (o) {
    case CertificateOrigin::Published: return "published";
    case CertificateOrigin::File: return "file";
    case CertificateOrigin::CaExport: return "ca-export";
    case CertificateOrigin::MapFile: return "map-file";
    }
    return "";
}

std::string_view matchRuleId(MatchRule r)
{
    switch (r) {
    case MatchRule::MapFile: return "map-file";
    case MatchRule::ExistingMapping: return "existing-mapping";
    case MatchRule::Published: return "published";
    case MatchRule::Upn: return "upn";
    case MatchRule::Email: return "email";
    case MatchRule::CommonName: return "common-name";
    }
    return "";
}

std::string_view migrationActionId(MigrationAction a)
{
    switch (a) {
    case MigrationAction::Add: return "add";
    case MigrationAction::Prune: return "prune";
    case MigrationAction::None: return "none";
    case MigrationAction::Skip: return "skip";
    }
    return "";
}

std::string_view skipReasonId(SkipReason r)
{
    switch (r) {
    case SkipReason::None: return "none";
    case SkipReason::NoCertificate: return "no-certificate";
    case SkipReason::Expired: return "expired";
    case SkipReason::NotYetValid: return "not-yet-valid";
    case SkipReason::NotClientAuth: return "not-client-auth";
    case SkipReason::Ambiguous: return "ambiguous";
    case SkipReason::SharedCertificate: return "shared-certificate";
    case SkipReason::NoStrongForm: return "no-strong-form";
    }
    return "";
}

std::string_view certificateUseId(CertificateUse u)
{
    switch (u) {
    case CertificateUse::Mapped: return "mapped";
    case CertificateUse::AlreadyStrong: return "already-strong";
    case CertificateUse::Expired: return "expired";
    case CertificateUse::NotYetValid: return "not-yet-valid";
    case CertificateUse::NotClientAuth: return "not-client-auth";
    case CertificateUse::Ambiguous: return "ambiguous";
    case CertificateUse::Shared: return "shared";
    }
    return "";
}

std::string_view accountOutcomeId(AccountOutcome o)
{
    switch (o) {
    case AccountOutcome::Applied: return "applied";
    case AccountOutcome::Unchanged: return "unchanged";
    case AccountOutcome::Conflict: return "conflict";
    case AccountOutcome::Failed: return "failed";
    case AccountOutcome::Undone: return "undone";
    case AccountOutcome::Resumed: return "resumed";
    }
    return "";
}

} // namespace eascert::directory
