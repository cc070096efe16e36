// The migration plan: which certificate belongs to which account, and the strong values each needs.
// One paged pass over the accounts; certificates from outside the directory are indexed by what can
// tie them to an account (UPN, e-mail, CN, the serial/SKI/thumbprint an existing mapping names).

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <fstream>
#include <map>
#include <mutex>
#include <numeric>
#include <span>
#include <thread>
#include <tuple>
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

#include "OrderedWork.h"
#include "ScratchLines.h"
#include "ValueSet.h"

// Last: windows.h's macros reach only this file's own code.
#ifdef _WIN32
#include <windows.h>
#else
#include <sys/resource.h>
#include <unistd.h>
#endif

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
    explicit CertificateIndex(const std::vector<SourceCertificate>& certs) : m_certs(certs)
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

    const std::vector<std::size_t>* byAccount(std::string_view sam) const
    {
        return find(m_byAccount, text::foldCase(sam));
    }
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

// Planning's workers yield the processor to the thread reading the directory (a page read late keeps
// the directory waiting for the next request), and to the DC itself when the tool runs on it.
void yieldToOthers()
{
#ifdef _WIN32
    SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_BELOW_NORMAL);
#else
    const auto self = static_cast<id_t>(gettid());
    errno = 0;
    const int now = getpriority(PRIO_PROCESS, self);
    if (errno == 0)
        (void)setpriority(PRIO_PROCESS, self, std::min(now + 5, 19));
#endif
}

int precedence(MatchRule r)
{
    return static_cast<int>(r);  // the enum is ordered strongest evidence first
}

Claim judge(const cert::CertificateInfo& c, MatchRule rule, CertificateOrigin origin, const std::string& source,
            const Values& existing, const MigrationOptions& options)
{
    Claim claim;
    claim.facts = {
        hexOf(c.sha1Thumbprint),     source, origin, rule, CertificateUse::Mapped, cert::formatTime(c.notAfter),
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

void countInto(MigrationSummary& summary, MigrationAction action, std::size_t add, std::size_t remove)
{
    switch (action) {
    case MigrationAction::Add: ++summary.add; break;
    case MigrationAction::Prune: ++summary.prune; break;
    case MigrationAction::None: ++summary.none; break;
    case MigrationAction::Skip: ++summary.skip; break;
    }
    summary.valuesToAdd += add;
    summary.valuesToRemove += remove;
}

void countInto(MigrationSummary& summary, const MigrationAccount& a)
{
    countInto(summary, a.action, a.add.size(), a.remove.size());
}

// The account's row from its surviving claims.
void decide(Pending& p, bool pruneWeak)
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
}

// A claim as settling the conflicts sees it: a few bytes each, so that a domain's worth fits in memory
// while the claims themselves wait in the scratch file.
struct ClaimRef
{
    std::array<char, 20> key{};  // the certificate's SHA-1
    std::uint32_t account = 0;   // its place in the scratch file
    std::uint16_t claim = 0;     // its place in the account's claims
    std::uint8_t rule = 0;       // MatchRule
};

// What settling decided for the claims in a conflict (the others keep theirs).
struct Settlement
{
    std::unordered_map<std::uint64_t, std::optional<CertificateUse>> claims;  // nullopt: dropped
    std::unordered_map<std::uint32_t, std::string> details;                   // per account

    static std::uint64_t id(std::uint32_t account, std::uint16_t claim)
    {
        return (std::uint64_t{account} << 16) | claim;
    }
};

// A certificate claimed by several accounts: the best evidence wins when one account alone has it;
// otherwise none of them gets it (published on several: shared; matched equally well: ambiguous).
Settlement settleConflicts(std::vector<ClaimRef>& refs, const std::vector<std::string>& names)
{
    std::sort(refs.begin(), refs.end(), [](const ClaimRef& x, const ClaimRef& y) {
        return std::tie(x.key, x.account, x.claim) < std::tie(y.key, y.account, y.claim);
    });
    Settlement out;
    for (std::size_t first = 0; first < refs.size();) {
        std::size_t last = first + 1;
        while (last < refs.size() && refs[last].key == refs[first].key)
            ++last;
        const std::span group(refs.data() + first, last - first);
        first = last;
        if (group.size() < 2)
            continue;
        const auto best = std::min_element(group.begin(), group.end(), [](const ClaimRef& x, const ClaimRef& y) {
                              return x.rule < y.rule;
                          })->rule;
        const auto atTop = [&](const ClaimRef& r) { return r.rule == best; };
        const auto top = std::count_if(group.begin(), group.end(), atTop);
        std::string holders;
        for (const auto& r : group)
            if (atTop(r))
                holders += (holders.empty() ? "" : ", ") + names[r.account];
        const bool shared = static_cast<MatchRule>(best) == MatchRule::Published;
        for (const auto& r : group) {
            if (!atTop(r)) {
                out.claims[Settlement::id(r.account, r.claim)] = std::nullopt;
                continue;
            }
            if (top == 1)
                continue;  // the best evidence, alone: it keeps the certificate
            out.claims[Settlement::id(r.account, r.claim)] =
                shared ? CertificateUse::Shared : CertificateUse::Ambiguous;
            auto& detail = out.details[r.account];
            detail +=
                (detail.empty() ? "" : "; ") + std::string(shared ? "also published on: " : "also matches: ") + holders;
        }
    }
    return out;
}

// An account and its claims in the scratch file while the rest of the domain is read, for the few
// that settling the conflicts changes: byte for byte (these DNs and values are written back to the
// directory), each field its length and its bytes — no document is built for what is rarely read.
class RecordWriter
{
public:
    RecordWriter& text(std::string_view s)
    {
        const auto n = static_cast<std::uint32_t>(s.size());
        for (int shift = 0; shift < 32; shift += 8)
            m_out.push_back(static_cast<char>((n >> shift) & 0xFF));
        m_out.append(s);
        return *this;
    }
    RecordWriter& list(const std::vector<std::string>& vs)
    {
        text(std::to_string(vs.size()));
        for (const auto& v : vs)
            text(v);
        return *this;
    }
    RecordWriter& number(int n) { return text(std::to_string(n)); }
    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
};

class RecordReader
{
public:
    explicit RecordReader(std::string_view in) : m_in(in) {}
    std::optional<std::string> text()
    {
        if (m_in.size() < 4)
            return std::nullopt;
        std::uint32_t n = 0;
        for (int i = 0; i < 4; ++i)
            n |= std::uint32_t{static_cast<unsigned char>(m_in[static_cast<std::size_t>(i)])} << (8 * i);
        m_in.remove_prefix(4);
        if (m_in.size() < n)
            return std::nullopt;
        std::string out(m_in.substr(0, n));
        m_in.remove_prefix(n);
        return out;
    }
    std::optional<int> number()
    {
        const auto t = text();
        int n = 0;
        if (!t || std::from_chars(t->data(), t->data() + t->size(), n).ptr != t->data() + t->size())
            return std::nullopt;
        return n;
    }
    std::optional<std::vector<std::string>> list()
    {
        const auto n = number();
        if (!n || *n < 0 || static_cast<std::size_t>(*n) > m_in.size() / 4)
            return std::nullopt;
        std::vector<std::string> out;
        for (int i = 0; i < *n; ++i) {
            auto v = text();
            if (!v)
                return std::nullopt;
            out.push_back(std::move(*v));
        }
        return out;
    }
    bool done() const { return m_in.empty(); }

private:
    std::string_view m_in;
};

std::string pendingRecord(const Pending& p)
{
    RecordWriter w;
    w.text(p.account.dn).text(p.account.samAccountName).list(p.account.before);
    w.number(p.anyX509 ? 1 : 0).number(p.anyStrong ? 1 : 0).number(static_cast<int>(p.claims.size()));
    for (const auto& c : p.claims) {
        const auto& f = c.facts;
        w.text(f.thumbprint).text(f.source).number(static_cast<int>(f.origin)).number(static_cast<int>(f.matchedBy));
        w.number(static_cast<int>(f.use)).text(f.notAfter).text(f.subject).list(c.add).list(c.remove).text(c.key);
    }
    return w.take();
}

std::optional<Pending> pendingFrom(std::string_view record)
{
    RecordReader r(record);
    Pending p;
    auto dn = r.text(), sam = r.text();
    auto before = r.list();
    const auto x509 = r.number(), strong = r.number(), claims = r.number();
    if (!dn || !sam || !before || !x509 || !strong || !claims || *claims < 0)
        return std::nullopt;
    p.account.dn = std::move(*dn);
    p.account.samAccountName = std::move(*sam);
    p.account.before = std::move(*before);
    p.anyX509 = *x509 != 0;
    p.anyStrong = *strong != 0;
    for (int i = 0; i < *claims; ++i) {
        auto thumbprint = r.text(), source = r.text();
        const auto origin = r.number(), matchedBy = r.number(), use = r.number();
        auto notAfter = r.text(), subject = r.text();
        auto add = r.list(), remove = r.list();
        auto key = r.text();
        if (!thumbprint || !source || !origin || !matchedBy || !use || !notAfter || !subject || !add || !remove || !key)
            return std::nullopt;
        Claim claim;
        claim.facts = {std::move(*thumbprint),
                       std::move(*source),
                       static_cast<CertificateOrigin>(*origin),
                       static_cast<MatchRule>(*matchedBy),
                       static_cast<CertificateUse>(*use),
                       std::move(*notAfter),
                       std::move(*subject)};
        claim.add = std::move(*add);
        claim.remove = std::move(*remove);
        claim.key = std::move(*key);
        p.claims.push_back(std::move(claim));
    }
    if (!r.done())
        return std::nullopt;
    return p;
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

template <typename E> std::optional<E> enumFrom(std::string_view id, std::string_view (*name)(E), int count)
{
    for (int i = 0; i < count; ++i)
        if (name(static_cast<E>(i)) == id)
            return static_cast<E>(i);
    return std::nullopt;
}

}  // namespace

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
        request.filter = Filter::all(
            {Filter::equals("objectClass", "user"), Filter::negate(Filter::equals("objectClass", "computer"))});

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
            if (parsed.form && mapping::strengthOf(*parsed.form) == mapping::Strength::Strong &&
                mapping::lintMapping(v).empty())
                p.anyStrong = true;
        }
        if (sources.fromPublished)
            for (const auto& der : e.values("userCertificate"))
                if (auto info = cert::describeDer(std::as_bytes(std::span(der.data(), der.size())));
                    info && !info->isCa)
                    addClaim(p, judge(*info, MatchRule::Published, CertificateOrigin::Published, "published", existing,
                                      opts));
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
    // An account decided and encoded for the plan.
    struct Decided
    {
        MigrationAction action{};
        std::size_t add = 0, remove = 0;
        PlanAccounts::Encoded encoded;
    };
    const auto decided = [&](Pending& p) {
        decide(p, opts.pruneWeak);
        const auto& a = p.account;
        return Decided{a.action, a.add.size(), a.remove.size(), PlanAccounts::encode(a)};
    };
    // An account ready for the scratch files (serialized on the worker too), with what memory keeps.
    struct Prepared
    {
        bool listed = false;          // false: no certificate and no X.509 mapping, only counted
        std::string record, dn, sam;  // record: pendingRecord(), for an account with a claim
        std::vector<std::pair<std::string, MatchRule>> claims;  // key and rule of each claim
        Decided alone;  // the account as planned when no other account claims its certificates
    };
    const auto prepare = [&](const Batch& batch) {
        std::vector<Prepared> out(batch.size());
        for (std::size_t i = 0; i < batch.size(); ++i) {
            auto p = pendingFor(batch[i]);
            auto& o = out[i];
            o.listed = !p.claims.empty() || p.anyX509;
            if (!o.listed)
                continue;
            // Only an account with a claim can be in a conflict and be read back.
            if (!p.claims.empty())
                o.record = pendingRecord(p);
            o.dn = p.account.dn;
            o.sam = p.account.samAccountName;
            for (const auto& c : p.claims)
                o.claims.emplace_back(c.key, c.facts.matchedBy);
            o.alone = decided(p);
        }
        return out;
    };
    // The accounts to plan wait in scratch files: as read (pendingRecord(), empty for an account
    // without a claim) and as planned alone (two lines each: the plan's line and its identity); memory
    // keeps what sorting them and settling the conflicts across accounts needs.
    ScratchLines pending, alone;
    std::vector<std::string> dns, names;
    std::vector<ClaimRef> refs;
    struct Counts
    {
        MigrationAction action{};
        std::uint32_t add = 0, remove = 0;
    };
    std::vector<Counts> counts;  // of each account as planned
    const auto keep = [&](std::vector<Prepared> prepared) {
        for (auto& p : prepared) {
            if (!p.listed) {
                ++plan.summary.withoutCertificate;  // nothing to migrate: counted, not listed
                continue;
            }
            const auto at = static_cast<std::uint32_t>(dns.size());
            for (std::size_t j = 0; j < p.claims.size(); ++j) {
                ClaimRef r;
                const auto& key = p.claims[j].first;
                std::copy_n(key.begin(), std::min(key.size(), r.key.size()), r.key.begin());
                r.account = at;
                r.claim = static_cast<std::uint16_t>(j);
                r.rule = static_cast<std::uint8_t>(p.claims[j].second);
                refs.push_back(r);
            }
            dns.push_back(std::move(p.dn));
            names.push_back(std::move(p.sam));
            pending.append(p.record);
            alone.append(p.alone.encoded.line);
            alone.append(p.alone.encoded.identity);
            counts.push_back(
                {p.alone.action, static_cast<std::uint32_t>(p.alone.add), static_cast<std::uint32_t>(p.alone.remove)});
        }
    };
    // Batches in the order the directory sent them, on a pool of workers at a lower priority than the
    // thread reading the directory. Eight batches per core may be outstanding (about two pages of
    // entries), so that reading a page never waits for the workers — the directory would wait for
    // the next page's request (with two per core, planning took markedly longer than a paged
    // ldapsearch; README, "Planning keeps pace with the directory") — and memory holds a few pages,
    // not the directory.
    const std::size_t workers = std::max(1u, std::thread::hardware_concurrency());
    constexpr std::size_t kBatch = 128;
    {
        OrderedWork<std::vector<Prepared>, decltype(keep)> preparing(workers, 8 * workers, yieldToOthers, keep);
        Batch batch;
        const auto submit = [&] {
            if (!batch.empty())
                preparing.submit([&prepare, b = std::move(batch)] { return prepare(b); });
            batch = {};
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
        preparing.finish();
        if (!scanned)
            return std::unexpected(scanned.error());
    }
    if (stop.stop_requested())
        return fail(ErrorCode::Cancelled);

    for (const auto* scratch : {&pending, &alone})
        if (auto e = scratch->error())
            return std::unexpected(*e);

    const auto settled = settleConflicts(refs, names);
    refs = {};
    std::vector<std::uint32_t> order(dns.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) { return dns[x] < dns[y]; });
    dns = {};

    // An account whose claims settling changed is read back and decided again, on the workers (a
    // chunk of them in DN order each), into a scratch file of its own; every other one stays as
    // planned alone.
    std::vector<bool> contested(counts.size());
    for (const auto& [id, use] : settled.claims)
        contested[static_cast<std::size_t>(id >> 16)] = true;
    for (const auto& [account, detail] : settled.details)
        contested[account] = true;
    std::vector<std::uint32_t> again;
    std::copy_if(order.begin(), order.end(), std::back_inserter(again), [&](std::uint32_t i) { return contested[i]; });
    const auto damaged = [](const ScratchLines& scratch) {
        return fail(ErrorCode::Internal, scratch.error() ? scratch.error()->detail : "the temporary file was damaged");
    };
    const auto decideAgain = [&](std::span<const std::uint32_t> chunk) -> Result<std::vector<Decided>> {
        std::vector<Decided> out;
        out.reserve(chunk.size());
        for (const auto i : chunk) {
            const auto record = pending.at(i);
            auto p = record ? pendingFrom(*record) : std::nullopt;
            if (!p)
                return damaged(pending);
            for (std::size_t j = 0; j < p->claims.size(); ++j) {
                const auto verdict = settled.claims.find(Settlement::id(i, static_cast<std::uint16_t>(j)));
                if (verdict == settled.claims.end())
                    continue;
                auto& claim = p->claims[j];
                if (!verdict->second) {
                    claim.dropped = true;
                    continue;
                }
                claim.facts.use = *verdict->second;
                claim.add.clear();
                claim.remove.clear();
            }
            if (const auto d = settled.details.find(i); d != settled.details.end())
                p->account.detail = d->second;
            out.push_back(decided(*p));
        }
        return out;
    };
    ScratchLines redecided;  // two lines per contested account, in DN order
    std::optional<Error> failed;
    std::size_t next = 0;
    const auto keepAgain = [&](Result<std::vector<Decided>> chunk) {
        if (!chunk) {
            failed = failed.value_or(chunk.error());
            return;
        }
        for (auto& d : *chunk) {
            counts[again[next++]] = {d.action, static_cast<std::uint32_t>(d.add), static_cast<std::uint32_t>(d.remove)};
            redecided.append(d.encoded.line);
            redecided.append(d.encoded.identity);
        }
    };
    {
        OrderedWork<Result<std::vector<Decided>>, decltype(keepAgain)> deciding(workers, 2 * workers, yieldToOthers,
                                                                                keepAgain);
        for (std::size_t first = 0; first < again.size(); first += kBatch)
            deciding.submit(
                [&decideAgain, chunk = std::span(again).subspan(first, std::min(kBatch, again.size() - first))] {
                    return decideAgain(chunk);
                });
        deciding.finish();
    }
    if (failed)
        return std::unexpected(*failed);

    // The plan in DN order.
    std::size_t k = 0;
    for (const auto i : order) {
        const bool changed = contested[i];
        auto& from = changed ? redecided : alone;
        const std::size_t at = 2 * (changed ? k++ : std::size_t{i});
        auto line = from.at(at);
        auto identity = from.at(at + 1);
        if (!line || !identity)
            return damaged(from);
        countInto(plan.summary, counts[i].action, counts[i].add, counts[i].remove);
        plan.accounts.push_back(PlanAccounts::Encoded{std::move(*line), std::move(*identity)});
    }
    if (plan.accounts.error())
        return std::unexpected(*plan.accounts.error());
    return plan;
}

namespace {

// Words for the admin in a plan line: made safe for any JSON reader (text::makeTextSafe's rule).
void appendText(std::string& out, std::string_view s)
{
    text::appendJsonString(out, text::needsEscaping(s) ? text::printable(s) : std::string(s));
}

// An account's line of the plan file, written field by field as nlohmann's compact dump writes it
// (planning writes one per account of the domain; TestMigration holds the exact bytes). The DN, the
// logon name and the values byte for byte (hex when not UTF-8: they are written back to the
// directory); the words for the admin made safe for any JSON reader.
std::string storedLine(const MigrationAccount& a)
{
    std::string out = "{\"dn\":";
    values::appendJsonValue(out, a.dn);
    out += ",\"sAMAccountName\":";
    values::appendJsonValue(out, a.samAccountName);
    out += ",\"action\":";
    text::appendJsonString(out, migrationActionId(a.action));
    out += ",\"add\":";
    values::appendJson(out, a.add);
    out += ",\"remove\":";
    values::appendJson(out, a.remove);
    out += ",\"reason\":";
    text::appendJsonString(out, a.reason == SkipReason::None ? "" : skipReasonId(a.reason));
    out += ",\"detail\":";
    appendText(out, a.detail);
    if (!a.certificates.empty()) {
        out += ",\"certificate\":{\"thumbprint\":";
        appendText(out, a.certificates.front().thumbprint);
        out += ",\"source\":";
        appendText(out, a.certificates.front().source);
        out += "}";
    }
    out += ",\"certificates\":[";
    for (std::size_t i = 0; i < a.certificates.size(); ++i) {
        const auto& c = a.certificates[i];
        out += i == 0 ? "{\"thumbprint\":" : ",{\"thumbprint\":";
        appendText(out, c.thumbprint);
        out += ",\"source\":";
        appendText(out, c.source);
        out += ",\"origin\":";
        text::appendJsonString(out, originId(c.origin));
        out += ",\"matchedBy\":";
        text::appendJsonString(out, matchRuleId(c.matchedBy));
        out += ",\"use\":";
        text::appendJsonString(out, certificateUseId(c.use));
        out += ",\"notAfter\":";
        appendText(out, c.notAfter);
        out += ",\"subject\":";
        appendText(out, c.subject);
        out += "}";
    }
    out += "],\"before\":";
    values::appendJson(out, a.before);
    out += "}";
    return out;
}

constexpr std::string_view kAccountsOpen = ",\"accounts\":[";
constexpr std::string_view kSummaryOpen = "],\"summary\":";

}  // namespace

// One account per line between the header line and the summary line: valid JSON for any tool, and
// read back a line at a time (parseMigrationPlan) without a document of the whole plan in memory.
void MigrationPlan::writeJson(const std::function<bool(std::string_view)>& sink) const
{
    nlohmann::ordered_json head;
    head["schema"] = kMigrationPlanSchema;
    head["createdAt"] = createdAt;
    head["directory"] = directory;
    head["pruneWeak"] = pruneWeak;
    head["sourceProblems"] = sourceProblems;
    std::string out = text::safeDump(head);
    out.pop_back();  // the closing brace: the accounts follow
    if (!sink(out + std::string(kAccountsOpen) + "\n"))
        return;
    const auto n = accounts.size();
    for (std::size_t i = 0; i < n; ++i)
        if (!sink(accounts.line(i)) || !sink(i + 1 < n ? ",\n" : "\n"))
            return;
    nlohmann::ordered_json sum = {{"scanned", summary.scanned},
                                  {"withoutCertificate", summary.withoutCertificate},
                                  {"add", summary.add},
                                  {"prune", summary.prune},
                                  {"none", summary.none},
                                  {"skip", summary.skip},
                                  {"valuesToAdd", summary.valuesToAdd},
                                  {"valuesToRemove", summary.valuesToRemove}};
    sink(std::string(kSummaryOpen) + text::safeDump(sum) + "}\n");
}

void MigrationPlan::writeCsv(const std::function<bool(std::string_view)>& sink) const
{
    if (!sink("dn,sAMAccountName,action,add,remove,reason,detail,thumbprint,source,matchedBy\n"))
        return;
    for (const auto& a : accounts) {
        const MigrationCertificate* c = a.certificates.empty() ? nullptr : &a.certificates.front();
        if (!sink(csvField(a.dn) + ',' + csvField(a.samAccountName) + ',' + std::string(migrationActionId(a.action)) +
                  ',' + csvField(joined(a.add)) + ',' + csvField(joined(a.remove)) + ',' +
                  std::string(a.reason == SkipReason::None ? "" : skipReasonId(a.reason)) + ',' + csvField(a.detail) +
                  ',' + (c ? c->thumbprint : "") + ',' + csvField(c ? c->source : "") + ',' +
                  std::string(c ? matchRuleId(c->matchedBy) : "") + '\n'))
            return;
    }
}

void MigrationPlan::writeLdif(const std::function<bool(std::string_view)>& sink) const
{
    for (const auto& a : accounts) {
        // Add first, then prune: two records, so that an import that stops half-way never leaves
        // an account with neither its old nor its new mapping.
        if (!a.add.empty() && !sink(ldifModifyRecord(a.dn, {{ModificationOp::Add, kMappingAttribute, a.add}})))
            return;
        if (!a.remove.empty() && !sink(ldifModifyRecord(a.dn, {{ModificationOp::Delete, kMappingAttribute, a.remove}})))
            return;
    }
}

void MigrationPlan::writePowershell(const std::function<bool(std::string_view)>& sink) const
{
    if (!sink("# eascert migration plan " + createdAt + ": add the strong mappings, then remove the weak ones\n"))
        return;
    for (const auto& a : accounts)
        if (!a.add.empty() && !sink(values::setAdUser(a.dn, {}, a.add) + "\n"))
            return;
    for (const auto& a : accounts)
        if (!a.remove.empty() && !sink(values::setAdUser(a.dn, a.remove, {}) + "\n"))
            return;
}

namespace {

template <typename Write> std::string collected(Write write)
{
    std::string out;
    write([&](std::string_view piece) {
        out.append(piece);
        return true;
    });
    return out;
}

}  // namespace

std::string MigrationPlan::json() const
{
    return collected([&](const auto& sink) { writeJson(sink); });
}

std::string MigrationPlan::csv() const
{
    return collected([&](const auto& sink) { writeCsv(sink); });
}

std::string MigrationPlan::ldif() const
{
    return collected([&](const auto& sink) { writeLdif(sink); });
}

std::string MigrationPlan::powershell() const
{
    return collected([&](const auto& sink) { writePowershell(sink); });
}

std::string MigrationPlan::digest() const
{
    return accounts.digest();  // computed as the accounts were added: no pass over the file
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

MigrationCertificate certificateFrom(const nlohmann::json& c)
{
    MigrationCertificate mc;
    mc.thumbprint = stringField(c, "thumbprint").value_or("");
    mc.source = stringField(c, "source").value_or("");
    mc.notAfter = stringField(c, "notAfter").value_or("");
    mc.subject = stringField(c, "subject").value_or("");
    mc.origin = enumFrom<CertificateOrigin>(stringField(c, "origin").value_or(""), originId, 4)
                    .value_or(CertificateOrigin::File);
    mc.matchedBy =
        enumFrom<MatchRule>(stringField(c, "matchedBy").value_or(""), matchRuleId, 6).value_or(MatchRule::Published);
    mc.use = enumFrom<CertificateUse>(stringField(c, "use").value_or(""), certificateUseId, 7)
                 .value_or(CertificateUse::Mapped);
    return mc;
}

// One account of a plan, every field checked.
Result<MigrationAccount> accountFrom(const nlohmann::json& row, std::size_t n, bool pruneWeak)
{
    const std::string where = "account " + std::to_string(n);
    if (!row.is_object())
        return std::unexpected(notAPlan(where + " is not an object"));
    MigrationAccount a;
    auto dn = row.contains("dn") ? values::fromJsonValue(row["dn"]) : std::nullopt;
    auto sam =
        row.contains("sAMAccountName") ? values::fromJsonValue(row["sAMAccountName"]) : std::optional<std::string>("");
    auto action = stringField(row, "action");
    auto add = values::fromJson(row, "add");
    auto remove = values::fromJson(row, "remove");
    auto before = values::fromJson(row, "before");
    auto reason = stringField(row, "reason");
    auto detail = stringField(row, "detail");
    if (!dn || dn->empty() || !sam || !action || !add || !remove || !before || !reason || !detail)
        return std::unexpected(notAPlan(
            where +
            ": dn, sAMAccountName, action, add, remove, before, reason or detail missing or of the wrong type"));
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
    // As decide() words it: add exactly when there is something to add, prune when only something to remove.
    if (a.action == MigrationAction::Add && a.add.empty())
        return std::unexpected(notAPlan(where + ": action add with nothing to add"));
    if (a.action == MigrationAction::Prune && (!a.add.empty() || a.remove.empty()))
        return std::unexpected(notAPlan(where + ": action prune with values to add or nothing to remove"));
    if (!pruneWeak && !a.remove.empty())
        return std::unexpected(notAPlan(where + ": values to remove in a plan made without --prune-weak"));
    for (const auto& v : a.add)
        if (!isX509Mapping(v) || v.size() > 4096)
            return std::unexpected(notAPlan(where + ": \"" + text::printable(v) + "\" is not an X.509 mapping"));
    if (row.contains("certificates") && row["certificates"].is_array())
        for (const auto& c : row["certificates"])
            if (c.is_object())
                a.certificates.push_back(certificateFrom(c));
    return a;
}

// One account of a plan file, checked, counted into the plan's summary and kept.
Result<void> readAccount(const nlohmann::json& row, std::size_t n, MigrationPlan& plan)
{
    auto a = accountFrom(row, n, plan.pruneWeak);
    if (!a)
        return std::unexpected(a.error());
    countInto(plan.summary, *a);
    plan.accounts.push_back(*a);
    if (plan.accounts.error())
        return std::unexpected(*plan.accounts.error());
    return {};
}

// The layout json() writes, a line at a time; nullopt when the text is laid out otherwise.
// next() gives one line after the other (without its newline), nullopt at the end.
using NextLine = std::function<std::optional<std::string>()>;

std::optional<Result<MigrationPlan>> parseLines(const NextLine& next)
{
    auto first = next();
    if (!first || !first->starts_with("{\"schema\":") || !first->ends_with(kAccountsOpen))
        return std::nullopt;
    MigrationPlan plan;
    auto head = nlohmann::json::parse(std::string(first->substr(0, first->size() - kAccountsOpen.size())) + "}",
                                      nullptr, false);
    if (head.is_discarded())
        return std::nullopt;
    if (auto h = readHeader(head, plan); !h)
        return std::unexpected(h.error());
    std::size_t n = 0;
    while (auto line = next()) {
        if (line->starts_with(kSummaryOpen)) {
            auto tail = nlohmann::json::parse(
                std::string("{\"summary\":") + std::string(line->substr(kSummaryOpen.size())), nullptr, false);
            if (tail.is_discarded() || next())
                return std::nullopt;
            readSummary(tail["summary"], plan);
            return plan;
        }
        std::string_view body = *line;
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

}  // namespace

Result<MigrationPlan> parseMigrationPlan(std::string_view json)
{
    const NextLine next = [text = json]() mutable -> std::optional<std::string> {
        if (text.empty())
            return std::nullopt;
        const auto end = text.find('\n');
        std::string line(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        return line;
    };
    if (auto lines = parseLines(next))
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
    // The layout json() writes, a line at a time from the file: a domain's plan is never one string
    // in memory. Anything else (and every error: missing, a folder, too large) as a whole below.
    std::optional<Result<MigrationPlan>> streamed;
    if (std::ifstream in(path, std::ios::binary); in) {
        std::size_t total = 0;
        bool tooLarge = false;
        streamed = parseLines([&]() -> std::optional<std::string> {
            std::string line;
            if (tooLarge || !std::getline(in, line))
                return std::nullopt;
            total += line.size() + 1;
            tooLarge = total > kMaxPlanBytes;
            return tooLarge ? std::nullopt : std::optional(std::move(line));
        });
        if (tooLarge)
            streamed.reset();
    }
    if (streamed) {
        if (!*streamed)
            return fail(streamed->error().code, utf8Path(path) + ": " + streamed->error().detail);
        return std::move(*streamed);
    }
    auto bytes = readFile(path, kMaxPlanBytes);
    if (!bytes)
        return std::unexpected(bytes.error());
    auto plan = parseMigrationPlan(*bytes);
    if (!plan)
        return fail(plan.error().code, utf8Path(path) + ": " + plan.error().detail);
    return plan;
}

// ---- StoredList: plan accounts and run results in a scratch file ----

namespace {

// A plan's decisions only (not the words for the admin): the same plan read back from its file has
// the same digest.
std::string identityLine(const MigrationAccount& a)
{
    std::string out = "[";
    values::appendJsonValue(out, a.dn);
    out += ",";
    text::appendJsonString(out, migrationActionId(a.action));
    for (const auto* list : {&a.add, &a.remove, &a.before}) {
        out += ",";
        values::appendJson(out, *list);
    }
    out += "]";
    return out;
}

Result<MigrationAccount> storedItem(const std::string& line, std::size_t i, const MigrationAccount*)
{
    return accountFrom(nlohmann::json::parse(line, nullptr, false), i + 1, true);
}

std::string storedLine(const AccountResult& r)
{
    const nlohmann::ordered_json j = {
        {"dn", values::toJsonValue(r.dn)},        {"sam", values::toJsonValue(r.samAccountName)},
        {"outcome", static_cast<int>(r.outcome)}, {"before", values::toJson(r.before)},
        {"after", values::toJson(r.after)},       {"added", values::toJson(r.added)},
        {"removed", values::toJson(r.removed)},   {"detail", values::toJsonValue(r.detail)}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string identityLine(const AccountResult& r)
{
    return storedLine(r);
}

Result<AccountResult> storedItem(const std::string& line, std::size_t, const AccountResult*)
{
    const auto j = nlohmann::json::parse(line, nullptr, false);
    const auto text = [&](const char* key) {
        return j.is_object() && j.contains(key) ? values::fromJsonValue(j[key]) : std::nullopt;
    };
    AccountResult r;
    auto dn = text("dn"), sam = text("sam"), detail = text("detail");
    auto before = values::fromJson(j, "before"), after = values::fromJson(j, "after"),
         added = values::fromJson(j, "added"), removed = values::fromJson(j, "removed");
    if (!dn || !sam || !detail || !before || !after || !added || !removed || !j["outcome"].is_number_integer())
        return fail(ErrorCode::Internal, "the temporary file of the run's results was damaged");
    return AccountResult{std::move(*dn),      std::move(*sam),   static_cast<AccountOutcome>(j["outcome"].get<int>()),
                         std::move(*before),  std::move(*after), std::move(*added),
                         std::move(*removed), std::move(*detail)};
}

}  // namespace

template <typename T> struct StoredList<T>::Store
{
    ScratchLines lines;  // also keeps the first failure, of the file or of reading a line back
    std::mutex mutex;
    Sha256 identity;  // of the items' identityLine()s, as they were added
};

template <typename T> StoredList<T>::StoredList() : m_store(std::make_shared<Store>()) {}

template <typename T> std::size_t StoredList<T>::size() const
{
    return m_store->lines.size();
}

template <typename T> typename StoredList<T>::Encoded StoredList<T>::encode(const T& item)
{
    return {storedLine(item), identityLine(item)};
}

template <typename T> void StoredList<T>::push_back(const Encoded& item)
{
    {
        std::lock_guard lock(m_store->mutex);
        m_store->identity.update(item.identity);
        m_store->identity.update("\n");
    }
    m_store->lines.append(item.line);
}

template <typename T> std::string StoredList<T>::line(std::size_t i) const
{
    return m_store->lines.at(i).value_or(std::string());
}

template <typename T> T StoredList<T>::operator[](std::size_t i) const
{
    const auto l = m_store->lines.at(i);
    if (!l)
        return {};
    auto item = storedItem(*l, i, static_cast<const T*>(nullptr));
    if (!item) {
        m_store->lines.fail(item.error());
        return {};
    }
    return std::move(*item);
}

template <typename T> std::optional<Error> StoredList<T>::error() const
{
    return m_store->lines.error();
}

template <typename T> std::string StoredList<T>::digest() const
{
    std::lock_guard lock(m_store->mutex);
    return text::toUpperAscii(toHex(m_store->identity.current()));
}

template class StoredList<MigrationAccount>;
template class StoredList<AccountResult>;

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

}  // namespace eascert::directory
