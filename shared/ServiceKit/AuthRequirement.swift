import InkwellAuth

/// What a route needs of its caller. A pure decision: ``problem(for:)`` says how a caller falls
/// short, if it does.
public enum AuthRequirement: Sendable, Equatable {
    /// Any signed-in user.
    case user
    /// A user with the role (`admin` implies every role).
    case role(Role)
    /// A user whose email address is verified (writing posts and comments).
    case verifiedEmail

    /// `nil` when `user` meets the requirement; else 401 (no user) or 403 (not allowed).
    public func problem(for user: AuthenticatedUser?) -> HTTPProblem? {
        guard let user else { return .authenticationRequired() }
        switch self {
        case .user:
            return nil
        case .role(let role):
            return user.has(role: role.rawValue) ? nil : HTTPProblem(.forbidden, slug: "missing-role", detail: "This needs the \(role.rawValue) role.")
        case .verifiedEmail:
            return user.emailVerified ? nil : HTTPProblem(.forbidden, slug: "email-not-verified", detail: "Verify your email address first.")
        }
    }
}
