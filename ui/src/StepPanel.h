#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QWizard;

namespace eascert::ui {

class WizardContext;

// The wizard's side panel: where you are and how each step went (done, problem, skipped, not yet),
// a "Demo lab" banner while the demo runs, and the verdict so far. A step already passed is one
// click (or Enter) away: the wizard goes back to it.
class StepPanel : public QWidget
{
    Q_OBJECT

public:
    StepPanel(QWizard* wizard, WizardContext* context);

    // Reads the session and the wizard's position again.
    void refresh();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void goTo(int pageId);

    QWizard* m_wizard;
    WizardContext* m_context;
    QLabel* m_banner;
    QListWidget* m_steps;
    QLabel* m_verdict;
};

}  // namespace eascert::ui
