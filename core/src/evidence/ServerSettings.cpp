#include "eascert/evidence/ServerSettings.h"

#include <pugixml.hpp>

#include <algorithm>
#include <charconv>

#include "eascert/support/Text.h"

namespace eascert::evidence {

namespace {

constexpr std::string_view kServer = "(server)";

// Lines of a text (LF or CRLF), with their 1-based numbers.
template <typename F> void forEachLine(std::string_view text, F&& f)
{
    std::size_t number = 0, pos = 0;
    while (pos < text.size()) {
        const auto nl = text.find('\n', pos);
        auto line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() : nl + 1;
        if (line.ends_with('\r'))
            line.remove_suffix(1);
        f(line, ++number);
    }
}

std::size_t lineOf(std::string_view text, std::ptrdiff_t offset)
{
    if (offset < 0)
        return 0;
    const auto end = std::min(text.size(), static_cast<std::size_t>(offset));
    return static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n')) +
           1;
}

// The certificate settings of one <system.webServer> element, at one scope.
void readWebServer(const pugi::xml_node& webServer, const std::string& scope, std::string_view text, ConfigLog& log,
                   const ConfigLimits& limits)
{
    const auto add = [&](const pugi::xml_node& node, const char* attribute, std::string name) {
        const auto a = node.attribute(attribute);
        if (!a)
            return;
        log.add({scope, std::move(name), a.value(), lineOf(text, node.offset_debug())}, limits.maxSettings);
    };
    const auto security = webServer.child("security");
    const auto authentication = security.child("authentication");
    add(authentication.child("clientCertificateMappingAuthentication"), "enabled",
        "clientCertificateMappingAuthentication.enabled");
    add(authentication.child("iisClientCertificateMappingAuthentication"), "enabled",
        "iisClientCertificateMappingAuthentication.enabled");
    add(authentication.child("anonymousAuthentication"), "enabled", "anonymousAuthentication.enabled");
    add(authentication.child("basicAuthentication"), "enabled", "basicAuthentication.enabled");
    add(authentication.child("windowsAuthentication"), "enabled", "windowsAuthentication.enabled");
    add(security.child("access"), "sslFlags", "access.sslFlags");
    add(webServer.child("serverRuntime"), "uploadReadAheadSize", "serverRuntime.uploadReadAheadSize");
}

std::string trimmedPath(std::string_view path)
{
    auto p = text::trim(path);
    while (p.ends_with('/'))
        p.remove_suffix(1);
    return p.empty() ? std::string(kServer) : std::string(p);
}

// "Default Web Site/Microsoft-Server-ActiveSync" -> "Default Web Site" -> "(server)".
std::string parentOf(std::string_view path)
{
    const auto slash = path.rfind('/');
    return slash == std::string_view::npos ? std::string(kServer) : std::string(path.substr(0, slash));
}

}  // namespace

void ConfigLog::add(ConfigSetting setting, std::size_t maxSettings)
{
    if (settings.size() >= maxSettings)
        ++skipped;
    else
        settings.push_back(std::move(setting));
}

bool looksLikeIisConfig(std::string_view textValue)
{
    const auto head = textValue.substr(0, 64 * 1024);
    return head.find("<configuration") != std::string_view::npos &&
           (head.find("<system.webServer") != std::string_view::npos ||
            head.find("<system.applicationHost") != std::string_view::npos ||
            textValue.find("<system.webServer") != std::string_view::npos);
}

Result<ConfigLog> parseIisConfig(std::string_view textValue, const ConfigLimits& limits)
{
    if (!looksLikeIisConfig(textValue))
        return fail(ErrorCode::UnrecognizedFormat, "not an IIS configuration: applicationHost.config starts with "
                                                   "<configuration> and holds <system.webServer>");
    pugi::xml_document doc;
    const auto parsed = doc.load_buffer(textValue.data(), textValue.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed)
        return fail(ErrorCode::CorruptData, std::string("the configuration's XML is damaged: ") + parsed.description() +
                                                " at line " + std::to_string(lineOf(textValue, parsed.offset)));
    ConfigLog log;
    const auto configuration = doc.child("configuration");
    for (const auto& ws : configuration.children("system.webServer"))
        readWebServer(ws, std::string(kServer), textValue, log, limits);
    for (const auto& location : configuration.children("location")) {
        const std::string scope = trimmedPath(location.attribute("path").value());
        for (const auto& ws : location.children("system.webServer"))
            readWebServer(ws, scope, textValue, log, limits);
    }
    return log;
}

std::optional<ConfigSetting> effectiveSetting(const std::vector<ConfigSetting>& settings, std::string_view path,
                                              std::string_view name)
{
    std::string scope = trimmedPath(path);
    while (true) {
        // The last one written at a scope wins, as in IIS's own merge of repeated sections.
        const ConfigSetting* found = nullptr;
        for (const auto& s : settings)
            if (text::equalsIgnoreCase(s.scope, scope) && s.name == name)
                found = &s;
        if (found)
            return *found;
        if (scope == kServer)
            return std::nullopt;
        scope = parentOf(scope);
    }
}

std::string activeSyncPath(const std::vector<ConfigSetting>& settings)
{
    for (const auto& s : settings) {
        const auto folded = text::foldCase(s.scope);
        if (folded.ends_with("/microsoft-server-activesync"))
            return s.scope;
    }
    return {};
}

std::optional<unsigned> sslFlagBits(std::string_view value)
{
    const auto t = text::trim(value);
    unsigned number = 0;
    if (const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), number);
        !t.empty() && ec == std::errc() && end == t.data() + t.size())
        return number;
    static constexpr std::pair<std::string_view, unsigned> kFlags[] = {
        {"None", 0},         {"Ssl", 8},     {"SslNegotiateCert", 32}, {"SslRequireCert", 64},
        {"SslMapCert", 128}, {"Ssl128", 256}};
    unsigned bits = 0;
    std::size_t pos = 0;
    while (pos <= t.size()) {
        const auto comma = t.find(',', pos);
        const auto name =
            text::trim(t.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos));
        pos = comma == std::string_view::npos ? t.size() + 1 : comma + 1;
        if (name.empty())
            continue;
        const auto known = std::find_if(std::begin(kFlags), std::end(kFlags),
                                        [&](const auto& f) { return text::equalsIgnoreCase(f.first, name); });
        if (known == std::end(kFlags))
            return std::nullopt;
        bits |= known->second;
    }
    return bits;
}

bool looksLikeNetshSslCert(std::string_view textValue)
{
    const auto head = textValue.substr(0, 64 * 1024);
    return (head.find("IP:port") != std::string_view::npos || head.find("Hostname:port") != std::string_view::npos ||
            head.find("Central Certificate Store") != std::string_view::npos) &&
           head.find("Certificate Hash") != std::string_view::npos;
}

Result<ConfigLog> parseNetshSslCert(std::string_view textValue, const ConfigLimits& limits)
{
    if (!looksLikeNetshSslCert(textValue))
        return fail(
            ErrorCode::UnrecognizedFormat,
            "not the output of \"netsh http show sslcert\": its bindings start with \"IP:port\" or \"Hostname:port\"");
    ConfigLog log;
    std::string binding;
    forEachLine(textValue, [&](std::string_view line, std::size_t number) {
        const auto colon = line.find(" : ");
        if (colon == std::string_view::npos)
            return;
        const auto name = text::trim(line.substr(0, colon));
        const auto value = text::trim(line.substr(colon + 3));
        if (name == "IP:port" || name == "Hostname:port" || name.starts_with("Central Certificate Store")) {
            binding = std::string(value);
            return;
        }
        if (binding.empty()) {
            if (log.damaged++ == 0)
                log.firstDamage = "line " + std::to_string(number) + ": a setting before any binding";
            return;
        }
        log.add({binding, std::string(name), std::string(value), number}, limits.maxSettings);
    });
    return log;
}

bool looksLikeRegExport(std::string_view textValue)
{
    const auto t = text::trim(textValue.substr(0, 256));
    return t.starts_with("Windows Registry Editor Version 5.00") || t.starts_with("REGEDIT4");
}

std::optional<std::uint32_t> registryDword(std::string_view value)
{
    auto t = text::trim(value);
    if (t.starts_with("0x") || t.starts_with("0X"))
        t.remove_prefix(2);
    std::uint32_t v = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v, 16);
    if (t.empty() || ec != std::errc() || end != t.data() + t.size())
        return std::nullopt;
    return v;
}

Result<ConfigLog> parseRegExport(std::string_view textValue, const ConfigLimits& limits)
{
    if (!looksLikeRegExport(textValue))
        return fail(ErrorCode::UnrecognizedFormat,
                    "not a registry export: a .reg file starts with \"Windows Registry Editor Version 5.00\"");
    ConfigLog log;
    std::string key;
    std::string pending;  // a value continued with a trailing backslash (hex: data over several lines)
    std::size_t pendingLine = 0;
    const auto damaged = [&](std::size_t number, std::string why) {
        if (log.damaged++ == 0)
            log.firstDamage = "line " + std::to_string(number) + ": " + std::move(why);
    };
    const auto readValue = [&](std::string_view line, std::size_t number) {
        if (key.empty())
            return damaged(number, "a value before any [key]");
        std::string name;
        std::size_t pos = 0;
        if (line.starts_with("@")) {
            name = "(Default)";
            pos = 1;
        } else if (line.starts_with("\"")) {
            // "Name"= with \" and \\ escapes inside the name.
            for (pos = 1; pos < line.size() && line[pos] != '"'; ++pos) {
                if (line[pos] == '\\' && pos + 1 < line.size())
                    ++pos;
                name.push_back(line[pos]);
            }
            ++pos;
        } else {
            return damaged(number, "a line that is neither a [key] nor a \"name\"=value");
        }
        if (pos >= line.size() || line[pos] != '=')
            return damaged(number, "a value without '='");
        auto data = line.substr(pos + 1);
        std::string value;
        if (data.starts_with("dword:")) {
            const auto v = registryDword(data.substr(6));
            if (!v)
                return damaged(number, "a dword that is not 8 hex digits");
            static constexpr char kHex[] = "0123456789abcdef";
            value = "0x";
            for (int shift = 28; shift >= 0; shift -= 4)
                value.push_back(kHex[(*v >> shift) & 0xF]);
        } else if (data.starts_with("\"")) {
            for (std::size_t i = 1; i < data.size() && data[i] != '"'; ++i) {
                if (data[i] == '\\' && i + 1 < data.size())
                    ++i;
                value.push_back(data[i]);
            }
        } else {
            value = std::string(data);  // hex(...): kept as written
        }
        log.add({key, std::move(name), std::move(value), number}, limits.maxSettings);
    };
    forEachLine(textValue, [&](std::string_view line, std::size_t number) {
        if (!pending.empty()) {
            pending += text::trim(line);
            if (pending.ends_with('\\')) {
                pending.pop_back();
                return;
            }
            const std::string whole = std::move(pending);
            pending.clear();
            return readValue(whole, pendingLine);
        }
        const auto t = text::trim(line);
        if (t.empty() || t.starts_with(";") || t.starts_with("Windows Registry Editor") || t.starts_with("REGEDIT4"))
            return;
        if (t.starts_with("[")) {
            if (!t.ends_with("]"))
                return damaged(number, "a [key] without its closing bracket");
            key = std::string(t.substr(1, t.size() - 2));
            if (key.starts_with("-"))
                key.clear();  // a key being deleted: its values are not settings
            return;
        }
        if (t.ends_with('\\')) {
            pending = std::string(t.substr(0, t.size() - 1));
            pendingLine = number;
            return;
        }
        readValue(t, number);
    });
    return log;
}

}  // namespace eascert::evidence
