#include "eascert/ui/pages/DirectoryPage.h"
#include "eascert/cert/Validity.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "DcDiscovery.h"
#include "Settings.h"
#include "Terms.h"
#include "Words.h"
#include "eascert/directory/LdapDirectory.h"
#include "eascert/directory/LdifDirectory.h"
#include "eascert/ui/AsyncJob.h"
#include "eascert/ui/PageId.h"
#include "eascert/ui/WizardContext.h"
#include "eascert/support/Path.h"

namespace eascert::ui {

DirectoryPage::DirectoryPage(WizardContext* context, QWidget* parent)
    : StepPage(parent), m_context(context), m_job(new AsyncJob(this)), m_discovery(new common::DcDiscovery(this))
{
    setObjectName(QStringLiteral("directoryPage"));
    setTitle(tr("Inspect the account in Active Directory"));
    setSubTitle(tr("Reading only. Credentials are used for this connection and never stored; a simple bind is "
                   "only made over TLS."));
}

// The widgets are made when the page is first shown: a wizard that starts fast builds only its first page.
void DirectoryPage::build()
{
    m_built = true;
    m_useLdap = new QRadioButton(tr("A &domain controller"), this);
    m_useLdap->setObjectName(QStringLiteral("sourceLdap"));
    m_useLdif = new QRadioButton(tr("An LDIF e&xport (ldifde or ldapsearch)"), this);
    m_useLdif->setObjectName(QStringLiteral("sourceLdif"));
    auto* group = new QButtonGroup(this);
    group->addButton(m_useLdap);
    group->addButton(m_useLdif);
    m_useLdap->setChecked(true);

    m_domain = new QLineEdit(this);
    m_domain->setObjectName(QStringLiteral("dcDomain"));
    m_domain->setPlaceholderText(QStringLiteral("contoso.com"));
    m_discover = new QPushButton(tr("Look &up domain controllers"), this);
    m_discover->setObjectName(QStringLiteral("discoverDc"));
    m_dc = new QComboBox(this);
    m_dc->setObjectName(QStringLiteral("dcUri"));
    m_dc->setEditable(true);
    m_dc->setAccessibleName(tr("Domain controller"));
    m_dc->lineEdit()->setPlaceholderText(QStringLiteral("ldaps://dc1.contoso.com"));
    m_bind = new QComboBox(this);
    m_bind->setObjectName(QStringLiteral("bindMethod"));
#ifdef Q_OS_WIN
    m_bind->addItem(tr("My Windows logon (Kerberos, signed and sealed)"), QStringLiteral("kerberos"));
#else
    m_bind->addItem(tr("Kerberos (my logon ticket)"), QStringLiteral("kerberos"));
#endif
    m_bind->addItem(tr("Simple bind over TLS (DN and password)"), QStringLiteral("simple"));
    m_bindDn = new QLineEdit(this);
    m_bindDn->setObjectName(QStringLiteral("bindDn"));
    m_bindDn->setPlaceholderText(QStringLiteral("CN=Administrator,CN=Users,DC=contoso,DC=com"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("bindPassword"));
    m_password->setAccessibleName(tr("Bind password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_caFile = new QLineEdit(this);
    m_caFile->setObjectName(QStringLiteral("dcCaFile"));
    m_caFile->setPlaceholderText(tr("optional: CA certificate(s) of the DC's TLS certificate (PEM)"));
    m_ldif = new QLineEdit(this);
    m_ldif->setObjectName(QStringLiteral("ldifFile"));
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("accountName"));
    m_user->setPlaceholderText(tr("optional: sAMAccountName, UPN or DN (default: found from the certificate)"));
    m_inspect = new QPushButton(tr("&Inspect"), this);
    m_inspect->setObjectName(QStringLiteral("inspectDirectory"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelInspect"));
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setVisible(false);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("directoryState"));
    m_state->setWordWrap(true);
    m_state->setTextFormat(Qt::PlainText);
    m_account = new QLabel(this);
    m_account->setObjectName(QStringLiteral("accountFound"));
    m_account->setWordWrap(true);
    m_account->setTextFormat(Qt::PlainText);
    m_account->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_values = new QTreeWidget(this);
    m_values->setObjectName(QStringLiteral("mappingValues"));
    m_values->setHeaderLabels({tr("altSecurityIdentities value"), tr("Result"), tr("Strength")});
    m_values->setRootIsDecorated(true);
    m_values->header()->setStretchLastSection(false);
    m_values->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_published = new QLabel(this);
    m_published->setObjectName(QStringLiteral("publishedState"));
    m_published->setWordWrap(true);
    m_others = new QListWidget(this);
    m_others->setObjectName(QStringLiteral("otherAccounts"));
    m_others->setMaximumHeight(60);
    m_ntAuth = new QLabel(this);
    m_ntAuth->setObjectName(QStringLiteral("ntAuthState"));
    m_ntAuth->setWordWrap(true);
    m_findings = new QListWidget(this);
    m_findings->setObjectName(QStringLiteral("directoryFindings"));
    m_findings->setWordWrap(true);

    auto* discoverRow = new QHBoxLayout;
    discoverRow->addWidget(m_domain, 1);
    discoverRow->addWidget(m_discover);
    auto* form = new QFormLayout;
    form->addRow(m_useLdap);
    form->addRow(words::labelFor(tr("Do&main:"), m_domain), discoverRow);
    form->addRow(tr("Domain &controller:"), m_dc);
    form->addRow(tr("Bind m&ethod:"), m_bind);
    form->addRow(tr("Bind &as (DN):"), m_bindDn);
    form->addRow(tr("Pass&word:"), m_password);
    m_caBrowse = words::browseButton(m_caFile, tr("Brow&se..."), tr("CA certificate of the domain controller"),
                                     tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
    m_ldifBrowse = words::browseButton(m_ldif, tr("B&rowse..."), tr("LDIF export of the account"),
                                       tr("LDIF (*.ldf *.ldif *.txt);;All files (*)"));
#ifdef Q_OS_WIN
    m_caFile->hide();  // Windows checks the DC against its own certificate stores (connectDirectory)
    m_caBrowse->hide();
#else
    form->addRow(words::labelFor(tr("DC's &TLS CA file:"), m_caFile), words::fieldWithButton(m_caFile, m_caBrowse));
#endif
    form->addRow(m_useLdif);
    form->addRow(words::labelFor(tr("LDIF &path:"), m_ldif), words::fieldWithButton(m_ldif, m_ldifBrowse));
    form->addRow(tr("Acc&ount:"), m_user);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_inspect);
    runRow->addWidget(m_cancel);
    runRow->addWidget(m_progress, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(runRow);
    layout->addWidget(m_state);
    layout->addWidget(m_account);
    layout->addWidget(m_values, 1);
    layout->addWidget(m_published);
    layout->addWidget(m_others);
    layout->addWidget(m_ntAuth);
    layout->addWidget(words::withDetails(m_findings, tr("Cop&y details"), this), 1);

    // An error is about what was tried: another file, server or source makes it stale, and it goes.
    const auto clearError = [this] {
        if (!m_state->property("error").toBool())
            return;
        m_state->clear();
        m_state->setStyleSheet(QString());
        m_state->setProperty("error", false);
    };
    connect(m_ldif, &QLineEdit::textChanged, this, clearError);
    connect(m_dc, &QComboBox::editTextChanged, this, clearError);
    connect(m_useLdap, &QRadioButton::toggled, this, clearError);
    connect(m_useLdap, &QRadioButton::toggled, this, &DirectoryPage::updateSource);
    connect(m_bind, &QComboBox::currentIndexChanged, this, &DirectoryPage::updateSource);
    connect(m_discover, &QPushButton::clicked, this, &DirectoryPage::discover);
    connect(m_inspect, &QPushButton::clicked, this, &DirectoryPage::inspect);
    connect(m_cancel, &QPushButton::clicked, m_job, &AsyncJob::cancel);
    connect(m_discovery, &common::DcDiscovery::finished, this, [this](const QStringList& uris, const QString& error) {
        m_discover->setEnabled(true);
        if (!error.isEmpty() || uris.isEmpty()) {
            m_state->setText(tr("No domain controller found for %1 (%2). Type one.")
                                 .arg(m_domain->text(), error.isEmpty() ? tr("no SRV records") : error));
            return;
        }
        m_dc->clear();
        m_dc->addItems(uris);
        m_state->setText(tr("Found %n domain controller(s).", nullptr, static_cast<int>(uris.size())));
    });
    connect(m_job, &AsyncJob::runningChanged, this, [this](bool running) {
        m_inspect->setEnabled(!running);
        m_cancel->setEnabled(running);
        m_progress->setVisible(running);
        emit completeChanged();
    });
    updateSource();
}

void DirectoryPage::updateSource()
{
    const bool ldap = m_useLdap->isChecked();
    const bool simple = m_bind->currentData().toString() == QStringLiteral("simple");
    for (QWidget* w : std::initializer_list<QWidget*>{m_domain, m_discover, m_dc, m_bind, m_caFile, m_caBrowse})
        w->setEnabled(ldap);
    m_bindDn->setEnabled(ldap && simple);
    m_password->setEnabled(ldap && simple);
    m_ldif->setEnabled(!ldap);
    m_ldifBrowse->setEnabled(!ldap);
}

void DirectoryPage::initializePage()
{
    if (!m_built)
        build();
    if (auto* lab = m_context->demoLab()) {
        m_useLdif->setChecked(true);
        m_ldif->setText(QString::fromStdString(utf8Path(lab->directoryFile())));
        m_ldif->setToolTip(tr("The demo lab's directory"));
    } else {
        if (m_dc->currentText().isEmpty())
            m_dc->setEditText(common::Settings::lastDomainController());
        if (const auto method = common::Settings::lastBindMethod(); !method.isEmpty())
            m_bind->setCurrentIndex(std::max(0, m_bind->findData(method)));
        if (m_bindDn->text().isEmpty())
            m_bindDn->setText(common::Settings::lastBindDn());
        if (m_caFile->text().isEmpty())
            m_caFile->setText(common::Settings::lastDcCaFile());
        if (m_ldif->text().isEmpty())
            m_ldif->setText(common::Settings::lastLdifFile());
        if (common::Settings::lastDirectorySource() == QStringLiteral("ldif"))
            m_useLdif->setChecked(true);
        if (m_domain->text().isEmpty() && m_context->session())
            m_domain->setText(QString::fromStdString(m_context->session()->certificateInfo().accountDomain()));
    }
    updateSource();
    auto session = m_context->session();
    if (m_context->isDemo() && session && !session->before().directory)
        inspect();
    else
        showResult();
}

void DirectoryPage::cleanupPage()
{
    m_job->cancel();
}

bool DirectoryPage::isComplete() const
{
    return !m_job->running();
}

int DirectoryPage::nextId() const
{
    return PageId::Evidence;  // optional; it goes on to Fix when the account was inspected
}

void DirectoryPage::discover()
{
    if (m_domain->text().trimmed().isEmpty()) {
        m_state->setText(tr("Type the domain (e.g. contoso.com) to look its domain controllers up in DNS."));
        return;
    }
    m_discover->setEnabled(false);
    m_state->setText(tr("Looking up %1 ...").arg(common::DcDiscovery::srvName(m_domain->text())));
    m_discovery->start(m_domain->text());
}

void DirectoryPage::inspect()
{
    auto session = m_context->session();
    if (m_job->running() || !session)
        return;
    std::optional<std::string> user;
    if (!m_user->text().trimmed().isEmpty())
        user = m_user->text().trimmed().toStdString();
    m_context->user = user;
    m_state->setText(tr("Inspecting ..."));
    m_state->setStyleSheet(QString());

    // What the job connects to, captured by value: the job never reads the widgets.
    const bool ldif = m_useLdif->isChecked();
    const bool useLab = ldif && m_context->demoLab() &&
                        m_ldif->text().toStdString() == utf8Path(m_context->demoLab()->directoryFile());
    directory::LdapOptions ldap;
    m_dc->setEditText(QString::fromStdString(directory::completeLdapUri(m_dc->currentText().toStdString())));
    ldap.uri = m_dc->currentText().toStdString();
    ldap.caFile = m_caFile->text().trimmed().toStdString();
    ldap.bind = m_bind->currentData().toString() == QStringLiteral("simple") ? directory::BindMethod::Simple
                                                                               : directory::BindMethod::SaslGssapi;
    ldap.bindDn = m_bindDn->text().trimmed().toStdString();
    auto password = std::make_shared<Secret>(m_password->text().toStdString());
    const std::string ldifPath = m_ldif->text().trimmed().toStdString();
    if (!useLab) {  // the choice, never the password
        common::Settings::setLastDirectorySource(ldif ? QStringLiteral("ldif") : QStringLiteral("ldap"));
        if (ldif) {
            common::Settings::setLastLdifFile(m_ldif->text().trimmed());
        } else {
            common::Settings::setLastDomainController(m_dc->currentText().trimmed());
            common::Settings::setLastBindMethod(m_bind->currentData().toString());
            common::Settings::setLastBindDn(m_bindDn->text().trimmed());
            common::Settings::setLastDcCaFile(m_caFile->text().trimmed());
        }
    }
    // The job owns what it uses: the session it inspects for and the directory it reads (the demo
    // lab's shares the lab's ownership). It returns what it found; only this thread records it.
    struct Found
    {
        std::shared_ptr<directory::Directory> directory;
        diagnosis::DirectoryRun run;
    };
    const std::shared_ptr<directory::Directory> labDirectory = useLab ? m_context->labDirectory() : nullptr;
    m_job->run<Found>(
        [=](std::stop_token stop) -> Result<Found> {
            std::shared_ptr<directory::Directory> dir = labDirectory;
            if (!dir) {
                if (ldif) {
                    auto d = directory::LdifDirectory::open(pathFromUtf8(ldifPath), pathFromUtf8(ldifPath + ".changes.ldif"));
                    if (!d)
                        return std::unexpected(d.error());
                    dir = std::move(*d);
                } else {
                    auto options = ldap;
                    options.password = options.bind == directory::BindMethod::Simple ? password.get() : nullptr;
                    auto d = directory::connectDirectory(options);
                    if (!d)
                        return std::unexpected(d.error());
                    dir = std::move(*d);
                }
            }
            if (stop.stop_requested())
                return fail(ErrorCode::Cancelled);
            auto run = session->runInspection(*dir, user, stop);
            if (!run)
                return std::unexpected(run.error());
            return Found{std::move(dir), std::move(*run)};
        },
        [this, session, useLab](Result<Found> r) {
            if (m_context->session() != session)
                return;  // another certificate was opened meanwhile: this answer is for the old one
            if (!r) {
                m_state->setText(words::error(r.error()));
                m_state->setStyleSheet(QStringLiteral("color: #b42318;"));
                m_state->setProperty("error", true);
                return;
            }
            m_context->setDirectory(useLab ? nullptr : r->directory);
            session->record(std::move(r->run));
            m_password->clear();
            showResult();
            emit completeChanged();
            m_context->notifyResultsChanged();
        });
}

void DirectoryPage::showResult()
{
    m_values->clear();
    m_others->clear();
    m_findings->clear();
    auto session = m_context->session();
    if (!session)
        return;
    const auto& snapshot = session->fixActive() && session->after().directory ? session->after() : session->before();
    if (!snapshot.directory) {
        m_account->setText(tr("Not inspected yet."));
        return;
    }
    const auto& run = *snapshot.directory;
    const auto& in = run.inspection;
    m_state->setText(tr("Read from %1").arg(QString::fromStdString(run.directory)));
    m_account->setText(tr("Account: %1 (%2), found by %3")
                           .arg(words::outside(in.account.dn), words::outside(in.account.samAccountName),
                                QString::fromStdString(common::terms::foundBy(in.foundBy))));
    for (const auto& v : in.values) {
        auto* item = new QTreeWidgetItem(m_values);
        item->setText(0, words::outside(v.value));
        item->setText(1, QString::fromStdString(common::terms::mappingVerdict(v.result.verdict)));
        item->setText(2, v.result.strength ? QString::fromStdString(common::terms::strength(*v.result.strength))
                                           : QString());
        const bool good = v.result.verdict == mapping::Verdict::Match && v.result.strength == mapping::Strength::Strong;
        item->setIcon(0, good ? words::okIcon() : words::severityIcon(diagnosis::Severity::Warning));
        for (const auto& reason : v.result.reasons)
            new QTreeWidgetItem(item, {QString::fromStdString(common::terms::reason(reason.reason))});
        item->setExpanded(true);
    }
    if (in.values.empty())
        new QTreeWidgetItem(m_values, {tr("(no values)")});
    m_published->setText(in.certificatePublished
                             ? tr("Published Certificates: holds this certificate (this does not map it)")
                             : tr("Published Certificates: does not hold this certificate"));
    for (const auto& o : in.otherAccounts)
        new QListWidgetItem(tr("Also mapped on: %1").arg(words::outside(o.dn)), m_others);
    m_others->setVisible(!in.otherAccounts.empty());
    m_ntAuth->setText(tr("NTAuth: %1").arg(QString::fromStdString(common::terms::ntAuth(in.ntAuth.state))));
    diagnosis::Evidence e;
    e.certificate = session->certificateInfo();
    e.inspection = in;
    const auto now = cert::currentTime();
    for (const auto& f : diagnosis::evaluate(e, now)) {
        if (f.id == diagnosis::FindingId::CertificateExpired || f.id == diagnosis::FindingId::ClientAuthEkuMissing ||
            f.id == diagnosis::FindingId::CertificateNotYetValid)
            continue;  // shown on the certificate page
        words::addFinding(m_findings, f);
    }
    if (in.ok())
        new QListWidgetItem(words::okIcon(), tr("A strong mapping for this certificate is on this account only."), m_findings);
}

void DirectoryPage::runAction()
{
    inspect();
}

} // namespace eascert::ui
