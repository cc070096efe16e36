#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "eascert/directory/Entry.h"
#include "eascert/directory/Filter.h"
#include "eascert/support/Error.h"

namespace eascert::directory {

enum class Scope
{
    Base,
    OneLevel,
    Subtree
};

struct SearchRequest
{
    std::string base;
    Scope scope = Scope::Subtree;
    Filter filter = Filter::present("objectClass");
    std::vector<std::string> attributes;
    int pageSize = 500;  // paged results control (AD's MaxPageSize is 1000)
};

enum class ModificationOp
{
    Add,
    Delete,
    Replace
};

struct Modification
{
    ModificationOp op = ModificationOp::Add;
    std::string attribute;
    Values values;  // Delete with no values removes the attribute
};

struct RootDse
{
    std::string defaultNamingContext;
    std::string configurationNamingContext;
    std::string dnsHostName;
};

// Called for each entry; return false to stop the search early.
using EntrySink = std::function<bool(Entry&&)>;

// An Active Directory as the product sees it. Backends: OpenLDAP (libldap), LDIF files; a Windows
// wldap32 backend (Negotiate with the logged-on admin) implements the same interface.
class Directory
{
public:
    virtual ~Directory() = default;

    virtual Result<RootDse> rootDse() = 0;
    // Pages through all results; search references (other partitions) are skipped. Returns the
    // number of entries delivered.
    virtual Result<std::size_t> search(const SearchRequest& request, const EntrySink& sink,
                                       std::stop_token stop = {}) = 0;
    // All modifications apply atomically to one entry, or none does.
    virtual Result<void> modify(const std::string& dn, const std::vector<Modification>& changes) = 0;
    // Creates an entry with its attributes (EntryExists when the DN is taken), and deletes a leaf
    // entry: only for objects the product itself creates (the forest's NTAuth store).
    virtual Result<void> addEntry(const Entry& entry) = 0;
    virtual Result<void> deleteEntry(const std::string& dn) = 0;
    // For logs and reports: "ldaps://dc1 (TLS verified, simple bind as CN=...)"; never a secret.
    virtual std::string describe() const = 0;
    // An offline directory (an LDIF export) takes changes into memory and into a change file for an
    // admin to import: Active Directory itself is unchanged until then. Live directories: false.
    virtual bool writesOffline() const { return false; }
    // The change file an offline directory writes (empty: changes stay in memory only).
    virtual std::filesystem::path changeFile() const { return {}; }

    // The whole operation's deadline (a command's --timeout): each call waits at most until then,
    // and once it has passed every network call fails with DirectoryTimeout. None: per call only.
    using Clock = std::chrono::steady_clock;
    void setDeadline(std::optional<Clock::time_point> deadline) { m_deadline = deadline; }
    std::optional<Clock::time_point> deadline() const { return m_deadline; }

protected:
    // What one call may wait: perCall, or less when the deadline is nearer (DirectoryTimeout once it
    // has passed).
    Result<std::chrono::milliseconds> allowance(std::chrono::milliseconds perCall, std::string_view what) const;

private:
    std::optional<Clock::time_point> m_deadline;
};

// Convenience: collects at most maxEntries (more is an error: the caller's query was too broad).
Result<std::vector<Entry>> searchAll(Directory& directory, const SearchRequest& request, std::size_t maxEntries = 10000,
                                     std::stop_token stop = {});
// The rootDSE as a live server reports it (a base search of ""): what network backends' rootDse() return.
Result<RootDse> readRootDse(Directory& directory);
Result<std::optional<Entry>> readEntry(Directory& directory, const std::string& dn,
                                       std::vector<std::string> attributes);

}  // namespace eascert::directory
