// eas-cert-doctor — the wizard front end of EAS Cert Doctor.

#include <csignal>

#include <QApplication>

#include "eascert/ui/Wizard.h"

int main(int argc, char** argv)
{
#ifdef SIGPIPE
    std::signal(SIGPIPE, SIG_IGN);  // a closed server connection is an error value, not a crash
#endif
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("EAS Cert Doctor"));
    QApplication::setOrganizationName(QStringLiteral("EAS Cert Doctor"));
    QApplication::setApplicationVersion(QStringLiteral(EASCERT_VERSION));

    eascert::ui::Wizard wizard;
    wizard.show();
    return QApplication::exec();
}
