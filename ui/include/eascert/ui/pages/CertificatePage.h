#pragma once

#include <optional>

#include <QWizardPage>

#include "eascert/cert/CertificateLoader.h"

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
class CertificatePage : public QWizardPage
{
    Q_OBJECT

public:
    CertificatePage(WizardContext* context, QWidget* parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override;

    void openFile(const QString& path);  // also what a drop does

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void load();
    void showCertificate();
    void showError(const Error& error);

    WizardContext* m_context;
    AsyncJob* m_job;
    QLineEdit* m_path;
    QPushButton* m_browse;
    QLineEdit* m_password;
    QPushButton* m_open;
    QLabel* m_state;
    QLabel* m_subject;
    QLabel* m_issuer;
    QLabel* m_serial;
    QLabel* m_validity;
    QLabel* m_ekus;
    QLabel* m_names;
    QLabel* m_sid;
    QLabel* m_key;
    QListWidget* m_preflight;
};

} // namespace eascert::ui
