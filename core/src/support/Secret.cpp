#include "eascert/support/Secret.h"

#include <openssl/crypto.h>

namespace eascert {

Secret::Secret(Secret&& other) noexcept : m_value(std::move(other.m_value))
{
    other.wipe();
}

Secret& Secret::operator=(Secret&& other) noexcept
{
    if (this != &other) {
        wipe();
        m_value = std::move(other.m_value);
        other.wipe();
    }
    return *this;
}

Secret::~Secret()
{
    wipe();
}

void Secret::wipe() noexcept
{
    if (!m_value.empty())
        OPENSSL_cleanse(m_value.data(), m_value.size());
    m_value.clear();
}

} // namespace eascert
