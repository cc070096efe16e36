#pragma once

namespace eascert::ui {

// Wizard page ids, in flow order. Branching lives in each page's nextId().
enum PageId : int {
    Welcome = 0,
    Certificate,
    Endpoint,
    Directory,
    Evidence,
    Fix,
    Report,
};

} // namespace eascert::ui
