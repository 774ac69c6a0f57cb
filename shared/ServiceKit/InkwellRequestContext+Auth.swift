import InkwellAuth

extension InkwellRequestContext {
    /// The caller; 401 (`WWW-Authenticate: Bearer`) for an anonymous request.
    @discardableResult
    public func requireUser() throws(HTTPProblem) -> AuthenticatedUser {
        try require(.user)
    }

    /// The caller if it holds `role` (`admin` implies every role); 401 anonymous, 403 otherwise.
    @discardableResult
    public func requireRole(_ role: Role) throws(HTTPProblem) -> AuthenticatedUser {
        try require(.role(role))
    }

    /// The caller if its email address is verified; 401 anonymous, 403 otherwise.
    @discardableResult
    public func requireVerifiedEmail() throws(HTTPProblem) -> AuthenticatedUser {
        try require(.verifiedEmail)
    }

    /// The caller if it meets `requirement`.
    public func require(_ requirement: AuthRequirement) throws(HTTPProblem) -> AuthenticatedUser {
        if let problem = requirement.problem(for: user) { throw problem }
        // `problem(for:)` is nil only for a user.
        guard let user else { throw .authenticationRequired() }
        return user
    }
}
