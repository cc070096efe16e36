#include "eascert/probe/Probe.h"

#include <charconv>

#include "eascert/support/Text.h"

namespace eascert::probe {

Result<Url> parseUrl(std::string_view text)
{
    text = text::trim(text);
    if (text::startsWithIgnoreCase(text, "http://"))
        return fail(ErrorCode::InvalidArgument, "client certificates need https://, not http://");
    if (!text::startsWithIgnoreCase(text, "https://"))
        return fail(ErrorCode::InvalidArgument, "the URL must start with https://: " + std::string(text));
    text.remove_prefix(8);
    Url url;
    const std::size_t slash = text.find('/');
    std::string_view authority = text.substr(0, slash);
    if (slash != std::string_view::npos)
        url.path = std::string(text.substr(slash));
    if (authority.empty())
        return fail(ErrorCode::InvalidArgument, "the URL has no host");
    if (authority.find('@') != std::string_view::npos)
        return fail(ErrorCode::InvalidArgument, "credentials in the URL are not supported");
    std::string_view portText;
    if (authority.front() == '[') {  // [::1]:443
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos)
            return fail(ErrorCode::InvalidArgument, "unterminated IPv6 address in the URL");
        url.host = std::string(authority.substr(1, close - 1));
        if (close + 1 < authority.size()) {
            if (authority[close + 1] != ':')
                return fail(ErrorCode::InvalidArgument, "bad port in the URL");
            portText = authority.substr(close + 2);
        }
    } else {
        const std::size_t colon = authority.rfind(':');
        url.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos)
            portText = authority.substr(colon + 1);
    }
    if (!portText.empty()) {
        unsigned port = 0;
        const auto [ptr, ec] = std::from_chars(portText.data(), portText.data() + portText.size(), port);
        if (ec != std::errc() || ptr != portText.data() + portText.size() || port == 0 || port > 65535)
            return fail(ErrorCode::InvalidArgument, "bad port in the URL: " + std::string(portText));
        url.port = static_cast<std::uint16_t>(port);
    }
    if (url.host.empty() || url.host.find_first_of(" \t/\\") != std::string::npos)
        return fail(ErrorCode::InvalidArgument, "bad host in the URL");
    for (char c : url.path)
        if (static_cast<unsigned char>(c) < 0x21 || c == 0x7f)
            return fail(ErrorCode::InvalidArgument, "the URL path contains spaces or control characters");
    return url;
}

std::string completeUrl(std::string_view text)
{
    text = text::trim(text);
    if (text.empty() || text.find("://") != std::string_view::npos)
        return std::string(text);
    std::string url = "https://" + std::string(text);
    if (text.find('/') == std::string_view::npos)
        url += Url{}.path;
    return url;
}

}  // namespace eascert::probe
