/// `POST /api/v1/auth/password-reset`: `{email}`.
public struct PasswordResetRequest: Codable, Sendable {
    public var email: String
}
