#pragma once

namespace eascert::ui {

// Wizard page ids, in flow order. Branching lives in each page's nextId().
enum PageId : int
{
    Welcome = 0,
    Certificate,
    Endpoint,
    Directory,
    Evidence,
    Fix,
    Report,
    DomainAudit,    // the domain path, from Welcome: audit every account ...
    DomainMigrate,  // ... then plan, apply, undo and report the migration to strong mappings
};

}  // namespace eascert::ui
