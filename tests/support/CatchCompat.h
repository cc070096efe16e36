#pragma once

// Catch2 v2 (Debian 12) ships catch2/catch.hpp; v3 (vcpkg) ships catch2/catch_all.hpp.
#if __has_include(<catch2/catch_all.hpp>)
#include <catch2/catch_all.hpp>
#else
#include <catch2/catch.hpp>
#endif
