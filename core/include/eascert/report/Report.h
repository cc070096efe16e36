#pragma once

#include <filesystem>
#include <string>

#include "eascert/diagnosis/Session.h"
#include "eascert/directory/Migration.h"
#include "eascert/report/Wording.h"

namespace eascert::report {

inline constexpr const char* kReportSchema = "eascert.report.v1";

// Who ran what, where: the report's environment section. Never a secret.
struct Environment
{
    std::string toolVersion = EASCERT_VERSION;
    std::string generatedAt;  // ISO 8601 UTC; empty: the render time
    std::string ranBy;        // "admin@WKS01"
    std::string platform;
};

struct Options
{
    bool redact = false;  // replace user names and host names with placeholders
};

struct Rendered
{
    std::string json;  // schema eascert.report.v1
    std::string html;  // one self-contained file: inline CSS, no scripts, no external resources
};

// The same content twice: JSON for tools and an HTML page for the ticket. Every outside value is
// HTML-escaped; passwords and private keys are never part of a session, so never part of a report.
Result<Rendered> render(const diagnosis::Session& session, const Wording& wording, const Environment& environment,
                        cert::TimePoint now, const Options& options = {});

// A domain-wide migration for the change ticket: counts per action and outcome, and every account
// with its values before and after (planned, or read back after the run; kind "plan", "apply" or
// "undo"). One self-contained HTML page; every value escaped and shown byte for byte.
Result<std::string> renderMigrationHtml(const directory::MigrationPlan& plan, const directory::MigrationRun* run,
                                        std::string_view kind, const Environment& environment);

}  // namespace eascert::report
