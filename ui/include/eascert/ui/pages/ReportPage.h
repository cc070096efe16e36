#pragma once

#include <QWizardPage>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace eascert::ui {

class WizardContext;

// The verdict and findings; export HTML (and JSON), with optional redaction; open in the browser.
// Calls the same core function as `eascert diagnose` (report::render).
class ReportPage : public QWizardPage
{
    Q_OBJECT

public:
    ReportPage(WizardContext* context, QWidget* parent = nullptr);
    void initializePage() override;

    bool exportReport();  // writes the HTML (and JSON) to the path in the field

private:
    WizardContext* m_context;
    QLabel* m_verdict;
    QTreeWidget* m_findings;
    QLineEdit* m_path;
    QPushButton* m_browse;
    QCheckBox* m_redact;
    QCheckBox* m_json;
    QPushButton* m_export;
    QPushButton* m_open;
    QLabel* m_state;
};

} // namespace eascert::ui
