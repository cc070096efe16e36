#include "eascert/support/Digest.h"

#include <array>

#include <openssl/evp.h>

#include "eascert/support/OpenSslError.h"

namespace eascert {

namespace {
Bytes digest(std::span<const std::byte> data, const EVP_MD* md)
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &len, md, nullptr) != 1) {
        ossl::clearErrors();
        return {};
    }
    return toBytes(out.data(), len);
}
} // namespace

Bytes sha1(std::span<const std::byte> data)
{
    return digest(data, EVP_sha1());
}

Bytes sha256(std::span<const std::byte> data)
{
    return digest(data, EVP_sha256());
}

} // namespace eascert
