#pragma once

#include "eascert/ui/pages/StepPage.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QTreeWidget;

namespace eascert::ui {

class AsyncJob;
class ConnectionForm;
class WizardContext;

// Where the account lives (a domain controller, found through DNS or typed, or an LDIF export) and
// what its mapping says: the account and how it was found, every value with its strength and
// near-miss reasons, Published Certificates, other accounts mapping the certificate, NTAuth.
class DirectoryPage : public StepPage
{
    Q_OBJECT

public:
    DirectoryPage(WizardContext* context, QWidget* parent = nullptr);
    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    int nextId() const override;

protected:
    void runAction() override;

public:
    void inspect();

private:
    void build();
    bool m_built = false;
    void showResult();

    WizardContext* m_context;
    AsyncJob* m_job;
    ConnectionForm* m_connection = nullptr;
    QLineEdit* m_user = nullptr;
    QPushButton* m_inspect = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_state = nullptr;
    QLabel* m_account = nullptr;
    QTreeWidget* m_values = nullptr;
    QLabel* m_published = nullptr;
    QListWidget* m_others = nullptr;
    QLabel* m_ntAuth = nullptr;
    QListWidget* m_findings = nullptr;
};

}  // namespace eascert::ui
