import Hummingbird

/// Route middleware for a group whose routes all need the same of their caller, after
/// ``AuthMiddleware``: answers 401/403 problem+json before the handler runs.
public struct AuthRequirementMiddleware: RouterMiddleware {
    public typealias Context = InkwellRequestContext
    let requirements: [AuthRequirement]

    /// All of `requirements` must hold (checked in order: the first failing one answers).
    public init(_ requirements: AuthRequirement...) {
        self.requirements = requirements.isEmpty ? [.user] : requirements
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        for requirement in requirements {
            if let problem = requirement.problem(for: context.user) { throw problem }
        }
        return try await next(request, context)
    }
}
