#pragma once

// Jobs run on a fixed pool of worker threads; their results come back in the order the jobs were
// queued, on the thread that queued them. For work that is cut into batches as it arrives (a
// directory's pages) and whose results must keep that order (a plan's accounts).

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <future>
#include <mutex>
#include <stop_token>
#include <thread>
#include <utility>
#include <vector>

namespace eascert::directory {

template <typename R, typename Take> class OrderedWork
{
public:
    // `workers` threads, each calling onStart() first; take(R) gets every result in order. At most
    // `window` results are outstanding (queued, running or done but not taken): submit() waits for
    // the oldest beyond that, and hands over at once any that are done (memory holds a real backlog
    // only).
    template <typename OnStart>
    OrderedWork(std::size_t workers, std::size_t window, OnStart onStart, Take take)
        : m_window(window), m_take(std::move(take))
    {
        for (std::size_t i = 0; i < std::max<std::size_t>(workers, 1); ++i)
            m_threads.emplace_back([this, onStart](std::stop_token stop) {
                onStart();
                run(stop);
            });
    }
    // Jobs not started are dropped, running ones finish; the threads end (all asked first, then
    // joined as m_threads goes).
    ~OrderedWork()
    {
        for (auto& t : m_threads)
            t.request_stop();
    }
    OrderedWork(const OrderedWork&) = delete;
    OrderedWork& operator=(const OrderedWork&) = delete;

    template <typename Job> void submit(Job&& job)
    {
        std::packaged_task<R()> task(std::forward<Job>(job));
        m_results.push_back(task.get_future());
        {
            std::lock_guard lock(m_mutex);
            m_jobs.push_back(std::move(task));
        }
        m_wake.notify_one();
        while (m_results.size() > m_window ||
               (!m_results.empty() && m_results.front().wait_for(std::chrono::seconds(0)) == std::future_status::ready))
            handOver();
    }

    // Every result handed over.
    void finish()
    {
        while (!m_results.empty())
            handOver();
    }

private:
    void handOver()
    {
        auto result = m_results.front().get();
        m_results.pop_front();
        m_take(std::move(result));
    }

    void run(std::stop_token stop)
    {
        for (;;) {
            std::packaged_task<R()> task;
            {
                std::unique_lock lock(m_mutex);
                // wait() returns the predicate's value when stopped, so the stop is checked apart.
                if (!m_wake.wait(lock, stop, [&] { return !m_jobs.empty(); }) || stop.stop_requested())
                    return;  // the pool is being destroyed
                task = std::move(m_jobs.front());
                m_jobs.pop_front();
            }
            task();
        }
    }

    const std::size_t m_window;
    Take m_take;
    std::deque<std::future<R>> m_results;  // the caller's thread only
    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::deque<std::packaged_task<R()>> m_jobs;
    std::vector<std::jthread> m_threads;  // last: joined before the rest is destroyed
};

}  // namespace eascert::directory
