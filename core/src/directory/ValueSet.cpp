#include "ValueSet.h"

#include <algorithm>
#include <span>

#include "eascert/directory/Fix.h"
#include "eascert/support/Bytes.h"
#include "eascert/support/JsonText.h"
#include "eascert/support/Text.h"

namespace eascert::directory::values {

bool containsCi(const Values& values, std::string_view v)
{
    return std::any_of(values.begin(), values.end(),
                       [&](const std::string& x) { return text::equalsIgnoreCase(x, v); });
}

bool containsExact(const Values& values, std::string_view v)
{
    return std::find(values.begin(), values.end(), v) != values.end();
}

bool sameSet(Values a, Values b)
{
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
}

// PowerShell ends a single-quoted string on any of five quote characters (' and U+2018..U+201B),
// and a doubled one stands for itself: every one is doubled, so a name with a typographic
// apostrophe cannot end the string and run what follows.
std::string psQuote(std::string_view s)
{
    std::string out = "'";
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\'') {
            out += "''";
            continue;
        }
        // U+2018..U+201B in UTF-8: E2 80 98..9B.
        if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
            static_cast<unsigned char>(s[i + 2]) >= 0x98 && static_cast<unsigned char>(s[i + 2]) <= 0x9B) {
            out.append(s.substr(i, 3));
            out.append(s.substr(i, 3));
            i += 2;
            continue;
        }
        out += c;
    }
    return out + "'";
}

std::string setAdUser(const std::string& dn, const std::vector<std::string>& remove,
                      const std::vector<std::string>& add)
{
    const auto list = [](const std::vector<std::string>& vs) {
        std::string s;
        for (const auto& v : vs)
            s += (s.empty() ? "" : ",") + psQuote(v);
        return s;
    };
    std::string out = "Set-ADUser -Identity " + psQuote(dn);
    if (!remove.empty())
        out += " -Remove @{altSecurityIdentities=" + list(remove) + "}";
    if (!add.empty())
        out += " -Add @{altSecurityIdentities=" + list(add) + "}";
    return out;
}

nlohmann::ordered_json toJsonValue(std::string_view v)
{
    if (text::isValidUtf8(v))
        return std::string(v);
    return {{"hex", toHex(std::span(reinterpret_cast<const std::byte*>(v.data()), v.size()))}};
}

nlohmann::ordered_json toJson(const std::vector<std::string>& values)
{
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& v : values)
        list.push_back(toJsonValue(v));
    return list;
}

void appendJsonValue(std::string& out, std::string_view v)
{
    if (text::isValidUtf8(v)) {
        text::appendJsonString(out, v);
        return;
    }
    out += "{\"hex\":\"";
    out += toHex(std::span(reinterpret_cast<const std::byte*>(v.data()), v.size()));
    out += "\"}";
}

void appendJson(std::string& out, const std::vector<std::string>& values)
{
    out.push_back('[');
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            out.push_back(',');
        appendJsonValue(out, values[i]);
    }
    out.push_back(']');
}

std::optional<std::string> fromJsonValue(const nlohmann::json& v)
{
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_object() && v.contains("hex") && v["hex"].is_string()) {
        Bytes bytes;
        if (!fromHex(v["hex"].get<std::string>(), bytes))
            return std::nullopt;
        return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    }
    return std::nullopt;
}

std::optional<std::vector<std::string>> fromJson(const nlohmann::json& j, const char* key)
{
    std::vector<std::string> out;
    if (!j.contains(key))
        return out;
    const auto& list = j[key];
    if (!list.is_array())
        return std::nullopt;
    for (const auto& v : list) {
        auto one = fromJsonValue(v);
        if (!one)
            return std::nullopt;
        out.push_back(std::move(*one));
    }
    return out;
}

Result<Values> current(Directory& directory, const std::string& dn)
{
    auto entry = readEntry(directory, dn, {kMappingAttribute});
    if (!entry)
        return std::unexpected(entry.error());
    if (!*entry)
        return fail(ErrorCode::NoSuchEntry, dn);
    return (*entry)->values(kMappingAttribute);
}

}  // namespace eascert::directory::values
