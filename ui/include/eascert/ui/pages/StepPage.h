#pragma once

#include <QWizardPage>

class QKeyEvent;

namespace eascert::ui {

// A wizard page with an action of its own (Open, Test, Inspect, Apply, Export). Enter in one of the
// page's fields runs that action, never the wizard's Next: a step that has not run is not skipped.
// A focused button still takes Enter itself, as in every dialog.
class StepPage : public QWizardPage
{
    Q_OBJECT

public:
    using QWizardPage::QWizardPage;

protected:
    virtual void runAction() = 0;
    void keyPressEvent(QKeyEvent* event) override;
};

}  // namespace eascert::ui
