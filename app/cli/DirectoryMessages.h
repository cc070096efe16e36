#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "eascert/directory/Fix.h"
#include "eascert/directory/Inspection.h"

namespace eascert::cli {

struct StateText
{
    std::string_view title;
    std::string_view cause;
    std::string_view fix;
};

StateText stateText(directory::InspectState state);
std::string_view foundByText(directory::FoundBy f);
// What an offline fix (or undo) did: the change file, that AD is unchanged, the import commands.
std::string changeFileText(const directory::FixOutcome& outcome);
// The NTAuth part of a planned fix for the preview: the CA, the store, Enterprise Admins, certutil.
std::string ntAuthPlanText(const directory::NtAuthChange& change);
// The inspection found the issuing CA missing from NTAuth, but the plan does not publish it: why
// (skipped, or the CA's certificate is not at hand) and what the admin can do. Empty otherwise.
std::string ntAuthNotPlannedText(const directory::Inspection& inspection, const directory::FixPlan& plan);
// The NTAuth part as JSON fields: {dn, ca, createStore, certutil}.
nlohmann::ordered_json ntAuthPlanJson(const directory::NtAuthChange& change);
// What a fix or undo did to NTAuth ("" when nothing).
std::string ntAuthOutcomeText(const directory::FixOutcome& outcome, bool undo);
// Where a write goes, for "Write this change to ...?": the change file of an offline directory.
std::string writeTarget(const directory::Directory& directory);

}  // namespace eascert::cli
