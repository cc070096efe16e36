#include "eascert/directory/Ldif.h"

#include <algorithm>
#include <cctype>

#include "eascert/support/Base64.h"
#include "eascert/support/Text.h"

namespace eascert::directory {

namespace {

bool safeString(std::string_view v)
{
    if (v.empty())
        return true;
    const auto first = static_cast<unsigned char>(v.front());
    if (first == ' ' || first == ':' || first == '<' || v.back() == ' ')
        return false;
    for (char c : v) {
        const auto u = static_cast<unsigned char>(c);
        if (u == 0 || u == '\n' || u == '\r' || u > 127)
            return false;
    }
    return true;
}

std::string fold(const std::string& line)
{
    constexpr std::size_t width = 78;
    if (line.size() <= width)
        return line + "\n";
    std::string out = line.substr(0, width) + "\n";
    for (std::size_t i = width; i < line.size(); i += width - 1)
        out += " " + line.substr(i, width - 1) + "\n";
    return out;
}

struct Line
{
    std::size_t number;
    std::string text;
};

// Unfolds continuation lines and drops comments; an empty string marks a record boundary.
std::vector<Line> logicalLines(std::string_view text)
{
    std::vector<Line> out;
    std::size_t pos = 0;
    std::size_t number = 0;
    bool inComment = false;
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view raw = text.substr(pos, end - pos);
        if (!raw.empty() && raw.back() == '\r')
            raw.remove_suffix(1);
        ++number;
        pos = end + 1;
        if (!raw.empty() && raw.front() == ' ') {
            if (!inComment && !out.empty() && !out.back().text.empty())
                out.back().text += raw.substr(1);
            continue;
        }
        inComment = !raw.empty() && raw.front() == '#';
        if (inComment)
            continue;
        out.push_back({number, std::string(raw)});
        if (end == text.size())
            break;
    }
    return out;
}

}  // namespace

std::string ldifAttribute(std::string_view attribute, std::string_view value)
{
    if (safeString(value))
        return fold(std::string(attribute) + ": " + std::string(value));
    return fold(std::string(attribute) + ":: " + base64Encode(value));
}

std::string ldifModifyRecord(const std::string& dn, const std::vector<Modification>& changes)
{
    std::string out = ldifAttribute("dn", dn) + "changetype: modify\n";
    for (const auto& m : changes) {
        const char* op = m.op == ModificationOp::Add ? "add" : m.op == ModificationOp::Delete ? "delete" : "replace";
        out += std::string(op) + ": " + m.attribute + "\n";
        for (const auto& v : m.values)
            out += ldifAttribute(m.attribute, v);
        out += "-\n";
    }
    return out + "\n";
}

std::string ldifAddRecord(const Entry& entry)
{
    std::string out = ldifAttribute("dn", entry.dn) + "changetype: add\n";
    for (const auto& [name, values] : entry.attributes)
        for (const auto& v : values)
            out += ldifAttribute(name, v);
    return out + "\n";
}

std::string ldifDeleteRecord(const std::string& dn)
{
    return ldifAttribute("dn", dn) + "changetype: delete\n\n";
}

std::string ldifContent(const std::vector<Entry>& entries)
{
    std::string out = "version: 1\n\n";
    for (const auto& e : entries) {
        out += ldifAttribute("dn", e.dn);
        for (const auto& [name, values] : e.attributes)
            for (const auto& v : values)
                out += ldifAttribute(name, v);
        out += "\n";
    }
    return out;
}

Result<std::vector<Entry>> parseLdif(std::string_view bytes)
{
    // ldifde writes ANSI, or UTF-16 with -u; ldapsearch writes UTF-8.
    const auto decoded = text::windowsText(bytes);
    if (!decoded)
        return fail(ErrorCode::CorruptData, "the file starts like UTF-16 (ldifde -u) but is not valid UTF-16");
    const std::string_view text = *decoded;
    std::vector<Entry> entries;
    std::optional<Entry> current;
    auto flush = [&]() {
        if (current)
            entries.push_back(std::move(*current));
        current.reset();
    };
    for (const auto& line : logicalLines(text)) {
        if (text::trim(line.text).empty()) {
            flush();
            continue;
        }
        const auto colon = line.text.find(':');
        if (colon == std::string::npos || colon == 0)
            return fail(ErrorCode::CorruptData, "LDIF line " + std::to_string(line.number) + ": no \"attribute:\"");
        std::string name = line.text.substr(0, colon);
        if (const auto semi = name.find(';'); semi != std::string::npos && !text::equalsIgnoreCase(name, "dn"))
            name.resize(semi);  // ";binary" and other options
        // RFC 2849 AttributeDescription: a letter, then letters, digits and '-' (or a dotted OID).
        const bool validName = !name.empty() && std::isalnum(static_cast<unsigned char>(name.front())) &&
                               std::all_of(name.begin(), name.end(), [](char c) {
                                   return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
                               });
        if (!validName)
            return fail(ErrorCode::CorruptData, "LDIF line " + std::to_string(line.number) + ": bad attribute name");
        std::string_view rest = std::string_view(line.text).substr(colon + 1);
        std::string value;
        if (!rest.empty() && rest.front() == ':') {
            if (!base64Decode(text::trim(rest.substr(1)), value))
                return fail(ErrorCode::CorruptData, "LDIF line " + std::to_string(line.number) + ": bad base64");
        } else if (!rest.empty() && rest.front() == '<') {
            return fail(ErrorCode::CorruptData,
                        "LDIF line " + std::to_string(line.number) + ": URL values are not supported");
        } else {
            while (!rest.empty() && rest.front() == ' ')
                rest.remove_prefix(1);
            value = std::string(rest);
        }
        if (!current) {
            if (text::equalsIgnoreCase(name, "version"))
                continue;
            if (!text::equalsIgnoreCase(name, "dn"))
                return fail(ErrorCode::CorruptData,
                            "LDIF line " + std::to_string(line.number) + ": a record must start with \"dn:\"");
            current = Entry{value, {}};
            continue;
        }
        if (text::equalsIgnoreCase(name, "changetype")) {
            // ldifde -f writes "changetype: add" in every record of an export (so it can be imported
            // again): that is content. modify/delete/modrdn records describe changes, not accounts.
            if (text::equalsIgnoreCase(text::trim(value), "add") && current->attributes.empty())
                continue;
            return fail(ErrorCode::CorruptData,
                        "LDIF line " + std::to_string(line.number) + ": \"changetype: " + text::printable(value) +
                            "\" is a change file, not an export of the account; export it with "
                            "ldifde -f FILE -r \"(sAMAccountName=user)\" (or ldapsearch) and open that file");
        }
        current->attributes[name].push_back(std::move(value));
    }
    flush();
    return entries;
}

}  // namespace eascert::directory
