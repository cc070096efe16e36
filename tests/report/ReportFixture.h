#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "TempDir.h"
#include "eascert/diagnosis/Session.h"
#include "eascert/directory/LdifDirectory.h"
#include "eascert/report/Report.h"

// Sessions to render: the demo lab's whole story, and one whose certificate and account are hostile.
struct DemoRun
{
    std::unique_ptr<eascert::diagnosis::Session> session;
    std::string pfxPassword;
};

// Demo lab in folder: probe (401.2) -> inspect (published-only) -> fix -> probe (200) -> inspect (ok).
DemoRun runDemo(const std::filesystem::path& folder);

// A certificate whose names carry markup and a script; the account lives in an LDIF directory.
std::unique_ptr<eascert::diagnosis::Session> hostileSession(const std::filesystem::path& folder);
// Names are short in X.509 (a CN holds at most 64 characters): the markup is spread over CN and O.
inline constexpr const char* kHostileCn = "<img src=\"http://198.51.100.7/cn.png\">";
inline constexpr const char* kHostileO = "<script>document.title='pwned'</script>";

eascert::report::Rendered renderReport(const eascert::diagnosis::Session& session, bool redact = false);
eascert::cert::TimePoint now();
