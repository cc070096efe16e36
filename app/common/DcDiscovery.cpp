#include "DcDiscovery.h"

#include <algorithm>

#include <QDnsLookup>

#ifdef Q_OS_WIN
#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

#include "eascert/directory/WinDcLocator.h"
#endif

namespace eascert::common {

DcDiscovery::DcDiscovery(QObject* parent) : QObject(parent) {}

QString DcDiscovery::srvName(const QString& domain)
{
    return QStringLiteral("_ldap._tcp.dc._msdcs.") + domain.trimmed().toLower();
}

void DcDiscovery::start(const QString& domain, const QHostAddress& nameserver)
{
    abort();
#ifdef Q_OS_WIN
    if (nameserver.isNull()) {
        startLocator(domain);
        return;
    }
#endif
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
            std::stable_sort(
                records.begin(), records.end(), [](const QDnsServiceRecord& a, const QDnsServiceRecord& b) {
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

#ifdef Q_OS_WIN
void DcDiscovery::startLocator(const QString& domain)
{
    const int generation = m_generation;
    QPointer<DcDiscovery> self(this);
    const std::string name = domain.trimmed().toStdString();
    // DsGetDcName blocks (bounded by the resolver's timeouts): a pool thread asks, the answer comes
    // back to the main thread, where self is checked before use.
    QThreadPool::globalInstance()->start([self, generation, name] {
        const auto dc = directory::locateDomainController(name);
        QStringList uris;
        QString error;
        if (dc)
            uris << QStringLiteral("ldaps://") + QString::fromStdString(dc->host);
        else
            error = QString::fromStdString(dc.error().detail);
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, generation, uris, error] {
                if (self && self->m_generation == generation)
                    emit self->finished(uris, error);
            },
            Qt::QueuedConnection);
    });
}
#endif

void DcDiscovery::abort()
{
    ++m_generation;
    if (!m_lookup)
        return;
    m_lookup->abort();
    m_lookup->deleteLater();
    m_lookup = nullptr;
}

}  // namespace eascert::common
