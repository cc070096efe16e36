#include "eascert/support/Bytes.h"

#include <algorithm>
#include <cctype>

namespace eascert {

Bytes toBytes(std::string_view s)
{
    Bytes out(s.size());
    for (std::size_t i = 0; i < s.size(); ++i)
        out[i] = static_cast<std::byte>(static_cast<unsigned char>(s[i]));
    return out;
}

Bytes toBytes(const unsigned char* data, std::size_t size)
{
    Bytes out(size);
    for (std::size_t i = 0; i < size; ++i)
        out[i] = static_cast<std::byte>(data[i]);
    return out;
}

bool sameBytes(std::string_view text, std::span<const std::byte> bytes)
{
    return text.size() == bytes.size() && std::equal(text.begin(), text.end(), bytes.begin(), [](char a, std::byte b) {
               return static_cast<unsigned char>(a) == std::to_integer<unsigned char>(b);
           });
}

std::string toHex(std::span<const std::byte> bytes, char separator)
{
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(bytes.size() * (separator ? 3 : 2));
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (separator && i)
            out += separator;
        const auto b = std::to_integer<unsigned>(bytes[i]);
        out += digits[b >> 4];
        out += digits[b & 0xF];
    }
    return out;
}

int hexDigitValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool fromHex(std::string_view text, Bytes& out)
{
    out.clear();
    int high = -1;
    for (const char c : text) {
        if (c == ' ' || c == ':' || c == '\t')
            continue;
        const int v = hexDigitValue(c);
        if (v < 0)
            return false;
        if (high < 0) {
            high = v;
        } else {
            out.push_back(static_cast<std::byte>((high << 4) | v));
            high = -1;
        }
    }
    return high < 0;
}

}  // namespace eascert
