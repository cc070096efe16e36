// Secrets are wiped before their memory goes back to the allocator: this program replaces the
// global operator new/delete and looks into every block that is freed for a marker the test put in
// a key blob or a password. Its own executable, since the replacement is for the whole program.

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include <malloc.h>

#include "CatchCompat.h"

#include "eascert/cert/WinCertStore.h"
#include "eascert/support/Secret.h"

namespace {

constexpr char kMarker[] = "MARKER-7f3a9c-SECRET-KEY-BLOB";
std::atomic<int> g_markersFreed{0};
std::atomic<bool> g_watching{false};

void inspectFreed(void* p, std::size_t size)
{
    if (!p || !g_watching)
        return;
    const auto* bytes = static_cast<const char*>(p);
    const std::size_t n = sizeof kMarker - 1;
    for (std::size_t i = 0; i + n <= size; ++i)
        if (std::memcmp(bytes + i, kMarker, n) == 0) {
            ++g_markersFreed;
            return;
        }
}

}  // namespace

void* operator new(std::size_t size)
{
    if (void* p = std::malloc(size ? size : 1))
        return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t size)
{
    return ::operator new(size);
}
void operator delete(void* p) noexcept
{
    if (p)
        inspectFreed(p, malloc_usable_size(p));
    std::free(p);
}
void operator delete[](void* p) noexcept
{
    ::operator delete(p);
}
void operator delete(void* p, std::size_t) noexcept
{
    ::operator delete(p);
}
void operator delete[](void* p, std::size_t) noexcept
{
    ::operator delete(p);
}

using namespace eascert;

TEST_CASE("the key blob a StoreKey holds is wiped when it is replaced or destroyed", "[secret][hardening]")
{
    const auto blob = [] {
        const auto* m = reinterpret_cast<const std::byte*>(kMarker);
        return Bytes(m, m + sizeof kMarker - 1);
    };
    g_markersFreed = 0;
    g_watching = true;
    {
        cert::StoreKey a(Bytes{std::byte{1}}, blob());
        cert::StoreKey b(Bytes{std::byte{2}}, Bytes{std::byte{3}});
        a = std::move(b);  // before the fix: the defaulted move freed a's blob unwiped
        cert::StoreKey c(std::move(a));
    }
    {
        cert::StoreKey d(Bytes{std::byte{1}}, blob());
    }
    g_watching = false;
    CHECK(g_markersFreed == 0);
}

TEST_CASE("a long password is wiped before its buffer is freed", "[secret][hardening]")
{
    g_markersFreed = 0;
    g_watching = true;
    {
        Secret a{std::string(kMarker)};  // longer than the small-string buffer: on the heap
        Secret b(std::move(a));
        Secret c{std::string("other")};
        c = std::move(b);
    }
    g_watching = false;
    CHECK(g_markersFreed == 0);
}
