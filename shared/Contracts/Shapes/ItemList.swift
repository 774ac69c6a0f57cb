/// An unpaginated list answer: `{"items": [...]}` (tags, internal batch reads).
public struct ItemList<Item: Codable & Sendable>: Codable, Sendable {
    public var items: [Item]
    public init(items: [Item]) { self.items = items }
}

extension ItemList: Equatable where Item: Equatable {}
