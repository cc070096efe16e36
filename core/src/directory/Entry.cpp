#include "eascert/directory/Entry.h"

#include <algorithm>

#include "eascert/support/Text.h"

namespace eascert::directory {

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const
{
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        const auto lx = static_cast<unsigned char>(x >= 'A' && x <= 'Z' ? x + 32 : x);
        const auto ly = static_cast<unsigned char>(y >= 'A' && y <= 'Z' ? y + 32 : y);
        return lx < ly;
    });
}

const Values& Entry::values(std::string_view attribute) const
{
    static const Values empty;
    const auto it = attributes.find(attribute);
    return it == attributes.end() ? empty : it->second;
}

std::string Entry::first(std::string_view attribute) const
{
    const auto& v = values(attribute);
    return v.empty() ? std::string() : v.front();
}

std::string dnKey(std::string_view dn)
{
    std::string out;
    bool quoted = false;
    for (std::size_t i = 0; i < dn.size(); ++i) {
        const char c = dn[i];
        if (c == '"')
            quoted = !quoted;
        if (!quoted && (c == ',' || c == '=')) {
            while (!out.empty() && out.back() == ' ')
                out.pop_back();
            out += c;
            while (i + 1 < dn.size() && dn[i + 1] == ' ')
                ++i;
            continue;
        }
        out += c;
    }
    return text::foldCase(text::trim(out));
}

bool sameDn(std::string_view a, std::string_view b)
{
    return dnKey(a) == dnKey(b);
}

}  // namespace eascert::directory
