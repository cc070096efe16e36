#include "eascert/support/Base64.h"

#include <openssl/evp.h>

namespace eascert {

std::string base64Encode(std::string_view bytes)
{
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

bool base64Decode(std::string_view text, std::string& out)
{
    std::string clean;
    for (char c : text)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            clean += c;
    if (clean.size() % 4 != 0)
        return false;
    out.assign(clean.size() / 4 * 3, '\0');
    if (clean.empty())
        return true;
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(clean.data()), static_cast<int>(clean.size()));
    if (n < 0)
        return false;
    std::size_t pad = 0;
    if (clean.back() == '=')
        ++pad;
    if (clean.size() > 1 && clean[clean.size() - 2] == '=')
        ++pad;
    out.resize(static_cast<std::size_t>(n) - pad);
    return true;
}

}  // namespace eascert
