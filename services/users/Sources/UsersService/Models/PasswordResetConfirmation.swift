import InkwellServiceKit

/// `POST /api/v1/auth/password-reset/confirm`: `{token, password}`.
public struct PasswordResetConfirmation: Codable, Sendable {
    public var token: String
    public var password: String

    /// 422 naming `password` when it breaks the password rule.
    public func validated() throws(HTTPProblem) -> Self {
        if let message = UserRules.passwordProblem(password) { throw .validation([FieldError(field: "password", message: message)]) }
        return self
    }
}
