#include "eascert/directory/LdifDirectory.h"
#include "eascert/support/File.h"

#include <algorithm>
#include <fstream>

#include "eascert/directory/Ldif.h"
#include "eascert/support/Path.h"
#include "eascert/support/Text.h"

namespace eascert::directory {

namespace {

// The DN one level up: what follows the first ',' that is not escaped ("" for a top entry).
std::string_view parentDn(std::string_view dn)
{
    for (std::size_t i = 0; i < dn.size(); ++i) {
        if (dn[i] == '\\') {
            ++i;
            continue;
        }
        if (dn[i] == ',')
            return dn.substr(i + 1);
    }
    return {};
}

constexpr std::uintmax_t kMaxLdifBytes = 512ull * 1024 * 1024;

// Is dn at or below base (DN suffix match, case-insensitive)?
bool underBase(const std::string& dn, const std::string& base, Scope scope)
{
    if (base.empty())
        return scope == Scope::Subtree;
    if (sameDn(dn, base))
        return scope != Scope::OneLevel;
    if (scope == Scope::Base)
        return false;
    const std::string d = text::foldCase(dn);
    const std::string b = text::foldCase(base);
    if (d.size() <= b.size() + 1 || d.compare(d.size() - b.size(), b.size(), b) != 0 ||
        d[d.size() - b.size() - 1] != ',')
        return false;
    if (scope == Scope::Subtree)
        return true;
    // One level: exactly one RDN in front (commas inside quotes or escaped are rare here; count plain ones).
    const std::string_view head(d.data(), d.size() - b.size() - 1);
    std::size_t commas = 0;
    for (std::size_t i = 0; i < head.size(); ++i)
        if (head[i] == ',' && (i == 0 || head[i - 1] != '\\'))
            ++commas;
    return commas == 0;
}

Entry project(const Entry& e, const std::vector<std::string>& attributes)
{
    if (attributes.empty())
        return e;
    Entry out{e.dn, {}};
    for (const auto& a : attributes)
        if (const auto it = e.attributes.find(a); it != e.attributes.end())
            out.attributes.insert(*it);
    return out;
}

}  // namespace

Result<std::unique_ptr<LdifDirectory>> LdifDirectory::open(const std::filesystem::path& input,
                                                           std::optional<std::filesystem::path> changeFile)
{
    const auto text = readFile(input, kMaxLdifBytes);
    if (!text)
        return std::unexpected(text.error());
    auto entries = parseLdif(*text);
    if (!entries)
        return fail(entries.error().code, utf8Path(input) + ": " + entries.error().detail);
    auto dir = fromEntries(std::move(*entries), std::move(changeFile));
    dir->m_source = input;
    return dir;
}

std::unique_ptr<LdifDirectory> LdifDirectory::fromEntries(std::vector<Entry> entries,
                                                          std::optional<std::filesystem::path> changeFile)
{
    auto dir = std::unique_ptr<LdifDirectory>(new LdifDirectory());
    dir->m_entries = std::move(entries);
    dir->m_changeFile = std::move(changeFile);
    return dir;
}

Result<RootDse> LdifDirectory::rootDse()
{
    // The domain is the DC= suffix shared by the entries (an export has no rootDSE).
    RootDse dse;
    for (const auto& e : m_entries) {
        const std::string folded = text::foldCase(e.dn);
        const auto pos = folded.find("dc=");
        if (pos == std::string::npos)
            continue;
        const std::string suffix = e.dn.substr(pos);
        if (dse.defaultNamingContext.empty() || suffix.size() < dse.defaultNamingContext.size())
            dse.defaultNamingContext = suffix;
    }
    if (dse.defaultNamingContext.empty())
        return fail(ErrorCode::CorruptData, "the LDIF file has no entry under a DC= domain");
    dse.configurationNamingContext = "CN=Configuration," + dse.defaultNamingContext;
    return dse;
}

Entry* LdifDirectory::findEntry(std::string_view dn)
{
    if (!m_indexed) {
        m_byDn.clear();
        for (std::size_t i = 0; i < m_entries.size(); ++i)
            m_byDn.emplace(dnKey(m_entries[i].dn), i);
        m_indexed = true;
    }
    const auto it = m_byDn.find(dnKey(dn));
    return it == m_byDn.end() ? nullptr : &m_entries[it->second];
}

Result<std::size_t> LdifDirectory::search(const SearchRequest& request, const EntrySink& sink, std::stop_token stop)
{
    if (request.scope == Scope::Base && !request.base.empty()) {
        const Entry* e = findEntry(request.base);
        if (!e)
            return fail(ErrorCode::NoSuchEntry, request.base);
        if (!request.filter.matches(*e))
            return std::size_t{0};
        sink(project(*e, request.attributes));
        return std::size_t{1};
    }
    std::size_t count = 0;
    bool baseSeen = request.base.empty();
    for (const auto& e : m_entries) {
        if (stop.stop_requested())
            return fail(ErrorCode::Cancelled);
        if (!baseSeen && sameDn(e.dn, request.base))
            baseSeen = true;
        if (!underBase(e.dn, request.base, request.scope) || !request.filter.matches(e))
            continue;
        ++count;
        if (!sink(project(e, request.attributes)))
            break;
    }
    if (!baseSeen && count == 0 && request.scope == Scope::Base)
        return fail(ErrorCode::NoSuchEntry, request.base);
    return count;
}

Result<void> LdifDirectory::modify(const std::string& dn, const std::vector<Modification>& changes)
{
    Entry* it = findEntry(dn);
    if (!it)
        return fail(ErrorCode::NoSuchEntry, dn);

    // Validate everything first, like a server: all or nothing.
    Entry updated = *it;
    for (const auto& m : changes) {
        auto& values = updated.attributes[m.attribute];
        const auto find = [&](const std::string& v) {
            return std::find_if(values.begin(), values.end(),
                                [&](const std::string& x) { return text::equalsIgnoreCase(x, v); });
        };
        switch (m.op) {
        case ModificationOp::Add:
            for (const auto& v : m.values) {
                if (find(v) != values.end())
                    return fail(ErrorCode::ValueExists, m.attribute);
                values.push_back(v);
            }
            break;
        case ModificationOp::Delete:
            if (m.values.empty()) {
                values.clear();
                break;
            }
            for (const auto& v : m.values) {
                const auto pos = find(v);
                if (pos == values.end())
                    return fail(ErrorCode::NoSuchValue, m.attribute);
                values.erase(pos);
            }
            break;
        case ModificationOp::Replace: values = m.values; break;
        }
        if (values.empty())
            updated.attributes.erase(m.attribute);
    }

    if (auto w = appendChange(ldifModifyRecord(it->dn, changes)); !w)
        return w;
    *it = std::move(updated);
    return {};
}

Result<void> LdifDirectory::appendChange(const std::string& record)
{
    if (!m_changeFile)
        return {};
    std::ofstream out(*m_changeFile, std::ios::binary | std::ios::app);
    out << record;
    out.flush();
    if (!out)
        return fail(ErrorCode::FileUnwritable, "change file " + utf8Path(*m_changeFile));
    return {};
}

Result<void> LdifDirectory::addEntry(const Entry& entry)
{
    const auto has = [&](std::string_view dn) { return findEntry(dn) != nullptr; };
    if (has(entry.dn))
        return fail(ErrorCode::EntryExists, entry.dn);
    if (const auto parent = parentDn(entry.dn); !parent.empty() && !has(parent))
        return fail(ErrorCode::NoSuchEntry, std::string(parent));
    if (auto w = appendChange(ldifAddRecord(entry)); !w)
        return w;
    m_entries.push_back(entry);
    m_byDn.emplace(dnKey(entry.dn), m_entries.size() - 1);
    return {};
}

Result<void> LdifDirectory::deleteEntry(const std::string& dn)
{
    const auto it = std::find_if(m_entries.begin(), m_entries.end(), [&](const Entry& e) { return sameDn(e.dn, dn); });
    if (it == m_entries.end())
        return fail(ErrorCode::NoSuchEntry, dn);
    if (std::any_of(m_entries.begin(), m_entries.end(), [&](const Entry& e) { return sameDn(parentDn(e.dn), dn); }))
        return fail(ErrorCode::InvalidArgument, "not a leaf entry: " + dn);
    if (auto w = appendChange(ldifDeleteRecord(it->dn)); !w)
        return w;
    m_entries.erase(it);
    m_indexed = false;  // the places after it moved
    return {};
}

std::string LdifDirectory::describe() const
{
    std::string out = "LDIF file " + (m_source.empty() ? std::string("(in memory)") : utf8Path(m_source));
    if (m_changeFile)
        out += ", changes written to " + m_changeFile->string();
    return out;
}

}  // namespace eascert::directory
