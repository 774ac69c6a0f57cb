/// `DELETE /api/v1/users/me`: `{password}` (erasure needs the password, not only a token).
public struct DeleteAccountRequest: Codable, Sendable {
    public var password: String
}
