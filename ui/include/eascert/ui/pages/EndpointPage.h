#pragma once

#include <QWizardPage>

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
class EndpointPage : public QWizardPage
{
    Q_OBJECT

public:
    EndpointPage(WizardContext* context, QWidget* parent = nullptr);
    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    int nextId() const override;

    void runProbe();
    void cancelProbe();

private:
    void showResult();

    WizardContext* m_context;
    AsyncJob* m_job;
    QLineEdit* m_url;
    QComboBox* m_method;
    QComboBox* m_proxyMode;
    QLineEdit* m_proxy;
    QLineEdit* m_caFile;
    QCheckBox* m_insecure;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_verdict;
    QLabel* m_http;
    QListWidget* m_caList;
    QListWidget* m_findings;
};

} // namespace eascert::ui
