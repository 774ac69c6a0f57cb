import Foundation

/// A single-use email link token as stored: only its hash.
public struct EmailToken: Sendable, Equatable {
    public enum Purpose: String, Sendable {
        case verifyEmail = "verify_email"
        case resetPassword = "reset_password"

        /// API.md: verification links live 48 hours, reset links one hour.
        public var lifetime: TimeInterval {
            switch self {
            case .verifyEmail: 48 * 3600
            case .resetPassword: 3600
            }
        }

        /// The page of the reading site that takes the token.
        public var path: String {
            switch self {
            case .verifyEmail: "/verify-email"
            case .resetPassword: "/reset-password"
            }
        }
    }

    public var hash: String
    public var userId: UUID
    public var purpose: Purpose
    public var expiresAt: Date

    /// A new token for `userId`: the secret (for the link only) and its stored form.
    public static func make(for userId: UUID, purpose: Purpose, now: Date = Date()) -> (secret: String, stored: EmailToken) {
        let secret = OpaqueToken.generate()
        return (secret, EmailToken(hash: OpaqueToken.hash(secret), userId: userId, purpose: purpose, expiresAt: now.addingTimeInterval(purpose.lifetime)))
    }

    /// `{PUBLIC_BASE_URL}/verify-email?token=TOKEN` (or `/reset-password`); base64url needs no escaping.
    public static func link(baseURL: String, purpose: Purpose, secret: String) -> String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)\(purpose.path)?token=\(secret)"
    }
}
