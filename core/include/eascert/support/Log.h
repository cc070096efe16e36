#pragma once

#include <memory>

#include <spdlog/logger.h>

namespace eascert {

// Core logs through an injected spdlog logger. Front ends install theirs with setLogger();
// until then a logger that drops everything is used. Never log passwords, keys or PFX bytes.
void setLogger(std::shared_ptr<spdlog::logger> logger);
spdlog::logger& log();

} // namespace eascert
