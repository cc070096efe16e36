#pragma once

#include <string>
#include <string_view>

namespace eascert {

// Overwrites memory with zeros in a way the compiler may not remove as a dead store.
void secureWipe(void* data, std::size_t size) noexcept;

// A password held in memory: wiped on destruction, never printed, never copied implicitly.
class Secret
{
public:
    Secret() = default;
    // The argument's own buffer is wiped too.
    explicit Secret(std::string value);
    Secret(const Secret&) = delete;
    Secret& operator=(const Secret&) = delete;
    Secret(Secret&& other) noexcept;
    Secret& operator=(Secret&& other) noexcept;
    ~Secret();

    std::string_view view() const { return m_value; }
    const char* c_str() const { return m_value.c_str(); }
    bool empty() const { return m_value.empty(); }
    std::size_t size() const { return m_value.size(); }
    Secret clone() const { return Secret(m_value); }

private:
    void wipe() noexcept;
    void takeFrom(Secret& other) noexcept;
    std::string m_value;
};

}  // namespace eascert
