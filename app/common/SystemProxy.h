#pragma once

#include <string>

namespace eascert::common {

// The proxy the system would use for url, as "http://host:port", or empty for a direct connection.
// Qt Network decides (environment variables on Linux, the WinINET/WinHTTP settings on Windows);
// localhost, 127.0.0.1 and ::1 always go direct (browsers' default bypass list).
std::string systemProxyFor(const std::string& url);

}  // namespace eascert::common
