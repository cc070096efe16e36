#pragma once

#include <memory>
#include <stop_token>
#include <string>

#include <QWidget>

#include "eascert/directory/Directory.h"
#include "eascert/directory/LdapDirectory.h"
#include "eascert/support/Secret.h"

class QComboBox;
class QFormLayout;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace eascert::common {
class DcDiscovery;
}

namespace eascert::ui {

// Where a directory is and how to bind: a domain controller (looked up in DNS or typed; Kerberos or
// a simple bind over TLS) or an LDIF export. Shared by the Directory step and the domain path.
class ConnectionForm : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionForm(QWidget* parent = nullptr);

    // What to connect to, captured by value: the job that connects never reads the widgets.
    struct Target
    {
        bool ldif = false;
        std::string ldifPath;
        directory::LdapOptions ldap;
        std::shared_ptr<Secret> password;
    };
    // Remembers the choice (never the password) for the next start.
    Target target(bool remember);
    // Connects (LDAP) or loads (LDIF; its changes go to "<file>.changes.ldif"). Off the UI thread.
    static Result<std::shared_ptr<directory::Directory>> open(const Target& target, std::stop_token stop);

    QFormLayout* form() const { return m_form; }
    // The last choice made (Settings); the domain to look up when none is typed yet.
    void loadRemembered(const QString& suggestedDomain);
    void useLdifFile(const QString& path, const QString& note);
    bool ldifChosen() const;
    QString ldifPath() const;
    void clearPassword();

signals:
    void edited();                        // another server, file or source: an error about the old one is stale
    void status(const QString& message);  // the DNS lookup's progress and result

private:
    void updateSource();
    void discover();

    common::DcDiscovery* m_discovery;
    QFormLayout* m_form;
    QRadioButton* m_useLdap;
    QRadioButton* m_useLdif;
    QLineEdit* m_domain;
    QPushButton* m_discover;
    QComboBox* m_dc;
    QComboBox* m_bind;
    QLineEdit* m_bindDn;
    QLineEdit* m_password;
    QLineEdit* m_caFile;
    QPushButton* m_caBrowse;
    QLineEdit* m_ldif;
    QPushButton* m_ldifBrowse;
};

}  // namespace eascert::ui
