#include "eascert/ui/pages/CertificatePage.h"
#include "eascert/cert/Validity.h"

#include <fstream>

#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include "StoreDialog.h"
#include "Terms.h"
#include "Words.h"
#include "eascert/mapping/WindowsName.h"
#include "eascert/support/Bytes.h"
#include "eascert/support/Path.h"
#include "eascert/ui/AsyncJob.h"
#include "eascert/ui/PageId.h"
#include "eascert/ui/WizardContext.h"

namespace eascert::ui {

namespace {

QLabel* fact(QWidget* parent, const char* name)
{
    auto* l = new QLabel(parent);
    l->setObjectName(QLatin1String(name));
    l->setTextFormat(Qt::PlainText);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

QString join(const std::vector<std::string>& items)
{
    QStringList out;
    for (const auto& i : items)
        out << QString::fromStdString(i);
    return out.join(QStringLiteral(", "));
}

}  // namespace

CertificatePage::CertificatePage(WizardContext* context, QWidget* parent)
    : StepPage(parent), m_context(context), m_job(new AsyncJob(this))
{
    setObjectName(QStringLiteral("certificatePage"));
    setTitle(tr("The user's certificate"));
    setSubTitle(tr("Open the certificate the phone uses: a .pfx/.p12 with its key lets the endpoint test present "
                   "it; a .cer/.pem/.p7b is enough for the mapping. You can also drop a file here."));
    setAcceptDrops(true);
}

// The widgets are made when the page is first shown: a wizard that starts fast builds only its first page.
void CertificatePage::build()
{
    m_built = true;
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("certificatePath"));
    m_path->setAccessibleName(tr("Certificate file"));
    m_path->setPlaceholderText(tr("C:\\Users\\admin\\Desktop\\usertest1.pfx"));
    m_browse = new QPushButton(tr("Bro&wse..."), this);
    m_browse->setObjectName(QStringLiteral("browseCertificate"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("certificatePassword"));
    m_password->setAccessibleName(tr("Certificate file password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("only for a protected .pfx/.p12"));
    m_open = new QPushButton(tr("&Open"), this);
    m_open->setObjectName(QStringLiteral("openCertificate"));
    m_open->setDefault(false);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("certificateState"));
    m_state->setWordWrap(true);
    m_state->setTextFormat(Qt::PlainText);

    m_subject = fact(this, "certSubject");
    m_issuer = fact(this, "certIssuer");
    m_serial = fact(this, "certSerial");
    m_validity = fact(this, "certValidity");
    m_ekus = fact(this, "certEku");
    m_upn = fact(this, "certUpn");
    m_email = fact(this, "certEmail");
    m_thumbprint = fact(this, "certThumbprint");
    m_sid = fact(this, "certSid");
    m_key = fact(this, "certKey");
    m_preflight = new QListWidget(this);
    m_preflight->setObjectName(QStringLiteral("preflightFindings"));
    m_preflight->setAccessibleName(tr("Pre-flight findings"));
    m_preflight->setWordWrap(true);

    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(m_browse);
    if (m_context->certificateStore) {
        m_fromStore = new QPushButton(tr("Windows certificate &store..."), this);
        m_fromStore->setObjectName(QStringLiteral("certificateFromStore"));
        fileRow->addWidget(m_fromStore);
        connect(m_fromStore, &QPushButton::clicked, this, &CertificatePage::chooseFromStore);
    }
    auto* passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(m_open);
    auto* form = new QFormLayout;
    form->addRow(words::labelFor(tr("&File:"), m_path), fileRow);
    form->addRow(words::labelFor(tr("&Password:"), m_password), passwordRow);
    form->addRow(QString(), m_state);
    form->addRow(tr("Subject:"), m_subject);
    form->addRow(tr("Issuer:"), m_issuer);
    form->addRow(tr("Serial number:"), m_serial);
    form->addRow(tr("Thumbprint:"), m_thumbprint);
    form->addRow(tr("Valid:"), m_validity);
    form->addRow(tr("Enhanced Key Usage:"), m_ekus);
    form->addRow(tr("Principal Name (UPN):"), m_upn);
    form->addRow(tr("RFC822 Name (e-mail):"), m_email);
    form->addRow(tr("SID extension:"), m_sid);
    form->addRow(tr("Private key:"), m_key);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Before going on:"), this));
    layout->addWidget(words::withDetails(m_preflight, tr("Cop&y details"), this), 1);

    connect(m_browse, &QPushButton::clicked, this, [this] {
        auto* dialog = new QFileDialog(this, tr("Open certificate"), QString(),
                                       tr("Certificates (*.pfx *.p12 *.cer *.crt *.der *.pem *.p7b);;All files (*)"));
        dialog->setObjectName(QStringLiteral("certificateFileDialog"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setFileMode(QFileDialog::ExistingFile);
        connect(dialog, &QFileDialog::fileSelected, this, &CertificatePage::openFile);
        dialog->open();
    });
    connect(m_open, &QPushButton::clicked, this, &CertificatePage::load);
    connect(m_job, &AsyncJob::runningChanged, this, [this](bool running) {
        m_open->setEnabled(!running);
        m_browse->setEnabled(!running);
        if (m_fromStore)
            m_fromStore->setEnabled(!running);
        emit completeChanged();
    });
}

void CertificatePage::initializePage()
{
    if (!m_built)
        build();
    if (m_context->session())
        return;
    if (auto* lab = m_context->demoLab()) {
        // The demo's PFX and its password file: the same steps an admin takes, typed for them.
        std::ifstream in(lab->files().userPfxPassword);
        std::string password;
        std::getline(in, password);
        m_password->setText(QString::fromStdString(password));
        openFile(QString::fromStdString(utf8Path(lab->files().userPfx)));
    } else if (!m_context->suggestedCertificate.isEmpty()) {
        // A recent session: the same file again; a protected one waits for its password (never stored).
        const QString file = m_context->suggestedCertificate;
        m_path->setText(QDir::toNativeSeparators(file));
        if (file.endsWith(QStringLiteral(".pfx"), Qt::CaseInsensitive) ||
            file.endsWith(QStringLiteral(".p12"), Qt::CaseInsensitive)) {
            m_state->setText(tr("Type the password of %1 and choose Open.").arg(QFileInfo(file).fileName()));
            QTimer::singleShot(0, m_password,
                               [password = m_password] { password->setFocus(); });  // after QWizard's own
        } else {
            load();
        }
    }
}

bool CertificatePage::isComplete() const
{
    return !m_job->running() && m_context->session() != nullptr;
}

int CertificatePage::nextId() const
{
    return PageId::Endpoint;
}

void CertificatePage::openFile(const QString& path)
{
    m_path->setText(path);
    load();
}

void CertificatePage::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().size() == 1 &&
        event->mimeData()->urls().front().isLocalFile())
        event->acceptProposedAction();
}

void CertificatePage::dropEvent(QDropEvent* event)
{
    openFile(event->mimeData()->urls().front().toLocalFile());
    event->acceptProposedAction();
}

void CertificatePage::load()
{
    if (m_job->running() || m_path->text().trimmed().isEmpty())
        return;
    const std::string path = m_path->text().trimmed().toStdString();
    // The password lives in a Secret for the load only; the field is cleared once the file is open.
    auto password = std::make_shared<Secret>(m_password->text().toStdString());
    const bool given = !m_password->text().isEmpty();
    auto loaded = std::make_shared<std::optional<cert::LoadedCertificate>>();
    m_state->setText(tr("Opening..."));
    m_job->start(
        [path, password, given, loaded](std::stop_token) -> Result<void> {
            cert::LoadOptions o;
            o.password = given ? password.get() : nullptr;
            auto r = cert::loadCertificateFile(pathFromUtf8(path), o);
            if (!r)
                return std::unexpected(r.error());
            *loaded = std::move(*r);
            return {};
        },
        [this, loaded](const Result<void>& r) {
            if (!r) {
                showError(r.error());
                return;
            }
            adopt(std::move(**loaded), m_path->text().trimmed(), QString());
        });
}

void CertificatePage::adopt(cert::LoadedCertificate loaded, const QString& path, const QString& storeKeyNote)
{
    m_password->clear();
    m_storeKeyNote = storeKeyNote;
    m_context->setCertificate(std::move(loaded), path);
    showCertificate();
    emit completeChanged();
}

void CertificatePage::chooseFromStore()
{
    if (m_job->running() || !m_context->certificateStore)
        return;
    auto store = m_context->certificateStore;
    auto found = std::make_shared<std::vector<cert::StoreCertificate>>();
    m_state->setText(tr("Reading the Windows certificate stores..."));
    m_job->start(
        [store, found](std::stop_token) -> Result<void> {
            auto r = store->list();
            if (!r)
                return std::unexpected(r.error());
            *found = std::move(*r);
            return {};
        },
        [this, found](const Result<void>& r) {
            if (!r) {
                showError(r.error());
                return;
            }
            if (found->empty()) {
                m_state->setProperty("state", "store-empty");
                m_state->setText(
                    tr("Your personal store and the computer's are empty: open the certificate from a file."));
                return;
            }
            m_state->setText(QString());
            auto* dialog = new StoreDialog(*found, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &QDialog::accepted, this, [this, dialog, found] {
                if (const int i = dialog->chosen(); i >= 0)
                    loadFromStore((*found)[static_cast<std::size_t>(i)]);
            });
            dialog->open();
        });
}

// The chosen certificate with its key when Windows exports it (the endpoint test can then present
// it), else the certificate alone (the directory checks need nothing more), saying why.
void CertificatePage::loadFromStore(const cert::StoreCertificate& chosen)
{
    auto store = m_context->certificateStore;
    auto loaded = std::make_shared<std::optional<cert::LoadedCertificate>>();
    auto keyNote = std::make_shared<QString>();
    m_state->setText(tr("Opening..."));
    m_job->start(
        [store, chosen, loaded, keyNote](std::stop_token) -> Result<void> {
            if (chosen.hasPrivateKey) {
                auto key = store->exportKey(chosen.location, chosen.sha1Thumbprint);
                if (key) {
                    auto r = cert::loadFromStoreKey(key->certificateDer(), key->privateKeyBlob());
                    if (!r)
                        return std::unexpected(r.error());
                    *loaded = std::move(*r);
                    return {};
                }
                if (key.error().code != ErrorCode::KeyNotExportable)
                    return std::unexpected(key.error());
                *keyNote = QString::fromStdString(key.error().detail);
            }
            auto r = cert::loadCertificate(chosen.der);
            if (!r)
                return std::unexpected(r.error());
            r->format = cert::SourceFormat::WindowsStore;
            *loaded = std::move(*r);
            return {};
        },
        [this, loaded, keyNote, subject = QString::fromStdString(chosen.subject)](const Result<void>& r) {
            if (!r) {
                showError(r.error());
                return;
            }
            m_path->clear();
            adopt(std::move(**loaded), QString(), *keyNote);
            m_state->setText(tr("Opened from the Windows certificate store: %1").arg(subject));
        });
}

void CertificatePage::showError(const Error& e)
{
    const bool password = e.code == ErrorCode::WrongPassword || e.code == ErrorCode::PasswordRequired;
    m_state->setProperty("state", password ? "password" : "error");
    m_state->setStyleSheet(QStringLiteral("color: #b42318; font-weight: 600;"));
    m_state->setText(words::error(e));
    if (password) {
        m_password->selectAll();
        m_password->setFocus();
    }
}

void CertificatePage::showCertificate()
{
    const auto& loaded = m_context->session()->certificate();
    const auto& c = loaded.certificate.info();
    m_state->setProperty("state", "open");
    m_state->setStyleSheet(QString());
    m_state->setText(
        tr("Opened (%1, %n certificate(s) in the file).", nullptr, static_cast<int>(loaded.certificateCount))
            .arg(QString::fromStdString(common::terms::sourceFormat(loaded.format))));
    m_subject->setText(QString::fromStdString(mapping::displayName(c.subject)));
    m_issuer->setText(QString::fromStdString(mapping::displayName(c.issuer)));
    m_serial->setText(QString::fromStdString(toHex(c.serialMagnitude())));
    m_thumbprint->setText(QString::fromStdString(toHex(c.sha1Thumbprint)));
    m_validity->setText(tr("%1 to %2").arg(words::localTime(c.notBefore), words::localTime(c.notAfter)));
    QStringList ekus;
    for (const auto& e : c.ekus)
        ekus << QString::fromStdString(e.name.empty() ? e.oid : e.name);
    m_ekus->setText(c.hasEkuExtension ? ekus.join(QStringLiteral(", ")) : tr("no EKU extension (any use)"));
    m_upn->setText(c.upns().empty() ? tr("none") : join(c.upns()));
    m_email->setText(c.emails().empty() ? tr("none") : join(c.emails()));
    m_sid->setText(c.sid() ? QString::fromStdString(*c.sid())
                           : tr("none (standalone or public CA: a strong explicit mapping is needed)"));
    m_key->setText(loaded.hasPrivateKey ? tr("yes: the endpoint test can present the certificate")
                                        : tr("no: the endpoint test cannot present this certificate"));

    m_preflight->clear();
    diagnosis::Evidence e;
    e.certificate = c;
    const auto now = cert::currentTime();
    for (const auto& f : diagnosis::evaluate(e, now)) {
        words::addFinding(m_preflight, f);
    }
    if (!loaded.hasPrivateKey && !m_storeKeyNote.isEmpty()) {
        auto* item =
            new QListWidgetItem(words::severityIcon(diagnosis::Severity::Warning),
                                tr("Windows will not export this certificate's private key (%1): the endpoint "
                                   "cannot be tested from here with it; the directory can still be checked. "
                                   "To test the endpoint, use a .pfx exported with its key, or test on the phone.")
                                    .arg(m_storeKeyNote),
                                m_preflight);
        item->setData(Qt::UserRole, QStringLiteral("store-key-not-exportable"));
    } else if (!loaded.hasPrivateKey) {
        auto* item = new QListWidgetItem(words::severityIcon(diagnosis::Severity::Warning),
                                         tr("No private key: the endpoint cannot be tested with this file (open the "
                                            ".pfx to test it); the directory can still be checked."),
                                         m_preflight);
        item->setData(Qt::UserRole, QStringLiteral("no-private-key"));
    }
    if (m_preflight->count() == 0)
        new QListWidgetItem(words::okIcon(), tr("The certificate is valid now and allowed for client authentication."),
                            m_preflight);
}

void CertificatePage::runAction()
{
    load();
}

}  // namespace eascert::ui
