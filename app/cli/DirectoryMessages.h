#pragma once

#include <string_view>

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
std::string_view ntAuthText(directory::NtAuthState s);

} // namespace eascert::cli
