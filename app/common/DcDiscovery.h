#pragma once

#include <QHostAddress>
#include <QObject>
#include <QStringList>

class QDnsLookup;

namespace eascert::common {

// Finds the domain controllers of a domain the way Windows clients do: the DNS SRV records
// _ldap._tcp.dc._msdcs.<domain>, ordered by priority then weight. Asynchronous (QDnsLookup).
// On Windows, without a nameserver override, the system's DC locator answers instead (DsGetDcName:
// site-aware, a writable DC that is up; core/src/directory/win/WinDcLocator.cpp).
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
    void startLocator(const QString& domain);  // Windows only
    QDnsLookup* m_lookup = nullptr;
    int m_generation = 0;  // a result of an older start() or of an abort()ed one is dropped
};

}  // namespace eascert::common
