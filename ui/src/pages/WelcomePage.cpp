#include "eascert/ui/pages/WelcomePage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace eascert::ui {

WelcomePage::WelcomePage(QWidget* parent) : QWizardPage(parent)
{
    setObjectName(QStringLiteral("welcomePage"));
    setTitle(tr("Certificate authentication keeps failing?"));
    setSubTitle(tr("EAS Cert Doctor finds out why IIS cannot map a client certificate to an Active Directory "
                   "account, and writes the strong mapping that fixes it."));

    m_intro = new QLabel(this);
    m_intro->setObjectName(QStringLiteral("welcomeIntro"));
    m_intro->setWordWrap(true);
    m_intro->setTextFormat(Qt::PlainText);
    m_intro->setText(tr("You will need:\n"
                        "  1. the user's certificate (.pfx, .p12, .cer, .pem or .p7b),\n"
                        "  2. the endpoint URL, e.g. https://mail.contoso.com/Microsoft-Server-ActiveSync,\n"
                        "  3. a domain controller, or an LDIF export of the user's account.\n\n"
                        "Until the later steps are in place, use the eascert command line: "
                        "'eascert mapping FILE' builds the altSecurityIdentities value for a certificate."));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addStretch(1);
}

} // namespace eascert::ui
