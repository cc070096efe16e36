#pragma once

#include <optional>

#include <QWizardPage>

#include "eascert/directory/Fix.h"

class QLabel;
class QMessageBox;
class QPlainTextEdit;
class QPushButton;

namespace eascert::ui {

class AsyncJob;
class WizardContext;

// The planned change as a readable diff, LDIF and PowerShell; a confirmation that names the account
// and the value; backup, write, read back; Undo; and "Test again" with the endpoint.
class FixPage : public QWizardPage
{
    Q_OBJECT

public:
    FixPage(WizardContext* context, QWidget* parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override;

    void askToApply();  // opens the confirmation (window-modal, no nested event loop)
    void undo();
    void testAgain();

private:
    void apply();
    void showPlan();
    void showState();

    WizardContext* m_context;
    AsyncJob* m_job;
    std::optional<directory::FixPlan> m_plan;
    QLabel* m_summary;
    QPlainTextEdit* m_diff;
    QPlainTextEdit* m_ldif;
    QPlainTextEdit* m_powershell;
    QPushButton* m_copyLdif;
    QPushButton* m_copyPowershell;
    QPushButton* m_apply;
    QPushButton* m_undo;
    QPushButton* m_testAgain;
    QLabel* m_result;
    QLabel* m_backup;
    QLabel* m_retest;
    QMessageBox* m_confirm = nullptr;
};

} // namespace eascert::ui
