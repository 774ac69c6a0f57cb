/// `POST /api/v1/auth/login`: `{login, password}`; `login` is a username or an email.
public struct LoginRequest: Codable, Sendable {
    public var login: String
    public var password: String

    /// The login as looked up: trimmed and lower case (both are stored lower case).
    public var normalizedLogin: String { login.trimmingCharacters(in: .whitespaces).lowercased() }
}
