import Foundation
import InkwellServiceKit

/// `POST /api/v1/auth/register`: `{email, username, password, displayName?}`.
public struct RegisterRequest: Codable, Sendable {
    public var email: String
    public var username: String
    public var password: String
    public var displayName: String?

    /// The request normalised (lower-case username and email, trimmed display name) and checked
    /// against API.md's rules; every invalid field is reported at once.
    public func validated() throws(HTTPProblem) -> Registration {
        var errors: [FieldError] = []
        let username = self.username.trimmingCharacters(in: .whitespaces).lowercased()
        let email = self.email.trimmingCharacters(in: .whitespaces).lowercased()
        if let message = UserRules.usernameProblem(username) { errors.append(FieldError(field: "username", message: message)) }
        if let message = UserRules.emailProblem(email) { errors.append(FieldError(field: "email", message: message)) }
        if let message = UserRules.passwordProblem(password) { errors.append(FieldError(field: "password", message: message)) }
        let displayName = self.displayName?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let displayName, let message = UserRules.displayNameProblem(displayName) {
            errors.append(FieldError(field: "displayName", message: message))
        }
        guard errors.isEmpty else { throw .validation(errors) }
        return Registration(email: email, username: username, password: password, displayName: displayName ?? username)
    }
}

/// A registration that passed validation.
public struct Registration: Sendable, Equatable {
    public var email: String
    public var username: String
    public var password: String
    public var displayName: String
}
