/// The response cache's key of a read: method, path and the query with its parameters in a
/// stable order (by name; values of one name keep their order), so `?a=1&b=2` and `?b=2&a=1`
/// share an entry. Nothing else of the request is in it: the cache answers only anonymous reads
/// and never compresses, so no header varies the answer.
enum CacheKey {
    static func make(method: String, path: String, query: String?) -> String {
        var key = method
        key.reserveCapacity(method.utf8.count + path.utf8.count + (query?.utf8.count ?? 0) + 2)
        key += " "
        key += path
        guard let query, !query.isEmpty else { return key }
        var parameters = query.split(separator: "&", omittingEmptySubsequences: true)
        if parameters.isEmpty { return key }
        if parameters.count > 1 {
            // Stable: sort by name only, keeping the order of repeated names.
            parameters = parameters.enumerated().sorted { lhs, rhs in
                let (l, r) = (name(of: lhs.element), name(of: rhs.element))
                return l == r ? lhs.offset < rhs.offset : l < r
            }.map(\.element)
        }
        key += "?"
        key += parameters.joined(separator: "&")
        return key
    }

    private static func name(of parameter: Substring) -> Substring {
        parameter.firstIndex(of: "=").map { parameter[..<$0] } ?? parameter
    }
}
