#pragma once

#include <optional>

#include "eascert/ui/pages/StepPage.h"

#include "eascert/directory/Fix.h"

class QCheckBox;
class QLabel;
class QMessageBox;
class QPlainTextEdit;
class QPushButton;

namespace eascert::ui {

class AsyncJob;
class WizardContext;

// The planned change as a readable diff, LDIF and PowerShell; a confirmation that names the account
// and the value; backup, write, read back; Undo; and "Test again" with the endpoint.
class FixPage : public StepPage
{
    Q_OBJECT

public:
    FixPage(WizardContext* context, QWidget* parent = nullptr);
    void initializePage() override;
    // Back during a job: a retest is cancelled; a write is not (it is never cut in half): it ends,
    // and its result is recorded for the session it was made for.
    void cleanupPage() override;
    bool isComplete() const override;
    int nextId() const override;

protected:
    void runAction() override;

public:
    void askToApply();  // opens the confirmation (window-modal, no nested event loop)
    void undo();
    void testAgain();

private:
    void build();
    bool m_built = false;
    bool m_writing = false;  // the running job writes to the directory (apply or undo)
    void apply();
    void showPlan();
    void showState();
    QString changeFilePath() const;  // the offline directory's change file ("" when live)

    WizardContext* m_context;
    AsyncJob* m_job;
    std::optional<directory::FixPlan> m_plan;
    QLabel* m_summary = nullptr;
    QPlainTextEdit* m_diff = nullptr;
    QPlainTextEdit* m_ldif = nullptr;
    QPlainTextEdit* m_powershell = nullptr;
    QPushButton* m_copyLdif = nullptr;
    QPushButton* m_copyPowershell = nullptr;
    QCheckBox* m_removeBroken = nullptr;   // also remove the near-miss value(s), same safety
    QCheckBox* m_publishNtAuth = nullptr;  // also publish the issuing CA to NTAuth (KB5057784)
    QLabel* m_ntAuthNote = nullptr;        // why the CA cannot be published from here
    QPlainTextEdit* m_import = nullptr;    // offline: the commands that import the change file
    QPushButton* m_copyPath = nullptr;
    QPushButton* m_copyImport = nullptr;
    QPushButton* m_copyLdapmodify = nullptr;
    QPushButton* m_apply = nullptr;
    QPushButton* m_undo = nullptr;
    QPushButton* m_testAgain = nullptr;
    QLabel* m_result = nullptr;
    QLabel* m_backup = nullptr;
    QLabel* m_retest = nullptr;
    QMessageBox* m_confirm = nullptr;
};

}  // namespace eascert::ui
