/// `GET /api/v1/users/{username}` (composed by the gateway): the public user and up to 10 of
/// their recent post summaries, `{id, username, displayName, bio, createdAt, recentPosts}`.
public struct PublicProfile: Codable, Sendable, Equatable {
    public var user: PublicUser
    public var recentPosts: [PostSummary]

    public init(user: PublicUser, recentPosts: [PostSummary]) {
        self.user = user
        self.recentPosts = recentPosts
    }

    private enum CodingKeys: String, CodingKey { case recentPosts }

    public init(from decoder: any Decoder) throws {
        user = try PublicUser(from: decoder)
        recentPosts = try decoder.container(keyedBy: CodingKeys.self).decode([PostSummary].self, forKey: .recentPosts)
    }

    /// The user's fields and `recentPosts` side by side in one object.
    public func encode(to encoder: any Encoder) throws {
        try user.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(recentPosts, forKey: .recentPosts)
    }
}
