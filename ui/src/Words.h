#pragma once

#include <string_view>

#include <QAbstractItemView>
#include <QIcon>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QString>

#include "eascert/diagnosis/Diagnosis.h"
#include "eascert/probe/Classification.h"
#include "eascert/support/Error.h"

// The wizard's words for core's codes (tr() in the "Words" context). Finding titles, causes and fix
// steps come from common::ReportWording, which the report shares.
namespace eascert::ui::words {

// Outside text (a directory value, a DN) for a label: every byte shown, none dropped (\xNN).
QString outside(std::string_view text);
QString error(const Error& error);        // one sentence: what went wrong and what to do
QString outcome(probe::Outcome outcome);  // "Authenticated", "Mapping failed (401.2)" ...
// A certificate time in the local time zone and the user's locale, as Windows shows it.
QString localTime(cert::TimePoint time);
QString findingTitle(const diagnosis::Finding& finding);
QString findingDetails(const diagnosis::Finding& finding);  // cause, evidence, steps (plain text)
QIcon severityIcon(diagnosis::Severity severity);
QIcon okIcon();
// A finding as a list row: severity icon, title, the details as tooltip, the id as Qt::UserRole.
void addFinding(QListWidget* list, const diagnosis::Finding& finding);

// Details of a list row for the detail pane (withDetails); rows without them show their text.
inline constexpr int kDetailsRole = Qt::UserRole + 1;
// A list of findings with a detail pane under it: the selected row's cause, evidence, value to add and
// steps, wrapped and selectable, with a Copy button (copyText names it, with its accelerator). The
// first row is selected when rows arrive, so the pane is never empty while there is something to say.
QWidget* withDetails(QAbstractItemView* view, const QString& copyText, QWidget* parent);

// A "Browse..." button for a file field: opens a file dialog (window-modal, so the keyboard stays in
// the wizard) at the field's file and puts the chosen file in the field. Object name: field + "Browse".
QPushButton* browseButton(QLineEdit* field, const QString& text, const QString& caption, const QString& filter);
// The field and its button side by side, for a form row.
QLayout* fieldWithButton(QWidget* field, QWidget* button);

// A form label for a row that is a layout (QFormLayout sets no buddy then): its mnemonic works.
QLabel* labelFor(const QString& text, QWidget* buddy);

}  // namespace eascert::ui::words
