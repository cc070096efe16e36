#include <algorithm>

#include "ReportModel.h"
#include "eascert/support/Text.h"

namespace eascert::report::detail {

namespace {

struct Token
{
    std::string text;
    std::string placeholder;
};

// "CN=usertest1,CN=Users,..." -> "usertest1" (the value of the first RDN).
std::string firstRdnValue(std::string_view dn)
{
    const auto eq = dn.find('=');
    if (eq == std::string_view::npos)
        return {};
    std::string value;
    for (std::size_t i = eq + 1; i < dn.size(); ++i) {
        if (dn[i] == '\\' && i + 1 < dn.size()) {
            value += dn[++i];
            continue;
        }
        if (dn[i] == ',' || dn[i] == '+')
            break;
        value += dn[i];
    }
    return value;
}

// "ldaps://dc1.contoso.test:636 (...)" or "https://eas.contoso.test/..." -> the host.
std::string hostOf(std::string_view text)
{
    const auto scheme = text.find("://");
    if (scheme == std::string_view::npos)
        return {};
    auto rest = text.substr(scheme + 3);
    if (!rest.empty() && rest.front() == '[')
        return std::string(rest.substr(1, rest.find(']') - 1));
    return std::string(rest.substr(0, rest.find_first_of(":/ )")));
}

class Tokens
{
public:
    void add(const std::string& text, const char* kind)
    {
        if (text.size() < 3)
            return;
        const std::string folded = text::foldCase(text);
        for (const auto& t : m_tokens)
            if (text::foldCase(t.text) == folded)
                return;
        const int n = ++m_counts[kind];
        m_tokens.push_back({text, std::string(kind) + "-" + std::to_string(n)});
    }
    void addUser(const std::string& name)
    {
        add(name, "user");
        if (const auto at = name.find('@'); at != std::string::npos) {
            add(name.substr(0, at), "user");
            add(name.substr(at + 1), "host");
        }
    }
    // Longest first, so "usertest1@contoso.test" goes before "usertest1".
    std::vector<Token> sorted() const
    {
        auto out = m_tokens;
        std::stable_sort(out.begin(), out.end(), [](const Token& a, const Token& b) { return a.text.size() > b.text.size(); });
        return out;
    }

private:
    std::vector<Token> m_tokens;
    std::map<std::string, int> m_counts;
};

std::string replaceAll(std::string s, const std::vector<Token>& tokens)
{
    for (const auto& t : tokens) {
        // ASCII case-insensitive search: names in DNs and URLs come in any case.
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

void walk(Json& j, const std::vector<Token>& tokens)
{
    if (j.is_string())
        j = replaceAll(j.get<std::string>(), tokens);
    else if (j.is_structured())
        for (auto& child : j)
            walk(child, tokens);
}

void accountTokens(Tokens& t, const diagnosis::Snapshot& s)
{
    if (s.directory) {
        const auto& a = s.directory->inspection.account;
        t.addUser(a.samAccountName);
        t.addUser(a.userPrincipalName);
        t.addUser(a.mail);
        t.add(firstRdnValue(a.dn), "user");
        for (const auto& o : s.directory->inspection.otherAccounts) {
            t.addUser(o.samAccountName);
            t.addUser(o.userPrincipalName);
            t.add(firstRdnValue(o.dn), "user");
        }
        t.add(hostOf(s.directory->directory), "host");
    }
    if (s.probe) {
        t.add(s.probe->result.url.host, "host");
        t.add(s.probe->result.address, "host");
        for (const auto& c : s.probe->result.tls.serverChain)
            for (const auto& rdn : c.subject.rdns)
                for (const auto& a : rdn.attributes)
                    if (a.shortName == "CN" && a.value.find('.') != std::string::npos)
                        t.add(a.value, "host");
    }
}

} // namespace

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
    for (const auto& rdn : c.subject.rdns)
        for (const auto& a : rdn.attributes)
            if (a.shortName == "CN" || a.shortName == "UID")
                tokens.add(a.value, "user");
    if (content.contains("environment"))
        tokens.addUser(content["environment"].value("ranBy", std::string()));
    const auto sorted = tokens.sorted();
    walk(content, sorted);
    content["environment"]["redacted"] = true;
}

} // namespace eascert::report::detail
