#pragma once

#include "eascert/ui/pages/StepPage.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace eascert::ui {

class WizardContext;

// The verdict and findings; export HTML (and JSON), with optional redaction; open in the browser.
// Calls the same core function as `eascert diagnose` (report::render).
class ReportPage : public StepPage
{
    Q_OBJECT

public:
    ReportPage(WizardContext* context, QWidget* parent = nullptr);
    void initializePage() override;

    bool exportReport();  // writes the HTML (and JSON) to the path in the field

protected:
    void runAction() override;

private:
    void build();
    bool m_built = false;
    WizardContext* m_context;
    QLabel* m_verdict = nullptr;
    QTreeWidget* m_findings = nullptr;
    QLineEdit* m_path = nullptr;
    QPushButton* m_browse = nullptr;
    QCheckBox* m_redact = nullptr;
    QCheckBox* m_json = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_open = nullptr;
    QLabel* m_state = nullptr;
};

}  // namespace eascert::ui
