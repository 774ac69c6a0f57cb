import TestSupport

/// The shared corpus plus text aimed at attributes and links.
enum XSSPayloads {
    static let all: [String] = XSSCorpus.payloads + [
        #"" onmouseover="alert(1)"#, "' onfocus='alert(1)' autofocus='", "</title><script>alert(1)</script>",
        "]]><script>alert(1)</script>", "https://x.test/\"><img src=x onerror=alert(1)>", "\u{0}\u{1}\u{7F}<x>",
    ]
}
