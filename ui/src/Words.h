#pragma once

#include <string_view>

#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QString>

#include "eascert/diagnosis/Diagnosis.h"
#include "eascert/probe/Classification.h"
#include "eascert/support/Error.h"

// The wizard's words for core's codes (tr() in the "Words" context). Finding titles, causes and fix
// steps come from common::ReportWording, which the report shares.
namespace eascert::ui::words {

// Outside text (a directory value, a DN) for a label: every byte shown, none dropped (\xNN).
QString outside(std::string_view text);
QString error(const Error& error);                 // one sentence: what went wrong and what to do
QString outcome(probe::Outcome outcome);           // "Authenticated", "Mapping failed (401.2)" ...
QString findingTitle(const diagnosis::Finding& finding);
QString findingDetails(const diagnosis::Finding& finding);  // cause, evidence, steps (plain text)
QIcon severityIcon(diagnosis::Severity severity);
QIcon okIcon();
// A finding as a list row: severity icon, title, the details as tooltip, the id as Qt::UserRole.
void addFinding(QListWidget* list, const diagnosis::Finding& finding);

// A form label for a row that is a layout (QFormLayout sets no buddy then): its mnemonic works.
QLabel* labelFor(const QString& text, QWidget* buddy);

} // namespace eascert::ui::words
