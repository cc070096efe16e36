#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <stop_token>

#include <QFutureWatcher>
#include <QObject>

#include "eascert/support/Error.h"

namespace eascert::ui {

// Runs one blocking, cancellable core call off the UI thread (QtConcurrent) and hands its result
// back on the UI thread (the job-result pattern of libkleo's jobs): the work gets copies and shared
// owners of what it reads, returns a value, and only the UI thread records that value. Whatever the
// admin does meanwhile (Back, another certificate, another directory, closing), nothing the work
// uses goes away under it.
class AsyncJob : public QObject
{
    Q_OBJECT

public:
    using Work = std::function<Result<void>(std::stop_token)>;
    using Done = std::function<void(const Result<void>&)>;

    explicit AsyncJob(QObject* parent = nullptr);
    // Asks a running job to stop and waits for it: core calls notice a stop within ~100 ms and every
    // network call has a timeout.
    ~AsyncJob() override;

    bool running() const { return m_running; }
    // Starts work returning a value; done gets it on the UI thread.
    template <typename T> void run(std::function<Result<T>(std::stop_token)> work, std::function<void(Result<T>)> done)
    {
        auto slot = std::make_shared<std::optional<Result<T>>>();
        start(
            [work = std::move(work), slot](std::stop_token stop) -> Result<void> {
                slot->emplace(work(stop));
                return {};
            },
            [slot, done = std::move(done)](const Result<void>& r) {
                if (!r || !slot->has_value())  // the work threw: AsyncJob turned it into an error
                    done(std::unexpected(r ? Error{ErrorCode::Internal, "no result"} : r.error()));
                else
                    done(std::move(**slot));
            });
    }
    // Starts work; done runs on the UI thread when it returns (also after cancel()).
    void start(Work work, Done done);
    // Asks the job to stop; done still comes, with ErrorCode::Cancelled or whatever the call returned.
    void cancel();
    bool cancelRequested() const { return m_stop.stop_requested(); }

signals:
    void runningChanged(bool running);

private:
    QFutureWatcher<Result<void>> m_watcher;
    std::stop_source m_stop;
    Done m_done;
    bool m_running = false;
};

}  // namespace eascert::ui
