#pragma once

#include <QWizard>

namespace eascert::ui {

class LogBuffer;
class LogPanel;
class WizardContext;

// The EAS Cert Doctor wizard: welcome → certificate → endpoint → directory → fix → report.
// Pages share one WizardContext (the diagnosis session); ids are in PageId.h.
class Wizard : public QWizard
{
    Q_OBJECT

public:
    explicit Wizard(QWidget* parent = nullptr);
    ~Wizard() override;

    WizardContext* context() const { return m_context; }
    LogPanel* logPanel();  // made on first use
    void toggleLog();

private:
    WizardContext* m_context;
    LogBuffer* m_logBuffer;
    LogPanel* m_log = nullptr;
};

} // namespace eascert::ui
