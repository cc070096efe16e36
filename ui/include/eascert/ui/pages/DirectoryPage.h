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

namespace eascert::common {
class DcDiscovery;
}

namespace eascert::ui {

class AsyncJob;
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
    void discover();

private:
    void build();
    bool m_built = false;
    void updateSource();
    void showResult();

    WizardContext* m_context;
    AsyncJob* m_job;
    common::DcDiscovery* m_discovery = nullptr;
    QRadioButton* m_useLdap = nullptr;
    QRadioButton* m_useLdif = nullptr;
    QLineEdit* m_domain = nullptr;
    QPushButton* m_discover = nullptr;
    QComboBox* m_dc = nullptr;
    QComboBox* m_bind = nullptr;
    QLineEdit* m_bindDn = nullptr;
    QLineEdit* m_password = nullptr;
    QLineEdit* m_caFile = nullptr;
    QPushButton* m_caBrowse = nullptr;
    QPushButton* m_ldifBrowse = nullptr;
    QLineEdit* m_ldif = nullptr;
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

} // namespace eascert::ui
