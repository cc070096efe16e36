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

// A moved std::string keeps its characters in the small-string buffer (up to 15 bytes) and clears
// only its length: so the value is copied, never moved, and the source is wiped in full.
Secret::Secret(Secret&& other) noexcept
{
    takeFrom(other);
}

Secret& Secret::operator=(Secret&& other) noexcept
{
    if (this != &other) {
        wipe();
        takeFrom(other);
    }
    return *this;
}

void Secret::takeFrom(Secret& other) noexcept
{
    try {
        m_value.reserve(other.m_value.size());  // may allocate; then the copy below cannot
    } catch (...) {
        // Out of memory: the value is lost rather than left unwiped.
    }
    if (m_value.capacity() >= other.m_value.size())
        m_value.assign(other.m_value.data(), other.m_value.size());
    other.wipe();
}

Secret::Secret(std::string value)
{
    m_value.assign(value.data(), value.size());
    secureWipe(value.data(), value.capacity());
}

Secret::~Secret()
{
    wipe();
}

void Secret::wipe() noexcept
{
    // All of the buffer, not only the current length: a value that was shortened left bytes behind.
    secureWipe(m_value.data(), m_value.capacity());
    m_value.clear();
}

}  // namespace eascert
