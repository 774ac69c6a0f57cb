/// Counts the links in a comment body the way a spammer writes them, for the moderation policy
/// ("at most 2 links"). The README's "What counts as a link" says the same in prose.
///
/// The body is cut into tokens at white space and at the brackets, quotes and punctuation that
/// surround links in prose (`< > ( ) [ ] { } " ' , ; | ! ? *` and the backtick). A token holds:
/// - one link per `http://` or `https://` in it (case-insensitive, anywhere: `see:https://x.y`,
///   or two glued together, are caught);
/// - otherwise one link when, with leading punctuation and trailing `.`/`:` trimmed, it starts
///   with `www.` followed by something, or its host part (before the first `/`, `?`, `#` or `:`)
///   is a bare domain: at least two dot-separated labels, each non-empty of letters (any
///   script), digits and `-`, the last a top-level domain: two ASCII letters (a country code;
///   `js` and `ts` excepted, file names rather than countries) or one of ``genericDomains``.
///   So `example.com/path`, `spam.biz`, `cheap-pills.ru` count; `e.g.`, `3.14`, `index.html`,
///   `Mr.Smith` do not; an e-mail address (`@` in the host) does not.
///
/// Written over the scalars by hand (no `Regex`: it runs on every write).
public enum LinkCounter {
    /// Top-level domains longer than two letters that count: the common generic ones and the
    /// cheap ones spam is registered under.
    public static let genericDomains: Set<String> = [
        "com", "net", "org", "info", "biz", "edu", "gov", "mil", "int", "name", "pro", "mobi", "asia", "tel", "travel", "jobs",
        "xyz", "top", "online", "site", "shop", "store", "club", "app", "dev", "page", "live", "link", "click", "win", "vip",
        "tech", "space", "website", "fun", "icu", "buzz", "life", "today", "world", "blog", "news", "email", "cloud", "host",
        "loan", "loans", "money", "cash", "bet", "casino", "poker", "porn", "sex", "xxx", "adult", "sexy", "dating", "date",
        "party", "review", "stream", "download", "racing", "men", "work", "rest", "bar", "best", "cam", "cyou", "monster",
        "guru", "zone", "agency", "digital", "network", "solutions", "services", "company", "global", "media", "studio",
    ]
    /// Two-letter endings that are file extensions, not country codes.
    static let notCountryCodes: Set<String> = ["js", "ts"]

    /// The number of links in `text`.
    public static func count(_ text: String) -> Int {
        var total = 0
        for token in text.unicodeScalars.split(whereSeparator: isSeparator) {
            total += links(in: Array(token))
        }
        return total
    }

    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isWhitespace { return true }
        switch scalar {
        case "<", ">", "(", ")", "[", "]", "{", "}", "\"", "'", ",", ";", "|", "!", "?", "*", "`": return true
        default: return false
        }
    }

    /// The links of one token (0, 1, or one per scheme in it).
    static func links(in token: [Unicode.Scalar]) -> Int {
        let lower = token.map(lowercasedASCII)
        let schemes = schemeCount(lower)
        if schemes > 0 { return schemes }
        // Trim what prose puts around a link: leading punctuation, a trailing full stop or colon.
        var start = 0, end = lower.count
        while start < end, !isLabelScalar(lower[start]) { start += 1 }
        while end > start, lower[end - 1] == "." || lower[end - 1] == ":" { end -= 1 }
        guard start < end else { return 0 }
        let trimmed = lower[start..<end]
        if trimmed.starts(with: ["w", "w", "w", "."]), trimmed.count > 4 { return 1 }
        let host = trimmed.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }
        return isBareDomain(host) ? 1 : 0
    }

    /// How many `http://` or `https://` the (lower-cased) token holds.
    static func schemeCount(_ s: [Unicode.Scalar]) -> Int {
        var count = 0
        var i = 0
        while i + 7 <= s.count {
            if s[i] == "h", s[i + 1] == "t", s[i + 2] == "t", s[i + 3] == "p" {
                var j = i + 4
                if j < s.count, s[j] == "s" { j += 1 }
                if j + 3 <= s.count, s[j] == ":", s[j + 1] == "/", s[j + 2] == "/" {
                    count += 1
                    i = j + 3
                    continue
                }
            }
            i += 1
        }
        return count
    }

    static func isBareDomain(_ host: ArraySlice<Unicode.Scalar>) -> Bool {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let tld = labels.last else { return false }
        for label in labels.dropLast() {
            guard !label.isEmpty, label.allSatisfy(isLabelScalar) else { return false }
        }
        guard (2...24).contains(tld.count), tld.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic }) else { return false }
        let name = String(String.UnicodeScalarView(tld))
        if tld.count == 2 { return !notCountryCodes.contains(name) }
        return genericDomains.contains(name)
    }

    /// A letter (any script), digit or `-`: what a domain label is made of.
    static func isLabelScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    static func lowercasedASCII(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard scalar.value >= 0x41, scalar.value <= 0x5A, let lower = Unicode.Scalar(scalar.value + 0x20) else { return scalar }
        return lower
    }
}
