#include "eascert/support/Secret.h"

namespace eascert {

void secureWipe(void* data, std::size_t size) noexcept
{
    // Through a volatile pointer, so the compiler cannot drop the stores as dead (std only: the
    // Windows-only code uses it too).
    volatile auto* p = static_cast<unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i)
        p[i] = 0;
}

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
    secureWipe(m_value.data(), m_value.size());
    m_value.clear();
}

} // namespace eascert
