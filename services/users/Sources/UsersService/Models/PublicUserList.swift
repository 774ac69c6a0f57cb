/// `GET /internal/v1/users`: `{items: [public user]}`.
public struct PublicUserList: Codable, Sendable {
    public var items: [PublicUser]
}
