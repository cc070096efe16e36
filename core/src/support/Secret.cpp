#include "eascert/support/Secret.h"


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
    // Through a volatile pointer, so the compiler cannot drop the stores as dead (std only: the
    // Windows-only code uses Secret too).
    volatile char* p = m_value.data();
    for (std::size_t i = 0; i < m_value.size(); ++i)
        p[i] = 0;
    m_value.clear();
}

} // namespace eascert
