#pragma once

#include <QHostAddress>
#include <QObject>
#include <QStringList>

class QDnsLookup;

namespace eascert::common {

// Finds the domain controllers of a domain the way Windows clients do: the DNS SRV records
// _ldap._tcp.dc._msdcs.<domain>, ordered by priority then weight. Asynchronous (QDnsLookup).
class DcDiscovery : public QObject
{
    Q_OBJECT

public:
    explicit DcDiscovery(QObject* parent = nullptr);
    // nameserver: ask this server instead of the system's resolver (tests, split DNS).
    void start(const QString& domain, const QHostAddress& nameserver = {});
    void abort();
    static QString srvName(const QString& domain);

signals:
    // hosts as "ldaps://dc1.contoso.com" URIs, best first; error empty on success.
    void finished(const QStringList& uris, const QString& error);

private:
    QDnsLookup* m_lookup = nullptr;
};

} // namespace eascert::common
