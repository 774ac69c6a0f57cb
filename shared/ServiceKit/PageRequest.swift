import Hummingbird

/// `?limit=` and `?cursor=` of a list request (API.md "Lists"): `limit` 1...100 (default 20),
/// `cursor` an opaque ``CursorCodec`` cursor naming the position after which the page starts.
/// Anything else is 400.
public struct PageRequest<Position: Codable & Sendable>: Sendable {
    public static var defaultLimit: Int { 20 }
    public static var limitRange: ClosedRange<Int> { 1...100 }

    /// How many items the page holds at most.
    public let limit: Int
    /// Where the previous page ended; `nil` for the first page.
    public let after: Position?
    let codec: CursorCodec
    let purpose: String

    /// Parses the query of `request`; `purpose` names the list (its cursors fit no other list).
    /// `limits` and `defaultLimit` are API.md's unless a list (an internal export) says otherwise.
    public init(
        _ request: Request, codec: CursorCodec, purpose: String,
        limits: ClosedRange<Int> = limitRange, defaultLimit: Int = defaultLimit
    ) throws(HTTPProblem) {
        let query = request.uri.queryParameters
        try self.init(
            limit: Self.single("limit", query.getAll("limit")), cursor: Self.single("cursor", query.getAll("cursor")), codec: codec, purpose: purpose,
            limits: limits, defaultLimit: defaultLimit
        )
    }

    /// Parses raw parameter values (`nil`: absent).
    public init(
        limit: String?, cursor: String?, codec: CursorCodec, purpose: String,
        limits: ClosedRange<Int> = limitRange, defaultLimit: Int = defaultLimit
    ) throws(HTTPProblem) {
        self.limit = try Self.parseLimit(limit, range: limits, defaultLimit: defaultLimit)
        self.after = try cursor.map { cursor throws(HTTPProblem) in try codec.decode(cursor, as: Position.self, purpose: purpose) }
        self.codec = codec
        self.purpose = purpose
    }

    /// `limit`, strictly: decimal digits only, within `range` (``limitRange`` unless told).
    static func parseLimit(_ raw: String?, range: ClosedRange<Int> = limitRange, defaultLimit: Int = defaultLimit) throws(HTTPProblem) -> Int {
        guard let raw else { return defaultLimit }
        guard !raw.isEmpty, raw.utf8.count <= 6, raw.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let value = Int(raw), range.contains(value)
        else {
            throw HTTPProblem(.badRequest, slug: "invalid-limit", detail: "limit must be a whole number from \(range.lowerBound) to \(range.upperBound).",
                              errors: [FieldError(field: "limit", message: "must be a whole number from \(range.lowerBound) to \(range.upperBound)")])
        }
        return value
    }

    static func single(_ name: String, _ values: [String]) throws(HTTPProblem) -> String? {
        guard values.count <= 1 else { throw .badRequest("\(name) may be given once.") }
        return values.first
    }

    /// The page of `fetched` (query `limit + 1` rows to know whether more follow) and the cursor
    /// of the next page: the position of its last item, `nil` on the last page.
    public func page<Item>(_ fetched: [Item], position: (Item) -> Position) throws -> (items: [Item], nextCursor: String?) {
        guard fetched.count > limit else { return (fetched, nil) }
        let items = Array(fetched.prefix(limit))
        return (items, try items.last.map { try codec.encode(position($0), purpose: purpose) })
    }

    /// The number of rows to fetch: one more than the page, to know whether another follows.
    public var fetchLimit: Int { limit + 1 }
}
