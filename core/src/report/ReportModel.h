#pragma once

#include <nlohmann/json.hpp>

#include "eascert/report/Report.h"

namespace eascert::report::detail {

using Json = nlohmann::ordered_json;

// The report's content as JSON (schema eascert.report.v1): the single source both renderings use.
Json buildContent(const diagnosis::Session& session, const Wording& wording, const Environment& environment,
                  cert::TimePoint now);

// True when a probe of the session got text that was not UTF-8 (already decoded or escaped).
bool serverSentNonUtf8(const diagnosis::Session& session);

// Replaces user names and host names in every string of the content with stable placeholders
// ("user-1", "host-1"); the tokens come from the session (account, certificate names, URLs).
void redact(Json& content, const diagnosis::Session& session);

// The HTML page for the (possibly redacted) content. Every value is escaped by the template engine.
Result<std::string> renderHtml(const Json& content, const Wording& wording);

}  // namespace eascert::report::detail
