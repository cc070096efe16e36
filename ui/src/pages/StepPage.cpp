#include "eascert/ui/pages/StepPage.h"

#include <QKeyEvent>

namespace eascert::ui {

void StepPage::keyPressEvent(QKeyEvent* event)
{
    // Enter a field did not take (a line edit, a check box, a list) reaches its page before the
    // wizard, whose default button it would otherwise press.
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    const auto modifiers = event->modifiers() & ~Qt::KeypadModifier;
    if (enter && modifiers == Qt::NoModifier) {
        event->accept();
        runAction();
        return;
    }
    QWizardPage::keyPressEvent(event);
}

}  // namespace eascert::ui
