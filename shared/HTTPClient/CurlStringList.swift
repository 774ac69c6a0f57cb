internal import CCurl

/// Owner of one `curl_slist` (request headers, SMTP recipients), freed in `deinit`.
///
/// libcurl does not copy lists: the transfer that passes it to an option keeps this object
/// until the easy handle is reset. Used only on the multi loop's thread, so not `Sendable`.
final class CurlStringList {
    private(set) var raw: UnsafeMutablePointer<curl_slist>?

    init(_ strings: [String] = []) {
        for string in strings { append(string) }
    }

    deinit { curl_slist_free_all(raw) }

    func append(_ string: String) {
        // curl_slist_append copies the string; it returns NULL (leaving the list intact) only
        // when out of memory, which we treat like any other allocation failure.
        guard let grown = curl_slist_append(raw, string) else { fatalError("curl_slist_append: out of memory") }
        raw = grown
    }
}
