#pragma once

#include <string>
#include <string_view>

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
// Where a write goes, for "Write this change to ...?": the change file of an offline directory.
std::string writeTarget(const directory::Directory& directory);

} // namespace eascert::cli
