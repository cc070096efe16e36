#pragma once

#include <memory>

#include <spdlog/logger.h>

namespace eascert {

// Core logs through an injected spdlog logger. Front ends install theirs with setLogger() (nullptr:
// back to a logger that drops everything, the default). Never log passwords, keys or PFX bytes.
void setLogger(std::shared_ptr<spdlog::logger> logger);
// Shared, so a logger replaced while another thread logs lives until that call returns.
std::shared_ptr<spdlog::logger> log();

}  // namespace eascert
