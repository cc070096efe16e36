#include "Words.h"
#include "eascert/support/Text.h"

#include <QApplication>
#include <QClipboard>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include "ReportWording.h"
#include "Terms.h"
#include "eascert/ui/Icons.h"

namespace eascert::ui::words {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Words", text);
}

}  // namespace

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
        text =
            tr("No account matches the certificate. Type the account (sAMAccountName, UPN or DN) and inspect again.");
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
    case ErrorCode::DirectoryUnavailable:
        text = tr("The domain controller cannot be reached: check the name and port.");
        break;
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
    case ErrorCode::InvalidArgument: text = tr("That value cannot be used."); break;
    case ErrorCode::UnsupportedAlgorithm:
        text = tr("The file uses an encryption this build cannot open: export it again with AES-256.");
        break;
    case ErrorCode::NotSupportedHere:
        text = tr("This system cannot do that; the detail says what to use instead.");
        break;
    case ErrorCode::KeyNotExportable:
        text = tr("Windows will not export this certificate's private key: use a .pfx exported with its key.");
        break;
    case ErrorCode::StrongAuthRequired:
        text = tr("The domain controller demands a protected connection: use ldaps:// or Kerberos.");
        break;
    case ErrorCode::ConstraintViolation:
        text = tr("The domain controller rejected the value. Nothing was written.");
        break;
    case ErrorCode::NoSuchEntry: text = tr("The account does not exist (any more): inspect again."); break;
    case ErrorCode::EntryExists:
        text = tr("Someone created the NTAuth store since the inspection. Nothing was written: inspect again.");
        break;
    case ErrorCode::NtAuthRightsMissing:
        text = tr("Only Enterprise Admins may add a CA to NTAuth. Nothing was written. Ask one to run "
                  "certutil -dspublish -f ca.cer NTAuthCA with the issuing CA's certificate, or run as one.");
        break;
    case ErrorCode::ValueExists: text = tr("The value is already on the account: nothing to add."); break;
    case ErrorCode::NoSuchValue: text = tr("The value to remove is no longer on the account: inspect again."); break;
    case ErrorCode::VerificationFailed:
        text = tr("The account does not show the value after writing it: check replication; the backup can undo it.");
        break;
    case ErrorCode::NameNotResolved:
        text = tr("The host name does not resolve: check the name and the DNS server.");
        break;
    case ErrorCode::ConnectFailed:
        text = tr("No connection (refused or unreachable): check the host, the port, the firewall and the proxy.");
        break;
    case ErrorCode::ProtocolError: text = tr("The server's answer broke the TLS or HTTP rules."); break;
    case ErrorCode::DirectoryError: text = tr("The domain controller reported an error."); break;
    case ErrorCode::Internal: text = tr("An internal error: please report it with the log (Show log)."); break;
    }
    if (!e.detail.empty() && e.code != ErrorCode::WrongPassword && e.code != ErrorCode::PasswordRequired)
        text += QStringLiteral(" (") + QString::fromStdString(e.detail) + QStringLiteral(")");
    return text;
}

QString outcome(probe::Outcome o)
{
    return QString::fromStdString(common::terms::probeOutcome(o));
}

QString localTime(cert::TimePoint time)
{
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(seconds).toLocalTime(), QLocale::ShortFormat);
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
        text += QStringLiteral("\n%1: %2")
                    .arg(QString::fromStdString(common::terms::evidenceLabel(key)),
                         outside(common::terms::evidenceValue(key, value)));
    if (f.fixValue)
        text += QStringLiteral("\n") + tr("Strong value to add:") + QStringLiteral(" ") +
                QString::fromStdString(*f.fixValue);
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
    item->setData(kDetailsRole, findingDetails(f));
    item->setData(Qt::UserRole, QString::fromStdString(std::string(diagnosis::findingId(f.id))));
}

namespace {

// The first row, depth first, that has details (findings under group headings on the Report page).
QModelIndex firstWithDetails(const QAbstractItemModel* model, const QModelIndex& parent = {})
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        if (!index.data(kDetailsRole).toString().isEmpty())
            return index;
        if (const QModelIndex child = firstWithDetails(model, index); child.isValid())
            return child;
    }
    return model->rowCount(parent) > 0 && !parent.isValid() ? model->index(0, 0) : QModelIndex();
}

}  // namespace

QWidget* withDetails(QAbstractItemView* view, const QString& copyText, QWidget* parent)
{
    auto* box = new QWidget(parent);
    auto* details = new QPlainTextEdit(box);
    details->setObjectName(view->objectName() + QStringLiteral("Details"));
    details->setReadOnly(true);
    details->setAccessibleName(QCoreApplication::translate("Words", "Details of the selected finding"));
    details->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    // The explanation is what the admin reads: it gets the room, up to a screenful; the list scrolls.
    details->setMinimumHeight(details->fontMetrics().lineSpacing() * 5);
    details->setMaximumHeight(details->fontMetrics().lineSpacing() * 16);
    auto* copy = new QPushButton(copyText, box);
    copy->setObjectName(view->objectName() + QStringLiteral("Copy"));
    const auto show = [view, details, copy] {
        const QModelIndex index = view->currentIndex();
        QString text;
        if (index.isValid()) {
            const QString more = index.data(kDetailsRole).toString();
            text = index.data(Qt::DisplayRole).toString();
            if (!more.isEmpty())
                text += QStringLiteral("\n\n") + more;
        }
        details->setPlainText(text);
        details->setVisible(!text.isEmpty());
        copy->setVisible(!text.isEmpty());
    };
    // Every update runs from the event loop, never inside the signal: the model also signals while the
    // view is being destroyed, and a pending update dies with the box.
    QAbstractItemModel* model = view->model();
    const auto update = [box, view, model, show] {
        QTimer::singleShot(0, box, [view, model, show] {
            if (view->currentIndex().data(kDetailsRole).toString().isEmpty())
                if (const QModelIndex first = firstWithDetails(model); first.isValid())
                    view->setCurrentIndex(first);
            show();
        });
    };
    QObject::connect(view->selectionModel(), &QItemSelectionModel::currentChanged, box,
                     [box, show] { QTimer::singleShot(0, box, show); });
    QObject::connect(model, &QAbstractItemModel::rowsInserted, box, update);
    QObject::connect(model, &QAbstractItemModel::modelReset, box, update);
    QObject::connect(model, &QAbstractItemModel::rowsRemoved, box, update);
    QObject::connect(copy, &QPushButton::clicked, box,
                     [details] { QGuiApplication::clipboard()->setText(details->toPlainText()); });
    auto* row = new QHBoxLayout;
    row->addWidget(details, 1);
    row->addWidget(copy, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view, 1);
    layout->addLayout(row, 2);
    show();
    return box;
}

QPushButton* browseButton(QLineEdit* field, const QString& text, const QString& caption, const QString& filter)
{
    auto* button = new QPushButton(text, field->parentWidget());
    button->setObjectName(field->objectName() + QStringLiteral("Browse"));
    QObject::connect(button, &QPushButton::clicked, field, [field, caption, filter] {
        auto* dialog = new QFileDialog(field->window(), caption, field->text().trimmed(), filter);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setFileMode(QFileDialog::ExistingFile);
        QObject::connect(dialog, &QFileDialog::fileSelected, field, [field](const QString& file) {
            field->setText(QDir::toNativeSeparators(file));
            field->setFocus();
        });
        dialog->open();
    });
    return button;
}

QLayout* fieldWithButton(QWidget* field, QWidget* button)
{
    auto* row = new QHBoxLayout;
    row->addWidget(field, 1);
    row->addWidget(button);
    return row;
}

QLabel* labelFor(const QString& text, QWidget* buddy)
{
    auto* label = new QLabel(text, buddy->parentWidget());
    label->setBuddy(buddy);
    return label;
}

}  // namespace eascert::ui::words
