import InkwellServiceKit

/// `PATCH /api/v1/users/me`: `{displayName?, bio?}`; absent or null fields stay as they are.
public struct ProfileUpdate: Codable, Sendable, Equatable {
    public var displayName: String?
    public var bio: String?

    public init(displayName: String? = nil, bio: String? = nil) {
        self.displayName = displayName
        self.bio = bio
    }

    /// Trimmed and checked against API.md's rules; every invalid field is reported at once.
    public func validated() throws(HTTPProblem) -> ProfileUpdate {
        var errors: [FieldError] = []
        let displayName = self.displayName?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let displayName, let message = UserRules.displayNameProblem(displayName) { errors.append(FieldError(field: "displayName", message: message)) }
        if let bio, let message = UserRules.bioProblem(bio) { errors.append(FieldError(field: "bio", message: message)) }
        guard errors.isEmpty else { throw .validation(errors) }
        return ProfileUpdate(displayName: displayName, bio: bio)
    }

    public var isEmpty: Bool { displayName == nil && bio == nil }
}
