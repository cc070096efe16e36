#pragma once

#include <mutex>

#include "eascert/directory/Directory.h"

namespace eascert::directory {

// One directory shared by several threads (the in-process lab endpoint reads it while a fix writes
// it): every call holds one mutex. The wrapped directory must outlive this object.
class SynchronizedDirectory : public Directory
{
public:
    explicit SynchronizedDirectory(Directory& inner) : m_inner(inner) {}

    Result<RootDse> rootDse() override
    {
        std::lock_guard lock(m_mutex);
        return m_inner.rootDse();
    }
    Result<std::size_t> search(const SearchRequest& request, const EntrySink& sink, std::stop_token stop) override
    {
        std::lock_guard lock(m_mutex);
        return m_inner.search(request, sink, stop);
    }
    Result<void> modify(const std::string& dn, const std::vector<Modification>& changes) override
    {
        std::lock_guard lock(m_mutex);
        return m_inner.modify(dn, changes);
    }
    Result<void> addEntry(const Entry& entry) override
    {
        std::lock_guard lock(m_mutex);
        return m_inner.addEntry(entry);
    }
    Result<void> deleteEntry(const std::string& dn) override
    {
        std::lock_guard lock(m_mutex);
        return m_inner.deleteEntry(dn);
    }
    std::string describe() const override { return m_inner.describe(); }
    // The lab's directory: the lab's endpoint reads it, so a write here is live for that endpoint
    // (the change file it also gets is a by-product). Hence writesOffline() stays false.

private:
    Directory& m_inner;
    std::mutex m_mutex;
};

}  // namespace eascert::directory
