#pragma once

#include <functional>
#include <stop_token>

#include <QFutureWatcher>
#include <QObject>

#include "eascert/support/Error.h"

namespace eascert::ui {

// Runs one blocking, cancellable core call off the UI thread (QtConcurrent) and hands its result
// back on the UI thread. The page that owns the job disables what the job reads or writes while
// it runs (isComplete() false), so core objects are never touched from two threads at once.
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

} // namespace eascert::ui
