#include "eascert/support/Digest.h"

#include <array>

#include <openssl/evp.h>

#include "eascert/support/OpenSslError.h"
#include "eascert/support/OpenSslPtr.h"

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
}  // namespace

Bytes sha1(std::span<const std::byte> data)
{
    return digest(data, EVP_sha1());
}

Bytes sha256(std::span<const std::byte> data)
{
    return digest(data, EVP_sha256());
}

struct Sha256::State
{
    ossl::EvpMdCtxPtr ctx{EVP_MD_CTX_new()};
    bool ok = false;
};

Sha256::Sha256() : m_state(std::make_unique<State>())
{
    m_state->ok = m_state->ctx && EVP_DigestInit_ex(m_state->ctx.get(), EVP_sha256(), nullptr) == 1;
}

Sha256::~Sha256() = default;

void Sha256::update(std::string_view piece)
{
    if (m_state->ok)
        m_state->ok = EVP_DigestUpdate(m_state->ctx.get(), piece.data(), piece.size()) == 1;
}

namespace {
// The digest of what ctx has seen; ctx cannot take more after this.
Bytes finalDigest(EVP_MD_CTX* ctx)
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
    unsigned int len = 0;
    if (!ctx || EVP_DigestFinal_ex(ctx, out.data(), &len) != 1) {
        ossl::clearErrors();
        return {};
    }
    return toBytes(out.data(), len);
}
}  // namespace

Bytes Sha256::finish()
{
    if (!m_state->ok)
        return {};
    m_state->ok = false;
    return finalDigest(m_state->ctx.get());
}

Bytes Sha256::current() const
{
    if (!m_state->ok)
        return {};
    const ossl::EvpMdCtxPtr copy(EVP_MD_CTX_new());
    if (!copy || EVP_MD_CTX_copy_ex(copy.get(), m_state->ctx.get()) != 1) {
        ossl::clearErrors();
        return {};
    }
    return finalDigest(copy.get());
}

}  // namespace eascert
