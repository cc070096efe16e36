// Applying a migration plan: journal first, in batches (one search re-reads a batch, one per account
// modify adds, one search reads the batch back, then the prune), resumable from the journal, undone
// from it. The journal is JSON lines: a header, the plan, then one record per account step.

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <unordered_set>

#include <nlohmann/json.hpp>

#ifdef _WIN32
#include <io.h>
#else
#include <unistd.h>
#endif

#include "eascert/cert/Validity.h"
#include "eascert/directory/Fix.h"
#include "eascert/directory/Migration.h"
#include "eascert/support/File.h"
#include "eascert/support/JsonText.h"
#include "eascert/support/Log.h"
#include "eascert/support/Path.h"
#include "eascert/support/Text.h"

#include "ValueSet.h"

namespace eascert::directory {

namespace {

constexpr std::size_t kBatch = 100;
constexpr std::size_t kMaxJournalLine = 512 * 1024 * 1024;

// What the journal says about one account.
struct Step
{
    bool begun = false;
    Values before;
    std::vector<std::string> add, remove;  // as planned
    bool done = false;
    std::vector<std::string> added, removed;  // as written (done)
    bool conflict = false;
    bool undone = false;
    std::size_t order = 0;  // of the begin record
};

struct JournalContents
{
    std::string digest;
    std::filesystem::path planFile;     // the plan it was started for, saved beside it
    std::map<std::string, Step> steps;  // by DN as the plan spells it
};

Result<JournalContents> readJournal(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(ErrorCode::FileUnreadable, utf8Path(path));
    JournalContents j;
    std::string line;
    std::size_t n = 0;
    std::size_t order = 0;
    const auto bad = [&](const std::string& why) {
        return fail(ErrorCode::CorruptData, utf8Path(path) + " line " + std::to_string(n) + ": " + why);
    };
    std::vector<std::string> lines;
    while (std::getline(in, line)) {
        if (line.size() > kMaxJournalLine)
            return bad("too long");
        lines.push_back(std::move(line));
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
        n = i + 1;
        auto r = nlohmann::json::parse(lines[i], nullptr, false);
        if (r.is_discarded() || !r.is_object()) {
            if (i + 1 == lines.size() && i >= 1)
                break;  // the last record, torn by a kill mid-write: that step did not complete
            return bad("not a journal record");
        }
        if (i == 0) {
            if (!r.contains("schema") || r["schema"] != kMigrationJournalSchema || !r.contains("plan") ||
                !r["plan"].is_string() || !r.contains("planFile") || !r["planFile"].is_string())
                return bad(std::string("not an eascert migration journal (") + kMigrationJournalSchema + ")");
            j.digest = r["plan"].get<std::string>();
            const auto name = pathFromUtf8(r["planFile"].get<std::string>());
            if (name.has_parent_path() || name.empty())
                return bad("the plan file must lie beside the journal");
            j.planFile = path.parent_path() / name;
            continue;
        }
        const auto dn = r.contains("dn") ? values::fromJsonValue(r["dn"]) : std::nullopt;
        if (!r.contains("kind") || !r["kind"].is_string() || !dn)
            return bad("a record without kind or dn");
        const auto kind = r["kind"].get<std::string>();
        auto& s = j.steps[dnKey(*dn)];
        const auto list = [&](const char* key) -> Result<std::vector<std::string>> {
            auto v = values::fromJson(r, key);
            if (!v)
                return bad(std::string("\"") + key + "\" is not a list of values");
            return std::move(*v);
        };
        if (kind == "begin") {
            auto before = list("before"), add = list("add"), remove = list("remove");
            if (!before || !add || !remove)
                return std::unexpected(!before ? before.error() : !add ? add.error() : remove.error());
            s.begun = true;
            s.before = std::move(*before);
            s.add = std::move(*add);
            s.remove = std::move(*remove);
            s.order = ++order;
            s.done = s.conflict = s.undone = false;
        } else if (kind == "done") {
            auto added = list("added"), removed = list("removed");
            if (!added || !removed)
                return std::unexpected(!added ? added.error() : removed.error());
            s.done = true;
            s.added = std::move(*added);
            s.removed = std::move(*removed);
        } else if (kind == "conflict") {
            s.conflict = true;
        } else if (kind == "undone") {
            s.undone = true;
        } else if (kind != "failed") {
            return bad("unknown record kind \"" + text::printable(kind) + "\"");
        }
    }
    if (lines.empty())
        return fail(ErrorCode::CorruptData, utf8Path(path) + ": empty, not a migration journal");
    return j;
}

// Appends records; sync() makes them durable (before the writes they announce).
class JournalWriter
{
public:
    // Appends to a journal that exists (see createJournal).
    static Result<std::unique_ptr<JournalWriter>> open(const std::filesystem::path& path)
    {
#ifdef _WIN32
        std::FILE* f = _wfopen(path.c_str(), L"ab");
#else
        std::FILE* f = std::fopen(path.c_str(), "ab");
#endif
        if (!f)
            return fail(ErrorCode::FileUnwritable, utf8Path(path));
        return std::unique_ptr<JournalWriter>(new JournalWriter(f, path));
    }
    ~JournalWriter()
    {
        std::fclose(m_file);
    }
    JournalWriter(const JournalWriter&) = delete;
    JournalWriter& operator=(const JournalWriter&) = delete;

    // Records carry DNs and values byte for byte (hex when not UTF-8, see values::toJson): a plain
    // dump, which keeps every character a display-safe dump would rewrite.
    Result<void> write(const nlohmann::ordered_json& record)
    {
        return writeLine(record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    Result<void> writeLine(const std::string& line)
    {
        if (std::fwrite(line.data(), 1, line.size(), m_file) != line.size() || std::fputc('\n', m_file) == EOF)
            return fail(ErrorCode::FileUnwritable, utf8Path(m_path) + ": the journal could not be written");
        return {};
    }
    Result<void> sync()
    {
        if (std::fflush(m_file) != 0)
            return fail(ErrorCode::FileUnwritable, utf8Path(m_path) + ": the journal could not be written");
#ifdef _WIN32
        _commit(_fileno(m_file));
#else
        fsync(fileno(m_file));
#endif
        return {};
    }

private:
    JournalWriter(std::FILE* f, std::filesystem::path p) : m_file(f), m_path(std::move(p)) {}
    std::FILE* m_file;
    std::filesystem::path m_path;
};

nlohmann::ordered_json record(const char* kind, const std::string& dn)
{
    nlohmann::ordered_json r;
    r["kind"] = kind;
    r["dn"] = values::toJsonValue(dn);
    r["at"] = cert::formatTime(cert::currentTime());
    return r;
}

// altSecurityIdentities of several accounts in one search, by their logon names (indexed in AD and
// Samba; an OR of DNs is not, and times out on a large domain). An entry found under another DN
// (moved or renamed since the plan) does not count: the caller sees the account as gone. An LDIF
// export, or an account without a logon name: one read each.
Result<std::map<std::string, Values>> readMany(Directory& directory, const std::string& base,
                                               const std::vector<const MigrationAccount*>& accounts)
{
    std::map<std::string, Values> out;
    std::vector<Filter> any;
    std::vector<std::string> wanted;
    for (const auto* a : accounts) {
        if (directory.writesOffline() || a->samAccountName.empty()) {
            auto v = values::current(directory, a->dn);
            if (v)
                out[dnKey(a->dn)] = std::move(*v);
            else if (v.error().code != ErrorCode::NoSuchEntry)
                return std::unexpected(v.error());
            continue;
        }
        any.push_back(Filter::equals("sAMAccountName", a->samAccountName));
        wanted.push_back(dnKey(a->dn));
    }
    if (any.empty())
        return out;
    std::sort(wanted.begin(), wanted.end());
    SearchRequest request;
    request.base = base;
    request.attributes = {kMappingAttribute};
    request.filter = Filter::any(std::move(any));
    // No paged-results control: a logon name is unique in a domain, so a batch finds at most one
    // entry per account, far under AD's MaxPageSize (1000); and Samba's paging costs more than the
    // search (250 accounts: 75 ms paged, 30 ms not).
    request.pageSize = 0;
    auto found = directory.search(request, [&](Entry&& e) {
        auto key = dnKey(e.dn);
        if (std::binary_search(wanted.begin(), wanted.end(), key))
            out[std::move(key)] = e.values(kMappingAttribute);
        return true;
    });
    if (!found)
        return std::unexpected(found.error());
    return out;
}

std::vector<std::string> missingCi(const std::vector<std::string>& wanted, const Values& have)
{
    std::vector<std::string> out;
    for (const auto& v : wanted)
        if (!values::containsCi(have, v))
            out.push_back(v);
    return out;
}

std::vector<std::string> presentExact(const std::vector<std::string>& wanted, const Values& have)
{
    std::vector<std::string> out;
    for (const auto& v : wanted)
        if (values::containsExact(have, v))
            out.push_back(v);
    return out;
}

// Where an account stands against a step begun by an earlier run: nothing else changed since means
// every value is one it had before or one we add, and every value it had is there unless we remove it.
bool onlyOurs(const Values& current, const Step& s)
{
    for (const auto& v : current)
        if (!values::containsExact(s.before, v) && !values::containsCi(s.add, v))
            return false;
    for (const auto& v : s.before)
        if (!values::containsExact(current, v) && !values::containsExact(s.remove, v))
            return false;
    return true;
}

void count(MigrationProgress& p, AccountOutcome o)
{
    ++p.done;
    if (o == AccountOutcome::Applied || o == AccountOutcome::Resumed || o == AccountOutcome::Undone)
        ++p.applied;
    else if (o == AccountOutcome::Conflict)
        ++p.conflicts;
    else if (o == AccountOutcome::Failed)
        ++p.failed;
}

}  // namespace

bool stopsRun(ErrorCode code)
{
    switch (code) {
    case ErrorCode::DirectoryUnavailable:
    case ErrorCode::DirectoryTimeout:
    case ErrorCode::TlsFailure:
    case ErrorCode::CleartextBindRefused:
    case ErrorCode::EmptyPasswordRefused:
    case ErrorCode::StrongAuthRequired:
    case ErrorCode::AuthenticationFailed:
    case ErrorCode::InsufficientRights:
    case ErrorCode::NtAuthRightsMissing:
    case ErrorCode::Cancelled:
    case ErrorCode::NetworkTimeout:
    case ErrorCode::ConnectFailed:
    case ErrorCode::NameNotResolved:
    case ErrorCode::FileUnwritable:
    case ErrorCode::Internal: return true;
    default: return false;
    }
}

namespace {

Result<MigrationPlan> planOf(const JournalContents& j)
{
    auto plan = readMigrationPlan(j.planFile);
    if (!plan)
        return fail(plan.error().code, "the journal's plan: " + plan.error().detail);
    if (plan->digest() != j.digest)
        return fail(ErrorCode::CorruptData, utf8Path(j.planFile) + ": changed since the journal was started");
    return plan;
}

}  // namespace

Result<MigrationPlan> journalPlan(const std::filesystem::path& journal)
{
    auto j = readJournal(journal);
    if (!j)
        return std::unexpected(j.error());
    return planOf(*j);
}

Result<MigrationRun> applyMigration(Directory& directory, const MigrationPlan& plan,
                                    const std::filesystem::path& journal, const ProgressSink& progress,
                                    std::stop_token stop)
{
    auto dse = directory.rootDse();
    if (!dse)
        return std::unexpected(dse.error());

    MigrationRun run;
    run.offline = directory.writesOffline();
    run.changeFile = directory.changeFile();
    std::error_code ec;
    JournalContents previous;
    if (std::filesystem::exists(journal, ec)) {
        auto j = readJournal(journal);
        if (!j)
            return std::unexpected(j.error());
        if (j->digest != plan.digest())
            return fail(ErrorCode::FileExists,
                        utf8Path(journal) + ": this journal belongs to another plan; resume it with the same plan "
                                            "(or --journal alone), or start a new journal");
        previous = std::move(*j);
        run.resumed = true;
    }
    if (!run.resumed) {
        // A new journal: its header and the plan, created exclusively (never over another run's).
        nlohmann::ordered_json header;
        header["schema"] = kMigrationJournalSchema;
        header["plan"] = plan.digest();
        header["createdAt"] = cert::formatTime(cert::currentTime());
        header["directory"] = directory.describe();
        auto planFile = journal;
        planFile += ".plan.json";
        header["planFile"] = utf8Path(planFile.filename());
        if (auto w = writeFileBy(planFile, [&](const FileSink& sink) { plan.writeJson(sink); }); !w)
            return std::unexpected(w.error());
        if (auto w = writeFile(journal, text::safeDump(header) + "\n", FileAccess::Normal, IfExists::Refuse); !w)
            return std::unexpected(w.error());
    }
    auto writer = JournalWriter::open(journal);
    if (!writer)
        return std::unexpected(writer.error());
    auto& out = **writer;

    // Every plan (computed or read back) has an account to change exactly when its action is add or prune.
    run.progress.total = plan.summary.add + plan.summary.prune;
    const auto report = [&](AccountResult r) {
        count(run.progress, r.outcome);
        run.accounts.push_back(r);
        if (progress)
            progress(run.progress);
    };

    // One batch: re-read, journal, write, read back, journal done. Stops the run on an error that
    // would repeat (returned), or when cancelled (run.cancelled).
    const auto applyBatch = [&](const std::vector<const MigrationAccount*>& batch) -> Result<void> {
        auto current = readMany(directory, dse->defaultNamingContext, batch);
        if (!current)
            return std::unexpected(current.error());

        // 1. Decide and journal each account's step before any write.
        struct Work
        {
            const MigrationAccount* account;
            Values before;
            std::vector<std::string> toAdd, toRemove;
            bool resumed = false;
        };
        std::vector<Work> work;
        for (const auto* a : batch) {
            auto it = current->find(dnKey(a->dn));
            const auto prior = previous.steps.find(dnKey(a->dn));
            const bool inFlight = prior != previous.steps.end() && prior->second.begun;
            std::string conflict;
            if (it == current->end())
                conflict = "the account is gone (deleted, moved or renamed since the plan)";
            else if (inFlight ? !onlyOurs(it->second, prior->second) : !values::sameSet(it->second, a->before))
                conflict = "changed since the plan: nothing written to it";
            if (!conflict.empty()) {
                auto r = record("conflict", a->dn);
                r["detail"] = conflict;
                if (it != current->end())
                    r["current"] = values::toJson(it->second);
                if (auto w = out.write(r); !w)
                    return std::unexpected(w.error());
                report({a->dn,
                        a->samAccountName,
                        AccountOutcome::Conflict,
                        it == current->end() ? Values{} : it->second,
                        {},
                        {},
                        {},
                        conflict});
                continue;
            }
            Work w{a, inFlight ? prior->second.before : it->second, missingCi(a->add, it->second),
                   presentExact(a->remove, it->second), inFlight};
            if (!inFlight) {
                auto r = record("begin", a->dn);
                r["before"] = values::toJson(w.before);
                r["add"] = values::toJson(a->add);
                r["remove"] = values::toJson(a->remove);
                if (auto wr = out.write(r); !wr)
                    return std::unexpected(wr.error());
            }
            work.push_back(std::move(w));
        }
        if (auto s = out.sync(); !s)
            return std::unexpected(s.error());

        // 2. Add. 3. Read back. 4. Prune. 5. Read back, journal done.
        std::vector<Work*> written;
        Result<void> stopping;
        const auto failAccount = [&](Work& w, const Error& e) -> bool {
            if (stopsRun(e.code)) {
                stopping = std::unexpected(e);
                return true;
            }
            auto r = record("failed", w.account->dn);
            r["detail"] = text::printable(e.detail);
            r["error"] = static_cast<int>(e.code);
            (void)out.write(r);
            report({w.account->dn,
                    w.account->samAccountName,
                    AccountOutcome::Failed,
                    w.before,
                    {},
                    {},
                    {},
                    text::printable(e.detail)});
            return false;
        };
        for (auto& w : work) {
            if (stop.stop_requested()) {
                run.cancelled = true;
                break;
            }
            if (!w.toAdd.empty()) {
                auto m = directory.modify(w.account->dn, {{ModificationOp::Add, kMappingAttribute, w.toAdd}});
                if (!m && m.error().code != ErrorCode::ValueExists) {
                    if (failAccount(w, m.error()))
                        break;
                    continue;
                }
            }
            written.push_back(&w);
        }
        const auto readBack = [&]() -> Result<std::map<std::string, Values>> {
            std::vector<const MigrationAccount*> back;
            for (const auto* w : written)
                back.push_back(w->account);
            return readMany(directory, dse->defaultNamingContext, back);
        };
        auto afterAdd = readBack();
        if (!afterAdd)
            return std::unexpected(afterAdd.error());
        std::vector<Work*> verified;
        for (auto* w : written) {
            const auto it = afterAdd->find(dnKey(w->account->dn));
            const auto missing = it == afterAdd->end() ? w->account->add : missingCi(w->account->add, it->second);
            if (!missing.empty()) {
                failAccount(*w, Error{ErrorCode::VerificationFailed, "missing after the write: " + missing.front()});
                continue;
            }
            if (!w->toRemove.empty()) {
                auto m = directory.modify(w->account->dn, {{ModificationOp::Delete, kMappingAttribute, w->toRemove}});
                if (!m && m.error().code != ErrorCode::NoSuchValue) {
                    if (failAccount(*w, m.error()))
                        break;
                    continue;
                }
            }
            verified.push_back(w);
        }
        written = verified;
        // The second read-back only when something was pruned: after adds alone the first one holds.
        const bool pruned =
            std::any_of(written.begin(), written.end(), [](const Work* w) { return !w->toRemove.empty(); });
        auto after = pruned ? readBack() : std::move(afterAdd);
        if (!after)
            return std::unexpected(after.error());
        for (auto* w : written) {
            const auto it = after->find(dnKey(w->account->dn));
            const Values now = it == after->end() ? Values{} : it->second;
            const auto stillThere = presentExact(w->toRemove, now);
            if (!stillThere.empty()) {
                failAccount(
                    *w, Error{ErrorCode::VerificationFailed, "still present after the prune: " + stillThere.front()});
                continue;
            }
            // What this tool wrote, for undo: added values not there before, removed values that were.
            std::vector<std::string> added;
            for (const auto& v : w->account->add)
                if (!values::containsCi(w->before, v))
                    added.push_back(v);
            const auto removed = presentExact(w->account->remove, w->before);
            auto r = record("done", w->account->dn);
            r["added"] = values::toJson(added);
            r["removed"] = values::toJson(removed);
            r["after"] = values::toJson(now);
            if (auto wr = out.write(r); !wr)
                return std::unexpected(wr.error());
            report({w->account->dn, w->account->samAccountName,
                    w->resumed ? AccountOutcome::Resumed : AccountOutcome::Applied, w->before, now, added, removed,
                    w->resumed ? "completed a step an interrupted run had begun" : ""});
        }
        if (auto s = out.sync(); !s)
            return std::unexpected(s.error());
        if (!stopping)
            return std::unexpected(stopping.error());
        return {};
    };

    std::vector<MigrationAccount> batch;
    const auto flush = [&]() -> Result<void> {
        if (batch.empty())
            return {};
        if (stop.stop_requested()) {
            run.cancelled = true;
            return {};
        }
        std::vector<const MigrationAccount*> pointers;
        for (const auto& a : batch)
            pointers.push_back(&a);
        auto r = applyBatch(pointers);
        batch.clear();
        return r;
    };
    for (const auto& a : plan.accounts) {
        if (run.cancelled)
            break;
        if (!a.changes())
            continue;
        // A step earlier runs finished (done or conflict) is not redone.
        auto it = previous.steps.find(dnKey(a.dn));
        if (it != previous.steps.end() && (it->second.done || it->second.conflict)) {
            report({a.dn,
                    a.samAccountName,
                    it->second.done ? AccountOutcome::Resumed : AccountOutcome::Conflict,
                    it->second.before,
                    {},
                    it->second.added,
                    it->second.removed,
                    "finished by an earlier run"});
            continue;
        }
        batch.push_back(a);
        if (batch.size() == kBatch)
            if (auto r = flush(); !r)
                return std::unexpected(r.error());
    }
    if (!run.cancelled)
        if (auto r = flush(); !r)
            return std::unexpected(r.error());
    if (auto e = plan.accounts.error() ? plan.accounts.error() : run.accounts.error())
        return std::unexpected(*e);
    log()->info("migration applied to {}: {} of {} account(s) written, {} conflict(s), {} failed{}; journal {}",
                directory.describe(), run.progress.applied, run.progress.total, run.progress.conflicts,
                run.progress.failed, run.cancelled ? " (cancelled)" : "", utf8Path(journal));
    return run;
}

Result<MigrationRun> undoMigration(Directory& directory, const std::filesystem::path& journal,
                                   const ProgressSink& progress, std::stop_token stop)
{
    auto j = readJournal(journal);
    if (!j)
        return std::unexpected(j.error());
    auto plan = planOf(*j);
    if (!plan)
        return std::unexpected(plan.error());
    // The plan's spelling of each journaled account (and its logon name), for the results.
    std::map<std::string, std::pair<std::string, std::string>> byDn;
    for (const auto& a : plan->accounts)
        if (j->steps.count(dnKey(a.dn)))
            byDn[dnKey(a.dn)] = {a.dn, a.samAccountName};
    if (plan->accounts.error())
        return std::unexpected(*plan->accounts.error());

    // Newest first: the reverse of the order the steps were begun.
    std::vector<std::pair<const std::string*, const Step*>> steps;
    for (const auto& [dn, s] : j->steps)
        if (s.begun && !s.undone && byDn.count(dn))
            steps.emplace_back(&dn, &s);
    std::sort(steps.begin(), steps.end(),
              [](const auto& a, const auto& b) { return a.second->order > b.second->order; });

    auto writer = JournalWriter::open(journal);
    if (!writer)
        return std::unexpected(writer.error());
    MigrationRun run;
    run.offline = directory.writesOffline();
    run.changeFile = directory.changeFile();
    run.progress.total = steps.size();
    for (const auto& [key, s] : steps) {
        if (stop.stop_requested()) {
            run.cancelled = true;
            break;
        }
        const auto& [dn, sam] = byDn[*key];
        Backup backup;
        backup.dn = dn;
        backup.before = s->before;
        if (s->done) {
            backup.added = s->added;
            backup.removed = s->removed;
        } else {  // interrupted between the journal and the end of the step: what it may have written
            for (const auto& v : s->add)
                if (!values::containsCi(s->before, v))
                    backup.added.push_back(v);
            backup.removed = presentExact(s->remove, s->before);
        }
        AccountResult result{dn, sam, AccountOutcome::Undone, {}, {}, {}, {}, ""};
        auto undone = revertBackup(directory, backup);
        if (!undone) {
            if (stopsRun(undone.error().code)) {
                (void)(*writer)->sync();
                return std::unexpected(undone.error());
            }
            result.outcome =
                undone.error().code == ErrorCode::NoSuchEntry ? AccountOutcome::Conflict : AccountOutcome::Failed;
            result.detail = text::printable(undone.error().detail);
        } else {
            result.before = undone->before;
            result.after = undone->after;
            result.added = undone->added;
            result.removed = undone->removed;
            for (const auto& c : undone->changedSince)
                result.detail += (result.detail.empty() ? "" : "; ") + text::printable(c);
            auto r = record("undone", dn);
            r["after"] = values::toJson(undone->after);
            if (auto w = (*writer)->write(r); !w)
                return std::unexpected(w.error());
            if (auto w = (*writer)->sync(); !w)
                return std::unexpected(w.error());
        }
        count(run.progress, result.outcome);
        run.accounts.push_back(result);
        if (progress)
            progress(run.progress);
    }
    if (auto e = run.accounts.error())
        return std::unexpected(*e);
    return run;
}

}  // namespace eascert::directory
