/// `POST /api/v1/auth/refresh` and `/logout`: `{refreshToken}`.
public struct RefreshRequest: Codable, Sendable {
    public var refreshToken: String
}
