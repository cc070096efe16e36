#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "eascert/directory/Directory.h"

namespace eascert::directory {

// An offline directory: an ldifde/ldapsearch export in memory. Changes apply in memory (so a
// read-back works) and are appended as "changetype: modify" records to the change file, for an
// admin with write rights to apply with `ldifde -i -f FILE` or `ldapmodify -f FILE`.
class LdifDirectory : public Directory
{
public:
    static Result<std::unique_ptr<LdifDirectory>> open(const std::filesystem::path& input,
                                                       std::optional<std::filesystem::path> changeFile = {});
    static std::unique_ptr<LdifDirectory> fromEntries(std::vector<Entry> entries,
                                                      std::optional<std::filesystem::path> changeFile = {});

    Result<RootDse> rootDse() override;
    Result<std::size_t> search(const SearchRequest& request, const EntrySink& sink, std::stop_token stop) override;
    Result<void> modify(const std::string& dn, const std::vector<Modification>& changes) override;
    Result<void> addEntry(const Entry& entry) override;
    Result<void> deleteEntry(const std::string& dn) override;
    std::string describe() const override;
    bool writesOffline() const override { return true; }
    std::filesystem::path changeFile() const override { return m_changeFile.value_or(std::filesystem::path()); }

    const std::vector<Entry>& entries() const { return m_entries; }

private:
    Result<void> appendChange(const std::string& record);
    // The entry with this DN (as sameDn compares), through an index by dnKey built on first use: a
    // run over a 10,000-account export looks each account up, which a scan made quadratic.
    Entry* findEntry(std::string_view dn);

    std::vector<Entry> m_entries;
    std::unordered_map<std::string, std::size_t> m_byDn;
    bool m_indexed = false;
    std::filesystem::path m_source;
    std::optional<std::filesystem::path> m_changeFile;
};

}  // namespace eascert::directory
