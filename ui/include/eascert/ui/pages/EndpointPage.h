#pragma once

#include "eascert/ui/pages/StepPage.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace eascert::ui {

class AsyncJob;
class WizardContext;

// Tests the endpoint as a phone would, off the UI thread, with a Cancel that works; shows the CA list
// the server sent (our issuer highlighted, or said missing) and what the HTTP answer means.
class EndpointPage : public StepPage
{
    Q_OBJECT

public:
    EndpointPage(WizardContext* context, QWidget* parent = nullptr);
    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool validatePage() override;
    int nextId() const override;

protected:
    void runAction() override;

public:
    void runProbe();
    void cancelProbe();

private:
    void build();
    bool m_built = false;
    void showResult();
    // The page's fields into the context (the URL completed as typed), remembered outside the demo.
    void takeSettings();

    WizardContext* m_context;
    AsyncJob* m_job;
    QLineEdit* m_url = nullptr;
    QComboBox* m_method = nullptr;
    QComboBox* m_proxyMode = nullptr;
    QLineEdit* m_proxy = nullptr;
    QLineEdit* m_caFile = nullptr;
    QCheckBox* m_insecure = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_verdict = nullptr;
    QLabel* m_http = nullptr;
    QListWidget* m_caList = nullptr;
    QListWidget* m_findings = nullptr;
};

}  // namespace eascert::ui
