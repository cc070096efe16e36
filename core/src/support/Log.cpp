#include "eascert/support/Log.h"

#include <atomic>

#include <spdlog/sinks/null_sink.h>

namespace eascert {

namespace {
std::shared_ptr<spdlog::logger>& slot()
{
    static std::shared_ptr<spdlog::logger> logger =
        std::make_shared<spdlog::logger>("eascert", std::make_shared<spdlog::sinks::null_sink_mt>());
    return logger;
}
} // namespace

void setLogger(std::shared_ptr<spdlog::logger> logger)
{
    if (logger)
        std::atomic_store(&slot(), std::move(logger));
}

spdlog::logger& log()
{
    return *std::atomic_load(&slot());
}

} // namespace eascert
