#pragma once

#include <QWizardPage>

class QLabel;
class QListWidget;
class QPushButton;

namespace eascert::ui {

class AsyncJob;
class WizardContext;

// What the tool does and needs; the demo lab; recent sessions.
class WelcomePage : public QWizardPage
{
    Q_OBJECT

public:
    WelcomePage(WizardContext* context, QWidget* parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override;

private:
    void startDemo();

    WizardContext* m_context;
    AsyncJob* m_job;
    QLabel* m_intro;
    QPushButton* m_demo;
    QPushButton* m_domain;
    QLabel* m_demoStatus;
    QLabel* m_recentLabel = nullptr;
    QListWidget* m_recent;
};

}  // namespace eascert::ui
