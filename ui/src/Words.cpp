#include "Words.h"
#include "eascert/support/Text.h"

#include <QApplication>
#include <QLabel>
#include <QCoreApplication>

#include "eascert/ui/Icons.h"
#include "ReportWording.h"

namespace eascert::ui::words {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Words", text);
}

} // namespace

QString outside(std::string_view text)
{
    return QString::fromStdString(text::printable(text));
}

QString error(const Error& e)
{
    QString text;
    switch (e.code) {
    case ErrorCode::FileNotFound: text = tr("The file does not exist."); break;
    case ErrorCode::NotAFile: text = tr("That is a folder or a device, not a file."); break;
    case ErrorCode::FileUnreadable: text = tr("The file cannot be read (permissions?)."); break;
    case ErrorCode::FileUnwritable:
        text = tr("The file cannot be written: check that you may write to the folder and that the disk is not full.");
        break;
    case ErrorCode::FileExists: text = tr("The file exists already and was left as it is: choose another name."); break;
    case ErrorCode::FileTooLarge: text = tr("The file is too large to be a certificate."); break;
    case ErrorCode::EmptyFile: text = tr("The file is empty."); break;
    case ErrorCode::PasswordRequired: text = tr("This file is protected: type its password and choose Open."); break;
    case ErrorCode::WrongPassword: text = tr("Wrong password. Type it again and choose Open."); break;
    case ErrorCode::Cancelled: text = tr("Cancelled."); break;
    case ErrorCode::AccountNotFound:
        text = tr("No account matches the certificate. Type the account (sAMAccountName, UPN or DN) and inspect again.");
        break;
    case ErrorCode::AccountAmbiguous:
        text = tr("Several accounts match the certificate. Type the account to inspect and try again.");
        break;
    case ErrorCode::AuthenticationFailed:
        text = tr("The domain controller refused the bind: check the DN and password (or your Kerberos ticket).");
        break;
    case ErrorCode::UnrecognizedFormat:
    case ErrorCode::NoCertificate:
        text = tr("This is not a certificate file. Open a .pfx, .p12, .cer, .crt, .pem or .p7b file.");
        break;
    case ErrorCode::CorruptData: text = tr("The file is damaged or truncated."); break;
    case ErrorCode::DirectoryUnavailable: text = tr("The domain controller cannot be reached: check the name and port."); break;
    case ErrorCode::DirectoryTimeout:
    case ErrorCode::NetworkTimeout: text = tr("No answer in time: check the name, the port and the firewall."); break;
    case ErrorCode::CleartextBindRefused:
        text = tr("A password is never sent without TLS: use ldaps://, or StartTLS on ldap://.");
        break;
    case ErrorCode::EmptyPasswordRefused:
        text = tr("A bind name needs its password: an empty one would be an unauthenticated bind. Type the password, "
                  "or use Kerberos.");
        break;
    case ErrorCode::EntryChanged:
        text = tr("Someone changed the account since it was inspected. Nothing was written: inspect again.");
        break;
    case ErrorCode::TlsFailure:
        text = tr("The TLS connection failed or the server's certificate is not trusted: give its CA certificate.");
        break;
    case ErrorCode::InsufficientRights: text = tr("The account you bound with may not change this attribute."); break;
    default: text = tr("The operation failed."); break;
    }
    if (!e.detail.empty() && e.code != ErrorCode::WrongPassword && e.code != ErrorCode::PasswordRequired)
        text += QStringLiteral(" (") + QString::fromStdString(e.detail) + QStringLiteral(")");
    return text;
}

QString outcome(probe::Outcome o)
{
    using probe::Outcome;
    switch (o) {
    case Outcome::Authenticated: return tr("Authenticated: the endpoint accepted the certificate");
    case Outcome::MappingFailed: return tr("Mapping failed (401.2): the certificate maps to no account");
    case Outcome::CertificateNotSent: return tr("No certificate reached the server (403.7)");
    case Outcome::Untrusted: return tr("The server does not trust the certificate (403.16)");
    case Outcome::Revoked: return tr("The certificate is revoked (403.13)");
    case Outcome::Expired: return tr("The certificate is expired or not yet valid (403.17)");
    case Outcome::MapperDenied: return tr("The certificate mapper denied access (403.12)");
    case Outcome::TlsAlert: return tr("The server ended the TLS handshake with an alert");
    case Outcome::ServerCertificate: return tr("The server's own certificate is not trusted here");
    case Outcome::NameNotResolved: return tr("The host name does not resolve");
    case Outcome::ConnectFailed: return tr("No connection to the server");
    case Outcome::Timeout: return tr("The server did not answer in time");
    case Outcome::ProtocolError: return tr("The answer was not HTTPS as expected");
    case Outcome::Redirect: return tr("Redirected: the mailbox lives elsewhere");
    case Outcome::ServerBusy: return tr("The server is busy (503)");
    case Outcome::NotActiveSync: return tr("Another site answered: no ActiveSync headers");
    case Outcome::Unexpected: return tr("An unexpected answer");
    }
    return {};
}

QString findingTitle(const diagnosis::Finding& f)
{
    return QString::fromStdString(common::ReportWording().finding(f).title);
}

QString findingDetails(const diagnosis::Finding& f)
{
    const auto w = common::ReportWording().finding(f);
    QString text = QString::fromStdString(w.cause);
    for (const auto& [key, value] : f.evidence)
        text += QStringLiteral("\n%1: %2").arg(QString::fromStdString(key), QString::fromStdString(value));
    if (f.fixValue)
        text += QStringLiteral("\n") + tr("Strong value to add:") + QStringLiteral(" ") + QString::fromStdString(*f.fixValue);
    int n = 0;
    for (const auto& step : w.fixSteps)
        text += QStringLiteral("\n%1. %2").arg(++n).arg(QString::fromStdString(step));
    return text;
}

QIcon severityIcon(diagnosis::Severity s)
{
    switch (s) {
    case diagnosis::Severity::Critical: return resourceIcon(QStringLiteral("critical"));
    case diagnosis::Severity::Warning: return resourceIcon(QStringLiteral("warning"));
    case diagnosis::Severity::Info: return resourceIcon(QStringLiteral("info"));
    }
    return {};
}

QIcon okIcon()
{
    return resourceIcon(QStringLiteral("ok"));
}

void addFinding(QListWidget* list, const diagnosis::Finding& f)
{
    auto* item = new QListWidgetItem(severityIcon(f.severity), findingTitle(f), list);
    item->setToolTip(findingDetails(f));
    item->setData(Qt::UserRole, QString::fromStdString(std::string(diagnosis::findingId(f.id))));
}

QLabel* labelFor(const QString& text, QWidget* buddy)
{
    auto* label = new QLabel(text, buddy->parentWidget());
    label->setBuddy(buddy);
    return label;
}

} // namespace eascert::ui::words
