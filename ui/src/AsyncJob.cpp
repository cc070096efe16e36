#include "eascert/ui/AsyncJob.h"

#include <QtConcurrent/QtConcurrentRun>

#include "eascert/support/OpenSslError.h"

namespace eascert::ui {

AsyncJob::AsyncJob(QObject* parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<Result<void>>::finished, this, [this] {
        const Result<void> result = m_watcher.future().result();
        m_running = false;
        auto done = std::move(m_done);
        m_done = nullptr;
        emit runningChanged(false);
        if (done)
            done(result);
    });
}

AsyncJob::~AsyncJob()
{
    if (m_running) {
        m_stop.request_stop();
        m_watcher.waitForFinished();
    }
}

void AsyncJob::start(Work work, Done done)
{
    Q_ASSERT(!m_running);
    m_stop = std::stop_source();
    m_done = std::move(done);
    m_running = true;
    emit runningChanged(true);
    m_watcher.setFuture(QtConcurrent::run([work = std::move(work), token = m_stop.get_token()] {
        Result<void> result;
        try {
            result = work(token);
        } catch (const std::exception& e) {  // a bug: surface it as an error, never kill the UI
            result = std::unexpected(Error{ErrorCode::Internal, e.what()});
        }
        // Pool threads outlive the job (and may outlive the application's last check for leaks).
        ossl::releaseThreadState();
        return result;
    }));
}

void AsyncJob::cancel()
{
    if (m_running)
        m_stop.request_stop();
}

}  // namespace eascert::ui
