// Base64 for the std + Win32 build, with crypt32 (Windows only). Same contract as the OpenSSL one:
// strict padding, whitespace ignored, false on anything else.

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <wincrypt.h>

#include "eascert/support/Base64.h"

namespace eascert {

std::string base64Encode(std::string_view bytes)
{
    if (bytes.empty())
        return {};
    const auto* data = reinterpret_cast<const BYTE*>(bytes.data());
    const DWORD flags = CRYPT_STRING_BASE64 | CRYPT_STRING_NOCRLF;
    DWORD size = 0;
    if (!CryptBinaryToStringA(data, static_cast<DWORD>(bytes.size()), flags, nullptr, &size))
        return {};
    std::string out(size, '\0');
    if (!CryptBinaryToStringA(data, static_cast<DWORD>(bytes.size()), flags, out.data(), &size))
        return {};
    out.resize(size);  // the second call reports the length without the terminating NUL
    return out;
}

bool base64Decode(std::string_view text, std::string& out)
{
    std::string clean;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        const bool alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                              c == '+' || c == '/' || c == '=';
        if (!alphabet)
            return false;
        clean += c;
    }
    out.clear();
    if (clean.size() % 4 != 0)
        return false;
    if (clean.empty())
        return true;
    const std::size_t firstPad = clean.find('=');
    if (firstPad != std::string::npos && firstPad < clean.size() - 2)
        return false;  // '=' only at the very end
    DWORD size = 0;
    if (!CryptStringToBinaryA(clean.data(), static_cast<DWORD>(clean.size()), CRYPT_STRING_BASE64, nullptr, &size,
                              nullptr, nullptr))
        return false;
    out.assign(size, '\0');
    if (!CryptStringToBinaryA(clean.data(), static_cast<DWORD>(clean.size()), CRYPT_STRING_BASE64,
                              reinterpret_cast<BYTE*>(out.data()), &size, nullptr, nullptr))
        return false;
    out.resize(size);
    return true;
}

} // namespace eascert
