/// `draft`, `scheduled` (a future `publishAt`) or `published`.
public enum PostStatus: String, Codable, Sendable, CaseIterable {
    case draft, scheduled, published
}
