#pragma once

#include <optional>

#include "eascert/ui/pages/StepPage.h"

#include "eascert/cert/CertificateLoader.h"
#include "eascert/cert/WinCertStore.h"

class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace eascert::ui {

class AsyncJob;
class WizardContext;

// Opens the user's certificate (file dialog or drag and drop), asks for a password inline, shows the
// facts that matter for mapping and the pre-flight findings.
class CertificatePage : public StepPage
{
    Q_OBJECT

public:
    CertificatePage(WizardContext* context, QWidget* parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override;

protected:
    void runAction() override;

public:
    void openFile(const QString& path);  // also what a drop does

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void build();
    bool m_built = false;
    void load();
    void chooseFromStore();
    void loadFromStore(const cert::StoreCertificate& chosen);
    // A loaded certificate becomes the session's (path empty for a store certificate).
    void adopt(cert::LoadedCertificate loaded, const QString& path, const QString& storeKeyNote);
    void showCertificate();
    void showError(const Error& error);

    WizardContext* m_context;
    AsyncJob* m_job;
    QLineEdit* m_path = nullptr;
    QPushButton* m_browse = nullptr;
    QLineEdit* m_password = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_fromStore = nullptr;  // only when the wizard has the Windows stores
    QString m_storeKeyNote;              // why a store certificate came without its key
    QLabel* m_state = nullptr;
    QLabel* m_subject = nullptr;
    QLabel* m_issuer = nullptr;
    QLabel* m_serial = nullptr;
    QLabel* m_validity = nullptr;
    QLabel* m_ekus = nullptr;
    QLabel* m_upn = nullptr;
    QLabel* m_email = nullptr;
    QLabel* m_thumbprint = nullptr;
    QLabel* m_sid = nullptr;
    QLabel* m_key = nullptr;
    QListWidget* m_preflight = nullptr;
};

}  // namespace eascert::ui
