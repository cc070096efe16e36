#pragma once

#include <QWizardPage>

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
class DirectoryPage : public QWizardPage
{
    Q_OBJECT

public:
    DirectoryPage(WizardContext* context, QWidget* parent = nullptr);
    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    int nextId() const override;

    void inspect();
    void discover();

private:
    void updateSource();
    void showResult();

    WizardContext* m_context;
    AsyncJob* m_job;
    common::DcDiscovery* m_discovery;
    QRadioButton* m_useLdap;
    QRadioButton* m_useLdif;
    QLineEdit* m_domain;
    QPushButton* m_discover;
    QComboBox* m_dc;
    QComboBox* m_bind;
    QLineEdit* m_bindDn;
    QLineEdit* m_password;
    QLineEdit* m_caFile;
    QLineEdit* m_ldif;
    QLineEdit* m_user;
    QPushButton* m_inspect;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_state;
    QLabel* m_account;
    QTreeWidget* m_values;
    QLabel* m_published;
    QListWidget* m_others;
    QLabel* m_ntAuth;
    QListWidget* m_findings;
};

} // namespace eascert::ui
