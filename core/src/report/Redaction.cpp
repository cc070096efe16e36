#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

#include "ReportModel.h"
#include "eascert/support/Log.h"
#include "eascert/support/Text.h"

namespace eascert::report::detail {

namespace {

struct Token
{
    std::string text;
    std::string placeholder;
};

// Containers every domain has: naming them tells nothing, and they are words of the report too.
bool wellKnownContainer(const std::string& value)
{
    static const std::array<const char*, 16> names{"Users",
                                                   "Computers",
                                                   "Builtin",
                                                   "System",
                                                   "Configuration",
                                                   "Services",
                                                   "Public Key Services",
                                                   "NTAuthCertificates",
                                                   "AIA",
                                                   "CDP",
                                                   "Certification Authorities",
                                                   "Enrollment Services",
                                                   "Certificate Templates",
                                                   "Domain Controllers",
                                                   "Managed Service Accounts",
                                                   "Program Data"};
    return std::any_of(names.begin(), names.end(), [&](const char* n) { return text::equalsIgnoreCase(value, n); });
}

// Domain labels that are also words of the report ("test", "mail") or say nothing ("com").
bool commonLabel(const std::string& label)
{
    static const std::array<const char*, 16> words{"com",  "net",      "org",   "local",   "test", "lan",
                                                   "corp", "internal", "intra", "example", "home", "mail",
                                                   "info", "biz",      "int",   "domain"};
    return label.size() < 4 ||
           std::any_of(words.begin(), words.end(), [&](const char* w) { return text::equalsIgnoreCase(label, w); });
}

class Tokens
{
public:
    void add(std::string text, const char* kind)
    {
        text = std::string(text::trim(text));
        if (text.size() < 3 || wellKnownContainer(text))
            return;
        if (text.find('=') != std::string::npos || text.rfind("user-", 0) == 0 || text.rfind("host-", 0) == 0 ||
            text.rfind("name-", 0) == 0 || text.rfind("domain-", 0) == 0)
            return;  // a DN (its parts are added one by one), or a placeholder already
        const std::string folded = text::foldCase(text);
        for (const auto& t : m_tokens)
            if (text::foldCase(t.text) == folded)
                return;
        const int n = ++m_counts[kind];
        m_tokens.push_back({text, std::string(kind) + "-" + std::to_string(n)});
    }
    // "jdoe@contoso.test": the user, the domain, and the domain's own labels.
    void addUser(const std::string& name)
    {
        add(name, "user");
        if (const auto at = name.find('@'); at != std::string::npos) {
            add(name.substr(0, at), "user");
            addDomain(name.substr(at + 1));
        }
    }
    // "contoso.test": the whole name, and every label but the last (a top-level domain says little and
    // "test" or "local" are words of the report).
    void addDomain(const std::string& domain)
    {
        add(domain, "domain");
        std::size_t start = 0;
        for (std::size_t dot; (dot = domain.find('.', start)) != std::string::npos; start = dot + 1)
            if (!commonLabel(domain.substr(start, dot - start)))
                add(domain.substr(start, dot - start), "domain");
    }
    void addHost(const std::string& host)
    {
        // The whole name and its domain; not its first label alone ("mail", "eas" are words too).
        add(host, "host");
        if (const auto dot = host.find('.');
            dot != std::string::npos && !std::isdigit(static_cast<unsigned char>(host[0])))
            addDomain(host.substr(dot + 1));
    }
    // Every component of a DN, in any of its spellings ("CN=x,OU=y,DC=a,DC=b", the display form
    // "CN=x, DC=a", the reversed form inside X509:<I>...<S>...).
    void addDnText(const std::string& s)
    {
        static const std::regex component(
            R"((?:^|[,+;<>\s])(CN|OU|O|L|ST|STREET|DC|E|EMAIL|EMAILADDRESS|UID|SN|G|GN|GIVENNAME|SURNAME|T|TITLE|SERIALNUMBER)=((?:\\.|[^,+;<>\\])+))",
            std::regex::icase);
        std::vector<std::string> dcs;
        for (auto it = std::sregex_iterator(s.begin(), s.end(), component); it != std::sregex_iterator(); ++it) {
            const std::string key = text::toUpperAscii((*it)[1].str());
            std::string value;
            const std::string raw = (*it)[2].str();
            for (std::size_t i = 0; i < raw.size(); ++i)
                value += raw[i] == '\\' && i + 1 < raw.size() ? raw[++i] : raw[i];
            value = std::string(text::trim(value));
            if (key == "DC") {
                dcs.push_back(value);
                if (!commonLabel(value))
                    add(value, "domain");
            } else if (key == "E" || key == "EMAIL" || key == "EMAILADDRESS") {
                addUser(value);
            } else if (key == "CN" && value.find('.') != std::string::npos && value.find(' ') == std::string::npos) {
                addHost(value);
            } else {
                add(value, key == "CN" || key == "UID" || key == "SN" || key == "G" || key == "GN" ? "user" : "name");
            }
        }
        if (dcs.size() >= 2) {
            // Either order: DC=contoso,DC=test or (reversed) DC=test,DC=contoso.
            std::string forward, backward;
            for (std::size_t i = 0; i < dcs.size(); ++i) {
                forward += (i ? "." : "") + dcs[i];
                backward += (i ? "." : "") + dcs[dcs.size() - 1 - i];
            }
            add(forward, "domain");
            add(backward, "domain");
        }
    }
    // Names inside free text: DN components, e-mail addresses and UPNs, and the hosts of URLs.
    // libstdc++'s regex engine recurses once per character: long text is read in overlapping pieces
    // of 1 KiB, so no value from outside (an LDAP value may be megabytes) can exhaust the stack, and
    // an engine error only means fewer names found by pattern (the structured ones are in already).
    void addFromText(const std::string& s)
    {
        constexpr std::size_t piece = 1024, overlap = 200;
        for (std::size_t start = 0; start < s.size(); start += piece - overlap) {
            try {
                addFromPiece(s.substr(start, piece));
            } catch (const std::exception&) {
                log()->debug("redaction: a pattern search gave up on a piece of text");
            }
            if (start + piece >= s.size())
                break;
        }
    }
    void addFromPiece(const std::string& s)
    {
        if (s.find('=') != std::string::npos)
            addDnText(s);
        static const std::regex mail(R"(([A-Za-z0-9._%+-]+)@((?:[A-Za-z0-9-]+\.)+[A-Za-z0-9-]{2,}))");
        for (auto it = std::sregex_iterator(s.begin(), s.end(), mail); it != std::sregex_iterator(); ++it)
            addUser((*it)[0].str());
        static const std::regex url(R"([A-Za-z][A-Za-z0-9+.-]*://\[?([^/:\s\)\]\[]+))");
        for (auto it = std::sregex_iterator(s.begin(), s.end(), url); it != std::sregex_iterator(); ++it)
            addHost((*it)[1].str());
        static const std::regex netbios(R"(\b([A-Za-z][A-Za-z0-9-]{1,14})\\([A-Za-z0-9._-]+))");
        for (auto it = std::sregex_iterator(s.begin(), s.end(), netbios); it != std::sregex_iterator(); ++it) {
            add((*it)[1].str(), "domain");
            add((*it)[2].str(), "user");
        }
    }
    void addName(const cert::DistinguishedName& name)
    {
        for (const auto& rdn : name.rdns)
            for (const auto& a : rdn.attributes) {
                if (a.shortName == "C")
                    continue;
                if (a.shortName == "DC") {
                    if (!commonLabel(a.value))
                        add(a.value, "domain");
                } else if (a.shortName == "CN" && a.value.find('.') != std::string::npos &&
                           a.value.find(' ') == std::string::npos)
                    addHost(a.value);
                else if (a.shortName == "CN" || a.shortName == "UID")
                    add(a.value, "user");
                else if (a.shortName == "emailAddress" || a.shortName == "E")
                    addUser(a.value);
                else
                    add(a.value, "name");
            }
    }
    // Longest first, so "usertest1@contoso.test" goes before "usertest1".
    std::vector<Token> sorted() const
    {
        auto out = m_tokens;
        std::stable_sort(out.begin(), out.end(),
                         [](const Token& a, const Token& b) { return a.text.size() > b.text.size(); });
        return out;
    }

private:
    std::vector<Token> m_tokens;
    std::map<std::string, int> m_counts;
};

std::string replaceAll(std::string s, const std::vector<Token>& tokens)
{
    for (const auto& t : tokens) {
        // Case-insensitive search: names in DNs and URLs come in any case.
        const std::string pattern = text::foldCase(t.text);
        std::string folded = text::foldCase(s);
        if (folded.size() != s.size())
            folded = s;  // folding changed lengths: fall back to an exact search
        std::size_t pos = 0;
        std::string out;
        std::size_t last = 0;
        while ((pos = folded.find(pattern, pos)) != std::string::npos) {
            out.append(s, last, pos - last);
            out += t.placeholder;
            pos += pattern.size();
            last = pos;
        }
        out.append(s, last, std::string::npos);
        s = std::move(out);
    }
    return s;
}

// DC components by structure, whatever their value ("DC=test" too, which as a word stays).
std::string redactDcComponents(const std::string& s, std::map<std::string, std::string>& names, int& count)
{
    if (s.find('=') == std::string::npos)
        return s;
    if (s.size() > 1024) {  // in pieces, cut after a comma, for the same reason as addFromText
        std::string out;
        for (std::size_t start = 0; start < s.size();) {
            std::size_t end = std::min(s.size(), start + 1024);
            if (end < s.size())
                if (const auto comma = s.rfind(',', end); comma != std::string::npos && comma > start)
                    end = comma + 1;
            out += redactDcComponents(s.substr(start, end - start), names, count);
            start = end;
        }
        return out;
    }
    static const std::regex dc(R"((\bDC=)((?:\\.|[^,+;<>\\\s])+))", std::regex::icase);
    std::string out;
    auto last = s.cbegin();
    for (auto it = std::sregex_iterator(s.begin(), s.end(), dc); it != std::sregex_iterator(); ++it) {
        const auto& m = *it;
        out.append(last, m[0].first);
        const std::string value = m[2].str();
        out += m[1].str();
        if (value.rfind("domain-", 0) == 0) {
            out += value;
        } else {
            auto& name = names[text::foldCase(value)];
            if (name.empty())
                name = "domain-part-" + std::to_string(++count);
            out += name;
        }
        last = m[0].second;
    }
    out.append(last, s.cend());
    return out;
}

template <typename F> void eachString(Json& j, const F& f)
{
    if (j.is_string())
        f(j.get_ref<std::string&>());
    else if (j.is_structured())
        for (auto& child : j)
            eachString(child, f);
}

void accountTokens(Tokens& t, const diagnosis::Snapshot& s)
{
    if (s.directory) {
        const auto& a = s.directory->inspection.account;
        t.addUser(a.samAccountName);
        t.addUser(a.userPrincipalName);
        t.addUser(a.mail);
        t.addDnText(a.dn);
        for (const auto& o : s.directory->inspection.otherAccounts) {
            t.addUser(o.samAccountName);
            t.addUser(o.userPrincipalName);
            t.addDnText(o.dn);
        }
        t.addFromText(s.directory->directory);
    }
    // The servers' evidence: the DCs' names, the accounts and addresses the logs name.
    for (const auto& source : s.evidence) {
        for (const auto& e : source.events.events) {
            t.addHost(e.computer);
            for (const auto* field : {"AccountName", "Username", "TargetUserName", "TargetDomainName", "Domain"})
                if (const auto v = e.field(field); !v.empty() && !v.starts_with("X509N:"))
                    t.addUser(std::string(v));
            if (const auto ip = e.field("IpAddress"); !ip.empty())
                t.add(std::string(ip), "host");
        }
        if (source.iis)
            for (const auto& q : source.iis->requests) {
                t.addUser(q.userName);
                t.addUser(q.easUser);
                t.add(q.clientIp, "host");
            }
    }
    if (s.probe) {
        t.addHost(s.probe->result.url.host);
        t.add(s.probe->result.address, "host");
        for (const auto& c : s.probe->result.tls.serverChain) {
            t.addName(c.subject);
            t.addName(c.issuer);
        }
    }
}

}  // namespace

void redact(Json& content, const diagnosis::Session& session)
{
    Tokens tokens;
    accountTokens(tokens, session.before());
    accountTokens(tokens, session.after());
    const auto& c = session.certificateInfo();
    for (const auto& u : c.upns())
        tokens.addUser(u);
    for (const auto& e : c.emails())
        tokens.addUser(e);
    tokens.addName(c.subject);
    tokens.addName(c.issuer);
    for (const auto& link : session.certificate().chainInfo()) {
        tokens.addName(link.subject);
        tokens.addName(link.issuer);
    }
    if (content.contains("environment"))
        tokens.addUser(content["environment"].value("ranBy", std::string()));
    // Then whatever else the evidence names (a server's answer, a CA list, a value in the directory);
    // not the wording or the references, whose hosts (learn.microsoft.com) are no secret.
    const auto scan = [&](std::string& s) { tokens.addFromText(s); };
    for (const char* part : {"certificate", "before", "after", "fix"})
        if (content.contains(part))
            eachString(content[part], scan);
    for (const char* list : {"findings", "findingsAfterFix"})
        if (content.contains(list) && content[list].is_array())
            for (auto& f : content[list]) {
                if (f.contains("evidence"))
                    eachString(f["evidence"], scan);
                if (f.contains("fixValue"))
                    eachString(f["fixValue"], scan);
            }
    const auto sorted = tokens.sorted();
    std::map<std::string, std::string> dcNames;
    int dcCount = 0;
    eachString(content, [&](std::string& s) { s = redactDcComponents(replaceAll(s, sorted), dcNames, dcCount); });
    content["environment"]["redacted"] = true;
}

}  // namespace eascert::report::detail
