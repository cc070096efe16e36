#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include <QWizardPage>

#include "eascert/directory/Migration.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace eascert::ui {

class AsyncJob;
class FilteredTable;
class WizardContext;

// The domain path's second step: where the certificates come from, the plan (what changes on which
// account, with the PowerShell or LDIF to copy), apply with a progress bar and Cancel (between
// accounts; the journal stays, Apply again continues), undo of the whole run, and the report.
class DomainMigratePage : public QWizardPage
{
    Q_OBJECT

public:
    DomainMigratePage(WizardContext* context, QWidget* parent = nullptr);
    void cleanupPage() override;
    bool isComplete() const override;
    int nextId() const override { return -1; }

    void plan();
    void apply();
    void undo();
    void saveReport();

private:
    void showPlan();
    void showScript();
    void showRun(const directory::MigrationRun& run, bool undone);
    void updateButtons();

    WizardContext* m_context;
    AsyncJob* m_job;
    QCheckBox* m_published;
    QLineEdit* m_certs;
    QLineEdit* m_caExport;
    QLineEdit* m_map;
    QCheckBox* m_prune;
    QPushButton* m_plan;
    QLabel* m_planState;
    FilteredTable* m_table;
    QComboBox* m_scriptKind;
    QPlainTextEdit* m_script;
    QPushButton* m_copy;
    QPushButton* m_apply;
    QPushButton* m_cancel;
    QPushButton* m_undo;
    QProgressBar* m_progress;
    QLabel* m_runState;
    QLineEdit* m_reportPath;
    QPushButton* m_saveReport;

    std::shared_ptr<const directory::MigrationPlan> m_current;
    std::optional<directory::MigrationRun> m_run;
    const char* m_runKind = "plan";
    std::filesystem::path m_journal;  // of the current plan; empty until it is first applied
};

}  // namespace eascert::ui
