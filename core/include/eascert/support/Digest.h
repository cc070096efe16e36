#pragma once

#include <span>

#include "eascert/support/Bytes.h"

namespace eascert {

Bytes sha1(std::span<const std::byte> data);
Bytes sha256(std::span<const std::byte> data);

} // namespace eascert
