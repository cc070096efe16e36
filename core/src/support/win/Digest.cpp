// SHA-1 and SHA-256 for the std + Win32 build, with CNG (bcrypt; Windows 10 and later).

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <bcrypt.h>

#include "eascert/support/Digest.h"

namespace eascert {

namespace {

Bytes digest(std::span<const std::byte> data, const wchar_t* name, std::size_t size)
{
    BCRYPT_ALG_HANDLE algorithm = nullptr;
    if (!BCRYPT_SUCCESS(BCryptOpenAlgorithmProvider(&algorithm, name, nullptr, 0)))
        return {};
    Bytes out(size);
    // BCryptHash takes a non-const input pointer but does not write through it.
    auto* input = reinterpret_cast<PUCHAR>(const_cast<std::byte*>(data.data()));
    const bool ok = BCRYPT_SUCCESS(BCryptHash(algorithm, nullptr, 0, input, static_cast<ULONG>(data.size()),
                                              reinterpret_cast<PUCHAR>(out.data()), static_cast<ULONG>(out.size())));
    BCryptCloseAlgorithmProvider(algorithm, 0);
    return ok ? out : Bytes{};
}

} // namespace

Bytes sha1(std::span<const std::byte> data)
{
    return digest(data, BCRYPT_SHA1_ALGORITHM, 20);
}

Bytes sha256(std::span<const std::byte> data)
{
    return digest(data, BCRYPT_SHA256_ALGORITHM, 32);
}

} // namespace eascert
