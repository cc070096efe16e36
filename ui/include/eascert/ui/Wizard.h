#pragma once

#include <QStringList>
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

    // Esc, Cancel, Finish and the window's close button all end here: when a change was applied (Undo
    // is offered only while the wizard is open) or the report was not exported, the admin is asked
    // first (window-modal; "Stay" is the default).
    void done(int result) override;
    // What closing would lose, one line each; empty: nothing.
    QStringList unsavedWork() const;

private:
    void updateTitle();  // names the demo, the account and the endpoint once known

    bool m_closeConfirmed = false;
    class StepPanel* m_steps = nullptr;
    WizardContext* m_context;
    LogBuffer* m_logBuffer;
    LogPanel* m_log = nullptr;
};

}  // namespace eascert::ui
