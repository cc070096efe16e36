#pragma once

#include <QWizard>

namespace eascert::ui {

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
    LogPanel* logPanel() const { return m_log; }

private:
    WizardContext* m_context;
    LogPanel* m_log;
};

} // namespace eascert::ui
