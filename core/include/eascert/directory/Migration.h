#pragma once

// Domain-wide migration to strong mappings: which certificate belongs to which account (from the
// accounts' Published Certificates, certificate files, a CA's export, or an admin's CSV), the strong
// values each account needs, and a journaled, resumable, undoable apply.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "eascert/cert/Certificate.h"
#include "eascert/directory/Directory.h"

namespace eascert::directory {

inline constexpr const char* kMigrationPlanSchema = "eascert.migration-plan.v1";
inline constexpr const char* kMigrationJournalSchema = "eascert.migration-journal.v1";

// Where a certificate came from.
enum class CertificateOrigin
{
    Published,  // the account's userCertificate ("Published Certificates")
    File,       // a .cer/.crt/.pem/.p7b/.pfx file given with --certs
    CaExport,   // a row of `certutil -view -out RawCertificate csv`
    MapFile,    // a line of the admin's sAMAccountName,certificate-file CSV
};

// How a certificate was matched to its account, strongest evidence first (the plan says which).
enum class MatchRule
{
    MapFile,          // the admin's CSV names the account
    ExistingMapping,  // the account already holds a (weak or near-miss) mapping of this certificate
    Published,        // the certificate is on the account's Published Certificates
    Upn,              // the certificate's SAN UPN is the account's userPrincipalName
    Email,            // the certificate's e-mail is the account's mail or UPN
    CommonName,       // the certificate's subject CN is the account's sAMAccountName
};

enum class MigrationAction
{
    Add,    // strong values to add (and, with prune, weak ones to remove)
    Prune,  // already strong; weak or near-miss values of the same certificate to remove
    None,   // every usable certificate is mapped strongly; nothing to do
    Skip,   // nothing can be done safely (reason says why)
};

enum class SkipReason
{
    None,
    NoCertificate,      // an X.509 mapping, but no certificate for it in any source
    Expired,            // the only certificates found have expired (never mapped)
    NotYetValid,        // ... are not valid yet
    NotClientAuth,      // ... may not be used for client authentication (EKU)
    Ambiguous,          // a certificate matches several accounts equally well
    SharedCertificate,  // the same certificate is on several accounts' Published Certificates
    NoStrongForm,       // no strong value can be built (should not happen: Issuer+Serial always can)
};

// One certificate considered for an account, and what became of it.
enum class CertificateUse
{
    Mapped,
    AlreadyStrong,
    Expired,
    NotYetValid,
    NotClientAuth,
    Ambiguous,
    Shared
};

struct SourceCertificate
{
    std::shared_ptr<const cert::CertificateInfo> info;
    CertificateOrigin origin = CertificateOrigin::File;
    std::string source;   // "published", a path, "export.csv row 12", "map.csv line 3"
    std::string account;  // MapFile: the sAMAccountName the CSV names
};

// Certificates from files, a CA export and a map CSV, with what could not be read (one line each:
// the file and the reason; the rest is still used).
struct CertificateSources
{
    std::vector<SourceCertificate> certificates;
    std::vector<std::string> problems;
    bool fromPublished = false;  // also use each account's Published Certificates
};

// --certs: files and folders (recursively) of .cer/.crt/.der/.pem/.p7b/.p7c/.pfx/.p12. A PKCS#12
// without a password opens with an empty one or is reported as a problem.
void addCertificateFiles(CertificateSources& sources, const std::vector<std::filesystem::path>& paths);
// --ca-export: certutil's CSV; the column "Binary Certificate" (or "RawCertificate") as PEM or Base64.
Result<void> addCaExport(CertificateSources& sources, const std::filesystem::path& csv);
// --map: "sAMAccountName,certificate file" lines; paths relative to the CSV's folder; a header line
// ("sAMAccountName,...") is allowed.
Result<void> addMapFile(CertificateSources& sources, const std::filesystem::path& csv);

struct MigrationCertificate
{
    std::string thumbprint;  // SHA-1, upper-case hex, as certutil and the MMC show it
    std::string source;
    CertificateOrigin origin = CertificateOrigin::File;
    MatchRule matchedBy = MatchRule::Published;
    CertificateUse use = CertificateUse::Mapped;
    std::string notAfter;  // ISO 8601
    std::string subject;   // display name
};

struct MigrationAccount
{
    std::string dn;
    std::string samAccountName;
    MigrationAction action = MigrationAction::None;
    std::vector<std::string> add;
    std::vector<std::string> remove;
    SkipReason reason = SkipReason::None;
    std::string detail;                              // e.g. the other accounts of an ambiguous match
    Values before;                                   // altSecurityIdentities when planned: apply skips if changed
    std::vector<MigrationCertificate> certificates;  // the one the action is about first

    bool changes() const { return !add.empty() || !remove.empty(); }
};

struct MigrationSummary
{
    std::size_t scanned = 0;             // accounts read
    std::size_t withoutCertificate = 0;  // accounts with no certificate and no X.509 mapping (not listed)
    std::size_t add = 0, prune = 0, none = 0, skip = 0;
    std::size_t valuesToAdd = 0, valuesToRemove = 0;
};

struct MigrationOptions
{
    bool pruneWeak = false;
    int pageSize = 1000;
    std::string base;       // the subtree to migrate (an OU for a pilot); default: the whole domain
    cert::TimePoint now{};  // validity is judged at this time (default: now)
};

// Items kept in a temporary file (one line each; a plan's accounts exactly as the plan file writes
// them) with only their places in memory: a plan, or a run's results, of 100,000 accounts takes a
// megabyte of memory, not a few hundred. Copies share the file, which only grows; reading is safe
// from several threads. A failed write or read of the file is kept in error().
template <typename T> class StoredList
{
public:
    StoredList();

    std::size_t size() const;
    bool empty() const { return size() == 0; }
    // An item as stored: costly to make, so it can be made on another thread before push_back.
    struct Encoded
    {
        std::string line, identity;
    };
    static Encoded encode(const T& item);
    void push_back(const Encoded& item);
    void push_back(const T& item) { push_back(encode(item)); }
    T operator[](std::size_t i) const;
    T front() const { return (*this)[0]; }
    std::string line(std::size_t i) const;  // item i as stored
    std::optional<Error> error() const;
    // SHA-256 (hex) of what identifies the items, in the order added (a plan's account: its
    // decisions), kept up to date as they are added.
    std::string digest() const;

    class const_iterator
    {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T*;
        using reference = const T&;

        const_iterator() = default;
        const T& operator*() const
        {
            if (!m_current)
                m_current = std::make_shared<T>((*m_owner)[m_index]);
            return *m_current;
        }
        const T* operator->() const { return &**this; }
        const_iterator& operator++()
        {
            ++m_index;
            m_current.reset();
            return *this;
        }
        void operator++(int) { ++*this; }
        bool operator==(const const_iterator& other) const { return m_index == other.m_index; }

    private:
        friend class StoredList;
        const_iterator(const StoredList* owner, std::size_t index) : m_owner(owner), m_index(index) {}
        const StoredList* m_owner = nullptr;
        std::size_t m_index = 0;
        mutable std::shared_ptr<T> m_current;
    };
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size()}; }

private:
    struct Store;
    std::shared_ptr<Store> m_store;
};

using PlanAccounts = StoredList<MigrationAccount>;

struct MigrationPlan
{
    std::string createdAt;
    std::string directory;  // Directory::describe()
    bool pruneWeak = false;
    std::vector<std::string> sourceProblems;
    PlanAccounts accounts;  // sorted by DN
    MigrationSummary summary;

    // Written a piece at a time (to a file or a stream; see writeFileBy), or as one string.
    void writeJson(const std::function<bool(std::string_view)>& sink) const;  // eascert.migration-plan.v1
    void writeCsv(const std::function<bool(std::string_view)>& sink) const;
    void writeLdif(const std::function<bool(std::string_view)>& sink) const;        // the changes only
    void writePowershell(const std::function<bool(std::string_view)>& sink) const;  // Set-ADUser per account
    std::string json() const;
    std::string csv() const;
    std::string ldif() const;  // for ldifde -i / ldapmodify
    std::string powershell() const;
    std::string digest() const;  // SHA-256 of the decisions: names the plan in a journal
};

// Streams the accounts (paged) and matches the certificates to them.
Result<MigrationPlan> planMigration(Directory& directory, const CertificateSources& sources,
                                    const MigrationOptions& options, std::stop_token stop = {});
// A plan file as written by MigrationPlan::json(); every field checked.
Result<MigrationPlan> parseMigrationPlan(std::string_view json);
Result<MigrationPlan> readMigrationPlan(const std::filesystem::path& path);

// ---- Apply, resume, undo ----

enum class AccountOutcome
{
    Applied,    // written, read back, verified
    Unchanged,  // nothing to do (action none or skip in the plan)
    Conflict,   // changed by someone else since the plan: nothing written to it
    Failed,     // a per-account error (detail says which); nothing or only verified parts written
    Undone,     // undo: our change reverted
    Resumed,    // found already applied by an interrupted run (journal and directory agree)
};

struct AccountResult
{
    std::string dn;
    std::string samAccountName;
    AccountOutcome outcome = AccountOutcome::Unchanged;
    Values before;
    Values after;
    std::vector<std::string> added;
    std::vector<std::string> removed;
    std::string detail;
};

struct MigrationProgress
{
    std::size_t done = 0;   // accounts handled (any outcome)
    std::size_t total = 0;  // accounts with changes in the plan
    std::size_t applied = 0, conflicts = 0, failed = 0;
};
using ProgressSink = std::function<void(const MigrationProgress&)>;

struct MigrationRun
{
    StoredList<AccountResult> accounts;  // in the order handled
    MigrationProgress progress;
    bool cancelled = false;  // stopped between accounts; the journal says where
    bool resumed = false;    // continued a journal that existed
    bool offline = false;    // the directory was an LDIF export: nothing written to AD
    std::filesystem::path changeFile;
};

// Applies the plan, writing the journal first: an existing journal for the same plan is resumed
// (its accounts are not written twice); one for another plan is refused. Errors that would repeat
// for every account (rights, connection, TLS, time-out) stop the run with that error, the journal
// intact; per-account conflicts are reported and skipped.
Result<MigrationRun> applyMigration(Directory& directory, const MigrationPlan& plan,
                                    const std::filesystem::path& journal, const ProgressSink& progress = {},
                                    std::stop_token stop = {});
// The plan a journal was started for (to resume without the plan file).
Result<MigrationPlan> journalPlan(const std::filesystem::path& journal);
// Reverts exactly what the journal says this tool wrote, account by account, newest first; values
// others changed since are kept. Resumable: undone accounts are journaled too.
Result<MigrationRun> undoMigration(Directory& directory, const std::filesystem::path& journal,
                                   const ProgressSink& progress = {}, std::stop_token stop = {});
// Errors that stop a whole run rather than one account.
bool stopsRun(ErrorCode code);

std::string_view originId(CertificateOrigin o);
std::string_view matchRuleId(MatchRule r);
std::string_view migrationActionId(MigrationAction a);
std::string_view skipReasonId(SkipReason r);
std::string_view certificateUseId(CertificateUse u);
std::string_view accountOutcomeId(AccountOutcome o);

}  // namespace eascert::directory
