import InkwellCore

/// A list answer (API.md "Lists"): `{"items": [...], "nextCursor": "..." | null}`.
public struct Page<Item: Codable & Sendable>: Codable, Sendable {
    public var items: [Item]
    /// Opaque; absent (null) on the last page.
    @Nullable public var nextCursor: String?

    public init(items: [Item], nextCursor: String? = nil) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

extension Page: Equatable where Item: Equatable {}
