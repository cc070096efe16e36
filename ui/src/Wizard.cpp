#include "eascert/ui/Wizard.h"

#include <QIcon>

#include "eascert/ui/PageId.h"
#include "eascert/ui/pages/WelcomePage.h"

namespace eascert::ui {

Wizard::Wizard(QWidget* parent) : QWizard(parent)
{
    setObjectName(QStringLiteral("easCertDoctorWizard"));
    setWindowTitle(tr("EAS Cert Doctor"));
    setWindowIcon(QIcon(QStringLiteral(":/eascert/icons/eas-cert-doctor.svg")));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage, true);
    setPage(PageId::Welcome, new WelcomePage(this));
    setStartId(PageId::Welcome);
    resize(760, 560);
}

} // namespace eascert::ui
