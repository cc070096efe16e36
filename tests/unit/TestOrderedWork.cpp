// The pool planning's workers run on: results in the order of the jobs whatever order they finish in,
// never more outstanding than the window, every worker started as asked, and a pool destroyed with
// jobs still queued ends without running them.

#include <atomic>
#include <chrono>
#include <set>
#include <thread>
#include <vector>

#include "CatchCompat.h"

#include "directory/OrderedWork.h"

using eascert::directory::OrderedWork;

namespace {
thread_local bool started = false;
std::atomic<int> startedThreads{0};
void markStarted()
{
    started = true;
    ++startedThreads;
}
}  // namespace

TEST_CASE("ordered work: results in the order of the jobs, at most the window outstanding", "[orderedwork]")
{
    startedThreads = 0;
    std::vector<int> taken;
    std::size_t submitted = 0, mostOutstanding = 0;
    std::atomic<bool> allStarted = true;
    const auto take = [&](int r) { taken.push_back(r); };
    {
        OrderedWork<int, decltype(take)> work(3, 4, markStarted, take);
        for (int i = 0; i < 60; ++i) {
            work.submit([i, &allStarted] {
                if (!started)
                    allStarted = false;
                // Later jobs finish first now and then: the order must not follow.
                std::this_thread::sleep_for(std::chrono::microseconds((60 - i) % 7 * 300));
                return i;
            });
            ++submitted;
            mostOutstanding = std::max(mostOutstanding, submitted - taken.size());
        }
        work.finish();
    }
    REQUIRE(taken.size() == 60);
    for (int i = 0; i < 60; ++i)
        CHECK(taken[static_cast<std::size_t>(i)] == i);
    CHECK(mostOutstanding <= 4);
    CHECK(allStarted);
    CHECK(startedThreads == 3);
}

TEST_CASE("ordered work: a pool destroyed with jobs queued ends without running them", "[orderedwork]")
{
    std::atomic<int> ran{0};
    std::vector<int> taken;
    const auto take = [&](int r) { taken.push_back(r); };
    const auto began = std::chrono::steady_clock::now();
    {
        OrderedWork<int, decltype(take)> work(
            1, 100, [] {}, take);
        for (int i = 0; i < 50; ++i)
            work.submit([&ran, i] {
                ++ran;
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
                return i;
            });
    }                          // no finish(): the caller gave up (an error, a cancel)
    CHECK(taken.size() <= 1);  // the first may have been handed over while submitting
    CHECK(ran < 50);
    CHECK(std::chrono::steady_clock::now() - began < std::chrono::milliseconds(50 * 20));
}
