/// The answer to login and refresh: `{accessToken, tokenType: "Bearer", expiresIn, refreshToken, user}`.
public struct TokenPair: Codable, Sendable {
    public var accessToken: String
    public var tokenType: String = "Bearer"
    /// Seconds until the access token expires.
    public var expiresIn: Int
    public var refreshToken: String
    public var user: PrivateUser
}
