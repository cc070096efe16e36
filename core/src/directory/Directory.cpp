#include "eascert/directory/Directory.h"

#include "eascert/directory/LdapDirectory.h"
#include "eascert/support/Text.h"

namespace eascert::directory {

std::string completeLdapUri(std::string_view typed)
{
    typed = text::trim(typed);
    if (typed.empty() || typed.find("://") != std::string_view::npos)
        return std::string(typed);
    return "ldaps://" + std::string(typed);
}

Result<std::chrono::milliseconds> Directory::allowance(std::chrono::milliseconds perCall, std::string_view what) const
{
    if (!m_deadline)
        return perCall;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*m_deadline - Clock::now());
    if (left.count() <= 0)
        return fail(ErrorCode::DirectoryTimeout, std::string(what) + ": the operation's time (--timeout) is used up");
    return std::min(perCall, left);
}

Result<std::vector<Entry>> searchAll(Directory& directory, const SearchRequest& request, std::size_t maxEntries,
                                     std::stop_token stop)
{
    std::vector<Entry> out;
    bool tooMany = false;
    auto r = directory.search(
        request,
        [&](Entry&& e) {
            if (out.size() >= maxEntries) {
                tooMany = true;
                return false;
            }
            out.push_back(std::move(e));
            return true;
        },
        stop);
    if (!r)
        return std::unexpected(r.error());
    if (tooMany)
        return fail(ErrorCode::InvalidArgument, "more than " + std::to_string(maxEntries) + " entries match");
    return out;
}

Result<std::optional<Entry>> readEntry(Directory& directory, const std::string& dn, std::vector<std::string> attributes)
{
    SearchRequest request;
    request.base = dn;
    request.scope = Scope::Base;
    request.attributes = std::move(attributes);
    auto entries = searchAll(directory, request, 1);
    if (!entries) {
        if (entries.error().code == ErrorCode::NoSuchEntry)
            return std::optional<Entry>();
        return std::unexpected(entries.error());
    }
    if (entries->empty())
        return std::optional<Entry>();
    return std::optional<Entry>(std::move(entries->front()));
}

Result<RootDse> readRootDse(Directory& directory)
{
    SearchRequest request;
    request.base = "";
    request.scope = Scope::Base;
    request.attributes = {"defaultNamingContext", "configurationNamingContext", "dnsHostName"};
    request.pageSize = 0;
    auto entries = searchAll(directory, request, 1);
    if (!entries)
        return std::unexpected(entries.error());
    if (entries->empty())
        return fail(ErrorCode::DirectoryError, "the server returned no rootDSE");
    const Entry& e = entries->front();
    return RootDse{e.first("defaultNamingContext"), e.first("configurationNamingContext"), e.first("dnsHostName")};
}

}  // namespace eascert::directory
