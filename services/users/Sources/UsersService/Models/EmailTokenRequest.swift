/// `POST /api/v1/auth/verify-email`: `{token}`.
public struct EmailTokenRequest: Codable, Sendable {
    public var token: String
}
