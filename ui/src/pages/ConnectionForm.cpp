#include "ConnectionForm.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>

#include "DcDiscovery.h"
#include "Settings.h"
#include "Words.h"
#include "eascert/directory/LdifDirectory.h"
#include "eascert/support/Path.h"

namespace eascert::ui {

ConnectionForm::ConnectionForm(QWidget* parent)
    : QWidget(parent), m_discovery(new common::DcDiscovery(this)), m_form(new QFormLayout(this))
{
    m_form->setContentsMargins(0, 0, 0, 0);
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

    auto* discoverRow = new QHBoxLayout;
    discoverRow->addWidget(m_domain, 1);
    discoverRow->addWidget(m_discover);
    m_form->addRow(m_useLdap);
    m_form->addRow(words::labelFor(tr("Do&main:"), m_domain), discoverRow);
    m_form->addRow(tr("Domain &controller:"), m_dc);
    m_form->addRow(tr("Bind m&ethod:"), m_bind);
    m_form->addRow(tr("Bind &as (DN):"), m_bindDn);
    m_form->addRow(tr("Pass&word:"), m_password);
    m_caBrowse = words::browseButton(m_caFile, tr("Brow&se..."), tr("CA certificate of the domain controller"),
                                     tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
    m_ldifBrowse = words::browseButton(m_ldif, tr("B&rowse..."), tr("LDIF export of the account"),
                                       tr("LDIF (*.ldf *.ldif *.txt);;All files (*)"));
#ifdef Q_OS_WIN
    m_caFile->hide();  // Windows checks the DC against its own certificate stores (connectDirectory)
    m_caBrowse->hide();
#else
    m_form->addRow(words::labelFor(tr("DC's &TLS CA file:"), m_caFile), words::fieldWithButton(m_caFile, m_caBrowse));
#endif
    m_form->addRow(m_useLdif);
    m_form->addRow(words::labelFor(tr("LDIF &path:"), m_ldif), words::fieldWithButton(m_ldif, m_ldifBrowse));

    connect(m_ldif, &QLineEdit::textChanged, this, &ConnectionForm::edited);
    connect(m_dc, &QComboBox::editTextChanged, this, &ConnectionForm::edited);
    connect(m_useLdap, &QRadioButton::toggled, this, &ConnectionForm::edited);
    connect(m_useLdap, &QRadioButton::toggled, this, &ConnectionForm::updateSource);
    connect(m_bind, &QComboBox::currentIndexChanged, this, &ConnectionForm::updateSource);
    connect(m_discover, &QPushButton::clicked, this, &ConnectionForm::discover);
    connect(m_discovery, &common::DcDiscovery::finished, this, [this](const QStringList& uris, const QString& error) {
        m_discover->setEnabled(true);
        if (!error.isEmpty() || uris.isEmpty()) {
            emit status(tr("No domain controller found for %1 (%2). Type one.")
                            .arg(m_domain->text(), error.isEmpty() ? tr("no SRV records") : error));
            return;
        }
        m_dc->clear();
        m_dc->addItems(uris);
        emit status(tr("Found %n domain controller(s).", nullptr, static_cast<int>(uris.size())));
    });
    updateSource();
}

void ConnectionForm::updateSource()
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

void ConnectionForm::discover()
{
    if (m_domain->text().trimmed().isEmpty()) {
        emit status(tr("Type the domain (e.g. contoso.com) to look its domain controllers up in DNS."));
        return;
    }
    m_discover->setEnabled(false);
    emit status(tr("Looking up %1 ...").arg(common::DcDiscovery::srvName(m_domain->text())));
    m_discovery->start(m_domain->text());
}

void ConnectionForm::loadRemembered(const QString& suggestedDomain)
{
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
    if (m_domain->text().isEmpty())
        m_domain->setText(suggestedDomain);
    updateSource();
}

void ConnectionForm::useLdifFile(const QString& path, const QString& note)
{
    m_useLdif->setChecked(true);
    m_ldif->setText(path);
    m_ldif->setToolTip(note);
    updateSource();
}

bool ConnectionForm::ldifChosen() const
{
    return m_useLdif->isChecked();
}

QString ConnectionForm::ldifPath() const
{
    return m_ldif->text().trimmed();
}

void ConnectionForm::clearPassword()
{
    m_password->clear();
}

ConnectionForm::Target ConnectionForm::target(bool remember)
{
    Target t;
    t.ldif = m_useLdif->isChecked();
    t.ldifPath = ldifPath().toStdString();
    m_dc->setEditText(QString::fromStdString(directory::completeLdapUri(m_dc->currentText().toStdString())));
    t.ldap.uri = m_dc->currentText().toStdString();
    t.ldap.caFile = m_caFile->text().trimmed().toStdString();
    t.ldap.bind = m_bind->currentData().toString() == QStringLiteral("simple") ? directory::BindMethod::Simple
                                                                               : directory::BindMethod::SaslGssapi;
    t.ldap.bindDn = m_bindDn->text().trimmed().toStdString();
    t.password = std::make_shared<Secret>(m_password->text().toStdString());
    if (remember) {  // the choice, never the password
        common::Settings::setLastDirectorySource(t.ldif ? QStringLiteral("ldif") : QStringLiteral("ldap"));
        if (t.ldif) {
            common::Settings::setLastLdifFile(ldifPath());
        } else {
            common::Settings::setLastDomainController(m_dc->currentText().trimmed());
            common::Settings::setLastBindMethod(m_bind->currentData().toString());
            common::Settings::setLastBindDn(m_bindDn->text().trimmed());
            common::Settings::setLastDcCaFile(m_caFile->text().trimmed());
        }
    }
    return t;
}

Result<std::shared_ptr<directory::Directory>> ConnectionForm::open(const Target& t, std::stop_token stop)
{
    std::shared_ptr<directory::Directory> dir;
    if (t.ldif) {
        auto d = directory::LdifDirectory::open(pathFromUtf8(t.ldifPath), pathFromUtf8(t.ldifPath + ".changes.ldif"));
        if (!d)
            return std::unexpected(d.error());
        dir = std::move(*d);
    } else {
        auto options = t.ldap;
        options.password = options.bind == directory::BindMethod::Simple ? t.password.get() : nullptr;
        auto d = directory::connectDirectory(options);
        if (!d)
            return std::unexpected(d.error());
        dir = std::move(*d);
    }
    if (stop.stop_requested())
        return fail(ErrorCode::Cancelled);
    return dir;
}

}  // namespace eascert::ui
