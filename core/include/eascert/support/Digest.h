#pragma once

#include <memory>
#include <span>
#include <string_view>

#include "eascert/support/Bytes.h"

namespace eascert {

Bytes sha1(std::span<const std::byte> data);
Bytes sha256(std::span<const std::byte> data);

// SHA-256 of data given in pieces (a plan of any size, one account at a time).
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(std::string_view piece);
    Bytes finish();
    Bytes current() const;  // the digest of what was added so far; more may be added after

private:
    struct State;
    std::unique_ptr<State> m_state;
};

}  // namespace eascert
