#include "DcDiscovery.h"

#include <algorithm>

#include <QDnsLookup>

namespace eascert::common {

DcDiscovery::DcDiscovery(QObject* parent) : QObject(parent) {}

QString DcDiscovery::srvName(const QString& domain)
{
    return QStringLiteral("_ldap._tcp.dc._msdcs.") + domain.trimmed().toLower();
}

void DcDiscovery::start(const QString& domain, const QHostAddress& nameserver)
{
    abort();
    m_lookup = new QDnsLookup(QDnsLookup::SRV, srvName(domain), this);
    if (!nameserver.isNull())
        m_lookup->setNameserver(nameserver);
    connect(m_lookup, &QDnsLookup::finished, this, [this, lookup = m_lookup] {
        if (lookup != m_lookup)
            return;
        QStringList uris;
        QString error;
        if (lookup->error() != QDnsLookup::NoError) {
            error = lookup->errorString();
        } else {
            auto records = lookup->serviceRecords();
            std::stable_sort(records.begin(), records.end(), [](const QDnsServiceRecord& a, const QDnsServiceRecord& b) {
                return a.priority() != b.priority() ? a.priority() < b.priority() : a.weight() > b.weight();
            });
            for (const auto& r : records) {
                QString host = r.target();
                if (host.endsWith(QLatin1Char('.')))
                    host.chop(1);
                uris << QStringLiteral("ldaps://") + host;
            }
            uris.removeDuplicates();
        }
        m_lookup->deleteLater();
        m_lookup = nullptr;
        emit finished(uris, error);
    });
    m_lookup->lookup();
}

void DcDiscovery::abort()
{
    if (!m_lookup)
        return;
    m_lookup->abort();
    m_lookup->deleteLater();
    m_lookup = nullptr;
}

} // namespace eascert::common
