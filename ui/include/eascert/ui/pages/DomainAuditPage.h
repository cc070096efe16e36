#pragma once

#include "eascert/ui/pages/StepPage.h"

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace eascert::ui {

class AsyncJob;
class ConnectionForm;
class FilteredTable;
class WizardContext;

// The domain path's first step: connect, and audit every account's mappings (weak-only, malformed,
// near misses, duplicates, published-only) into a table to sort and filter.
class DomainAuditPage : public StepPage
{
    Q_OBJECT

public:
    DomainAuditPage(WizardContext* context, QWidget* parent = nullptr);
    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    int nextId() const override;

    void audit();

protected:
    void runAction() override;

private:
    WizardContext* m_context;
    AsyncJob* m_job;
    ConnectionForm* m_connection;
    QLineEdit* m_base;
    QPushButton* m_audit;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_state;
    FilteredTable* m_table;
};

}  // namespace eascert::ui
