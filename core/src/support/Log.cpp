#include "eascert/support/Log.h"

#include <atomic>

#include <spdlog/sinks/null_sink.h>

namespace eascert {

namespace {
std::shared_ptr<spdlog::logger> nullLogger()
{
    return std::make_shared<spdlog::logger>("eascert", std::make_shared<spdlog::sinks::null_sink_mt>());
}

std::shared_ptr<spdlog::logger>& slot()
{
    static std::shared_ptr<spdlog::logger> logger = nullLogger();
    return logger;
}
}  // namespace

void setLogger(std::shared_ptr<spdlog::logger> logger)
{
    std::atomic_store(&slot(), logger ? std::move(logger) : nullLogger());
}

std::shared_ptr<spdlog::logger> log()
{
    return std::atomic_load(&slot());
}

}  // namespace eascert
