#include "eascert/support/Text.h"

#include <cstdint>

namespace eascert::text {

namespace {

// Decodes one UTF-8 sequence at s[i]; on malformed input returns the byte itself and advances one.
char32_t decode(std::string_view s, std::size_t& i)
{
    const auto b0 = static_cast<unsigned char>(s[i]);
    auto cont = [&](std::size_t k) -> int {
        if (i + k >= s.size())
            return -1;
        const auto b = static_cast<unsigned char>(s[i + k]);
        return (b & 0xC0) == 0x80 ? (b & 0x3F) : -1;
    };
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    int len = 0;
    char32_t cp = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        cp = b0 & 0x07;
    } else {
        ++i;
        return 0xFFFD0000u | b0;  // marker for a lone byte: never folded, never equal to a code point
    }
    for (int k = 1; k < len; ++k) {
        const int c = cont(static_cast<std::size_t>(k));
        if (c < 0) {
            ++i;
            return 0xFFFD0000u | b0;
        }
        cp = (cp << 6) | static_cast<char32_t>(c);
    }
    i += static_cast<std::size_t>(len);
    return cp;
}

void encode(char32_t cp, std::string& out)
{
    if ((cp & 0xFFFF0000u) == 0xFFFD0000u) {
        out += static_cast<char>(cp & 0xFF);
    } else if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

char32_t fold(char32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 0x20;
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7))  // Latin-1 capitals except ×
        return c + 0x20;
    if (c >= 0x100 && c <= 0x137 && (c % 2) == 0)  // Latin Extended-A, even = capital
        return c + 1;
    if (c >= 0x139 && c <= 0x148 && (c % 2) == 1)
        return c + 1;
    if (c >= 0x14A && c <= 0x177 && (c % 2) == 0)
        return c + 1;
    if (c == 0x178)
        return 0xFF;
    if ((c == 0x179 || c == 0x17B || c == 0x17D))
        return c + 1;
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)  // Greek capitals
        return c + 0x20;
    if (c >= 0x410 && c <= 0x42F)  // Cyrillic А-Я
        return c + 0x20;
    if (c >= 0x400 && c <= 0x40F)  // Cyrillic Ѐ-Џ
        return c + 0x50;
    return c;
}

}  // namespace

std::string foldCase(std::string_view utf8)
{
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();)
        encode(fold(decode(utf8, i)), out);
    return out;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() && j < b.size()) {
        if (fold(decode(a, i)) != fold(decode(b, j)))
            return false;
    }
    return i == a.size() && j == b.size();
}

std::string_view trim(std::string_view s)
{
    const auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && ws(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && ws(s.back()))
        s.remove_suffix(1);
    return s;
}

std::string toUpperAscii(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 0x20);
    return out;
}

bool startsWithIgnoreCase(std::string_view s, std::string_view prefix)
{
    if (s.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char a = s[i];
        char b = prefix[i];
        if (a >= 'a' && a <= 'z')
            a = static_cast<char>(a - 0x20);
        if (b >= 'a' && b <= 'z')
            b = static_cast<char>(b - 0x20);
        if (a != b)
            return false;
    }
    return true;
}

bool isValidUtf8(std::string_view s)
{
    for (std::size_t i = 0; i < s.size();) {
        if ((decode(s, i) & 0xFFFF0000u) == 0xFFFD0000u)
            return false;
    }
    return true;
}

namespace {

bool isLoneByte(char32_t cp)
{
    return (cp & 0xFFFF0000u) == 0xFFFD0000u;
}

bool escaped(char32_t cp)
{
    if (isLoneByte(cp))
        return true;
    if (cp == '\t' || cp == '\n' || cp == '\r')
        return false;
    return cp < 0x20 || cp == 0x7F || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF;
}

void appendHex(unsigned char b, std::string& out)
{
    static const char digits[] = "0123456789ABCDEF";
    out += "\\x";
    out += digits[b >> 4];
    out += digits[b & 0xF];
}

}  // namespace

bool needsEscaping(std::string_view bytes)
{
    for (std::size_t i = 0; i < bytes.size();)
        if (escaped(decode(bytes, i)))
            return true;
    return false;
}

std::string printable(std::string_view bytes)
{
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t start = i;
        const char32_t cp = decode(bytes, i);
        if (escaped(cp)) {
            for (std::size_t k = start; k < i; ++k)
                appendHex(static_cast<unsigned char>(bytes[k]), out);
        } else {
            out.append(bytes.substr(start, i - start));
        }
    }
    return out;
}

std::string fromWindows1252(std::string_view bytes)
{
    // 0x80..0x9F; 0 = undefined in the code page (kept as the C1 control of the same number).
    static const char16_t high[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 2);
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        char32_t cp = b;
        if (b >= 0x80 && b < 0xA0 && high[b - 0x80] != 0)
            cp = high[b - 0x80];
        encode(cp, out);
    }
    return out;
}

std::optional<std::string> fromUtf16(std::string_view bytes, bool littleEndian)
{
    if (bytes.size() % 2 != 0)
        return std::nullopt;
    const auto unit = [&](std::size_t i) -> char32_t {
        const auto a = static_cast<unsigned char>(bytes[i]);
        const auto b = static_cast<unsigned char>(bytes[i + 1]);
        return littleEndian ? char32_t(a | (b << 8)) : char32_t((a << 8) | b);
    };
    std::string out;
    out.reserve(bytes.size() / 2);
    for (std::size_t i = 0; i < bytes.size(); i += 2) {
        char32_t cp = unit(i);
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            return std::nullopt;  // a low surrogate with no high one before it
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (i + 2 >= bytes.size())
                return std::nullopt;
            const char32_t low = unit(i + 2);
            if (low < 0xDC00 || low > 0xDFFF)
                return std::nullopt;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 2;
        }
        encode(cp, out);
    }
    return out;
}

std::optional<std::string> windowsText(std::string_view bytes)
{
    const auto starts = [&](std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; };
    if (starts("\xFF\xFE"))
        return fromUtf16(bytes.substr(2), true);
    if (starts("\xFE\xFF"))
        return fromUtf16(bytes.substr(2), false);
    if (bytes.size() >= 2 && bytes[0] != '\0' && bytes[1] == '\0')
        return fromUtf16(bytes, true);  // UTF-16LE without a mark: "d\0n\0"
    if (bytes.size() >= 2 && bytes[0] == '\0' && bytes[1] != '\0')
        return fromUtf16(bytes, false);
    if (starts("\xEF\xBB\xBF"))
        bytes.remove_prefix(3);
    if (isValidUtf8(bytes))
        return std::string(bytes);
    return fromWindows1252(bytes);
}

std::string charsetOf(std::string_view contentType)
{
    const std::string folded = foldCase(contentType);
    const auto pos = folded.find("charset=");
    if (pos == std::string::npos)
        return {};
    std::string_view value = std::string_view(folded).substr(pos + 8);
    value = value.substr(0, value.find(';'));
    value = trim(value);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.substr(1, value.size() - 2);
    return std::string(value);
}

std::string serverText(std::string_view bytes, std::string_view charsetLabel)
{
    if (!needsEscaping(bytes))
        return std::string(bytes);
    if (!isValidUtf8(bytes)) {
        const std::string label = foldCase(charsetLabel);
        if (label == "windows-1252" || label == "cp1252" || label == "iso-8859-1" || label == "latin1" ||
            label == "iso8859-1")
            return printable(fromWindows1252(bytes));
    }
    return printable(bytes);
}

}  // namespace eascert::text
